// Command log_gammachirp ports Brian Hears' log_gammachirp.py example:
// 100 ms of ramped white noise at 50 dB SPL through 50 IIR gammachirp
// filters (Unoki, Irino & Patterson 2001: a gammatone followed by four
// asymmetric compensation sections) with glide slope c = −2.96 and
// bandwidth factor b = 1.81, frequencies ERB-spaced from 100 Hz to 1 kHz,
// drawn as a cochleogram with one row per channel (Brian Hears' imshow).
// The example's text promises the impulse responses too; the second panel
// draws five of them.
//
//	go run ./examples/log_gammachirp [-o log_gammachirp.png]
//
// What to look for: c < 0 makes each impulse response an upward chirp (its
// zero crossings get closer together with time), and moves each filter's
// best frequency below the nominal frequency f, by about c·b·ERB(f)/3
// (Irino & Patterson 1997) — a quarter lower at 1 kHz; below 400 Hz, where
// that shift is a large part of f, the IIR filters stay above it. The program prints,
// for five channels, the best frequency next to f and that prediction, and
// the instantaneous frequency early and late in the impulse response.
package main

import (
	"fmt"
	"log"
	"math"

	"github.com/gohears/hears/examples/internal/figs"
	"github.com/gohears/hears/examples/internal/measure"
	"github.com/gohears/hears/examples/internal/stim"
	"github.com/gohears/hears/filterbank"
	"github.com/gohears/hears/plot"
	"github.com/gohears/hears/sound"
)

// Parameters of the Brian Hears example.
const (
	level     = sound.DB(50) // dB SPL
	channels  = 50
	fLow      = 100.0  // Hz
	fHigh     = 1000.0 // Hz
	glide     = -2.96  // c
	bw        = 1.81   // b
	ncascades = 4      // asymmetric compensation sections (Brian Hears' default)
)

type result struct {
	cf   []float64 // nominal frequencies f, Hz
	rate float64   // Hz
	out  []float64 // frame-major response to the noise
	pick []int     // channels whose impulse responses are in ir
	ir   [][]float64
}

func main() {
	outPath, duration := figs.Flags("log_gammachirp.png", 0.1, "the noise")
	r, err := run(duration, 1)
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println("f (Hz)   best (Hz)   f + c·b·ERB/3 (Hz)   inst. freq. early -> late (Hz)")
	for i, c := range r.pick {
		f := r.cf[c]
		best, err := measure.BestFrequency(r.ir[i], r.rate, 0.3*f, 1.5*f, 1)
		if err != nil {
			log.Fatal(err)
		}
		early, late := glideOf(r.ir[i], r.rate)
		fmt.Printf("%6.0f %11.0f %20.0f %17.0f -> %.0f\n", f, best, predictedPeak(f), early, late)
	}
	if err := draw(r, outPath); err != nil {
		log.Fatal(err)
	}
}

// predictedPeak is the best frequency of an analytic gammachirp of order 4
// at nominal frequency f (Irino & Patterson 1997): f + c·b·ERB(f)/3, Hz.
func predictedPeak(f float64) float64 { return f + glide*bw*filterbank.ERB(f)/3 }

func run(duration float64, seed uint64) (*result, error) {
	noise, err := stim.Noise(duration, level, seed)
	if err != nil {
		return nil, err
	}
	cf, err := filterbank.ERBSpace(fLow, fHigh, channels)
	if err != nil {
		return nil, err
	}
	fb, err := filterbank.LogGammachirp(noise, cf, []float64{bw}, []float64{glide}, ncascades)
	if err != nil {
		return nil, err
	}
	out, err := stim.Output(fb)
	if err != nil {
		return nil, err
	}
	r := &result{cf: cf, rate: noise.SampleRate(), out: out, pick: []int{0, 12, 25, 37, 49}}
	f := figs.Pick(cf, r.pick)
	r.ir, err = stim.ImpulseResponses(0.03, r.rate, func(src sound.Source) (sound.Source, error) {
		return filterbank.LogGammachirp(src, f, []float64{bw}, []float64{glide}, ncascades)
	})
	return r, err
}

// glideOf returns the instantaneous frequency (Hz) of the impulse response
// h from its zero crossings in the rise and in the decay of its envelope:
// the first and last thirds of the crossings within the part above 10 % of
// the peak.
func glideOf(h []float64, rate float64) (early, late float64) {
	peak := math.Abs(h[measure.ArgMaxAbs(h)])
	var zc []float64 // crossing times, samples
	for k := 1; k < len(h); k++ {
		if (h[k-1] < 0) != (h[k] < 0) && math.Max(math.Abs(h[k-1]), math.Abs(h[k])) > 0 {
			// only where the signal is substantial nearby
			lo, hi := max(0, k-int(rate/2000)), min(len(h), k+int(rate/2000))
			big := false
			for _, v := range h[lo:hi] {
				big = big || math.Abs(v) > 0.1*peak
			}
			if !big {
				continue
			}
			zc = append(zc, float64(k-1)+h[k-1]/(h[k-1]-h[k]))
		}
	}
	if len(zc) < 7 {
		return 0, 0
	}
	n := len(zc) / 3
	// Two crossings per period.
	early = float64(n) / 2 * rate / (zc[n] - zc[0])
	late = float64(n) / 2 * rate / (zc[len(zc)-1] - zc[len(zc)-1-n])
	return early, late
}

func draw(r *result, path string) error {
	fig, err := plot.Cochleagram(r.out, r.cf, r.rate, &plot.Options{
		Title: "IIR log gammachirp filterbank (c = -2.96, b = 1.81): white noise", Width: 900, Height: 360, DPI: 100,
		ColorLabel: "Pa", FrequencyAxis: plot.ChannelRows,
	})
	if err != nil {
		return err
	}
	var labels []string
	for _, c := range r.pick {
		labels = append(labels, fmt.Sprintf("f %.0f Hz", r.cf[c]))
	}
	lp, err := figs.ImpulsePanel("Impulse responses: upward chirps (normalised, offset)", r.rate, r.ir, labels)
	if err != nil {
		return err
	}
	return figs.SaveBelow(path, fig.Image(), lp, 900, 380)
}
