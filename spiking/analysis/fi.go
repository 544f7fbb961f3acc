package analysis

import (
	"fmt"
	"math"

	"github.com/gohears/hears/spiking"
)

// FICurve measures an f–I curve (or any rate–parameter curve: rate–level,
// rate–conductance): neuron k of g gets parameter param set to values[k]
// (SI units, as NeuronGroup.Set takes them; g must have len(values)
// neurons, initialised by the caller), the network runs for duration
// seconds with time step dt, and rates[k] is the number of spikes of
// neuron k in [settle, duration) divided by duration − settle (Hz). Leaving
// out the first settle seconds drops the transient of the first spikes.
func FICurve(g *spiking.NeuronGroup, param string, values []float64, dt, duration, settle float64) (rates []float64, err error) {
	if g == nil {
		return nil, fmt.Errorf("analysis: f–I curve of a nil group")
	}
	if g.Size() != len(values) {
		return nil, fmt.Errorf("analysis: f–I curve of %d values needs a group of %d neurons, got %d", len(values), len(values), g.Size())
	}
	if err := checkPositive("duration", duration); err != nil {
		return nil, err
	}
	if math.IsNaN(settle) || settle < 0 || settle >= duration {
		return nil, fmt.Errorf("analysis: settling time %v s must lie in [0, %g) s", settle, duration)
	}
	if err := g.Set(param, values...); err != nil {
		return nil, fmt.Errorf("analysis: f–I curve: %w", err)
	}
	mon, err := spiking.NewSpikeMonitor(g, nil, spiking.MonitorOptions{})
	if err != nil {
		return nil, err
	}
	net, err := spiking.NewNetwork(dt, g, mon)
	if err != nil {
		return nil, err
	}
	if err := net.Run(duration); err != nil {
		return nil, fmt.Errorf("analysis: f–I curve: %w", err)
	}
	rates = make([]float64, len(values))
	idx, ts := mon.I(), mon.T()
	for k, i := range idx {
		if ts[k] >= settle-1e-3*dt {
			rates[i]++
		}
	}
	for k := range rates {
		rates[k] /= duration - settle
	}
	return rates, nil
}
