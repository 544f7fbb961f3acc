// Command fir_filterbank shows Brian Hears' FIRFilterbank: it takes the
// impulse responses of 32 gammatone filters (ERB-spaced, 100 Hz to 8 kHz),
// truncated to 150 ms, and runs them as FIR filters on 0.5 s of white noise
// next to the gammatone (IIR) bank they came from. FIR filtering is how
// Brian Hears applies measured responses such as HRTFs; gohears convolves
// directly or by FFT (overlap-save), whichever its cost model finds cheaper
// for the response length and block size.
//
//	go run ./examples/fir_filterbank [-o fir_filterbank.png]
//
// What to look for: the two responses of each channel lie on top of each
// other (the picture shows the 1 kHz channel, FIR dashed over IIR, and
// their difference in µPa: rounding, 10⁻¹⁴ of the signal); the program
// prints the largest difference over all channels relative to the peak —
// a few 10⁻¹², from the truncated tail of the slowly decaying 100 Hz
// response — and the time each bank took.
package main

import (
	"fmt"
	"log"
	"math"
	"time"

	"github.com/gohears/hears/examples/internal/figs"
	"github.com/gohears/hears/examples/internal/measure"
	"github.com/gohears/hears/filterbank"
	"github.com/gohears/hears/sound"
)

const (
	channels = 32
	irLength = 0.15 // s
)

type result struct {
	cf       []float64
	rate     float64
	iir, fir *sound.Sound
	relDiff  float64 // largest |FIR − IIR| / largest |IIR|
	taps     int
	fftSize  int
	tIIR     time.Duration
	tFIR     time.Duration
}

func main() {
	outPath, duration := figs.Flags("fir_filterbank.png", 0.5, "the noise")
	r, err := run(duration, 1)
	if err != nil {
		log.Fatal(err)
	}
	fmt.Printf("%d channels, %d taps (FFT size %d; 0 means direct convolution)\n", channels, r.taps, r.fftSize)
	fmt.Printf("largest |FIR - IIR| / peak: %.3g\n", r.relDiff)
	fmt.Printf("time: IIR %v, FIR %v\n", r.tIIR.Round(time.Millisecond), r.tFIR.Round(time.Millisecond))
	if err := draw(r, outPath); err != nil {
		log.Fatal(err)
	}
}

func run(duration float64, seed uint64) (*result, error) {
	noise, err := sound.WhiteNoise(duration, sound.WithSeed(seed))
	if err != nil {
		return nil, err
	}
	rate := noise.SampleRate()
	cf, err := filterbank.ERBSpace(100, 8000, channels)
	if err != nil {
		return nil, err
	}
	// Impulse responses of the gammatone bank.
	imp := make([]float64, sound.FramesOf(irLength, rate))
	imp[0] = 1
	click, err := sound.New(imp, 1, rate)
	if err != nil {
		return nil, err
	}
	gtIR, err := filterbank.Gammatone(click, cf)
	if err != nil {
		return nil, err
	}
	irs, err := sound.ReadAll(gtIR, 0)
	if err != nil {
		return nil, err
	}
	var ir [][]float64
	for c := range cf {
		ir = append(ir, irs.ChannelData(c))
	}

	r := &result{cf: cf, rate: rate}
	t0 := time.Now()
	gt, err := filterbank.Gammatone(noise, cf)
	if err != nil {
		return nil, err
	}
	if r.iir, err = sound.ReadAll(gt, 0); err != nil {
		return nil, err
	}
	r.tIIR = time.Since(t0)
	t0 = time.Now()
	fir, err := filterbank.FIR(noise, ir)
	if err != nil {
		return nil, err
	}
	if r.fir, err = sound.ReadAll(fir, 0); err != nil {
		return nil, err
	}
	r.tFIR = time.Since(t0)
	r.taps, r.fftSize = fir.FIRKernel().Taps(), fir.FIRKernel().FFTSize()
	a, b := r.iir.Data(), r.fir.Data()
	diff := 0.0
	for k := range a {
		diff = max(diff, math.Abs(a[k]-b[k]))
	}
	r.relDiff = diff / r.iir.Peak()
	return r, nil
}

func draw(r *result, path string) error {
	c := 0
	for i, f := range r.cf {
		if math.Abs(f-1000) < math.Abs(r.cf[c]-1000) {
			c = i
		}
	}
	iir := measure.Column(r.iir.Data(), channels, c)
	fir := measure.Column(r.fir.Data(), channels, c)
	// 30 ms from 100 ms on (or the last 30 ms of a shorter sound).
	n := r.iir.NumFrames()
	hi := min(n, sound.FramesOf(0.13, r.rate))
	lo := max(0, hi-sound.FramesOf(0.03, r.rate))
	t := figs.Times(r.iir.NumFrames(), r.rate, 1000)[lo:hi]
	d := make([]float64, hi-lo)
	for k := range d {
		d[k] = 1e6 * (fir[lo+k] - iir[lo+k])
	}
	p, err := figs.Line(figs.LineOptions{Title: fmt.Sprintf("Channel at %.0f Hz: gammatone (IIR) and its 150 ms impulse response as FIR", r.cf[c]),
		XLabel: "Time (ms)", YLabel: "Response (Pa)"},
		figs.Series{Label: "IIR", X: t, Y: iir[lo:hi]},
		figs.Series{Label: "FIR", X: t, Y: fir[lo:hi], Dash: true, Color: figs.Palette(1)})
	if err != nil {
		return err
	}
	dp, err := figs.Line(figs.LineOptions{Title: "FIR − IIR: rounding errors", XLabel: "Time (ms)", YLabel: "Difference (µPa)"},
		figs.Series{X: t, Y: d, Color: figs.Palette(3)})
	if err != nil {
		return err
	}
	img, err := figs.Grid(1, figs.Render(p, 900, 360), figs.Render(dp, 900, 240))
	if err != nil {
		return err
	}
	return figs.SavePNG(path, img)
}
