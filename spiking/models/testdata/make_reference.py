"""Brian2 2.5.1 runs of the library's models (Debian bookworm's
python3-brian, numpy target), stored for spiking/models' tests:
/usr/bin/python3 make_reference.py writes reference.json."""
import json
import numpy as np
from brian2 import *
prefs.codegen.target = "numpy"
out = {}

# AdEx, the eight firing patterns of Naud et al. (2008), Table 1.
patterns = [  # C pF, gL nS, EL mV, VT mV, DeltaT mV, a nS, tauw ms, b pA, Vr mV, I pA
    ("tonic", 200, 10, -70, -50, 2, 2, 30, 0, -58, 500),
    ("adapting", 200, 12, -70, -50, 2, 2, 300, 60, -58, 500),
    ("initial_burst", 130, 18, -58, -50, 2, 4, 150, 120, -50, 400),
    ("regular_bursting", 200, 10, -58, -50, 2, 2, 120, 100, -46, 210),
    ("delayed_accelerating", 200, 12, -70, -50, 2, -10, 300, 0, -58, 300),
    ("delayed_regular_bursting", 100, 10, -65, -50, 2, -10, 90, 30, -47, 110),
    ("transient", 100, 10, -65, -50, 2, 10, 90, 100, -47, 180),
    ("irregular", 100, 12, -60, -50, 2, -11, 130, 30, -48, 160),
]
start_scope()
defaultclock.dt = 0.01 * ms
eqs = """
dvm/dt = (gL*(EL - vm) + gL*DeltaT*exp((vm - VT)/DeltaT) + I - w)/C : volt
dw/dt = (a*(vm - EL) - w)/tauw : amp
C : farad
gL : siemens
EL : volt
VT : volt
DeltaT : volt
a : siemens
tauw : second
b : amp
Vr : volt
I : amp
"""
G = NeuronGroup(len(patterns), eqs, threshold="vm > VT + 5*DeltaT", reset="vm = Vr; w += b", method="euler")
P = np.array([p[1:] for p in patterns], dtype=float)
G.C = P[:, 0] * pF; G.gL = P[:, 1] * nS; G.EL = P[:, 2] * mV; G.VT = P[:, 3] * mV
G.DeltaT = P[:, 4] * mV; G.a = P[:, 5] * nS; G.tauw = P[:, 6] * ms; G.b = P[:, 7] * pA
G.Vr = P[:, 8] * mV; G.I = P[:, 9] * pA
G.vm = "EL"
M = SpikeMonitor(G)
run(500 * ms)
tr = M.spike_trains()
out["adex"] = {"dt": 1e-5, "duration": 0.5,
               "patterns": [{"name": p[0], "spikes": [float(x) for x in tr[k] / second]} for k, p in enumerate(patterns)]}

# Izhikevich (2003): RS, IB, CH, FS, LTS with I = 10, v in mV, t in ms.
regimes = [("RS", 0.02, 0.2, -65, 8), ("IB", 0.02, 0.2, -55, 4), ("CH", 0.02, 0.2, -50, 2),
           ("FS", 0.1, 0.2, -65, 2), ("LTS", 0.02, 0.25, -65, 2)]
start_scope()
defaultclock.dt = 0.01 * ms
G = NeuronGroup(len(regimes), """
dv/dt = (0.04*v**2 + 5*v + 140 - u + I)/ms : 1
du/dt = a*(b*v - u)/ms : 1
a : 1
b : 1
c : 1
d : 1
I : 1
""", threshold="v >= 30", reset="v = c; u += d", method="euler")
R = np.array([r[1:] for r in regimes], dtype=float)
G.a = R[:, 0]; G.b = R[:, 1]; G.c = R[:, 2]; G.d = R[:, 3]; G.I = 10
G.v = -65; G.u = "b*v"
M = SpikeMonitor(G)
run(500 * ms)
tr = M.spike_trains()
out["izhikevich"] = {"dt": 1e-5, "duration": 0.5,
                     "regimes": [{"name": r[0], "spikes": [float(x) for x in tr[k] / second]} for k, r in enumerate(regimes)]}

# Hodgkin-Huxley as Traub & Miles (1991) in COBAHH, f-I curve.
start_scope()
defaultclock.dt = 0.01 * ms
area = 20000 * umetre ** 2
Cm = 1 * ufarad * cm ** -2 * area
gl = 5e-5 * siemens * cm ** -2 * area
El = -60 * mV; EK = -90 * mV; ENa = 50 * mV
g_na = 100 * msiemens * cm ** -2 * area
g_kd = 30 * msiemens * cm ** -2 * area
VT = -63 * mV
currents = np.array([0, 0.05, 0.1, 0.2, 0.4, 0.8, 1.6]) * 1e-9
G = NeuronGroup(len(currents), """
dv/dt = (gl*(El-v) - g_na*(m*m*m)*h*(v-ENa) - g_kd*(n*n*n*n)*(v-EK) + I)/Cm : volt
dm/dt = 0.32*(mV**-1)*4*mV/exprel((13.*mV-v+VT)/(4*mV))/ms*(1-m)-0.28*(mV**-1)*5*mV/exprel((v-VT-40.*mV)/(5*mV))/ms*m : 1
dn/dt = 0.032*(mV**-1)*5*mV/exprel((15.*mV-v+VT)/(5.*mV))/ms*(1.-n)-.5*exp((10.*mV-v+VT)/(40.*mV))/ms*n : 1
dh/dt = 0.128*exp((17.*mV-v+VT)/(18.*mV))/ms*(1.-h)-4./(1+exp((40.*mV-v+VT)/(5.*mV)))/ms*h : 1
I : amp
""", threshold="v > -20*mV", refractory="v > -20*mV", method="exponential_euler")
G.v = El; G.I = currents * amp
M = SpikeMonitor(G)
run(1000 * ms)
cnt = np.zeros(len(currents))
for k, t in zip(M.i, M.t):
    if t >= 200 * ms:
        cnt[k] += 1
out["hh_traub_miles"] = {"dt": 1e-5, "duration": 1.0, "settle": 0.2, "currents": currents.tolist(), "rates": (cnt / 0.8).tolist()}
with open("reference.json", "w") as f:
    json.dump(out, f, indent=0)
