package spiking

import (
	"math"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/gohears/hears/internal/refdata"
	"github.com/gohears/hears/units"
)

func ints(col []float64) []int {
	out := make([]int, len(col))
	for k, x := range col {
		out[k] = int(x)
	}
	return out
}

func column(rows [][]float64, c int) []float64 {
	out := make([]float64, len(rows))
	for k, r := range rows {
		out[k] = r[c]
	}
	return out
}

// TestBrian2SynapsesDelays: spike generator -> LIF through synapses with
// per-synapse weights and delays (rounded to steps).
func TestBrian2SynapsesDelays(t *testing.T) {
	c := refCase(t, "synapses_delays")
	spk := must(c.CSV("input_spikes.csv"))(t)
	syn := must(c.CSV("synapses_S.csv"))(t)
	inp, err := NewSpikeGeneratorGroup(10, ints(column(spk, 0)), column(spk, 1), 0, GroupOptions{})
	if err != nil {
		t.Fatal(err)
	}
	g := must(NewNeuronGroup(5, "dv/dt = -v/tau : 1", NeuronGroupOptions{Threshold: "v>1", Reset: "v=0", Method: "exact",
		Namespace: map[string]any{"tau": "10*ms"}}))(t)
	s, err := NewSynapses(inp, g, SynapsesOptions{Model: "w : 1", OnPre: "v_post += w"})
	if err != nil {
		t.Fatal(err)
	}
	if err := s.Connect(ints(column(syn, 0)), ints(column(syn, 1))); err != nil {
		t.Fatal(err)
	}
	noErr(t, s.Set("w", column(syn, 2)...))
	noErr(t, s.Set("delay", column(syn, 3)...))
	sm := must(NewStateMonitor(g, []string{"v"}, StateMonitorOptions{}))(t)
	spm := must(NewSpikeMonitor(g, nil, MonitorOptions{}))(t)
	inm := must(NewSpikeMonitor(inp, nil, MonitorOptions{}))(t)
	net := must(NewNetwork(1e-4, inp, g, s, sm, spm, inm))(t)
	if err := net.Run(0.2); err != nil {
		t.Fatal(err)
	}
	checkSpikes(t, c, "spikes_input.csv", inm, 1e-4)
	checkSpikes(t, c, "spikes.csv", spm, 1e-4)
	checkTrace(t, c, "trace_v.csv", sm, "v", 1)
}

// TestBrian2CUBA: 400 LIF neurons, exact integration with (unless
// refractory), two pathways.
func TestBrian2CUBA(t *testing.T) {
	c := refCase(t, "cuba_small_fixed")
	v0 := must(c.CSV("input_v0.csv"))(t)
	ce := must(c.CSV("synapses_Ce.csv"))(t)
	ci := must(c.CSV("synapses_Ci.csv"))(t)
	ms := func(x float64) units.Quantity { return units.Quantity{Value: x * 1e-3, Dim: units.DimTime()} }
	mv := func(x float64) units.Quantity { return units.Quantity{Value: x * 1e-3, Dim: units.DimVoltage()} }
	ns := map[string]any{"taum": ms(20), "taue": ms(5), "taui": ms(10), "Vt": mv(-50), "Vr": mv(-60), "El": mv(-49),
		"we": mv(60 * 0.27 / 10), "wi": mv(-20 * 4.5 / 10)}
	p, err := NewNeuronGroup(400, `
dv/dt  = (ge+gi-(v-El))/taum : volt (unless refractory)
dge/dt = -ge/taue : volt
dgi/dt = -gi/taui : volt`, NeuronGroupOptions{Threshold: "v>Vt", Reset: "v = Vr", Refractory: 5e-3, Method: "exact", Namespace: ns})
	if err != nil {
		t.Fatal(err)
	}
	noErr(t, p.Set("v", column(v0, 0)...))
	cE, err := NewSynapses(p, p, SynapsesOptions{OnPre: "ge += we", Namespace: ns})
	if err != nil {
		t.Fatal(err)
	}
	cI := must(NewSynapses(p, p, SynapsesOptions{OnPre: "gi += wi", Namespace: ns}))(t)
	noErr(t, cE.Connect(ints(column(ce, 0)), ints(column(ce, 1))))
	noErr(t, cI.Connect(ints(column(ci, 0)), ints(column(ci, 1))))
	spm := must(NewSpikeMonitor(p, nil, MonitorOptions{}))(t)
	sm := must(NewStateMonitor(p, []string{"v", "ge", "gi"}, StateMonitorOptions{Record: []int{0, 320}}))(t)
	net := must(NewNetwork(1e-4, p, cE, cI, spm, sm))(t)
	if err := net.Run(0.2); err != nil {
		t.Fatal(err)
	}
	checkSpikes(t, c, "spikes.csv", spm, 1e-4)
	for _, v := range []string{"v", "ge", "gi"} {
		checkTrace(t, c, "trace_"+v+".csv", sm, v, 1)
	}
}

