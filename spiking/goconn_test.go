package spiking

import (
	"math"
	"slices"
	"strings"
	"testing"
)

// tmConn is Tsodyks–Markram short-term plasticity written as a Go Conn:
// on a spike, u and y (resources in use) decay since the synapse's last
// event, then u += U(1 − u), released = u(1 − y) goes to the target's acc
// (times w), y += released.
type tmConn struct{ U, tauD, tauF float64 }

func (m tmConn) OnPre(s *ConnState, syn []int32) error {
	w, u, y, rel, last := s.Var("w"), s.Var("u"), s.Var("y"), s.Var("released"), s.Var("lastupdate")
	acc, err := s.PostVar("acc")
	if err != nil {
		return err
	}
	for _, k := range syn {
		d := s.T - last[k]
		u[k] *= math.Exp(-d / m.tauF)
		y[k] *= math.Exp(-d / m.tauD)
		last[k] = s.T
		u[k] += m.U * (1 - u[k])
		rel[k] = u[k] * (1 - y[k])
		acc[s.Post[k]] += w[k] * rel[k]
		y[k] += rel[k]
	}
	return nil
}

// stpNetwork drives two targets from three spike trains through
// all-to-all synapses with per-synapse delays, the Go Conn or the same
// model as Synapses code.
func stpNetwork(t *testing.T, goConn bool) (*Network, *StateMonitor, func() []float64) {
	t.Helper()
	var idx []int
	var ts []float64
	for k := range 40 {
		idx = append(idx, k%3)
		ts = append(ts, 2e-3+float64(k)*(3.1e-3+0.4e-3*float64(k%5)))
	}
	gen, err := NewSpikeGeneratorGroup(3, idx, ts, 0, GroupOptions{Name: "gen"})
	if err != nil {
		t.Fatal(err)
	}
	tgt, err := NewNeuronGroup(2, "acc : 1", NeuronGroupOptions{GroupOptions: GroupOptions{Name: "tgt"}})
	if err != nil {
		t.Fatal(err)
	}
	pre, post := []int{0, 0, 1, 1, 2, 2}, []int{0, 1, 0, 1, 0, 1}
	ws := []float64{1, 0.5, 2, 1.5, 0.7, 0.3}
	delays := []float64{0, 1.5e-3, 0.25e-3, 4e-3, 2.2e-3, 0} // s; 2.2 ms is 22 steps, 0.25 ms rounds to 2 (half to even)
	mon, err := NewStateMonitor(tgt, []string{"acc"}, StateMonitorOptions{})
	if err != nil {
		t.Fatal(err)
	}
	var syn Object
	var released func() []float64
	if goConn {
		c, err := NewConnection(gen, tgt, pre, post, "w : 1\nu : 1\ny : 1\nreleased : 1\nlastupdate : second", tmConn{U: 0.3, tauD: 0.2, tauF: 0.05}, ConnectionOptions{GroupOptions: GroupOptions{Name: "stp"}})
		if err != nil {
			t.Fatal(err)
		}
		if err := c.Set("w", ws...); err != nil {
			t.Fatal(err)
		}
		if err := c.Set("delay", delays...); err != nil {
			t.Fatal(err)
		}
		syn = c
		released = func() []float64 { r, _ := c.Get("released"); return r }
	} else {
		s, err := NewSynapses(gen, tgt, SynapsesOptions{GroupOptions: GroupOptions{Name: "stp"},
			Model:     "w : 1\nreleased : 1\ndy/dt = -y/tau_d : 1 (event-driven)\ndu/dt = -u/tau_f : 1 (event-driven)",
			OnPre:     "u += U*(1 - u)\nreleased = u*(1 - y)\nacc_post += w*released\ny += released",
			Namespace: map[string]any{"U": 0.3, "tau_d": "200*ms", "tau_f": "50*ms"}})
		if err != nil {
			t.Fatal(err)
		}
		if err := s.Connect(pre, post); err != nil {
			t.Fatal(err)
		}
		if err := s.Set("w", ws...); err != nil {
			t.Fatal(err)
		}
		if err := s.Set("delay", delays...); err != nil {
			t.Fatal(err)
		}
		syn = s
		released = func() []float64 { r, _ := s.Get("released"); return r }
	}
	net, err := NewNetwork(1e-4, gen, tgt, syn, mon)
	if err != nil {
		t.Fatal(err)
	}
	return net, mon, released
}

