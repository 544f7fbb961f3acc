"""Brian2 2.5.1's Brunel & Hakim (1999) example
(examples/frompapers/Brunel_Hakim_1999.py), run 0.5 s for three seeds on
this machine with Debian's python3-brian (numpy target). Writes
brian2_brunel_hakim.json: mean rate, and the frequency of the population
oscillation, the peak in 50-300 Hz of the periodogram (Hann window, mean
removed, zero-padded to 2**16 points) of the population rate after 50 ms.
/usr/bin/python3 brian2_brunel_hakim.py"""
import json, time
import numpy as np
from brian2 import *
prefs.codegen.target = "numpy"

def peak(rate, dt, skip=0.05):
    x = np.asarray(rate)[int(round(skip/dt)):]
    x = (x - x.mean()) * np.hanning(len(x))
    p = np.abs(np.fft.rfft(x, 2**16))**2
    f = np.fft.rfftfreq(2**16, dt)
    band = (f >= 50) & (f <= 300)
    return float(f[band][np.argmax(p[band])])

runs = []
for s in (1, 2, 3):
    start_scope()
    seed(s)
    N = 5000; Vr = 10*mV; theta = 20*mV; tau = 20*ms; delta = 2*ms; taurefr = 2*ms
    duration = .5*second; C = 1000; sparseness = float(C)/N; J = .1*mV; muext = 25*mV; sigmaext = 1*mV
    eqs = "dV/dt = (-V+muext + sigmaext * sqrt(tau) * xi)/tau : volt"
    t0 = time.time()
    group = NeuronGroup(N, eqs, threshold='V>theta', reset='V=Vr', refractory=taurefr, method='euler')
    group.V = Vr
    conn = Synapses(group, group, on_pre='V += -J', delay=delta)
    conn.connect(p=sparseness)
    M = SpikeMonitor(group)
    LFP = PopulationRateMonitor(group)
    run(duration)
    wall = time.time() - t0
    runs.append({"seed": s, "rate": M.num_spikes / N / float(duration), "peak_hz": peak(LFP.rate_, float(defaultclock.dt)), "wall_s": wall})
    print(runs[-1], flush=True)
json.dump({"brian2": "2.5.1 numpy target", "runs": runs}, open("brian2_brunel_hakim.json", "w"), indent=1)
