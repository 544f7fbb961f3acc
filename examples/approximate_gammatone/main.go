// Command approximate_gammatone ports Brian Hears' approximate_gammatone.py
// example: 100 ms of ramped white noise at 50 dB SPL through 50 approximate
// gammatone filters (Hohmann 2002: third order, a cascade of three identical
// complex one-pole filters taken as real second-order sections), centre
// frequencies ERB-spaced from 100 Hz to 1 kHz, bandwidths
// 10^(0.037 + 0.785·log10 cf) Hz, drawn as a cochleogram with one row per
// channel as Brian Hears' imshow does. A second panel adds the frequency
// responses of five channels, from their impulse responses.
//
//	go run ./examples/approximate_gammatone [-o approximate_gammatone.png]
//
// What to look for: the cochleogram looks like the gammatone example's
// (stripes finer towards 1 kHz) on an ERB-rate axis, where channels are
// evenly spaced. Each frequency response passes 0 dB exactly at its centre
// frequency (the filters are normalised there) and peaks a few per cent
// higher, 0.1–0.3 dB up (Brian Hears takes the real part of each section
// rather than of the whole cascade); the bands widen with frequency as the
// bandwidth formula says. The program prints each plotted channel's
// best frequency and its −3 dB bandwidth next to the bandwidth asked for.
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
	level    = sound.DB(50) // dB SPL of the noise
	channels = 50
	fLow     = 100.0  // Hz
	fHigh    = 1000.0 // Hz
	order    = 3      // number of cascaded sections
)

// bandwidth is the example's bandwidth formula, Hz.
func bandwidth(cf float64) float64 { return math.Pow(10, 0.037+0.785*math.Log10(cf)) }

type result struct {
	cf, bw []float64 // Hz
	rate   float64   // Hz
	out    []float64 // frame-major response to the noise, Pa
	pick   []int     // channels whose impulse responses are in ir
	ir     [][]float64
}

func main() {
	outPath, duration := figs.Flags("approximate_gammatone.png", 0.1, "the noise")
	r, err := run(duration, 1)
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println("channel   cf (Hz)   best (Hz)   bw asked (Hz)   -3 dB width (Hz)")
	for i, c := range r.pick {
		best, err := measure.BestFrequency(r.ir[i], r.rate, 0.5*r.cf[c], 1.5*r.cf[c], 0.5)
		if err != nil {
			log.Fatal(err)
		}
		fmt.Printf("%7d %9.1f %11.1f %15.1f %18.1f\n", c, r.cf[c], best, r.bw[c], width3dB(r.ir[i], r.rate, best))
	}
	if err := draw(r, outPath); err != nil {
		log.Fatal(err)
	}
}

// run filters duration seconds of noise (seed seed) and computes 100 ms
// impulse responses of five channels.
func run(duration float64, seed uint64) (*result, error) {
	noise, err := stim.Noise(duration, level, seed)
	if err != nil {
		return nil, err
	}
	cf, err := filterbank.ERBSpace(fLow, fHigh, channels)
	if err != nil {
		return nil, err
	}
	bw := make([]float64, len(cf))
	for i, f := range cf {
		bw[i] = bandwidth(f)
	}
	fb, err := filterbank.ApproximateGammatone(noise, cf, bw, order)
	if err != nil {
		return nil, err
	}
	out, err := stim.Output(fb)
	if err != nil {
		return nil, err
	}
	r := &result{cf: cf, bw: bw, rate: noise.SampleRate(), out: out, pick: []int{0, 12, 25, 37, 49}}
	pcf, pbw := figs.Pick(cf, r.pick), figs.Pick(bw, r.pick)
	r.ir, err = stim.ImpulseResponses(0.1, r.rate, func(src sound.Source) (sound.Source, error) {
		return filterbank.ApproximateGammatone(src, pcf, pbw, order)
	})
	return r, err
}

// width3dB returns the width, in Hz, of the band around best (Hz) where the
// impulse response h loses less than 3 dB relative to its gain at best,
// searched in 0.5 Hz steps.
func width3dB(h []float64, rate, best float64) float64 {
	g0 := measure.GainDB(h, rate, best)
	lo, hi := best, best
	for lo > 1 && measure.GainDB(h, rate, lo) > g0-3 {
		lo -= 0.5
	}
	for hi < rate/2 && measure.GainDB(h, rate, hi) > g0-3 {
		hi += 0.5
	}
	return hi - lo
}

func draw(r *result, path string) error {
	fig, err := plot.Cochleagram(r.out, r.cf, r.rate, &plot.Options{
		Title: "Approximate gammatone filterbank (Hohmann 2002, order 3): white noise", Width: 900, DPI: 100,
		ColorLabel: "Pa", FrequencyAxis: plot.ChannelRows, Height: 360,
	})
	if err != nil {
		return err
	}
	freqs := figs.Linspace(50, 2000, 400)
	var series []figs.Series
	for i, c := range r.pick {
		g := measure.GainCurve(r.ir[i], r.rate, freqs, -60)
		series = append(series, figs.Series{Label: fmt.Sprintf("cf %.0f Hz", r.cf[c]), X: freqs, Y: g, Color: figs.Ramp(i, len(r.pick))})
	}
	lp, err := figs.Line(figs.LineOptions{Title: "Frequency responses of five channels", XLabel: "Frequency (Hz)", YLabel: "Gain (dB)", LogX: true, YMin: -60, YMax: 5}, series...)
	if err != nil {
		return err
	}
	return figs.SaveBelow(path, fig.Image(), lp, 900, 340)
}