// TestConnectionMatchesSynapses runs Tsodyks–Markram synapses written as a
// Go Conn and as Synapses code, both with per-synapse delays: the targets'
// traces and the amounts released agree to rounding, and a run after
// Restore (with spikes in transit) repeats the first.
func TestConnectionMatchesSynapses(t *testing.T) {
	netG, monG, relG := stpNetwork(t, true)
	netE, monE, relE := stpNetwork(t, false)
	for _, net := range []*Network{netG, netE} {
		if err := net.Run(0.1); err != nil {
			t.Fatal(err)
		}
	}
	a, _ := monG.Rows("acc")
	b, _ := monE.Rows("acc")
	if len(a) != len(b) || a[len(a)-1][0] < 1 {
		t.Fatalf("%d and %d samples; final acc %v", len(a), len(b), a[len(a)-1])
	}
	for k := range a {
		for j := range a[k] {
			if math.Abs(a[k][j]-b[k][j]) > 1e-12*math.Abs(b[k][j]) {
				t.Fatalf("acc[%d] at sample %d: Go %.17g, Synapses %.17g", j, k, a[k][j], b[k][j])
			}
		}
	}
	for k, x := range relG() {
		if y := relE()[k]; math.Abs(x-y) > 1e-12*y {
			t.Errorf("synapse %d released %.17g, Synapses %.17g", k, x, y)
		}
	}
	// Store/Restore.
	net, mon, rel := stpNetwork(t, true)
	if err := net.Run(0.05); err != nil {
		t.Fatal(err)
	}
	if err := net.Store("half"); err != nil {
		t.Fatal(err)
	}
	if err := net.Run(0.05); err != nil {
		t.Fatal(err)
	}
	first := rel()
	firstAcc, _ := mon.Rows("acc")
	if err := net.Restore("half"); err != nil {
		t.Fatal(err)
	}
	if err := net.Run(0.05); err != nil {
		t.Fatal(err)
	}
	again, _ := mon.Rows("acc")
	for k, x := range rel() {
		if x != first[k] {
			t.Errorf("after Restore synapse %d released %g, first run %g", k, x, first[k])
		}
	}
	if l := len(again); l != len(firstAcc) || again[l-1][0] != firstAcc[l-1][0] {
		t.Error("after Restore the target's trace differs")
	}
}

func TestConnectionErrors(t *testing.T) {
	gen, _ := NewSpikeGeneratorGroup(2, nil, nil, 0, GroupOptions{})
	tgt, _ := NewNeuronGroup(2, "acc : 1", NeuronGroupOptions{})
	for _, c := range []struct {
		pre, post []int
		vars      string
		opts      ConnectionOptions
		conn      Conn
	}{
		{[]int{0}, []int{0, 1}, "", ConnectionOptions{}, tmConn{}},
		{[]int{2}, []int{0}, "", ConnectionOptions{}, tmConn{}},
		{[]int{0}, []int{0}, "w : 1\nw : 1", ConnectionOptions{}, tmConn{}},
		{[]int{0}, []int{0}, "1x : 1", ConnectionOptions{}, tmConn{}},
		{[]int{0}, []int{0}, "w : furlong", ConnectionOptions{}, tmConn{}},
		{[]int{0}, []int{0}, "dw/dt = -w/ms : 1", ConnectionOptions{}, tmConn{}},
		{[]int{0}, []int{0}, "delay : second", ConnectionOptions{}, tmConn{}},
		{[]int{0}, []int{0}, "", ConnectionOptions{Delay: -1e-3}, tmConn{}},
		{[]int{0}, []int{0}, "", ConnectionOptions{Delay: math.NaN()}, tmConn{}},
		{[]int{0}, []int{0}, "", ConnectionOptions{Summed: []string{"acc"}}, tmConn{}},             // no Summed method
		{[]int{0}, []int{0}, "", ConnectionOptions{Summed: []string{"nope"}}, &expSynConn{}},       // no such target variable
		{[]int{0}, []int{0}, "", ConnectionOptions{Summed: []string{"acc", "acc"}}, &expSynConn{}}, // twice
	} {
		if _, err := NewConnection(gen, tgt, c.pre, c.post, c.vars, c.conn, c.opts); err == nil {
			t.Errorf("%v → %v with %q, %+v accepted", c.pre, c.post, c.vars, c.opts)
		}
	}
	// on_post needs a target that spikes.
	if _, err := NewConnection(gen, gen, []int{0}, []int{0}, "", &stdpConn{}, ConnectionOptions{}); err != nil {
		t.Errorf("a spike generator target refused: %v", err)
	}
	c, err := NewConnection(gen, tgt, []int{0}, []int{1}, "w : 1", tmConn{}, ConnectionOptions{})
	if err != nil {
		t.Fatal(err)
	}
	if c.Set("v", 1) == nil || c.Set("w", 1, 2) == nil || c.Set("delay", -1) == nil || c.Set("delay", math.Inf(1)) == nil {
		t.Error("bad Set accepted")
	}
	net, err := NewNetwork(1e-4, gen, c)
	if err != nil {
		t.Fatal(err)
	}
	if net.Run(1e-3) == nil { // the target is not in the network
		t.Error("a connection to a group outside the network ran")
	}
}

