package spiking

import (
	"math"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/gohears/hears/internal/refdata"
)

// siegertRate is the mean rate (Hz) of dv/dt = (mu - v)/tau +
// s*sqrt(2/tau)*xi with threshold theta and reset vr (no refractoriness):
// 1/rate = tau*sqrt(pi) * ∫_{(vr-mu)/σ}^{(theta-mu)/σ} e^{u²}(1+erf u) du,
// σ = s*sqrt(2) (Brunel 2000, Eq. 21; Siegert 1951).
func siegertRate(mu, s, tau, theta, vr float64) float64 {
	sg := s * math.Sqrt2
	a, b := (vr-mu)/sg, (theta-mu)/sg
	n := 4000
	h := (b - a) / float64(n)
	f := func(u float64) float64 { return math.Exp(u*u) * math.Erfc(-u) }
	sum := f(a) + f(b)
	for k := 1; k < n; k++ {
		w := 2.0
		if k%2 == 1 {
			w = 4
		}
		sum += w * f(a+float64(k)*h)
	}
	return 1 / (tau * math.Sqrt(math.Pi) * sum * h / 3)
}

// TestNoisyLIFRate: the mean rate of a noisy LIF (tau 10 ms, mu 1.2,
// s 0.2, threshold 1, reset 0) matches the Siegert formula within 4%
// (sampling error ~0.3%; Euler's discrete threshold detection at dt =
// 0.02 ms shifts the effective threshold by ~0.01, ~1% in rate).
func TestNoisyLIFRate(t *testing.T) {
	n, dur := 500, 1.0
	g, err := NewNeuronGroup(n, "dv/dt = (mu - v)/tau + s*sqrt(2/tau)*xi : 1", NeuronGroupOptions{
		Threshold: "v > 1", Reset: "v = 0", Namespace: map[string]any{"mu": 1.2, "s": 0.2, "tau": "10*ms"}})
	if err != nil {
		t.Fatal(err)
	}
	if g.Method() != MethodEuler {
		t.Errorf("automatic method %q, Brian2 picks euler for additive noise", g.Method())
	}
	g.SeedInit(4)
	if err := g.SetExpr("v", "rand()"); err != nil {
		t.Fatal(err)
	}
	mon := must(NewSpikeMonitor(g, nil, MonitorOptions{}))(t)
	net := must(NewNetwork(2e-5, g, mon))(t)
	net.Seed(11)
	if err := net.Run(0.1); err != nil { // transient
		t.Fatal(err)
	}
	before := mon.NumSpikes()
	if err := net.Run(dur); err != nil {
		t.Fatal(err)
	}
	rate := float64(mon.NumSpikes()-before) / (float64(n) * dur)
	want := siegertRate(1.2, 0.2, 0.01, 1, 0)
	t.Logf("rate %.2f Hz, Siegert %.2f Hz", rate, want)
	if math.Abs(rate/want-1) > 0.04 {
		t.Errorf("rate %.2f Hz, Siegert formula %.2f Hz", rate, want)
	}
}

