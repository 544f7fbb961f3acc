package spiking

import (
	"math"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/gohears/hears/internal/refdata"
)

// Ports of Brian2's own examples (brian-team/brian2 examples/), line by
// line, checked against Brian2 2.5.1 running the same lines here
// (testdata/brian2/examples/script.py). docs/spiking.md lists every
// example and its status.

func exampleRef(t *testing.T, name string) [][]float64 {
	t.Helper()
	return must(refdata.CSV(filepath.Join("..", "testdata", "brian2", "examples", name)))(t)
}

// TestBrian2ExampleIFCurveLIF: examples/IF_curve_LIF.py; every neuron's
// spike count equals Brian2's.
func TestBrian2ExampleIFCurveLIF(t *testing.T) {
	ns := map[string]any{"n": 1000, "tau": "10*ms"}
	group := must(NewNeuronGroup(1000, `
dv/dt = (v0 - v) / tau : volt (unless refractory)
v0 : volt
`, NeuronGroupOptions{Threshold: "v > 10*mV", Reset: "v = 0*mV", Refractory: 5e-3, Method: "exact", Namespace: ns}))(t)
	noErr(t, group.Set("v", 0))
	noErr(t, group.SetExpr("v0", "20*mV * i / (n-1)"))
	monitor := must(NewSpikeMonitor(group, nil, MonitorOptions{}))(t)
	net := must(NewNetwork(0, group, monitor))(t)
	noErr(t, net.Run(1))
	ref := exampleRef(t, "if_curve_lif.csv")
	count := monitor.Count()
	total := 0
	for k, r := range ref {
		total += count[k]
		if float64(count[k]) != r[0] {
			t.Fatalf("neuron %d: %d spikes, Brian2 %g", k, count[k], r[0])
		}
	}
	if total == 0 {
		t.Fatal("no spikes")
	}
}

// TestBrian2ExampleGapJunctions: examples/synapses/gapjunctions.py (a
// summed variable of v_pre - v_post); v of neurons 0 and 5 as Brian2's.
func TestBrian2ExampleGapJunctions(t *testing.T) {
	ns := map[string]any{"n": 10, "v0": 1.05, "tau": "10*ms"}
	neurons := must(NewNeuronGroup(10, `
dv/dt = (v0 - v + Igap) / tau : 1
Igap : 1 # gap junction current
`, NeuronGroupOptions{Threshold: "v > 1", Reset: "v = 0", Method: "exact", Namespace: ns}))(t)
	noErr(t, neurons.SetExpr("v", "i * 1.0 / (n-1)"))
	trace := must(NewStateMonitor(neurons, []string{"v"}, StateMonitorOptions{Record: []int{0, 5}}))(t)
	s := must(NewSynapses(neurons, neurons, SynapsesOptions{Model: `
w : 1 # gap junction conductance
Igap_post = w * (v_pre - v_post) : 1 (summed)
`}))(t)
	noErr(t, s.ConnectAll())
	noErr(t, s.Set("w", .02))
	net := must(NewNetwork(0, neurons, trace, s))(t)
	noErr(t, net.Run(0.5))
	compareExampleTraces(t, exampleRef(t, "gapjunctions.csv"), 5, trace.T(), [][]float64{must(trace.Trace("v", 0))(t), must(trace.Trace("v", 1))(t)}, 1e-9)
}

// TestBrian2ExampleHindmarshRose: examples/frompapers/Hindmarsh_Rose_1984.py
// (rk4, a (constant) parameter, dt = 0.1 ms); x of the three neurons over
// 2.1 s as Brian2's.
func TestBrian2ExampleHindmarshRose(t *testing.T) {
	ns := map[string]any{"time_unit": "1*ms", "x_1": -1.6, "a": 1, "b": 3, "c": 1, "d": 5, "r": 0.001, "s": 4}
	neuron := must(NewNeuronGroup(3, `
dx/dt = (y - a*x**3 + b*x**2 + I - z)/time_unit : 1
dy/dt = (c - d*x**2 - y)/time_unit : 1
dz/dt = r*(s*(x - x_1) - z)/time_unit : 1
I : 1 (constant)
`, NeuronGroupOptions{Method: "rk4", Namespace: ns}))(t)
	noErr(t, neuron.Set("x", -1.6))
	noErr(t, neuron.SetExpr("y", "c - d*x**2"))
	noErr(t, neuron.SetExpr("z", "r*(s*(x - x_1))"))
	noErr(t, neuron.Set("I", 0.4, 2, 4))
	mon := must(NewStateMonitor(neuron, []string{"x"}, StateMonitorOptions{}))(t)
	net := must(NewNetwork(1e-4, neuron, mon))(t)
	noErr(t, net.Run(2.1))
	var x [][]float64
	for k := range 3 {
		x = append(x, must(mon.Trace("x", k))(t))
	}
	// A bursting model over 21 000 rk4 steps: rounding differences (Brian2
	// evaluates x**3 with pow, gohears as products) grow to 2.6e-11 on
	// values of order 1.
	compareExampleTraces(t, exampleRef(t, "hindmarsh_rose.csv"), 100, mon.T(), x, 1e-9)
}