// stdpConn is pair-based STDP (Song, Miller & Abbott 2000) written as a Go
// Conn: traces apre and apost decay since the synapse's last event; a
// presynaptic spike adds w to the target's ge, raises apre and depresses
// w by apost; a postsynaptic spike raises apost and potentiates w by apre;
// w stays in [0, gmax].
type stdpConn struct{ taupre, taupost, dApre, dApost, gmax float64 }

func (m *stdpConn) decay(s *ConnState, k int32) {
	apre, apost, last := s.Var("apre"), s.Var("apost"), s.Var("lastupdate")
	apre[k] *= math.Exp(-(s.T - last[k]) / m.taupre)
	apost[k] *= math.Exp(-(s.T - last[k]) / m.taupost)
	last[k] = s.T
}

func (m *stdpConn) OnPre(s *ConnState, syn []int32) error {
	ge, err := s.PostVar("ge")
	if err != nil {
		return err
	}
	w, apre, apost := s.Var("w"), s.Var("apre"), s.Var("apost")
	for _, k := range syn {
		m.decay(s, k)
		ge[s.Post[k]] += w[k]
		apre[k] += m.dApre
		w[k] = min(max(w[k]+apost[k], 0), m.gmax)
	}
	return nil
}

func (m *stdpConn) OnPost(s *ConnState, syn []int32) error {
	w, apre, apost := s.Var("w"), s.Var("apre"), s.Var("apost")
	for _, k := range syn {
		m.decay(s, k)
		apost[k] += m.dApost
		w[k] = min(max(w[k]+apre[k], 0), m.gmax)
	}
	return nil
}