// TestNoisyPerfectIntegratorISI: dv/dt = mu + s*xi, threshold 1, reset 0:
// ISIs are inverse-Gaussian with mean theta/mu = 20 ms and CV
// s/sqrt(theta*mu) = 0.283. Euler-Maruyama is exact in distribution here;
// the overshoot of the discrete threshold test (~0.58*s*sqrt(dt) = 0.012)
// lengthens ISIs by ~1%. Tolerances: mean 3%, CV 5% (sampling SE ~1%).
func TestNoisyPerfectIntegratorISI(t *testing.T) {
	n := 400
	g, err := NewNeuronGroup(n, "dv/dt = mu + s*xi : 1", NeuronGroupOptions{
		Threshold: "v > 1", Reset: "v = 0", Method: "euler", Namespace: map[string]any{"mu": "50*Hz", "s": "2*Hz**0.5"}})
	if err != nil {
		t.Fatal(err)
	}
	mon := must(NewSpikeMonitor(g, nil, MonitorOptions{}))(t)
	net := must(NewNetwork(1e-4, g, mon))(t)
	net.Seed(5)
	if err := net.Run(1); err != nil {
		t.Fatal(err)
	}
	var isi []float64
	for _, tr := range mon.Trains() {
		for k := 1; k < len(tr); k++ { // from the first spike on: renewal process
			isi = append(isi, tr[k]-tr[k-1])
		}
	}
	var m, v float64
	for _, x := range isi {
		m += x
	}
	m /= float64(len(isi))
	for _, x := range isi {
		v += (x - m) * (x - m)
	}
	cv := math.Sqrt(v/float64(len(isi)-1)) / m
	t.Logf("%d ISIs: mean %.4f s (theory 0.02), CV %.4f (theory %.4f)", len(isi), m, cv, 2/math.Sqrt(50))
	if math.Abs(m/0.02-1) > 0.03 {
		t.Errorf("mean ISI %.5f s, expected 0.02 s", m)
	}
	if math.Abs(cv/(2/math.Sqrt(50))-1) > 0.05 {
		t.Errorf("CV %.4f, expected %.4f", cv, 2/math.Sqrt(50))
	}
}

// TestWorkerIndependence: the same seed gives identical spikes and
// voltages with 1 and 2 worker threads (per-block random streams).
func TestWorkerIndependence(t *testing.T) {
	run := func(workers int) ([]int, []float64) {
		net, g, _ := noisyLIFNamed(t, 3000, 0.01, "lif")
		mon := must(NewSpikeMonitor(g, nil, MonitorOptions{}))(t)
		noErr(t, net.Add(mon))
		noErr(t, net.SetWorkers(workers))
		if err := net.Run(0.01); err != nil {
			t.Fatal(err)
		}
		net.Close()
		v := must(g.Get("v"))(t)
		return mon.I(), v
	}
	i1, v1 := run(1)
	i2, v2 := run(2)
	if !slices.Equal(i1, i2) || !slices.Equal(v1, v2) || len(i1) == 0 {
		t.Errorf("results depend on the number of workers (%d vs %d spikes)", len(i1), len(i2))
	}
}

// TestStoreRestoreGroup: Restore brings back variables and random streams,
// so a stochastic run repeats exactly (the Brian2 tutorial's pattern).
func TestStoreRestoreGroup(t *testing.T) {
	g, err := NewNeuronGroup(100, "dv/dt = -v/tau + xi/sqrt(tau) : 1", NeuronGroupOptions{Threshold: "v > 1", Reset: "v = 0",
		Refractory: 2e-3, Namespace: map[string]any{"tau": "10*ms"}})
	if err != nil {
		t.Fatal(err)
	}
	mon := must(NewSpikeMonitor(g, nil, MonitorOptions{}))(t)
	net := must(NewNetwork(1e-4, g, mon))(t)
	net.Seed(3)
	if err := net.Run(0.05); err != nil {
		t.Fatal(err)
	}
	noErr(t, net.Store(""))
	if err := net.Run(0.05); err != nil {
		t.Fatal(err)
	}
	v1 := must(g.Get("v"))(t)
	n1 := mon.NumSpikes()
	if err := net.Restore(""); err != nil {
		t.Fatal(err)
	}
	if err := net.Run(0.05); err != nil {
		t.Fatal(err)
	}
	v2 := must(g.Get("v"))(t)
	if !slices.Equal(v1, v2) || mon.NumSpikes() != n1 || n1 == 0 {
		t.Errorf("restore did not repeat the run (%d vs %d spikes)", n1, mon.NumSpikes())
	}
}

