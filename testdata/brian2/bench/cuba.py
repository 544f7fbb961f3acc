# Brian2 side of the CUBA benchmark (Brian2's examples/CUBA.py: 4000 LIF
# neurons, exact integration, p = 0.02, 1 s), for BENCHMARKS.md and
# docs/bench/spiking.md beside `go test ./spiking -bench CUBA`.
# Run: /usr/bin/python3 cuba.py {numpy,cython,cpp_standalone}
# Prints the simulation-loop time (Brian2's profiling: the sum over code
# objects), the whole run() call's wall time, the process CPU time from the
# start (imports excluded) and the number of spikes.
import sys, time
t_import = time.process_time()
from brian2 import *

target = sys.argv[1]
c_start, w_start = time.process_time(), time.time()
if target == 'cpp_standalone':
    set_device('cpp_standalone', directory='/tmp/brian2_standalone_cuba', build_on_run=False)
else:
    prefs.codegen.target = target
seed(1)
taum = 20*ms
taue = 5*ms
taui = 10*ms
Vt = -50*mV
Vr = -60*mV
El = -49*mV
eqs = '''
dv/dt  = (ge+gi-(v-El))/taum : volt (unless refractory)
dge/dt = -ge/taue : volt
dgi/dt = -gi/taui : volt
'''
P = NeuronGroup(4000, eqs, threshold='v>Vt', reset='v = Vr', refractory=5*ms, method='exact')
P.v = 'Vr + rand() * (Vt - Vr)'
P.ge = 0*mV
P.gi = 0*mV
we = (60*0.27/10)*mV
wi = (-20*4.5/10)*mV
Ce = Synapses(P, P, on_pre='ge += we')
Ci = Synapses(P, P, on_pre='gi += wi')
Ce.connect('i<3200', p=0.02)
Ci.connect('i>=3200', p=0.02)
s_mon = SpikeMonitor(P)
net = Network(P, Ce, Ci, s_mon)
if target == 'cpp_standalone':
    net.run(1*second, profile=True)
    device.build(directory='/tmp/brian2_standalone_cuba', compile=True, run=False)
    w0 = time.time()
    device.run(directory='/tmp/brian2_standalone_cuba', with_output=True, run_args=[])  # Brian2 2.5.1's signature
    print('standalone binary wall %.3f s' % (time.time() - w0))
else:
    net.run(1*ms)  # compile the code objects
    w0 = time.time()
    net.run(1*second, profile=True)
    print('run() wall %.3f s' % (time.time() - w0))
loop = sum(float(t) for _, t in net.profiling_info)
print('loop (profiling sum) %.3f s' % loop)
print('process CPU since start %.3f s (imports %.3f s excluded)' % (time.process_time() - c_start, t_import))
print('spikes', s_mon.num_spikes)