// TestBrian2SummedVariable: gap junctions through a summed variable.
func TestBrian2SummedVariable(t *testing.T) {
	c := refCase(t, "summed_variable")
	g, err := NewNeuronGroup(10, "dv/dt = (v0 - v + Igap) / tau : 1\nIgap : 1", NeuronGroupOptions{Threshold: "v > 1", Reset: "v = 0",
		Method: "exact", Namespace: map[string]any{"v0": 1.05, "tau": "10*ms", "n": 10}})
	if err != nil {
		t.Fatal(err)
	}
	if err := g.SetExpr("v", "i * 1.0 / (n-1)"); err != nil {
		t.Fatal(err)
	}
	s, err := NewSynapses(g, g, SynapsesOptions{Model: "w : 1\nIgap_post = w * (v_pre - v_post) : 1 (summed)"})
	if err != nil {
		t.Fatal(err)
	}
	noErr(t, s.ConnectAll())
	noErr(t, s.Set("w", 0.02))
	sm := must(NewStateMonitor(g, []string{"v", "Igap"}, StateMonitorOptions{}))(t)
	spm := must(NewSpikeMonitor(g, nil, MonitorOptions{}))(t)
	net := must(NewNetwork(1e-4, g, s, sm, spm))(t)
	if err := net.Run(0.5); err != nil {
		t.Fatal(err)
	}
	checkSpikes(t, c, "spikes.csv", spm, 1e-4)
	checkTrace(t, c, "trace_v.csv", sm, "v", 10)
	checkTrace(t, c, "trace_Igap.csv", sm, "Igap", 10)
}

// TestBrian2STDP: Song, Miller & Abbott STDP with event-driven traces.
func TestBrian2STDP(t *testing.T) {
	c := refCase(t, "stdp_song_small")
	spk := must(c.CSV("input_spikes.csv"))(t)
	syn := must(c.CSV("synapses_S.csv"))(t)
	gmax, dApre := 0.15, 0.01
	taupre := 20e-3
	dApost := -dApre * 1.05 * gmax
	dApre *= gmax
	ns := map[string]any{"taum": "10*ms", "taupre": "20*ms", "taupost": units.Quantity{Value: taupre, Dim: units.DimTime()},
		"Ee": "0*mV", "vt": "-54*mV", "vr": "-60*mV", "El": "-74*mV", "taue": "5*ms", "gmax": gmax, "dApre": dApre, "dApost": dApost}
	inp := must(NewSpikeGeneratorGroup(50, ints(column(spk, 0)), column(spk, 1), 0, GroupOptions{}))(t)
	g, err := NewNeuronGroup(1, "dv/dt = (ge * (Ee-vr) + El - v) / taum : volt\ndge/dt = -ge / taue : 1",
		NeuronGroupOptions{Threshold: "v>vt", Reset: "v = vr", Method: "exact", Namespace: ns})
	if err != nil {
		t.Fatal(err)
	}
	noErr(t, g.SetExpr("v", "El"))
	s, err := NewSynapses(inp, g, SynapsesOptions{Model: `w : 1
dApre/dt = -Apre / taupre : 1 (event-driven)
dApost/dt = -Apost / taupost : 1 (event-driven)`,
		OnPre: `ge += w
Apre += dApre
w = clip(w + Apost, 0, gmax)`,
		OnPost: `Apost += dApost
w = clip(w + Apre, 0, gmax)`, Namespace: ns})
	if err != nil {
		t.Fatal(err)
	}
	noErr(t, s.Connect(ints(column(syn, 0)), ints(column(syn, 1))))
	noErr(t, s.Set("w", column(syn, 2)...))
	synmon := must(NewStateMonitor(s, []string{"w", "Apre", "Apost", "lastupdate"}, StateMonitorOptions{Record: []int{0, 1, 2, 3}}))(t)
	sm := must(NewStateMonitor(g, []string{"v", "ge"}, StateMonitorOptions{}))(t)
	spm := must(NewSpikeMonitor(g, nil, MonitorOptions{}))(t)
	net := must(NewNetwork(1e-4, inp, g, s, synmon, sm, spm))(t)
	if err := net.Run(2); err != nil {
		t.Fatal(err)
	}
	checkSpikes(t, c, "spikes.csv", spm, 1e-4)
	checkTrace(t, c, "trace_v.csv", sm, "v", 10)
	checkTrace(t, c, "trace_ge.csv", sm, "ge", 10)
	for _, v := range []string{"w", "Apre", "Apost", "lastupdate"} {
		checkTrace(t, c, "trace_"+v+".csv", synmon, v, 10)
	}
	final := must(c.CSV("weights.csv"))(t)
	w := must(s.Get("w"))(t)
	for k, r := range final {
		if math.Abs(w[k]-r[2]) > 1e-9*gmax {
			t.Errorf("final weight of synapse %d: %.17g, Brian2 %.17g", k, w[k], r[2])
		}
	}
}

