package spiking

import (
	"errors"
	"math"
	"slices"
	"testing"
)

// lifModel is BrainPy's LIF update (the seed chapter's LIF.update) in Go:
// exponential Euler of dV/dt = (V_rest − V + R·I)/τ, exact for this linear
// equation, held during refractoriness. Threshold, reset and refractory
// period come from the group's options, as for equations.
type lifModel struct {
	vRest, r, tau float64 // V, Ω, s
}

func (m lifModel) Update(s *ModelState, lo, hi int) error {
	v, in, isyn, nr := s.Var("V"), s.Var("I"), s.Var("Isyn"), s.Var("not_refractory")
	decay := math.Exp(-s.Dt / m.tau)
	for i := lo; i < hi; i++ {
		if nr[i] == 0 {
			continue
		}
		vinf := m.vRest + m.r*(in[i]+isyn[i])
		v[i] = vinf + (v[i]-vinf)*decay
	}
	return nil
}

const lifEquations = `
	dV/dt = (V_rest - V + R*(I + Isyn))/tau : volt (unless refractory)
	I : amp
	Isyn : amp`

var lifNamespace = map[string]any{"V_rest": "-60*mV", "R": "100*Mohm", "tau": "20*ms", "V_th": "-50*mV", "V_reset": "-65*mV"}

// lifNetwork builds the same network around a Go-model group or an
// equation group: a spike generator drives the group through on_pre
// synapses and through a summed current, and the group drives a target
// through on_pre synapses; it returns the network and its monitors.
func lifNetwork(t *testing.T, n int, goModel bool) (*Network, *SpikeMonitor, *SpikeMonitor, *StateMonitor) {
	t.Helper()
	opts := NeuronGroupOptions{GroupOptions: GroupOptions{Name: "lif"}, Threshold: "V > V_th", Reset: "V = V_reset",
		Refractory: 3e-3, Method: "exponential_euler", Namespace: lifNamespace}
	var g Group
	var src SpikeSource
	var obj Object
	var set func(string, ...float64) error
	if goModel {
		mg, err := NewModelGroup(n, "V : volt\nI : amp\nIsyn : amp", lifModel{vRest: -60e-3, r: 100e6, tau: 20e-3}, opts)
		if err != nil {
			t.Fatal(err)
		}
		g, src, obj, set = mg, mg, mg, mg.Set
	} else {
		ng, err := NewNeuronGroup(n, lifEquations, opts)
		if err != nil {
			t.Fatal(err)
		}
		g, src, obj, set = ng, ng, ng, ng.Set
	}
	vs, is := make([]float64, n), make([]float64, n)
	for i := range n {
		vs[i] = -60e-3 - 5e-3*float64(i%7)/7
		is[i] = 0.05e-9 + 0.1e-9*float64(i%11)/11
	}
	if err := set("V", vs...); err != nil {
		t.Fatal(err)
	}
	if err := set("I", is...); err != nil {
		t.Fatal(err)
	}
	var idx []int
	var ts []float64
	for k := range 60 {
		idx = append(idx, (k*7)%n)
		ts = append(ts, 1e-3+float64(k)*0.7e-3)
	}
	gen, err := NewSpikeGeneratorGroup(n, idx, ts, 0, GroupOptions{Name: "gen"})
	if err != nil {
		t.Fatal(err)
	}
	kick, err := NewSynapses(gen, g, SynapsesOptions{GroupOptions: GroupOptions{Name: "kick"}, OnPre: "V_post += 3*mV"})
	if err != nil {
		t.Fatal(err)
	}
	if err := kick.ConnectIf(func(i, j int) bool { return i == j }); err != nil {
		t.Fatal(err)
	}
	summed, err := NewSynapses(gen, g, SynapsesOptions{GroupOptions: GroupOptions{Name: "summed"},
		Model: "w : amp\nds/dt = -s/(2*ms) : 1 (clock-driven)\nIsyn_post = w*s : amp (summed)", OnPre: "s += 1"})
	if err != nil {
		t.Fatal(err)
	}
	if err := summed.ConnectIf(func(i, j int) bool { return (i+1)%n == j }); err != nil {
		t.Fatal(err)
	}
	if err := summed.Set("w", 0.02e-9); err != nil {
		t.Fatal(err)
	}
	target, err := NewNeuronGroup(3, "dx/dt = -x/(5*ms) : 1", NeuronGroupOptions{GroupOptions: GroupOptions{Name: "target"}, Threshold: "x > 1", Reset: "x = 0"})
	if err != nil {
		t.Fatal(err)
	}
	out, err := NewSynapses(src, target, SynapsesOptions{GroupOptions: GroupOptions{Name: "out"}, OnPre: "x_post += 0.6"})
	if err != nil {
		t.Fatal(err)
	}
	if err := out.ConnectIf(func(i, j int) bool { return i%3 == j }); err != nil {
		t.Fatal(err)
	}
	sm, err := NewSpikeMonitor(src, nil, MonitorOptions{Name: "sm"})
	if err != nil {
		t.Fatal(err)
	}
	tm, err := NewSpikeMonitor(target, nil, MonitorOptions{Name: "tm"})
	if err != nil {
		t.Fatal(err)
	}
	st, err := NewStateMonitor(g, []string{"V", "Isyn"}, StateMonitorOptions{MonitorOptions: MonitorOptions{Name: "st"}, Record: []int{0, 1, n - 1}})
	if err != nil {
		t.Fatal(err)
	}
	net, err := NewNetwork(1e-4, gen, obj, kick, summed, target, out, sm, tm, st)
	if err != nil {
		t.Fatal(err)
	}
	return net, sm, tm, st
}

