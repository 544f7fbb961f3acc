# Brian2 2.5.1: a shared synaptic variable (one value for all synapses)
# read by on_pre code, alone and in a product, changed between two runs.
# Run: /usr/bin/python3 script.py  (writes trace_v.csv)
from brian2 import *
import numpy as np
prefs.codegen.target = 'numpy'
inp = SpikeGeneratorGroup(2, [0, 1, 0, 1], [1, 2, 6, 7]*ms)
G = NeuronGroup(2, 'dv/dt = -v/(10*ms) : 1\nu : 1', method='exact')
S = Synapses(inp, G, 'w : 1\nA : 1 (shared)', on_pre='v_post += w*A\nu_post += A')
S.connect()
S.w = '1 + i + 2*j'
S.A = 0.5
M = StateMonitor(G, ['v', 'u'], record=True)
run(5*ms)
S.A = -0.25
run(5*ms)
np.savetxt('trace_v.csv', np.column_stack([M.t/second, M.v.T, M.u.T]), delimiter=',', fmt='%.17g')
