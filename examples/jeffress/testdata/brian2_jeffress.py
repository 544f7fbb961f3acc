"""Brian2 2.5.1's Jeffress example (examples/frompapers/Jeffress_1948.py:
sound localisation by delay lines and coincidence detectors, a source
turning around the head once a second), run for four seeds on this machine
(Debian python3-brian, numpy target). Writes brian2_jeffress.json: per run
the number of output spikes, the correlation between each spike's neuron
and the neuron whose delay difference matches the source's interaural
delay at that time, (N-1)(1 + sin(theta)/1.1)/2, and the mean absolute
difference between the two (neurons); and the wall time.
/usr/bin/python3 brian2_jeffress.py"""
import json, time
import numpy as np
from brian2 import *
prefs.codegen.target = "numpy"
runs = []
for s in (1, 2, 3, 4):
    start_scope()
    seed(s)
    defaultclock.dt = .02*ms
    t0 = time.time()
    sound = TimedArray(10 * randn(50000), dt=defaultclock.dt)
    sound_speed = 300*metre/second
    interaural_distance = 20*cm
    max_delay = interaural_distance / sound_speed
    angular_speed = 2 * pi / second
    tau_ear = 1*ms
    sigma_ear = .1
    eqs_ears = '''
    dx/dt = (sound(t-delay)-x)/tau_ear+sigma_ear*(2./tau_ear)**.5*xi : 1 (unless refractory)
    delay = distance*sin(theta) : second
    distance : second
    dtheta/dt = angular_speed : radian
    '''
    ears = NeuronGroup(2, eqs_ears, threshold='x>1', reset='x = 0', refractory=2.5*ms, name='ears', method='euler')
    ears.distance = [-.5 * max_delay, .5 * max_delay]
    num_neurons = 30
    tau = 1*ms
    sigma = .1
    eqs_neurons = 'dv/dt = -v / tau + sigma * (2 / tau)**.5 * xi : 1'
    neurons = NeuronGroup(num_neurons, eqs_neurons, threshold='v>1', reset='v = 0', name='neurons', method='euler')
    synapses = Synapses(ears, neurons, on_pre='v += .5')
    synapses.connect()
    synapses.delay['i==0'] = '(1.0*j)/(num_neurons-1)*1.1*max_delay'
    synapses.delay['i==1'] = '(1.0*(num_neurons-j-1))/(num_neurons-1)*1.1*max_delay'
    spikes = SpikeMonitor(neurons)
    run(1000*ms)
    wall = time.time() - t0
    i, t = np.asarray(spikes.i), np.asarray(spikes.t)
    pred = (num_neurons - 1) * (1 + np.sin(2 * np.pi * t) / 1.1) / 2
    runs.append({"seed": s, "spikes": int(len(i)), "corr": float(np.corrcoef(i, pred)[0, 1]),
                 "mae": float(np.mean(np.abs(i - pred))), "wall_s": wall})
    print(runs[-1], flush=True)
json.dump({"brian2": "2.5.1 numpy target", "runs": runs}, open("brian2_jeffress.json", "w"), indent=1)
