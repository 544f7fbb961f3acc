//go:build amd64 && !purego

package filterbank

import (
	"math/rand/v2"
	"testing"
)

// TestFIRAsmMatchesGo checks that the assembly FFT stages and spectral
// product give bit-identical results to the pure-Go loops.
func TestFIRAsmMatchesGo(t *testing.T) {
	if simdLevel < simdAVX2 {
		t.Skip("no AVX2")
	}
	rng := rand.New(rand.NewPCG(5, 6))
	for _, n := range []int{2, 4, 8, 16, 32, 1024, 2048} {
		p := newFFTPlan(n)
		re := make([]float64, n*fftLanes)
		im := make([]float64, n*fftLanes)
		for i := range re {
			re[i], im[i] = rng.NormFloat64(), rng.NormFloat64()
		}
		r2, i2 := append([]float64(nil), re...), append([]float64(nil), im...)
		xr, xi := make([]float64, n), make([]float64, n)
		for i := range xr {
			xr[i], xi[i] = rng.NormFloat64(), rng.NormFloat64()
		}
		run := func(re, im []float64) {
			p.forward(re, im)
			monoMul(re, im, xr, xi, append([]float64(nil), re...), append([]float64(nil), im...))
			p.inverse(re, im)
		}
		run(re, im)
		saved := simdLevel
		simdLevel = simdNone
		run(r2, i2)
		simdLevel = saved
		for i := range re {
			if re[i] != r2[i] || im[i] != i2[i] {
				t.Fatalf("n=%d element %d: asm %v%+vi, Go %v%+vi", n, i, re[i], im[i], r2[i], i2[i])
			}
		}
		const nc = 11
		o1, o2 := make([]float64, n*nc), make([]float64, n*nc)
		scatterFull(o1[2:], nc, re, im, n-1)
		simdLevel = simdNone
		scatterFull(o2[2:], nc, re, im, n-1)
		simdLevel = saved
		for i := range o1 {
			if o1[i] != o2[i] {
				t.Fatalf("n=%d scatter element %d: asm %v, Go %v", n, i, o1[i], o2[i])
			}
		}
		// the inverse of a product with the product formed in the first sweep
		gr, gi := append([]float64(nil), re...), append([]float64(nil), im...)
		p1r, p1i := make([]float64, n*fftLanes), make([]float64, n*fftLanes)
		p2r, p2i := make([]float64, n*fftLanes), make([]float64, n*fftLanes)
		p.inverseOfProduct(p1r, p1i, xr, xi, gr, gi)
		simdLevel = simdNone
		p.inverseOfProduct(p2r, p2i, xr, xi, gr, gi)
		simdLevel = saved
		for i := range p1r {
			if p1r[i] != p2r[i] || p1i[i] != p2i[i] {
				t.Fatalf("n=%d inverse of product element %d: asm %v%+vi, Go %v%+vi", n, i, p1r[i], p1i[i], p2r[i], p2i[i])
			}
		}
		// gather rows back, and the channel separation product
		g1r, g1i := make([]float64, n*fftLanes), make([]float64, n*fftLanes)
		g2r, g2i := make([]float64, n*fftLanes), make([]float64, n*fftLanes)
		gatherRows(g1r, g1i, o1[2:], nc, n-1)
		pq := make([][]float64, 4)
		for i := range pq {
			pq[i] = make([]float64, n*fftLanes)
			for j := range pq[i] {
				pq[i][j] = rng.NormFloat64()
			}
		}
		separate(g1r, g1i, pq[0], pq[1], pq[2], pq[3], p.pairs, p.mirror)
		simdLevel = simdNone
		gatherRows(g2r, g2i, o1[2:], nc, n-1)
		separate(g2r, g2i, pq[0], pq[1], pq[2], pq[3], p.pairs, p.mirror)
		simdLevel = saved
		for i := range g1r {
			if g1r[i] != g2r[i] || g1i[i] != g2i[i] {
				t.Fatalf("n=%d gather/separate element %d: asm %v%+vi, Go %v%+vi", n, i, g1r[i], g1i[i], g2r[i], g2i[i])
			}
		}
	}
}

// BenchmarkFIRPureGo runs the two bar workloads without assembly.
func BenchmarkFIRPureGo(b *testing.B) {
	saved := simdLevel
	simdLevel = simdNone
	defer func() { simdLevel = saved }()
	b.Run("100x512/in1/block8192", func(b *testing.B) { benchFIR(b, 100, 1, 512, 8192) })
	b.Run("HRTF374/block8192", func(b *testing.B) { benchFIR(b, 374, 1, 512, 8192) })
}
