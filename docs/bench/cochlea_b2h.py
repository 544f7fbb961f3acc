"""Times brian2hears 0.9.2's DRNL, DCGC and Tan-Carney (with its Zhang
synapse rate) at 100 channels, update interval 1, on testdata's espeak-ng
utterance (0.74 s at 22.05 kHz) at 70 dB SPL, as BenchmarkModels100 in
cochlea/bench_test.go does (DocS: docs/bench/cochlea.md):

    PYTHONPATH=/path/to/brian2hears-0.9.2 /usr/bin/python3 docs/bench/cochlea_b2h.py

Tan-Carney runs at 50 kHz (the input resampled with scipy's polyphase
resampler, not timed), through MiddleEar, TanCarney and ZhangSynapseRate
(a Brian2 network, numpy target, as brian2hears' own examples run it).
Prints, per model, the wall and CPU seconds of each run and the real-time
factor (sound duration / wall time).
"""
import os
import sys
import time

import numpy as np
from scipy.io import wavfile
from scipy.signal import resample_poly
from brian2 import Hz, kHz, ms, second, prefs, Network, StateMonitor, defaultclock
import brian2hears as bh

prefs.codegen.target = 'numpy'
HERE = os.path.dirname(os.path.abspath(__file__))
rate, x = wavfile.read(os.path.join(HERE, '..', '..', 'testdata', 'sound_files', 'espeak_hears.wav'))
x = x.astype(float) / 32768
N = 100
runs = int(sys.argv[1]) if len(sys.argv) > 1 else 2


def snd(samples, fs):
    return bh.Sound(samples, samplerate=fs * Hz).atlevel(70 * bh.dB)


def timed(name, dur, fn):
    for _ in range(runs):
        w0, c0 = time.perf_counter(), time.process_time()
        fn()
        w, c = time.perf_counter() - w0, time.process_time() - c0
        print(f'{name}: {w:.3f} s wall, {c:.3f} s CPU for {dur:.3f} s of sound: {dur / w:.3f}x real time', flush=True)


s = snd(x, rate)
dur = len(x) / rate
cf50 = bh.erbspace(50 * Hz, 0.25 * rate * Hz, N)
timed('DRNL', dur, lambda: bh.DRNL(s, cf50, type='human').process())
timed('DCGC', dur, lambda: bh.DCGC(s, cf50, update_interval=1).process())

x50 = resample_poly(x, 1000, 441)
s50 = snd(x50, 50000)
cf200 = bh.erbspace(200 * Hz, 0.25 * rate * Hz, N)


def tancarney():
    defaultclock.dt = 1 / (50 * kHz)
    ihc = bh.TanCarney(bh.MiddleEar(s50, gain=1), cf200, update_interval=1)
    syn = bh.ZhangSynapseRate(ihc, cf200)
    mon = StateMonitor(syn, 's', record=[0])
    net = Network(syn, mon)
    net.run(s50.duration)


timed('TanCarney+ZhangSynapseRate', dur, tancarney)
