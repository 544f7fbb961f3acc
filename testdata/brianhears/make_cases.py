"""Makes the reference cases of testdata/brianhears/ with brian2hears 0.9.2
(on Debian's python3-brian, Brian2 2.5.1, numpy, scipy):

    PYTHONPATH=/path/to/brian2hears-0.9.2 /usr/bin/python3 make_cases.py

Each case is a folder in the layout of the shared brian2hears reference
(case.json, input.csv, output.csv, coefficients.json).

brian2hears 0.9.2's Gammatone(cascade=N) raises TypeError under Python 3:
LinearFilterbank.decascade computes the merged stage count as p/ncascade, a
float that numpy refuses as a shape. The cascade cases therefore run
brian2hears' own decascade with that one division made an integer division
(p//ncascade); everything else is brian2hears as released.
"""
import json
import os
import sys

import numpy as np
from brian2 import Hz, kHz, ms
import brian2hears as bh
from brian2hears.filtering import linearfilterbank as lfb

HERE = os.path.dirname(os.path.abspath(__file__))
FS = 44100.0


def decascade_py3(self, ncascade=1):
    # brian2hears 0.9.2 LinearFilterbank.decascade, with p//ncascade.
    n, m, p = self.filt_b.shape
    if p % ncascade != 0:
        raise ValueError('Number of cascades must be a divisor of original number of cascaded filters.')
    per = p // ncascade
    b = np.zeros((n, (m-1)*per+1, ncascade))
    a = np.zeros((n, (m-1)*per+1, ncascade))
    for i in range(n):
        for k in range(ncascade):
            bp = np.ones(1)
            ap = np.ones(1)
            for j in range(k*per, (k+1)*per):
                bp = np.polymul(bp, self.filt_b[i, ::-1, j])
                ap = np.polymul(ap, self.filt_a[i, ::-1, j])
            bp = bp[::-1]
            ap = ap[::-1]
            a0 = ap[0]
            ap /= a0
            bp /= a0
            b[i, :len(bp), k] = bp
            a[i, :len(ap), k] = ap
    self.filt_b = np.array(b, order='F')
    self.filt_a = np.array(a, order='F')
    self.filt_state = np.zeros((b.shape[0], b.shape[1], b.shape[2]), order='F')


lfb.LinearFilterbank.decascade = decascade_py3


def fmt(v):
    return '%.17g' % v


def write_csv(path, arr):
    arr = np.atleast_2d(arr)
    with open(path, 'w') as f:
        for row in arr:
            f.write(','.join(fmt(v) for v in row) + '\n')


def ulp_sensitivity(fb, x, out, trials=20):
    """Largest change of the output, relative to its peak, when every
    denominator coefficient a[1:] of every stage moves by at most one ulp
    (random direction): how much the reference itself depends on the last
    bit of its coefficients. A plain cascade of scipy lfilter calls is
    bit-identical to brian2hears' loop."""
    from scipy.signal import lfilter
    rng = np.random.RandomState(1)
    b, a = np.asarray(fb.filt_b), np.asarray(fb.filt_a)
    worst = 0.0
    for _ in range(trials):
        y = np.empty_like(out)
        for ch in range(b.shape[0]):
            v = x[:, 0] if x.shape[1] == 1 else x[:, ch]
            for st in range(b.shape[2]):
                aa = a[ch, :, st].copy()
                for k in range(1, len(aa)):
                    r = rng.randint(-1, 2)
                    if r:
                        aa[k] = np.nextafter(aa[k], np.inf*r)
                v = lfilter(b[ch, :, st], aa, v)
            y[:, ch] = v
        worst = max(worst, float(np.max(np.abs(y-out))/np.max(np.abs(out))))
    return worst