// TestBrian2SummedNMDA: clock-driven synaptic equations (euler) with a
// summed variable.
func TestBrian2SummedNMDA(t *testing.T) {
	c := refCase(t, "summed_variable_nmda")
	ns := map[string]any{"a": "1/(10*ms)", "b": "1/(10*ms)", "c": "1/(10*ms)"}
	in := must(NewNeuronGroup(2, "dv/dt = 1/(10*ms) : 1", NeuronGroupOptions{Threshold: "v>1", Reset: "v = 0", Method: "euler"}))(t)
	g, err := NewNeuronGroup(1, "dv/dt = (g-v)/(10*ms) : 1\ng : 1", NeuronGroupOptions{Method: "linear"})
	if err != nil {
		t.Fatal(err)
	}
	s, err := NewSynapses(in, g, SynapsesOptions{Model: `
dg_syn/dt = -a*g_syn+b*x*(1-g_syn) : 1 (clock-driven)
g_post = g_syn : 1 (summed)
dx/dt=-c*x : 1 (clock-driven)
w : 1`, OnPre: "x += w", Method: "euler", Namespace: ns})
	if err != nil {
		t.Fatal(err)
	}
	noErr(t, s.ConnectAll())
	noErr(t, s.Set("w", 1, 10))
	noErr(t, in.Set("v", 0, 0.5))
	m := must(NewStateMonitor(s, []string{"g_syn", "x"}, StateMonitorOptions{}))(t)
	mn := must(NewStateMonitor(g, []string{"g", "v"}, StateMonitorOptions{Record: []int{0}}))(t)
	inm := must(NewSpikeMonitor(in, nil, MonitorOptions{}))(t)
	net := must(NewNetwork(1e-4, in, g, s, m, mn, inm))(t)
	if err := net.Run(1); err != nil {
		t.Fatal(err)
	}
	checkSpikes(t, c, "spikes_input.csv", inm, 1e-4)
	checkTrace(t, c, "trace_g_syn.csv", m, "g_syn", 10)
	checkTrace(t, c, "trace_x.csv", m, "x", 10)
	checkTrace(t, c, "trace_g.csv", mn, "g", 10)
	checkTrace(t, c, "trace_v.csv", mn, "v", 10)
}

// TestSynapsesConnectAndErrors: connection helpers, store/restore of queued
// events, and errors that name the problem.
func TestSynapsesConnectAndErrors(t *testing.T) {
	g := must(NewNeuronGroup(20, "dv/dt = -v/(10*ms) : 1", NeuronGroupOptions{Threshold: "v > 1", Reset: "v = 0"}))(t)
	s, err := NewSynapses(g, g, SynapsesOptions{Model: "w : 1", OnPre: "v_post += w", Delay: 3e-3})
	if err != nil {
		t.Fatal(err)
	}
	if err := s.ConnectIf(func(i, j int) bool { return j == (i+1)%20 }); err != nil {
		t.Fatal(err)
	}
	if s.Size() != 20 {
		t.Fatalf("%d synapses", s.Size())
	}
	r := must(NewSynapses(g, g, SynapsesOptions{Model: "w : 1", OnPre: "v_post += w"}))(t)
	noErr(t, r.ConnectRandom(0.1, 1, false))
	if n := r.Size(); n < 15 || n > 65 {
		t.Errorf("ConnectRandom(0.1) on 380 pairs gave %d synapses", n)
	}
	for k := range r.I() {
		if r.I()[k] == r.J()[k] {
			t.Error("self connection")
		}
	}
	noErr(t, s.Set("w", 2))
	noErr(t, g.Set("v", 0))
	noErr(t, g.Set("v", 1.5, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0)) // neuron 0 spikes at step 0
	mon := must(NewSpikeMonitor(g, nil, MonitorOptions{}))(t)
	net := must(NewNetwork(1e-4, g, s, mon))(t)
	if err := net.Run(1e-3); err != nil { // event to neuron 1 is queued (due at step 30)
		t.Fatal(err)
	}
	noErr(t, net.Store("q"))
	if err := net.Run(4e-3); err != nil {
		t.Fatal(err)
	}
	first := mon.Steps()
	if err := net.Restore("q"); err != nil {
		t.Fatal(err)
	}
	if err := net.Run(4e-3); err != nil {
		t.Fatal(err)
	}
	// delivered in step 30 (after the threshold), so neuron 1 spikes in step 31
	if len(first) < 2 || first[1] != 31 || len(mon.Steps()) != len(first) {
		t.Errorf("queued event: spikes at steps %v, after restore %v", first, mon.Steps())
	}
	bad := []SynapsesOptions{
		{Model: "w : 1", OnPre: "v_post += w*mV"},
		{Model: "w : 1", OnPre: "u_post += w"},
		{Model: "w : 1", OnPre: "i = 3"},
		{Model: "w : 1\nx_post = w : 1 (summed)"},
		{Model: "dA/dt = -A*A/(1*ms) : 1 (event-driven)", OnPre: "A += 1"},
		{Model: "w : 1", OnPre: "v_post += w", Delay: -1},
	}
	for _, o := range bad {
		if _, err := NewSynapses(g, g, o); err == nil {
			t.Errorf("%+v accepted", o)
		}
	}
	if err := s.Connect([]int{0}, []int{20}); err == nil {
		t.Error("target index out of range accepted")
	}
}

