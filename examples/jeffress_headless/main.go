// Command jeffress_headless runs a Jeffress (1948) delay-line model of
// sound localisation with spiking neurons on the headless HRTF database
// (hrtf.Headless: brian2hears' HeadlessDatabase, pure interaural delays).
//
// Jeffress, L. A. (1948), "A place theory of sound localization", J. Comp.
// Physiol. Psychol. 41: 35–39: each coincidence detector receives the two
// ears' spikes through axons of different lengths, so that detector j,
// whose left input is delayed by d_j and right input by D − d_j, fires most
// when the sound reaches the right ear 2d_j − D later than the left one:
// the interaural time difference is mapped to a place, the best-firing
// detector.
//
// White noise (unit variance, 500 ms) is played from each of the n
// directions of Headless(n) at 44.1 kHz. Each ear's signal drives a noisy
// leaky integrate-and-fire neuron (a spiking.FilterbankGroup; input gain
// 5, τ = 0.5 ms, noise σ = 0.1, threshold 1, reset 0, refractory 1 ms), and
// each direction has a row of 33 detectors (the same neuron without input;
// each input spike adds 0.6, so only two spikes within a few tenths of a
// millisecond cross the threshold) whose synapses carry the delays d_j
// (rounded to whole 22.7 µs steps) spanning best ITDs of ±700 µs.
//
//	go run ./examples/jeffress_headless [-o jeffress_headless.png] [-n 13] [-duration 0.5]
//
// What to look for: the picture shows, for each source (its ITD up), the
// spike count of every detector (its best ITD across); the brightest
// detector of each row sits on the diagonal, best ITD = source ITD: the
// place code. The program prints each source's ITD beside the best
// detector's.
package main

import (
	"flag"
	"fmt"
	"log"

	"github.com/gohears/hears/hrtf"
	"github.com/gohears/hears/plot"
	"github.com/gohears/hears/sound"
	"github.com/gohears/hears/spiking"
)

const (
	rate      = 44100.0
	maxBest   = 700e-6 // s, largest best ITD of a detector
	earModel  = "dV/dt = (5*I - V)/(0.5*ms) + 0.1*xi*(2/(0.5*ms))**.5 : 1 (unless refractory)\nI : 1"
	cdModel   = "dV/dt = -V/(0.5*ms) + 0.1*xi*(2/(0.5*ms))**.5 : 1 (unless refractory)"
	cdWeight  = "V += 0.6"
	refrac    = 1e-3 // s
	detectors = 33   // per direction: best ITDs 2·700/32 = 43.75 µs apart
)

// result holds the detectors' counts and what they decode.
type result struct {
	itd    []float64 // s, of each source (Headless' sign: positive, left ear delayed)
	best   []float64 // s, best ITD of each detector (same sign)
	counts [][]int   // [source][detector]
	decode []float64 // s, best detector's best ITD per source
}

func main() {
	out := flag.String("o", "jeffress_headless.png", "picture to write (PNG)")
	n := flag.Int("n", 13, "directions of the headless database")
	dur := flag.Float64("duration", 0.5, "duration of the noise, s")
	seed := flag.Uint64("seed", 1, "seed of the noise and the neurons")
	flag.Parse()
	r, err := run(*n, *dur, *seed)
	if err != nil {
		log.Fatal(err)
	}
	for k := range r.itd {
		fmt.Printf("source ITD %+6.0f µs: best detector %+6.0f µs\n", 1e6*r.itd[k], 1e6*r.decode[k])
	}
	if err := draw(r, *out); err != nil {
		log.Fatal(err)
	}
}

