package spiking_test

import (
	"fmt"

	"github.com/gohears/hears/spiking"
)

// A leaky integrate-and-fire neuron driven by a constant input, integrated
// exactly, with a 2 ms refractory period.
func Example() {
	g, err := spiking.NewNeuronGroup(1, "dv/dt = (1.5 - v)/tau : 1", spiking.NeuronGroupOptions{
		Threshold: "v > 1", Reset: "v = 0", Refractory: 2e-3,
		Namespace: map[string]any{"tau": "10*ms"},
	})
	if err != nil {
		fmt.Println(err)
		return
	}
	mon, _ := spiking.NewSpikeMonitor(g, nil, spiking.MonitorOptions{})
	net, _ := spiking.NewNetwork(0.1e-3, g, mon)
	if err := net.Run(0.05); err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(g.Method(), mon.Count()[0], "spikes, first at", mon.T()[0], "s")
	// Output: exact 4 spikes, first at 0.0109 s
}
