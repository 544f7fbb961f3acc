package filterbank

import (
	"fmt"
	"math"
	"math/cmplx"

	"github.com/gohears/hears/sound"
)

// DefaultGammatoneB is the default bandwidth factor of Gammatone: the
// filter bandwidth is b·ERB(cf) (Patterson et al., 1992).
const DefaultGammatoneB = 1.019

// GammatoneOption sets a parameter of Gammatone and GammatoneCoefficients.
type GammatoneOption func(*gammatoneConfig)

type gammatoneConfig struct {
	b       []float64
	erb     ERBScale
	cascade int // 0: four biquads; else the number of merged stages
}

// GammatoneB sets the bandwidth factor b (dimensionless, > 0): one value for
// every channel, or one per channel. The default is DefaultGammatoneB.
func GammatoneB(b ...float64) GammatoneOption {
	b = append([]float64(nil), b...)
	return func(c *gammatoneConfig) { c.b = b }
}

// GammatoneERB sets the ERB formula constants (Brian Hears' ear_Q, min_bw
// and erb_order). The default is GlasbergMoore().
func GammatoneERB(s ERBScale) GammatoneOption {
	return func(c *gammatoneConfig) { c.erb = s }
}

// GammatoneCascade merges each channel's four second-order stages into n
// cascaded stages of order 8/n (n is 1, 2 or 4), as Brian Hears'
// Gammatone(cascade=n) does through LinearFilterbank.decascade (see
// DecascadeCoefficients). The transfer function is the same; high-order
// direct forms are cheaper but numerically fragile at low centre
// frequencies, which is why the default keeps four biquads.
func GammatoneCascade(n int) GammatoneOption {
	return func(c *gammatoneConfig) { c.cascade = n }
}

// Gammatone returns a bank of gammatone filters centred at cf (Hz), one
// channel per centre frequency, as Brian Hears' Gammatone: Slaney's (1993)
// exact implementation as 4 cascaded biquads per channel ("An efficient
// implementation of the Patterson-Holdsworth auditory filter bank", Apple
// Computer Technical Report #35), with unit gain at cf. src has one channel
// per filter or one channel feeding them all.
func Gammatone(src sound.Source, cf []float64, opts ...GammatoneOption) (*Bank, error) {
	return tuned[*Bank](cf)(designedLinear(src, "gammatone: nil source", func(rate float64) ([][][]float64, [][][]float64, error) {
		return GammatoneCoefficients(cf, rate, opts...)
	}))
}

// GammatoneCoefficients returns the coefficients of the gammatone filters at
// cf (Hz) for the sample rate rate (Hz), shaped [channel][tap][stage] (3
// taps, 4 stages; 8/n+1 taps and n stages with GammatoneCascade(n)) as
// brian2hears' Gammatone filt_b and filt_a: the overall
// gain 1/gain(cf) is folded into the b coefficients of the first stage.
// Every cf must be positive and below the Nyquist frequency rate/2.
func GammatoneCoefficients(cf []float64, rate float64, opts ...GammatoneOption) (b, a [][][]float64, err error) {
	cfg := gammatoneConfig{b: []float64{DefaultGammatoneB}, erb: GlasbergMoore()}
	for _, o := range opts {
		o(&cfg)
	}
	if err := validRate(rate); err != nil {
		return nil, nil, err
	}
	// The design's 4 biquads per channel, bounded before they are made.
	if err := checkLinearMemory("gammatone", len(cf), 3, 4); err != nil {
		return nil, nil, err
	}
	if err := validFrequencies("gammatone centre frequency", cf, rate/2); err != nil {
		return nil, nil, err
	}
	if err := cfg.erb.Validate(); err != nil {
		return nil, nil, err
	}
	bw, err := expandChannels("gammatone b", cfg.b, len(cf))
	if err != nil {
		return nil, nil, err
	}
	for c, v := range bw {
		if !(v > 0) || math.IsInf(v, 0) {
			return nil, nil, fmt.Errorf("filterbank: gammatone b of channel %d must be a positive finite number, got %v", c, v)
		}
	}
	for c, f := range cf {
		// A bandwidth b·ERB(cf) at or above the Nyquist frequency puts the
		// poles at exp(-2π·b·ERB/rate) ≈ 0: the normalised filter then
		// passes the input through unchanged (b = 1e300 did, silently).
		// That is no gammatone, so it is refused.
		if w := bw[c] * cfg.erb.Bandwidth(f); !(w < rate/2) {
			return nil, nil, fmt.Errorf("filterbank: gammatone channel %d: the bandwidth b·ERB(cf) = %v × %v Hz = %v Hz is not below the Nyquist frequency %v Hz: b is too large", c, bw[c], cfg.erb.Bandwidth(f), w, rate/2)
		}
	}
	b = make([][][]float64, len(cf))
	a = make([][][]float64, len(cf))
	for c, f := range cf {
		b[c], a[c] = gammatoneChannel(f, bw[c], cfg.erb, rate)
	}
	if cfg.cascade != 0 {
		if cfg.cascade != 1 && cfg.cascade != 2 && cfg.cascade != 4 {
			return nil, nil, fmt.Errorf("filterbank: gammatone cascade must be 1, 2 or 4 (a divisor of its 4 stages), got %d", cfg.cascade)
		}
		return DecascadeCoefficients(b, a, cfg.cascade)
	}
	return b, a, nil
}

