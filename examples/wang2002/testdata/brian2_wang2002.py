"""Brian2 2.5.1's Wang (2002) decision-making example
(examples/frompapers/Wang_2002.py), reduced to run in a minute or two on
this machine with Debian's python3-brian (numpy target): N = 400 neurons
instead of 2000 (the script already scales the recurrent conductances by
1600/NE and 400/NI), 2.5 s instead of 4 s with the stimulus on from 0.5 s to
2 s, coherence 51.2 % instead of 12.8 % so that the stronger input wins
on every seed. Writes brian2_wang2002.json: per seed, the rates (Hz) of
the two selective populations before the stimulus (0.2-0.5 s) and in the
last 300 ms of the stimulus (1.7-2.0 s), and both populations' rates in
50 ms bins.
/usr/bin/python3 brian2_wang2002.py"""
import json, time
import numpy as np
from brian2 import *
prefs.codegen.target = "numpy"

N = 400; coh = 51.2
stim_on, stim_off, runtime = 0.5*second, 2.0*second, 2.5*second

def one(s):
    start_scope()
    seed(s)
    sigma = 4.0*Hz; mu0 = 40.0*Hz; mu1 = 40.0*Hz; stim_interval = 50.0*ms
    N_ext = 1000; rate_ext_E = 2400*Hz/N_ext; rate_ext_I = 2400*Hz/N_ext
    f_inh = 0.2; NE = int(N*(1.0-f_inh)); NI = int(N*f_inh); fE = 0.15; subN = int(fE*NE)
    El = -70.0*mV; Vt = -50.0*mV; Vr = -55.0*mV; CmE = 0.5*nF; CmI = 0.2*nF
    gLeakE = 25.0*nS; gLeakI = 20.0*nS; refE = 2.0*ms; refI = 1.0*ms
    V_E = 0.*mV; V_I = -70.*mV; tau_AMPA = 2.0*ms; tau_NMDA_rise = 2.0*ms; tau_NMDA_decay = 100.0*ms
    tau_GABA = 5.0*ms; alpha = 0.5*kHz; C = 1*mmole
    gextE = 2.1*nS; gextI = 1.62*nS
    gEEA = 0.05*nS/NE*1600; gEIA = 0.04*nS/NE*1600; gEEN = 0.165*nS/NE*1600; gEIN = 0.13*nS/NE*1600
    gIE = 1.3*nS/NI*400; gII = 1.0*nS/NI*400
    Jp = 1.7; Jm = 1.0 - fE*(Jp-1.0)/(1.0-fE)
    eqsE = """
    label : integer (constant)
    dV/dt = (- gLeakE * (V - El) - I_AMPA - I_NMDA - I_GABA - I_AMPA_ext + I_input) / CmE : volt (unless refractory)
    I_AMPA = s_AMPA * (V - V_E) : amp
    ds_AMPA / dt = - s_AMPA / tau_AMPA : siemens
    I_NMDA = gEEN * s_NMDA_tot * (V - V_E) / ( 1 + exp(-0.062 * V/mvolt) * (C/mmole / 3.57) ) : amp
    s_NMDA_tot : 1
    I_GABA = s_GABA * (V - V_I) : amp
    ds_GABA / dt = - s_GABA / tau_GABA : siemens
    I_AMPA_ext = s_AMPA_ext * (V - V_E) : amp
    ds_AMPA_ext / dt = - s_AMPA_ext / tau_AMPA : siemens
    I_input : amp
    ds_NMDA / dt = - s_NMDA / tau_NMDA_decay + alpha * x * (1 - s_NMDA) : 1
    dx / dt = - x / tau_NMDA_rise : 1
    """
    eqsI = """
    dV/dt = (- gLeakI * (V - El) - I_AMPA - I_NMDA - I_GABA - I_AMPA_ext) / CmI : volt (unless refractory)
    I_AMPA = s_AMPA * (V - V_E) : amp
    ds_AMPA / dt = - s_AMPA / tau_AMPA : siemens
    I_NMDA = gEIN * s_NMDA_tot * (V - V_E) / ( 1 + exp(-0.062 * V/mvolt) * (C/mmole / 3.57) ): amp
    s_NMDA_tot : 1
    I_GABA = s_GABA * (V - V_I) : amp
    ds_GABA / dt = - s_GABA / tau_GABA : siemens
    I_AMPA_ext = s_AMPA_ext * (V - V_E) : amp
    ds_AMPA_ext / dt = - s_AMPA_ext / tau_AMPA : siemens
    """
    popE = NeuronGroup(NE, eqsE, threshold='V > Vt', reset='V = Vr', refractory=refE, method='euler', name='popE')
    popI = NeuronGroup(NI, eqsI, threshold='V > Vt', reset='V = Vr', refractory=refI, method='euler', name='popI')
    popE1 = popE[:subN]; popE2 = popE[subN:2*subN]; popE3 = popE[2*subN:]
    popE1.label = 0; popE2.label = 1; popE3.label = 2
    C_EE_AMPA = Synapses(popE, popE, 'w : siemens', on_pre='s_AMPA += w', delay=0.5*ms, method='euler')
    C_EE_AMPA.connect()
    C_EE_AMPA.w[:] = gEEA
    C_EE_AMPA.w["label_pre == label_post and label_pre < 2"] = gEEA*Jp
    C_EE_AMPA.w["label_pre != label_post and label_post < 2"] = gEEA*Jm
    C_EI_AMPA = Synapses(popE, popI, on_pre='s_AMPA += gEIA', delay=0.5*ms, method='euler'); C_EI_AMPA.connect()
    C_EE_NMDA = Synapses(popE, popE, on_pre='x_pre += 1', delay=0.5*ms, method='euler'); C_EE_NMDA.connect(j='i')
    NMDA_sum_group = NeuronGroup(3, 's : 1')
    NMDA_sum = Synapses(popE, NMDA_sum_group, 's_post = s_NMDA_pre : 1 (summed)'); NMDA_sum.connect(j='label_pre')
    NMDA_set_total_E = Synapses(NMDA_sum_group, popE, '''w : 1 (constant)
                                s_NMDA_tot_post = w*s_pre : 1 (summed)''')
    NMDA_set_total_E.connect(); NMDA_set_total_E.w = 1
    NMDA_set_total_E.w["i == label_post and label_post < 2"] = Jp
    NMDA_set_total_E.w["i != label_post and label_post < 2"] = Jm
    NMDA_set_total_I = Synapses(NMDA_sum_group, popI, 's_NMDA_tot_post = s_pre : 1 (summed)'); NMDA_set_total_I.connect()
    C_IE = Synapses(popI, popE, on_pre='s_GABA += gIE', delay=0.5*ms, method='euler'); C_IE.connect()
    C_II = Synapses(popI, popI, on_pre='s_GABA += gII', delay=0.5*ms, method='euler'); C_II.connect()
    extinputE = PoissonInput(popE, 's_AMPA_ext', N_ext, rate_ext_E, gextE)
    extinputI = PoissonInput(popI, 's_AMPA_ext', N_ext, rate_ext_I, gextI)
    stim1 = PoissonGroup(subN, rates=0*Hz); stim2 = PoissonGroup(subN, rates=0*Hz)
    stim1.run_regularly("rates = int(t > stim_on and t < stim_off) * (mu0 + coh / 100.0 * mu1 + sigma*randn())", dt=stim_interval)
    stim2.run_regularly("rates = int(t > stim_on and t < stim_off) * (mu0 - coh / 100.0 * mu1 + sigma*randn())", dt=stim_interval)
    C1 = Synapses(stim1, popE1, on_pre='s_AMPA_ext += gextE'); C1.connect(j='i')
    C2 = Synapses(stim2, popE2, on_pre='s_AMPA_ext += gextE'); C2.connect(j='i')
    popE.s_NMDA_tot = tau_NMDA_decay*10*Hz*0.2; popI.s_NMDA_tot = tau_NMDA_decay*10*Hz*0.2
    popE.V = Vt - 2*mV; popI.V = Vt - 2*mV
    S1 = SpikeMonitor(popE1); S2 = SpikeMonitor(popE2); SI = SpikeMonitor(popI)
    t0 = time.time()
    run(runtime)
    wall = time.time() - t0
    def rate(M, n, a, b):
        t = M.t[:]
        return float(np.sum((t >= a) & (t < b)) / n / float(b - a))
    def bins(M, n):
        c, _ = np.histogram(np.asarray(M.t/second), bins=np.arange(0, float(runtime/second) + 1e-9, 0.05))
        return list(c / n / 0.05)
    return {"seed": s, "pre1": rate(S1, subN, 0.2*second, stim_on), "pre2": rate(S2, subN, 0.2*second, stim_on),
            "end1": rate(S1, subN, stim_off - 0.3*second, stim_off), "end2": rate(S2, subN, stim_off - 0.3*second, stim_off),
            "inh": rate(SI, NI, 0.2*second, stim_on),
            "bins1": bins(S1, subN), "bins2": bins(S2, subN), "wall_s": wall}

runs = []
for s in (1, 2, 3):
    r = one(s)
    runs.append(r)
    print({k: v for k, v in r.items() if not k.startswith("bins")}, flush=True)
json.dump({"brian2": "2.5.1 numpy target", "N": N, "coherence_percent": coh, "stim_on_s": float(stim_on), "stim_off_s": float(stim_off),
           "runtime_s": float(runtime), "bin_s": 0.05, "runs": runs}, open("brian2_wang2002.json", "w"), indent=1)
