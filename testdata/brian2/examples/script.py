# Brian2 2.5.1 (Debian python3-brian, numpy target): four of Brian2's own
# examples, line by line as in brian-team/brian2 examples/, with the
# figures replaced by CSV files for spiking/brian2_examples_test.go.
# Run: /usr/bin/python3 script.py
from brian2 import *
import numpy as np
prefs.codegen.target = 'numpy'

# examples/IF_curve_LIF.py -> if_curve_lif.csv: spike count per neuron
start_scope()
n = 1000
duration = 1*second
tau = 10*ms
eqs = '''
dv/dt = (v0 - v) / tau : volt (unless refractory)
v0 : volt
'''
group = NeuronGroup(n, eqs, threshold='v > 10*mV', reset='v = 0*mV',
                    refractory=5*ms, method='exact')
group.v = 0*mV
group.v0 = '20*mV * i / (n-1)'
monitor = SpikeMonitor(group)
run(duration)
np.savetxt('if_curve_lif.csv', monitor.count[:], fmt='%d')

# examples/synapses/gapjunctions.py -> gapjunctions.csv: t, v[0], v[5], every 5th step
start_scope()
n = 10
v0 = 1.05
tau = 10*ms
eqs = '''
dv/dt = (v0 - v + Igap) / tau : 1
Igap : 1 # gap junction current
'''
neurons = NeuronGroup(n, eqs, threshold='v > 1', reset='v = 0',
                      method='exact')
neurons.v = 'i * 1.0 / (n-1)'
trace = StateMonitor(neurons, 'v', record=[0, 5])
S = Synapses(neurons, neurons, '''
             w : 1 # gap junction conductance
             Igap_post = w * (v_pre - v_post) : 1 (summed)
             ''')
S.connect()
S.w = .02
run(500*ms)
np.savetxt('gapjunctions.csv', np.column_stack([trace.t/second, trace.v[0], trace.v[1]])[::5], delimiter=',', fmt='%.17g')

# examples/frompapers/Hindmarsh_Rose_1984.py -> hindmarsh_rose.csv:
# t, x of the three neurons, every 100th step
start_scope()
time_unit = 1*ms
defaultclock.dt = time_unit/10
x_1 = -1.6  # leftmost equilibrium point of the model without adaptation
a = 1; b = 3; c = 1; d = 5
r = 0.001; s = 4
eqs = '''
dx/dt = (y - a*x**3 + b*x**2 + I - z)/time_unit : 1
dy/dt = (c - d*x**2 - y)/time_unit : 1
dz/dt = r*(s*(x - x_1) - z)/time_unit : 1
I : 1 (constant)
'''
neuron = NeuronGroup(3, eqs, method='rk4')
neuron.x = x_1
neuron.y = 'c - d*x**2'
neuron.z = 'r*(s*(x - x_1))'
neuron.I = [0.4, 2, 4]
mon = StateMonitor(neuron, 'x', record=True)
run(2100*time_unit)
np.savetxt('hindmarsh_rose.csv', np.column_stack([mon.t/second, mon.x.T])[::100], delimiter=',', fmt='%.17g')
defaultclock.dt = 0.1*ms

# examples/synapses/nonlinear.py -> nonlinear.csv: t, g of the two
# synapses, g of the neuron, every 10th step
start_scope()
a = 1 / (10*ms)
b = 1 / (10*ms)
c = 1 / (10*ms)
neuron_input = NeuronGroup(2, 'dv/dt = 1/(10*ms) : 1', threshold='v>1', reset='v = 0',
                    method='euler')
neurons = NeuronGroup(1, """dv/dt = (g-v)/(10*ms) : 1
                            g : 1""", method='exact')
S = Synapses(neuron_input, neurons, '''
                dg_syn/dt = -a*g_syn+b*x*(1-g_syn) : 1 (clock-driven)
                g_post = g_syn : 1 (summed)
                dx/dt=-c*x : 1 (clock-driven)
                w : 1 # synaptic weight
             ''', on_pre='x += w') # NMDA synapses
S.connect()
S.w = [1., 10.]
neuron_input.v = [0., 0.5]
M = StateMonitor(S, 'g',
                 record=np.arange(len(neuron_input)*len(neurons)))
Mn = StateMonitor(neurons, 'g', record=0)
run(1000*ms)
np.savetxt('nonlinear.csv', np.column_stack([M.t/second, M.g.T, Mn.g[0]])[::10], delimiter=',', fmt='%.17g')

# examples/reliability.py's linked_var from a one-neuron group to N
# neurons, with a deterministic input instead of the noisy one (so that
# the run can be compared exactly) -> linked_one.csv: t, v of neurons 0, 2, 4
start_scope()
tau_input = 5*ms
# (named, so that the schedule order - by name within a slot - does not
# depend on how many groups the script made before)
neuron_input = NeuronGroup(1, 'dx/dt = (1.5 - x) / tau_input : 1', method='euler', name='input')
eqs_neurons = '''
dx/dt = (I - x) / tau : 1
tau : second (constant)
I : 1 (linked)
'''
neurons = NeuronGroup(5, model=eqs_neurons, threshold='x > 1',
                      reset='x = 0', refractory=5*ms, method='euler', name='neurons')
neurons.tau = '(i + 2)*ms'
neurons.I = linked_var(neuron_input, 'x')
mon = StateMonitor(neurons, 'x', record=[0, 2, 4])
run(100*ms)
np.savetxt('linked_one.csv', np.column_stack([mon.t/second, mon.x.T])[::5], delimiter=',', fmt='%.17g')
