package anf

import (
	"math"
	"math/rand/v2"
	"sync"

	"gonum.org/v1/gonum/dsp/fourier"
)

// The fractional Gaussian noise of the Zilany et al. (2009) synapse: fGn
// with Hurst index 0.9 generated at 10 Hz (one sample per 0.1 s) by the
// circulant embedding of Davies & Harte (1987), interpolated to the
// power-law stage's 10 kHz and scaled by a standard deviation that depends
// on the spontaneous rate (3, 30 or 200 spikes/s for spont < 0.5, < 18 and
// above), as the authors' ffGn.m does. The noise is streamed: it is
// generated in independent chunks of zFGNChunk coarse samples (102.4 s),
// so correlations longer than a chunk are not kept.
const (
	zFGNHurst  = 0.9
	zFGNRatio  = 1000 // 10 kHz samples per coarse (10 Hz) sample
	zFGNChunk  = 1024 // coarse samples per circulant embedding
	zFGNHalf   = 10   // half-length of the interpolation filter, coarse samples
	zFGNKaiser = 5.0  // Kaiser window β of the interpolation filter
)

// zFGNSigma is the noise's standard deviation (spikes/s) for spont.
func zFGNSigma(spont float64) float64 {
	switch {
	case spont < 0.5:
		return 3
	case spont < 18:
		return 30
	}
	return 200
}

// zFGNTables holds what every generator shares: the square root of the
// circulant's eigenvalues and the interpolation filter by phase.
var zFGNTables = sync.OnceValues(func() ([]float64, [][]float64) {
	nfft := 2 * zFGNChunk
	c := make([]complex128, nfft)
	for i := range c {
		k := float64(i)
		if i > nfft/2 {
			k = float64(nfft - i)
		}
		h2 := 2 * zFGNHurst
		c[i] = complex(0.5*(math.Pow(k+1, h2)-2*math.Pow(k, h2)+math.Pow(math.Abs(k-1), h2)), 0)
	}
	ev := fourier.NewCmplxFFT(nfft).Coefficients(nil, c)
	mag := make([]float64, nfft)
	for i, v := range ev {
		// The eigenvalues of fGn's circulant embedding are non-negative
		// (Craigmile 2003); clamp rounding below zero.
		mag[i] = math.Sqrt(math.Max(real(v), 0))
	}
	// Kaiser-windowed sinc interpolation by zFGNRatio (the filter of
	// MATLAB's resample with its defaults n = 10, β = 5).
	i0 := func(x float64) float64 {
		s, t := 1.0, 1.0
		for k := 1; k < 50; k++ {
			t *= (x / 2 / float64(k)) * (x / 2 / float64(k))
			s += t
		}
		return s
	}
	taps := make([][]float64, zFGNRatio)
	for ph := range taps {
		taps[ph] = make([]float64, 2*zFGNHalf)
		for j := range taps[ph] {
			// Distance from the output to coarse sample floor + j − Half + 1.
			d := float64(ph)/zFGNRatio - float64(j-zFGNHalf+1)
			x := d / zFGNHalf
			if math.Abs(x) >= 1 {
				continue
			}
			s := 1.0
			if d != 0 {
				s = math.Sin(math.Pi*d) / (math.Pi * d)
			}
			taps[ph][j] = s * i0(zFGNKaiser*math.Sqrt(1-x*x)) / i0(zFGNKaiser)
		}
	}
	return mag, taps
})

// zilanyFGN streams one fibre's noise at 10 kHz.
type zilanyFGN struct {
	rng    *rand.Rand
	fft    *fourier.CmplxFFT
	buf    []complex128
	sigma  float64
	coarse []float64 // coarse samples not yet behind the filter
	first  int       // coarse index of coarse[0]
	j      int       // next 10 kHz index
}

// newZilanyFGN returns the noise generator of channel channel for seed
// seed and spontaneous rate spont (spikes/s): each call gives the next
// 10 kHz sample (spikes/s).
func newZilanyFGN(seed, channel uint64, spont float64) func() float64 {
	g := &zilanyFGN{rng: rand.New(rand.NewPCG(seed, channel^0x5a11a7)), sigma: zFGNSigma(spont),
		fft: fourier.NewCmplxFFT(2 * zFGNChunk), buf: make([]complex128, 2*zFGNChunk)}
	return g.next
}

// chunk appends zFGNChunk new coarse samples of unit-variance fGn.
func (g *zilanyFGN) chunk() {
	mag, _ := zFGNTables()
	for i := range g.buf {
		g.buf[i] = complex(mag[i]*g.rng.NormFloat64(), mag[i]*g.rng.NormFloat64())
	}
	y := g.fft.Sequence(g.buf, g.buf)
	scale := 1 / math.Sqrt(float64(len(y)))
	for i := range zFGNChunk {
		g.coarse = append(g.coarse, real(y[i])*scale)
	}
}

func (g *zilanyFGN) next() float64 {
	_, taps := zFGNTables()
	// Output j sits at coarse time zFGNHalf + j/zFGNRatio, so that the
	// filter has coarse samples on both sides from the start.
	base := g.j/zFGNRatio + 1 // first coarse sample the filter reads
	ph := g.j % zFGNRatio
	g.j++
	for base+2*zFGNHalf > g.first+len(g.coarse) {
		g.chunk()
	}
	if drop := base - g.first; drop > 4*zFGNChunk {
		g.coarse = append(g.coarse[:0], g.coarse[drop:]...)
		g.first += drop
	}
	s := 0.0
	c := g.coarse[base-g.first:]
	for k, w := range taps[ph] {
		s += w * c[k]
	}
	return s * g.sigma
}
