// Command cochleagram is the Brian Hears cochleagram example in Go (and the
// code shown in the README): a gammatone filterbank on the ERB scale,
// half-wave rectification with cube-root compression, and a 10 Hz low-pass
// filter, drawn as a picture.
//
//	go run ./examples/cochleagram [input.wav] [out.png]
//
// Without arguments (or with an empty input name) it draws a synthetic
// vowel sequence.
package main

import (
	"log"
	"os"

	"github.com/gohears/hears/filterbank"
	"github.com/gohears/hears/plot"
	"github.com/gohears/hears/sound"
)

func main() {
	out := "cochleagram.png"
	if len(os.Args) > 2 {
		out = os.Args[2]
	}
	s, err := input()
	if err != nil {
		log.Fatal(err)
	}
	cf, err := filterbank.ERBSpace(50, 8000, 100) // Hz, ERB-spaced
	if err != nil {
		log.Fatal(err)
	}
	gt, err := filterbank.Gammatone(s, cf) // Slaney's 4-biquad gammatone
	if err != nil {
		log.Fatal(err)
	}
	ihc, err := filterbank.HalfWaveCubeRoot(gt) // max(x,0)^(1/3)
	if err != nil {
		log.Fatal(err)
	}
	env, err := filterbank.LowPass(ihc, 10) // 10 Hz envelope
	if err != nil {
		log.Fatal(err)
	}
	res, err := sound.ReadAll(env, 0) // or sound.Each to stream in bounded memory
	if err != nil {
		log.Fatal(err)
	}
	fig, err := plot.Cochleagram(res.Data(), cf, res.SampleRate(), &plot.Options{Title: "Cochleagram"})
	if err != nil {
		log.Fatal(err)
	}
	if err := fig.Save(out); err != nil {
		log.Fatal(err)
	}
}

// input loads the WAV named on the command line, or makes the vowels
// /a/, /i/, /u/ at 100 Hz pitch, 300 ms each.
func input() (*sound.Sound, error) {
	if len(os.Args) > 1 && os.Args[1] != "" {
		return sound.LoadWAV(os.Args[1])
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
