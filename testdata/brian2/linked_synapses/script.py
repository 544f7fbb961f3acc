# Brian2 2.5.1: linked synaptic variables. Brian2 refuses the (linked) flag
# in Synapses and links with Variables.add_reference instead (as its
# examples/synapses/homeostatic_stdp_at_inhibitory_synapes.py does):
#   zl: z of 'third' (3 neurons, like the source) through the presynaptic index
#   q2: q of 'side' (2 neurons, like the target) through the postsynaptic index
#   G:  the subexpression G = H - gamma of the one-neuron group 'gf', index '0'
#       (H jumps at every source spike through the synapses 'agg')
# used in on_pre code and in a clock-driven equation, and recorded.
# 30 ms, dt 0.1 ms. Run: /usr/bin/python3 script.py  (writes syn.csv: t,
# then w of the 5 synapses, k of the 5 synapses, zl, q2, G of the 5
# synapses; tgt.csv: t, g of the 2 target neurons; one row per step)
from brian2 import *
import numpy as np
prefs.codegen.target = 'numpy'
gamma = 0.5
tau_H = 20*ms
src = NeuronGroup(3, 'dv/dt = (I - v)/(10*ms) : 1\nI : 1', threshold='v > 1', reset='v = 0', method='exact', name='src')
src.I = '1.2 + 0.3*i'
tgt = NeuronGroup(2, 'g : 1', name='tgt')
third = NeuronGroup(3, 'dz/dt = (i + 1 - z)/(7*ms) : 1', method='exact', name='third')
side = NeuronGroup(2, 'q : 1', name='side')
side.q = [3, 5]
gf = NeuronGroup(1, '''G = H - gamma : 1
dH/dt = -H/tau_H : 1''', method='exact', name='gf')
gf.H = 2
agg = Synapses(src, gf, on_pre='H_post += 0.1', name='agg')
agg.connect()
S = Synapses(src, tgt, '''w : 1
dk/dt = (zl*G - k)/(4*ms) : 1 (clock-driven)''', on_pre='''w += zl * G * q2
g_post += w''', method='euler', name='syn')
S.connect(i=[0, 1, 2, 2, 0], j=[0, 0, 1, 0, 1])
S.variables.add_reference('zl', third, 'z', index='_presynaptic_idx')
S.variables.add_reference('q2', side, 'q', index='_postsynaptic_idx')
S.variables.add_reference('G', gf, 'G', index='0')
M = StateMonitor(S, ['w', 'k', 'zl', 'q2', 'G'], record=True)
Mt = StateMonitor(tgt, 'g', record=True)
net = Network(src, tgt, third, side, gf, agg, S, M, Mt)
net.run(30*ms)
t = M.t/second
np.savetxt('syn.csv', np.column_stack([t, M.w.T, M.k.T, M.zl.T, M.q2.T, M.G.T]), delimiter=',', fmt='%.17g')
np.savetxt('tgt.csv', np.column_stack([t, Mt.g.T]), delimiter=',', fmt='%.17g')
