# Brian2 2.5.1: coupled event-driven synaptic equations (a trace Apre and a
# second trace Bpre driven by it, plus an inhomogeneous x), solved exactly
# between events. Run: /usr/bin/python3 script.py  (writes trace_v.csv, final.csv)
from brian2 import *
import numpy as np
prefs.codegen.target = 'numpy'
inp = SpikeGeneratorGroup(2, [0, 1, 0, 0, 1, 0], [1, 2, 4, 9, 15, 30]*ms)
G = NeuronGroup(1, 'dv/dt = -v/(10*ms) : 1', method='exact')
S = Synapses(inp, G, '''w : 1
dApre/dt = -Apre/(5*ms) : 1 (event-driven)
dBpre/dt = (Apre - Bpre)/(8*ms) : 1 (event-driven)
dx/dt = (1 - x)/(20*ms) + Apre/(50*ms) : 1 (event-driven)''',
             on_pre='''Apre += 1
v_post += w*Bpre + x
x *= 0.5''')
S.connect()
S.w = '1 + i'
M = StateMonitor(G, 'v', record=True)
run(40*ms)
np.savetxt('trace_v.csv', np.column_stack([M.t/second, M.v.T]), delimiter=',', fmt='%.17g')
np.savetxt('final.csv', np.column_stack([S.Apre[:], S.Bpre[:], S.x[:], S.lastupdate[:]/second]), delimiter=',', fmt='%.17g')
