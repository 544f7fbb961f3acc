package spiking

import (
	"testing"
	"time"

	"github.com/gohears/hears/internal/cputime"
)

// noisyLIF builds the first workload: n noisy LIF neurons
// (dv/dt = (I-v)/(1*ms) + 0.2*xi*(2/(1*ms))**.5, euler, threshold v > 1,
// reset v = 0, refractory 5 ms) driven by an n-channel TimedArray sampled
// at 44.1 kHz (dt = 1/44.1 kHz) holding uniform inputs in [0.5, 1.5).
func noisyLIF(tb testing.TB, n int, duration float64) (*Network, *NeuronGroup, *SpikeCounter) {
	return noisyLIFNamed(tb, n, duration, "")
}

func noisyLIFNamed(tb testing.TB, n int, duration float64, name string) (*Network, *NeuronGroup, *SpikeCounter) {
	fs := 44100.0
	frames := int(duration*fs + 0.5)
	in := make([]float64, frames*n)
	r := NewRNG(7)
	r.FillUniform(in)
	for k := range in {
		in[k] += 0.5
	}
	ta, err := NewTimedArray("ta", in, n, 1/fs)
	if err != nil {
		tb.Fatal(err)
	}
	g, err := NewNeuronGroup(n, "dv/dt = (I-v)/(1*ms) + 0.2*xi*(2/(1*ms))**.5 : 1\nI = ta(t, i) : 1",
		NeuronGroupOptions{GroupOptions: GroupOptions{Name: name}, Threshold: "v > 1", Reset: "v = 0", Refractory: 5e-3, Method: "euler",
			Namespace: map[string]any{"ta": ta}})
	if err != nil {
		tb.Fatal(err)
	}
	cnt := must(NewSpikeCounter(g, MonitorOptions{}))(tb)
	net, err := NewNetwork(1/fs, g, cnt)
	if err != nil {
		tb.Fatal(err)
	}
	net.Seed(1)
	return net, g, cnt
}

// BenchmarkNoisyLIF3000 times the simulation loop of 3000 noisy LIF
// neurons for 100 ms at 44.1 kHz (4410 steps), as Brian2's figures
// (cython 0.47 s).
func BenchmarkNoisyLIF3000(b *testing.B) {
	var cpu time.Duration
	for b.Loop() {
		b.StopTimer()
		net, _, _ := noisyLIF(b, 3000, 0.1)
		b.StartTimer()
		c0 := cpuTime()
		if err := net.Run(0.1); err != nil {
			b.Fatal(err)
		}
		cpu += cpuTime() - c0
		net.Close()
	}
	b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N)/(3000*4410), "ns/neuron-step")
	b.ReportMetric(cpu.Seconds()/float64(b.N), "cpu-s/op")
}

// BenchmarkNoisyLIFWhole times the whole first workload (input
// generation, model compilation, 100 ms simulation). Speed is measured
// here, not asserted by a test (a CPU-time bound failed under -race).
func BenchmarkNoisyLIFWhole(b *testing.B) {
	var cpu time.Duration
	spikes := 0
	for b.Loop() {
		c0 := cpuTime()
		net, _, cnt := noisyLIF(b, 3000, 0.1)
		if err := net.Run(0.1); err != nil {
			b.Fatal(err)
		}
		net.Close()
		cpu += cpuTime() - c0
		spikes = cnt.Total()
	}
	b.ReportMetric(cpu.Seconds()/float64(b.N), "cpu-s/op")
	b.ReportMetric(float64(spikes), "spikes")
}

// cpuTime is the user+system CPU time of the process.
func cpuTime() time.Duration {
	t, _ := cputime.Process()
	return t
}