// TestSummedTargetsConflict: two summed variables from different Synapses
// writing the same target variable are refused at Run, as in Brian2
// (NotImplementedError "Multiple 'summed variables' target the variable
// ..."), also through overlapping subgroups; disjoint subgroups are fine.
func TestSummedTargetsConflict(t *testing.T) {
	build := func(lo1, hi1, lo2, hi2 int) error {
		src, err := NewNeuronGroup(4, "v : 1", NeuronGroupOptions{})
		if err != nil {
			t.Fatal(err)
		}
		tgt, err := NewNeuronGroup(10, "x : 1", NeuronGroupOptions{})
		if err != nil {
			t.Fatal(err)
		}
		var objs []Object
		objs = append(objs, src, tgt)
		for _, r := range [][2]int{{lo1, hi1}, {lo2, hi2}} {
			var target Group = tgt
			if r != [2]int{0, 10} {
				sub, err := tgt.Sub(r[0], r[1])
				if err != nil {
					t.Fatal(err)
				}
				target = sub
			}
			s, err := NewSynapses(src, target, SynapsesOptions{Model: "w : 1\nx_post = w*v_pre : 1 (summed)"})
			if err != nil {
				t.Fatal(err)
			}
			if err := s.ConnectAll(); err != nil {
				t.Fatal(err)
			}
			objs = append(objs, s)
		}
		net, err := NewNetwork(0, objs...)
		if err != nil {
			t.Fatal(err)
		}
		return net.Run(1e-3)
	}
	if err := build(0, 10, 0, 10); err == nil || !strings.Contains(err.Error(), "multiple summed variables target the variable \"x\"") {
		t.Errorf("same group: got %v", err)
	}
	if err := build(0, 6, 5, 10); err == nil || !strings.Contains(err.Error(), "overlapping") {
		t.Errorf("overlapping subgroups: got %v", err)
	}
	if err := build(0, 5, 5, 10); err != nil {
		t.Errorf("disjoint subgroups: %v", err)
	}
}

// TestSynapsesIJ: IJ gives the same indices as the copies I and J, and the
// copies do not alias the synapses' storage.
func TestSynapsesIJ(t *testing.T) {
	g, err := NewNeuronGroup(5, "v : 1", NeuronGroupOptions{})
	if err != nil {
		t.Fatal(err)
	}
	s, err := NewSynapses(g, g, SynapsesOptions{Model: "w : 1"})
	if err != nil {
		t.Fatal(err)
	}
	if err := s.Connect([]int{0, 4, 2}, []int{3, 1, 2}); err != nil {
		t.Fatal(err)
	}
	is, js := s.I(), s.J()
	for k := range s.Size() {
		i, j := s.IJ(k)
		if i != int(is[k]) || j != int(js[k]) {
			t.Errorf("synapse %d: IJ (%d, %d), I/J (%d, %d)", k, i, j, is[k], js[k])
		}
	}
	is[0] = 99
	if i, _ := s.IJ(0); i != 0 {
		t.Error("I returned the synapses' own storage")
	}
}

// TestBrian2SynapseAssignment: string and conditional assignment on
// synaptic variables (w, delay), N_incoming / N_outgoing, and a
// StateMonitor on Synapses recording w, x_pre and y_post, against Brian2
// (testdata/brian2/synapse_assignment).
func TestBrian2SynapseAssignment(t *testing.T) {
	dir := filepath.Join("..", "testdata", "brian2", "synapse_assignment")
	ref := must(refdata.CSV(filepath.Join(dir, "synapses.csv")))(t)
	g := must(NewNeuronGroup(5, "dx/dt = -x/(10*ms) : 1", NeuronGroupOptions{Threshold: "x > 100"}))(t)
	noErr(t, g.SetExpr("x", "i*0.5 + 1"))
	h := must(NewNeuronGroup(4, "y : 1", NeuronGroupOptions{}))(t)
	noErr(t, h.SetExpr("y", "i*i"))
	s := must(NewSynapses(g, h, SynapsesOptions{Model: "w : 1", OnPre: "y_post += w"}))(t)
	noErr(t, s.ConnectExpr("i != j or i == 0", ConnectOptions{}))
	noErr(t, s.SetExpr("w", "x_pre + 2*y_post + N_incoming - 0.1*N_outgoing"))
	noErr(t, s.SetExprIf("w", "i > j", "w*2 + i - j"))
	noErr(t, s.SetExpr("delay", "(i + 2*j)*0.3*ms"))
	if s.Size() != len(ref) {
		t.Fatalf("%d synapses, Brian2 %d", s.Size(), len(ref))
	}
	w, delay := must(s.Get("w"))(t), must(s.Get("delay"))(t)
	nin, nout := must(s.Get("N_incoming"))(t), must(s.Get("N_outgoing"))(t)
	for k, r := range ref {
		i, j := s.IJ(k)
		if float64(i) != r[0] || float64(j) != r[1] || nin[k] != r[4] || nout[k] != r[5] {
			t.Errorf("synapse %d: (%d, %d, N_incoming %g, N_outgoing %g), Brian2 %v", k, i, j, nin[k], nout[k], r)
		}
		if math.Abs(w[k]-r[2]) > 1e-14*math.Abs(r[2]) || math.Abs(delay[k]-r[3]) > 1e-18 {
			t.Errorf("synapse %d: w %.17g delay %.17g, Brian2 %.17g %.17g", k, w[k], delay[k], r[2], r[3])
		}
	}
	if err := s.Set("N_incoming", 1); err == nil {
		t.Error("N_incoming accepted a value")
	}
	if err := s.SetExpr("w", "x_pre*mV"); err == nil || !strings.Contains(err.Error(), "dimension") {
		t.Errorf("w = x_pre*mV: %v", err)
	}
	mon := must(NewStateMonitor(s, []string{"w", "x_pre", "y_post"}, StateMonitorOptions{Record: []int{0, 3, 7}}))(t)
	net := must(NewNetwork(1e-4, g, h, s, mon))(t)
	noErr(t, net.Run(0.5e-3))
	for _, v := range []string{"w", "x_pre", "y_post"} {
		checkRows(t, "monitor_"+v+".csv", must(mon.Rows(v))(t), must(refdata.CSV(filepath.Join(dir, "monitor_"+v+".csv")))(t), 1e-14)
	}
}

