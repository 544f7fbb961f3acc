"""Brian2 2.5.1's synfire chain example (examples/frompapers/
Diesmann_et_al_1999.py) on this machine (Debian python3-brian, numpy
target), five seeds. Writes brian2_synfire.json: per run and group the
packet's spike count (spikes within 5 ms of the median time of the group's
spikes after 45 ms) and its spread (standard deviation of those times), and
the number of groups the packet reached (count >= 50).
/usr/bin/python3 brian2_synfire.py"""
import json, time
import numpy as np
from brian2 import *
prefs.codegen.target = "numpy"

def packets(i, t, n_groups=10, size=100):
    out = []
    for g in range(n_groups):
        tg = t[(i // size == g) & (t >= 0.045)]
        if len(tg) == 0:
            out.append({"count": 0, "sd": 0.0, "time": 0.0})
            continue
        m = np.median(tg)
        inpk = tg[np.abs(tg - m) <= 0.005]
        out.append({"count": int(len(inpk)), "sd": float(np.std(inpk)), "time": float(np.mean(inpk))})
    return out

runs = []
for s in (1, 2, 3, 4, 5):
    start_scope()
    seed(s)
    np.random.seed(s)
    Vr = -70*mV; Vt = -55*mV; taum = 10*ms; taupsp = 0.325*ms; weight = 4.86*mV
    eqs = Equations('''
    dV/dt = (-(V-Vr)+x)*(1./taum) : volt
    dx/dt = (-x+y)*(1./taupsp) : volt
    dy/dt = -y*(1./taupsp)+25.27*mV/ms+
            (39.24*mV/ms**0.5)*xi : volt
    ''')
    n_groups = 10; group_size = 100
    t0 = time.time()
    P = NeuronGroup(N=n_groups*group_size, model=eqs, threshold='V>Vt', reset='V=Vr', refractory=1*ms, method='euler')
    Pinput = SpikeGeneratorGroup(85, np.arange(85), np.random.randn(85)*1*ms + 50*ms)
    S = Synapses(P, P, on_pre='y+=weight')
    S.connect(j='k for k in range((int(i/group_size)+1)*group_size, (int(i/group_size)+2)*group_size) if i<N_pre-group_size')
    Sinput = Synapses(Pinput, P[:group_size], on_pre='y+=weight')
    Sinput.connect()
    Mgp = SpikeMonitor(P)
    P.V = 'Vr + rand() * (Vt - Vr)'
    run(100*ms)
    wall = time.time() - t0
    pk = packets(np.asarray(Mgp.i), np.asarray(Mgp.t))
    runs.append({"seed": s, "packets": pk, "reached": int(sum(p["count"] >= 50 for p in pk)), "spikes": int(Mgp.num_spikes), "wall_s": wall})
    print(s, runs[-1]["reached"], [p["count"] for p in pk], flush=True)
json.dump({"brian2": "2.5.1 numpy target", "runs": runs}, open("brian2_synfire.json", "w"), indent=1)
