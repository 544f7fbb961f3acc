#!/usr/bin/env python3
"""Copy the CARFAC reference cases gohears tests against into this folder.

Source: the CARFAC v2 golden data set (outputs of google/carfac's NumPy code
at commit 3a694675abe882fc6acae41dea6ce66966204c3d, Apache-2.0; see
README.md). Usage: python3 extract.py /path/to/reference-carfac

To keep the repository small, each output keeps a subset of the stored
channels (always the base, the 1 kHz channel and the apex) and is gzipped;
samples, digits and inputs are unchanged. channel_stats.csv (every channel)
is copied whole.
"""
import csv, gzip, io, json, os, sys

SRC = sys.argv[1]
HERE = os.path.dirname(os.path.abspath(__file__))

F64 = ['tone1k_40dB_fs22050_v2', 'tone1k_80dB_fs22050_v2', 'tone1k_60dB_fs22050_v1ihc',
       'tone1k_60dB_fs22050_v2_delaybuf', 'tone1k_60dB_fs48000_v2', 'click_fs22050_v2',
       'click_fs48000_v2', 'impulse_linear_openloop_fs22050_v2']
STOCK = ['tone1k_60dB_fs22050_v2', 'tone1k_80dB_fs22050_v1ihc', 'click_fs48000_v2',
         'impulse_linear_openloop_fs22050_v2']
DESIGN = {('f64', 'tone1k_40dB_fs22050_v2'), ('f64', 'tone1k_60dB_fs48000_v2'),
          ('f64', 'tone1k_60dB_fs22050_v1ihc'), ('stock', 'tone1k_60dB_fs22050_v2')}


def keep_channels(stored, n_ch):
    """Base, the channel nearest 1 kHz (MATLAB's best is in stored), apex, and two between."""
    want = {stored[0], stored[-1]}
    best = {22050: 38, 48000: 52}
    mid = [c for c in stored if c not in want]
    for c in stored:
        if c in (best.get(22050), best.get(48000)):
            want.add(c)
    # two more: the stored channels nearest 1/3 and 5/6 of the way down
    for frac in (1 / 3, 0.9):
        t = frac * (n_ch - 1)
        want.add(min(mid, key=lambda c: abs(c - t)))
    return sorted(want)


def copy_csv_subset(src, dst, cols):
    with open(src) as f:
        r = csv.reader(f)
        head = next(r)
        idx = [head.index('ch%d' % c) for c in cols]
        buf = io.StringIO()
        buf.write(','.join(head[i] for i in idx) + '\n')
        for row in r:
            buf.write(','.join(row[i] for i in idx) + '\n')
    with gzip.GzipFile(dst, 'wb', compresslevel=9, mtime=0) as g:
        g.write(buf.getvalue().encode())


def gz(src, dst):
    with open(src, 'rb') as f, gzip.GzipFile(dst, 'wb', compresslevel=9, mtime=0) as g:
        g.write(f.read())


for variant, names, folder in (('f64', F64, 'cases_f64'), ('stock', STOCK, 'cases')):
    for name in names:
        s = os.path.join(SRC, folder, name)
        d = os.path.join(HERE, variant, name)
        os.makedirs(d, exist_ok=True)
        case = json.load(open(os.path.join(s, 'case.json')))
        cols = keep_channels(case['stored_channels'], case['n_ch'])
        meta = {k: case[k] for k in ('case', 'description', 'precision_variant', 'fs', 'n_ears',
                                     'n_samples', 'n_ch', 'stimulus', 'design_carfac_args',
                                     'run_segment_args', 'commit', 'licence')}
        meta['stored_channels'] = cols
        meta['pole_freqs_hz'] = case['carfac_design']['pole_freqs_hz']
        if (variant, name) in DESIGN:
            meta['carfac_design'] = case['carfac_design']
        with open(os.path.join(d, 'case.json'), 'w') as f:
            json.dump(meta, f, indent=0)
        gz(os.path.join(s, 'input.csv'), os.path.join(d, 'input.csv.gz'))
        for out in ('nap', 'bm', 'ohc', 'agc'):
            copy_csv_subset(os.path.join(s, out + '.csv'), os.path.join(d, out + '.csv.gz'), cols)
        gz(os.path.join(s, 'channel_stats.csv'), os.path.join(d, 'channel_stats.csv.gz'))

# SAI: a channel subset of the NAP input and of the frame (the SAI treats
# channels independently).
s = os.path.join(SRC, 'cases', 'sai_harmonic200_fs22050_v2')
d = os.path.join(HERE, 'sai_harmonic200_fs22050_v2')
os.makedirs(d, exist_ok=True)
sai_cols = [0, 10, 20, 30, 38, 45, 50, 55, 60, 65, 70]
copy_csv_subset(os.path.join(s, 'nap_sai_input.csv'), os.path.join(d, 'nap_sai_input.csv.gz'), sai_cols)
copy_csv_subset(os.path.join(s, 'sai_frame.csv'), os.path.join(d, 'sai_frame.csv.gz'), sai_cols)
case = json.load(open(os.path.join(s, 'case.json')))
json.dump({k: case[k] for k in case if k not in ('carfac_design', 'files')}, open(os.path.join(d, 'case.json'), 'w'), indent=0)

# MATLAB v1 binaural golden data (test_data/ of the repository): audio whole,
# the NAP and BM of both ears at a channel subset, as space-separated text.
s = os.path.join(SRC, 'test_data_v1_matlab')
d = os.path.join(HERE, 'v1_matlab')
os.makedirs(d, exist_ok=True)
v1_cols = [0, 10, 20, 30, 38, 50, 60, 70]
gz(os.path.join(s, 'binaural_test-audio.txt'), os.path.join(d, 'binaural_test-audio.txt.gz'))
for f in ('nap1', 'nap2', 'bm1', 'bm2'):
    with open(os.path.join(s, 'binaural_test-matlab-%s.txt' % f)) as fi:
        lines = [' '.join(l.split()[c] for c in v1_cols) for l in fi if l.strip()]
    with gzip.GzipFile(os.path.join(d, 'binaural_test-matlab-%s.txt.gz' % f), 'wb', compresslevel=9, mtime=0) as g:
        g.write(('# channels ' + ' '.join(map(str, v1_cols)) + '\n' + '\n'.join(lines) + '\n').encode())
