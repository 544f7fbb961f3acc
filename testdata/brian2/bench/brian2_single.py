# Fixed cost per step in Brian2: one LIF neuron with threshold, reset,
# refractoriness, a SpikeMonitor and a StateMonitor, 10000 steps.
# Run: /usr/bin/python3 brian2_single.py {numpy,cython}
import sys, time
from brian2 import *
prefs.codegen.target = sys.argv[1]
defaultclock.dt = 0.1*ms
G = NeuronGroup(1, 'dv/dt = (1.5 - v)/(10*ms) : 1', threshold='v > 1', reset='v = 0', refractory=2*ms, method='euler')
S = SpikeMonitor(G)
M = StateMonitor(G, 'v', record=True)
net = Network(G, S, M)
net.run(defaultclock.dt)
c0, w0 = time.process_time(), time.time()
net.run(1*second)
print(f'{sys.argv[1]}: {(time.time()-w0)/1e4*1e6:.1f} us/step wall, {(time.process_time()-c0)/1e4*1e6:.1f} us/step CPU')
