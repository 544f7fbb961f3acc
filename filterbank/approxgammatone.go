package filterbank

import (
	"fmt"
	"math"
	"math/cmplx"

	"github.com/gohears/hears/sound"
)

// ApproximateGammatoneCoefficients returns the coefficients, of shape
// [channel][tap][stage] (3 taps, order stages), of Brian Hears'
// ApproximateGammatone: Hohmann's (2002) sampled gammatone, a cascade of
// order identical second-order sections per channel (the real part of the
// complex one-pole design, normalised to unit gain at the centre frequency).
//
// cf are the centre frequencies in Hz (one per channel, in (0, fs/2));
// bandwidth the bandwidths in Hz (one per channel, or one for all); order
// the number of sections (≥ 1); fs the sample rate in Hz.
//
// Reference: Hohmann, V. (2002), "Frequency analysis and synthesis using a
// Gammatone filterbank", Acta Acustica united with Acustica 88, 433–442; the
// arithmetic follows brian2hears 0.9.2 so that results agree to rounding.
func ApproximateGammatoneCoefficients(cf []float64, fs float64, bandwidth []float64, order int) (b, a [][][]float64, err error) {
	if err := validRate(fs); err != nil {
		return nil, nil, err
	}
	if err := validFrequencies("centre frequency", cf, fs/2); err != nil {
		return nil, nil, err
	}
	if order < 1 {
		return nil, nil, fmt.Errorf("filterbank: approximate gammatone order %d must be at least 1", order)
	}
	bw, err := expandChannels("bandwidth", bandwidth, len(cf))
	if err != nil {
		return nil, nil, err
	}
	if err := checkFinite("bandwidth", bw); err != nil {
		return nil, nil, err
	}
	for i, x := range bw {
		if !(x > 0) {
			return nil, nil, fmt.Errorf("filterbank: bandwidth[%d] = %g Hz must be positive", i, x)
		}
	}
	dt := 1 / fs
	if b, a, err = newCoefficientPair("approximate gammatone", len(cf), 3, order); err != nil {
		return nil, nil, err
	}
	for c := range cf {
		phi := 2 * math.Pi * bw[c] * dt
		theta := 2 * math.Pi * cf[c] * dt
		cosT, sinT := math.Cos(theta), math.Sin(theta)
		alpha := -math.Exp(-phi) * cosT
		b1 := 2 * alpha
		b2 := math.Exp(-2 * phi)
		// float64(…) rounds the products before the sums: z2 + z3 cancels
		// nearly to zero, and a fused multiply-add (arm64) would move the
		// gain by ~1e-12 relative (found under emulation); rounded, every
		// platform computes what numpy does.
		z1 := complex(1+float64(alpha*cosT), -(alpha * sinT))
		z2 := complex(1+float64(b1*cosT), -(b1 * sinT))
		z3 := complex(float64(b2*math.Cos(2*theta)), -(b2 * math.Sin(2*theta)))
		a0 := cmplx.Abs((z2 + z3) / z1)
		a1 := alpha * a0
		for s := range order {
			b[c][0][s], b[c][1][s], b[c][2][s] = a0, a1, 0
			a[c][0][s], a[c][1][s], a[c][2][s] = 1, b1, b2
		}
	}
	return b, a, nil
}

// ApproximateGammatone is Brian Hears' ApproximateGammatone filterbank: one
// Hohmann (2002) approximate gammatone filter per centre frequency, each a
// cascade of order identical second-order sections (see
// ApproximateGammatoneCoefficients for cf and bandwidth, in Hz). src has one
// channel per filter, or one channel feeding all.
func ApproximateGammatone(src sound.Source, cf, bandwidth []float64, order int) (*Bank, error) {
	return tuned[*Bank](cf)(designedLinear(src, "approximate gammatone has a nil source", func(rate float64) ([][][]float64, [][][]float64, error) {
		return ApproximateGammatoneCoefficients(cf, rate, bandwidth, order)
	}))
}
