// Command dcgc is Brian Hears' dcgc.py example in Go: 50 ms of ramped
// white noise at 50 dB SPL through the dynamic compressive gammachirp
// filterbank (Irino & Patterson 2001, 2006) at 50 centre frequencies
// ERB-spaced from 100 Hz to 1 kHz, coefficients updated at every sample,
// drawn as a cochleagram.
//
//	go run ./examples/dcgc [-o dcgc.png] [-update 1]
//
// The Brian Hears example wires the passive gammachirp, the control path
// and the level-driven asymmetric compensation by hand; here they are
// cochlea.DCGC with its default parameters (those of the example).
package main

import (
	"flag"
	"log"

	"github.com/gohears/hears/cochlea"
	"github.com/gohears/hears/examples/internal/figs"
	"github.com/gohears/hears/examples/internal/stim"
	"github.com/gohears/hears/filterbank"
	"github.com/gohears/hears/plot"
	"github.com/gohears/hears/sound"
)

func main() {
	out := flag.String("o", "dcgc.png", "PNG file to write")
	update := flag.Int("update", 1, "coefficient update interval, samples")
	flag.Parse()
	y, cf, err := run(*update)
	if err != nil {
		log.Fatal(err)
	}
	fig, err := plot.Cochleagram(y, cf, 50000, &plot.Options{Title: "DCGC, white noise at 50 dB SPL",
		FrequencyAxis: plot.ChannelRows, ColorLabel: "signal path (Pa)"})
	if err != nil {
		log.Fatal(err)
	}
	if err := figs.SavePNG(*out, fig.Image()); err != nil {
		log.Fatal(err)
	}
}

// run returns the DCGC output (frames × 50 channels) and the centre
// frequencies (Hz).
func run(update int) ([]float64, []float64, error) {
	noise, err := stim.Noise(0.05, 50, 1, sound.WithRate(50000))
	if err != nil {
		return nil, nil, err
	}
	cf, err := filterbank.ERBSpace(100, 1000, 50)
	if err != nil {
		return nil, nil, err
	}
	fb, err := bank(noise, cf, update)
	if err != nil {
		return nil, nil, err
	}
	y, err := stim.Output(fb)
	if err != nil {
		return nil, nil, err
	}
	return y, cf, nil
}

// bank returns the example's DCGC filterbank (default parameters) on src at
// the centre frequencies cf (Hz), its coefficients updated every update
// samples.
func bank(src sound.Source, cf []float64, update int) (sound.Source, error) {
	return cochlea.DCGC(src, cf, update, cochlea.DefaultDCGCParams())
}