// TestSubgroupsAndMonitors: subgroups see their part of the spikes and
// variables; SpikeMonitor records variables at spike time (after the
// threshold, before the reset); StateMonitor with its own dt; rate monitor.
func TestSubgroupsAndMonitors(t *testing.T) {
	// v rises linearly at rate i+1 per second... neuron k reaches 1 after 1/(k+1) s.
	g, err := NewNeuronGroup(4, "dv/dt = (i + 1)/second : 1", NeuronGroupOptions{Threshold: "v >= 0.05", Reset: "v = 0"})
	if err != nil {
		t.Fatal(err)
	}
	sub, err := g.Sub(2, 4)
	if err != nil {
		t.Fatal(err)
	}
	if err := sub.Set("v", 0.01); err != nil {
		t.Fatal(err)
	}
	all := must(NewSpikeMonitor(g, []string{"v"}, MonitorOptions{}))(t)
	part := must(NewSpikeMonitor(sub, nil, MonitorOptions{}))(t)
	sm := must(NewStateMonitor(sub, []string{"v"}, StateMonitorOptions{Record: []int{1}, Dt: 1e-3}))(t)
	rm := must(NewPopulationRateMonitor(g, MonitorOptions{}))(t)
	net := must(NewNetwork(1e-4, g, all, part, sm, rm))(t)
	if err := net.Run(0.1); err != nil {
		t.Fatal(err)
	}
	cnt := all.Count()
	if cnt[0] < 1 || cnt[1] <= cnt[0] || cnt[2] <= cnt[1] || cnt[3] < cnt[2] {
		t.Errorf("counts %v should grow with the index", cnt)
	}
	if got := part.Count(); !slices.Equal(got, cnt[2:]) {
		t.Errorf("subgroup counts %v, group %v", got, cnt)
	}
	seen := map[[2]int64]bool{}
	for k, i := range all.I() {
		seen[[2]int64{int64(i), all.Steps()[k]}] = true
	}
	for k, i := range part.I() {
		if !seen[[2]int64{int64(i + 2), part.Steps()[k]}] {
			t.Errorf("subgroup spike %d (index %d, step %d) is not a spike of neuron %d of the group", k, i, part.Steps()[k], i+2)
		}
	}
	vals := must(all.Values("v"))(t)
	for _, x := range vals {
		if x < 0.05 || x > 0.0505 {
			t.Errorf("v at spike %g, expected just above the threshold", x)
		}
	}
	if len(sm.T()) != 100 || math.Abs(sm.T()[1]-1e-3) > 1e-15 {
		t.Errorf("state monitor with dt 1 ms recorded %d rows", len(sm.T()))
	}
	tr := must(sm.Trace("v", 0))(t)
	if math.Abs(tr[1]-(0.01+4*1e-3)) > 1e-12 {
		t.Errorf("trace of neuron 3 at 1 ms: %g", tr[1])
	}
	total := 0.0
	for _, r := range rm.Rate() {
		total += r * 4 * 1e-4
	}
	if math.Abs(total-float64(all.NumSpikes())) > 1e-9 {
		t.Errorf("population rate integrates to %g spikes, want %d", total, all.NumSpikes())
	}
	if _, err := g.Sub(3, 9); err == nil {
		t.Error("subgroup outside the group accepted")
	}
}

