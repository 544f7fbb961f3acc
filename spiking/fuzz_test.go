package spiking

import (
	"testing"
)

// FuzzNeuronGroup feeds arbitrary model, threshold, reset, refractoriness
// and method strings to NewNeuronGroup and runs what it accepts for a few
// steps: nothing may panic.
func FuzzNeuronGroup(f *testing.F) {
	f.Add("dv/dt = (I - v)/tau : 1\nI : 1", "v > 1", "v = 0", "2*ms", "")
	f.Add("dv/dt = -v/tau + xi/sqrt(tau) : 1 (unless refractory)", "v > 1", "v = 0; v += 0.1", "v > 0.5", "heun")
	f.Add("dx/dt = -x*x/tau : 1\ny = x*2 : 1 (constant over dt)", "x > y", "x = rand()", "", "exponential_euler")
	f.Add("dv/dt = (ge - v)/tau : 1\ndge/dt = -ge/tau : 1", "v > 0.2", "ge += 1", "", "exact")
	f.Add("a : 1 (shared)\ndb/dt = a/tau : 1", "b > a", "b = 0", "tau", "rk4")
	f.Fuzz(func(t *testing.T, model, thr, reset, refr, method string) {
		g, err := NewNeuronGroup(3, model, NeuronGroupOptions{Threshold: thr, Reset: reset, RefractoryExpr: refr,
			Method: method, Namespace: map[string]any{"tau": "10*ms"}})
		if err != nil {
			return
		}
		for _, name := range g.Variables() {
			_, _ = g.Get(name)            // a fuzzed name may be unknown: only no panic is required
			_ = g.SetExpr(name, "rand()") // idem (read-only or boolean variables refuse it)
		}
		mon := must(NewSpikeMonitor(g, nil, MonitorOptions{}))(t)
		net, err := NewNetwork(1e-4, g, mon)
		if err != nil {
			t.Fatal(err)
		}
		_ = net.Run(5e-4) // fuzzed models may fail at run time (NaN, domain errors): only no panic is required
	})
}

// FuzzSynapses: arbitrary synaptic models and on_pre/on_post code never
// panic.
func FuzzSynapses(f *testing.F) {
	f.Add("w : 1", "v_post += w", "")
	f.Add("w : 1\ndApre/dt = -Apre/tau : 1 (event-driven)", "Apre += 1; w = clip(w + Apre, 0, 1)", "w -= 0.1")
	f.Add("dg/dt = -g/tau : 1 (clock-driven)\nI_post = g : 1 (summed)", "g += 1", "")
	f.Fuzz(func(t *testing.T, model, pre, post string) {
		g, err := NewNeuronGroup(4, "dv/dt = (I - v)/tau : 1\nI : 1", NeuronGroupOptions{Threshold: "v > 0.5", Reset: "v = 0",
			Namespace: map[string]any{"tau": "10*ms"}})
		if err != nil {
			t.Fatal(err)
		}
		noErr(t, g.Set("v", 0.6, 0, 0.7, 0))
		s, err := NewSynapses(g, g, SynapsesOptions{Model: model, OnPre: pre, OnPost: post, Delay: 2e-4,
			Namespace: map[string]any{"tau": "10*ms"}})
		if err != nil {
			return
		}
		noErr(t, s.ConnectAll())
		net := must(NewNetwork(1e-4, g, s))(t)
		_ = net.Run(1e-3) // fuzzed synaptic code may fail at run time: only no panic is required
	})
}

