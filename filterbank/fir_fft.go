package filterbank

import (
	"math"
	"math/bits"
)

// This file holds the FFT engine of the FIR bank.
//
// Why not a library: gonum's dsp/fourier (the faster of the two pinned FFT
// libraries, ~1.9x fewer instructions than mjibson/go-dsp and allocation
// free) measured 137 µs per 4096-point real transform on the 2-core AMD EPYC
// (0.9 GFLOP/s), which puts a 100-channel, 512-tap FIR bank at ~80 ms per
// second of sound, six times the 14 ms target (see docs/bench/fir.md). A
// convolution engine needs less than a general FFT: the spectrum is only
// multiplied point by point, so its order does not matter. This engine
// therefore
//   - runs decimation in frequency forward (natural order in, bit-reversed
//     out) and decimation in time backward (bit-reversed in, natural out), so
//     no bit-reversal permutation is ever done;
//   - transforms fftLanes complex sequences at once, interleaved sample by
//     sample, so each twiddle factor is loaded once for fftLanes independent
//     butterflies (instruction-level parallelism the compiler cannot find
//     in a one-sequence loop);
//   - packs two real channels into one complex sequence (channel a in the
//     real part, channel b in the imaginary part), so one complex transform
//     filters two channels.

// fftLanes is the number of complex sequences transformed together.
const fftLanes = 4

// fftPlan holds the twiddle factors of a power-of-two transform size.
type fftPlan struct {
	n, logn int
	// wr, wi: exp(-2πi j/(2h)) for j < h, the stage of half-span h stored at
	// offset h-1 (so all stages take n-1 entries).
	wr, wi []float64
	// mirror[p] is the bit-reversed position of frequency -k when p is the
	// bit-reversed position of frequency k.
	mirror []int32
	// pairs lists the positions p with p <= mirror[p].
	pairs []int32
}

func newFFTPlan(n int) *fftPlan {
	logn := bits.TrailingZeros(uint(n))
	p := &fftPlan{n: n, logn: logn, wr: make([]float64, max(n-1, 1)), wi: make([]float64, max(n-1, 1))}
	for h := 1; h < n; h *= 2 {
		for j := range h {
			// Angle from the full-size table index so every stage's
			// twiddles are correctly rounded, not accumulated.
			s, c := math.Sincos(-math.Pi * float64(j) / float64(h))
			p.wr[h-1+j], p.wi[h-1+j] = c, s
		}
	}
	p.mirror = make([]int32, n)
	for pos := range n {
		k := bitrev(pos, logn)
		p.mirror[pos] = int32(bitrev((n-k)%n, logn))
	}
	for pos := range n {
		if int32(pos) <= p.mirror[pos] {
			p.pairs = append(p.pairs, int32(pos))
		}
	}
	return p
}

func bitrev(x, logn int) int {
	if logn == 0 {
		return 0
	}
	return int(bits.Reverse(uint(x)) >> (bits.UintSize - logn))
}

// forward transforms fftLanes interleaved sequences in place (element i of
// lane l at i*fftLanes+l) from natural order to the bit-reversed order of
// their DFTs (exponent -2πi jk/n, unnormalised).
func (p *fftPlan) forward(re, im []float64) {
	n := p.n
	re, im = re[:n*fftLanes], im[:n*fftLanes]
	h := n / 2
	for ; h >= 2; h /= 4 { // stages h and h/2 in one sweep
		q := h / 2
		difPair(re, im, q, p.wr[h-1:2*h-1], p.wi[h-1:2*h-1], p.wr[q-1:2*q-1], p.wi[q-1:2*q-1])
	}
	if h == 1 {
		difStage(re, im, 1, p.wr[0:1], p.wi[0:1])
	}
}

// difStageGo is one decimation-in-frequency stage of half-span h over the
// whole interleaved array: x[j], x[j+h] = x[j]+x[j+h], (x[j]-x[j+h])·w_j.
func difStageGo(re, im []float64, h int, wr, wi []float64) {
	n := len(re) / fftLanes
	for b := 0; b < n; b += 2 * h {
		for j := range h {
			cr, ci := wr[j], wi[j]
			i0, i1 := (b+j)*fftLanes, (b+j+h)*fftLanes
			ar, ai := re[i0:i0+fftLanes:i0+fftLanes], im[i0:i0+fftLanes:i0+fftLanes]
			br, bi := re[i1:i1+fftLanes:i1+fftLanes], im[i1:i1+fftLanes:i1+fftLanes]
			for l := range fftLanes {
				xr, xi, yr, yi := ar[l], ai[l], br[l], bi[l]
				ar[l], ai[l] = xr+yr, xi+yi
				dr, di := xr-yr, xi-yi
				br[l], bi[l] = dr*cr-di*ci, dr*ci+di*cr
			}
		}
	}
}

// inverse takes fftLanes interleaved spectra in bit-reversed order back to
// natural-order sequences (exponent +2πi jk/n, unnormalised: the caller
// folds 1/n into the filter spectra).
func (p *fftPlan) inverse(re, im []float64) { p.inverseFrom(re, im, 1) }

// inverseFrom runs the inverse sweeps from half-span h0 (a power of 4) on.
func (p *fftPlan) inverseFrom(re, im []float64, h0 int) {
	n := p.n
	re, im = re[:n*fftLanes], im[:n*fftLanes]
	h := h0
	for ; 2*h < n; h *= 4 { // stages h and 2h in one sweep
		ditPair(re, im, h, p.wr[h-1:2*h-1], p.wi[h-1:2*h-1], p.wr[2*h-1:4*h-1], p.wi[2*h-1:4*h-1])
	}
	if h < n {
		ditStage(re, im, h, p.wr[h-1:2*h-1], p.wi[h-1:2*h-1])
	}
}

// inverseOfProduct sets re + i·im to the inverse transform of x·g (x one
// spectrum broadcast over the lanes, g lane spectra): monoMul then inverse,
// with the product formed inside the first sweep where assembly allows.
func (p *fftPlan) inverseOfProduct(re, im, xr, xi, gr, gi []float64) {
	n := p.n
	if n >= 4 && mulDitPair(re[:n*fftLanes], im[:n*fftLanes], xr[:n], xi[:n], gr[:n*fftLanes], gi[:n*fftLanes], p.wr[0:1], p.wi[0:1], p.wr[1:3], p.wi[1:3]) {
		p.inverseFrom(re, im, 4)
		return
	}
	monoMul(re, im, xr[:n], xi[:n], gr, gi)
	p.inverse(re, im)
}

// ditStageGo is one decimation-in-time stage of half-span h with conjugate
// twiddles: t = x[j+h]·conj(w_j); x[j], x[j+h] = x[j]+t, x[j]-t.
func ditStageGo(re, im []float64, h int, wr, wi []float64) {
	n := len(re) / fftLanes
	for b := 0; b < n; b += 2 * h {
		for j := range h {
			cr, ci := wr[j], -wi[j]
			i0, i1 := (b+j)*fftLanes, (b+j+h)*fftLanes
			ar, ai := re[i0:i0+fftLanes:i0+fftLanes], im[i0:i0+fftLanes:i0+fftLanes]
			br, bi := re[i1:i1+fftLanes:i1+fftLanes], im[i1:i1+fftLanes:i1+fftLanes]
			for l := range fftLanes {
				yr, yi := br[l], bi[l]
				tr, ti := yr*cr-yi*ci, yr*ci+yi*cr
				xr, xi := ar[l], ai[l]
				ar[l], ai[l] = xr+tr, xi+ti
				br[l], bi[l] = xr-tr, xi-ti
			}
		}
	}
}
