// Command brunel_hakim ports Brian2's Brunel_Hakim_1999.py: 5000 sparsely
// connected inhibitory leaky integrate-and-fire neurons with noisy external
// drive,
//
//	dV/dt = (−V + µext + σext·√τ·ξ)/τ,  threshold 20 mV, reset 10 mV,
//
// τ = 20 ms, µext = 25 mV, σext = 1 mV, refractory 2 ms; each neuron
// receives C = 1000 random connections (probability 0.2) that subtract
// J = 0.1 mV after a delay of 2 ms. Euler–Maruyama, dt 0.1 ms.
//
//	go run ./examples/brunel_hakim [-o brunel_hakim.png] [-duration 0.5] [-seed 1]
//
// What to look for (Brunel & Hakim 1999): single neurons fire rarely and
// irregularly (a few Hz) while the population rate oscillates fast (about
// 130–180 Hz), a collective rhythm set by the delay and the inhibition;
// the raster shows faint vertical stripes. The program prints the mean rate
// and the frequency of the largest peak of the population rate's spectrum.
package main

import (
	"flag"
	"fmt"
	"log"
	"math"

	"gonum.org/v1/gonum/dsp/fourier"

	"github.com/gohears/hears/examples/internal/netfig"
	"github.com/gohears/hears/spiking"
)

const (
	nNeurons = 5000
	dt       = 0.1e-3 // s
)

type result struct {
	duration float64
	i        []int
	t        []float64
	rate     []float64 // Hz
	stats    netfig.Stats
	peakHz   float64
}

func run(duration float64, seed uint64) (*result, error) {
	ns := map[string]any{"Vr": "10*mV", "theta": "20*mV", "tau": "20*ms", "muext": "25*mV", "sigmaext": "1*mV", "J": "0.1*mV"}
	g, err := spiking.NewNeuronGroup(nNeurons, "dV/dt = (-V+muext + sigmaext * sqrt(tau) * xi)/tau : volt",
		spiking.NeuronGroupOptions{GroupOptions: spiking.GroupOptions{Name: "group"},
			Threshold: "V>theta", Reset: "V=Vr", Refractory: 2e-3, Method: "euler", Namespace: ns})
	if err != nil {
		return nil, err
	}
	if err := g.Set("V", 10e-3); err != nil {
		return nil, err
	}
	conn, err := spiking.NewSynapses(g, g, spiking.SynapsesOptions{GroupOptions: spiking.GroupOptions{Name: "conn"},
		OnPre: "V += -J", Delay: 2e-3, Namespace: ns})
	if err != nil {
		return nil, err
	}
	conn.SeedInit(seed)
	if err := conn.ConnectExpr("", spiking.ConnectOptions{P: "0.2"}); err != nil {
		return nil, err
	}
	rec, err := netfig.Simulate(dt, duration, seed, g, g, conn)
	if err != nil {
		return nil, err
	}
	r := &result{duration: duration, i: rec.I, t: rec.T, rate: rec.Rate, stats: rec.Stats}
	r.peakHz, err = peakFrequency(r.rate, dt, 0.05, 50, 300)
	return r, err
}

// peakFrequency returns the frequency in [lo, hi] Hz of the largest value
// of the periodogram of x (sampled every dt s) after skip s: mean removed,
// Hann window (numpy.hanning's symmetric form), zero-padded to 2^16 points
// for a fine frequency grid — the same computation as the Brian2 script in
// testdata.
func peakFrequency(x []float64, dt, skip, lo, hi float64) (float64, error) {
	const n = 1 << 16
	k0 := int(math.Round(skip / dt))
	if len(x)-k0 < 16 || len(x)-k0 > n {
		return 0, fmt.Errorf("brunel_hakim: %d samples after %g s for a periodogram of %d points", len(x)-k0, skip, n)
	}
	seg := x[k0:]
	mean := 0.0
	for _, v := range seg {
		mean += v
	}
	mean /= float64(len(seg))
	buf := make([]float64, n)
	m := len(seg)
	for k, v := range seg {
		buf[k] = (v - mean) * (0.5 - 0.5*math.Cos(2*math.Pi*float64(k)/float64(m-1)))
	}
	c := fourier.NewFFT(n).Coefficients(nil, buf)
	best, bestF := -1.0, 0.0
	for k, z := range c {
		f := float64(k) / (n * dt)
		if f < lo || f > hi {
			continue
		}
		if p := real(z)*real(z) + imag(z)*imag(z); p > best {
			best, bestF = p, f
		}
	}
	return bestF, nil
}

func draw(r *result, path string) error {
	return netfig.Save(path, fmt.Sprintf("Brunel & Hakim (1999): %.1f Hz a neuron, population rhythm %.0f Hz", r.stats.Rate, r.peakHz),
		[]netfig.Population{{Name: "inh.", Start: 0, N: nNeurons}}, r.i, r.t, r.duration, dt, r.rate, 0.5e-3)
}

func main() {
	out := flag.String("o", "brunel_hakim.png", "picture to write (PNG, SVG or PDF)")
	duration := flag.Float64("duration", 0.5, "simulated time, s")
	seed := flag.Uint64("seed", 1, "seed of the connections and the noise")
	flag.Parse()
	r, err := run(*duration, *seed)
	if err != nil {
		log.Fatal(err)
	}
	fmt.Printf("%g s: %v; population oscillation at %.1f Hz\n", r.duration, r.stats, r.peakHz)
	if err := draw(r, *out); err != nil {
		log.Fatal(err)
	}
}
