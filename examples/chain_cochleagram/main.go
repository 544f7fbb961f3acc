// Command chain_cochleagram runs Brian Hears' cochleagram.py chain —
// gammatone filters ERB-spaced from 20 Hz to 20 kHz, half-wave
// rectification with cube-root compression, a 10 Hz low-pass — twice: once
// from a chain file (chain.json, Brian Hears' script as JSON, the format of
// `hears filter --chain`, built by package chain) and once written in Go
// with package filterbank, and checks that the two agree sample for sample
// while it streams both in bounded memory into the picture. The chain file
// uses 300 channels (Brian Hears' script, 3000; edit the file or pass
// -chain to change it). The input is a sequence made with package sound:
// a 500 Hz tone, a 200 Hz harmonic complex, a burst of white noise, the
// vowel /a/ at 120 Hz and a 40 Hz click train, 250 ms each at 60 dB SPL,
// separated by 100 ms of silence.
//
//	go run ./examples/chain_cochleagram [-o chain_cochleagram.png] [-chain chain.json]
//
// What to look for: the tone is one narrow band at 500 Hz; the harmonic
// complex lights its low harmonics as separate bands (200, 400, 600 Hz...)
// that merge higher up, above 2–3 kHz, where the filters grow wider than
// the 200 Hz spacing; white noise covers every channel, the high ones most
// (their bands are wider); the vowel shows its formants at 730 and 1090 Hz
// (2440 Hz more faintly) over its harmonics; the clicks excite every
// channel at once. Onsets are smeared over ~50 ms by the 10 Hz
// envelope filter. The program prints the largest difference between the
// two chains (zero, or a few units in the last place where Go's math.Cbrt
// and the expression's power differ).
package main

import (
	_ "embed"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"log"
	"math"
	"os"

	"github.com/gohears/hears/chain"
	"github.com/gohears/hears/examples/internal/figs"
	"github.com/gohears/hears/filterbank"
	"github.com/gohears/hears/plot"
	"github.com/gohears/hears/sound"
)

//go:embed chain.json
var defaultChain []byte

const (
	level = sound.DB(60) // dB SPL of each sound
	part  = 0.25         // s, each sound
	gap   = 0.1          // s, silence between sounds
	bins  = 900          // time bins of the picture
)

type result struct {
	cf      []float64  // Hz, from the chain file's Gammatone node
	grid    *plot.Grid // the chain's output reduced to the picture's width
	maxDiff float64    // largest |chain file - Go chain|
	peak    float64    // largest |output|
	input   *sound.Sound
}

func main() {
	outPath := flag.String("o", "chain_cochleagram.png", "picture to write (PNG)")
	chainPath := flag.String("chain", "", "chain file (default: the embedded chain.json)")
	flag.Parse()
	spec := defaultChain
	if *chainPath != "" {
		var err error
		if spec, err = os.ReadFile(*chainPath); err != nil {
			log.Fatal(err)
		}
	}
	in, err := input(1)
	if err != nil {
		log.Fatal(err)
	}
	r, err := run(spec, in)
	if err != nil {
		log.Fatal(err)
	}
	fmt.Printf("%d channels, %d frames; largest |chain file - Go| = %.3g (output peak %.3g)\n",
		len(r.cf), in.NumFrames(), r.maxDiff, r.peak)
	if err := draw(r, *outPath); err != nil {
		log.Fatal(err)
	}
}

// input builds the sequence of test sounds (seed seeds the noise).
func input(seed uint64) (*sound.Sound, error) {
	tone, err := sound.Tone(500, part)
	if err != nil {
		return nil, err
	}
	complexTone, err := sound.HarmonicComplex(200, part, nil, nil)
	if err != nil {
		return nil, err
	}
	noise, err := sound.WhiteNoise(part, sound.WithSeed(seed))
	if err != nil {
		return nil, err
	}
	vowel, err := sound.Vowel("a", 120, part)
	if err != nil {
		return nil, err
	}
	clicks, err := sound.Clicks(1/sound.DefaultRate(), 10, 0.025, 0) // one-sample clicks at 40 Hz
	if err != nil {
		return nil, err
	}
	silence, err := sound.Silence(gap)
	if err != nil {
		return nil, err
	}
	parts := []*sound.Sound{silence}
	for _, s := range []*sound.Sound{tone, complexTone, noise, vowel, clicks} {
		if s != clicks { // a ramp would only scale the first and last click
			if err := s.Ramp(sound.Both, 0.005, nil); err != nil {
				return nil, err
			}
		}
		if err := s.SetLevel(level); err != nil {
			return nil, err
		}
		parts = append(parts, s, silence)
	}
	return sound.Sequence(parts...)
}

