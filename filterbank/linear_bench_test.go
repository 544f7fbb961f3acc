package filterbank

import (
	"errors"
	"fmt"
	"math"
	"math/rand/v2"
	"runtime"
	"testing"
	"time"

	"github.com/gohears/hears/internal/cputime"

	"github.com/gohears/hears/sound"
)

// noiseSource is an unbounded mono white-noise Source that generates each
// block on demand into a reused buffer, so reading it for any duration
// holds no more than one block.
type noiseSource struct {
	rate float64
	buf  []float64
}

func (n *noiseSource) NumChannels() int    { return 1 }
func (n *noiseSource) SampleRate() float64 { return n.rate }
func (n *noiseSource) NumFrames() int      { return sound.Unbounded }
func (n *noiseSource) Reset() error        { return nil }
func (n *noiseSource) Fetch(start, end int) ([]float64, error) {
	if err := sound.CheckSegment(start, end); err != nil {
		return nil, err
	}
	if cap(n.buf) < end-start {
		n.buf = make([]float64, end-start)
	}
	b := n.buf[:end-start]
	for i := range b {
		// splitmix64 of the frame index: the same frame always gets the
		// same sample, uniform in [-1, 1).
		z := uint64(start+i) + 0x9e3779b97f4a7c15
		z = (z ^ z>>30) * 0xbf58476d1ce4e5b9
		z = (z ^ z>>27) * 0x94d049bb133111eb
		z ^= z >> 31
		b[i] = float64(z>>11)/(1<<52) - 1
	}
	return b, nil
}

func whiteNoise(frames int, rate float64) *sound.Sound {
	r := rand.New(rand.NewPCG(42, 1))
	x := make([]float64, frames)
	for i := range x {
		x[i] = r.NormFloat64()
	}
	s, _ := sound.New(x, 1, rate)
	return s
}

var benchPaths = []struct {
	name  string
	level int
}{{"avx512", 2}, {"avx2", 1}, {"go", 0}}

// benchWithSIMD runs fn with the biquad path forced to level, or skips the
// benchmark when the CPU lacks that path.
func benchWithSIMD(b *testing.B, level int, name string, fn func()) {
	if !withSIMD(b, level, fn) {
		b.Skip("CPU lacks", name)
	}
}

// BenchmarkGammatone filters 1 s of 44.1 kHz white noise through
// Gammatone banks with cf = ERBSpace(20 Hz, 20 kHz, n), reading the output
// in blocks of sound.DefaultBlockFrames (the output is not kept).
func BenchmarkGammatone(b *testing.B) {
	const rate = 44100.0
	noise := whiteNoise(44100, rate)
	for _, nch := range []int{30, 300, 3000} {
		cf, err := ERBSpace(20, 20000, nch)
		if err != nil {
			b.Fatal(err)
		}
		for _, p := range benchPaths {
			for _, w := range []int{1, 2} {
				b.Run(fmt.Sprintf("ch=%d/%s/workers=%d", nch, p.name, w), func(b *testing.B) {
					benchWithSIMD(b, p.level, p.name, func() {
						benchGammatone(b, noise, cf, w, func(bank *Bank) error {
							return drain(bank, noise.NumFrames(), 0)
						})
					})
				})
			}
		}
	}
}

// BenchmarkGammatoneRMS3000 is the online RMS of a 3000-channel gammatone
// bank over 1 s of 44.1 kHz noise (brian2hears' process(sum_of_squares)),
// read in blocks of 1024 frames (sound.DefaultBlockFrames: a 24.6 MB block,
// which lives in main memory) and of 128 frames (3 MB, which stays in cache).
func BenchmarkGammatoneRMS3000(b *testing.B) {
	const rate = 44100.0
	noise := whiteNoise(44100, rate)
	cf, err := ERBSpace(20, 20000, 3000)
	if err != nil {
		b.Fatal(err)
	}
	for _, block := range []int{1024, 128} {
		for _, w := range []int{1, 2} {
			b.Run(fmt.Sprintf("block=%d/workers=%d", block, w), func(b *testing.B) {
				benchGammatone(b, noise, cf, w, func(bank *Bank) error {
					if rms := gammatoneRMS(b, bank, noise.NumFrames(), block); math.IsNaN(rms[0]) {
						return errors.New("NaN RMS")
					}
					return nil
				})
			})
		}
	}
}

// benchGammatone times run on a Gammatone bank over noise with w workers
// (see benchBank).
func benchGammatone(b *testing.B, noise *sound.Sound, cf []float64, w int, run func(*Bank) error) {
	bank, err := Gammatone(noise, cf)
	if err != nil {
		b.Fatal(err)
	}
	benchBank(b, bank, w, len(cf)*noise.NumFrames(), run)
}

