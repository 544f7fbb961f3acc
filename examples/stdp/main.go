// Command stdp ports Brian2's STDP example (examples/synapses/STDP.py):
// spike-timing-dependent plasticity as Song, Miller & Abbott (2000) studied
// it. 1000 Poisson inputs at 15 Hz drive one conductance-based LIF neuron
// (τm = 10 ms, El = −74 mV, threshold −54 mV, reset −60 mV, τe = 5 ms,
// Ee = 0 mV) through synapses with pair-based STDP (models.STDP: τ = 20 ms,
// dApre = 0.01, dApost = −1.05 dApre, weights in [0, 1] of gmax = 0.01),
// initially uniform in [0, 1]. Euler, dt 0.1 ms.
//
//	go run ./examples/stdp [-o stdp.png] [-duration 100] [-seed 1]
//
// What to look for: competition between inputs drives the weights to the
// bounds — a bimodal distribution with about a fifth of the weights near
// gmax and a fifth to a quarter near 0 after 100 s — while the output rate
// falls from about 50 Hz to about 20 Hz. The picture shows the final
// weight histogram beside the output rate.
package main

import (
	"flag"
	"fmt"
	"log"
	"math/rand/v2"

	"github.com/gohears/hears/examples/internal/netfig"
	"github.com/gohears/hears/plot"
	"github.com/gohears/hears/spiking"
	"github.com/gohears/hears/spiking/models"
)

const (
	nInputs = 1000
	dt      = 0.1e-3 // s
)

type result struct {
	duration     float64
	weights      []float64 // final, in units of gmax
	above, below float64   // fractions of weights > 0.9 and < 0.1
	outTimes     []float64 // output spikes, s
	lateRate     float64   // output rate in the last 10 % of the run, Hz
	initialEnds  float64   // fraction of initial weights > 0.9 or < 0.1
}

func run(duration float64, seed uint64) (*result, error) {
	in, err := spiking.NewPoissonGroup(nInputs, []float64{15}, spiking.GroupOptions{Name: "poisson_input"})
	if err != nil {
		return nil, err
	}
	neuron, err := spiking.NewNeuronGroup(1, `
		dv/dt = (ge * (Ee-v) + El - v) / taum : volt
		dge/dt = -ge / taue : 1`, spiking.NeuronGroupOptions{
		GroupOptions: spiking.GroupOptions{Name: "neurons"},
		Threshold:    "v>vt", Reset: "v = vr", Method: "euler",
		Namespace: map[string]any{"taum": "10*ms", "Ee": "0*mV", "vt": "-54*mV", "vr": "-60*mV", "El": "-74*mV", "taue": "5*ms"}})
	if err != nil {
		return nil, err
	}
	if err := neuron.Set("v", -74e-3); err != nil {
		return nil, err
	}
	// Brian2's weights are in [0, gmax] with ge += w; models.STDP keeps
	// them in [0, 1] and adds w·gmax: the same dynamics with gmax = 0.01.
	syn, err := models.STDP("ge").With("gmax", "0.01").Synapses(in, neuron, spiking.SynapsesOptions{GroupOptions: spiking.GroupOptions{Name: "S"}})
	if err != nil {
		return nil, err
	}
	if err := syn.ConnectAll(); err != nil {
		return nil, err
	}
	r := rand.New(rand.NewPCG(seed, 0x57d9))
	w := make([]float64, nInputs)
	res := &result{duration: duration}
	for k := range w {
		w[k] = r.Float64()
		if w[k] > 0.9 || w[k] < 0.1 {
			res.initialEnds += 1.0 / nInputs
		}
	}
	if err := syn.Set("w", w...); err != nil {
		return nil, err
	}
	out, err := spiking.NewSpikeMonitor(neuron, nil, spiking.MonitorOptions{})
	if err != nil {
		return nil, err
	}
	net, err := spiking.NewNetwork(dt, in, neuron, syn, out)
	if err != nil {
		return nil, err
	}
	net.Seed(seed)
	if err := net.Run(duration); err != nil {
		return nil, err
	}
	if res.weights, err = syn.Get("w"); err != nil {
		return nil, err
	}
	for _, x := range res.weights {
		if x > 0.9 {
			res.above++
		}
		if x < 0.1 {
			res.below++
		}
	}
	res.above /= nInputs
	res.below /= nInputs
	res.outTimes = out.T()
	for _, t := range res.outTimes {
		if t >= 0.9*duration {
			res.lateRate++
		}
	}
	res.lateRate /= 0.1 * duration
	return res, nil
}

func draw(r *result, path string) error {
	edges := make([]float64, 21)
	counts := make([]float64, 20)
	for k := range edges {
		edges[k] = float64(k) / 20
	}
	for _, x := range r.weights {
		counts[min(int(x*20), 19)]++
	}
	h, err := plot.HistogramPanel(edges, counts, plot.HistogramOptions{Axes: plot.Axes{XLabel: "Weight (/gmax)", YLabel: "Synapses"}})
	if err != nil {
		return err
	}
	// Output rate in 1 s bins.
	nb := max(int(r.duration), 1)
	bins := make([]float64, nb+1)
	rate := make([]float64, nb)
	for k := range bins {
		bins[k] = float64(k) * r.duration / float64(nb)
	}
	for _, t := range r.outTimes {
		rate[min(int(t/r.duration*float64(nb)), nb-1)] += float64(nb) / r.duration
	}
	rp, err := plot.HistogramPanel(bins, rate, plot.HistogramOptions{Axes: plot.Axes{XLabel: "Time (s)", YLabel: "Output rate (Hz)"}})
	if err != nil {
		return err
	}
	fig, err := plot.Arrange(&plot.Options{Title: fmt.Sprintf("STDP (Song et al. 2000) after %g s: %.0f%% of weights > 0.9 gmax, %.0f%% < 0.1 gmax", r.duration, 100*r.above, 100*r.below)},
		plot.ShareNone, []*plot.Panel{h, rp})
	if err != nil {
		return err
	}
	return netfig.SaveFigure(fig, path)
}

func main() {
	out := flag.String("o", "stdp.png", "picture to write (PNG, SVG or PDF)")
	duration := flag.Float64("duration", 100, "simulated time, s")
	seed := flag.Uint64("seed", 1, "seed of the initial weights and the inputs")
	flag.Parse()
	r, err := run(*duration, *seed)
	if err != nil {
		log.Fatal(err)
	}
	fmt.Printf("after %g s: %.1f%% of the weights above 0.9 gmax, %.1f%% below 0.1 gmax; output %.1f Hz in the last tenth\n",
		r.duration, 100*r.above, 100*r.below, r.lateRate)
	if err := draw(r, *out); err != nil {
		log.Fatal(err)
	}
}
