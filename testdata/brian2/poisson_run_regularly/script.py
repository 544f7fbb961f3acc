# Brian2 2.5.1: PoissonGroup.run_regularly changing the rates during a run:
# silent until t > 4 ms (the 1 ms clock sets the rates at t = 5 ms), then
# 1000 Hz for even and 3000 Hz for odd elements.
# Run: /usr/bin/python3 script.py > stats.csv
# (columns: first spike step, spikes of even elements, of odd elements)
from brian2 import *
import numpy as np
prefs.codegen.target = 'numpy'
seed(2)
P = PoissonGroup(2000, rates=0*Hz)
P.run_regularly('rates = int(t > 4*ms)*(1000 + 2000*(i % 2))*Hz', dt=1*ms)
M = SpikeMonitor(P)
run(10*ms)
i, t = M.i[:], M.t/defaultclock.dt
print('%d,%d,%d' % (int(round(min(t))), np.sum(i % 2 == 0), np.sum(i % 2 == 1)))