// TestBrian2PoissonInput: the increments of a PoissonInput have the
// binomial mean and variance, 100 N p w and 100 N p (1 − p) w² after 100
// steps, in the exact-binomial (N p <= 5) and normal-approximation cases,
// and agree with Brian2's run (testdata/brian2/poisson_input/stats.csv)
// within the sampling error of both.
func TestBrian2PoissonInput(t *testing.T) {
	ref := must(refdata.CSV(filepath.Join("..", "testdata", "brian2", "poisson_input", "stats.csv")))(t)
	const n, steps, w = 4000, 100, 1e-4
	for _, r := range ref {
		sources, rate := int(r[0]), r[1]
		g := must(NewNeuronGroup(n, "v : volt", NeuronGroupOptions{}))(t)
		in := must(NewPoissonInput(g, "v", sources, rate, "0.1*mV", PoissonInputOptions{}))(t)
		net := must(NewNetwork(1e-4, g, in))(t)
		net.Seed(uint64(sources))
		noErr(t, net.Run(steps*1e-4))
		v := must(g.Get("v"))(t)
		var s, s2 float64
		for _, x := range v {
			s += x
			s2 += x * x
		}
		mean, vr := s/n, s2/n-(s/n)*(s/n)
		p := rate * 1e-4
		lam := float64(steps*sources) * p
		wantMean, wantVar := lam*w, lam*(1-p)*w*w
		seMean := math.Sqrt(wantVar / n)
		seVar := wantVar * math.Sqrt((2+1/lam)/n)
		if math.Abs(mean-wantMean) > 5*seMean || math.Abs(vr-wantVar) > 5*seVar {
			t.Errorf("N %d, %g Hz: mean %g var %g, want %g and %g", sources, rate, mean, vr, wantMean, wantVar)
		}
		if math.Abs(mean-r[2]) > 5*math.Sqrt2*seMean || math.Abs(vr-r[3]) > 5*math.Sqrt2*seVar {
			t.Errorf("N %d, %g Hz: mean %g var %g, Brian2 %g and %g", sources, rate, mean, vr, r[2], r[3])
		}
	}
	g := must(NewNeuronGroup(1, "v : volt", NeuronGroupOptions{}))(t)
	if _, err := NewPoissonInput(g, "v", 10, 5, "0.1*mV/ms", PoissonInputOptions{}); err == nil || !strings.Contains(err.Error(), "dimension") {
		t.Errorf("weight in V/s: %v", err)
	}
}

// TestBrian2NamedPathways: two named on_pre pathways with their own delays
// (a scalar for "up", per-synapse values set through down_delay, Brian2's
// S.down.delay) and a delayed on_post pathway, against Brian2
// (testdata/brian2/named_pathways): spikes, v and w.
func TestBrian2NamedPathways(t *testing.T) {
	dir := filepath.Join("..", "testdata", "brian2", "named_pathways")
	inp := must(NewSpikeGeneratorGroup(3, []int{0, 1, 2, 0, 1, 2, 0}, []float64{1e-3, 2e-3, 3e-3, 5e-3, 6e-3, 7e-3, 9e-3}, 0, GroupOptions{}))(t)
	g := must(NewNeuronGroup(2, "dv/dt = -v/(5*ms) : 1", NeuronGroupOptions{Threshold: "v > 1", Reset: "v = 0", Method: "exact"}))(t)
	s := must(NewSynapses(inp, g, SynapsesOptions{Model: "w : 1", Pathways: []Pathway{
		{Name: "up", Code: "v_post += w", Delay: 0.5e-3},
		{Name: "down", Code: "v_post -= 0.25*w"},
		{Name: "learn", Post: true, Code: "w += 0.1", Delay: 0.3e-3},
	}}))(t)
	noErr(t, s.ConnectAll())
	noErr(t, s.SetExpr("w", "0.6 + 0.1*i + 0.2*j"))
	noErr(t, s.SetExpr("down_delay", "(i + j)*0.7*ms"))
	mv := must(NewStateMonitor(g, []string{"v"}, StateMonitorOptions{}))(t)
	mw := must(NewStateMonitor(s, []string{"w"}, StateMonitorOptions{}))(t)
	sp := must(NewSpikeMonitor(g, nil, MonitorOptions{}))(t)
	net := must(NewNetwork(1e-4, inp, g, s, mv, mw, sp))(t)
	noErr(t, net.Run(15e-3))
	ref := must(refdata.CSV(filepath.Join(dir, "spikes.csv")))(t)
	is, ts := sp.I(), sp.T()
	if len(is) != len(ref) {
		t.Fatalf("%d spikes, Brian2 %d", len(is), len(ref))
	}
	for k, r := range ref {
		if float64(is[k]) != r[0] || math.Round(ts[k]/1e-4) != math.Round(r[1]/1e-4) {
			t.Errorf("spike %d: (%d, %g s), Brian2 (%g, %g s)", k, is[k], ts[k], r[0], r[1])
		}
	}
	for _, c := range []struct {
		file string
		mon  *StateMonitor
		v    string
	}{{"trace_v.csv", mv, "v"}, {"trace_w.csv", mw, "w"}} {
		checkRows(t, c.file, must(c.mon.Rows(c.v))(t), must(refdata.CSV(filepath.Join(dir, c.file)))(t), 1e-13)
	}
}

