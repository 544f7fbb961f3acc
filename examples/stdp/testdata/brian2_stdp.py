"""Brian2 2.5.1's STDP example (examples/synapses/STDP.py, Song, Miller &
Abbott 2000) for 100 s on this machine (Debian python3-brian, numpy
target), two seeds (the stored file holds seed 1: the run took 26 minutes). Writes brian2_stdp.json: per run the fractions of
weights above 0.9 gmax and below 0.1 gmax, the output rate in the last 10 s
and the wall time. /usr/bin/python3 brian2_stdp.py"""
import json, sys, time
import numpy as np
from brian2 import *
prefs.codegen.target = "numpy"
runs = []
for s in (1, 2):
    start_scope()
    seed(s)
    N = 1000
    taum = 10*ms; taupre = 20*ms; taupost = taupre; Ee = 0*mV; vt = -54*mV; vr = -60*mV; El = -74*mV; taue = 5*ms
    F = 15*Hz; gmax = .01; dApre = .01; dApost = -dApre * taupre / taupost * 1.05; dApost *= gmax; dApre *= gmax
    eqs_neurons = '''
    dv/dt = (ge * (Ee-v) + El - v) / taum : volt
    dge/dt = -ge / taue : 1
    '''
    t0 = time.time()
    poisson_input = PoissonGroup(N, rates=F)
    neurons = NeuronGroup(1, eqs_neurons, threshold='v>vt', reset='v = vr', method='euler')
    S = Synapses(poisson_input, neurons,
                 '''w : 1
                    dApre/dt = -Apre / taupre : 1 (event-driven)
                    dApost/dt = -Apost / taupost : 1 (event-driven)''',
                 on_pre='''ge += w
                        Apre += dApre
                        w = clip(w + Apost, 0, gmax)''',
                 on_post='''Apost += dApost
                         w = clip(w + Apre, 0, gmax)''')
    S.connect()
    S.w = 'rand() * gmax'
    out = SpikeMonitor(neurons)
    run(100*second)
    wall = time.time() - t0
    w = np.asarray(S.w) / gmax
    late = float(np.sum(np.asarray(out.t_) >= 90.0)) / 10.0
    runs.append({"seed": s, "above_0.9": float(np.mean(w > 0.9)), "below_0.1": float(np.mean(w < 0.1)),
                 "rate": late, "wall_s": wall, "weights": w.tolist()})
    print({k: v for k, v in runs[-1].items() if k != "weights"}, flush=True)
    json.dump({"brian2": "2.5.1 numpy target", "runs": runs}, open("brian2_stdp.json", "w"))
