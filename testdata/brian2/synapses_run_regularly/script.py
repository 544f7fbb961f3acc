# Brian2 2.5.1: Synapses.run_regularly changing weights during a run (every
# 2 ms: w = w*0.5 + (i + 1)*t/second), read by on_pre code.
# Run: /usr/bin/python3 script.py  (writes trace_w.csv, trace_v.csv)
from brian2 import *
import numpy as np
prefs.codegen.target = 'numpy'
inp = SpikeGeneratorGroup(2, [0, 1, 0, 1, 0], [1, 3, 5, 7, 9]*ms)
G = NeuronGroup(2, 'dv/dt = -v/(10*ms) : 1', method='exact')
S = Synapses(inp, G, 'w : 1', on_pre='v_post += w')
S.connect()
S.w = '1 + i + j'
S.run_regularly('w = w*0.5 + (i + 1)*t/second', dt=2*ms)
Mw = StateMonitor(S, 'w', record=True)
Mv = StateMonitor(G, 'v', record=True)
run(10*ms)
np.savetxt('trace_w.csv', np.column_stack([Mw.t/second, Mw.w.T]), delimiter=',', fmt='%.17g')
np.savetxt('trace_v.csv', np.column_stack([Mv.t/second, Mv.v.T]), delimiter=',', fmt='%.17g')