const cobahhModel = `
dv/dt = (gl*(El-v) - g_na*(m*m*m)*h*(v-ENa) - g_kd*(n*n*n*n)*(v-EK) + I)/Cm : volt
dm/dt = alpha_m*(1-m)-beta_m*m : 1
dn/dt = alpha_n*(1-n)-beta_n*n : 1
dh/dt = alpha_h*(1-h)-beta_h*h : 1
alpha_m = 0.32*(mV**-1)*4*mV/exprel((13*mV-v+VT)/(4*mV))/ms : Hz
beta_m = 0.28*(mV**-1)*5*mV/exprel((v-VT-40*mV)/(5*mV))/ms : Hz
alpha_h = 0.128*exp((17*mV-v+VT)/(18*mV))/ms : Hz
beta_h = 4./(1+exp((40*mV-v+VT)/(5*mV)))/ms : Hz
alpha_n = 0.032*(mV**-1)*5*mV/exprel((15*mV-v+VT)/(5*mV))/ms : Hz
beta_n = .5*exp((10*mV-v+VT)/(40*mV))/ms : Hz
I : amp
`

// cobaHH is the COBAHH neuron model of Brian2's examples without synapses
// (ge = gi = 0): 4000 neurons, exponential Euler, dt = 0.1 ms, with a
// spread of constant currents so that some neurons fire.
func cobaHH(tb testing.TB, n int) *Network {
	area := "20000*umetre**2"
	ns := map[string]any{
		"Cm": "1*ufarad*cm**-2*" + area, "gl": "5e-5*siemens*cm**-2*" + area, "El": "-60*mV",
		"EK": "-90*mV", "ENa": "50*mV", "g_na": "100*msiemens*cm**-2*" + area,
		"g_kd": "30*msiemens*cm**-2*" + area, "VT": "-63*mV",
	}
	g, err := NewNeuronGroup(n, cobahhModel, NeuronGroupOptions{GroupOptions: GroupOptions{Name: "cobahh"}, Threshold: "v > -20*mV", RefractoryExpr: "3*ms",
		Method: "exponential_euler", Namespace: ns})
	if err != nil {
		tb.Fatal(err)
	}
	g.SeedInit(2)
	if err := g.SetExpr("v", "El + (randn()*5 - 5)*mV"); err != nil {
		tb.Fatal(err)
	}
	if err := g.SetExpr("I", "rand()*0.5*nA"); err != nil {
		tb.Fatal(err)
	}
	sc := must(NewSpikeCounter(g, MonitorOptions{}))(tb)
	net, err := NewNetwork(1e-4, g, sc)
	if err != nil {
		tb.Fatal(err)
	}
	return net
}

// BenchmarkCOBAHH4000 times 1 s of 4000 HH neurons (10000 steps).
func BenchmarkCOBAHH4000(b *testing.B) {
	var cpu time.Duration
	spikes := 0
	for b.Loop() {
		b.StopTimer()
		net := cobaHH(b, 4000)
		b.StartTimer()
		c0 := cpuTime()
		if err := net.Run(1); err != nil {
			b.Fatal(err)
		}
		cpu += cpuTime() - c0
		spikes = net.objects[1].(*SpikeCounter).Total()
		net.Close()
	}
	b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N)/(4000*10000), "ns/neuron-step")
	b.ReportMetric(cpu.Seconds()/float64(b.N), "cpu-s/op")
	b.ReportMetric(float64(spikes), "spikes")
}

// BenchmarkSingleNeuronStep measures the fixed cost of a time step: one
// LIF neuron (euler, threshold, reset, refractoriness) with a spike
// monitor and a state monitor; reported per step.
func BenchmarkSingleNeuronStep(b *testing.B) {
	g := must(NewNeuronGroup(1, "dv/dt = (1.5 - v)/(10*ms) : 1", NeuronGroupOptions{Threshold: "v > 1", Reset: "v = 0", Refractory: 2e-3, Method: "euler"}))(b)
	sm := must(NewSpikeMonitor(g, nil, MonitorOptions{}))(b)
	st := must(NewStateMonitor(g, []string{"v"}, StateMonitorOptions{}))(b)
	net := must(NewNetwork(1e-4, g, sm, st))(b)
	for b.Loop() {
		if err := net.Run(1); err != nil { // 10000 steps
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N)/1e4, "ns/step")
}

