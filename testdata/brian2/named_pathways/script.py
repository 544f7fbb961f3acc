# Brian2 2.5.1: several named pathways in one Synapses, per-pathway delays
# (a scalar for 'up', per-synapse values for 'down' set through S.down.delay)
# and a delayed on_post pathway. Inputs fire at fixed times; the target
# neurons fire when driven (threshold), which triggers on_post.
# Run: /usr/bin/python3 script.py  (writes trace_v.csv, trace_w.csv, spikes.csv)
from brian2 import *
import numpy as np
prefs.codegen.target = 'numpy'
inp = SpikeGeneratorGroup(3, [0, 1, 2, 0, 1, 2, 0], [1, 2, 3, 5, 6, 7, 9]*ms)
G = NeuronGroup(2, 'dv/dt = -v/(5*ms) : 1', threshold='v > 1', reset='v = 0', method='exact')
S = Synapses(inp, G, 'w : 1',
             on_pre={'up': 'v_post += w', 'down': 'v_post -= 0.25*w'},
             on_post={'learn': 'w += 0.1'},
             delay={'up': 0.5*ms, 'learn': 0.3*ms})
S.connect()
S.w = '0.6 + 0.1*i + 0.2*j'
S.down.delay = '(i + j)*0.7*ms'
M = StateMonitor(G, 'v', record=True)
W = StateMonitor(S, 'w', record=True)
sp = SpikeMonitor(G)
run(15*ms)
np.savetxt('trace_v.csv', np.column_stack([M.t/second, M.v.T]), delimiter=',', fmt='%.17g')
np.savetxt('trace_w.csv', np.column_stack([W.t/second, W.w.T]), delimiter=',', fmt='%.17g')
np.savetxt('spikes.csv', np.column_stack([sp.i[:], sp.t/second]), delimiter=',', fmt='%.17g')
