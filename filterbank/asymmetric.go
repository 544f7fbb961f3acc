package filterbank

import (
	"fmt"
	"math"
	"math/cmplx"

	"github.com/gohears/hears/sound"
)

// AsymmetricCompensationCoefficients returns the coefficients, of shape
// [channel][tap][stage] (3 taps, ncascades stages), of Brian Hears'
// AsymmetricCompensation filters: the cascade of second-order sections that,
// after a gammatone, approximates a gammachirp (Unoki, Irino & Patterson
// 2001, "Improvement of an IIR asymmetric compensation gammachirp filter",
// Acoust. Sci. & Tech. 22, 426–430; code after the AIM-MAT toolbox).
//
// f are the filter frequencies in Hz (one per channel, in (0, fs/2)); fs the
// sample rate in Hz; b the bandwidth factor and c the glide slope, each one
// value for all channels or one per channel; ncascades the number of
// sections (Brian Hears' default is 4). Each section is normalised to unit
// gain at f.
//
// It is cheap enough to call at run time (DCGC recomputes it at every
// update); AsymmetricCompensationInto refills existing arrays without
// allocating.
func AsymmetricCompensationCoefficients(f []float64, fs float64, b, c []float64, ncascades int) (bc, ac [][][]float64, err error) {
	if ncascades < 1 {
		return nil, nil, fmt.Errorf("filterbank: asymmetric compensation needs at least 1 cascade, got %d", ncascades)
	}
	if err := validRate(fs); err != nil {
		return nil, nil, err
	}
	if err := validFrequencies("asymmetric compensation frequency", f, fs/2); err != nil {
		return nil, nil, err
	}
	if bc, ac, err = newCoefficientPair("asymmetric compensation", len(f), 3, ncascades); err != nil {
		return nil, nil, err
	}
	if err := AsymmetricCompensationInto(bc, ac, f, fs, b, c); err != nil {
		return nil, nil, err
	}
	return bc, ac, nil
}

// AsymmetricCompensationInto fills bc and ac (shape [len(f)][3][ncascades],
// as returned by AsymmetricCompensationCoefficients) with the asymmetric
// compensation coefficients for frequencies f (Hz), sample rate fs (Hz) and
// parameters b and c (one value, or one per channel). The number of
// sections is taken from the arrays. b must be positive; f may be any
// frequency from 0 Hz (a run-time control value above fs/2 is not refused,
// as in Brian Hears), while AsymmetricCompensationCoefficients requires f in
// (0, fs/2). It allocates nothing, so an updater
// may call it at every sample.
func AsymmetricCompensationInto(bc, ac [][][]float64, f []float64, fs float64, b, c []float64) error {
	if err := validRate(fs); err != nil {
		return err
	}
	if len(f) == 0 {
		return fmt.Errorf("filterbank: asymmetric compensation needs at least one frequency")
	}
	if len(bc) != len(f) || len(ac) != len(f) {
		return fmt.Errorf("filterbank: coefficient arrays have %d and %d channels, want %d (one per frequency)", len(bc), len(ac), len(f))
	}
	if len(b) != 1 && len(b) != len(f) {
		return fmt.Errorf("filterbank: b has %d values, want 1 or %d (one per channel)", len(b), len(f))
	}
	if len(c) != 1 && len(c) != len(f) {
		return fmt.Errorf("filterbank: c has %d values, want 1 or %d (one per channel)", len(c), len(f))
	}
	if err := checkFinite("f", f); err != nil {
		return err
	}
	if err := checkFinite("b", b); err != nil {
		return err
	}
	if err := checkFinite("c", c); err != nil {
		return err
	}
	for i, x := range f {
		if x < 0 {
			return fmt.Errorf("filterbank: f[%d] = %g Hz is negative", i, x)
		}
	}
	for i, x := range b {
		if x <= 0 {
			// r = exp(-... b ...) would put the poles on or outside the unit circle.
			return fmt.Errorf("filterbank: b[%d] = %g must be positive (the sections are unstable otherwise)", i, x)
		}
	}
	n := -1
	for ch := range f {
		if len(bc[ch]) != 3 || len(ac[ch]) != 3 {
			return fmt.Errorf("filterbank: channel %d has %d and %d taps, want 3", ch, len(bc[ch]), len(ac[ch]))
		}
		for t := range 3 {
			if n < 0 {
				n = len(bc[ch][t])
			}
			if len(bc[ch][t]) != n || len(ac[ch][t]) != n || n < 1 {
				return fmt.Errorf("filterbank: channel %d tap %d has %d and %d stages, want %d ≥ 1", ch, t, len(bc[ch][t]), len(ac[ch][t]), max(n, 1))
			}
		}
	}
	const p0, p4 = 2.0, 1.0724
	for ch, fr := range f {
		bb, cc := b[0], c[0]
		if len(b) > 1 {
			bb = b[ch]
		}
		if len(c) > 1 {
			cc = c[ch]
		}
		p1 := 1.7818 * (1 - 0.0791*bb) * (1 - 0.1655*math.Abs(cc))
		p2 := 0.5689 * (1 - 0.1620*bb) * (1 - 0.0857*math.Abs(cc))
		erbw := GlasbergMooreExact().Bandwidth(fr)
		// The unit-circle point at f, the same for every section.
		wr := 2 * math.Pi * fr / fs
		vr := complex(math.Cos(wr), math.Sin(wr))
		vr2 := vr * vr
		for k := range n {
			kf := float64(k)
			r := math.Exp(-p1 * math.Pow(p0/p4, kf) * 2 * math.Pi * bb * erbw / fs)
			df := math.Pow(p0*p4, kf) * p2 * cc * bb * erbw
			phi := 2 * math.Pi * math.Max(fr+df, 0) / fs
			psy := 2 * math.Pi * math.Max(fr-df, 0) / fs
			ap1, ap2 := -2*r*math.Cos(phi), r*r
			bz1, bz2 := -2*r*math.Cos(psy), r*r
			num := 1 + vr*complex(ap1, 0) + vr2*complex(ap2, 0)
			den := 1 + vr*complex(bz1, 0) + vr2*complex(bz2, 0)
			nrm := cmplx.Abs(num / den)
			bc[ch][0][k], bc[ch][1][k], bc[ch][2][k] = nrm, bz1*nrm, bz2*nrm
			ac[ch][0][k], ac[ch][1][k], ac[ch][2][k] = 1, ap1, ap2
		}
	}
	return nil
}

// AsymmetricCompensation is Brian Hears' AsymmetricCompensation filterbank:
// per frequency f (Hz), ncascades second-order asymmetric compensation
// sections (see AsymmetricCompensationCoefficients; Brian Hears' defaults
// are b = 1.019, c = 1, ncascades = 4). src has one channel per filter, or
// one channel feeding all. To vary the filters at run time (as DCGC does),
// refill coefficients with AsymmetricCompensationInto and hand them to the
// bank's kernel (Kernel().(*LinearKernel).SetCoefficients) from a Control
// updater.
func AsymmetricCompensation(src sound.Source, f []float64, b, c []float64, ncascades int) (*Bank, error) {
	return designedLinear(src, "asymmetric compensation has a nil source", func(rate float64) ([][][]float64, [][][]float64, error) {
		return AsymmetricCompensationCoefficients(f, rate, b, c, ncascades)
	})
}
