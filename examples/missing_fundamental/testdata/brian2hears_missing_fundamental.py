"""brian2hears 0.9.2 on Brian2 2.5.1 (numpy target) running the network of
examples/missing_fundamental: harmonics 3-8 of f0 (no energy at f0), 30
gammatone channels ERB-spaced from 100 Hz to 4 kHz, half-wave
rectification (FunctionFilterbank), Poisson fibres in a FilterbankGroup
(threshold rand() < gain*r*dt, refractory 1 ms), and Licklider's delay
lines: per channel and delay tau (1 to 10 ms in 0.25 ms) a detector
dv/dt = -v/(0.5 ms) receiving its fibre directly and delayed by tau
(v += 0.6, threshold v > 1, refractory 0.5 ms). Writes
brian2hears_missing_fundamental.json: per run f0, seed, the pitch found
(1/the shortest delay of 2.5-10 ms whose summed count is within 15 % of
the largest), the fibre spike count, the detectors' summed counts per
delay, and the wall time from network construction to the end of the run.

PYTHONPATH=<brian2hears 0.9.2 source> /usr/bin/python3 brian2hears_missing_fundamental.py
"""
import json, time
import numpy as np
from brian2 import *
from brian2hears import Sound, Gammatone, FunctionFilterbank, FilterbankGroup, erbspace

prefs.codegen.target = "numpy"
rate = 20000*Hz
duration = 0.5*second
channels = 30
delays = np.arange(4, 41) * 0.25e-3
nd = len(delays)
runs = []
for f0, s in ((200, 1), (200, 2), (200, 3), (250, 2)):
    start_scope()
    seed(s)
    t0 = time.time()
    snd = Sound.harmoniccomplex(f0*Hz, duration, amplitude=[0, 0, 1, 1, 1, 1, 1, 1], samplerate=rate)
    cf = erbspace(100*Hz, 4*kHz, channels)
    gt = Gammatone(snd, cf)
    ihc = FunctionFilterbank(gt, lambda x: np.clip(x, 0, np.inf))
    gain = 3000*Hz
    fibres = FilterbankGroup(ihc, 'r', 'r : 1', threshold='rand() < gain*r*dt', refractory=1*ms, name='fibres')
    det = NeuronGroup(channels*nd, 'dv/dt = -v/(0.5*ms) : 1', threshold='v > 1', reset='v = 0',
                      refractory=0.5*ms, dt=1/rate, method='exact', name='detectors')
    syn = Synapses(fibres, det, on_pre='v_post += 0.6', dt=1/rate, name='lines')
    pre, post, delay = [], [], []
    for c in range(channels):
        for k, d in enumerate(delays):
            pre += [c, c]
            post += [c*nd + k, c*nd + k]
            delay += [0.0, d]
    syn.connect(i=np.array(pre), j=np.array(post))
    syn.delay = np.array(delay)*second
    fm = SpikeMonitor(fibres)
    dm = SpikeMonitor(det)
    run(duration)
    wall = time.time() - t0
    counts = np.bincount(np.asarray(dm.i), minlength=channels*nd)
    summary = counts.reshape(channels, nd).sum(axis=0)
    best = summary[delays >= 2.5e-3].max()
    pitch = next(1/d for d, c in zip(delays, summary) if d >= 2.5e-3 and c >= 0.85*best)
    runs.append({"f0": f0, "seed": s, "pitch": float(pitch), "spikes": int(fm.num_spikes),
                 "summary": [int(x) for x in summary], "wall_s": wall})
    print(runs[-1], flush=True)
json.dump({"brian2": "brian2hears 0.9.2 on Brian2 2.5.1, numpy target", "runs": runs},
          open("brian2hears_missing_fundamental.json", "w"), indent=1)
