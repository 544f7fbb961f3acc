"""Brian2 2.5.1's COBAHH example (examples/COBAHH.py, Brette et al. 2007
benchmark 3 after Traub & Miles 1991), run for two seeds on this machine
with Debian's python3-brian (numpy target); writes brian2_cobahh.json with
each run's mean rate, the neurons' mean CV and wall time.
/usr/bin/python3 brian2_cobahh.py"""
import json, time
import numpy as np
from brian2 import *
prefs.codegen.target = "numpy"
runs = []
for s in (1, 2):
    start_scope()
    seed(s)
    area = 20000*umetre**2
    Cm = (1*ufarad*cm**-2) * area
    gl = (5e-5*siemens*cm**-2) * area
    El = -60*mV; EK = -90*mV; ENa = 50*mV
    g_na = (100*msiemens*cm**-2) * area
    g_kd = (30*msiemens*cm**-2) * area
    VT = -63*mV
    taue = 5*ms; taui = 10*ms
    Ee = 0*mV; Ei = -80*mV
    we = 6*nS; wi = 67*nS
    eqs = Equations('''
    dv/dt = (gl*(El-v)+ge*(Ee-v)+gi*(Ei-v)-
             g_na*(m*m*m)*h*(v-ENa)-
             g_kd*(n*n*n*n)*(v-EK))/Cm : volt
    dm/dt = alpha_m*(1-m)-beta_m*m : 1
    dn/dt = alpha_n*(1-n)-beta_n*n : 1
    dh/dt = alpha_h*(1-h)-beta_h*h : 1
    dge/dt = -ge*(1./taue) : siemens
    dgi/dt = -gi*(1./taui) : siemens
    alpha_m = 0.32*(mV**-1)*4*mV/exprel((13*mV-v+VT)/(4*mV))/ms : Hz
    beta_m = 0.28*(mV**-1)*5*mV/exprel((v-VT-40*mV)/(5*mV))/ms : Hz
    alpha_h = 0.128*exp((17*mV-v+VT)/(18*mV))/ms : Hz
    beta_h = 4./(1+exp((40*mV-v+VT)/(5*mV)))/ms : Hz
    alpha_n = 0.032*(mV**-1)*5*mV/exprel((15*mV-v+VT)/(5*mV))/ms : Hz
    beta_n = .5*exp((10*mV-v+VT)/(40*mV))/ms : Hz
    ''')
    t0 = time.time()
    P = NeuronGroup(4000, model=eqs, threshold='v>-20*mV', refractory=3*ms, method='exponential_euler')
    Pe = P[:3200]
    Pi = P[3200:]
    Ce = Synapses(Pe, P, on_pre='ge+=we')
    Ci = Synapses(Pi, P, on_pre='gi+=wi')
    Ce.connect(p=0.02)
    Ci.connect(p=0.02)
    P.v = 'El + (randn() * 5 - 5)*mV'
    P.ge = '(randn() * 1.5 + 4) * 10.*nS'
    P.gi = '(randn() * 12 + 20) * 10.*nS'
    s_mon = SpikeMonitor(P)
    run(1 * second)
    wall = time.time() - t0
    trains = s_mon.spike_trains()
    cvs = [np.std(np.diff(np.asarray(trains[k]))) / np.mean(np.diff(np.asarray(trains[k]))) for k in trains if len(trains[k]) > 2]
    runs.append({"seed": s, "rate": s_mon.num_spikes / 4000 / 1.0, "mean_cv": float(np.mean(cvs)), "wall_s": wall})
    print(runs[-1], flush=True)
json.dump({"brian2": "2.5.1 numpy target", "runs": runs}, open("brian2_cobahh.json", "w"), indent=1)
