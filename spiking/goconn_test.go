package spiking

import (
	"math"
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
// all-to-all synapses, the Go Conn or the same model as Synapses code.
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
	mon, err := NewStateMonitor(tgt, []string{"acc"}, StateMonitorOptions{})
	if err != nil {
		t.Fatal(err)
	}
	var syn Object
	var released func() []float64
	if goConn {
		c, err := NewConnection(gen, tgt, pre, post, []string{"w", "u", "y", "released", "lastupdate"}, tmConn{U: 0.3, tauD: 0.2, tauF: 0.05}, GroupOptions{Name: "stp"})
		if err != nil {
			t.Fatal(err)
		}
		if err := c.Set("w", ws...); err != nil {
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
// Go Conn and as Synapses code: the targets' traces and the amounts
// released agree to rounding, and a run after Restore repeats the first.
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
		vars      []string
	}{{[]int{0}, []int{0, 1}, nil}, {[]int{2}, []int{0}, nil}, {[]int{0}, []int{0}, []string{"w", "w"}}, {[]int{0}, []int{0}, []string{"1x"}}} {
		if _, err := NewConnection(gen, tgt, c.pre, c.post, c.vars, tmConn{}, GroupOptions{}); err == nil {
			t.Errorf("%v → %v with %v accepted", c.pre, c.post, c.vars)
		}
	}
	c, err := NewConnection(gen, tgt, []int{0}, []int{1}, []string{"w"}, tmConn{}, GroupOptions{})
	if err != nil {
		t.Fatal(err)
	}
	if c.Set("v", 1) == nil || c.Set("w", 1, 2) == nil {
		t.Error("bad Set accepted")
	}
	if _, err := NewNetwork(1e-4, gen, c); err == nil {
		// the target is not in the network: Run must refuse
		net, _ := NewNetwork(1e-4, gen, c)
		if net.Run(1e-3) == nil {
			t.Error("a connection to a group outside the network ran")
		}
	}
}
