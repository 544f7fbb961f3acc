package hrtf

import (
	"testing"

	"github.com/gohears/hears/sound"
)

// BenchmarkLocaliseLISTEN localises one 200 ms noise burst against the 187
// directions of LISTEN 1002 (the work of examples/sound_localisation's
// spiking model on one sound; see BENCHMARKS.md).
func BenchmarkLocaliseLISTEN(b *testing.B) {
	set := loadTestSet(b, listenPath)
	noise, _ := sound.WhiteNoise(0.2, sound.WithRate(set.SampleRate()), sound.WithSeed(1))
	h, _ := set.HRTF(60)
	ears, err := Render(h, noise.Data())
	if err != nil {
		b.Fatal(err)
	}
	for _, m := range Models {
		b.Run(string(m), func(b *testing.B) {
			l, err := NewLocaliser(set, LocaliserOptions{Model: m})
			if err != nil {
				b.Fatal(err)
			}
			for b.Loop() {
				if _, err := l.Localise(ears[0], ears[1]); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

// BenchmarkNewLocaliserLISTEN prepares a model over LISTEN 1002's 187
// directions (once per set).
func BenchmarkNewLocaliserLISTEN(b *testing.B) {
	set := loadTestSet(b, listenPath)
	for _, m := range Models {
		b.Run(string(m), func(b *testing.B) {
			for b.Loop() {
				if _, err := NewLocaliser(set, LocaliserOptions{Model: m}); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

// BenchmarkEvaluateKEMAR is `hears localise --evaluate` over all 710
// directions of MIT KEMAR (200 ms of noise each, GOMAXPROCS workers):
//
//	go test ./hrtf -run XX -bench EvaluateKEMAR -benchtime 1x
func BenchmarkEvaluateKEMAR(b *testing.B) {
	set := loadTestSet(b, kemarPath)
	for _, m := range Models {
		b.Run(string(m), func(b *testing.B) {
			l, err := NewLocaliser(set, LocaliserOptions{Model: m})
			if err != nil {
				b.Fatal(err)
			}
			for b.Loop() {
				if _, err := l.Evaluate(EvaluateOptions{Seed: 1}); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}
