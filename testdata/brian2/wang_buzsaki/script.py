# Brian2 2.5.1, examples/frompapers/Wang_Buszaki_1996.py (Wang & Buzsaki 1996,
# J. Neurosci. 16(20): 6402-6413): a single interneuron, exponential Euler,
# dt 0.01 ms... as the example but with dt = 0.01 ms set explicitly and 100 ms.
# Run: /usr/bin/python3 script.py  (writes trace_v.csv: t, v in SI units)
from brian2 import *
prefs.codegen.target = 'numpy'
defaultclock.dt = 0.01*ms
Cm = 1*uF  # /cm**2
Iapp = 2*uA
gL = 0.1*msiemens
EL = -65*mV
ENa = 55*mV
EK = -90*mV
gNa = 35*msiemens
gK = 9*msiemens
eqs = '''
dv/dt = (-gNa*m**3*h*(v-ENa)-gK*n**4*(v-EK)-gL*(v-EL)+Iapp)/Cm : volt
m = alpha_m/(alpha_m+beta_m) : 1
alpha_m = 0.1/mV*10*mV/exprel(-(v+35*mV)/(10*mV))/ms : Hz
beta_m = 4*exp(-(v+60*mV)/(18*mV))/ms : Hz
dh/dt = 5*(alpha_h*(1-h)-beta_h*h) : 1
alpha_h = 0.07*exp(-(v+58*mV)/(20*mV))/ms : Hz
beta_h = 1./(exp(-0.1/mV*(v+28*mV))+1)/ms : Hz
dn/dt = 5*(alpha_n*(1-n)-beta_n*n) : 1
alpha_n = 0.01/mV*10*mV/exprel(-(v+34*mV)/(10*mV))/ms : Hz
beta_n = 0.125*exp(-(v+44*mV)/(80*mV))/ms : Hz
'''
neuron = NeuronGroup(1, eqs, method='exponential_euler')
neuron.v = -70*mV
neuron.h = 1
M = StateMonitor(neuron, 'v', record=0)
run(100*ms)
import numpy as np
np.savetxt('trace_v.csv', np.column_stack([M.t/second, M.v[0]/volt]), delimiter=',', fmt='%.17g')
print(neuron.state_updater.abstract_code)