// TestBrian2ExampleNonlinear: examples/synapses/nonlinear.py (clock-driven
// synaptic equations, a summed variable, the default method); the
// synapses' view of g and the neuron's g as Brian2's.
func TestBrian2ExampleNonlinear(t *testing.T) {
	ns := map[string]any{"a": "1 / (10*ms)", "b": "1 / (10*ms)", "c": "1 / (10*ms)"}
	neuronInput := must(NewNeuronGroup(2, "dv/dt = 1/(10*ms) : 1", NeuronGroupOptions{Threshold: "v>1", Reset: "v = 0", Method: "euler"}))(t)
	neurons := must(NewNeuronGroup(1, "dv/dt = (g-v)/(10*ms) : 1\ng : 1", NeuronGroupOptions{Method: "exact"}))(t)
	s := must(NewSynapses(neuronInput, neurons, SynapsesOptions{Model: `
dg_syn/dt = -a*g_syn+b*x*(1-g_syn) : 1 (clock-driven)
g_post = g_syn : 1 (summed)
dx/dt=-c*x : 1 (clock-driven)
w : 1 # synaptic weight
`, OnPre: "x += w", Namespace: ns}))(t)
	noErr(t, s.ConnectAll())
	noErr(t, s.Set("w", 1., 10.))
	noErr(t, neuronInput.Set("v", 0., 0.5))
	// Brian2's StateMonitor(S, 'g') finds the target's g; gohears names
	// it g_post.
	m := must(NewStateMonitor(s, []string{"g_post"}, StateMonitorOptions{Record: []int{0, 1}}))(t)
	mn := must(NewStateMonitor(neurons, []string{"g"}, StateMonitorOptions{Record: []int{0}}))(t)
	net := must(NewNetwork(0, neuronInput, neurons, s, m, mn))(t)
	noErr(t, net.Run(1))
	compareExampleTraces(t, exampleRef(t, "nonlinear.csv"), 10, m.T(),
		[][]float64{must(m.Trace("g_post", 0))(t), must(m.Trace("g_post", 1))(t), must(mn.Trace("g", 0))(t)}, 1e-9)
}

// compareExampleTraces compares traces (one slice per column) with a
// Brian2 CSV (time column first) that kept every every-th row.
func compareExampleTraces(t *testing.T, ref [][]float64, every int, times []float64, traces [][]float64, tol float64) {
	t.Helper()
	if len(times) <= (len(ref)-1)*every {
		t.Fatalf("%d recorded steps, Brian2 %d rows of every %d", len(times), len(ref), every)
	}
	worst := 0.0
	for r, row := range ref {
		k := r * every
		if math.Abs(times[k]-row[0]) > 1e-12 {
			t.Fatalf("row %d: t = %g, Brian2 %g", r, times[k], row[0])
		}
		for c, tr := range traces {
			d := math.Abs(tr[k] - row[c+1])
			worst = max(worst, d)
			if !(d <= tol) {
				t.Fatalf("t = %g s, column %d: %.12g, Brian2 %.12g", row[0], c, tr[k], row[c+1])
			}
		}
	}
	t.Logf("largest difference from Brian2: %.3g", worst)
}

