package filterbank

import (
	"fmt"
	"math"
	"testing"

	"github.com/gohears/hears/sound"
)

// TestPipelineBitIdentical: a chain fused by Pipeline gives, bit for bit,
// the output of the same chain of banks, for any number of workers and any
// block size, on every SIMD path: the cochleagram's gammatone → half-wave
// cube root → low-pass on a mono input, and a multi-channel input through
// a first-order cascade and a Go function.
func TestPipelineBitIdentical(t *testing.T) {
	const rate, frames = 22050.0, 1500
	noise := whiteNoise(frames, rate)
	type build func(src sound.Source, nch int) (*Bank, error)
	cochleagram := func(src sound.Source, nch int) (*Bank, error) {
		cf, err := ERBSpace(50, 8000, nch)
		if err != nil {
			return nil, err
		}
		return cochleagramChain(src, cf)
	}
	multi := func(src sound.Source, nch int) (*Bank, error) {
		r, err := Restructure([]sound.Source{src}, 1, JoinSerial, nch, nil)
		if err != nil {
			return nil, err
		}
		fc := make([]float64, nch)
		for c := range fc {
			fc[c] = 30 + 7*float64(c)
		}
		lp, err := LowPass(r, fc...)
		if err != nil {
			return nil, err
		}
		sq, err := Map(lp, func(v float64) float64 { return v * math.Abs(v) })
		if err != nil {
			return nil, err
		}
		return LowPass(sq, 50)
	}
	for _, c := range []struct {
		name   string
		build  build
		stages int
	}{{"cochleagram", cochleagram, 3}, {"multi", multi, 3}} {
		for _, nch := range []int{2, 9, 100, 131} {
			for _, level := range []int{simdNone, simdAVX2, simdAVX512} {
				withSIMD(t, level, func() {
					ref, err := c.build(noise, nch)
					if err != nil {
						t.Fatal(err)
					}
					want, err := sound.ReadAll(ref, 0)
					if err != nil {
						t.Fatal(err)
					}
					for _, w := range []int{1, 2, 3} {
						for _, block := range []int{1, 7, 1000} {
							last, err := c.build(noise, nch)
							if err != nil {
								t.Fatal(err)
							}
							p := Pipeline(last)
							pk, ok := p.Kernel().(*pipelineKernel)
							if !ok || len(pk.stages) != c.stages {
								t.Fatalf("%s: Pipeline fused %T, want %d stages", c.name, p.Kernel(), c.stages)
							}
							p.SetWorkers(w)
							got, err := sound.ReadAll(p, block)
							if err != nil {
								t.Fatal(err)
							}
							bitsEqual(t, fmt.Sprintf("%s %d ch, level %d, %d workers, block %d", c.name, nch, level, w, block), got.Data(), want.Data())
						}
					}
				})
			}
		}
	}
}

// TestPipelineLeavesOthers: a bank with a kernel that is not channel-wise,
// or with nothing fusable before it, comes back unchanged.
func TestPipelineLeavesOthers(t *testing.T) {
	noise := whiteNoise(100, 1000)
	lp, err := LowPass(noise, 10)
	if err != nil {
		t.Fatal(err)
	}
	if Pipeline(lp) != lp {
		t.Error("a single bank over a sound was wrapped")
	}
	f, err := Function([]sound.Source{lp}, 1, func(out []float64, in [][]float64, frames int) error {
		copy(out, in[0])
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if Pipeline(f) != f {
		t.Error("a function bank was fused")
	}
	if Pipeline(nil) != nil {
		t.Error("Pipeline(nil) is not nil")
	}
}

// cochleagramChain is the cochleagram's chain as three banks: Gammatone at
// cf over src, half-wave cube root, 10 Hz low-pass.
func cochleagramChain(src sound.Source, cf []float64) (*Bank, error) {
	g, err := Gammatone(src, cf)
	if err != nil {
		return nil, err
	}
	c, err := HalfWaveCubeRoot(g)
	if err != nil {
		return nil, err
	}
	return LowPass(c, 10)
}
