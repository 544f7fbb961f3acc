# Brian2 2.5.1: string and conditional assignment on synaptic variables,
# N_incoming / N_outgoing, and a StateMonitor on Synapses recording
# pre- and postsynaptic variables. Deterministic (no rand()).
# Run: /usr/bin/python3 script.py  (writes synapses.csv, monitor_*.csv)
from brian2 import *
import numpy as np
prefs.codegen.target = 'numpy'
G = NeuronGroup(5, 'dx/dt = -x/(10*ms) : 1', threshold='x > 100')
G.x = 'i*0.5 + 1'
H = NeuronGroup(4, 'y : 1')
H.y = 'i*i'
S = Synapses(G, H, 'w : 1', on_pre='y_post += w')
S.connect(condition='i != j or i == 0')
S.w = 'x_pre + 2*y_post + N_incoming - 0.1*N_outgoing'
S.w['i > j'] = 'w*2 + i - j'
S.delay = '(i + 2*j)*0.3*ms'
np.savetxt('synapses.csv', np.column_stack([S.i[:], S.j[:], S.w[:], S.delay[:]/second,
           S.N_incoming[:], S.N_outgoing[:]]), delimiter=',', fmt='%.17g')
M = StateMonitor(S, ['w', 'x_pre', 'y_post'], record=[0, 3, 7])
run(0.5*ms)
for v in ['w', 'x_pre', 'y_post']:
    np.savetxt('monitor_%s.csv' % v, np.column_stack([M.t/second, getattr(M, v).T]), delimiter=',', fmt='%.17g')
