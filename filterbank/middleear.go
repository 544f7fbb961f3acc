package filterbank

import (
	"fmt"
	"math"
	"math/cmplx"

	"github.com/gohears/hears/filterbank/design"
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
	bd, ad, err := middleEarDigital(fs)
	if err != nil {
		return nil, nil, err
	}
	if err := checkLinearMemory("middle ear", len(gain), len(bd), 1); err != nil {
		return nil, nil, err
	}
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
// transfer function (b, a) with filterbank/design, in the steps brian2hears
// takes with scipy (zeros, poles and gain; normalisation by the analog
// response at 1 kHz; bilinear transform; direct form), but in zeros/poles
// form throughout, which agrees with scipy's polynomial route to rounding.
func middleEarDigital(fs float64) (b, a []float64, err error) {
	twoPi := complex(2*math.Pi, 0)
	analog := design.ZPK{
		Z: []complex128{-200, -200}, // rad/s: brian2hears does not scale the zeros by 2π
		P: []complex128{
			complex(-250, 400) * twoPi, complex(-250, -400) * twoPi,
			complex(-2000, 6000) * twoPi, complex(-2000, -6000) * twoPi,
		},
		K: 1.5e9,
	}
	analog.K /= cmplx.Abs(design.FreqsZPK(analog, []float64{1000 * 2 * math.Pi})[0])
	digital, err := design.Bilinear(analog, fs)
	if err != nil {
		return nil, nil, fmt.Errorf("filterbank: middle ear: %w", err)
	}
	b, a = digital.TF()
	return b, a, nil
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
		if err := validRate(src.SampleRate()); err != nil {
			return nil, err
		}
		bd, _, err := middleEarDigital(src.SampleRate())
		if err != nil {
			return nil, err
		}
		if err := checkLinearMemory("middle ear", n, len(bd), 1); err != nil {
			return nil, err
		}
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
