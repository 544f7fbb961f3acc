// Command cochlear_models is Brian Hears' cochlear_models.py example in Go:
// the same 50 ms of white noise at 50 dB SPL through DRNL (with the
// override lp_nl_cutoff_m = 1.1), DCGC (c1 = −2.96) and TanCarney, 50
// centre frequencies ERB-spaced from 100 Hz to 1 kHz, at 50 kHz, drawn side
// by side.
//
//	go run ./examples/cochlear_models [-o cochlear_models.png] [-all cochlear_models_all.png]
//
// As in the Brian Hears example, TanCarney reads the sound directly (no
// middle ear) and every model is built with its constructor defaults plus
// the overrides, given by their Brian Hears names.
//
// With -all it also draws every model of chain.CochlearModels (the models
// of hears cochleagram --model: gammatone, DRNL, DCGC, Tan–Carney, Zilany
// et al. 2014 and CARFAC v2) on the same vowel /a/ and the same 1 kHz tone
// at 45 dB SPL, one row per model: the two cochleagrams and each channel's
// mean response to both (compare.go).
package main

import (
	"flag"
	"fmt"
	"image"
	"log"

	"github.com/gohears/hears/cochlea"
	"github.com/gohears/hears/examples/internal/figs"
	"github.com/gohears/hears/examples/internal/stim"
	"github.com/gohears/hears/filterbank"
	"github.com/gohears/hears/plot"
	"github.com/gohears/hears/sound"
)

// model is one panel: a name and a constructor.
type model struct {
	name  string
	build func(src sound.Source, cf []float64) (sound.Source, error)
}

var models = []model{
	{"DRNL", func(src sound.Source, cf []float64) (sound.Source, error) {
		p := cochlea.DRNLHuman()
		if err := p.Set("lp_nl_cutoff_m", 1.1); err != nil {
			return nil, err
		}
		return cochlea.DRNL(src, cf, p)
	}},
	{"DCGC", func(src sound.Source, cf []float64) (sound.Source, error) {
		p := cochlea.DefaultDCGCParams()
		if err := p.Set("c1", -2.96); err != nil {
			return nil, err
		}
		return cochlea.DCGC(src, cf, 1, p)
	}},
	{"TanCarney", func(src sound.Source, cf []float64) (sound.Source, error) {
		return cochlea.TanCarney(src, cf, 1, cochlea.DefaultTanCarneyParams())
	}},
}

func main() {
	out := flag.String("o", "cochlear_models.png", "PNG file to write: Brian Hears' example (DRNL, DCGC, TanCarney on noise)")
	all := flag.String("all", "cochlear_models_all.png", "PNG file to write: every cochlear model on a vowel and a tone")
	flag.Parse()
	outs, cf, err := run()
	if err != nil {
		log.Fatal(err)
	}
	if err := drawPanels(*out, outs, cf); err != nil {
		log.Fatal(err)
	}
	rs, err := compareAll()
	if err != nil {
		log.Fatal(err)
	}
	if err := drawComparison(*all, rs); err != nil {
		log.Fatal(err)
	}
}

// run returns each model's output (frames × channels) and the centre
// frequencies (Hz).
func run() ([][]float64, []float64, error) {
	noise, err := sound.WhiteNoise(0.05, sound.WithRate(50000), sound.WithSeed(1))
	if err != nil {
		return nil, nil, err
	}
	if err := noise.SetLevel(50); err != nil {
		return nil, nil, err
	}
	cf, err := filterbank.ERBSpace(100, 1000, 50)
	if err != nil {
		return nil, nil, err
	}
	var outs [][]float64
	for _, m := range models {
		fb, err := m.build(noise, cf)
		if err != nil {
			return nil, nil, fmt.Errorf("%s: %w", m.name, err)
		}
		y, err := stim.Output(fb)
		if err != nil {
			return nil, nil, fmt.Errorf("%s: %w", m.name, err)
		}
		outs = append(outs, y)
	}
	return outs, cf, nil
}

// drawPanels draws one cochleagram per model and puts them side by side.
func drawPanels(path string, outs [][]float64, cf []float64) error {
	var imgs []image.Image
	for i, y := range outs {
		fig, err := plot.Cochleagram(y, cf, 50000, &plot.Options{Title: models[i].name,
			Width: 800, Height: 600, FrequencyAxis: plot.ChannelRows})
		if err != nil {
			return err
		}
		imgs = append(imgs, fig.Image())
	}
	all, err := figs.Grid(len(imgs), imgs...)
	if err != nil {
		return err
	}
	return figs.SavePNG(path, all)
}
