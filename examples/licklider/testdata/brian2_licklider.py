"""Brian2 2.5.1's Licklider example (examples/synapses/licklider.py:
Licklider's pitch model, autocorrelation by delay lines, with spiking
phase-locked receptors and a rising pitch), run for four seeds on this
machine (Debian python3-brian, numpy target). The sound is
5 sin(2 pi f t)^3 with f = 200 + 200 t Hz, so its instantaneous frequency
is the phase's derivative, 200 + 400 t Hz. Writes brian2_licklider.json:
per run the number of detector spikes; "frac", the fraction of them from
detectors whose best frequency 1/delay lies within 5 % of the
instantaneous frequency or of its half, third or quarter (the delay lines
locked to the period or its multiples); "corr", the correlation of
log best frequency with log instantaneous frequency over the spikes
within 5 % of the fundamental itself; and the wall time.
/usr/bin/python3 brian2_licklider.py"""
import json, time
import numpy as np
from brian2 import *
prefs.codegen.target = "numpy"


def measure(i, t, bf):
    finst = 200 + 400 * t
    f = bf[i]
    near = np.zeros(len(i), bool)
    for k in (1, 2, 3, 4):
        near |= np.abs(f / (finst / k) - 1) < 0.05
    fund = np.abs(f / finst - 1) < 0.05
    corr = float(np.corrcoef(np.log(f[fund]), np.log(finst[fund]))[0, 1])
    return float(near.mean()), corr


runs = []
for s in (1, 2, 3, 4):
    start_scope()
    seed(s)
    defaultclock.dt = .02 * ms
    t0 = time.time()
    tau_ear = 1*ms
    eqs_ear = '''
    dx/dt = (sound-x)/tau_ear+0.1*(2./tau_ear)**.5*xi : 1 (unless refractory)
    sound = 5*sin(2*pi*frequency*t)**3 : 1
    frequency = (200+200*t*Hz)*Hz : Hz
    '''
    receptors = NeuronGroup(2, eqs_ear, threshold='x>1', reset='x=0', refractory=2*ms, method='euler')
    min_freq = 50*Hz
    max_freq = 1000*Hz
    num_neurons = 300
    tau = 1*ms
    sigma = .1
    eqs_neurons = 'dv/dt = -v/tau+sigma*(2./tau)**.5*xi : 1'
    neurons = NeuronGroup(num_neurons, eqs_neurons, threshold='v>1', reset='v=0', method='euler')
    synapses = Synapses(receptors, neurons, on_pre='v += 0.5')
    synapses.connect()
    synapses.delay = 'i*1.0/exp(log(min_freq/Hz)+(j*1.0/(num_neurons-1))*log(max_freq/min_freq))*second'
    spikes = SpikeMonitor(neurons)
    run(500*ms)
    wall = time.time() - t0
    bf = 1 / np.asarray(synapses.delay[1, :] / second)
    idx, times = np.asarray(spikes.i), np.asarray(spikes.t / second)
    frac, corr = measure(idx, times, bf)
    runs.append({"seed": s, "spikes": int(len(idx)), "frac": frac, "corr": corr, "wall_s": wall})
    print(runs[-1], flush=True)
json.dump({"brian2": "2.5.1 numpy target", "runs": runs}, open("brian2_licklider.json", "w"), indent=1)
