"""Brian2 2.5.1's examples/synapses/homeostatic_stdp_at_inhibitory_synapes.py
(Zenke, Agnes & Gerstner 2015's homeostatic inhibitory STDP, Paul
Brodersen 2025) line by line, without the figures, for several seeds
(Debian python3-brian, numpy target). Writes brian2_homeostatic_stdp.json:
per run (seed) the global factor G at each of the 5 pre/post pairings
('g', Hz, the monitor sample nearest the pre spike, as the example's
analysis) and the weight change each pairing causes ('summary', nS:
w 10 ms after the pairing minus w 10 ms before; the example's own analysis
subtracts the other way round), and the wall time.
/usr/bin/python3 brian2_homeostatic_stdp.py"""
import json, time
import numpy as np
import brian2 as b2
b2.prefs.codegen.target = "numpy"
runs = []
for s in range(1, 9):
    t0 = time.time()
    b2.seed(s)
    net = b2.Network()
    epoch_length = 1 * b2.second
    spike_rate = np.arange(0, 12.5, 2.5)
    total_epochs = len(spike_rate)
    population_spike_rate = b2.TimedArray(spike_rate * b2.Hz, dt=epoch_length)
    population_size = 1000
    spike_generators = b2.PoissonGroup(population_size, rates="population_spike_rate(t)")
    net.add(spike_generators)
    gamma = 5 * b2.Hz
    tau_H = 0.1 * b2.second
    global_factor_model = """
    G = H - gamma    : Hz
    dH/dt = -H/tau_H : Hz
    """
    global_factor = b2.NeuronGroup(1, model=global_factor_model)
    net.add(global_factor)
    spike_aggregator = b2.Synapses(spike_generators, global_factor, on_pre="H_post += 1/(tau_H * population_size)")
    spike_aggregator.connect()
    net.add(spike_aggregator)
    spike_times = epoch_length * (np.arange(total_epochs) + 0.5)
    spike_indices = np.zeros_like(spike_times / b2.second)
    presynaptic_neuron = b2.SpikeGeneratorGroup(1, spike_indices, spike_times)
    net.add(presynaptic_neuron)
    delay = 1 * b2.msecond
    postsynaptic_neuron = b2.SpikeGeneratorGroup(1, spike_indices, spike_times + delay)
    net.add(postsynaptic_neuron)
    tau_stdp = 20. * b2.msecond
    eta = 1. * b2.nsiemens * b2.second
    synapse_model = """
    wij : siemens
    dzi/dt = -zi / tau_stdp : 1 (event-driven)
    dzj/dt = -zj / tau_stdp : 1 (event-driven)
    """
    on_pre = """
    zi += 1.
    wij += eta * G * zj
    """
    on_post = """
    zj += 1.
    wij += eta * G * (zi + 1)
    """
    synapse = b2.Synapses(
        presynaptic_neuron, postsynaptic_neuron,
        model=synapse_model, on_pre=on_pre, on_post=on_post
    )
    synapse.connect(i=0, j=0)
    synapse.variables.add_reference("G", group=global_factor, index='0')
    synapse.wij = 0 * b2.nsiemens
    net.add(synapse)
    monitor = b2.StateMonitor(synapse, ["G", "wij"], record=True, dt=1*b2.msecond)
    net.add(monitor)
    net.run(total_epochs * epoch_length)
    G_trace = np.squeeze(monitor.G / b2.Hz)
    w_trace = np.squeeze(monitor.wij / b2.nsiemens)
    time_ms = np.squeeze(monitor.t / b2.ms)
    st = spike_times / b2.ms
    g = [float(G_trace[np.argmin(np.abs(time_ms - x))]) for x in st]
    dw = [float(w_trace[np.argmin(np.abs(time_ms - x - 10))] - w_trace[np.argmin(np.abs(time_ms - x + 10))]) for x in st]
    runs.append({"seed": s, "g": g, "summary": dw, "wall_s": time.time() - t0})
    print(runs[-1], flush=True)
json.dump({"brian2": b2.__version__, "runs": runs}, open("brian2_homeostatic_stdp.json", "w"), indent=1)
