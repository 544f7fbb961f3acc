package design

import (
	"errors"
	"fmt"
	"math"
	"strings"
)

// BandType is the kind of band a filter passes.
type BandType int

// The band types.
const (
	Lowpass BandType = iota
	Highpass
	Bandpass
	Bandstop
)

// String returns scipy's name of the band type.
func (b BandType) String() string {
	switch b {
	case Lowpass:
		return "lowpass"
	case Highpass:
		return "highpass"
	case Bandpass:
		return "bandpass"
	case Bandstop:
		return "bandstop"
	}
	return fmt.Sprintf("BandType(%d)", int(b))
}

// ParseBandType reads a band type spelled as scipy (and Brian Hears) accept
// it: "low", "lowpass", "lp", "l"; "high", "highpass", "hp", "h"; "band",
// "bandpass", "pass", "bp"; "bandstop", "stop", "bs", "bands". Case is
// ignored.
func ParseBandType(s string) (BandType, error) {
	switch strings.ToLower(strings.TrimSpace(s)) {
	case "l", "low", "lowpass", "lp":
		return Lowpass, nil
	case "h", "high", "highpass", "hp":
		return Highpass, nil
	case "band", "bandpass", "pass", "bp":
		return Bandpass, nil
	case "bs", "bandstop", "bands", "stop":
		return Bandstop, nil
	}
	return 0, fmt.Errorf("design: band type %q is not one of low, high, bandpass, bandstop", s)
}

// FilterType is the family of an IIR design.
type FilterType int

// The filter families.
const (
	Butterworth FilterType = iota
	Chebyshev1
	Chebyshev2
	Elliptic
	BesselThomson
)

// String returns scipy's short name of the family.
func (f FilterType) String() string {
	switch f {
	case Butterworth:
		return "butter"
	case Chebyshev1:
		return "cheby1"
	case Chebyshev2:
		return "cheby2"
	case Elliptic:
		return "ellip"
	case BesselThomson:
		return "bessel"
	}
	return fmt.Sprintf("FilterType(%d)", int(f))
}

// ParseFilterType reads a family name as scipy accepts it: "butter",
// "butterworth"; "cheby1", "chebyshev1", "chebyshevi"; "cheby2",
// "chebyshev2", "chebyshevii"; "ellip", "elliptic", "cauer"; "bessel".
// Case is ignored.
func ParseFilterType(s string) (FilterType, error) {
	switch strings.ToLower(strings.TrimSpace(s)) {
	case "butter", "butterworth":
		return Butterworth, nil
	case "cheby1", "chebyshev1", "chebyshevi":
		return Chebyshev1, nil
	case "cheby2", "chebyshev2", "chebyshevii":
		return Chebyshev2, nil
	case "ellip", "elliptic", "cauer":
		return Elliptic, nil
	case "bessel":
		return BesselThomson, nil
	}
	return 0, fmt.Errorf("design: filter type %q is not one of butter, cheby1, cheby2, ellip, bessel", s)
}

// BesselNorm is the frequency normalisation of a Bessel filter.
type BesselNorm int

// The Bessel normalisations (scipy's norm argument).
const (
	// BesselPhase puts the phase mid-point (-N·π/4 rad for order N) at the
	// critical frequency; the magnitude asymptotes match a Butterworth filter
	// of the same order and cutoff. scipy's and MATLAB's default.
	BesselPhase BesselNorm = iota
	// BesselDelay makes the pass-band group delay 1/Wn (seconds for Wn in rad/s).
	BesselDelay
	// BesselMag puts the -3 dB point at the critical frequency.
	BesselMag
)

// String returns scipy's name of the normalisation.
func (n BesselNorm) String() string {
	switch n {
	case BesselPhase:
		return "phase"
	case BesselDelay:
		return "delay"
	case BesselMag:
		return "mag"
	}
	return fmt.Sprintf("BesselNorm(%d)", int(n))
}

// MaxOrder is the highest filter order the designers accept (Bessel
// prototypes stop at MaxBesselOrder). It guards against specifications that
// would need absurd orders (and memory), which scipy would attempt.
const MaxOrder = 500

// ZPK is a filter as zeros, poles and gain:
//
//	H(x) = K · Π(x - Z[i]) / Π(x - P[i])
//
// with x = s (rad/s) for an analog filter and x = z for a digital one.
// Complex zeros and poles come in conjugate pairs.
type ZPK struct {
	Z, P []complex128
	K    float64
}

