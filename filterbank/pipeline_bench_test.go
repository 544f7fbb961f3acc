package filterbank

import (
	"fmt"
	"testing"

	"github.com/gohears/hears/sound"
)

// BenchmarkCochleagramChain runs the cochleagram's chain — Gammatone, cf =
// ERBSpace(50 Hz, 8 kHz, 100), half-wave cube root, 10 Hz low-pass — over
// 10 s of 22.05 kHz noise read in blocks of sound.BlockFrames(100) = 1024
// frames, as three banks ("banks") and fused by Pipeline ("pipeline").
func BenchmarkCochleagramChain(b *testing.B) {
	const rate, nch = 22050.0, 100
	noise := whiteNoise(10*22050, rate)
	cf, err := ERBSpace(50, 8000, nch)
	if err != nil {
		b.Fatal(err)
	}
	build := func() (*Bank, error) { return cochleagramChain(noise, cf) }
	for _, fused := range []bool{false, true} {
		for _, w := range []int{1, 2} {
			name := "banks"
			if fused {
				name = "pipeline"
			}
			b.Run(fmt.Sprintf("%s/workers=%d", name, w), func(b *testing.B) {
				bank, err := build()
				if err != nil {
					b.Fatal(err)
				}
				if fused {
					bank = Pipeline(bank)
				}
				// Every bank of the chain gets w workers.
				for s := sound.Source(bank); ; {
					bk, ok := s.(*Bank)
					if !ok {
						break
					}
					bk.SetWorkers(w)
					s = bk.Sources()[0]
				}
				benchSource(b, bank, nch*noise.NumFrames(), func() error {
					return drain(bank, noise.NumFrames(), 0)
				})
			})
		}
	}
}