// stdpNetwork is 200 Poisson inputs at 20 Hz onto 4 neurons through
// plastic synapses with per-synapse pre- and postsynaptic delays, as a Go Conn or as Synapses.
func stdpNetwork(t testing.TB, goConn bool) (*Network, *SpikeMonitor, func() []float64) {
	t.Helper()
	const nIn, nOut = 200, 4
	rates := make([]float64, nIn)
	for k := range rates {
		rates[k] = 20
	}
	in, err := NewPoissonGroup(nIn, rates, GroupOptions{Name: "in"})
	if err != nil {
		t.Fatal(err)
	}
	out, err := NewNeuronGroup(nOut, "dv/dt = (ge - v)/(10*ms) : 1\ndge/dt = -ge/(5*ms) : 1",
		NeuronGroupOptions{GroupOptions: GroupOptions{Name: "out"}, Threshold: "v > 1", Reset: "v = 0"})
	if err != nil {
		t.Fatal(err)
	}
	var pre, post []int
	var ws, delays, postDelays []float64
	for i := range nIn {
		for j := range nOut {
			pre, post = append(pre, i), append(post, j)
			postDelays = append(postDelays, float64(i%3)*0.2e-3)
			ws = append(ws, 0.025+0.005*float64((i*7+j*3)%10))
			delays = append(delays, float64((i+j)%5)*0.3e-3)
		}
	}
	const gmax, taupre, taupost, dApre = 0.1, 20e-3, 20e-3, 0.01
	dApost := -dApre * 1.05
	// syn is a Connection or Synapses: both set and read variables alike.
	var syn interface {
		Object
		Set(name string, values ...float64) error
		Get(name string) ([]float64, error)
	}
	if goConn {
		c, err := NewConnection(in, out, pre, post, "w : 1\napre : 1\napost : 1\nlastupdate : second",
			&stdpConn{taupre, taupost, dApre * gmax, dApost * gmax, gmax}, ConnectionOptions{GroupOptions: GroupOptions{Name: "stdp"}})
		if err != nil {
			t.Fatal(err)
		}
		syn = c
	} else {
		s, err := NewSynapses(in, out, SynapsesOptions{GroupOptions: GroupOptions{Name: "stdp"},
			Model:     "w : 1\ndapre/dt = -apre/taupre : 1 (event-driven)\ndapost/dt = -apost/taupost : 1 (event-driven)",
			OnPre:     "ge += w\napre += dApre\nw = clip(w + apost, 0, gmax)",
			OnPost:    "apost += dApost\nw = clip(w + apre, 0, gmax)",
			Namespace: map[string]any{"taupre": "20*ms", "taupost": "20*ms", "dApre": dApre * gmax, "dApost": dApost * gmax, "gmax": gmax}})
		if err != nil {
			t.Fatal(err)
		}
		if err := s.Connect(pre, post); err != nil {
			t.Fatal(err)
		}
		syn = s
	}
	for name, values := range map[string][]float64{"w": ws, "delay": delays, "post_delay": postDelays} {
		if err := syn.Set(name, values...); err != nil {
			t.Fatal(err)
		}
	}
	weights := func() []float64 { w, _ := syn.Get("w"); return w }
	mon, err := NewSpikeMonitor(out, nil, MonitorOptions{})
	if err != nil {
		t.Fatal(err)
	}
	net, err := NewNetwork(1e-4, in, out, syn, mon)
	if err != nil {
		t.Fatal(err)
	}
	net.Seed(7)
	return net, mon, weights
}

// TestConnectionOnPostMatchesSynapses runs STDP with delays and on_post
// as a Go Conn and as Synapses: the same output spikes, step for step,
// and the same weights to rounding.
func TestConnectionOnPostMatchesSynapses(t *testing.T) {
	netG, monG, wG := stdpNetwork(t, true)
	netE, monE, wE := stdpNetwork(t, false)
	for _, net := range []*Network{netG, netE} {
		if err := net.Run(1); err != nil {
			t.Fatal(err)
		}
	}
	if monE.NumSpikes() < 20 {
		t.Fatalf("only %d output spikes", monE.NumSpikes())
	}
	if !slices.Equal(monG.I(), monE.I()) || !slices.Equal(monG.Steps(), monE.Steps()) {
		t.Fatalf("spikes differ: Go %d, Synapses %d", monG.NumSpikes(), monE.NumSpikes())
	}
	a, b := wG(), wE()
	changed := 0
	for k := range a {
		if math.Abs(a[k]-b[k]) > 1e-12 {
			t.Fatalf("w[%d]: Go %.17g, Synapses %.17g", k, a[k], b[k])
		}
		if b[k] != 0.025+0.005*float64(((k/4)*7+(k%4)*3)%10) {
			changed++
		}
	}
	if changed < len(a)/2 {
		t.Errorf("only %d of %d weights changed", changed, len(a))
	}
	t.Logf("%d output spikes, %d of %d weights changed", monE.NumSpikes(), changed, len(a))
}

// expSynConn is an exponential synapse written as a Go Conn with
// clock-driven dynamics and a summed current: dg/dt = -g/tau (forward
// Euler, as Synapses' default method), g += 1 on a presynaptic spike, and
// the target's Isyn is the sum of w·g over its synapses.
type expSynConn struct{ tau float64 }

func (m *expSynConn) OnPre(s *ConnState, syn []int32) error {
	g := s.Var("g")
	for _, k := range syn {
		g[k]++
	}
	return nil
}

func (m *expSynConn) Update(s *ConnState, lo, hi int) error {
	g := s.Var("g")
	for k := lo; k < hi; k++ {
		g[k] += s.Dt * (-g[k] / m.tau)
	}
	return nil
}