// TestErrors: constructors name the problem.
func TestErrors(t *testing.T) {
	ns := map[string]any{"tau": "10*ms"}
	cases := []struct {
		model string
		opts  NeuronGroupOptions
		want  string
	}{
		{"dv/dt = -v/tau : volt", NeuronGroupOptions{Method: "rk5", Namespace: ns}, "unknown integration method"},
		{"dv/dt = -v/tau : volt", NeuronGroupOptions{Namespace: ns, Threshold: "v > 1"}, "volt"},
		{"dv/dt = -v/tau : 1", NeuronGroupOptions{Namespace: ns, Reset: "w = 0", Threshold: "v > 1"}, `"w"`},
		{"dv/dt = -v/tau : 1", NeuronGroupOptions{Namespace: ns, Threshold: "v > 1", RefractoryExpr: "v*2"}, "time or a condition"},
		{"dv/dt = -v*v/tau : 1", NeuronGroupOptions{Namespace: ns, Method: "exact"}, "not linear"},
		{"dv/dt = -v*v/tau : 1", NeuronGroupOptions{Namespace: ns, Method: "exponential_euler"}, "not linear"},
		{"dv/dt = -v/tauu : 1", NeuronGroupOptions{Namespace: ns}, "tauu"},
		{"dv/dt = -v/tau : 1", NeuronGroupOptions{Namespace: map[string]any{"tau": []int{1}}}, "unsupported type"},
		{"dv/dt = -v/tau : 1 (bogus)", NeuronGroupOptions{Namespace: ns}, "unknown flag"},
		{"dt/dt = -v/tau : 1", NeuronGroupOptions{Namespace: ns}, ""},
	}
	for _, c := range cases {
		_, err := NewNeuronGroup(3, c.model, c.opts)
		if err == nil || !strings.Contains(err.Error(), c.want) {
			t.Errorf("%q %+v: error %v, want one mentioning %q", c.model, c.opts, err, c.want)
		}
	}
	g := must(NewNeuronGroup(3, "dv/dt = -v/tau : volt\nI = v/ohm : amp", NeuronGroupOptions{Namespace: ns}))(t)
	if err := g.Set("v", 1, 2); err == nil {
		t.Error("wrong number of values accepted")
	}
	if err := g.Set("v", math.NaN()); err == nil {
		t.Error("NaN accepted")
	}
	if err := g.SetExpr("v", "3*amp"); err == nil || !strings.Contains(err.Error(), "dimension") {
		t.Errorf("SetExpr dimension: %v", err)
	}
	if err := g.Set("I", 1); err == nil {
		t.Error("subexpression set")
	}
	if err := g.Set("nope", 1); err == nil || !strings.Contains(err.Error(), "no variable") {
		t.Errorf("unknown variable: %v", err)
	}
	if g.Method() != MethodExact {
		t.Errorf("automatic choice for a linear system: %q", g.Method())
	}
	noErr(t, g.Set("v", 2e-3))
	cur, err := g.Get("I")
	if err != nil || cur[0] != 2e-3 {
		t.Errorf("subexpression value %v %v", cur, err)
	}
	if _, err := NewNeuronGroup(0, "v : 1", NeuronGroupOptions{}); err == nil {
		t.Error("empty group accepted")
	}
}

// TestPoissonGroupExpr: rates as an expression of t and i.
func TestPoissonGroupExpr(t *testing.T) {
	g, err := NewPoissonGroupExpr(200, "(i < 100)*100*Hz + (t > 0.5*second)*200*Hz", GroupOptions{}, nil)
	if err != nil {
		t.Fatal(err)
	}
	c := must(NewSpikeCounter(g, MonitorOptions{}))(t)
	net := must(NewNetwork(1e-4, g, c))(t)
	net.Seed(1)
	if err := net.Run(1); err != nil {
		t.Fatal(err)
	}
	cnt := c.Count()
	lo, hi := 0, 0
	for k, x := range cnt {
		if k < 100 {
			lo += x
		} else {
			hi += x
		}
	}
	// expected: first half 100*(100*1 + 200*0.5) = 20000, second 100*100 = 10000
	if math.Abs(float64(lo)-20000) > 5*math.Sqrt(20000) || math.Abs(float64(hi)-10000) > 5*math.Sqrt(10000) {
		t.Errorf("counts %d and %d, expected 20000 and 10000", lo, hi)
	}
	if _, err := NewPoissonGroupExpr(2, "3*mV", GroupOptions{}, nil); err == nil {
		t.Error("rates in volt accepted")
	}
}