// TestModelGroupMatchesEquations runs BrainPy's LIF written in Go and as
// equations in the same network: the spikes of the group and of the group
// it drives are identical, and the traces agree to rounding.
func TestModelGroupMatchesEquations(t *testing.T) {
	for _, n := range []int{20, 3000} { // 3000: blocks on the workers
		netG, smG, tmG, stG := lifNetwork(t, n, true)
		netE, smE, tmE, stE := lifNetwork(t, n, false)
		for _, net := range []*Network{netG, netE} {
			if err := net.Run(0.1); err != nil {
				t.Fatal(err)
			}
		}
		if smG.NumSpikes() < 10 || tmG.NumSpikes() == 0 {
			t.Fatalf("n = %d: %d group spikes, %d target spikes: the test needs activity", n, smG.NumSpikes(), tmG.NumSpikes())
		}
		if !slices.Equal(smG.Steps(), smE.Steps()) || !slices.Equal(smG.I(), smE.I()) {
			t.Errorf("n = %d: Go model spikes %d, equations %d, or in other steps", n, smG.NumSpikes(), smE.NumSpikes())
		}
		if !slices.Equal(tmG.Steps(), tmE.Steps()) || !slices.Equal(tmG.I(), tmE.I()) {
			t.Errorf("n = %d: the driven target fires differently", n)
		}
		if tr, _ := stG.Trace("Isyn", 1); slices.Max(tr) <= 0 { // neuron 1 gets neuron 0's input
			t.Errorf("n = %d: the summed current never reached the Go model's Isyn", n)
		}
		for _, v := range []string{"V", "Isyn"} {
			a, _ := stG.Rows(v)
			b, _ := stE.Rows(v)
			for k := range a {
				for j := range a[k] {
					if math.Abs(a[k][j]-b[k][j]) > 1e-12*math.Abs(b[k][j])+1e-24 {
						t.Fatalf("n = %d: %s[%d] at sample %d: Go %.17g, equations %.17g", n, v, j, k, a[k][j], b[k][j])
					}
				}
			}
		}
	}
}

func TestModelGroupStoreRestoreAndWorkers(t *testing.T) {
	net, sm, _, _ := lifNetwork(t, 3000, true)
	if err := net.Run(0.03); err != nil {
		t.Fatal(err)
	}
	if err := net.Store("a"); err != nil {
		t.Fatal(err)
	}
	if err := net.Run(0.04); err != nil {
		t.Fatal(err)
	}
	first := sm.Steps()
	if err := net.Restore("a"); err != nil {
		t.Fatal(err)
	}
	if err := net.Run(0.04); err != nil {
		t.Fatal(err)
	}
	if !slices.Equal(first, sm.Steps()) {
		t.Error("a run after Restore differs from the first")
	}
	one, sm1, _, _ := lifNetwork(t, 3000, true)
	if err := one.SetWorkers(1); err != nil {
		t.Fatal(err)
	}
	if err := one.Run(0.07); err != nil {
		t.Fatal(err)
	}
	if !slices.Equal(first, sm1.Steps()) || !slices.Equal(sm.I(), sm1.I()) {
		t.Error("one worker gives other spikes than several")
	}
}

type failingModel struct{}

func (failingModel) Update(s *ModelState, lo, hi int) error {
	if s.T > 1e-3 {
		return errors.New("diverged")
	}
	return nil
}

