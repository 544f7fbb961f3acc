# Brian2 2.5.1: clock-driven synaptic equations integrated with 'exact'
# (a coupled linear system: g decays, h follows g) and with the default
# method (Brian2's automatic choice also picks exact), driving a summed
# variable. Run: /usr/bin/python3 script.py  (writes trace_h_<method>.csv, trace_I_<method>.csv)
from brian2 import *
import numpy as np
prefs.codegen.target = 'numpy'
for method in ['exact', 'default']:
    inp = SpikeGeneratorGroup(2, [0, 1, 0], [1, 3, 6]*ms)
    G = NeuronGroup(1, 'I : 1')
    kw = {} if method == 'default' else dict(method=method)
    S = Synapses(inp, G, '''dg/dt = -g/(3*ms) : 1 (clock-driven)
dh/dt = (2*g - h)/(7*ms) + 1/second : 1 (clock-driven)
I_post = h : 1 (summed)''', on_pre='g += 1 + i', **kw)
    S.connect()
    Mh = StateMonitor(S, 'h', record=True)
    MI = StateMonitor(G, 'I', record=True)
    net = Network(inp, G, S, Mh, MI)
    net.run(12*ms)
    np.savetxt('trace_h_%s.csv' % method, np.column_stack([Mh.t/second, Mh.h.T]), delimiter=',', fmt='%.17g')
    np.savetxt('trace_I_%s.csv' % method, np.column_stack([MI.t/second, MI.I.T]), delimiter=',', fmt='%.17g')
