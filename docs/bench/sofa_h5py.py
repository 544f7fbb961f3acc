#!/usr/bin/python3
"""Times h5py (Debian's python3-h5py) reading what hrtf.LoadSOFA reads from
each real SOFA set: the global attributes, Data.IR, Data.SamplingRate,
Data.Delay, SourcePosition (with its Type/Units), ReceiverPosition and
ListenerView, as numpy arrays. Prints ms per load, wall and CPU (best of 5 runs
of 10 loads each) and MB/s of file. Run from the repository root:

    /usr/bin/python3 docs/bench/sofa_h5py.py
"""
import os
import time

import h5py

SETS = ["LISTEN_1002_IRC_1002_C_HRIR", "MIT_KEMAR_normal_pinna", "MIT_KEMAR_large_pinna", "Pulse"]


def load(path):
    with h5py.File(path, "r") as f:
        attrs = {k: f.attrs[k] for k in f.attrs}
        out = {n: f[n][()] for n in ["Data.IR", "Data.SamplingRate", "Data.Delay", "SourcePosition",
                                     "ReceiverPosition", "ListenerView"]}
        sp = dict(f["SourcePosition"].attrs)
    return attrs, out, sp


for name in SETS:
    path = os.path.join("testdata", "sofa", name + ".sofa")
    size = os.path.getsize(path)
    n = 10
    best, cpu = 1e9, 1e9
    for _ in range(5):
        t0, c0 = time.perf_counter(), time.process_time()
        for _ in range(n):
            load(path)
        best = min(best, time.perf_counter() - t0)
        cpu = min(cpu, time.process_time() - c0)
    print("%-30s %8.2f ms/load (CPU %.2f ms)  %7.1f MB/s" % (name, best / n * 1e3, cpu / n * 1e3, size / (best / n) / 1e6))