func TestModelGroupErrors(t *testing.T) {
	if _, err := NewModelGroup(3, "v : volt", nil, NeuronGroupOptions{}); err == nil {
		t.Error("nil model accepted")
	}
	if _, err := NewModelGroup(3, "v : vlot", failingModel{}, NeuronGroupOptions{}); err == nil {
		t.Error("unknown unit accepted")
	}
	g, err := NewModelGroup(3, "v : volt", failingModel{}, NeuronGroupOptions{})
	if err != nil {
		t.Fatal(err)
	}
	net, err := NewNetwork(1e-4, g)
	if err != nil {
		t.Fatal(err)
	}
	if err := net.Run(0.01); err == nil {
		t.Error("a model's error did not stop the run")
	}
}

// hh1952Model is BrainPy's HH update (the seed chapter's HH.update: the
// Hodgkin–Huxley 1952 model in the modern sign convention, mV and ms)
// stepped by the classical Runge–Kutta scheme, in SI units.
type hh1952Model struct{}

const (
	hhC, hhENa, hhGNa, hhEK, hhGK, hhEL, hhGL = 1.0, 50.0, 120.0, -77.0, 36.0, -54.387, 0.03 // µF/cm², mV, mS/cm²
)

// hhDeriv returns d(V, m, h, n)/dt in mV/ms and 1/ms, V in mV, I in µA/cm².
func hhDeriv(V, m, h, n, I float64) (dV, dm, dh, dn float64) {
	am := 0.1 * (V + 40) / (1 - math.Exp(-(V+40)/10))
	bm := 4 * math.Exp(-(V+65)/18)
	ah := 0.07 * math.Exp(-(V+65)/20)
	bh := 1 / (1 + math.Exp(-(V+35)/10))
	an := 0.01 * (V + 55) / (1 - math.Exp(-(V+55)/10))
	bn := 0.125 * math.Exp(-(V+65)/80)
	iNa := hhGNa * m * m * m * h * (V - hhENa)
	iK := hhGK * n * n * n * n * (V - hhEK)
	iL := hhGL * (V - hhEL)
	return (-iNa - iK - iL + I) / hhC, am*(1-m) - bm*m, ah*(1-h) - bh*h, an*(1-n) - bn*n
}

func (hh1952Model) Update(s *ModelState, lo, hi int) error {
	v, m, h, n, in := s.Var("V"), s.Var("m"), s.Var("h"), s.Var("n"), s.Var("I")
	dt := s.Dt * 1e3 // ms
	for i := lo; i < hi; i++ {
		V, M, H, N, I := v[i]*1e3, m[i], h[i], n[i], in[i]
		k1v, k1m, k1h, k1n := hhDeriv(V, M, H, N, I)
		k2v, k2m, k2h, k2n := hhDeriv(V+dt/2*k1v, M+dt/2*k1m, H+dt/2*k1h, N+dt/2*k1n, I)
		k3v, k3m, k3h, k3n := hhDeriv(V+dt/2*k2v, M+dt/2*k2m, H+dt/2*k2h, N+dt/2*k2n, I)
		k4v, k4m, k4h, k4n := hhDeriv(V+dt*k3v, M+dt*k3m, H+dt*k3h, N+dt*k3n, I)
		v[i] = (V + dt/6*(k1v+2*k2v+2*k3v+k4v)) * 1e-3
		m[i] = M + dt/6*(k1m+2*k2m+2*k3m+k4m)
		h[i] = H + dt/6*(k1h+2*k2h+2*k3h+k4h)
		n[i] = N + dt/6*(k1n+2*k2n+2*k3n+k4n)
	}
	return nil
}