// BenchmarkConnectExpr3000: Brian2's S.connect(p=0.05) between two groups
// of 3000 neurons (9 million pairs, about 450 000 synapses), one row of
// pairs evaluated at a time as vectors.
func BenchmarkConnectExpr3000(b *testing.B) {
	g, err := NewNeuronGroup(3000, "v : 1", NeuronGroupOptions{GroupOptions: GroupOptions{Name: "bconnect"}})
	if err != nil {
		b.Fatal(err)
	}
	b.ReportAllocs()
	syn := 0
	for k := 0; k < b.N; k++ {
		s, err := NewSynapses(g, g, SynapsesOptions{GroupOptions: GroupOptions{Name: "bconnect_syn"}, Model: "w : 1"})
		if err != nil {
			b.Fatal(err)
		}
		s.SeedInit(uint64(k))
		if err := s.ConnectExpr("", ConnectOptions{P: "0.05"}); err != nil {
			b.Fatal(err)
		}
		syn = s.Size()
	}
	b.ReportMetric(float64(syn), "synapses")
	b.ReportMetric(9e6*float64(b.N)/b.Elapsed().Seconds(), "pairs/s")
}

// cuba builds Brian2's examples/CUBA.py: 4000 LIF neurons (3200
// excitatory, 800 inhibitory), exact integration, current-based
// exponential synapses, p = 0.02, a spike monitor.
func cuba(tb testing.TB) (*Network, *SpikeMonitor) {
	ns := map[string]any{"taum": "20*ms", "taue": "5*ms", "taui": "10*ms", "Vt": "-50*mV", "Vr": "-60*mV", "El": "-49*mV",
		"we": "(60*0.27/10)*mV", "wi": "(-20*4.5/10)*mV"}
	p, err := NewNeuronGroup(4000, `
dv/dt  = (ge+gi-(v-El))/taum : volt (unless refractory)
dge/dt = -ge/taue : volt
dgi/dt = -gi/taui : volt
`, NeuronGroupOptions{Threshold: "v>Vt", Reset: "v = Vr", Refractory: 5e-3, Method: "exact", Namespace: ns})
	if err != nil {
		tb.Fatal(err)
	}
	p.SeedInit(1)
	if err := p.SetExpr("v", "Vr + rand() * (Vt - Vr)"); err != nil {
		tb.Fatal(err)
	}
	ce, err := NewSynapses(p, p, SynapsesOptions{OnPre: "ge += we", Namespace: ns})
	if err != nil {
		tb.Fatal(err)
	}
	ci, err := NewSynapses(p, p, SynapsesOptions{OnPre: "gi += wi", Namespace: ns})
	if err != nil {
		tb.Fatal(err)
	}
	ce.SeedInit(2)
	ci.SeedInit(3)
	if err := ce.ConnectExpr("i<3200", ConnectOptions{P: "0.02"}); err != nil {
		tb.Fatal(err)
	}
	if err := ci.ConnectExpr("i>=3200", ConnectOptions{P: "0.02"}); err != nil {
		tb.Fatal(err)
	}
	mon, err := NewSpikeMonitor(p, nil, MonitorOptions{})
	if err != nil {
		tb.Fatal(err)
	}
	net, err := NewNetwork(1e-4, p, ce, ci, mon)
	if err != nil {
		tb.Fatal(err)
	}
	net.Seed(4)
	return net, mon
}

// BenchmarkCUBA times the simulation loop of Brian2's CUBA example (1 s,
// 10000 steps), with and without the finite-state check;
// BenchmarkCUBAWhole the whole program, construction and connection
// included.
func BenchmarkCUBA(b *testing.B) {
	for _, check := range []bool{true, false} {
		name := "checked"
		if !check {
			name = "unchecked"
		}
		b.Run(name, func(b *testing.B) {
			var cpu time.Duration
			spikes := 0
			for b.Loop() {
				b.StopTimer()
				net, mon := cuba(b)
				net.CheckFinite(check)
				b.StartTimer()
				c0 := cpuTime()
				if err := net.Run(1); err != nil {
					b.Fatal(err)
				}
				cpu += cpuTime() - c0
				spikes = mon.NumSpikes()
				net.Close()
			}
			b.ReportMetric(cpu.Seconds()/float64(b.N), "cpu-s/op")
			b.ReportMetric(float64(spikes), "spikes")
		})
	}
}

