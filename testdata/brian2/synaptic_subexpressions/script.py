# Brian2 2.5.1: non-summed synaptic subexpressions used in on_pre code, in
# a summed variable and recorded by a StateMonitor on the Synapses, with a
# clock-driven synaptic equation (euler).
# Run: /usr/bin/python3 script.py  (writes trace_gg.csv, trace_v.csv, trace_I.csv)
from brian2 import *
import numpy as np
prefs.codegen.target = 'numpy'
inp = SpikeGeneratorGroup(2, [0, 1, 0, 1], [1, 2, 4, 7]*ms)
G = NeuronGroup(2, 'dv/dt = -v/(10*ms) : 1\nI : 1', method='exact')
S = Synapses(inp, G, '''w : 1
dx/dt = -x/(5*ms) : 1 (clock-driven)
g = w*x : 1
gg = 2*g + w : 1
I_post = gg : 1 (summed)''', on_pre='x += 1\nv_post += g', method='euler')
S.connect()
S.w = '1 + i + 0.5*j'
Mg = StateMonitor(S, 'gg', record=True)
Mv = StateMonitor(G, ['v', 'I'], record=True)
run(10*ms)
np.savetxt('trace_gg.csv', np.column_stack([Mg.t/second, Mg.gg.T]), delimiter=',', fmt='%.17g')
np.savetxt('trace_v.csv', np.column_stack([Mv.t/second, Mv.v.T]), delimiter=',', fmt='%.17g')
np.savetxt('trace_I.csv', np.column_stack([Mv.t/second, Mv.I.T]), delimiter=',', fmt='%.17g')
