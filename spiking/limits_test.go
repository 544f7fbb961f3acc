package spiking

import (
	"strings"
	"testing"
)

// TestSizeLimits: absurd sizes are refused with an error giving the size,
// before any allocation (issue 17: these ended in a fatal out-of-memory).
func TestSizeLimits(t *testing.T) {
	if _, err := NewNeuronGroup(1e9, "v : 1", NeuronGroupOptions{}); err == nil || !strings.Contains(err.Error(), "1000000000 elements") {
		t.Errorf("NewNeuronGroup(1e9): %v", err)
	}
	// The model's size counts: 2^28/100 neurons of 50 variables.
	var model strings.Builder
	for k := range 50 {
		model.WriteString("x" + string(rune('a'+k%26)) + string(rune('a'+k/26)) + " : 1\n")
	}
	if _, err := NewNeuronGroup(MaxGroupValues/100, model.String(), NeuronGroupOptions{}); err == nil || !strings.Contains(err.Error(), "GB") {
		t.Errorf("2.7 M neurons × 50 variables: %v", err)
	}
	if _, err := NewPoissonGroup(1e9, []float64{1}, GroupOptions{}); err == nil || !strings.Contains(err.Error(), "PoissonGroup") {
		t.Errorf("NewPoissonGroup(1e9): %v", err)
	}
	if _, err := NewSpikeGeneratorGroup(1e9, nil, nil, 0, GroupOptions{}); err == nil {
		t.Error("NewSpikeGeneratorGroup(1e9) accepted")
	}
	g, err := NewNeuronGroup(100000, "v : 1", NeuronGroupOptions{})
	if err != nil {
		t.Fatal(err)
	}
	s, err := NewSynapses(g, g, SynapsesOptions{Model: "w : 1"})
	if err != nil {
		t.Fatal(err)
	}
	if err := s.ConnectAll(); err == nil || !strings.Contains(err.Error(), "100000 × 100000") {
		t.Errorf("ConnectAll 1e5 × 1e5: %v", err)
	}
	defer func(m int) { maxSynapses = m }(maxSynapses)
	maxSynapses = 1000
	if err := s.ConnectIf(func(i, j int) bool { return true }); err == nil || s.Size() != 0 {
		t.Errorf("ConnectIf beyond the limit: %v, %d synapses", err, s.Size())
	}
}

// TestNonFiniteState: a state variable that becomes NaN or infinite stops
// the run with the group, variable, neuron and step; CheckFinite(false)
// turns the check off.
func TestNonFiniteState(t *testing.T) {
	for _, c := range []struct{ model, init, want string }{
		{"dv/dt = sqrt(-1 + 0*v)/tau : 1", "0", "variable v of neuron 0 became NaN in the step from t = 0 s"},
		{"dv/dt = exp(1000*v)/tau : 1", "i/4.0", "variable v of neuron 3 became +Inf in the step from t = 0 s"},
		{"dv/dt = (1/(v - 0.5) - v)/tau : 1\ndw/dt = -w/tau : 1", "0.5*(i == 2)", "variable v of neuron 2 became +Inf"},
	} {
		run := func(check bool) error {
			g, err := NewNeuronGroup(4, c.model, NeuronGroupOptions{Method: "euler", Namespace: map[string]any{"tau": "10*ms"}})
			if err != nil {
				t.Fatal(err)
			}
			if err := g.SetExpr("v", c.init); err != nil {
				t.Fatal(err)
			}
			net, err := NewNetwork(0, g)
			if err != nil {
				t.Fatal(err)
			}
			net.CheckFinite(check)
			return net.Run(1e-3)
		}
		if err := run(true); err == nil || !strings.Contains(err.Error(), c.want) || !strings.Contains(err.Error(), "neurongroup_stateupdater") {
			t.Errorf("%q: got %v, want %q", c.model, err, c.want)
		}
		if err := run(false); err != nil {
			t.Errorf("%q without the check: %v", c.model, err)
		}
	}
}