// TestNoiseSubexpressionAndSharedSynapticSubexpression: the constructs
// of Spreizer et al. (2019)'s example: noise inside a subexpression (noise
// = mu + sigma*sqrt(noise_dt)*xi_pop) runs as the same noise written in
// the equation (identical voltages, same seed), the subexpression itself
// has no readable value, and a (shared) synaptic subexpression equals
// its constant written in place; (linked) takes no other flag.
func TestNoiseSubexpressionAndSharedSynapticSubexpression(t *testing.T) {
	run := func(model, synModel string) ([]float64, *NeuronGroup) {
		g := must(NewNeuronGroup(50, model, NeuronGroupOptions{GroupOptions: GroupOptions{Name: "sp"}, Threshold: "v > -55*mV", Reset: "v = -70*mV",
			Refractory: 2e-3, Method: "euler", Namespace: map[string]any{"mu": "400*pA", "sigma": "100*pA"}}))(t)
		noErr(t, g.Set("v", -70e-3))
		s := must(NewSynapses(g, g, SynapsesOptions{Model: synModel, OnPre: "h += 1", Method: "exact"}))(t)
		s.SeedInit(1)
		noErr(t, s.ConnectExpr("i != j", ConnectOptions{P: "0.2"}))
		net := must(NewNetwork(0, g, s))(t)
		net.Seed(3)
		noErr(t, net.Run(0.1))
		return must(g.Get("v"))(t), g
	}
	neuron := `
dv/dt = (E-v)/tau_m + (noise + I_syn)/C : volt (unless refractory)
I_syn :  amp
noise  = mu + sigma*sqrt(noise_dt)*xi_pop: amp
noise_dt = 1*ms  : second (shared)
C = 250*pF       : farad (shared)
tau_m = 10*ms      : second (shared)
E = -70*mV       : volt (shared)
`
	inline := `
dv/dt = (E-v)/tau_m + (mu + sigma*sqrt(1*ms)*xi_pop + I_syn)/C : volt (unless refractory)
I_syn :  amp
C = 250*pF       : farad (shared)
tau_m = 10*ms      : second (shared)
E = -70*mV       : volt (shared)
`
	syn := `
dg/dt = (-g+h) / tau_s : 1 (clock-driven)
dh/dt = -h / tau_s     : 1 (clock-driven)
I_syn_post = J*g  : amp  (summed)
J = -10*pA           : amp (shared)
tau_s = 5*ms           : second (shared)
`
	synInline := `
dg/dt = (-g+h) / (5*ms) : 1 (clock-driven)
dh/dt = -h / (5*ms)     : 1 (clock-driven)
I_syn_post = -10*pA*g  : amp  (summed)
`
	a, g := run(neuron, syn)
	b, _ := run(inline, synInline)
	if !slices.Equal(a, b) {
		t.Errorf("noise in a subexpression and shared synaptic subexpressions change the voltages (%v vs %v)", a[:3], b[:3])
	}
	if _, err := g.Get("noise"); err == nil || !strings.Contains(err.Error(), "xi_pop") {
		t.Errorf("reading the noise subexpression: %v", err)
	}
	if _, err := NewSynapses(g, g, SynapsesOptions{Model: "G : Hz (linked, constant)"}); err == nil || !strings.Contains(err.Error(), "linked") {
		t.Errorf("(linked) with another flag on a synaptic variable: %v", err)
	}
	if _, err := NewSynapses(g, g, SynapsesOptions{Model: "w : 1\nJ = w*pA : amp (shared)"}); err == nil {
		t.Error("a shared synaptic subexpression of a per-synapse variable was accepted")
	}
}

// TestBrian2LinkedToOneElement: examples/reliability.py's linked_var from
// a one-neuron input group to N neurons, with a deterministic input, as
// Brian2 runs it (every neuron reads the input's x).
func TestBrian2LinkedToOneElement(t *testing.T) {
	neuronInput := must(NewNeuronGroup(1, "dx/dt = (1.5 - x) / tau_input : 1", NeuronGroupOptions{GroupOptions: GroupOptions{Name: "input"}, Method: "euler", Namespace: map[string]any{"tau_input": "5*ms"}}))(t)
	neurons := must(NewNeuronGroup(5, `
dx/dt = (I - x) / tau : 1
tau : second (constant)
I : 1 (linked)
`, NeuronGroupOptions{GroupOptions: GroupOptions{Name: "neurons"}, Threshold: "x > 1", Reset: "x = 0", Refractory: 5e-3, Method: "euler"}))(t)
	noErr(t, neurons.SetExpr("tau", "(i + 2)*ms"))
	noErr(t, neurons.LinkVariable("I", neuronInput, "x"))
	mon := must(NewStateMonitor(neurons, []string{"x"}, StateMonitorOptions{Record: []int{0, 2, 4}}))(t)
	net := must(NewNetwork(0, neuronInput, neurons, mon))(t)
	noErr(t, net.Run(0.1))
	var x [][]float64
	for k := range 3 {
		x = append(x, must(mon.Trace("x", k))(t))
	}
	compareExampleTraces(t, exampleRef(t, "linked_one.csv"), 5, mon.T(), x, 1e-12)
	if i := must(neurons.Get("I"))(t); len(i) != 1 {
		t.Errorf("Get(I) of a link to one element: %d values", len(i))
	}
	big := must(NewNeuronGroup(3, "y : 1", NeuronGroupOptions{}))(t)
	if err := neurons.LinkVariable("I", big, "y"); err == nil {
		t.Error("a link to a group of another size (not 1) was accepted")
	}
}
