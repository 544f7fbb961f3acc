# Brian2 2.5.1: noise in clock-driven synaptic equations, an
# Ornstein-Uhlenbeck process per synapse (euler, dt 0.1 ms): the mean and
# variance over 4000 synapses after 200 ms (stationary variance sigma**2
# = 0.04, times 1/(1 - dt/(2*tau)) for euler).
# Run: /usr/bin/python3 script.py > stats.csv  (columns: mean, variance)
from brian2 import *
import numpy as np
prefs.codegen.target = 'numpy'
seed(11)
G = NeuronGroup(4000, 'v : 1')
S = Synapses(G, G, 'dx/dt = -x/(10*ms) + 0.2*sqrt(2/(10*ms))*xi : 1 (clock-driven)', method='euler')
S.connect(j='i')
run(200*ms)
print('%.17g,%.17g' % (np.mean(S.x[:]), np.var(S.x[:])))
