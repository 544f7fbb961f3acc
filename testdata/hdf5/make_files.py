#!/usr/bin/python3
"""Writes the small HDF5 and SOFA files internal/hdf5's and hrtf's tests
read: every storage feature the reader supports, written by libhdf5 through
h5py (Debian's python3-h5py), and synthetic SOFA sets for each convention
rule and each refusal. Run from the repository root:

    /usr/bin/python3 testdata/hdf5/make_files.py
    /usr/bin/python3 testdata/sofa/h5py_fixture.py   # then refresh the digests
"""
import os
import shutil

import h5py
import numpy as np

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
H5 = os.path.join(ROOT, "hdf5")
SYN = os.path.join(ROOT, "sofa", "synthetic")


def features():
    rng = np.random.default_rng(1)
    for libver in ["earliest", "v108", "latest"]:
        path = os.path.join(H5, "features_%s.h5" % libver)
        with h5py.File(path, "w", libver=(libver, "latest")) as f:
            f.attrs["title"] = np.bytes_(b"feature test")
            f.attrs["latin1"] = np.bytes_(b"Institut f\xfcr Schallforschung")
            f.attrs.create("vlen", "variable length \u00e9", dtype=h5py.string_dtype("utf-8"))
            f.attrs["ints"] = np.array([1, -2, 3], dtype=">i4")
            f.attrs["float"] = np.float32(0.25)
            f.attrs.create("empty", h5py.Empty("S1"))
            for i in range(12):  # dense attribute storage in new-style files
                f.attrs["a%02d" % i] = float(i)
            f.create_dataset("contiguous", data=rng.standard_normal((5, 7)))
            f.create_dataset("compact", data=np.arange(6, dtype="<i2"),
                             dcpl=None) if False else None
            dcpl = h5py.h5p.create(h5py.h5p.DATASET_CREATE)
            dcpl.set_layout(h5py.h5d.COMPACT)
            sid = h5py.h5s.create_simple((6,))
            h5py.h5d.create(f.id, b"compact", h5py.h5t.STD_I16LE, sid, dcpl=dcpl).write(
                h5py.h5s.ALL, h5py.h5s.ALL, np.arange(6, dtype="<i2"))
            f.create_dataset("chunked_ragged", data=rng.standard_normal((13, 2, 9)), chunks=(5, 1, 4),
                             compression="gzip", shuffle=True)
            f.create_dataset("fletcher", data=rng.standard_normal((10, 3)).astype("<f4"), chunks=(3, 3),
                             fletcher32=True, compression="gzip")
            f.create_dataset("bigendian", data=np.arange(20, dtype=">f8").reshape(4, 5), chunks=(2, 2))
            f.create_dataset("single_chunk", data=rng.standard_normal((4, 4)), chunks=(4, 4), compression="gzip")
            f.create_dataset("unlimited1", data=rng.standard_normal((37, 3)), chunks=(2, 3), maxshape=(None, 3),
                             compression="gzip")
            f.create_dataset("unlimited1_plain", data=rng.standard_normal((700,)), chunks=(1,), maxshape=(None,))
            f.create_dataset("unlimited2", data=rng.standard_normal((9, 11)), chunks=(2, 3), maxshape=(None, None),
                             compression="gzip")
            f.create_dataset("many_chunks", data=rng.standard_normal(2100), chunks=(1,), compression="gzip")
            sparse = f.create_dataset("sparse", shape=(10, 10), chunks=(3, 3), fillvalue=-7.5, dtype="<f8")
            sparse[4, 4] = 1.0
            d = f.create_dataset("uint8", data=np.arange(250, dtype="u1"))
            d.attrs["units"] = np.bytes_(b"counts")
            f.create_dataset("scalar", data=np.float64(3.5))
            for i in range(10):  # dense link storage in new-style files
                f.create_dataset("z%02d" % i, data=np.full(3, i, dtype="<i8"))
            dcpl = h5py.h5p.create(h5py.h5p.DATASET_CREATE)
            dcpl.set_chunk((4,))
            dcpl.set_alloc_time(h5py.h5d.ALLOC_TIME_EARLY)
            sid = h5py.h5s.create_simple((10,))
            h5py.h5d.create(f.id, b"implicit", h5py.h5t.IEEE_F64LE, sid, dcpl=dcpl).write(
                h5py.h5s.ALL, h5py.h5s.ALL, np.arange(10, dtype="<f8"))


