# Brian2 2.5.1: a linked variable. G2.v = linked_var(G1, 'v'); G2 integrates
# dx/dt = (2*v - x)/(5*ms) from G1's v (updated first in the groups slot:
# 'neurongroup' sorts before 'neurongroup_1'). 20 ms, dt 0.1 ms, exact.
# Run: /usr/bin/python3 script.py  (writes trace_x.csv: t, x of 3 neurons)
from brian2 import *
import numpy as np
prefs.codegen.target = 'numpy'
G1 = NeuronGroup(3, 'dv/dt = (I - v)/(10*ms) : 1\nI : 1', method='exact')
G1.I = 'i + 1'
G2 = NeuronGroup(3, 'v : 1 (linked)\ndx/dt = (2*v - x)/(5*ms) : 1', method='exact')
G2.v = linked_var(G1, 'v')
M = StateMonitor(G2, 'x', record=True)
run(20*ms)
np.savetxt('trace_x.csv', np.column_stack([M.t/second, M.x.T]), delimiter=',', fmt='%.17g')