// Order returns the number of poles.
func (f ZPK) Order() int { return len(f.P) }

// Clone returns a deep copy.
func (f ZPK) Clone() ZPK {
	return ZPK{Z: append([]complex128(nil), f.Z...), P: append([]complex128(nil), f.P...), K: f.K}
}

// Section is one second-order section: b0, b1, b2, a0, a1, a2 of
//
//	(b0 + b1 z⁻¹ + b2 z⁻²) / (a0 + a1 z⁻¹ + a2 z⁻²),
//
// scipy's sos row layout. Sections made here have a0 = 1.
type Section [6]float64

// SOS is a cascade of second-order sections, applied in order.
type SOS []Section

// Option changes how a designer reads its frequencies.
type Option func(*config)

type config struct {
	fs     float64 // 0: normalised to Nyquist
	analog bool
}

// SampleRate makes the designer read and return critical frequencies in hertz
// for a digital filter sampled at fs Hz (0 < f < fs/2), as scipy's fs=.
// Without it, digital frequencies are normalised: 1 is the Nyquist frequency.
func SampleRate(fs float64) Option { return func(c *config) { c.fs = fs } }

// Analog makes the designer produce an analog filter; frequencies are then
// angular, in rad/s, and unbounded above.
func Analog() Option { return func(c *config) { c.analog = true } }

func newConfig(opts []Option) (config, error) {
	c := config{}
	for _, o := range opts {
		if o != nil {
			o(&c)
		}
	}
	if c.analog && c.fs != 0 {
		return c, errors.New("design: SampleRate cannot be given for an analog filter")
	}
	if !c.analog && c.fs != 0 && !(c.fs > 0 && !math.IsInf(c.fs, 1)) {
		return c, fmt.Errorf("design: sample rate %g Hz must be positive and finite", c.fs)
	}
	return c, nil
}

// unitName names the frequency convention for error messages.
func (c config) limit() string {
	if c.fs != 0 {
		return fmt.Sprintf("fs/2 = %g Hz", c.fs/2)
	}
	return "1 (the Nyquist frequency)"
}

// normalise converts user frequencies to scipy's internal digital convention
// (1 = Nyquist) or leaves analog ones in rad/s; it checks finiteness, sign and
// the Nyquist limit, naming what (e.g. "Wn", "wp") in errors.
func (c config) normalise(what string, w []float64) ([]float64, error) {
	out := make([]float64, len(w))
	for i, v := range w {
		if math.IsNaN(v) || math.IsInf(v, 0) {
			return nil, fmt.Errorf("design: %s[%d] = %g is not a finite frequency", what, i, v)
		}
		if v <= 0 {
			return nil, fmt.Errorf("design: %s[%d] = %g must be greater than 0", what, i, v)
		}
		if c.analog {
			out[i] = v
			continue
		}
		if c.fs != 0 {
			if v >= c.fs/2 {
				return nil, fmt.Errorf("design: %s[%d] = %g Hz must be less than fs/2 = %g Hz", what, i, v, c.fs/2)
			}
			out[i] = 2 * v / c.fs
		} else {
			if v >= 1 {
				return nil, fmt.Errorf("design: %s[%d] = %g must be less than 1 (the Nyquist frequency; give SampleRate to use hertz)", what, i, v)
			}
			out[i] = v
		}
	}
	return out, nil
}

// denormalise converts internal digital frequencies back to the user's units.
func (c config) denormalise(w []float64) []float64 {
	if c.fs == 0 || c.analog {
		return w
	}
	for i := range w {
		w[i] *= c.fs / 2
	}
	return w
}

func checkOrder(n int) error {
	if n <= 0 {
		return fmt.Errorf("design: filter order %d must be at least 1", n)
	}
	if n > MaxOrder {
		return fmt.Errorf("design: filter order %d exceeds MaxOrder = %d", n, MaxOrder)
	}
	return nil
}

func checkDB(what string, v float64) error {
	if math.IsNaN(v) || math.IsInf(v, 0) {
		return fmt.Errorf("design: %s = %g dB is not finite", what, v)
	}
	if v <= 0 {
		return fmt.Errorf("design: %s = %g dB must be greater than 0", what, v)
	}
	return nil
}
