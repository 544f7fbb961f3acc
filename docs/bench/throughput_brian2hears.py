"""Times brian2hears 0.9.2 on the workloads of docs/bench/throughput.md
(Debian's python3-brian, Brian2 2.5.1, with the brian2hears source on the
path):

    PYTHONPATH=/path/to/brian2hears-0.9.2 /usr/bin/python3 \
        docs/bench/throughput_brian2hears.py gammatone|cochleagram [SPEECH60.wav]

gammatone: Gammatone, 3000 channels, erbspace(20 Hz, 20 kHz), 1 s of 44.1 kHz
white noise, process() (the whole output), timed around process() only.
cochleagram: the Brian Hears cochleagram example's chain (Gammatone,
FunctionFilterbank clip(x, 0, inf)**(1/3), LowPass 10 Hz) at 100 channels,
erbspace(50 Hz, 8 kHz) (hears cochleagram's defaults), on the given 60 s
speech WAV (cmd/hears/default_speech.wav repeated 25 times), timed around
process() and around the whole script (import and load included).
Prints one line per run: workload, seconds.
"""
import sys
import time

T0 = time.perf_counter()
import numpy as np  # noqa: E402
from brian2 import Hz, kHz, second  # noqa: E402
import brian2hears as bh  # noqa: E402


def gammatone():
    np.random.seed(1)
    sound = bh.Sound(np.random.randn(44100), samplerate=44100 * Hz)
    cf = bh.erbspace(20 * Hz, 20 * kHz, 3000)
    fb = bh.Gammatone(sound, cf)
    t = time.perf_counter()
    out = fb.process()
    return time.perf_counter() - t, out.shape


def cochleagram(path):
    sound = bh.loadsound(path)
    cf = bh.erbspace(50 * Hz, 8 * kHz, 100)
    gt = bh.Gammatone(sound, cf)
    comp = bh.FunctionFilterbank(gt, lambda x: np.clip(x, 0, np.inf) ** (1.0 / 3.0))
    lp = bh.LowPass(comp, 10 * Hz)
    t = time.perf_counter()
    out = lp.process()
    return time.perf_counter() - t, out.shape


if __name__ == "__main__":
    what = sys.argv[1]
    if what == "gammatone":
        secs, shape = gammatone()
    else:
        secs, shape = cochleagram(sys.argv[2])
    print(f"{what} process() {secs:.3f} s, output {shape}, whole script {time.perf_counter() - T0:.3f} s")