func (m *expSynConn) Summed(s *ConnState, name string, lo, hi int, out []float64) error {
	w, g := s.Var("w"), s.Var("g")
	for k := lo; k < hi; k++ {
		out[k] = w[k] * g[k]
	}
	return nil
}

// summedNetwork is 60 Poisson inputs onto 50 neurons through 3000
// synapses (enough for the workers) with a clock-driven conductance and a
// summed current, as a Go Conn or as Synapses, recording g of a few
// synapses.
func summedNetwork(t testing.TB, goConn bool, workers int) (*Network, *SpikeMonitor, *StateMonitor) {
	t.Helper()
	const nIn, nOut = 60, 50
	rates := make([]float64, nIn)
	for k := range rates {
		rates[k] = 15 + float64(k%7)
	}
	in, err := NewPoissonGroup(nIn, rates, GroupOptions{Name: "in"})
	if err != nil {
		t.Fatal(err)
	}
	out, err := NewNeuronGroup(nOut, "dv/dt = (Isyn - v)/(10*ms) : 1\nIsyn : 1",
		NeuronGroupOptions{GroupOptions: GroupOptions{Name: "out"}, Threshold: "v > 1", Reset: "v = 0", Refractory: 2e-3})
	if err != nil {
		t.Fatal(err)
	}
	var pre, post []int
	var ws, delays []float64
	for i := range nIn {
		for j := range nOut {
			pre, post = append(pre, i), append(post, j)
			ws = append(ws, 0.1+0.03*float64((i*5+j)%9))
			delays = append(delays, float64((i*3+j)%4)*0.5e-3)
		}
	}
	var syn Object
	var mon *StateMonitor
	record := StateMonitorOptions{Record: []int{0, 17, 2999}}
	if goConn {
		c, err := NewConnection(in, out, pre, post, "w : 1\ng : 1", &expSynConn{tau: 5e-3},
			ConnectionOptions{GroupOptions: GroupOptions{Name: "exps"}, Summed: []string{"Isyn"}})
		if err != nil {
			t.Fatal(err)
		}
		if err := c.Set("w", ws...); err != nil {
			t.Fatal(err)
		}
		if err := c.Set("delay", delays...); err != nil {
			t.Fatal(err)
		}
		if mon, err = NewStateMonitor(c, []string{"g"}, record); err != nil {
			t.Fatal(err)
		}
		syn = c
	} else {
		s, err := NewSynapses(in, out, SynapsesOptions{GroupOptions: GroupOptions{Name: "exps"},
			Model: "w : 1\ndg/dt = -g/tau : 1 (clock-driven)\nIsyn_post = w*g : 1 (summed)",
			OnPre: "g += 1", Method: "euler", Namespace: map[string]any{"tau": "5*ms"}})
		if err != nil {
			t.Fatal(err)
		}
		if err := s.Connect(pre, post); err != nil {
			t.Fatal(err)
		}
		if err := s.Set("w", ws...); err != nil {
			t.Fatal(err)
		}
		if err := s.Set("delay", delays...); err != nil {
			t.Fatal(err)
		}
		if mon, err = NewStateMonitor(s, []string{"g"}, record); err != nil {
			t.Fatal(err)
		}
		syn = s
	}
	spikes, err := NewSpikeMonitor(out, nil, MonitorOptions{})
	if err != nil {
		t.Fatal(err)
	}
	net, err := NewNetwork(1e-4, in, out, syn, mon, spikes)
	if err != nil {
		t.Fatal(err)
	}
	net.Seed(3)
	if err := net.SetWorkers(workers); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(net.Close)
	return net, spikes, mon
}