// run simulates the model for every direction of Headless(n).
func run(n int, duration float64, seed uint64) (*result, error) {
	set, err := hrtf.Headless(n, rate)
	if err != nil {
		return nil, err
	}
	noise, err := sound.WhiteNoise(duration, sound.WithRate(rate), sound.WithSeed(seed))
	if err != nil {
		return nil, err
	}
	// 2n channels: the n left ears, then the n right ears.
	fb, err := set.Filterbank(noise)
	if err != nil {
		return nil, err
	}
	ears, err := spiking.NewFilterbankGroup(fb, "I", earModel, spiking.NeuronGroupOptions{
		GroupOptions: spiking.GroupOptions{Name: "ears"},
		Threshold:    "V > 1", Reset: "V = 0", Refractory: refrac, Method: "euler",
	})
	if err != nil {
		return nil, err
	}
	cd, err := spiking.NewNeuronGroup(n*detectors, cdModel, spiking.NeuronGroupOptions{
		GroupOptions: spiking.GroupOptions{Name: "cd"},
		Threshold:    "V > 1", Reset: "V = 0", Refractory: refrac, Method: "euler",
	})
	if err != nil {
		return nil, err
	}
	syn, err := spiking.NewSynapses(ears, cd, spiking.SynapsesOptions{GroupOptions: spiking.GroupOptions{Name: "axons"}, OnPre: cdWeight})
	if err != nil {
		return nil, err
	}
	// Detector j of direction k: left input delayed by d_j, right by
	// D − d_j, D = maxBest, so that it fires most for a right ear
	// delayed by 2·d_j − D relative to the left, i.e. an ITD (left
	// delay minus right delay) of D − 2·d_j.
	r := &result{itd: set.ITDs()}
	var pre, post []int
	var delay []float64
	for j := range detectors {
		dj := maxBest * float64(j) / float64(detectors-1)
		r.best = append(r.best, maxBest-2*dj)
	}
	for k := range n {
		for j := range detectors {
			dj := maxBest * float64(j) / float64(detectors-1)
			pre, post, delay = append(pre, k), append(post, k*detectors+j), append(delay, dj)
			pre, post, delay = append(pre, n+k), append(post, k*detectors+j), append(delay, maxBest-dj)
		}
	}
	if err := syn.Connect(pre, post); err != nil {
		return nil, err
	}
	if err := syn.Set("delay", delay...); err != nil {
		return nil, err
	}
	count, err := spiking.NewSpikeCounter(cd, spiking.MonitorOptions{})
	if err != nil {
		return nil, err
	}
	net, err := spiking.NewNetwork(1/rate, ears, cd, syn, count)
	if err != nil {
		return nil, err
	}
	defer net.Close()
	net.Seed(seed)
	if err := net.Run(duration); err != nil {
		return nil, err
	}
	c := count.Count()
	for k := range n {
		row := c[k*detectors : (k+1)*detectors]
		r.counts = append(r.counts, row)
		b := 0
		for j := range row {
			if row[j] > row[b] {
				b = j
			}
		}
		r.decode = append(r.decode, r.best[b])
	}
	return r, nil
}

// draw saves the source × detector spike counts.
func draw(r *result, path string) error {
	// Best ITDs descend with j: reverse to draw them ascending.
	x := make([]float64, len(r.best))
	for j := range r.best {
		x[j] = 1e6 * r.best[len(r.best)-1-j]
	}
	y := make([]float64, len(r.itd))
	values := make([][]float64, len(r.itd))
	for k := range r.itd {
		y[k] = 1e6 * r.itd[k]
		values[k] = make([]float64, len(r.best))
		for j := range r.best {
			values[k][j] = float64(r.counts[k][len(r.best)-1-j])
		}
	}
	if len(y) > 1 && !(y[1] > y[0]) {
		return fmt.Errorf("source ITDs do not increase")
	}
	fig, err := plot.HeatMap(values, x, y, "Detector's best ITD (µs)", "Source ITD (µs, positive: left ear delayed)",
		&plot.Options{Width: 900, Height: 700, ColorLabel: "Coincidence spikes",
			Title: "Jeffress delay lines on the headless database"})
	if err != nil {
		return err
	}
	return fig.Save(path)
}
