package filterbank

import (
	"fmt"
	"math"
	"math/rand/v2"
	"syscall"
	"testing"
	"time"

	"github.com/gohears/hears/sound"
)

// iirBenchNoise is frames of seeded white noise at rate Hz.
func iirBenchNoise(frames int, rate float64) *sound.Sound {
	r := rand.New(rand.NewPCG(42, 1))
	x := make([]float64, frames)
	for i := range x {
		x[i] = r.NormFloat64()
	}
	s, _ := sound.New(x, 1, rate)
	return s
}

// iirCPU is the CPU time (user + system) this process has used. On a
// shared, loaded machine it measures the work better than the wall clock.
func iirCPU() time.Duration {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return 0
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}

// iirReport adds the wall time per channel-sample, the throughput and the
// CPU time per channel-sample since cpu0.
func iirReport(b *testing.B, perOp int, cpu0 time.Duration) {
	ns := float64(b.Elapsed().Nanoseconds()) / float64(b.N)
	b.ReportMetric(ns/float64(perOp), "ns/ch-sample")
	b.ReportMetric(float64(perOp)/ns*1e3, "Mch-samples/s")
	b.ReportMetric(float64((iirCPU()-cpu0).Nanoseconds())/float64(b.N)/float64(perOp), "cpu-ns/ch-sample")
}

// benchIIRBank reads 1 s of 44.1 kHz noise through bank in blocks of
// sound.DefaultBlockFrames, with 1 and 2 workers.
func benchIIRBank(b *testing.B, build func(src sound.Source) (*Bank, error)) {
	noise := iirBenchNoise(44100, 44100)
	for _, w := range []int{1, 2} {
		b.Run(fmt.Sprintf("workers=%d", w), func(b *testing.B) {
			bank, err := build(noise)
			if err != nil {
				b.Fatal(err)
			}
			bank.SetWorkers(w)
			b.ReportAllocs()
			cpu0 := iirCPU()
			for b.Loop() {
				if err := bank.Reset(); err != nil {
					b.Fatal(err)
				}
				if err := sound.Each(bank, noise.NumFrames(), 0, func([]float64, int, int) error { return nil }); err != nil {
					b.Fatal(err)
				}
			}
			iirReport(b, bank.NumChannels()*noise.NumFrames(), cpu0)
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
			b.ReportAllocs()
			cpu0 := iirCPU()
			for b.Loop() {
				if err := tv.Reset(); err != nil {
					b.Fatal(err)
				}
				if err := sound.Each(tv, n, 0, func([]float64, int, int) error { return nil }); err != nil {
					b.Fatal(err)
				}
			}
			iirReport(b, n, cpu0)
		})
	}
}