func BenchmarkCUBAWhole(b *testing.B) {
	var cpu time.Duration
	for b.Loop() {
		c0 := cpuTime()
		net, _ := cuba(b)
		if err := net.Run(1); err != nil {
			b.Fatal(err)
		}
		cpu += cpuTime() - c0
		net.Close()
	}
	b.ReportMetric(cpu.Seconds()/float64(b.N), "cpu-s/op")
}

// stdp builds Brian2's examples/synapses/STDP.py (Song, Miller & Abbott
// 2000): 1000 Poisson inputs at 15 Hz onto one conductance-based LIF
// neuron (euler) through STDP synapses with event-driven traces, weights
// uniform in [0, gmax), a state monitor on two weights.
func stdp(tb testing.TB) *Network {
	const n = 1000
	gmax, dApre := 0.01, 0.01
	dApost := -dApre * 1.05 * gmax
	dApre *= gmax
	ns := map[string]any{"taum": "10*ms", "taupre": "20*ms", "taupost": "20*ms", "Ee": "0*mV", "vt": "-54*mV",
		"vr": "-60*mV", "El": "-74*mV", "taue": "5*ms", "gmax": gmax, "dApre": dApre, "dApost": dApost}
	rates := make([]float64, n)
	for k := range rates {
		rates[k] = 15
	}
	in, err := NewPoissonGroup(n, rates, GroupOptions{})
	if err != nil {
		tb.Fatal(err)
	}
	g, err := NewNeuronGroup(1, "dv/dt = (ge * (Ee-v) + El - v) / taum : volt\ndge/dt = -ge / taue : 1",
		NeuronGroupOptions{Threshold: "v>vt", Reset: "v = vr", Method: "euler", Namespace: ns})
	if err != nil {
		tb.Fatal(err)
	}
	s, err := NewSynapses(in, g, SynapsesOptions{Model: `w : 1
dApre/dt = -Apre / taupre : 1 (event-driven)
dApost/dt = -Apost / taupost : 1 (event-driven)`,
		OnPre: `ge += w
Apre += dApre
w = clip(w + Apost, 0, gmax)`,
		OnPost: `Apost += dApost
w = clip(w + Apre, 0, gmax)`, Namespace: ns})
	if err != nil {
		tb.Fatal(err)
	}
	if err := s.ConnectAll(); err != nil {
		tb.Fatal(err)
	}
	w := make([]float64, n)
	r := NewRNG(5)
	for k := range w {
		w[k] = r.Float64() * gmax
	}
	if err := s.Set("w", w...); err != nil {
		tb.Fatal(err)
	}
	mon, err := NewStateMonitor(s, []string{"w"}, StateMonitorOptions{Record: []int{0, 1}})
	if err != nil {
		tb.Fatal(err)
	}
	sm, err := NewSpikeMonitor(in, nil, MonitorOptions{})
	if err != nil {
		tb.Fatal(err)
	}
	net, err := NewNetwork(1e-4, in, g, s, mon, sm)
	if err != nil {
		tb.Fatal(err)
	}
	net.Seed(6)
	return net
}

// BenchmarkSTDP times 100 s of Brian2's STDP example (1e6 steps),
// construction included.
func BenchmarkSTDP(b *testing.B) {
	var cpu time.Duration
	for b.Loop() {
		c0 := cpuTime()
		net := stdp(b)
		if err := net.Run(100); err != nil {
			b.Fatal(err)
		}
		cpu += cpuTime() - c0
		net.Close()
	}
	b.ReportMetric(cpu.Seconds()/float64(b.N), "cpu-s/op")
}
