// Command spike_triggered_average ports the spike-triggered average example
// of the Brian Hears manual's misc section (Brian 1's
// spike_triggered_average.py): Gaussian white noise (unit variance, one
// sample every dt = 0.1 ms, 15 s) is convolved with a Gaussian filter of
// 200 taps,
//
//	h[j] ∝ exp(−(x_j − 102.5)²/(200/3)),  x = linspace(0.5, 200, 200),
//
// scaled to a Euclidean norm of 1000; the result drives a Poisson neuron
// whose rate at step k is the filtered noise at k (Hz; a negative rate
// fires never, as in Brian's PoissonGroup, so the rate is max(0, ·)). The
// spike-triggered average of the noise over the 20 ms before each spike
// (analysis.SpikeTriggeredAverage) recovers the filter: by the Bussgang
// theorem, the STA of a Gaussian input through a linear filter and a static
// nonlinearity is proportional to the filter.
//
//	go run ./examples/spike_triggered_average [-o spike_triggered_average.png] [-seed 1] [-duration 15]
//
// What to look for: the estimated filter (STA/max STA) lies on the real one
// (h/max h) against the lag before the spike, a bump centred near 10.2 ms
// (tap 102 of 0.1 ms) and 1.4 ms wide at half height; the estimate is
// noisy around it, less so the longer the run.
package main

import (
	"flag"
	"fmt"
	"log"
	"math"
	"math/rand/v2"

	"github.com/gohears/hears/examples/internal/netfig"
	"github.com/gohears/hears/plot"
	"github.com/gohears/hears/spiking"
	"github.com/gohears/hears/spiking/analysis"
	"github.com/gohears/hears/units"
)

const (
	dt     = 0.1e-3 // s, the sample period of the noise and the network's step
	taps   = 200    // length of the filter
	window = 20e-3  // s, the span of the spike-triggered average
	onset  = 10e-3  // s, spikes before it are left out (Brian 1's onset)
)

// filter returns Brian 1's example filter: a Gaussian over
// linspace(0.5, n, n) centred at (n+5)/2 with exp(−(x−c)²/(n/3)), scaled to
// a Euclidean norm of 1000.
func filter(n int) []float64 {
	h := make([]float64, n)
	norm := 0.0
	for j := range h {
		x := 0.5 + float64(j)*(float64(n)-0.5)/float64(n-1)
		c := float64(n+5) / 2
		h[j] = math.Exp(-(x - c) * (x - c) / (float64(n) / 3))
		norm += h[j] * h[j]
	}
	for j := range h {
		h[j] *= 1000 / math.Sqrt(norm)
	}
	return h
}

type result struct {
	h      []float64 // the filter
	sta    []float64 // the spike-triggered average at lags
	lags   []float64 // s before the spike
	spikes int       // spikes of the neuron
	used   int       // spikes averaged
}

func run(seed uint64, duration float64) (*result, error) {
	n := int(math.Round(duration / dt))
	if n < taps {
		return nil, fmt.Errorf("a run of %g s is shorter than the filter", duration)
	}
	r := rand.New(rand.NewPCG(seed, 0x57a))
	stim := make([]float64, n)
	for k := range stim {
		stim[k] = r.NormFloat64()
	}
	h := filter(taps)
	// rate[k] = Σ_j h[j]·stim[k−j] (numpy's convolve, the first n samples),
	// rectified: Brian's PoissonGroup never fires at a negative rate.
	rate := make([]float64, n)
	for k := range rate {
		s := 0.0
		for j := range min(taps, k+1) {
			s += h[j] * stim[k-j]
		}
		rate[k] = max(s, 0)
	}
	ta, err := spiking.NewTimedArray("stim", rate, 1, dt)
	if err != nil {
		return nil, err
	}
	ta.SetUnit(units.DimFrequency())
	neuron, err := spiking.NewPoissonGroupExpr(1, "stim(t)", spiking.GroupOptions{Name: "neuron", Dt: dt}, map[string]any{"stim": ta})
	if err != nil {
		return nil, err
	}
	mon, err := spiking.NewSpikeMonitor(neuron, nil, spiking.MonitorOptions{})
	if err != nil {
		return nil, err
	}
	net, err := spiking.NewNetwork(dt, neuron, mon)
	if err != nil {
		return nil, err
	}
	net.Seed(seed)
	if err := net.Run(duration); err != nil {
		return nil, err
	}
	train := mon.Train(0)
	sta, lags, used, err := analysis.SpikeTriggeredAverage(train, stim, dt, window, onset)
	if err != nil {
		return nil, err
	}
	return &result{h: h, sta: sta, lags: lags, spikes: len(train), used: used}, nil
}

// normalised returns x/max(x).
func normalised(x []float64) []float64 {
	m := math.Inf(-1)
	for _, v := range x {
		m = max(m, v)
	}
	out := make([]float64, len(x))
	for k, v := range x {
		out[k] = v / m
	}
	return out
}

// curves returns the real filter at the lags of the STA (tap ℓ for lag
// ℓ·dt; 0 past the last tap) and the estimate, each divided by its
// maximum.
func (r *result) curves() (real, estimated []float64) {
	hl := make([]float64, len(r.lags))
	for l := range hl {
		if l+1 < len(r.h) {
			hl[l] = r.h[l+1] // sta[l] averages stim[k−(l+1)]: tap l+1
		}
	}
	return normalised(hl), normalised(r.sta)
}

func draw(r *result, path string) error {
	real, est := r.curves()
	pn := plot.NewPanel("", "Time before the spike (ms)", "Filter / its maximum")
	ms := make([]float64, len(r.lags))
	for k, l := range r.lags {
		ms[k] = l * 1e3
	}
	if _, err := pn.Line(ms, real, "real filter"); err != nil {
		return err
	}
	if _, err := pn.Line(ms, est, fmt.Sprintf("estimated filter (STA of %d spikes)", r.used)); err != nil {
		return err
	}
	fig, err := plot.Stack(&plot.Options{Title: "Spike-triggered average of white noise recovers the filter driving a Poisson neuron"}, plot.ShareNone, pn)
	if err != nil {
		return err
	}
	return netfig.SaveFigure(fig, path)
}

func main() {
	out := flag.String("o", "spike_triggered_average.png", "picture to write (PNG, SVG or PDF)")
	seed := flag.Uint64("seed", 1, "seed of the noise and of the Poisson neuron")
	duration := flag.Float64("duration", 15, "length of the run, s")
	flag.Parse()
	r, err := run(*seed, *duration)
	if err != nil {
		log.Fatal(err)
	}
	fmt.Printf("%d spikes in %g s (%.0f Hz); %d averaged\n", r.spikes, *duration, float64(r.spikes) / *duration, r.used)
	if err := draw(r, *out); err != nil {
		log.Fatal(err)
	}
	fmt.Println("wrote", *out)
}
