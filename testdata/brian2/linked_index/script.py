# Brian2 2.5.1: linked_var in every form NeuronGroup accepts. src (5 LIF
# neurons, exact, threshold/reset) is the source; each linking group
# integrates dx/dt = (y - x)/(5*ms) from its linked y:
#   a: linked_var(src, 'v', index=[4, 0, 2])          an index array
#   b: linked_var(src[1:4], 'v', index=[2, 0])        a subgroup through an index
#   c: linked_var(S, 'v_post', index=[5, 0, 3, 1])    a synaptic endpoint (index = synapses)
#   d: linked_var(src, 'c')                           a shared variable
#   e: linked_var(src, 's', index=[1, 4, 4])          a time-dependent subexpression, rk4
#   h: linked_var(a, 'y', index=[2, 0])               a link to a linked variable
# 20 ms, dt 0.1 ms. The linking groups' names sort before 'src', so they
# update before it in the groups slot (they read v of the previous step).
# Run: /usr/bin/python3 script.py  (writes x.csv: t, then x of a(3), b(2),
# c(4), d(3), e(3), h(2); y.csv: t, then y of the same elements; one row
# per step)
from brian2 import *
import numpy as np
prefs.codegen.target = 'numpy'
f = 50*Hz
src = NeuronGroup(5, '''dv/dt = (I - v)/(10*ms) : 1
I : 1
c : 1 (shared)
s = 2*v + i + sin(2*pi*f*t) : 1''', threshold='v > 2.5', reset='v = 0', method='exact', name='src')
src.I = 'i + 1.5'
src.c = 0.25
S = Synapses(src, src, 'w : 1', name='syn')
S.connect(i=[0, 1, 2, 3, 4, 1], j=[4, 3, 2, 1, 0, 0])
model = '''y : 1 (linked)
dx/dt = (y - x)/(5*ms) : 1'''
a = NeuronGroup(3, model, method='exact', name='a')
a.y = linked_var(src, 'v', index=[4, 0, 2])
b = NeuronGroup(2, model, method='exact', name='b')
b.y = linked_var(src[1:4], 'v', index=[2, 0])
c = NeuronGroup(4, model, method='exact', name='c')
c.y = linked_var(S, 'v_post', index=[5, 0, 3, 1])
d = NeuronGroup(3, model, method='exact', name='d')
d.y = linked_var(src, 'c')
e = NeuronGroup(3, model, method='rk4', name='e')
e.y = linked_var(src, 's', index=[1, 4, 4])
h = NeuronGroup(2, model, method='exact', name='h')
h.y = linked_var(a, 'y', index=[2, 0])
groups = [a, b, c, d, e, h]
mons = [StateMonitor(g, ['x', 'y'], record=True) for g in groups]
net = Network(src, S, *groups, *mons)
net.run(20*ms)
t = mons[0].t/second
np.savetxt('x.csv', np.column_stack([t] + [m.x.T for m in mons]), delimiter=',', fmt='%.17g')
np.savetxt('y.csv', np.column_stack([t] + [np.broadcast_to(np.atleast_2d(m.y.T), (len(t), len(g))) if m.y.ndim == 1 else m.y.T for m, g in zip(mons, groups)]), delimiter=',', fmt='%.17g')