// TestBrian2SynapticSubexpressions: non-summed synaptic subexpressions in
// on_pre code, in a summed variable and in a StateMonitor on the Synapses
// (testdata/brian2/synaptic_subexpressions).
func TestBrian2SynapticSubexpressions(t *testing.T) {
	dir := filepath.Join("..", "testdata", "brian2", "synaptic_subexpressions")
	inp := must(NewSpikeGeneratorGroup(2, []int{0, 1, 0, 1}, []float64{1e-3, 2e-3, 4e-3, 7e-3}, 0, GroupOptions{}))(t)
	g := must(NewNeuronGroup(2, "dv/dt = -v/(10*ms) : 1\nI : 1", NeuronGroupOptions{Method: "exact"}))(t)
	s := must(NewSynapses(inp, g, SynapsesOptions{Model: `w : 1
dx/dt = -x/(5*ms) : 1 (clock-driven)
g = w*x : 1
gg = 2*g + w : 1
I_post = gg : 1 (summed)`, OnPre: "x += 1\nv_post += g", Method: "euler"}))(t)
	noErr(t, s.ConnectAll())
	noErr(t, s.SetExpr("w", "1 + i + 0.5*j"))
	mg := must(NewStateMonitor(s, []string{"gg"}, StateMonitorOptions{}))(t)
	mv := must(NewStateMonitor(g, []string{"v", "I"}, StateMonitorOptions{}))(t)
	net := must(NewNetwork(1e-4, inp, g, s, mg, mv))(t)
	noErr(t, net.Run(10e-3))
	for _, c := range []struct {
		file string
		mon  *StateMonitor
		v    string
	}{{"trace_gg.csv", mg, "gg"}, {"trace_v.csv", mv, "v"}, {"trace_I.csv", mv, "I"}} {
		checkRows(t, c.file, must(c.mon.Rows(c.v))(t), must(refdata.CSV(filepath.Join(dir, c.file)))(t), 1e-13)
	}
	gg := must(s.Get("gg"))(t)
	if len(gg) != s.Size() {
		t.Errorf("Get(gg): %d values", len(gg))
	}
	if _, err := NewSynapses(inp, g, SynapsesOptions{Model: "w : 1\ng = 2*w : 1", OnPre: "g += 1"}); err == nil {
		t.Error("a subexpression accepted as a target")
	}
}

// TestBrian2ShortTermPlasticity: inhomogeneous event-driven equations
// (dx/dt = (1 - x)/taud, du/dt = (U - u)/tauf), solved exactly over the
// time since the last update, against Brian2
// (testdata/brian2/short_term_plasticity).
func TestBrian2ShortTermPlasticity(t *testing.T) {
	dir := filepath.Join("..", "testdata", "brian2", "short_term_plasticity")
	times := []float64{2, 5, 8, 11, 14, 40, 43, 46, 90, 95}
	for k := range times {
		times[k] *= 1e-3
	}
	inp := must(NewSpikeGeneratorGroup(2, []int{0, 1, 0, 1, 0, 1, 0, 1, 0, 1}, times, 0, GroupOptions{}))(t)
	g := must(NewNeuronGroup(1, "dv/dt = -v/(10*ms) : 1", NeuronGroupOptions{Method: "exact"}))(t)
	s := must(NewSynapses(inp, g, SynapsesOptions{Model: `w : 1
dx/dt = (1 - x)/taud : 1 (event-driven)
du/dt = (U - u)/tauf : 1 (event-driven)`, OnPre: "v_post += w*u*x\nx -= u*x\nu += U*(1 - u)",
		Namespace: map[string]any{"U": 0.2, "taud": "20*ms", "tauf": "100*ms"}}))(t)
	noErr(t, s.ConnectAll())
	noErr(t, s.SetExpr("w", "1 + i"))
	noErr(t, s.Set("x", 1))
	noErr(t, s.Set("u", 0.2))
	mv := must(NewStateMonitor(g, []string{"v"}, StateMonitorOptions{}))(t)
	net := must(NewNetwork(1e-4, inp, g, s, mv))(t)
	noErr(t, net.Run(0.12))
	rows := must(refdata.CSV(filepath.Join(dir, "trace_v.csv")))(t)
	got := must(mv.Rows("v"))(t)
	for r := range rows {
		if math.Abs(got[r][0]-rows[r][1]) > 1e-14 {
			t.Fatalf("v row %d: %.17g, Brian2 %.17g", r, got[r][0], rows[r][1])
		}
	}
	final := must(refdata.CSV(filepath.Join(dir, "final_xu.csv")))(t)
	x, u := must(s.Get("x"))(t), must(s.Get("u"))(t)
	for k, r := range final {
		if math.Abs(x[k]-r[0]) > 1e-14 || math.Abs(u[k]-r[1]) > 1e-14 {
			t.Errorf("synapse %d: x %.17g u %.17g, Brian2 %.17g %.17g", k, x[k], u[k], r[0], r[1])
		}
	}
}

