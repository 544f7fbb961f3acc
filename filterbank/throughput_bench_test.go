package filterbank

import (
	"errors"
	"fmt"
	"runtime"
	"sync"
	"sync/atomic"
	"testing"
)

// The benchmarks of docs/bench/throughput.md: where the time of a gammatone
// bank and of the cochleagram chain goes, and how close it is to what the
// CPU's multipliers allow.

// mulChain runs 8n dependent float64 multiplies.
//
//go:noinline
func mulChain(x, c float64, n int) float64 {
	for range n {
		x *= c
		x *= c
		x *= c
		x *= c
		x *= c
		x *= c
		x *= c
		x *= c
	}
	return x
}

var mulSink float64

// BenchmarkClock estimates the core clock from a chain of dependent
// multiplies, whose latency is 3 cycles on AMD Zen 2–4 and Intel since
// Skylake (Agner Fog's instruction tables): GHz = 3 / ns per multiply, from
// the CPU time (on a shared machine the wall time includes other
// processes' turns).
func BenchmarkClock(b *testing.B) {
	const n = 100000
	cpu0 := processCPU()
	for b.Loop() {
		mulSink = mulChain(1, 1.0000000001, n)
	}
	ns := float64((processCPU() - cpu0).Nanoseconds()) / float64(b.N) / (8 * n)
	b.ReportMetric(3/ns, "GHz")
}

// BenchmarkKernelsInCache runs each kernel of the cochleagram chain alone
// on a block that stays in L1/L2 (64 channels × 512 frames, 256 KiB of
// output), so that it measures arithmetic, not memory: the 4-biquad
// gammatone (software-pipelined AVX2 with b2*x skipped, the same
// multiplying by b2 = 0, and the plain loop), the first-order
// low-pass (two halves interleaved and plain), the half-wave cube root
// (vector and Go), in CPU-ns per channel-sample.
func BenchmarkKernelsInCache(b *testing.B) {
	const nch, frames, rate = 64, 512, 22050.0
	cf, err := ERBSpace(50, 8000, nch)
	if err != nil {
		b.Fatal(err)
	}
	gb, ga, err := GammatoneCoefficients(cf, rate)
	if err != nil {
		b.Fatal(err)
	}
	fc := make([]float64, nch)
	for i := range fc {
		fc[i] = 10
	}
	lb, la, err := LowPassCoefficients(fc, rate)
	if err != nil {
		b.Fatal(err)
	}
	mono := whiteNoise(frames, rate).Data()
	x := whiteNoise(frames*nch, rate).Data()
	out := make([]float64, nch*frames)
	linear := func(b *testing.B, cb, ca [][][]float64, in []float64, plain bool) {
		plainAVX2 = plain
		defer func() { plainAVX2 = false }()
		k, err := NewLinearKernel(cb, ca)
		if err != nil {
			b.Fatal(err)
		}
		cpu0 := processCPU()
		for b.Loop() {
			if err := k.Process(out, [][]float64{in}, frames); err != nil {
				b.Fatal(err)
			}
		}
		reportCPU(b, nch*frames, processCPU()-cpu0)
	}
	for _, plain := range []bool{false, true} {
		name := map[bool]string{false: "", true: "/plain"}[plain]
		b.Run("gammatone"+name, func(b *testing.B) { linear(b, gb, ga, mono, plain) })
		b.Run("lowpass"+name, func(b *testing.B) { linear(b, lb, la, x, plain) })
	}
	b.Run("gammatone/b2mul", func(b *testing.B) {
		exactB2 = true
		defer func() { exactB2 = false }()
		linear(b, gb, ga, mono, false)
	})
	for _, level := range []int{simdLevel, simdNone} {
		b.Run(fmt.Sprintf("cuberoot/simd=%d", level), func(b *testing.B) {
			withSIMD(b, level, func() {
				cpu0 := processCPU()
				for b.Loop() {
					rectifyCubeRootBlock(out, x)
				}
				reportCPU(b, nch*frames, processCPU()-cpu0)
			})
		})
	}
}

// BenchmarkGammatoneBlocks is BenchmarkGammatone at 3000 channels with the
// block size swept: a block of B frames is B × 24 KB of output, which
// fits the two cores' L2 (512 KiB each) only for B ≤ 32.
func BenchmarkGammatoneBlocks(b *testing.B) {
	const rate = 44100.0
	noise := whiteNoise(44100, rate)
	cf, err := ERBSpace(20, 20000, 3000)
	if err != nil {
		b.Fatal(err)
	}
	for _, block := range []int{16, 32, 64, 128, 256, 1024} {
		for _, w := range []int{1, 2} {
			b.Run(fmt.Sprintf("block=%d/workers=%d", block, w), func(b *testing.B) {
				benchGammatone(b, noise, cf, w, func(bank *Bank) error {
					return drain(bank, noise.NumFrames(), block)
				})
			})
		}
	}
}

