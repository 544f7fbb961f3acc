// Command simple_anf ports Brian Hears' simple_anf.py example, a simple
// auditory nerve fibre model: a 1 kHz tone plus white noise (100 ms,
// ramped) through 3000 gammatone filters ERB-spaced from 20 Hz to 20 kHz,
// half-wave rectification and cube-root compression 3·max(x, 0)^(1/3) as
// the inner hair cells, driving 3000 noisy leaky integrate-and-fire
// neurons
//
//	dv/dt = (I − v)/(1 ms) + 0.2·xi·(2/(1 ms))^½,  threshold v > 1,
//	reset v = 0, refractory 5 ms,
//
// with I the hair-cell output of the neuron's channel, simulated at the
// sound's sample rate: a spiking.FilterbankGroup, as in Brian Hears, reads
// the hair cells' output block by block as the simulation runs. The spikes
// are drawn as a raster.
//
//	go run ./examples/simple_anf [-o simple_anf.png] [-channels 3000]
//
// What to look for: fibres near 1 kHz fire on the tone nearly as fast as
// the 5 ms refractory period allows, in a dense band across the raster,
// their spikes phase-locked to the tone; the noise, whose power per channel
// grows with the bandwidth, drives the high fibres irregularly, and the low
// fibres in diagonal stripes (each noise fluctuation reaches lower channels
// later, as their filters ring longer). The program prints the firing rates
// by band and the vector strength at 1 kHz of the fibres near 1 kHz.
package main

import (
	"flag"
	"fmt"
	"log"
	"math"

	"github.com/gohears/hears/examples/internal/figs"
	"github.com/gohears/hears/examples/internal/stim"
	"github.com/gohears/hears/filterbank"
	"github.com/gohears/hears/plot"
	"github.com/gohears/hears/sound"
	"github.com/gohears/hears/spiking"
)

// Parameters of the Brian Hears example.
const (
	toneFreq   = 1000.0  // Hz
	fLow       = 20.0    // Hz
	fHigh      = 20000.0 // Hz
	refractory = 5e-3    // s
	model      = "dv/dt = (I - v)/(1*ms) + 0.2*xi*(2/(1*ms))**.5 : 1\nI : 1"
)

type result struct {
	cf       []float64 // Hz
	duration float64   // s
	i        []int     // neuron of each spike
	t        []float64 // time of each spike, s
	counts   []int     // spikes per neuron
}

func main() {
	outPath := flag.String("o", "simple_anf.png", "picture to write (PNG)")
	channels := flag.Int("channels", 3000, "number of channels (fibres)")
	duration := flag.Float64("duration", 0.1, "duration, s")
	flag.Parse()
	r, err := run(*duration, *channels, 1)
	if err != nil {
		log.Fatal(err)
	}
	fmt.Printf("%d spikes from %d fibres in %.0f ms\n", len(r.i), len(r.cf), 1e3*r.duration)
	for _, band := range [][2]float64{{20, 200}, {200, 800}, {900, 1100}, {1200, 5000}, {5000, 20000}} {
		fmt.Printf("fibres with cf %5.0f-%5.0f Hz: mean rate %5.1f spikes/s\n", band[0], band[1], r.rate(band[0], band[1]))
	}
	fmt.Printf("vector strength at 1 kHz of the fibres with cf 900-1100 Hz: %.2f\n", r.vectorStrength(900, 1100, toneFreq))
	if err := draw(r, *outPath); err != nil {
		log.Fatal(err)
	}
}

// run simulates channels fibres for duration seconds; seed seeds both the
// noise of the sound and that of the neurons.
func run(duration float64, channels int, seed uint64) (*result, error) {
	s, err := stim.ToneInNoise(toneFreq, duration, seed)
	if err != nil {
		return nil, err
	}
	cf, err := filterbank.ERBSpace(fLow, fHigh, channels)
	if err != nil {
		return nil, err
	}
	cochlea, err := filterbank.Gammatone(s, cf)
	if err != nil {
		return nil, err
	}
	ihc, err := filterbank.ExprFunction([]sound.Source{cochlea}, "3*clip(x, 0, inf)**(1.0/3.0)")
	if err != nil {
		return nil, err
	}
	anf, err := spiking.NewFilterbankGroup(ihc, "I", model, spiking.NeuronGroupOptions{
		Threshold: "v > 1", Reset: "v = 0", Refractory: refractory, Method: "euler",
	})
	if err != nil {
		return nil, err
	}
	mon, err := spiking.NewSpikeMonitor(anf, nil, spiking.MonitorOptions{})
	if err != nil {
		return nil, err
	}
	net, err := spiking.NewNetwork(1/s.SampleRate(), anf, mon)
	if err != nil {
		return nil, err
	}
	defer net.Close()
	net.Seed(seed)
	if err := net.Run(s.Duration()); err != nil {
		return nil, err
	}
	return &result{cf: cf, duration: s.Duration(), i: mon.I(), t: mon.T(), counts: mon.Count()}, nil
}

// rate returns the mean firing rate, spikes/s, of the fibres with cf in
// [lo, hi) Hz.
func (r *result) rate(lo, hi float64) float64 {
	n, spikes := 0, 0
	for c, f := range r.cf {
		if f >= lo && f < hi {
			n++
			spikes += r.counts[c]
		}
	}
	if n == 0 {
		return 0
	}
	return float64(spikes) / float64(n) / r.duration
}

// vectorStrength returns the vector strength |mean e^{2πi·f·t}| at f Hz of
// the spikes of the fibres with cf in [lo, hi) Hz: 1 for spikes at one
// phase of the cycle, near 0 for spikes at random phases.
func (r *result) vectorStrength(lo, hi, f float64) float64 {
	var re, im float64
	n := 0
	for k, c := range r.i {
		if r.cf[c] >= lo && r.cf[c] < hi {
			ph := 2 * math.Pi * f * r.t[k]
			re += math.Cos(ph)
			im += math.Sin(ph)
			n++
		}
	}
	if n == 0 {
		return 0
	}
	return math.Hypot(re, im) / float64(n)
}

func draw(r *result, path string) error {
	fig, err := plot.Raster(r.i, r.t, &plot.RasterOptions{
		Options:  plot.Options{Title: fmt.Sprintf("Simple auditory nerve fibre model: %d fibres, 1 kHz tone + noise", len(r.cf)), Width: 900, Height: 500, DPI: 100},
		Neurons:  len(r.cf),
		Duration: r.duration,
		CF:       r.cf,
	})
	if err != nil {
		return err
	}
	return figs.SavePNG(path, fig.Image())
}
