package filterbank

import (
	"fmt"
	"math/rand/v2"
	"testing"

	"github.com/gohears/hears/sound"
)

// benchFIR runs 1 s of noise at 44.1 kHz through nc channels of taps-tap
// responses, fetched in blocks of block frames.
func benchFIR(b *testing.B, nc, inCh, taps, block int, opts ...FIROption) {
	benchFIRWorkers(b, 0, nc, inCh, taps, block, opts...)
}

// benchFIRWorkers is benchFIR with a worker count (0: the Bank's default).
func benchFIRWorkers(b *testing.B, workers, nc, inCh, taps, block int, opts ...FIROption) {
	const rate, frames = 44100, 44100
	rng := rand.New(rand.NewPCG(1, 1))
	irs := make([][]float64, nc)
	for c := range irs {
		irs[c] = make([]float64, taps)
		for j := range irs[c] {
			irs[c][j] = rng.NormFloat64()
		}
	}
	x := make([]float64, frames*inCh)
	for i := range x {
		x[i] = rng.NormFloat64()
	}
	in, _ := sound.New(x, inCh, rate)
	fb, err := FIR(in, irs, opts...)
	if err != nil {
		b.Fatal(err)
	}
	if workers > 0 {
		fb.SetWorkers(workers)
	}
	sink := 0.0
	run := func() {
		if err := fb.Reset(); err != nil {
			b.Fatal(err)
		}
		err := sound.Each(fb, frames, block, func(y []float64, _, _ int) error {
			sink += y[0]
			return nil
		})
		if err != nil {
			b.Fatal(err)
		}
	}
	run() // build spectra and buffers
	run() // the Bank's second output buffer
	b.ReportAllocs()
	b.ResetTimer()
	cpu0 := processCPU()
	for b.Loop() {
		run()
	}
	// The machine is shared: CPU time (all threads) per op is reported
	// beside wall time, as a load-independent figure.
	cpu := float64((processCPU() - cpu0).Nanoseconds())
	b.ReportMetric(cpu/float64(b.N), "cpu-ns/op")
	b.ReportMetric(cpu/float64(b.N)/float64(nc*frames), "cpu-ns/ch-sample")
	b.ReportMetric(float64(nc*frames)*float64(b.N)/b.Elapsed().Seconds(), "chsamples/s")
	_ = sink
}

// BenchmarkFIR100x512 is the brian2hears workload "FIRFilterbank 100
// channels × 512 taps, 1 s at 44.1 kHz" (brian2hears: 0.27-0.31 s).
func BenchmarkFIR100x512(b *testing.B) {
	for _, inCh := range []int{1, 100} {
		for _, block := range []int{1024, 8192, 44100} {
			b.Run(fmt.Sprintf("in%d/block%d", inCh, block), func(b *testing.B) { benchFIR(b, 100, inCh, 512, block) })
		}
	}
	b.Run("in1/block32", func(b *testing.B) { benchFIR(b, 100, 1, 512, 32) })
	b.Run("1worker/in1/block8192", func(b *testing.B) { benchFIRWorkers(b, 1, 100, 1, 512, 8192) })
	b.Run("direct/in1/block8192", func(b *testing.B) { benchFIR(b, 100, 1, 512, 8192, FIRUse(FIRDirect)) })
}

// BenchmarkFIRHRTF374 is an HRTF-set workload: 187 locations × 2 ears of
// 512 taps applied to one mono sound, 1 s at 44.1 kHz.
func BenchmarkFIRHRTF374(b *testing.B) {
	for _, block := range []int{1024, 8192, 44100} {
		b.Run(fmt.Sprintf("block%d", block), func(b *testing.B) { benchFIR(b, 374, 1, 512, block) })
	}
	b.Run("1worker/block8192", func(b *testing.B) { benchFIRWorkers(b, 1, 374, 1, 512, 8192) })
}
