// Command drnl is Brian Hears' drnl.py example in Go: 50 ms of ramped
// white noise at 50 dB SPL through the dual-resonance nonlinear filterbank
// (Lopez-Poveda & Meddis 2001) at 50 centre frequencies ERB-spaced from 100
// Hz to 1 kHz, drawn as a cochleagram.
//
//	go run ./examples/drnl [-o drnl.png]
//
// The Brian Hears example builds the filterbank by hand with the paper's
// linear gain (g = 10^(4.2 − 0.48·log10 cf)), compression exponent 0.2 and
// the nonlinear path's centre frequency and low-pass cutoff at cf; here the
// same model is cochlea.DRNL with those parameters overridden by name
// (the names of Brian Hears' param dictionary).
package main

import (
	"flag"
	"log"
	"math"

	"github.com/gohears/hears/cochlea"
	"github.com/gohears/hears/examples/internal/figs"
	"github.com/gohears/hears/examples/internal/stim"
	"github.com/gohears/hears/filterbank"
	"github.com/gohears/hears/plot"
	"github.com/gohears/hears/sound"
)

func main() {
	out := flag.String("o", "drnl.png", "PNG file to write")
	flag.Parse()
	y, cf, err := run()
	if err != nil {
		log.Fatal(err)
	}
	fig, err := plot.Cochleagram(y, cf, 50000, &plot.Options{Title: "DRNL, white noise at 50 dB SPL",
		FrequencyAxis: plot.ChannelRows, ColorLabel: "stapes velocity (model units)"})
	if err != nil {
		log.Fatal(err)
	}
	if err := figs.SavePNG(*out, fig.Image()); err != nil {
		log.Fatal(err)
	}
}

// params are the example's parameters: the human set with the overrides of
// Brian Hears' drnl.py.
func params() (cochlea.DRNLParams, error) {
	p := cochlea.DRNLHuman()
	for _, kv := range []struct {
		name string
		v    float64
	}{{"g_m", -0.48}, {"cf_nl_p0", 0}, {"cf_nl_m", 1}, {"c_p0", math.Log10(0.2)}, {"c_m", 0},
		{"lp_nl_cutoff_p0", 0}, {"lp_nl_cutoff_m", 1}} {
		if err := p.Set(kv.name, kv.v); err != nil {
			return p, err
		}
	}
	return p, nil
}

// run returns the DRNL output (frames × 50 channels) and the centre
// frequencies (Hz).
func run() ([]float64, []float64, error) {
	noise, err := stim.Noise(0.05, 50, 1, sound.WithRate(50000))
	if err != nil {
		return nil, nil, err
	}
	cf, err := filterbank.ERBSpace(100, 1000, 50)
	if err != nil {
		return nil, nil, err
	}
	fb, err := bank(noise, cf)
	if err != nil {
		return nil, nil, err
	}
	y, err := stim.Output(fb)
	if err != nil {
		return nil, nil, err
	}
	return y, cf, nil
}

// bank returns the example's DRNL filterbank (params) on src at the centre
// frequencies cf (Hz).
func bank(src sound.Source, cf []float64) (sound.Source, error) {
	p, err := params()
	if err != nil {
		return nil, err
	}
	return cochlea.DRNL(src, cf, p)
}
