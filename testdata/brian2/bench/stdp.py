# Brian2 side of the STDP benchmark (Brian2's examples/synapses/STDP.py:
# 1000 Poisson inputs at 15 Hz -> 1 neuron, 100 s), beside
# `go test ./spiking -bench STDP`. Run: /usr/bin/python3 stdp.py {numpy,cython}
# Prints the run() wall time, the loop time (Brian2's profiling sum) and the
# process CPU time from the start (imports excluded).
import sys, time
from brian2 import *
prefs.codegen.target = sys.argv[1]
c_start = time.process_time()
seed(1)
N = 1000
taum = 10*ms
taupre = 20*ms
taupost = taupre
Ee = 0*mV
vt = -54*mV
vr = -60*mV
El = -74*mV
taue = 5*ms
F = 15*Hz
gmax = .01
dApre = .01
dApost = -dApre * taupre / taupost * 1.05
dApost *= gmax
dApre *= gmax
eqs_neurons = '''
dv/dt = (ge * (Ee-v) + El - v) / taum : volt
dge/dt = -ge / taue : 1
'''
poisson_input = PoissonGroup(N, rates=F)
neurons = NeuronGroup(1, eqs_neurons, threshold='v>vt', reset='v = vr', method='euler')
S = Synapses(poisson_input, neurons,
             '''w : 1
                dApre/dt = -Apre / taupre : 1 (event-driven)
                dApost/dt = -Apost / taupost : 1 (event-driven)''',
             on_pre='''ge += w
                    Apre += dApre
                    w = clip(w + Apost, 0, gmax)''',
             on_post='''Apost += dApost
                     w = clip(w + Apre, 0, gmax)''',
             )
S.connect()
S.w = 'rand() * gmax'
mon = StateMonitor(S, 'w', record=[0, 1])
s_mon = SpikeMonitor(poisson_input)
net = Network(poisson_input, neurons, S, mon, s_mon)
net.run(1*ms)
w0 = time.time()
net.run(100*second, profile=True)
print('run() wall %.3f s' % (time.time() - w0))
print('loop (profiling sum) %.3f s' % sum(float(t) for _, t in net.profiling_info))
print('process CPU since start %.3f s' % (time.process_time() - c_start))