// FuzzConnectExpr feeds arbitrary condition, p and n strings to
// ConnectExpr: nothing may panic, and what it accepts gives synapses
// inside the groups.
func FuzzConnectExpr(f *testing.F) {
	f.Add("i != j", "0.1", "")
	f.Add("abs(i - j) <= 2", "", "2")
	f.Add("x_pre < x_post + 1*umeter", "exp(-(x_pre - x_post)**2/(2*(5*umeter)**2))", "")
	f.Add("i < j and z > 0", "exp(-abs(i - j)/10.0)", "i % 3")
	f.Add("rand() < k*0.1 or not (s_post > y_pre)", "j/N_post", "1 + (i % 2)")
	f.Add("True", "2", "")
	f.Add("", "", "1e9")
	defer func(m int) { maxSynapses = m }(maxSynapses)
	maxSynapses = 10000 // a huge n is an error, not an exhausted memory
	f.Fuzz(func(t *testing.T, cond, p, n string) {
		src, err := NewNeuronGroup(4, "x : metre\ny : 1\nb : boolean", NeuronGroupOptions{GroupOptions: GroupOptions{Name: "fsrc"}})
		if err != nil {
			t.Fatal(err)
		}
		tgt, err := NewNeuronGroup(5, "x : metre\nz : 1\ns = 2*z : 1\nc : 1 (shared)", NeuronGroupOptions{GroupOptions: GroupOptions{Name: "ftgt"}})
		if err != nil {
			t.Fatal(err)
		}
		noErr(t, src.Set("x", 1e-6, 3e-6, -2e-6, 0))
		noErr(t, tgt.Set("z", 0.5, -1, 2, 0, 0.1))
		s, err := NewSynapses(src, tgt, SynapsesOptions{Model: "w : 1", Namespace: map[string]any{"k": 3, "w0": "2*umeter"}})
		if err != nil {
			t.Fatal(err)
		}
		s.SeedInit(1)
		if err := s.ConnectExpr(cond, ConnectOptions{P: p, NExpr: n}); err != nil {
			if s.Size() != 0 {
				t.Fatalf("error %v but %d synapses added", err, s.Size())
			}
			return
		}
		for k, i := range s.I() {
			if j := s.J()[k]; i < 0 || i >= 4 || j < 0 || j >= 5 {
				t.Fatalf("synapse %d: %d -> %d outside the groups", k, i, j)
			}
		}
	})
}

// FuzzConnectGenerator: any generator text gives synapses inside the
// groups or an error that adds none; never a panic.
func FuzzConnectGenerator(f *testing.F) {
	for _, s := range []string{"i", "k for k in range(i-3, i+4) if k != i", "k for k in sample(N_post, p=0.3)",
		"N_post - 1 - k for k in range(2*i, 2*i + 3, 2)", "k for k in range(int(x_pre)) if j > 1", "k for k in range(0, 10, -1)",
		"k for k in sample(N_post, size=int(x_pre))", "k for k in range(N_post) if y_post > x_pre",
		"k for k in range(j, N_pre) if x_pre > y_post"} {
		f.Add(s, true)
	}
	f.Fuzz(func(t *testing.T, gen string, skip bool) {
		src := must(NewNeuronGroup(6, "x : 1", NeuronGroupOptions{}))(t)
		noErr(t, src.Set("x", 1, 2, 3, 0, -1, 2.5))
		tgt := must(NewNeuronGroup(5, "y : 1", NeuronGroupOptions{}))(t)
		defer func(m int) { maxSynapses = m }(maxSynapses)
		maxSynapses = 10000
		for _, connect := range []func(*Synapses) error{
			func(s *Synapses) error { return s.ConnectGenerator(gen, skip) },
			func(s *Synapses) error { return s.ConnectGeneratorSources(gen, skip) },
		} {
			s := must(NewSynapses(src, tgt, SynapsesOptions{Model: "w : 1"}))(t)
			s.SeedInit(1)
			if err := connect(s); err != nil {
				if s.Size() != 0 {
					t.Fatalf("error %v but %d synapses added", err, s.Size())
				}
				continue
			}
			for k := range s.Size() {
				if i, j := s.IJ(k); i < 0 || i >= 6 || j < 0 || j >= 5 {
					t.Fatalf("synapse %d: (%d, %d) outside the groups", k, i, j)
				}
			}
		}
	})
}
