"""Brian2 2.5.1's CUBA example (examples/CUBA.py, Vogels & Abbott 2005 as
in Brette et al. 2007), run for several seeds on this machine with
Debian's python3-brian (numpy target); writes brian2_cuba.json with each
run's mean rate, CV of the ISIs pooled over neurons, mean of the neurons' CVs (neurons with 3 spikes or more), and wall time (network construction and run).
/usr/bin/python3 brian2_cuba.py"""
import json, time
import numpy as np
from brian2 import *
prefs.codegen.target = "numpy"
runs = []
for s in (1, 2, 3, 4):
    start_scope()
    seed(s)
    taum = 20*ms; taue = 5*ms; taui = 10*ms
    Vt = -50*mV; Vr = -60*mV; El = -49*mV
    eqs = '''
    dv/dt  = (ge+gi-(v-El))/taum : volt (unless refractory)
    dge/dt = -ge/taue : volt
    dgi/dt = -gi/taui : volt
    '''
    t0 = time.time()
    P = NeuronGroup(4000, eqs, threshold='v>Vt', reset='v = Vr', refractory=5*ms, method='exact')
    P.v = 'Vr + rand() * (Vt - Vr)'
    P.ge = 0*mV; P.gi = 0*mV
    we = (60*0.27/10)*mV; wi = (-20*4.5/10)*mV
    Ce = Synapses(P, P, on_pre='ge += we')
    Ci = Synapses(P, P, on_pre='gi += wi')
    Ce.connect('i<3200', p=0.02)
    Ci.connect('i>=3200', p=0.02)
    s_mon = SpikeMonitor(P)
    run(1 * second)
    wall = time.time() - t0
    trains = s_mon.spike_trains()
    isis = np.concatenate([np.diff(np.asarray(trains[k])) for k in trains if len(trains[k]) > 1])
    cvs = [np.std(np.diff(np.asarray(trains[k]))) / np.mean(np.diff(np.asarray(trains[k]))) for k in trains if len(trains[k]) > 2]
    runs.append({"seed": s, "rate": s_mon.num_spikes / 4000 / 1.0, "cv": float(np.std(isis) / np.mean(isis)),
                 "mean_cv": float(np.mean(cvs)), "wall_s": wall})
    print(runs[-1], flush=True)
json.dump({"brian2": "2.5.1 numpy target", "runs": runs}, open("brian2_cuba.json", "w"), indent=1)