// TestSharedConstantOverDtAndSubgroupIndex: shared variables, constant-
// over-dt subexpressions, subgroup-relative i, run_regularly on a vector.
func TestSharedConstantOverDtAndSubgroupIndex(t *testing.T) {
	model := `
dv/dt = (drive - v)/tau : 1
drive = ampl*rand() : 1 (constant over dt)
ampl : 1 (shared)
k : 1
`
	g, err := NewNeuronGroup(6, model, NeuronGroupOptions{Method: "euler", Namespace: map[string]any{"tau": "10*ms"}})
	if err != nil {
		t.Fatal(err)
	}
	if err := g.Set("ampl", 2); err != nil {
		t.Fatal(err)
	}
	if err := g.Set("ampl", 1, 2); err == nil {
		t.Error("two values for a shared variable accepted")
	}
	sub := must(g.Sub(2, 6))(t)
	if err := sub.SetExpr("k", "i + 10*N"); err != nil {
		t.Fatal(err)
	}
	k := must(g.Get("k"))(t)
	if !slices.Equal(k, []float64{0, 0, 40, 41, 42, 43}) {
		t.Errorf("subgroup i and N: k = %v", k)
	}
	if err := g.RunRegularly("k += 1", RegularOptions{Dt: 1e-3}); err != nil {
		t.Fatal(err)
	}
	net := must(NewNetwork(1e-4, g))(t)
	net.Seed(2)
	if err := net.Run(5e-3); err != nil {
		t.Fatal(err)
	}
	k = must(g.Get("k"))(t)
	if k[0] != 5 || k[5] != 48 {
		t.Errorf("run_regularly every 1 ms for 5 ms: k = %v", k)
	}
	d := must(g.Get("drive"))(t)
	v := must(g.Get("v"))(t)
	for i := range d {
		if d[i] < 0 || d[i] >= 2 || v[i] <= 0 || v[i] >= 2 {
			t.Errorf("neuron %d: drive %g v %g", i, d[i], v[i])
		}
	}
}

// TestProgressReport: the callback sees the start and the end of a run.
func TestProgressReport(t *testing.T) {
	g := must(NewNeuronGroup(1, "dv/dt = -v/(10*ms) : 1", NeuronGroupOptions{}))(t)
	net := must(NewNetwork(1e-4, g))(t)
	var got []float64
	net.OnProgress(func(p Progress) { got = append(got, p.Done) })
	if err := net.Run(0.01); err != nil {
		t.Fatal(err)
	}
	if len(got) < 2 || got[0] != 0 || got[len(got)-1] != 1 {
		t.Errorf("progress %v", got)
	}
	if err := net.Run(-1); err == nil {
		t.Error("negative duration accepted")
	}
}

// TestUnlessRefractoryEuler: with (unless refractory) and a non-exact
// method, v stays exactly at the reset value for R = 20 steps after a
// spike, and the namespace is re-read at every run.
func TestUnlessRefractoryEuler(t *testing.T) {
	for _, method := range []string{"euler", "rk4", "exponential_euler"} {
		ns := map[string]any{"tau": "10*ms", "drive": 3.0}
		g, err := NewNeuronGroup(1, "dv/dt = (drive - v)/tau : 1 (unless refractory)", NeuronGroupOptions{
			Threshold: "v > 1", Reset: "v = 0", Refractory: 2e-3, Method: method, Namespace: ns})
		if err != nil {
			t.Fatal(err)
		}
		sm := must(NewStateMonitor(g, []string{"v"}, StateMonitorOptions{}))(t)
		mon := must(NewSpikeMonitor(g, nil, MonitorOptions{}))(t)
		net := must(NewNetwork(1e-4, g, sm, mon))(t)
		if err := net.Run(0.02); err != nil {
			t.Fatal(err)
		}
		tr := must(sm.Trace("v", 0))(t)
		s := int(mon.Steps()[0])
		for k := s + 1; k <= s+20; k++ {
			if tr[k] != 0 {
				t.Errorf("%s: v = %g in row %d, %d steps after the spike", method, tr[k], k, k-s)
			}
		}
		if tr[s+21] <= 0 || math.IsNaN(tr[s+21]) {
			t.Errorf("%s: v does not integrate again after the refractory period: %g", method, tr[s+21])
		}
		n1 := mon.NumSpikes()
		ns["drive"] = 0.5 // below threshold: no more spikes in the next run
		if err := net.Run(0.02); err != nil {
			t.Fatal(err)
		}
		if mon.NumSpikes() != n1 {
			t.Errorf("%s: namespace change between runs ignored (%d -> %d spikes)", method, n1, mon.NumSpikes())
		}
	}
}

