package filterbank

import (
	"fmt"
	"math"
	"math/cmplx"

	"github.com/gohears/hears/sound"
)

// MiddleEarCoefficients returns the coefficients, of shape
// [channel][tap][stage] (5 taps, 1 stage), of the middle-ear filter of
// Tan & Carney (2003) as brian2hears implements it: an analog filter with a
// double zero at −200 rad/s and pole pairs at 2π(−250 ± 400j) and
// 2π(−2000 ± 6000j) rad/s, normalised to unit gain at 1 kHz in the analog
// domain, then discretised with the bilinear transform at fs (Hz). Channel
// k is scaled by gain[k] (linear, one channel per gain value).
//
// Reference: Tan, Q. & Carney, L. H. (2003), "A phenomenological model for
// the responses of auditory-nerve fibers. II. Nonlinear tuning with a
// frequency glide", J. Acoust. Soc. Am. 114, 2007–2020. As brian2hears notes,
// the authors' C code normalises slightly differently (about 0.33 dB); a
// gain of 0.962512703689 reproduces it.
func MiddleEarCoefficients(fs float64, gain []float64) (b, a [][][]float64, err error) {
	if err := validRate(fs); err != nil {
		return nil, nil, err
	}
	if len(gain) == 0 {
		return nil, nil, fmt.Errorf("filterbank: middle ear needs at least one gain value (one per channel)")
	}
	if err := checkFinite("gain", gain); err != nil {
		return nil, nil, err
	}
	bd, ad := middleEarDigital(fs)
	b = newCoefficients(len(gain), len(bd), 1)
	a = newCoefficients(len(gain), len(ad), 1)
	for c, g := range gain {
		for t := range bd {
			b[c][t][0] = bd[t] * g
			a[c][t][0] = ad[t]
		}
	}
	return b, a, nil
}

// middleEarDigital computes the single-channel, unit-gain middle-ear
// transfer function (b, a), following scipy's zpk2tf, freqs and bilinear as
// brian2hears calls them. The polynomial (transfer-function) bilinear
// transform is written out here rather than taken from filterbank/design,
// which works in zeros/poles/sections: evaluating the same expression as
// scipy keeps the coefficients within rounding of the reference.
func middleEarDigital(fs float64) (b, a []float64) {
	const k = 1.5e9
	bs := polyFromRoots([]complex128{-200, -200})
	for i := range bs {
		bs[i] *= k
	}
	twoPi := complex(2*math.Pi, 0)
	as := polyFromRoots([]complex128{
		complex(-250, 400) * twoPi, complex(-250, -400) * twoPi,
		complex(-2000, 6000) * twoPi, complex(-2000, -6000) * twoPi,
	})
	s := complex(0, 1000*2*math.Pi)
	h := polyvalC(bs, s) / polyvalC(as, s)
	resp := cmplx.Abs(h)
	for i := range bs {
		bs[i] /= resp
	}
	return bilinearTF(bs, as, fs)
}

// polyFromRoots is numpy.poly for roots that come in conjugate pairs: the
// real coefficients, highest power first, of prod (s - r).
func polyFromRoots(roots []complex128) []float64 {
	p := []complex128{1}
	for _, r := range roots {
		q := make([]complex128, len(p)+1)
		for i, x := range p {
			q[i] += x
			q[i+1] += x * -r
		}
		p = q
	}
	out := make([]float64, len(p))
	for i, x := range p {
		out[i] = real(x)
	}
	return out
}

// polyvalC evaluates a real polynomial (highest power first) at complex x by
// Horner's rule, as numpy.polyval.
func polyvalC(p []float64, x complex128) complex128 {
	var y complex128
	for _, c := range p {
		y = y*x + complex(c, 0)
	}
	return y
}

// bilinearTF is scipy.signal.bilinear (scipy 1.10) for a real analog
// transfer function b(s)/a(s) (highest power first) at sample rate fs:
// s = 2 fs (z−1)/(z+1), result normalised so that a[0] = 1.
func bilinearTF(b, a []float64, fs float64) (bz, az []float64) {
	d := len(a) - 1
	n := len(b) - 1
	m := max(n, d)
	expand := func(p []float64, deg int) []float64 {
		out := make([]float64, m+1)
		for j := range m + 1 {
			val := 0.0
			for i := range deg + 1 {
				for k := range i + 1 {
					l := j - k
					if l < 0 || l > m-i {
						continue
					}
					sign := 1.0
					if k%2 == 1 {
						sign = -1
					}
					val += binom(i, k) * binom(m-i, l) * p[deg-i] * math.Pow(2*fs, float64(i)) * sign
				}
			}
			out[j] = val
		}
		return out
	}
	bz = expand(b, n)
	az = expand(a, d)
	a0 := az[0]
	for i := range bz {
		bz[i] /= a0
	}
	for i := range az {
		az[i] /= a0
	}
	return bz, az
}

// binom is the binomial coefficient as a float64 (scipy.special.comb).
func binom(n, k int) float64 {
	if k < 0 || k > n {
		return 0
	}
	r := 1.0
	for i := 1; i <= k; i++ {
		r = r * float64(n-k+i) / float64(i)
	}
	return r
}

// MiddleEar is Brian Hears' MiddleEar filterbank (Tan & Carney 2003, see
// MiddleEarCoefficients), with a linear gain per channel: gain has one value
// for all of src's channels, or one per channel, in which case a mono src is
// replicated to len(gain) channels.
func MiddleEar(src sound.Source, gain []float64) (*Bank, error) {
	if src == nil {
		return nil, fmt.Errorf("filterbank: middle ear has a nil source")
	}
	n := src.NumChannels()
	g := gain
	switch {
	case len(gain) == 1 && n > 1:
		var err error
		if g, err = expandChannels("gain", gain, n); err != nil {
			return nil, err
		}
	case len(gain) != n && n != 1:
		return nil, fmt.Errorf("filterbank: middle ear has %d gains for a source of %d channels; give 1, %d, or a mono source", len(gain), n, n)
	}
	b, a, err := MiddleEarCoefficients(src.SampleRate(), g)
	if err != nil {
		return nil, err
	}
	return Linear(src, b, a)
}
