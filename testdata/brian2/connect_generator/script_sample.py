# Brian2 2.5.1: Synapses.connect(j='... sample(..., size=...)') and a
# condition on a target variable (x_post). Deterministic cases go to
# sample_case_<k>.csv (i, j); the random fixed-size case sample(20, size=5)
# over 4000 sources goes to sample_counts.csv (how often each k was chosen,
# per target k; 1000 expected) and sample_sizes.csv (synapses per source).
# Run: /usr/bin/python3 script_sample.py
from brian2 import *
import numpy as np
prefs.codegen.target = 'numpy'
seed(11)
G = NeuronGroup(10, 'x : 1')
G.x = 'i % 4'
H = NeuronGroup(12, 'y : 1')
H.y = 'i'
cases = [
    dict(j='k for k in sample(N_post, size=N_post)'),
    dict(j='k for k in sample(int(x_pre), size=3)', skip_if_invalid=True),
    dict(j='k for k in sample(N_post, size=0)'),
    dict(j='k for k in sample(0, N_post, 2, p=1)'),
    dict(j='k for k in range(N_post) if y_post > 5 + x_pre'),
    dict(j='N_post - 1 - k for k in sample(3, size=3) if y_post % 3 == 0'),
]
for n, kw in enumerate(cases):
    S = Synapses(G, H, 'w : 1')
    S.connect(**kw)
    np.savetxt('sample_case_%d.csv' % n, np.column_stack([S.i[:], S.j[:]]), delimiter=',', fmt='%d')
A = NeuronGroup(4000, '')
B = NeuronGroup(20, '')
S = Synapses(A, B)
S.connect(j='k for k in sample(N_post, size=5)')
np.savetxt('sample_counts.csv', np.bincount(S.j[:], minlength=20), fmt='%d')
np.savetxt('sample_sizes.csv', np.bincount(S.i[:], minlength=4000), fmt='%d')
# connect(i=...): generators over the targets (sources_case_<k>.csv: i, j
# in Brian2's synapse order).
sources = [
    dict(i='k for k in range(N_pre) if abs(k - j) <= 1 and k != j'),
    dict(i='N_pre - 1 - k for k in range(3) if y_post % 3 == k'),
    dict(i='k for k in sample(N_pre, size=N_pre) if x_pre > 1'),
    dict(i='k - 2 for k in range(N_pre)', skip_if_invalid=True),
]
for n, kw in enumerate(sources):
    S = Synapses(G, H, 'w : 1')
    S.connect(**kw)
    np.savetxt('sources_case_%d.csv' % n, np.column_stack([S.i[:], S.j[:]]), delimiter=',', fmt='%d')
