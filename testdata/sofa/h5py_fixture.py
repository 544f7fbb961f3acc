#!/usr/bin/python3
"""Writes h5py.json: what h5py (Debian's python3-h5py) reads from every SOFA
and HDF5 file of testdata/sofa (with malformed/ and synthetic/) and
testdata/hdf5, and from one-byte flips and truncations of the four
real sets, as digests internal/hdf5's tests compare with.

Run it from the repository root with Debian's python3-h5py installed:

    /usr/bin/python3 testdata/sofa/h5py_fixture.py

A file's digest is the SHA-256 of a canonical serialisation of the root
group's attributes and of every dataset of the root group (its shape, its
values as little-endian float64, its attributes), datasets and attributes in
byte order of their names. Only integers, IEEE floats and strings are
serialised (other attributes, e.g. netCDF's DIMENSION_LIST references, are
skipped on both sides). internal/hdf5/fixture_test.go builds the same
serialisation from our reader; the two must agree byte for byte.

Corruptions: for each real set, 300 offsets (seeded, half within the first
32 KiB where most metadata lies) flipped by XOR 0xff, and 100 truncation
lengths; each entry records h5py's digest or "error" when h5py raised (or
crashed or hung: each variant is read in a child process with a time limit).
"""
import hashlib
import json
import multiprocessing as mp
import multiprocessing.pool
import os
import random
import struct
import sys

import h5py
import numpy as np

HERE = os.path.dirname(os.path.abspath(__file__))
REAL = ["LISTEN_1002_IRC_1002_C_HRIR.sofa", "MIT_KEMAR_large_pinna.sofa",
        "MIT_KEMAR_normal_pinna.sofa", "Pulse.sofa"]

INT, FLOAT, STRING = h5py.h5t.INTEGER, h5py.h5t.FLOAT, h5py.h5t.STRING


def shape_bytes(shape, null):
    if null:
        return b"N"
    return b"".join(struct.pack("<Q", d) for d in shape) + b"|"


def emit_attr(h, obj, name):
    aid = h5py.h5a.open(obj.id, name)
    t = aid.get_type()
    cls = t.get_class()
    if cls not in (INT, FLOAT, STRING):
        return
    null = aid.get_space().get_simple_extent_type() == h5py.h5s.NULL
    h.update(b"A" + name + b"\0" + shape_bytes(aid.shape, null))
    if null:
        return
    if cls == STRING:
        if t.is_variable_str():
            arr = np.array(obj.attrs[name.decode()], dtype=object)
            vals = [v if isinstance(v, bytes) else v.encode("utf-8", "surrogateescape") for v in arr.ravel()]
        else:
            arr = np.empty(aid.shape, dtype="S%d" % t.get_size())
            aid.read(arr)
            vals = list(arr.ravel())
        h.update(b"S" + b"".join(v + b"\0" for v in vals))
    else:
        arr = np.empty(aid.shape, dtype=aid.dtype)
        aid.read(arr)
        h.update(b"F" + np.asarray(arr, dtype="<f8").tobytes())


def digest(path):
    h = hashlib.sha256()
    with h5py.File(path, "r") as f:
        for name in sorted(n.encode() for n in f.attrs.keys()):
            emit_attr(h, f, name)
        for name in sorted(n.encode() for n in f.keys()):
            ds = f[name.decode()]
            if not isinstance(ds, h5py.Dataset):
                continue
            cls = ds.id.get_type().get_class()
            h.update(b"D" + name + b"\0")
            if cls in (INT, FLOAT):
                null = ds.id.get_space().get_simple_extent_type() == h5py.h5s.NULL
                h.update(shape_bytes(ds.shape, null))
                if not null:
                    h.update(b"F" + np.asarray(ds[()], dtype="<f8").tobytes())
            else:
                h.update(b"X")
            for an in sorted(n.encode() for n in ds.attrs.keys()):
                emit_attr(h, ds, an)
    return h.hexdigest()


def _child(path, q):
    try:
        q.put(digest(path))
    except Exception:
        q.put("error")


def safe_digest(path, timeout=20):
    q = mp.Queue()
    p = mp.Process(target=_child, args=(path, q))
    p.start()
    p.join(timeout)
    if p.is_alive():
        p.kill()
        p.join()
        return "error"
    try:
        return q.get(timeout=1)
    except Exception:
        return "error"  # crashed


def variant(args):
    data, kind, at, tmp = args
    b = bytearray(data)
    if kind == "flip":
        b[at] ^= 0xFF
    else:
        b = b[:at]
    with open(tmp, "wb") as f:
        f.write(b)
    try:
        return safe_digest(tmp)
    finally:
        os.remove(tmp)


def main():
    out = {"h5py": h5py.__version__, "hdf5": h5py.version.hdf5_version, "files": {}, "corruptions": {}}
    testdata = os.path.dirname(HERE)
    for sub in ["sofa", "sofa/malformed", "sofa/synthetic", "hdf5"]:
        for n in sorted(os.listdir(os.path.join(testdata, sub))):
            if n.endswith(".sofa") or n.endswith(".h5"):
                key = sub + "/" + n
                out["files"][key] = safe_digest(os.path.join(testdata, key))
                print(key, out["files"][key], file=sys.stderr)
    tmpdir = os.environ.get("TMPDIR", "/tmp")
    for n in REAL:
        data = open(os.path.join(HERE, n), "rb").read()
        rng = random.Random("gohears " + n)
        offs = sorted(set(rng.randrange(len(data)) for _ in range(150)) |
                      set(rng.randrange(min(len(data), 32768)) for _ in range(150)))
        cuts = sorted(set(rng.randrange(len(data)) for _ in range(100)))
        tasks = [(data, "flip", o, os.path.join(tmpdir, "h5fx-%s-f%d" % (n, o))) for o in offs]
        tasks += [(data, "cut", c, os.path.join(tmpdir, "h5fx-%s-c%d" % (n, c))) for c in cuts]
        with mp.pool.ThreadPool(2) as pool:
            res = pool.map(variant, tasks)
        out["corruptions"][n] = [{"kind": t[1], "at": t[2], "digest": r} for t, r in zip(tasks, res)]
        print(n, sum(r != "error" for r in res), "of", len(res), "read by h5py", file=sys.stderr)
    with open(os.path.join(HERE, "h5py.json"), "w") as f:
        json.dump(out, f, indent=0, sort_keys=True)
        f.write("\n")


if __name__ == "__main__":
    main()
