// Command cochleagram is the Brian Hears cochleagram example in Go (and the
// code shown in the README): a gammatone filterbank on the ERB scale,
// half-wave rectification with cube-root compression, and a 10 Hz low-pass
// filter, drawn as a picture.
//
//	go run ./examples/cochleagram [-o cochleagram.png] [input.wav]
//
// Without an input WAV it draws a synthetic vowel sequence (/a/, /i/, /u/):
// bright bands at each vowel's formants, above the harmonics of its 100 Hz
// pitch resolved in the low channels.
package main

import (
	"flag"
	"log"

	"github.com/gohears/hears/filterbank"
	"github.com/gohears/hears/plot"
	"github.com/gohears/hears/sound"
)

func main() {
	out := flag.String("o", "cochleagram.png", "picture to write (PNG, SVG or PDF)")
	flag.Parse()
	s, err := input(flag.Arg(0))
	if err != nil {
		log.Fatal(err)
	}
	if err := draw(s, *out); err != nil {
		log.Fatal(err)
	}
}

// draw writes the cochleagram of s to the picture file out.
func draw(s *sound.Sound, out string) error {
	data, cf, rate, err := cochleagram(s)
	if err != nil {
		return err
	}
	fig, err := plot.Cochleagram(data, cf, rate, &plot.Options{Title: "Cochleagram"})
	if err != nil {
		return err
	}
	return fig.Save(out)
}

// cochleagram returns the cochleagram of s (frames × 100 channels, at the
// rate of s, also returned in Hz) and the channels' centre frequencies
// (Hz).
func cochleagram(s *sound.Sound) (data, cf []float64, rate float64, err error) {
	cf, err = filterbank.ERBSpace(50, 8000, 100) // Hz, ERB-spaced
	if err != nil {
		return nil, nil, 0, err
	}
	gt, err := filterbank.Gammatone(s, cf) // Slaney's 4-biquad gammatone
	if err != nil {
		return nil, nil, 0, err
	}
	ihc, err := filterbank.HalfWaveCubeRoot(gt) // max(x,0)^(1/3)
	if err != nil {
		return nil, nil, 0, err
	}
	env, err := filterbank.LowPass(ihc, 10) // 10 Hz envelope
	if err != nil {
		return nil, nil, 0, err
	}
	res, err := sound.ReadAll(env, 0) // or sound.Each to stream in bounded memory
	if err != nil {
		return nil, nil, 0, err
	}
	return res.Data(), cf, res.SampleRate(), nil
}

// input loads the WAV file name, or when name is empty makes the vowels
// /a/, /i/, /u/ at 100 Hz pitch, 300 ms each.
func input(name string) (*sound.Sound, error) {
	if name != "" {
		return sound.LoadWAV(name)
	}
	var parts []*sound.Sound
	for _, v := range []string{"a", "i", "u"} {
		s, err := sound.Vowel(v, 100, 0.3)
		if err != nil {
			return nil, err
		}
		parts = append(parts, s)
	}
	return sound.Sequence(parts...)
}