// benchBank times run on bank with w workers (see benchSource).
func benchBank(b *testing.B, bank *Bank, w, perOp int, run func(*Bank) error) {
	bank.SetWorkers(w)
	benchSource(b, bank, perOp, func() error { return run(bank) })
}

// benchSource times run, resetting src before each run, and reports the
// figures for perOp channel-samples per run.
func benchSource(b *testing.B, src sound.Source, perOp int, run func() error) {
	b.ReportAllocs()
	cpu0 := processCPU()
	for b.Loop() {
		if err := src.Reset(); err != nil {
			b.Fatal(err)
		}
		if err := run(); err != nil {
			b.Fatal(err)
		}
	}
	reportChannelSamples(b, perOp)
	reportCPU(b, perOp, processCPU()-cpu0)
}

// drain reads frames frames of src in blocks of block frames (0:
// sound.DefaultBlockFrames) and discards them.
func drain(src sound.Source, frames, block int) error {
	return sound.Each(src, frames, block, func([]float64, int, int) error { return nil })
}

// reportChannelSamples reports wall time per channel-sample and throughput
// for perOp channel-samples per operation.
func reportChannelSamples(b *testing.B, perOp int) {
	ns := float64(b.Elapsed().Nanoseconds()) / float64(b.N)
	b.ReportMetric(ns/float64(perOp), "ns/ch-sample")
	b.ReportMetric(float64(perOp)/ns*1e3, "Mch-samples/s")
}

// reportCPU reports the CPU time (user+system, all threads) per
// channel-sample: on a shared, loaded machine it is the steadier figure, and
// on an idle one the wall time of a w-worker run approaches cpu/w.
func reportCPU(b *testing.B, perOp int, cpu time.Duration) {
	b.ReportMetric(float64(cpu.Nanoseconds())/float64(b.N)/float64(perOp), "cpu-ns/ch-sample")
}

// processCPU is the CPU time used by the process so far.
func processCPU() time.Duration {
	t, _ := cputime.Process()
	return t
}

// TestGammatoneRMSBoundedMemory checks that the online RMS of a
// 3000-channel bank allocates the same whatever the duration: the memory
// held is one block per node.
func TestGammatoneRMSBoundedMemory(t *testing.T) {
	if testing.Short() {
		t.Skip("long")
	}
	cf, err := ERBSpace(20, 20000, 3000)
	if err != nil {
		t.Fatal(err)
	}
	alloc := func(frames int) uint64 {
		bank, err := Gammatone(&noiseSource{rate: 44100}, cf)
		if err != nil {
			t.Fatal(err)
		}
		var m0, m1 runtime.MemStats
		runtime.GC()
		runtime.ReadMemStats(&m0)
		gammatoneRMS(t, bank, frames, 0)
		runtime.ReadMemStats(&m1)
		return m1.TotalAlloc - m0.TotalAlloc
	}
	short, long := alloc(4410), alloc(10*44100)
	t.Logf("allocated %d bytes for 0.1 s, %d bytes for 10 s", short, long)
	// The bank's output block is 1024 frames × 3000 channels × 8 bytes
	// ≈ 24.6 MB; anything growing with duration would be 100× larger here.
	if long > short+1<<20 {
		t.Errorf("allocation grows with duration: %d bytes for 0.1 s, %d for 10 s", short, long)
	}
}

// BenchmarkLinearKernel runs the gammatone LinearKernel alone (no Bank) on
// one 1024-frame block of mono noise, 304 channels: 2.5 MB of output that
// stays in cache, so it measures the arithmetic of each path.
func BenchmarkLinearKernel(b *testing.B) {
	const nch, frames = 304, 1024
	cf, err := ERBSpace(20, 20000, nch)
	if err != nil {
		b.Fatal(err)
	}
	gb, ga, err := GammatoneCoefficients(cf, 44100)
	if err != nil {
		b.Fatal(err)
	}
	x := whiteNoise(frames, 44100).Data()
	out := make([]float64, nch*frames)
	for _, p := range benchPaths {
		b.Run(p.name, func(b *testing.B) {
			benchWithSIMD(b, p.level, p.name, func() {
				k, err := NewLinearKernel(gb, ga)
				if err != nil {
					b.Fatal(err)
				}
				cpu0 := processCPU()
				for b.Loop() {
					if err := k.Process(out, [][]float64{x}, frames); err != nil {
						b.Fatal(err)
					}
				}
				reportChannelSamples(b, nch*frames)
				reportCPU(b, nch*frames, processCPU()-cpu0)
			})
		})
	}
}