// TestBrian2SynapsesExact: clock-driven synaptic equations (a coupled
// inhomogeneous linear system) with method exact and with the default
// method, which chooses exact as Brian2 does
// (testdata/brian2/synapses_exact).
func TestBrian2SynapsesExact(t *testing.T) {
	dir := filepath.Join("..", "testdata", "brian2", "synapses_exact")
	for _, method := range []string{"exact", "default"} {
		inp := must(NewSpikeGeneratorGroup(2, []int{0, 1, 0}, []float64{1e-3, 3e-3, 6e-3}, 0, GroupOptions{}))(t)
		g := must(NewNeuronGroup(1, "I : 1", NeuronGroupOptions{}))(t)
		m := method
		if m == "default" {
			m = ""
		}
		s := must(NewSynapses(inp, g, SynapsesOptions{Model: `dg/dt = -g/(3*ms) : 1 (clock-driven)
dh/dt = (2*g - h)/(7*ms) + 1/second : 1 (clock-driven)
I_post = h : 1 (summed)`, OnPre: "g += 1 + i", Method: m}))(t)
		noErr(t, s.ConnectAll())
		mh := must(NewStateMonitor(s, []string{"h"}, StateMonitorOptions{}))(t)
		mi := must(NewStateMonitor(g, []string{"I"}, StateMonitorOptions{}))(t)
		net := must(NewNetwork(1e-4, inp, g, s, mh, mi))(t)
		noErr(t, net.Run(12e-3))
		if s.Method() != MethodExact {
			t.Errorf("%s: method %q", method, s.Method())
		}
		for _, c := range []struct {
			file string
			mon  *StateMonitor
			v    string
		}{{"trace_h_" + method + ".csv", mh, "h"}, {"trace_I_" + method + ".csv", mi, "I"}} {
			checkRows(t, c.file, must(c.mon.Rows(c.v))(t), must(refdata.CSV(filepath.Join(dir, c.file)))(t), 1e-13)
		}
	}
}

// TestBrian2SynapticNoise: noise in clock-driven synaptic equations (an
// Ornstein-Uhlenbeck process per synapse): after 20 time constants the
// mean is 0 and the variance sigma² (1/(1 − dt/(2 tau)) for euler), within
// the sampling error, as in Brian2's run (testdata/brian2/synaptic_noise);
// Store/Restore repeats the noise.
func TestBrian2SynapticNoise(t *testing.T) {
	ref := must(refdata.CSV(filepath.Join("..", "testdata", "brian2", "synaptic_noise", "stats.csv")))(t)
	const n = 4000
	g := must(NewNeuronGroup(n, "v : 1", NeuronGroupOptions{}))(t)
	s := must(NewSynapses(g, g, SynapsesOptions{Model: "dx/dt = -x/(10*ms) + 0.2*sqrt(2/(10*ms))*xi : 1 (clock-driven)", Method: "euler"}))(t)
	noErr(t, s.ConnectGenerator("i", false))
	net := must(NewNetwork(1e-4, g, s))(t)
	net.Seed(5)
	noErr(t, net.Store(""))
	noErr(t, net.Run(0.2))
	x := must(s.Get("x"))(t)
	var sum, sum2 float64
	for _, v := range x {
		sum += v
		sum2 += v * v
	}
	mean, vr := sum/n, sum2/n-(sum/n)*(sum/n)
	want := 0.04 / (1 - 1e-4/(2*10e-3))
	seMean, seVar := math.Sqrt(want/n), want*math.Sqrt(2.0/n)
	if math.Abs(mean) > 5*seMean || math.Abs(vr-want) > 5*seVar {
		t.Errorf("mean %g variance %g, want 0 and %g", mean, vr, want)
	}
	if math.Abs(mean-ref[0][0]) > 5*math.Sqrt2*seMean || math.Abs(vr-ref[0][1]) > 5*math.Sqrt2*seVar {
		t.Errorf("mean %g variance %g, Brian2 %g and %g", mean, vr, ref[0][0], ref[0][1])
	}
	noErr(t, net.Restore(""))
	noErr(t, net.Run(0.2))
	if again := must(s.Get("x"))(t); !slices.Equal(again, x) {
		t.Error("Restore did not repeat the synaptic noise")
	}
}

