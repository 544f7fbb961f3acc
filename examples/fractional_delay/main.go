// Command fractional_delay shows Brian Hears' FractionalDelay filterbank
// (the windowed-sinc FIR filters its sound localisation examples use for
// interaural time differences) and the fractional Sound.shifted: a short
// Gaussian pulse (σ = 0.1 ms) is delayed by 0, 25, 50, 75 and 100 µs, about
// 0, 1.1, 2.2, 3.3 and 4.4 samples at 44.1 kHz, in one five-channel bank.
// The bank adds a common delay (half the filter length) to every channel;
// the picture removes it and shows the pulses around their peaks, and,
// below, the gain and delay of the half-sample filter across frequency.
//
//	go run ./examples/fractional_delay [-o fractional_delay.png]
//
// What to look for: five identical pulses, evenly spaced by 25 µs, a little
// over one sample apart, each delayed by exactly what was asked although
// that falls between samples; the filter passes every frequency at unit
// gain with the same delay, up to close to the Nyquist frequency (where a
// finite windowed sinc must fail). The program prints the delay measured
// from each channel's phase at 2 kHz and the requested one, and checks
// that Sound.ShiftedFractional gives the same samples.
package main

import (
	"flag"
	"fmt"
	"log"
	"math"
	"math/cmplx"

	"github.com/gohears/hears/examples/internal/figs"
	"github.com/gohears/hears/examples/internal/measure"
	"github.com/gohears/hears/filterbank"
	"github.com/gohears/hears/sound"
)

const (
	sigma     = 1e-4   // s, Gaussian pulse width
	measure2k = 2000.0 // Hz, frequency at which delays are measured
)

var delays = []float64{0, 25e-6, 50e-6, 75e-6, 100e-6} // s

type result struct {
	rate     float64
	in       []float64   // the pulse
	out      [][]float64 // one delayed pulse per channel, common offset removed
	offset   float64     // the bank's common delay, s
	measured []float64   // delay of each channel from its phase at 2 kHz, s
	shifted  float64     // largest |bank - ShiftedFractional| over all channels
	taps     int
}

func main() {
	outPath := flag.String("o", "fractional_delay.png", "picture to write (PNG)")
	flag.Parse()
	r, err := run()
	if err != nil {
		log.Fatal(err)
	}
	fmt.Printf("filter: %d taps, common delay %.3f ms\n", r.taps, 1e3*r.offset)
	fmt.Println("requested (µs)   measured at 2 kHz (µs)   in samples")
	for c, d := range delays {
		fmt.Printf("%14.1f %24.4f %12.4f\n", 1e6*d, 1e6*r.measured[c], r.measured[c]*r.rate)
	}
	fmt.Printf("largest difference from Sound.ShiftedFractional: %.3g\n", r.shifted)
	if err := draw(r, *outPath); err != nil {
		log.Fatal(err)
	}
}

func run() (*result, error) {
	rate := sound.DefaultRate()
	centre := 0.01 // s: the pulse peaks 10 ms in
	pulse, err := sound.FromFunc(func(t float64) float64 {
		u := (t - centre) / sigma
		return math.Exp(-u * u / 2)
	}, 0.02)
	if err != nil {
		return nil, err
	}
	fd, err := filterbank.FractionalDelay(pulse, delays, 0)
	if err != nil {
		return nil, err
	}
	r := &result{rate: rate, in: pulse.ChannelData(0), offset: fd.DelayOffset(), taps: fd.FilterLength()}
	// Read until the delayed pulses are out: the offset plus the pulse.
	whole := sound.FramesOf(fd.DelayOffset(), rate)
	out, err := sound.ReadFrames(fd, whole+pulse.NumFrames(), 0)
	if err != nil {
		return nil, err
	}
	for c, d := range delays {
		y := out.ChannelData(c)[whole:] // remove the common delay (whole samples)
		r.out = append(r.out, y)
		// A pure delay d multiplies the spectrum by e^{-2πi f d}.
		ratio := measure.Response(y, rate, measure2k) / measure.Response(r.in, rate, measure2k)
		r.measured = append(r.measured, -cmplx.Phase(ratio)/(2*math.Pi*measure2k))
		// The same delay with Sound.ShiftedFractional and the same filter length.
		sh, err := pulse.ShiftedFractional(d, fd.FilterLength())
		if err != nil {
			return nil, err
		}
		s := sh.ChannelData(0)
		for k := range min(len(s), len(y)) {
			r.shifted = max(r.shifted, math.Abs(s[k]-y[k]))
		}
	}
	return r, nil
}

func draw(r *result, path string) error {
	// Pulses: ±0.4 ms around the input's peak, time in µs.
	peak := measure.ArgMax(r.in)
	half := int(4e-4 * r.rate)
	var series []figs.Series
	for c, y := range r.out {
		x := make([]float64, 0, 2*half+1)
		v := make([]float64, 0, 2*half+1)
		for k := peak - half; k <= peak+half; k++ {
			x = append(x, 1e6*float64(k-peak)/r.rate)
			v = append(v, y[k])
		}
		series = append(series, figs.Series{Label: fmt.Sprintf("%.0f µs", 1e6*delays[c]), X: x, Y: v, Color: figs.Ramp(c, len(r.out))})
	}
	pulses, err := figs.Line(figs.LineOptions{Title: "A Gaussian pulse delayed by fractions of a sample (22.7 µs)", XLabel: "Time re input peak (µs)", YLabel: "Amplitude"}, series...)
	if err != nil {
		return err
	}
	// Gain and delay of the half-sample filter across frequency.
	h := filterbank.FractionalDelayResponse(0.5/r.rate, r.rate, r.taps)
	freqs := figs.Linspace(100, r.rate/2-100, 300)
	gain := make([]float64, len(freqs))
	delay := make([]float64, len(freqs))
	centreTap := float64(r.taps / 2)
	for k, f := range freqs {
		z := measure.Response(h, r.rate, f)
		gain[k] = 20 * math.Log10(cmplx.Abs(z))
		// Phase delay in samples, less the centre tap, wrapped near 0.5.
		ph := -cmplx.Phase(z*cmplx.Exp(complex(0, 2*math.Pi*f/r.rate*centreTap))) / (2 * math.Pi * f / r.rate)
		delay[k] = ph
	}
	gp, err := figs.Line(figs.LineOptions{Title: "Half-sample filter: gain", XLabel: "Frequency (Hz)", YLabel: "Gain (dB)", YMin: -3, YMax: 1}, figs.Series{X: freqs, Y: gain})
	if err != nil {
		return err
	}
	dp, err := figs.Line(figs.LineOptions{Title: "Half-sample filter: delay", XLabel: "Frequency (Hz)", YLabel: "Delay (samples)", YMin: 0, YMax: 1}, figs.Series{X: freqs, Y: delay, Color: figs.Palette(1)})
	if err != nil {
		return err
	}
	bottom, err := figs.Grid(2, figs.Render(gp, 450, 300), figs.Render(dp, 450, 300))
	if err != nil {
		return err
	}
	img, err := figs.Grid(1, figs.Render(pulses, 900, 400), bottom)
	if err != nil {
		return err
	}
	return figs.SavePNG(path, img)
}
