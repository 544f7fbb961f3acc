# Brian2 2.5.1: a custom event (events={'half': ...}) with run_on_event at
# a chosen slot, an EventMonitor, and a synaptic pathway triggered by the
# event (on_event). Run: /usr/bin/python3 script.py
# (writes events.csv: i, t; trace.csv: t, v, w of 3 neurons; x.csv: final x)
from brian2 import *
import numpy as np
prefs.codegen.target = 'numpy'
G = NeuronGroup(3, '''dv/dt = (2 - v)/(10*ms) : 1
dw/dt = -w/(5*ms) : 1''', threshold='v > 1', reset='v = 0', refractory=2*ms,
                events={'half': 'v > 0.5 and w < 0.1'}, method='exact')
G.v = 'i*0.3'
G.run_on_event('half', 'w += 0.5', when='after_thresholds')
E = EventMonitor(G, 'half')
T = NeuronGroup(3, 'x : 1')
S = Synapses(G, T, on_pre='x_post += 1 + i', on_event='half')
S.connect(j='i')
M = StateMonitor(G, ['v', 'w'], record=True)
run(30*ms)
np.savetxt('events.csv', np.column_stack([E.i[:], E.t/second]), delimiter=',', fmt='%.17g')
np.savetxt('trace.csv', np.column_stack([M.t/second, M.v.T, M.w.T]), delimiter=',', fmt='%.17g')
np.savetxt('x.csv', T.x[:], delimiter=',', fmt='%.17g')
