"""Writes api_names.txt: every public name of brian2hears 0.9.2, the Brian
Hears reference that docs/brianhears.md maps to gohears (one name a line:
the module-level names of each module's __all__, then the public methods and
properties each exported class defines itself, as Class.name).

    PYTHONPATH=/path/to/brian2hears-0.9.2 /usr/bin/python3 make_api_names.py
"""
import importlib
import inspect
import os

MODULES = ['sounds', 'db', 'erb', 'prefs', 'plotting',
           'filtering.filterbank', 'filtering.linearfilterbank', 'filtering.filterbanklibrary',
           'filtering.firfilterbank', 'filtering.fractionaldelay', 'filtering.filterbankgroup',
           'filtering.drnl', 'filtering.dcgc', 'filtering.tan_carney',
           'hrtf.hrtf', 'hrtf.ircam', 'hrtf.itd']
names = []
for m in MODULES:
    mod = importlib.import_module('brian2hears.' + m)
    for n in mod.__all__:
        if n in names:
            continue
        names.append(n)
        obj = getattr(mod, n)
        if inspect.isclass(obj) and obj.__module__.startswith('brian2hears'):
            for a, v in vars(obj).items():
                if a.startswith('_') or a == 'buffer_init' or a.startswith('buffer_'):
                    continue
                names.append(n + '.' + a)
with open(os.path.join(os.path.dirname(os.path.abspath(__file__)), 'api_names.txt'), 'w') as f:
    f.write('\n'.join(names) + '\n')
print(len(names), 'names')