// goChain is the chain of chain.json written in Go.
func goChain(in sound.Source, cf []float64) (sound.Source, error) {
	cochlea, err := filterbank.Gammatone(in, cf)
	if err != nil {
		return nil, err
	}
	ihc, err := filterbank.Map(cochlea, filterbank.RectifyCubeRoot)
	if err != nil {
		return nil, err
	}
	return filterbank.LowPass(ihc, 10)
}

// run builds the chain file and its Go twin on in and streams both, block
// by block, into a picture grid and a running comparison.
func run(spec []byte, in *sound.Sound) (*result, error) {
	s, err := chain.ParseBytes(spec)
	if err != nil {
		return nil, err
	}
	g, err := s.Build(in)
	if err != nil {
		return nil, err
	}
	// The centre frequencies label the picture and build the Go twin.
	// Package chain does not expose a node's keyword values, so they are
	// read from the JSON here.
	cf, err := chainCF(spec)
	if err != nil {
		return nil, err
	}
	if g.Output.NumChannels() != len(cf) {
		return nil, fmt.Errorf("chain output has %d channels, its Gammatone %d", g.Output.NumChannels(), len(cf))
	}
	twin, err := goChain(in, cf)
	if err != nil {
		return nil, err
	}
	n := in.NumFrames()
	d, err := plot.NewDecimator(len(cf), n, bins, in.SampleRate())
	if err != nil {
		return nil, err
	}
	r := &result{cf: cf, input: in}
	err = sound.Each(g.Output, n, 0, func(block []float64, start, frames int) error {
		other, err := twin.Fetch(start, start+frames)
		if err != nil {
			return err
		}
		for k, v := range block[:frames*len(cf)] {
			r.maxDiff = max(r.maxDiff, math.Abs(v-other[k]))
			r.peak = max(r.peak, math.Abs(v))
		}
		return d.Add(block, frames)
	})
	if err != nil {
		return nil, err
	}
	r.grid, err = d.Grid()
	return r, err
}

// chainCF returns the centre frequencies (Hz) of the chain file's
// Gammatone node: its "cf" as a list or as {"erbspace": [low, high, n]}.
func chainCF(spec []byte) ([]float64, error) {
	var file struct {
		Nodes []struct {
			Class string          `json:"class"`
			CF    json.RawMessage `json:"cf"`
		} `json:"nodes"`
	}
	if err := json.Unmarshal(spec, &file); err != nil {
		return nil, err
	}
	for _, node := range file.Nodes {
		if node.Class != "Gammatone" {
			continue
		}
		var list []float64
		if err := json.Unmarshal(node.CF, &list); err == nil {
			return list, nil
		}
		var gen struct {
			ERBSpace []float64 `json:"erbspace"`
		}
		if err := json.Unmarshal(node.CF, &gen); err != nil || len(gen.ERBSpace) != 3 {
			return nil, fmt.Errorf("Gammatone cf %s: want a list or {\"erbspace\": [low, high, n]}", node.CF)
		}
		return filterbank.ERBSpace(gen.ERBSpace[0], gen.ERBSpace[1], int(gen.ERBSpace[2]))
	}
	return nil, errors.New("the chain has no Gammatone node")
}

func draw(r *result, path string) error {
	fig, err := plot.CochleagramGrid(r.grid, r.cf, &plot.Options{
		Title: "Cochleagram from a chain file: tone, harmonic complex, white noise, vowel /a/, clicks", Width: 900, Height: 450, DPI: 100,
	})
	if err != nil {
		return err
	}
	return figs.SavePNG(path, fig.Image())
}