// TestConnectionSummedMatchesSynapses runs an exponential synapse with a
// clock-driven conductance, delays and a summed current as a Go Conn
// (on one worker and on two) and as Synapses: the same spikes, the
// monitored conductances equal to rounding; a run after Restore repeats
// the first.
func TestConnectionSummedMatchesSynapses(t *testing.T) {
	netE, spE, monE := summedNetwork(t, false, 1)
	netG, spG, monG := summedNetwork(t, true, 2)
	net1, sp1, _ := summedNetwork(t, true, 1)
	for _, net := range []*Network{netE, netG, net1} {
		if err := net.Run(0.3); err != nil {
			t.Fatal(err)
		}
	}
	if spE.NumSpikes() < 50 {
		t.Fatalf("only %d spikes", spE.NumSpikes())
	}
	for name, sp := range map[string]*SpikeMonitor{"Go, 2 workers": spG, "Go, 1 worker": sp1} {
		if !slices.Equal(sp.I(), spE.I()) || !slices.Equal(sp.Steps(), spE.Steps()) {
			t.Fatalf("%s: %d spikes, Synapses %d: they differ", name, sp.NumSpikes(), spE.NumSpikes())
		}
	}
	a, _ := monG.Rows("g")
	b, _ := monE.Rows("g")
	if len(a) != len(b) {
		t.Fatalf("%d and %d samples", len(a), len(b))
	}
	peak := 0.0
	for k := range a {
		for j := range a[k] {
			peak = max(peak, b[k][j])
			if math.Abs(a[k][j]-b[k][j]) > 1e-12*(1+math.Abs(b[k][j])) {
				t.Fatalf("g of recorded synapse %d at sample %d: Go %.17g, Synapses %.17g", j, k, a[k][j], b[k][j])
			}
		}
	}
	if peak < 0.5 {
		t.Errorf("the recorded conductances peak at %g", peak)
	}
	t.Logf("%d spikes; recorded g peaks at %.3g", spE.NumSpikes(), peak)

	// Store with spikes in transit, run, Restore, run again.
	if err := netG.Store("s"); err != nil {
		t.Fatal(err)
	}
	n0 := spG.NumSpikes()
	if err := netG.Run(0.1); err != nil {
		t.Fatal(err)
	}
	first := slices.Clone(spG.Steps()[n0:])
	if err := netG.Restore("s"); err != nil {
		t.Fatal(err)
	}
	n1 := spG.NumSpikes()
	if err := netG.Run(0.1); err != nil {
		t.Fatal(err)
	}
	if again := spG.Steps()[n1:]; !slices.Equal(first, again) || len(first) == 0 {
		t.Errorf("after Restore %d spikes, first run %d (or they differ)", len(again), len(first))
	}
}

// TestConnectionSummedConflict refuses a Connection and Synapses summing
// into the same target variable, as two Synapses are refused.
func TestConnectionSummedConflict(t *testing.T) {
	gen, _ := NewSpikeGeneratorGroup(2, nil, nil, 0, GroupOptions{})
	tgt, _ := NewNeuronGroup(2, "Isyn : 1", NeuronGroupOptions{})
	c, err := NewConnection(gen, tgt, []int{0}, []int{1}, "w : 1\ng : 1", &expSynConn{tau: 1e-3}, ConnectionOptions{Summed: []string{"Isyn"}})
	if err != nil {
		t.Fatal(err)
	}
	s, err := NewSynapses(gen, tgt, SynapsesOptions{Model: "Isyn_post = 1 : 1 (summed)"})
	if err != nil {
		t.Fatal(err)
	}
	if err := s.Connect([]int{1}, []int{0}); err != nil {
		t.Fatal(err)
	}
	net, err := NewNetwork(1e-4, gen, tgt, c, s)
	if err != nil {
		t.Fatal(err)
	}
	if err := net.Run(1e-3); err == nil || !strings.Contains(err.Error(), "summed") {
		t.Errorf("two summed variables into Isyn: %v", err)
	}
}

// BenchmarkConnection runs the STDP network (on_pre, on_post, delays) and
// the summed-current network (clock-driven update, summed variable, 3000
// synapses) for 0.1 s with the synapses written as a Go Conn and as
// Synapses code: go test ./spiking -run XXX -bench Connection.
func BenchmarkConnection(b *testing.B) {
	for _, c := range []struct {
		name string
		net  func(goConn bool) *Network
	}{
		{"STDP", func(g bool) *Network { n, _, _ := stdpNetwork(b, g); return n }},
		{"Summed", func(g bool) *Network { n, _, _ := summedNetwork(b, g, 1); return n }},
	} {
		for _, goConn := range []bool{true, false} {
			name := c.name + "/Synapses"
			if goConn {
				name = c.name + "/Go"
			}
			b.Run(name, func(b *testing.B) {
				for b.Loop() {
					if err := c.net(goConn).Run(0.1); err != nil {
						b.Fatal(err)
					}
				}
			})
		}
	}
}
