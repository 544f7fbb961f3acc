# Brian2 side of docs/bench/spiking.md: the two spiking workloads of issue 6.
# Run: /usr/bin/python3 brian2_bench.py {lif,hh} {numpy,cython,cpp_standalone}
# Prints the simulation-loop time (Brian2's profiling of the run) plus the
# process CPU time and the wall time of the whole run() call.
import sys, time
import numpy as np
from brian2 import *

which, target = sys.argv[1], sys.argv[2]
if target == 'cpp_standalone':
    set_device('cpp_standalone', directory='/tmp/brian2_standalone_' + which, build_on_run=False)
else:
    prefs.codegen.target = target
seed(1)
if which == 'lif':
    defaultclock.dt = 1/(44.1*kHz)
    n = 3000
    frames = 4410
    ta = TimedArray(np.random.default_rng(7).uniform(0.5, 1.5, (frames, n)), dt=defaultclock.dt)
    G = NeuronGroup(n, '''dv/dt = (I-v)/(1*ms) + 0.2*xi*(2/(1*ms))**.5 : 1
                          I = ta(t, i) : 1''', threshold='v > 1', reset='v = 0',
                    refractory=5*ms, method='euler')
    S = SpikeMonitor(G)
    net = Network(G, S)
    duration = 100*ms
else:
    defaultclock.dt = 0.1*ms
    n = 4000
    area = 20000*umetre**2
    Cm = (1*ufarad*cm**-2) * area
    gl = (5e-5*siemens*cm**-2) * area
    El = -60*mV
    EK = -90*mV
    ENa = 50*mV
    g_na = (100*msiemens*cm**-2) * area
    g_kd = (30*msiemens*cm**-2) * area
    VT = -63*mV
    eqs = Equations('''
dv/dt = (gl*(El-v) - g_na*(m*m*m)*h*(v-ENa) - g_kd*(n*n*n*n)*(v-EK) + I)/Cm : volt
dm/dt = alpha_m*(1-m)-beta_m*m : 1
dn/dt = alpha_n*(1-n)-beta_n*n : 1
dh/dt = alpha_h*(1-h)-beta_h*h : 1
alpha_m = 0.32*(mV**-1)*4*mV/exprel((13*mV-v+VT)/(4*mV))/ms : Hz
beta_m = 0.28*(mV**-1)*5*mV/exprel((v-VT-40*mV)/(5*mV))/ms : Hz
alpha_h = 0.128*exp((17*mV-v+VT)/(18*mV))/ms : Hz
beta_h = 4./(1+exp((40*mV-v+VT)/(5*mV)))/ms : Hz
alpha_n = 0.032*(mV**-1)*5*mV/exprel((15*mV-v+VT)/(5*mV))/ms : Hz
beta_n = .5*exp((10*mV-v+VT)/(40*mV))/ms : Hz
I : amp
''')
    G = NeuronGroup(n, eqs, threshold='v > -20*mV', refractory=3*ms, method='exponential_euler')
    G.v = 'El + (randn()*5 - 5)*mV'
    G.I = 'rand()*0.5*nA'
    S = SpikeMonitor(G)
    net = Network(G, S)
    duration = 1*second
if target == 'cpp_standalone':
    net.run(duration, profile=True)
    device.build(directory='/tmp/brian2_standalone_' + which, compile=True, run=False)
    c0, w0 = time.process_time(), time.time()
    device.run(directory='/tmp/brian2_standalone_' + which, with_output=False, run_args=[])
    w1 = time.time()
    prof = sum(float(t) for _, t in net.profiling_info)
    print(f'{which} {target}: simulation (profiling sum) {prof:.3f} s, binary wall {w1-w0:.3f} s, spikes {S.num_spikes}')
    sys.exit(0)
# first a tiny run so that code generation / compilation is excluded
net.run(defaultclock.dt)
c0, w0 = time.process_time(), time.time()
net.run(duration, profile=True)
c1, w1 = time.process_time(), time.time()
prof = sum(float(t) for _, t in net.profiling_info)
print(f'{which} {target}: simulation (profiling sum) {prof:.3f} s, run() wall {w1-w0:.3f} s, run() CPU {c1-c0:.3f} s, spikes {S.num_spikes}')