def sofa(name, edit=None, n=4):
    """A SimpleFreeFieldHRIR 1.0 set of 3 directions × 2 receivers × n taps
    at 8 kHz; edit(f) changes it before closing."""
    path = os.path.join(SYN, name)
    with h5py.File(path, "w") as f:
        for k, v in [("Conventions", "SOFA"), ("Version", "1.0"), ("SOFAConventions", "SimpleFreeFieldHRIR"),
                     ("SOFAConventionsVersion", "1.0"), ("DataType", "FIR"), ("RoomType", "free field"),
                     ("ListenerShortName", "synthetic"), ("DatabaseName", "gohears tests")]:
            f.attrs[k] = np.bytes_(v.encode())
        ir = np.zeros((3, 2, n))
        ir[0, 0, 0], ir[0, 1, 1] = 1, 0.5
        ir[1, 0, 1], ir[1, 1, 2] = 1, 1
        ir[2, 0, 0], ir[2, 1, 3] = 0.25, 0.75
        f.create_dataset("Data.IR", data=ir, chunks=(3, 1, n), compression="gzip", shuffle=True)
        sr = f.create_dataset("Data.SamplingRate", data=[8000.0])
        sr.attrs["Units"] = np.bytes_(b"hertz")
        f.create_dataset("Data.Delay", data=[[0.0, 2.0]])
        rp = f.create_dataset("ReceiverPosition", data=[[0, -0.09, 0], [0, 0.09, 0]])
        rp.attrs["Type"], rp.attrs["Units"] = np.bytes_(b"cartesian"), np.bytes_(b"metre")
        sp = f.create_dataset("SourcePosition", data=[[1.0, 0, 0], [0, 2, 0], [0, -1, 1]])
        sp.attrs["Type"], sp.attrs["Units"] = np.bytes_(b"cartesian"), np.bytes_(b"metre")
        if edit:
            edit(f)


def replace(name, data, **attrs):
    def edit(f):
        old = dict(f[name].attrs)
        del f[name]
        d = f.create_dataset(name, data=data)
        for k, v in {**old, **attrs}.items():
            d.attrs[k] = v
    return edit


def setattr_(k, v):
    def edit(f):
        f.attrs[k] = np.bytes_(v)
    return edit


def synthetic():
    sofa("ok.sofa")
    sofa("latin1.sofa", setattr_("ListenerShortName", b"K\xfcnstkopf"))
    sofa("v04.sofa", setattr_("SOFAConventionsVersion", b"0.4"))
    sofa("generalfir.sofa", setattr_("SOFAConventions", b"GeneralFIR"))
    sofa("spherical_degree.sofa", replace("SourcePosition", [[0, 0, 1.2], [270, -30, 1.2], [180, 90, 1.2]],
                                          Type=np.bytes_(b"spherical"), Units=np.bytes_(b"degree, degree, metre")))
    sofa("spherical_radian.sofa", replace("SourcePosition", [[0, 0, 1.2], [1.5 * np.pi, -np.pi / 6, 1.2], [np.pi, np.pi / 2, 1.2]],
                                          Type=np.bytes_(b"spherical"), Units=np.bytes_(b"radian, radian, metre")))
    sofa("delay_per_measurement.sofa", replace("Data.Delay", [[0.0, 1.0], [2.0, 0.0], [0.0, 0.0]]))
    # refusals
    sofa("bad_convention.sofa", setattr_("SOFAConventions", b"SingleRoomDRIR"))
    sofa("bad_datatype.sofa", setattr_("DataType", b"TF"))
    sofa("no_ir.sofa", lambda f: f.__delitem__("Data.IR"))
    sofa("no_sources.sofa", lambda f: f.__delitem__("SourcePosition"))
    sofa("three_receivers.sofa", replace("Data.IR", np.ones((3, 3, 4))))
    nan = np.zeros((3, 2, 4)); nan[0, 0, 1] = np.nan
    sofa("nan_tap.sofa", replace("Data.IR", nan))
    inf = np.zeros((3, 2, 4)); inf[1, 1, 3] = np.inf
    sofa("inf_tap.sofa", replace("Data.IR", inf))
    sofa("zero_rate.sofa", replace("Data.SamplingRate", [0.0]))
    sofa("nan_rate.sofa", replace("Data.SamplingRate", [np.nan]))
    sofa("fractional_delay.sofa", replace("Data.Delay", [[0.5, 0.0]]))
    sofa("long_delay.sofa", replace("Data.Delay", [[65536.0, 0.0]]))
    sofa("source_shape.sofa", replace("SourcePosition", [[1.0, 0, 0], [0, 1, 0]]))
    sofa("ears_together.sofa", replace("ReceiverPosition", np.zeros((2, 3))))
    sofa("nan_source.sofa", replace("SourcePosition", [[1.0, 0, 0], [0, np.nan, 0], [0, 0, 1]]))
    # The Data.Delay bomb: the real Pulse set (1250 directions × 256 taps)
    # with Data.Delay 65536 samples, which made an earlier reader allocate
    # 1250 × 2 × 65792 doubles (1.3 GB).
    bomb = os.path.join(SYN, "delay_bomb.sofa")
    shutil.copy(os.path.join(ROOT, "sofa", "Pulse.sofa"), bomb)
    with h5py.File(bomb, "r+") as f:
        f["Data.Delay"][...] = 65536


if __name__ == "__main__":
    os.makedirs(H5, exist_ok=True)
    os.makedirs(SYN, exist_ok=True)
    features()
    synthetic()