func TestTimedArrayColumnCheck(t *testing.T) {
	ta := must(NewTimedArray("ta", []float64{1, 2, 3, 4}, 2, 1e-3))(t)
	_, err := NewNeuronGroup(3, "dv/dt = (ta(t, i) - v)/(10*ms) : 1", NeuronGroupOptions{Namespace: map[string]any{"ta": ta}})
	if err == nil || !strings.Contains(err.Error(), "columns") {
		t.Errorf("3 neurons reading a 2-column array: %v", err)
	}
	_, err = NewNeuronGroup(2, "dv/dt = (ta(t) - v)/(10*ms) : 1", NeuronGroupOptions{Namespace: map[string]any{"ta": ta}})
	if err == nil {
		t.Error("2-D array called with one argument accepted")
	}
}

// TestExactPerNeuronParameters: per-neuron time constants, a coupled
// system with repeated eigenvalues and a pure integrator, against the
// closed-form solutions.
func TestExactPerNeuronParameters(t *testing.T) {
	g, err := NewNeuronGroup(3, `
dv/dt = (ge - v)/tau : 1
dge/dt = -ge/tau : 1
dq/dt = r : 1
tau : second
r : Hz`, NeuronGroupOptions{Method: "exact"})
	if err != nil {
		t.Fatal(err)
	}
	taus := []float64{5e-3, 10e-3, 20e-3}
	noErr(t, g.Set("tau", taus...))
	noErr(t, g.Set("r", 1, 2, 3))
	noErr(t, g.Set("ge", 1))
	net := must(NewNetwork(1e-4, g))(t)
	if err := net.Run(0.05); err != nil {
		t.Fatal(err)
	}
	v := must(g.Get("v"))(t)
	q := must(g.Get("q"))(t)
	for k, tau := range taus {
		tt := 0.05
		want := tt / tau * math.Exp(-tt/tau) // v(0) = 0, ge(0) = 1: Jordan block
		if math.Abs(v[k]-want) > 1e-12 {
			t.Errorf("neuron %d: v = %.15g, analytic %.15g", k, v[k], want)
		}
		if math.Abs(q[k]-float64(k+1)*tt) > 1e-12 {
			t.Errorf("neuron %d: q = %.15g, analytic %.15g", k, q[k], float64(k+1)*tt)
		}
	}
}

// TestThresholdFusion: the threshold is evaluated inside the state update
// pass unless something runs between the two; both paths give the same
// spikes.
func TestThresholdFusion(t *testing.T) {
	run := func(blocker bool) ([]int, bool) {
		net, g, _ := noisyLIFNamed(t, 3000, 0.01, "fusion")
		mon := must(NewSpikeMonitor(g, nil, MonitorOptions{}))(t)
		noErr(t, net.Add(mon))
		if blocker {
			op := must(NewNetworkOperation(func(float64) error { return nil }, NetworkOperationOptions{When: "after_groups"}))(t)
			noErr(t, net.Add(op))
		}
		if err := net.Run(0.01); err != nil {
			t.Fatal(err)
		}
		net.Close()
		return mon.I(), g.fused
	}
	a, fa := run(false)
	b, fb := run(true)
	if !fa || fb {
		t.Errorf("fusion: %v without, %v with an operation in between", fa, fb)
	}
	if !slices.Equal(a, b) || len(a) == 0 {
		t.Errorf("fused and separate thresholds differ (%d vs %d spikes)", len(a), len(b))
	}
}

// TestSubexpressionTime: a recorded subexpression of t sees the time of
// the step being recorded (Brian2 evaluates it at t_k in slot start).
func TestSubexpressionTime(t *testing.T) {
	g, err := NewNeuronGroup(1, "dv/dt = -v/(10*ms) : 1\ns = t/second : 1", NeuronGroupOptions{})
	if err != nil {
		t.Fatal(err)
	}
	sm := must(NewStateMonitor(g, []string{"s"}, StateMonitorOptions{}))(t)
	net := must(NewNetwork(1e-4, g, sm))(t)
	if err := net.Run(1e-3); err != nil {
		t.Fatal(err)
	}
	tr := must(sm.Trace("s", 0))(t)
	for k, x := range tr {
		if math.Abs(x-float64(k)*1e-4) > 1e-18 {
			t.Fatalf("row %d: s = %g, want %g", k, x, float64(k)*1e-4)
		}
	}
	if s := must(g.Get("s"))(t); math.Abs(s[0]-1e-3) > 1e-18 {
		t.Errorf("after the run s = %g, want the clock time 1 ms", s[0])
	}
}

