package spiking

import (
	"testing"

	"github.com/gohears/hears/units"
)

// lifCase runs the LIF + 2-D TimedArray cases of the Brian2 reference.
func lifCase(t *testing.T, name, model, method string, refrExpr string, refr float64, ref []float64) {
	c := refCase(t, name)
	in, err := c.CSV("input_ta.csv")
	if err != nil {
		t.Fatal(err)
	}
	ta, err := NewTimedArrayRows("ta", in, 1e-3)
	if err != nil {
		t.Fatal(err)
	}
	ns := map[string]any{"ta": ta, "tau": units.Quantity{Value: 10e-3, Dim: units.DimTime}}
	g, err := NewNeuronGroup(5, model, NeuronGroupOptions{Threshold: "v>1", Reset: "v=0",
		Refractory: refr, RefractoryExpr: refrExpr, Method: method, Namespace: ns})
	if err != nil {
		t.Fatal(err)
	}
	if ref != nil {
		if err := g.Set("ref", ref...); err != nil {
			t.Fatal(err)
		}
	}
	sm, _ := NewStateMonitor(g, []string{"v"}, StateMonitorOptions{})
	spm, _ := NewSpikeMonitor(g, nil, MonitorOptions{})
	net, err := NewNetwork(1e-4, g, sm, spm)
	if err != nil {
		t.Fatal(err)
	}
	if err := net.Run(0.2); err != nil {
		t.Fatal(err)
	}
	t.Logf("method %s:\n%s", g.Method(), g.UpdateCode())
	checkSpikes(t, c, "spikes.csv", spm, 1e-4)
	checkTrace(t, c, "trace_v.csv", sm, "v", 1)
}

func TestBrian2LIFTimedArrayExact(t *testing.T) {
	lifCase(t, "lif_timedarray_exact", "dv/dt = (I - v)/tau : 1\nI = ta(t, i) : 1", "exact", "", 2e-3, nil)
}

func TestBrian2LIFTimedArrayEuler(t *testing.T) {
	lifCase(t, "lif_timedarray_euler", "dv/dt = (I - v)/tau : 1\nI = ta(t, i) : 1", "euler", "", 2e-3, nil)
}

func TestBrian2LIFUnlessRefractory(t *testing.T) {
	lifCase(t, "lif_unless_refractory", "dv/dt = (I - v)/tau : 1 (unless refractory)\nI = ta(t, i) : 1\nref : second",
		"exact", "ref", 0, []float64{1e-3, 2e-3, 3e-3, 4e-3, 5e-3})
}
