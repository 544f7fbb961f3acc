// Command carfac_sai draws CARFAC v2 (Lyon 2011; the 2023 v2 update) on a
// 200 Hz harmonic complex (harmonics 1–20 in cosine phase, 60 dB SPL, the
// sound of the reference data set's SAI case): the neural activity pattern
// of its 71 channels at 22050 Hz, the stabilised auditory image (SAI) of
// the last 40 ms, and the SAI summed over channels, whose peaks sit at the
// 5 ms period of the fundamental and its multiple.
//
//	go run ./examples/carfac_sai [-o carfac_sai.png] [-f0 200]
package main

import (
	"flag"
	"fmt"
	"image"
	"log"
	"math"
	"slices"

	gplot "gonum.org/v1/plot"

	"github.com/gohears/hears/cochlea"
	"github.com/gohears/hears/examples/internal/figs"
	"github.com/gohears/hears/plot"
	"github.com/gohears/hears/sound"
)

const fs = 22050

func main() {
	out := flag.String("o", "carfac_sai.png", "PNG file to write")
	f0 := flag.Float64("f0", 200, "fundamental frequency of the harmonic complex (Hz)")
	flag.Parse()
	r, err := run(*f0)
	if err != nil {
		log.Fatal(err)
	}
	if err := draw(*out, r, *f0); err != nil {
		log.Fatal(err)
	}
}

// result is what the figure shows.
type result struct {
	nap     []float64 // frames × channels, apex first
	cf      []float64 // pole frequencies (Hz), increasing
	frame   []float64 // last SAI frame: channels × lags
	params  cochlea.SAIParams
	profile []float64 // the frame summed over channels, per lag
}

// harmonicComplex is harmonics 1–20 of f0 in cosine phase at 60 dB SPL in
// CARFAC's units (rms 1 = 104 dB SPL), 3 × 40 ms.
func harmonicComplex(f0 float64, n int) []float64 {
	amp := math.Pow(10, (60.0-104)/20) / math.Sqrt(20.0/2)
	x := make([]float64, n)
	for k := range x {
		for h := 1; h <= 20; h++ {
			x[k] += amp * math.Cos(2*math.Pi*float64(h)*f0*float64(k)/fs)
		}
	}
	return x
}

// run computes the NAP and the SAI.
func run(f0 float64) (*result, error) {
	p := cochlea.DefaultSAIParams(71, fs)
	snd, err := sound.New(harmonicComplex(f0, 3*p.InputSegmentWidth), 1, fs)
	if err != nil {
		return nil, err
	}
	bank, cf, err := cochlea.CARFACCochleagram(snd)
	if err != nil {
		return nil, err
	}
	nap, err := sound.ReadAll(bank, 0)
	if err != nil {
		return nil, err
	}
	if err := bank.Reset(); err != nil {
		return nil, err
	}
	p.NumChannels = len(cf)
	r := &result{nap: nap.Data(), cf: cf, params: p}
	if err := cochlea.SAIFrames(bank, p, func(f []float64, _ int) error {
		r.frame = append(r.frame[:0], f...)
		return nil
	}); err != nil {
		return nil, err
	}
	if r.frame == nil {
		return nil, fmt.Errorf("no SAI frame")
	}
	r.profile = make([]float64, p.SAIWidth)
	for c := range p.NumChannels {
		for j := range p.SAIWidth {
			r.profile[j] += r.frame[c*p.SAIWidth+j]
		}
	}
	return r, nil
}

// lagTicks labels the SAI's x axis (drawn as time from 0) in ms of lag.
func lagTicks(zero, width int) gplot.ConstantTicks {
	var ts []gplot.Tick
	for ms := -10.0; ms <= 10; ms += 5 {
		j := float64(zero) + ms*1e-3*fs
		if j >= 0 && j < float64(width) {
			ts = append(ts, gplot.Tick{Value: j / fs, Label: fmt.Sprintf("%g", ms)})
		}
	}
	return ts
}

func draw(path string, r *result, f0 float64) error {
	nc, p := len(r.cf), r.params
	napFig, err := plot.Cochleagram(r.nap, r.cf, fs, &plot.Options{
		Title: fmt.Sprintf("CARFAC v2 NAP, %g Hz harmonic complex, 60 dB SPL", f0), Width: 900, Height: 600,
		ColorLabel: "NAP"})
	if err != nil {
		return err
	}
	// The SAI frame as lags × channels (frame-major), drawn like a
	// cochleagram with the lag axis relabelled.
	lags := make([]float64, p.SAIWidth*nc)
	for c := range nc {
		for j := range p.SAIWidth {
			lags[j*nc+c] = r.frame[c*p.SAIWidth+j]
		}
	}
	saiFig, err := plot.Cochleagram(lags, r.cf, fs, &plot.Options{Title: "SAI, last 40 ms (trigger at lag 0)",
		Width: 900, Height: 600, ColorLabel: "SAI"})
	if err != nil {
		return err
	}
	zero := p.SAIWidth - p.FutureLags - 1
	saiFig.Plot().X.Label.Text = "lag (ms)"
	saiFig.Plot().X.Tick.Marker = lagTicks(zero, p.SAIWidth)
	x := make([]float64, p.SAIWidth)
	for j := range x {
		x[j] = float64(j-zero) / fs * 1e3
	}
	period := 1e3 / f0
	top := slices.Max(r.profile)
	line, err := figs.Line(figs.LineOptions{Title: "SAI summed over channels", XLabel: "lag (ms)", YLabel: "sum"},
		figs.Series{Label: "SAI profile", X: x, Y: r.profile},
		figs.Series{Label: fmt.Sprintf("±1/F0 = ±%.1f ms", period), X: []float64{period, period}, Y: []float64{0, top}, Dash: true},
		figs.Series{X: []float64{-period, -period}, Y: []float64{0, top}, Dash: true, Color: figs.Palette(1)})
	if err != nil {
		return err
	}
	all, err := figs.Grid(3, []image.Image{napFig.Image(), saiFig.Image(), figs.Render(line, 900, 600)}...)
	if err != nil {
		return err
	}
	return figs.SavePNG(path, all)
}
