"""Brian2 2.5.1 (Debian python3-brian, numpy target) runs the Tsodyks–Markram
synapses of examples/tsodyks_stp: a depressing and a facilitating synapse
driven by a 20 Hz train of 8 spikes and a recovery spike 500 ms after the
last, each onto a passive membrane (tau 50 ms) through an exponential
current (tau 3 ms). Writes brian2_stp.json: the released amount u*x of
each spike, and the membrane trace every 0.1 ms.
/usr/bin/python3 brian2_stp.py"""
import json
import numpy as np
from brian2 import *
prefs.codegen.target = "numpy"
defaultclock.dt = 0.1*ms
times = list(0.05 + 0.05*np.arange(8)) + [0.05 + 0.05*7 + 0.5]
G = SpikeGeneratorGroup(1, [0]*len(times), times*second)
post = NeuronGroup(2, '''dv/dt = (-v + Rm*I_syn)/taum : volt
dI_syn/dt = -I_syn/tau_s : amp''', method='exact', namespace={'Rm': 100*Mohm, 'taum': 50*ms, 'tau_s': 3*ms})
S = Synapses(G, post, model='''w : amp
U : 1
tau_d : second
tau_f : second
released : 1
dy/dt = -y/tau_d : 1 (event-driven)
du/dt = -u/tau_f : 1 (event-driven)''', on_pre='''u += U*(1 - u)
released = u*(1 - y)
I_syn_post += w*u*(1 - y)
y += u*(1 - y)''')
S.connect(i=0, j=[0, 1])
S.w = 500*pA
S.U = [0.5, 0.03]
S.tau_d = [800*ms, 130*ms]
S.tau_f = [1*ms, 1530*ms]
M = StateMonitor(post, 'v', record=True)
R = StateMonitor(S, 'released', record=True, when='end')
run(1.0*second)
rel = np.asarray(R.released)
steps = [int(round(t/0.1e-3)) for t in times]
out = {"times": times, "released": [[float(rel[k, s]) for s in steps] for k in range(2)],
       "v": [np.asarray(M.v[k]).tolist() for k in range(2)]}
json.dump(out, open("brian2_stp.json", "w"))
