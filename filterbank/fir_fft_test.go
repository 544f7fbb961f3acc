package filterbank

import (
	"math"
	"math/cmplx"
	"math/rand/v2"
	"testing"

	"github.com/mjibson/go-dsp/fft"
	"gonum.org/v1/gonum/dsp/fourier"
)

// TestFFTPlanMatchesDFT checks the lane-batched forward transform against a
// naive DFT and that inverse(forward(x)) = n*x, for every lane.
func TestFFTPlanMatchesDFT(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 2))
	for _, n := range []int{1, 2, 4, 8, 64, 256} {
		p := newFFTPlan(n)
		re := make([]float64, n*fftLanes)
		im := make([]float64, n*fftLanes)
		for i := range re {
			re[i], im[i] = rng.NormFloat64(), rng.NormFloat64()
		}
		r0, i0 := append([]float64(nil), re...), append([]float64(nil), im...)
		p.forward(re, im)
		for l := range fftLanes {
			for pos := range n {
				k := bitrev(pos, p.logn)
				var want complex128
				for j := range n {
					want += complex(r0[j*fftLanes+l], i0[j*fftLanes+l]) * cmplx.Exp(complex(0, -2*math.Pi*float64(j*k)/float64(n)))
				}
				got := complex(re[pos*fftLanes+l], im[pos*fftLanes+l])
				if cmplx.Abs(got-want) > 1e-9*float64(n) {
					t.Fatalf("n=%d lane %d bin %d: got %v want %v", n, l, k, got, want)
				}
			}
		}
		p.inverse(re, im)
		for i := range re {
			if math.Abs(re[i]/float64(n)-r0[i]) > 1e-12 || math.Abs(im[i]/float64(n)-i0[i]) > 1e-12 {
				t.Fatalf("n=%d: round trip element %d: %g%+gi, want %g%+gi", n, i, re[i]/float64(n), im[i]/float64(n), r0[i], i0[i])
			}
		}
	}
}

// BenchmarkFFTEngines compares, per pair of real channels transformed
// forward and back at n = 4096, mjibson/go-dsp's and gonum's FFTs with this
// engine (which does fftLanes complex sequences = 2*fftLanes real channels
// per call).
func BenchmarkFFTEngines(b *testing.B) {
	const n = 4096
	b.Run("godsp-2ch", func(b *testing.B) {
		x := make([]float64, n)
		b.ReportAllocs()
		for b.Loop() {
			for range 2 {
				fft.IFFT(fft.FFTReal(x))
			}
		}
	})
	b.Run("gonum-2ch", func(b *testing.B) {
		f := fourier.NewFFT(n)
		x := make([]float64, n)
		c := make([]complex128, n/2+1)
		for b.Loop() {
			for range 2 {
				f.Coefficients(c, x)
				f.Sequence(x, c)
			}
		}
	})
	b.Run("lanes-2ch", func(b *testing.B) {
		p := newFFTPlan(n)
		re := make([]float64, n*fftLanes)
		im := make([]float64, n*fftLanes)
		for b.Loop() {
			p.forward(re, im)
			p.inverse(re, im)
		}
		b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N)/fftLanes, "ns/2ch")
	})
}
