// Command gammatone ports Brian Hears' gammatone.py example: 100 ms of
// ramped white noise at 50 dB SPL through a bank of 50 gammatone filters
// (Slaney's 4-biquad implementation, bandwidth factor b = 1.019) with centre
// frequencies ERB-spaced from 100 Hz to 1 kHz, drawn as a cochleogram. A
// second panel adds the impulse responses of five of the channels.
//
//	go run ./examples/gammatone [-o gammatone.png] [-duration 0.1]
//
// What to look for: in the cochleogram (top) every channel rings at its own
// centre frequency, so the stripes get finer from bottom (100 Hz) to top
// (1 kHz), and the noise makes each channel wax and wane at a rate set by
// its bandwidth (slow at the bottom, fast at the top). In the impulse
// responses (bottom) low channels ring longer and peak later than high
// ones: a gammatone's envelope t³e^(−2π·b·ERB·t) peaks at 3/(2π·b·ERB(cf)).
// The program prints, for a few channels, the frequency at which the
// channel rings (from zero crossings) next to its centre frequency.
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
	level    = sound.DB(50) // dB SPL of the noise
	channels = 50
	fLow     = 100.0  // Hz
	fHigh    = 1000.0 // Hz
	bFactor  = 1.019  // bandwidth factor b
)

// result is what the example computes.
type result struct {
	cf   []float64 // centre frequencies, Hz
	rate float64   // Hz
	out  []float64 // frame-major response to the noise, Pa
	ir   [][]float64
	irCF []float64 // centre frequencies of the impulse responses, Hz
}

func main() {
	outPath, duration := figs.Flags("gammatone.png", 0.1, "the noise")
	r, err := run(duration, 1)
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println("channel   cf (Hz)   rings at (Hz)")
	for _, c := range []int{0, 12, 25, 37, 49} {
		fmt.Printf("%7d %9.1f %14.1f\n", c, r.cf[c], measure.ZeroCrossingRate(measure.Column(r.out, channels, c), r.rate))
	}
	if err := draw(r, outPath); err != nil {
		log.Fatal(err)
	}
}

// run filters duration seconds of noise (seeded with seed) and computes
// the impulse responses of five channels over 25 ms.
func run(duration float64, seed uint64) (*result, error) {
	noise, err := stim.Noise(duration, level, seed)
	if err != nil {
		return nil, err
	}
	cf, err := filterbank.ERBSpace(fLow, fHigh, channels)
	if err != nil {
		return nil, err
	}
	gt, err := filterbank.Gammatone(noise, cf, filterbank.GammatoneB(bFactor))
	if err != nil {
		return nil, err
	}
	out, err := stim.Output(gt)
	if err != nil {
		return nil, err
	}
	r := &result{cf: cf, rate: noise.SampleRate(), out: out}

	// Impulse responses: a unit click through the same filters.
	r.irCF = figs.Pick(cf, []int{0, 12, 25, 37, 49})
	r.ir, err = stim.ImpulseResponses(0.025, r.rate, func(src sound.Source) (sound.Source, error) {
		return filterbank.Gammatone(src, r.irCF, filterbank.GammatoneB(bFactor))
	})
	return r, err
}

// draw writes the cochleogram and the impulse responses, one above the other.
func draw(r *result, path string) error {
	fig, err := plot.Cochleagram(r.out, r.cf, r.rate, &plot.Options{
		Title: "Gammatone filterbank: response to white noise (50 dB SPL)", Width: 900, Height: 420, DPI: 100,
		ColorLabel: "Pa",
	})
	if err != nil {
		return err
	}
	var labels []string
	for _, f := range r.irCF {
		labels = append(labels, fmt.Sprintf("%.0f Hz", f))
	}
	lp, err := figs.ImpulsePanel("Impulse responses (each normalised to its peak, offset)", r.rate, r.ir, labels)
	if err != nil {
		return err
	}
	return figs.SaveBelow(path, fig.Image(), lp, 900, 420)
}
