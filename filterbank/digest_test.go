package filterbank

import (
	"fmt"
	"testing"

	"github.com/gohears/hears/internal/bitdigest"
)

// TestThroughputDigests pins the output of the throughput workloads to
// digests computed with the code before the faster kernels and Pipeline
// existed (commit e3bb3ec, pure-Go and AVX2 paths alike): a 3000-channel
// Gammatone bank over 0.1 s of 44.1 kHz noise, and the cochleagram chain
// (100-channel Gammatone, half-wave cube root, 10 Hz low-pass) over 1 s of
// 22.05 kHz noise, as banks and fused. Every SIMD path, 1 to 3 workers and
// several block sizes must give the same bits.
func TestThroughputDigests(t *testing.T) {
	if testing.Short() {
		t.Skip("long")
	}
	const (
		gammatoneDigest   = "06a06a1064774af1696a95561951cc52100d5b33d6084e1b9b1d593aedc54b02"
		cochleagramDigest = "536a58a61b509cd58518bcb5968919aebf751f9c79b1064088596d401f8d8faa"
	)
	cf3000, err := ERBSpace(20, 20000, 3000)
	if err != nil {
		t.Fatal(err)
	}
	cf100, err := ERBSpace(50, 8000, 100)
	if err != nil {
		t.Fatal(err)
	}
	chain := func(fused bool) (*Bank, error) {
		lp, err := cochleagramChain(&noiseSource{rate: 22050}, cf100)
		if err != nil || !fused {
			return lp, err
		}
		return Pipeline(lp), nil
	}
	for _, level := range []int{simdNone, simdAVX2, simdAVX512} {
		withSIMD(t, level, func() {
			workers, blocks := []int{1, 2, 3}, []int{128, 1000}
			if level == simdNone {
				workers, blocks = []int{2}, []int{1000} // the slow path: one run
			}
			for _, w := range workers {
				for _, block := range blocks {
					what := fmt.Sprintf("level %d, %d workers, block %d", level, w, block)
					g, err := Gammatone(&noiseSource{rate: 44100}, cf3000)
					if err != nil {
						t.Fatal(err)
					}
					g.SetWorkers(w)
					if d := bitdigest.Of(t, g, 4410, block); d != gammatoneDigest {
						t.Errorf("gammatone, %s: digest %s, want %s", what, d, gammatoneDigest)
					}
					for _, fused := range []bool{false, true} {
						c, err := chain(fused)
						if err != nil {
							t.Fatal(err)
						}
						c.SetWorkers(w)
						if d := bitdigest.Of(t, c, 22050, block); d != cochleagramDigest {
							t.Errorf("cochleagram chain (fused %v), %s: digest %s, want %s", fused, what, d, cochleagramDigest)
						}
					}
				}
			}
		})
	}
}
