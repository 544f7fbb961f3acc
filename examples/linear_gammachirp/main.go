// Command linear_gammachirp ports Brian Hears' linear_gammachirp.py
// example: 100 ms of ramped white noise at 50 dB SPL through 10 FIR
// gammachirp filters with a linear frequency sweep (Wagner et al. 2009,
// J. Neurophysiol. 101: 1296), here with glide slope c = 0 (so gammatones),
// frequencies ERB-spaced from 100 Hz to 1 kHz and time constants from 3 ms
// (lowest channel) down to 0.3 ms (highest), drawn as a cochleogram with one
// row per channel, with the filters' impulse responses below (the example's
// second figure).
//
//	go run ./examples/linear_gammachirp [-o linear_gammachirp.png]
//
// What to look for: each impulse response is a tone at its channel's
// frequency under a gamma envelope t³e^(−t/σ), which peaks at t = 3σ: long
// and late for the 3 ms low channel, short and early for the 0.3 ms high
// one. The short high channels are broad, so in the cochleogram the top rows
// follow the noise's fast fluctuations while the bottom rows ring slowly.
// The program prints each channel's envelope peak time next to 3σ, and its
// best frequency.
package main

import (
	"fmt"
	"log"

	"github.com/gohears/hears/examples/internal/figs"
	"github.com/gohears/hears/examples/internal/measure"
	"github.com/gohears/hears/examples/internal/stim"
	"github.com/gohears/hears/filterbank"
	"github.com/gohears/hears/plot"
	"github.com/gohears/hears/sound"
)

// Parameters of the Brian Hears example.
const (
	level    = sound.DB(50) // dB SPL
	channels = 10
	fLow     = 100.0  // Hz
	fHigh    = 1000.0 // Hz
	glide    = 0.0    // c, Hz/s
)

type result struct {
	f, tau []float64 // Hz, s
	rate   float64   // Hz
	out    []float64 // frame-major response to the noise
	ir     [][]float64
}

func main() {
	outPath, duration := figs.Flags("linear_gammachirp.png", 0.1, "the noise")
	r, err := run(duration, 1)
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println("f (Hz)   sigma (ms)   envelope peak (ms)   3 sigma (ms)   best frequency (Hz)")
	for c, h := range r.ir {
		best, err := measure.BestFrequency(h, r.rate, 0.5*r.f[c], 1.5*r.f[c], 1)
		if err != nil {
			log.Fatal(err)
		}
		fmt.Printf("%6.0f %12.2f %20.2f %14.2f %21.0f\n", r.f[c], 1e3*r.tau[c], 1e3*measure.EnvelopePeak(h)/r.rate, 3e3*r.tau[c], best)
	}
	if err := draw(r, outPath); err != nil {
		log.Fatal(err)
	}
}

func run(duration float64, seed uint64) (*result, error) {
	noise, err := stim.Noise(duration, level, seed)
	if err != nil {
		return nil, err
	}
	f, err := filterbank.ERBSpace(fLow, fHigh, channels)
	if err != nil {
		return nil, err
	}
	tau := figs.Linspace(3e-3, 0.3e-3, channels)
	fb, err := filterbank.LinearGammachirp(noise, f, []float64{glide}, tau, nil)
	if err != nil {
		return nil, err
	}
	out, err := stim.Output(fb)
	if err != nil {
		return nil, err
	}
	return &result{f: f, tau: tau, rate: noise.SampleRate(), out: out, ir: fb.ImpulseResponses()}, nil
}

func draw(r *result, path string) error {
	fig, err := plot.Cochleagram(r.out, r.f, r.rate, &plot.Options{
		Title: "Linear gammachirp filterbank (FIR, c = 0): white noise", Width: 900, Height: 360, DPI: 100,
		FrequencyAxis: plot.ChannelRows,
	})
	if err != nil {
		return err
	}
	lp, err := figs.ImpulsePanel("Impulse responses, 100 Hz (bottom, σ = 3 ms) to 1 kHz (top, σ = 0.3 ms), normalised", r.rate, r.ir, nil)
	if err != nil {
		return err
	}
	return figs.SaveBelow(path, fig.Image(), lp, 900, 460)
}
