package models_test

import (
	"fmt"
	"math"

	"github.com/gohears/hears/spiking"
	"github.com/gohears/hears/spiking/models"
)

// A leaky integrate-and-fire neuron from the model library, driven by a
// constant current of 0.5 nA for a quarter of a second: its rate, from the intervals between spikes, against the closed
// form 1/(t_ref + τ ln((EL + RI − Vr)/(EL + RI − VT))).
func Example() {
	g, err := models.LIF().Group(1, "", spiking.NeuronGroupOptions{})
	if err != nil {
		fmt.Println(err)
		return
	}
	if err := g.Set("I", 0.5e-9); err != nil {
		fmt.Println(err)
		return
	}
	mon, _ := spiking.NewSpikeMonitor(g, nil, spiking.MonitorOptions{})
	net, _ := spiking.NewNetwork(1e-5, g, mon)
	if err := net.Run(0.25); err != nil {
		fmt.Println(err)
		return
	}
	v := -70e-3 + 0.5e-9/10e-9 // EL + RI (V)
	closed := 1 / (2e-3 + 20e-3*math.Log((v+60e-3)/(v+50e-3)))
	ts := mon.T()
	rate := float64(len(ts)-1) / (ts[len(ts)-1] - ts[0]) // from the intervals
	fmt.Printf("%d spikes, %.1f Hz; closed form %.1f Hz\n", len(ts), rate, closed)
	// Output: 31 spikes, 129.0 Hz; closed form 129.0 Hz
}