// TestBrian2SharedSynapticVariable: a (shared) synaptic parameter read by
// on_pre code and changed between runs (testdata/brian2/shared_synaptic);
// per-synapse code cannot write it.
func TestBrian2SharedSynapticVariable(t *testing.T) {
	rows := must(refdata.CSV(filepath.Join("..", "testdata", "brian2", "shared_synaptic", "trace_v.csv")))(t)
	inp := must(NewSpikeGeneratorGroup(2, []int{0, 1, 0, 1}, []float64{1e-3, 2e-3, 6e-3, 7e-3}, 0, GroupOptions{}))(t)
	g := must(NewNeuronGroup(2, "dv/dt = -v/(10*ms) : 1\nu : 1", NeuronGroupOptions{Method: "exact"}))(t)
	s := must(NewSynapses(inp, g, SynapsesOptions{Model: "w : 1\nA : 1 (shared)", OnPre: "v_post += w*A\nu_post += A"}))(t)
	noErr(t, s.ConnectAll())
	noErr(t, s.SetExpr("w", "1 + i + 2*j"))
	noErr(t, s.Set("A", 0.5))
	if err := s.Set("A", 1, 2, 3, 4); err == nil {
		t.Error("a shared variable accepted one value per synapse")
	}
	m := must(NewStateMonitor(g, []string{"v", "u"}, StateMonitorOptions{}))(t)
	net := must(NewNetwork(1e-4, inp, g, s, m))(t)
	noErr(t, net.Run(5e-3))
	noErr(t, s.Set("A", -0.25))
	noErr(t, net.Run(5e-3))
	v, u := must(m.Rows("v"))(t), must(m.Rows("u"))(t)
	for r := range rows {
		got := []float64{v[r][0], v[r][1], u[r][0], u[r][1]}
		for k := range got {
			if math.Abs(got[k]-rows[r][k+1]) > 1e-14 {
				t.Fatalf("row %d column %d: %.17g, Brian2 %.17g", r, k, got[k], rows[r][k+1])
			}
		}
	}
	if _, err := NewSynapses(inp, g, SynapsesOptions{Model: "A : 1 (shared)", OnPre: "A += 1"}); err == nil {
		t.Error("on_pre wrote a shared variable")
	}
}

// TestBrian2CoupledEventDriven: coupled event-driven equations (a trace
// driving a second one, and an inhomogeneous variable driven by the
// first), solved exactly between events, against Brian2
// (testdata/brian2/coupled_event_driven).
func TestBrian2CoupledEventDriven(t *testing.T) {
	dir := filepath.Join("..", "testdata", "brian2", "coupled_event_driven")
	inp := must(NewSpikeGeneratorGroup(2, []int{0, 1, 0, 0, 1, 0}, []float64{1e-3, 2e-3, 4e-3, 9e-3, 15e-3, 30e-3}, 0, GroupOptions{}))(t)
	g := must(NewNeuronGroup(1, "dv/dt = -v/(10*ms) : 1", NeuronGroupOptions{Method: "exact"}))(t)
	s := must(NewSynapses(inp, g, SynapsesOptions{Model: `w : 1
dApre/dt = -Apre/(5*ms) : 1 (event-driven)
dBpre/dt = (Apre - Bpre)/(8*ms) : 1 (event-driven)
dx/dt = (1 - x)/(20*ms) + Apre/(50*ms) : 1 (event-driven)`, OnPre: "Apre += 1\nv_post += w*Bpre + x\nx *= 0.5"}))(t)
	noErr(t, s.ConnectAll())
	noErr(t, s.SetExpr("w", "1 + i"))
	m := must(NewStateMonitor(g, []string{"v"}, StateMonitorOptions{}))(t)
	net := must(NewNetwork(1e-4, inp, g, s, m))(t)
	noErr(t, net.Run(40e-3))
	checkRows(t, "trace_v.csv", must(m.Rows("v"))(t), must(refdata.CSV(filepath.Join(dir, "trace_v.csv")))(t), 1e-13)
	final := must(refdata.CSV(filepath.Join(dir, "final.csv")))(t)
	for c, name := range []string{"Apre", "Bpre", "x", "lastupdate"} {
		got := must(s.Get(name))(t)
		for k, r := range final {
			if math.Abs(got[k]-r[c]) > 1e-13 {
				t.Errorf("%s of synapse %d: %.17g, Brian2 %.17g", name, k, got[k], r[c])
			}
		}
	}
}

// TestBrian2SynapsesRunRegularly: run_regularly on Synapses changes the
// weights during a run (testdata/brian2/synapses_run_regularly).
func TestBrian2SynapsesRunRegularly(t *testing.T) {
	dir := filepath.Join("..", "testdata", "brian2", "synapses_run_regularly")
	inp := must(NewSpikeGeneratorGroup(2, []int{0, 1, 0, 1, 0}, []float64{1e-3, 3e-3, 5e-3, 7e-3, 9e-3}, 0, GroupOptions{}))(t)
	g := must(NewNeuronGroup(2, "dv/dt = -v/(10*ms) : 1", NeuronGroupOptions{Method: "exact"}))(t)
	s := must(NewSynapses(inp, g, SynapsesOptions{Model: "w : 1", OnPre: "v_post += w"}))(t)
	noErr(t, s.ConnectAll())
	noErr(t, s.SetExpr("w", "1 + i + j"))
	noErr(t, s.RunRegularly("w = w*0.5 + (i + 1)*t/second", RegularOptions{Dt: 2e-3}))
	mw := must(NewStateMonitor(s, []string{"w"}, StateMonitorOptions{}))(t)
	mv := must(NewStateMonitor(g, []string{"v"}, StateMonitorOptions{}))(t)
	net := must(NewNetwork(1e-4, inp, g, s, mw, mv))(t)
	noErr(t, net.Run(10e-3))
	checkRows(t, "trace_w.csv", must(mw.Rows("w"))(t), must(refdata.CSV(filepath.Join(dir, "trace_w.csv")))(t), 1e-14)
	checkRows(t, "trace_v.csv", must(mv.Rows("v"))(t), must(refdata.CSV(filepath.Join(dir, "trace_v.csv")))(t), 1e-14)
	if err := s.RunRegularly("N_incoming = 1", RegularOptions{}); err == nil {
		t.Error("run_regularly wrote N_incoming")
	}
}