// TestNamespaceReferences: string namespace entries may use other
// constant entries (as Python code computes tau2 = 2*tau before a Brian2
// model uses it), in any order and depth; cycles and non-constants are
// refused by name.
func TestNamespaceReferences(t *testing.T) {
	ns := map[string]any{"tau": "10*ms", "tau2": "2*tau", "tau4": "tau2 + tau2", "k": 3, "rate": "k/tau4"}
	g := must(NewNeuronGroup(1, "dv/dt = rate : 1", NeuronGroupOptions{Method: "euler", Namespace: ns}))(t)
	net := must(NewNetwork(1e-4, g))(t)
	noErr(t, net.Run(1e-3))
	v := must(g.Get("v"))(t)
	if want := 3 / 0.04 * 1e-3; math.Abs(v[0]-want) > 1e-12 {
		t.Errorf("v = %g, want %g", v[0], want)
	}
	for _, c := range []struct {
		ns   map[string]any
		want string
	}{
		{map[string]any{"a": "2*b", "b": "3*a", "rate": "a/ms"}, "cycle"},
		{map[string]any{"ta": must(NewTimedArray("ta", []float64{1}, 1, 1e-3))(t), "rate": "ta/ms"}, "not a constant"},
	} {
		if _, err := NewNeuronGroup(1, "dv/dt = rate : 1", NeuronGroupOptions{Method: "euler", Namespace: c.ns}); err == nil || !strings.Contains(err.Error(), c.want) {
			t.Errorf("%v: got %v, want %q", c.ns, err, c.want)
		}
	}
}

// TestBrian2LinkedVariable: a (linked) parameter reads another group's
// variable (testdata/brian2/linked_variable); it cannot be set, and an
// unlinked one stops the run.
func TestBrian2LinkedVariable(t *testing.T) {
	rows := must(refdata.CSV(filepath.Join("..", "testdata", "brian2", "linked_variable", "trace_x.csv")))(t)
	g1 := must(NewNeuronGroup(3, "dv/dt = (I - v)/(10*ms) : 1\nI : 1", NeuronGroupOptions{Method: "exact"}))(t)
	noErr(t, g1.SetExpr("I", "i + 1"))
	g2 := must(NewNeuronGroup(3, "v : 1 (linked)\ndx/dt = (2*v - x)/(5*ms) : 1", NeuronGroupOptions{Method: "exact"}))(t)
	unlinked := must(NewNeuronGroup(3, "v : 1 (linked)", NeuronGroupOptions{}))(t)
	if err := must(NewNetwork(0, unlinked))(t).Run(1e-4); err == nil || !strings.Contains(err.Error(), "not linked") {
		t.Errorf("unlinked: %v", err)
	}
	noErr(t, g2.LinkVariable("v", g1, "v"))
	if err := g2.Set("v", 1); err == nil {
		t.Error("a linked variable accepted a value")
	}
	mon := must(NewStateMonitor(g2, []string{"x"}, StateMonitorOptions{}))(t)
	net := must(NewNetwork(1e-4, g1, g2, mon))(t)
	noErr(t, net.Run(20e-3))
	got := must(mon.Rows("x"))(t)
	for r := range rows {
		for c := range got[r] {
			if math.Abs(got[r][c]-rows[r][c+1]) > 1e-13 {
				t.Fatalf("row %d neuron %d: x %.17g, Brian2 %.17g", r, c, got[r][c], rows[r][c+1])
			}
		}
	}
}