// BenchmarkBankHandoff is the cost of one block's hand-off between the
// workers of a bank, alone: a kernel that does nothing on 64 channels ×
// 512 frames (the smallest block a bank splits), 1 and 2 workers, in
// wall ns per block. On an idle virtual machine a hand-off that parks and
// wakes goroutines costs tens of microseconds; spinning, about one.
func BenchmarkBankHandoff(b *testing.B) {
	const nch, frames = 64, parallelThreshold / 64
	for _, w := range []int{1, 2} {
		b.Run(fmt.Sprintf("workers=%d", w), func(b *testing.B) {
			k := monoNop{&countParallel{nch: nch, hits: make([]int, nch)}}
			bank, err := NewBank1(k, &noiseSource{rate: 44100}, nch)
			if err != nil {
				b.Fatal(err)
			}
			bank.SetWorkers(w)
			f := 0
			for b.Loop() {
				if _, err := bank.Fetch(f, f+frames); err != nil {
					b.Fatal(err)
				}
				f += frames
			}
		})
	}
}

// monoNop is countParallel reading its input mono (no replication).
type monoNop struct{ *countParallel }

func (monoNop) TakesMono(int) bool { return true }

// BenchmarkGammatoneFree is BenchmarkGammatoneBlocks' 3000-channel bank
// without the Bank: w goroutines each compute their own range of channels,
// block after block into a buffer of two blocks (as the bank's cache
// alternates), joined in one of three ways: join=none, they meet only at
// the end of the second (what the kernel and the memory allow); join=park,
// a goroutine per block and a WaitGroup, which park and wake through the
// scheduler at every block (as the bank did before it spun); join=spin,
// persistent goroutines that busy-wait on atomics for the next block and
// for the end of the block (never parking; yielding now and then, as the
// bank's hand-off does). The differences between them
// are the cost of the per-block join.
func BenchmarkGammatoneFree(b *testing.B) {
	const rate, nch = 44100.0, 3000
	noise := whiteNoise(44100, rate).Data()
	total := len(noise)
	cf, err := ERBSpace(20, 20000, nch)
	if err != nil {
		b.Fatal(err)
	}
	gb, ga, err := GammatoneCoefficients(cf, rate)
	if err != nil {
		b.Fatal(err)
	}
	for _, block := range []int{32, 128, 1024} {
		for _, w := range []int{1, 2} {
			for _, join := range []string{"none", "park", "spin"} {
				if w == 1 && join != "none" {
					continue
				}
				b.Run(fmt.Sprintf("block=%d/workers=%d/join=%s", block, w, join), func(b *testing.B) {
					k, err := NewLinearKernel(gb, ga)
					if err != nil {
						b.Fatal(err)
					}
					buf := make([]float64, 2*block*nch)
					per := (nch/ChannelAlign + w - 1) / w * ChannelAlign
					errs := make([]error, w)
					// run computes range i of the block starting at frame f0.
					run := func(i, f0 int) {
						lo, hi := i*per, min((i+1)*per, nch)
						n := min(block, total-f0)
						half := (f0 / block) % 2 * block * nch
						if err := k.ProcessChannels(buf[half:half+n*nch], [][]float64{noise[f0 : f0+n]}, n, lo, hi); err != nil {
							errs[i] = err
						}
					}
					cpu0 := processCPU()
					for b.Loop() {
						k.Reset()
						var wg sync.WaitGroup
						switch join {
						case "none":
							for i := range w {
								wg.Go(func() {
									for f0 := 0; f0 < total; f0 += block {
										run(i, f0)
									}
								})
							}
						case "park":
							for f0 := 0; f0 < total; f0 += block {
								for i := range w - 1 {
									wg.Go(func() { run(i, f0) })
								}
								run(w-1, f0)
								wg.Wait()
							}
						case "spin":
							var next, done atomic.Int64 // blocks published, blocks finished by the helpers
							nblocks := int64((total + block - 1) / block)
							for i := range w - 1 {
								wg.Go(func() {
									for blk := int64(0); blk < nblocks; blk++ {
										for spins := 1; next.Load() <= blk; spins++ {
											if spins%256 == 0 {
												runtime.Gosched()
											}
										}
										run(i, int(blk)*block)
										done.Add(1)
									}
								})
							}
							for blk := int64(0); blk < nblocks; blk++ {
								next.Add(1)
								run(w-1, int(blk)*block)
								for spins := 1; done.Load() < (blk+1)*int64(w-1); spins++ {
									if spins%256 == 0 {
										runtime.Gosched()
									}
								}
							}
						}
						wg.Wait()
						if err := errors.Join(errs...); err != nil {
							b.Fatal(err)
						}
					}
					reportChannelSamples(b, nch*total)
					reportCPU(b, nch*total, processCPU()-cpu0)
				})
			}
		}
	}
}
