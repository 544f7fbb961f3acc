# Brian2 2.5.1: short-term plasticity (Tsodyks & Markram 1997; the synapse
# model of Brian2's examples/synapses/short_term_plasticity.py) with
# inhomogeneous event-driven equations dx/dt = (1 - x)/taud and
# du/dt = (U - u)/tauf. Fixed input spike trains, one target neuron.
# Run: /usr/bin/python3 script.py  (writes trace_v.csv, final_xu.csv)
from brian2 import *
import numpy as np
prefs.codegen.target = 'numpy'
U, taud, tauf = 0.2, 20*ms, 100*ms
times = np.array([2, 5, 8, 11, 14, 40, 43, 46, 90, 95])*ms
inp = SpikeGeneratorGroup(2, [0, 1, 0, 1, 0, 1, 0, 1, 0, 1], times)
G = NeuronGroup(1, 'dv/dt = -v/(10*ms) : 1', method='exact')
S = Synapses(inp, G, '''w : 1
dx/dt = (1 - x)/taud : 1 (event-driven)
du/dt = (U - u)/tauf : 1 (event-driven)''',
             on_pre='''v_post += w*u*x
x -= u*x
u += U*(1 - u)''')
S.connect()
S.w = '1 + i'
S.x = 1
S.u = U
M = StateMonitor(G, 'v', record=True)
run(120*ms)
np.savetxt('trace_v.csv', np.column_stack([M.t/second, M.v.T]), delimiter=',', fmt='%.17g')
np.savetxt('final_xu.csv', np.column_stack([S.x[:], S.u[:], S.lastupdate[:]/second]), delimiter=',', fmt='%.17g')
