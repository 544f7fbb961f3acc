"""Makes testdata/brianhears/sound_ops.json and sound_8bit.wav with
brian2hears 0.9.2 (Brian2 2.5.1):

    PYTHONPATH=/path/to/brian2hears-0.9.2 /usr/bin/python3 make_sound_cases.py

The input is a 2-channel sound of 20 frames at 1 kHz, sample (f, c) =
f + c/10 (so every value names its frame and channel).
"""
import json
import os

import numpy as np
from brian2 import Hz, ms
import brian2hears as bh

HERE = os.path.dirname(os.path.abspath(__file__))
x = np.array([[f + c/10 for c in range(2)] for f in range(20)])
s = bh.Sound(x, samplerate=1000*Hz)


def rows(v):
    return np.asarray(v).reshape(len(v), -1).tolist()


cases = {
    'input': rows(s),
    'samplerate_Hz': 1000.0,
    'times_s': np.asarray(s.times).tolist(),
    'slices': [],
    'assignments': [],
}
for a, b, st in [(0, 20, 2), (1, 17, 3), (5, 6, 4), (0, 20, 7)]:
    cases['slices'].append({'start': a, 'end': b, 'step': st, 'code': 'sound[%d:%d:%d]' % (a, b, st), 'output': rows(s[a:b:st])})
for a, b, st in [(2.0, 15.0, 3)]:
    out = s[a*ms:b*ms:st]
    cases['slices'].append({'start_s': a/1000, 'end_s': b/1000, 'step': st, 'code': 'sound[%g*ms:%g*ms:%d]' % (a, b, st), 'output': rows(out)})

y = bh.Sound(-np.arange(1, 7).reshape(3, 2).astype(float), samplerate=1000*Hz)
t = s.copy()
t[4:7] = y
cases['assignments'].append({'start': 4, 'end': 7, 'value': rows(y), 'code': 'sound[4:7] = other', 'output': rows(t)})
m = bh.Sound(-np.arange(1, 5).reshape(4, 1).astype(float), samplerate=1000*Hz)
t = s.copy()
t[3*ms:7*ms] = m
cases['assignments'].append({'start_s': 0.003, 'end_s': 0.007, 'value': rows(m), 'code': 'sound[3*ms:7*ms] = mono', 'output': rows(t)})

with open(os.path.join(HERE, 'sound_ops.json'), 'w') as f:
    json.dump(cases, f, indent=1)

# 8-bit WAV written by brian2hears' save(samplewidth=1).
w = bh.Sound(np.array([[-1.0, 0.0], [-0.5, 0.25], [0.0, 0.5], [0.5, -0.25], [1.0, 0.999]]), samplerate=8000*Hz)
w.save(os.path.join(HERE, 'sound_8bit.wav'), samplewidth=1)
print('ok')