def case(name, description, api, x, code, params, fb_factory, note):
    d = os.path.join(HERE, name)
    os.makedirs(d, exist_ok=True)
    write_csv(os.path.join(d, 'input.csv'), x)
    sound = bh.Sound(x, samplerate=FS*Hz)
    fb = fb_factory(sound)
    fb.use_cython = False  # the numpy loop (_scipy_apply_linear_filterbank), as the shared reference
    out = fb.process()
    write_csv(os.path.join(d, 'output.csv'), out)
    with open(os.path.join(d, 'coefficients.json'), 'w') as f:
        json.dump({'filt_b': np.asarray(fb.filt_b).tolist(), 'filt_a': np.asarray(fb.filt_a).tolist()}, f)
    peak = float(np.max(np.abs(out)))
    sens = ulp_sensitivity(fb, x, out)
    rtol = max(1e-9, 100*sens)
    c = {
        'case': name,
        'description': description,
        'brian2hears_api': api,
        'reference_implementation': 'brian2hears 0.9.2 on Brian2 %s, numpy %s' % (__import__('brian2').__version__, np.__version__),
        'samplerate_Hz': FS,
        'input': {'file': 'input.csv', 'shape': list(x.shape), 'unit': 'Pa'},
        'python': {'script': 'testdata/brianhears/make_cases.py', 'code': code},
        'parameters': params,
        'output': {'file': 'output.csv', 'shape': list(out.shape), 'unit': 'Pa'},
        'extra_files': {'coefficients.json': {'description': 'filt_b, filt_a of the filterbank, [channel][tap][stage]'}},
        'numerical_sensitivity': {'method': 'every a[1:] coefficient moved by at most 1 ulp in a random direction, 20 trials, output re-run with scipy lfilter per stage',
                                  'max_abs_diff_relative_to_peak': sens},
        'suggested_tolerance': {'rtol': rtol, 'atol': rtol*peak, 'peak_abs_ref': peak,
                                'rule': 'for every element: abs(got - ref) <= atol + rtol*abs(ref)'},
        'notes': [note],
    }
    with open(os.path.join(d, 'case.json'), 'w') as f:
        json.dump(c, f, indent=1)
    print(name, out.shape, peak)


rng = np.random.RandomState(15)
noise = rng.randn(1323, 1) * 0.1
noise[0, 0] = 1.0  # a click on top of the noise

cf = np.array([500.0, 1000.0, 2000.0, 4000.0, 8000.0])
for n in (1, 2):
    case('gammatone_cascade%d' % n,
         'Slaney gammatone, 5 channels (500 Hz - 8 kHz), its 4 biquads merged into %d cascaded %d-order sections (cascade=%d), on a click plus Gaussian noise, 44.1 kHz' % (n, 8 // n, n),
         'brian2hears.Gammatone(cascade=%d)' % n, noise,
         ['fb = Gammatone(sound, cf, cascade=%d)' % n, 'output = fb.process()'],
         {'cf': {'unit': 'Hz', 'value': cf.tolist()}, 'cascade': {'unit': 'count', 'value': n}},
         lambda s, n=n: bh.Gammatone(s, cf*Hz, cascade=n),
         'decascade made Python-3 safe (p//ncascade), see make_cases.py; otherwise brian2hears 0.9.2 as released')

cf2 = np.array([100.0, 300.0, 1000.0, 3000.0, 10000.0])
case('gammatone_erb_params',
     'Slaney gammatone with a non-default ERB formula: erb_order=2, ear_Q=8.5, min_bw=30 Hz, b=1.1, on a click plus Gaussian noise, 44.1 kHz',
     'brian2hears.Gammatone(erb_order=, ear_Q=, min_bw=)', noise,
     ['fb = Gammatone(sound, cf, b=1.1, erb_order=2, ear_Q=8.5, min_bw=30)', 'output = fb.process()'],
     {'cf': {'unit': 'Hz', 'value': cf2.tolist()}, 'b': {'unit': '1', 'value': 1.1},
      'erb_order': {'unit': '1', 'value': 2}, 'ear_Q': {'unit': '1', 'value': 8.5}, 'min_bw': {'unit': 'Hz', 'value': 30.0}},
     lambda s: bh.Gammatone(s, cf2*Hz, b=1.1, erb_order=2, ear_Q=8.5, min_bw=30),
     'brian2hears 0.9.2 as released')