// TestBrian2CustomEvents: a custom event with RunOnEvent in a chosen slot,
// a monitor of the event (Brian2's EventMonitor) and a pathway triggered
// by it (on_event), against Brian2 (testdata/brian2/custom_events).
func TestBrian2CustomEvents(t *testing.T) {
	dir := filepath.Join("..", "testdata", "brian2", "custom_events")
	g := must(NewNeuronGroup(3, "dv/dt = (2 - v)/(10*ms) : 1\ndw/dt = -w/(5*ms) : 1", NeuronGroupOptions{
		Threshold: "v > 1", Reset: "v = 0", Refractory: 2e-3, Method: "exact",
		Events: map[string]string{"half": "v > 0.5 and w < 0.1"}}))(t)
	noErr(t, g.SetExpr("v", "i*0.3"))
	noErr(t, g.RunOnEvent("half", "w += 0.5", EventOptions{When: "after_thresholds"}))
	e := must(NewSpikeMonitor(g, nil, MonitorOptions{Event: "half"}))(t)
	tg := must(NewNeuronGroup(3, "x : 1", NeuronGroupOptions{}))(t)
	s := must(NewSynapses(g, tg, SynapsesOptions{Pathways: []Pathway{{Name: "pre", Code: "x_post += 1 + i", Event: "half"}}}))(t)
	noErr(t, s.ConnectGenerator("i", false))
	m := must(NewStateMonitor(g, []string{"v", "w"}, StateMonitorOptions{}))(t)
	net := must(NewNetwork(1e-4, g, e, tg, s, m))(t)
	noErr(t, net.Run(30e-3))
	ref := must(refdata.CSV(filepath.Join(dir, "events.csv")))(t)
	is, ts := e.I(), e.T()
	if len(is) != len(ref) {
		t.Fatalf("%d events, Brian2 %d", len(is), len(ref))
	}
	for k, r := range ref {
		if float64(is[k]) != r[0] || math.Round(ts[k]/1e-4) != math.Round(r[1]/1e-4) {
			t.Errorf("event %d: (%d, %g s), Brian2 (%g, %g s)", k, is[k], ts[k], r[0], r[1])
		}
	}
	rows := must(refdata.CSV(filepath.Join(dir, "trace.csv")))(t)
	v, w := must(m.Rows("v"))(t), must(m.Rows("w"))(t)
	for r := range rows {
		got := append(slices.Clone(v[r]), w[r]...)
		for k := range got {
			if math.Abs(got[k]-rows[r][k+1]) > 1e-13 {
				t.Fatalf("trace row %d column %d: %.17g, Brian2 %.17g", r, k, got[k], rows[r][k+1])
			}
		}
	}
	x := must(tg.Get("x"))(t)
	xr := must(refdata.CSV(filepath.Join(dir, "x.csv")))(t)
	for k := range x {
		if x[k] != xr[k][0] {
			t.Errorf("x[%d] = %g, Brian2 %g", k, x[k], xr[k][0])
		}
	}
	if err := g.RunOnEvent("nothing", "w = 0", EventOptions{}); err == nil {
		t.Error("an unknown event accepted")
	}
}

// TestSimpleThresholdOperators: "x op constant" thresholds (compared in
// place) give the spikes of the general path (the same condition written
// so that it compiles to a program) for every comparison operator, with
// refractoriness.
func TestSimpleThresholdOperators(t *testing.T) {
	for _, op := range []string{">", ">=", "<", "<=", "==", "!="} {
		run := func(thr string) []int {
			g := must(NewNeuronGroup(50, "dv/dt = (i*0.01 - v)/(3*ms) : 1", NeuronGroupOptions{
				Threshold: thr, Reset: "v = 0.25", Refractory: 1e-3, Method: "exact"}))(t)
			if (g.built.thrFast != nil) != !strings.HasPrefix(thr, "not") {
				t.Fatalf("%q: fast path %v", thr, g.built.thrFast != nil)
			}
			m := must(NewSpikeMonitor(g, nil, MonitorOptions{}))(t)
			noErr(t, must(NewNetwork(1e-4, g, m))(t).Run(20e-3))
			return m.I()
		}
		c := "0.3"
		if op == "==" {
			c = "0" // neuron 0 (no drive) stays at 0 until its first reset
		}
		fast, general := run("v "+op+" "+c), run("not not (v "+op+" "+c+")")
		if !slices.Equal(fast, general) || len(fast) == 0 {
			t.Errorf("%s: %d spikes in place, %d by the general path", op, len(fast), len(general))
		}
	}
}
