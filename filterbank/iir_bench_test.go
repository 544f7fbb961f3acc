package filterbank

import (
	"fmt"
	"math"
	"math/rand/v2"
	"testing"

	"github.com/gohears/hears/sound"
)

// benchIIRBank reads 1 s of 44.1 kHz noise through bank in blocks of
// sound.DefaultBlockFrames, with 1 and 2 workers.
func benchIIRBank(b *testing.B, build func(src sound.Source) (*Bank, error)) {
	noise := whiteNoise(44100, 44100)
	for _, w := range []int{1, 2} {
		b.Run(fmt.Sprintf("workers=%d", w), func(b *testing.B) {
			bank, err := build(noise)
			if err != nil {
				b.Fatal(err)
			}
			benchBank(b, bank, w, bank.NumChannels()*noise.NumFrames(), func(bank *Bank) error {
				return drain(bank, noise.NumFrames(), 0)
			})
		})
	}
}

// BenchmarkApproximateGammatone3000 is a 3000-channel order-4
// ApproximateGammatone (cf = ERBSpace(20 Hz, 20 kHz), bandwidth
// 10^(0.037+0.785 log10 cf) Hz) on 1 s of 44.1 kHz noise.
func BenchmarkApproximateGammatone3000(b *testing.B) {
	cf, err := ERBSpace(20, 20000, 3000)
	if err != nil {
		b.Fatal(err)
	}
	bw := make([]float64, len(cf))
	for i, f := range cf {
		bw[i] = math.Pow(10, 0.037+0.785*math.Log10(f))
	}
	benchIIRBank(b, func(src sound.Source) (*Bank, error) { return ApproximateGammatone(src, cf, bw, 4) })
}

// BenchmarkLogGammachirp3000 is a 3000-channel LogGammachirp (4 gammatone
// + 4 asymmetric compensation sections, b = 1.019, c = 1, f =
// ERBSpace(20 Hz, 20 kHz)) on 1 s of 44.1 kHz noise.
func BenchmarkLogGammachirp3000(b *testing.B) {
	f, err := ERBSpace(20, 20000, 3000)
	if err != nil {
		b.Fatal(err)
	}
	benchIIRBank(b, func(src sound.Source) (*Bank, error) {
		return LogGammachirp(src, f, []float64{DefaultGammatoneB}, []float64{1}, 4)
	})
}

// BenchmarkTimeVaryingBandpass is Brian Hears' time_varying_filter2
// example: 300 ms of 20 kHz noise through a Q = 5 band-pass whose centre
// frequency follows 4 kHz + 1.5 kHz·sin(2π·10 Hz·t), coefficients
// recomputed every interval frames; read in blocks of
// sound.DefaultBlockFrames.
func BenchmarkTimeVaryingBandpass(b *testing.B) {
	const fs = 20000.0
	n := sound.FramesOf(0.3, fs)
	r := rand.New(rand.NewPCG(5, 6))
	x, fc := make([]float64, n), make([]float64, n)
	for i := range x {
		x[i] = r.NormFloat64()
		fc[i] = 4000 + 1500*math.Sin(2*math.Pi*10*float64(i)/fs)
	}
	src, _ := sound.New(x, 1, fs)
	ctl, _ := sound.New(fc, 1, fs)
	for _, interval := range []int{1, 4} {
		b.Run(fmt.Sprintf("interval=%d", interval), func(b *testing.B) {
			tv, err := TimeVaryingBandpass(src, ctl, []float64{5000}, 5, interval)
			if err != nil {
				b.Fatal(err)
			}
			benchSource(b, tv, n, func() error { return drain(tv, n, 0) })
		})
	}
}