// TestModelGroupHH runs BrainPy's HH written in Go and as equations (rk4
// both): the same spikes, and traces equal to rounding.
func TestModelGroupHH(t *testing.T) {
	const eqs = `
		dV/dt = (-(gNa*m**3*h*(V - ENa)) - gK*n**4*(V - EK) - gL*(V - EL) + I*uA/cm**2)/C : volt
		dm/dt = (0.1*(V/mV + 40)/(1 - exp(-(V/mV + 40)/10))*(1 - m) - 4*exp(-(V/mV + 65)/18)*m)/ms : 1
		dh/dt = (0.07*exp(-(V/mV + 65)/20)*(1 - h) - 1/(1 + exp(-(V/mV + 35)/10))*h)/ms : 1
		dn/dt = (0.01*(V/mV + 55)/(1 - exp(-(V/mV + 55)/10))*(1 - n) - 0.125*exp(-(V/mV + 65)/80)*n)/ms : 1
		I : 1`
	ns := map[string]any{"C": "1*uF/cm**2", "ENa": "50*mV", "gNa": "120*msiemens/cm**2", "EK": "-77*mV", "gK": "36*msiemens/cm**2",
		"EL": "-54.387*mV", "gL": "0.03*msiemens/cm**2"}
	currents := []float64{0, 5, 10, 20} // µA/cm²
	opts := NeuronGroupOptions{Threshold: "V > 0*mV", Refractory: 0, RefractoryExpr: "V > 0*mV", Method: "rk4", Namespace: ns}
	run := func(g Group, obj Object, set func(string, ...float64) error) ([]int64, [][]float64) {
		for _, kv := range []struct {
			name string
			v    float64
		}{{"V", -65e-3}, {"m", 0.05}, {"h", 0.6}, {"n", 0.32}} {
			vals := make([]float64, len(currents))
			for k := range vals {
				vals[k] = kv.v
			}
			if err := set(kv.name, vals...); err != nil {
				t.Fatal(err)
			}
		}
		if err := set("I", currents...); err != nil {
			t.Fatal(err)
		}
		sm, _ := NewSpikeMonitor(g.(SpikeSource), nil, MonitorOptions{})
		st, _ := NewStateMonitor(g, []string{"V"}, StateMonitorOptions{})
		net, err := NewNetwork(0.01e-3, obj, sm, st)
		if err != nil {
			t.Fatal(err)
		}
		if err := net.Run(0.05); err != nil {
			t.Fatal(err)
		}
		rows, _ := st.Rows("V")
		return sm.Steps(), rows
	}
	mg, err := NewModelGroup(len(currents), "V : volt\nm : 1\nh : 1\nn : 1\nI : 1", hh1952Model{}, opts)
	if err != nil {
		t.Fatal(err)
	}
	ng, err := NewNeuronGroup(len(currents), eqs, opts)
	if err != nil {
		t.Fatal(err)
	}
	sg, vg := run(mg, mg, mg.Set)
	se, ve := run(ng, ng, ng.Set)
	if len(sg) < 5 || !slices.Equal(sg, se) {
		t.Errorf("Go model: %d spikes, equations %d", len(sg), len(se))
	}
	worst := 0.0
	for k := range vg {
		for j := range vg[k] {
			worst = math.Max(worst, math.Abs(vg[k][j]-ve[k][j]))
		}
	}
	// Rounding: the two evaluate the rates in different orders; spikes
	// amplify it (V changes by 100 mV in 0.5 ms).
	if worst > 1e-9 {
		t.Errorf("traces differ by up to %g V", worst)
	}
	t.Logf("largest trace difference %.3g V", worst)
}

// BenchmarkModelGroupLIF and BenchmarkEquationsLIF step 10 000 LIF
// neurons written in Go and as equations (exponential Euler): the Go-model
// path's cost against the generated code's.
func BenchmarkModelGroupLIF(b *testing.B) { benchLIF(b, true) }
func BenchmarkEquationsLIF(b *testing.B)  { benchLIF(b, false) }

func benchLIF(b *testing.B, goModel bool) {
	opts := NeuronGroupOptions{Threshold: "V > V_th", Reset: "V = V_reset", Refractory: 3e-3, Method: "exponential_euler", Namespace: lifNamespace}
	var obj Object
	var set func(string, ...float64) error
	const n = 10000
	if goModel {
		g, err := NewModelGroup(n, "V : volt\nI : amp\nIsyn : amp", lifModel{vRest: -60e-3, r: 100e6, tau: 20e-3}, opts)
		if err != nil {
			b.Fatal(err)
		}
		obj, set = g, g.Set
	} else {
		g, err := NewNeuronGroup(n, lifEquations, opts)
		if err != nil {
			b.Fatal(err)
		}
		obj, set = g, g.Set
	}
	is := make([]float64, n)
	for i := range is {
		is[i] = 0.05e-9 + 0.1e-9*float64(i%11)/11
	}
	_ = set("V", -60e-3)
	_ = set("I", is...)
	net, err := NewNetwork(1e-4, obj)
	if err != nil {
		b.Fatal(err)
	}
	b.ResetTimer()
	for range b.N {
		if err := net.Run(0.01); err != nil { // 100 steps
			b.Fatal(err)
		}
	}
}
