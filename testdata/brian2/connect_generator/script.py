# Brian2 2.5.1: Synapses.connect with generator syntax (deterministic
# cases). Run: /usr/bin/python3 script.py  (writes case_<k>.csv: i, j)
from brian2 import *
import numpy as np
prefs.codegen.target = 'numpy'
G = NeuronGroup(10, 'x : 1')
G.x = 'i % 4'
H = NeuronGroup(12, 'y : 1')
cases = [
    dict(j='k for k in range(i-3, i+4) if k != i', skip_if_invalid=True),
    dict(j='i'),
    dict(j='k for k in range(i, N_post, 3) if j % 2 == 0'),
    dict(j='k + 1 for k in range(int(x_pre) + 1)'),
    dict(j='N_post - 1 - k for k in range(2*i, 2*i + 3)', skip_if_invalid=True),
]
for n, kw in enumerate(cases):
    S = Synapses(G, H, 'w : 1')
    S.connect(**kw)
    np.savetxt('case_%d.csv' % n, np.column_stack([S.i[:], S.j[:]]), delimiter=',', fmt='%d')
