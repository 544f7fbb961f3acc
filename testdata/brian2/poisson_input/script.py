# Brian2 2.5.1: PoissonInput statistics. 4000 neurons without dynamics
# receive v += binomial(N, rate*dt)*0.1*mV for 100 steps; the mean and
# variance of v over the neurons at the end (in volt and volt**2) for
# an exact-binomial case (N = 10, 50 Hz) and a normal-approximation case
# (N = 1000, 100 Hz). Run: /usr/bin/python3 script.py > stats.csv
# (columns: N, rate_Hz, mean_V, var_V2).
from brian2 import *
import numpy as np
prefs.codegen.target = 'numpy'
seed(3)
for N, rate in [(10, 50*Hz), (1000, 100*Hz)]:
    G = NeuronGroup(4000, 'v : volt')
    P = PoissonInput(G, 'v', N=N, rate=rate, weight=0.1*mV)
    net = Network(G, P)
    net.run(10*ms)
    print('%d,%.17g,%.17g,%.17g' % (N, rate/Hz, np.mean(G.v/volt), np.var(G.v/volt)))
