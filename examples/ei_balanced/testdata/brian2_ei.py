"""BrainPy's E/I balanced network (the EINet of BrainPy's documentation:
4000 LIF neurons, LifRefLTC with V_rest = V_reset = -60 mV, V_th = -50 mV,
tau = 20 ms, tau_ref = 5 ms, V0 ~ N(-55 mV, 2 mV); exponential COBA
synapses E 3200 -> all (p 0.02, w 0.6, tau 5 ms, E 0 mV) and I 800 -> all
(p 0.02, w 6.7, tau 10 ms, E -80 mV); input 20 mV) written in Brian2
2.5.1 and run on this machine (Debian python3-brian, numpy target) for
100 ms, as BrainPy's example runs it, six seeds. As in BrainPy, a spike
acts on the conductances at the next step (BrainPy updates projections
before neurons, with the spikes of the previous step: Brian2's schedule
without a delay), and the COBA current g*(E - V) is computed from V at the
start of the step and held over the step (BrainPy computes it before the
neuron's update): a run_regularly at the start of every step.
Writes brian2_ei.json: mean rate, the neurons' mean ISI CV, wall time.
/usr/bin/python3 brian2_ei.py"""
import json, time
import numpy as np
from brian2 import *
prefs.codegen.target = "numpy"
runs = []
for s in (1, 2, 3, 4, 5, 6):
    start_scope()
    seed(s)
    t0 = time.time()
    eqs = '''
    dV/dt = (-(V - V_rest) + I_ext + Isyn)/tau : volt (unless refractory)
    dge/dt = -ge/tau_e : 1
    dgi/dt = -gi/tau_i : 1
    Isyn : volt
    '''
    ns = dict(V_rest=-60*mV, V_reset=-60*mV, V_th=-50*mV, tau=20*ms, I_ext=20*mV, E_e=0*mV, E_i=-80*mV,
              tau_e=5*ms, tau_i=10*ms, we=0.6, wi=6.7)
    N = NeuronGroup(4000, eqs, threshold='V > V_th', reset='V = V_reset', refractory=5*ms,
                    method='exponential_euler', namespace=ns)
    N.run_regularly('Isyn = ge*(E_e - V) + gi*(E_i - V)', when='start')
    N.V = 'V_rest + 5*mV + 2*mV*randn()'
    E = Synapses(N[:3200], N, on_pre='ge += we', namespace=ns)
    I = Synapses(N[3200:], N, on_pre='gi += wi', namespace=ns)
    E.connect(p=0.02)
    I.connect(p=0.02)
    M = SpikeMonitor(N)
    run(100*ms)
    wall = time.time() - t0
    tr = M.spike_trains()
    cvs = [np.std(np.diff(np.asarray(tr[k]))) / np.mean(np.diff(np.asarray(tr[k]))) for k in tr if len(tr[k]) > 2]
    runs.append({"seed": s, "rate": M.num_spikes / 4000 / 0.1, "mean_cv": float(np.mean(cvs)), "wall_s": wall})
    print(runs[-1], flush=True)
json.dump({"brian2": "2.5.1 numpy target", "runs": runs}, open("brian2_ei.json", "w"), indent=1)
