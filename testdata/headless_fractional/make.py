#!/usr/bin/python3
"""Writes the reference case for hrtf.Headless with explicit and fractional
ITDs by running brian2hears 0.9.2 itself (HeadlessDatabase, on Debian's
python3-brian 2.5.1, numpy, scipy). brian2hears is not packaged by Debian:
put a checkout of its tag v0.9.2 on the path, e.g.

    git clone -b v0.9.2 https://github.com/brian-team/brian2hears /tmp/b2h
    BRIAN2HEARS=/tmp/b2h /usr/bin/python3 testdata/headless_fractional/make.py

Output: case.json (the calls, ITDs, azimuths, delay offsets, shapes) and
one little-endian float64 file per case holding hrtfset.fir_serial (the
left ears' responses, then the right ears'), row-major.
"""
import json
import os
import sys

sys.path.insert(0, os.environ["BRIAN2HEARS"])
import numpy as np  # noqa: E402
from brian2 import Hz  # noqa: E402
import brian2hears  # noqa: E402

HERE = os.path.dirname(os.path.abspath(__file__))
CASES = {
    "n5_44100_fractional": ("HeadlessDatabase(n=5, samplerate=44100*Hz, fractional_itds=True)",
                            dict(n=5, samplerate=44100 * Hz, fractional_itds=True)),
    "itd_48000_fractional": ("HeadlessDatabase(itd=ITD, samplerate=48000*Hz, fractional_itds=True)",
                             dict(itd=np.array([-300e-6, 0.0, 125e-6, 2 * 3 / 48000.0, 0.05]),
                                  samplerate=48000 * Hz, fractional_itds=True)),
    "itd_44100_whole": ("HeadlessDatabase(itd=ITD, samplerate=44100*Hz)",
                        dict(itd=np.array([-300e-6, 0.0, 125e-6, 650e-6]), samplerate=44100 * Hz)),
}

out = {"reference_implementation": "brian2hears %s on Brian2, numpy %s" % (brian2hears.__version__ if hasattr(brian2hears, "__version__") else "0.9.2", np.__version__),
       "cases": {}}
for name, (call, kw) in CASES.items():
    db = brian2hears.HeadlessDatabase(**kw)
    s = db.load_subject()
    fir = np.ascontiguousarray(s.fir_serial, dtype="<f8")
    fir.tofile(os.path.join(HERE, name + ".f64"))
    c = {"call": call, "itd_s": [float(v) for v in np.asarray(db.itd)],
         "samplerate_Hz": float(db.samplerate), "fir_serial_shape": list(fir.shape)}
    if "azim" in s.coordinates.dtype.names:
        c["azim_rad"] = [float(v) for v in s.coordinates["azim"]]
    if kw.get("fractional_itds"):
        c["delay_offset_s"] = float(db.delay_offset)
    out["cases"][name] = c
with open(os.path.join(HERE, "case.json"), "w") as f:
    json.dump(out, f, indent=1)
    f.write("\n")