// gammatoneChannel follows brian2hears' Gammatone.__init__ operation by
// operation (same association order) so the coefficients agree to a few ulp.
func gammatoneChannel(cf, bf float64, erbs ERBScale, rate float64) (b, a [][]float64) {
	T := 1 / rate
	erb := erbs.Bandwidth(cf)
	B := bf * 2 * math.Pi * erb
	theta := 2 * cf * math.Pi * T
	cosT, sinT := math.Cos(theta), math.Sin(theta)
	eBT := math.Exp(B * T)
	A0 := T
	B1 := -2 * cosT / eBT
	B2 := math.Exp(-2 * B * T)
	twoRt2 := math.Pow(2, 1.5)
	s1 := 2 * math.Sqrt(3+twoRt2) // 2*sqrt(3+2**1.5)
	s2 := 2 * math.Sqrt(3-twoRt2)
	t1 := 2 * T * cosT / eBT
	t2 := s1 * T * sinT / eBT
	t3 := s2 * T * sinT / eBT
	A11 := -(t1 + t2) / 2
	A12 := -(t1 - t2) / 2
	A13 := -(t1 + t3) / 2
	A14 := -(t1 - t3) / 2

	// gain = |P1 P2 P3 P4 / D^4| with numpy's complex arithmetic.
	r1, r2 := math.Sqrt(3-twoRt2), math.Sqrt(3+twoRt2)
	e4 := cmplx.Exp(complex(0, 4*cf*math.Pi*T))
	eB := cmplx.Exp(complex(-(B * T), 2*cf*math.Pi*T))
	lead := npScale(npScale(e4, -2), T)
	tail := npScale(npScale(eB, 2), T)
	p := func(r float64) complex128 { return npAdd(lead, npScale(tail, cosT+r*sinT)) }
	num := npMul(npMul(npMul(p(-r1), p(r1)), p(-r2)), p(r2))
	d := npAdd(npSub(complex(-2/math.Exp(2*B*T), 0), npScale(e4, 2)), npDivReal(npScale(npAdd(complex(1, 0), e4), 2), eBT))
	d2 := npMul(d, d)
	gain := cmplx.Abs(npDiv(num, npMul(d2, d2)))

	b = [][]float64{
		{A0 / gain, A0, A0, A0},
		{A11 / gain, A12, A13, A14},
		{0 / gain, 0, 0, 0},
	}
	a = [][]float64{
		{1, 1, 1, 1},
		{B1, B1, B1, B1},
		{B2, B2, B2, B2},
	}
	return b, a
}

// Complex helpers with numpy's operation order; float64 conversions forbid
// fused multiply-add.
func npMul(x, y complex128) complex128 {
	xr, xi, yr, yi := real(x), imag(x), real(y), imag(y)
	return complex(float64(xr*yr)-float64(xi*yi), float64(xr*yi)+float64(xi*yr))
}

// npScale multiplies by a real number promoted to complex, as numpy does.
func npScale(x complex128, r float64) complex128 { return npMul(x, complex(r, 0)) }

func npAdd(x, y complex128) complex128 { return complex(real(x)+real(y), imag(x)+imag(y)) }
func npSub(x, y complex128) complex128 { return complex(real(x)-real(y), imag(x)-imag(y)) }

// npDivReal divides by a real number promoted to complex.
func npDivReal(x complex128, r float64) complex128 { return npDiv(x, complex(r, 0)) }

// npDiv is numpy's complex division (Smith's method with a reciprocal).
func npDiv(x, y complex128) complex128 {
	xr, xi, yr, yi := real(x), imag(x), real(y), imag(y)
	if math.Abs(yr) >= math.Abs(yi) {
		rat := yi / yr
		scl := 1.0 / (yr + float64(yi*rat))
		return complex(float64((xr+float64(xi*rat))*scl), float64((xi-float64(xr*rat))*scl))
	}
	rat := yr / yi
	scl := 1.0 / (yi + float64(yr*rat))
	return complex(float64((float64(xr*rat)+xi)*scl), float64((float64(xi*rat)-xr)*scl))
}
