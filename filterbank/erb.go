package filterbank

import (
	"fmt"
	"math"
)

// ERBScale holds the constants of an equivalent-rectangular-bandwidth
// formula in the form used by Slaney (1993) and Brian Hears:
//
//	ERB(f) = ((f/EarQ)^Order + MinBW^Order)^(1/Order)   (Hz)
//
// GlasbergMoore holds the values of Glasberg & Moore (1990).
type ERBScale struct {
	EarQ  float64 // asymptotic filter quality at high frequencies (dimensionless)
	MinBW float64 // minimum bandwidth at low frequencies, in Hz
	Order float64 // order of the combination (1 for Glasberg & Moore)
}

// GlasbergMoore returns the ERB scale of Glasberg & Moore (1990),
// "Derivation of auditory filter shapes from notched-noise data", Hear.
// Res. 47: EarQ 9.26449, MinBW 24.7 Hz, Order 1, i.e. ERB(f) = 24.7 +
// f/9.26449 Hz (Slaney's constants, as Brian Hears). It is a function, not
// a variable, so that no code can change the scale for the whole process.
func GlasbergMoore() ERBScale { return ERBScale{EarQ: 9.26449, MinBW: 24.7, Order: 1} }

// GlasbergMooreExact returns Glasberg & Moore's formula as they wrote it,
// 24.7·(4.37·10⁻³·f + 1) Hz, which Brian Hears' AsymmetricCompensation (after
// AIM-MAT) uses: EarQ = 1/(24.7·4.37·10⁻³) = 9.264492, where Slaney's
// GlasbergMoore rounds it to 9.26449 (2·10⁻⁷ relative apart, so the two are
// kept distinct to match the references). Bandwidth computes it as
// f/EarQ + 24.7, within 4.5·10⁻¹⁶ relative of Brian Hears' expression for
// every f in [0, 100 kHz] (checked by TestERBExactForm). Irino & Patterson's
// dynamic compressive gammachirp uses it too.
func GlasbergMooreExact() ERBScale {
	return ERBScale{EarQ: 1 / (24.7 * 4.37e-3), MinBW: 24.7, Order: 1}
}

// Validate reports whether the constants are usable: finite, EarQ and Order
// positive, MinBW not negative.
func (s ERBScale) Validate() error {
	if !(s.EarQ > 0) || math.IsInf(s.EarQ, 0) {
		return fmt.Errorf("filterbank: ERB EarQ must be a positive finite number, got %v", s.EarQ)
	}
	if !(s.MinBW >= 0) || math.IsInf(s.MinBW, 0) {
		return fmt.Errorf("filterbank: ERB MinBW must be a non-negative finite number of Hz, got %v", s.MinBW)
	}
	if !(s.Order > 0) || math.IsInf(s.Order, 0) {
		return fmt.Errorf("filterbank: ERB Order must be a positive finite number, got %v", s.Order)
	}
	return nil
}

// Bandwidth returns the equivalent rectangular bandwidth, in Hz, of the
// auditory filter centred at f Hz. This is the one ERB formula of gohears:
// every filter that needs an ERB derives it from here.
func (s ERBScale) Bandwidth(f float64) float64 {
	if s.Order == 1 {
		// numpy's x**1 is exact; math.Pow(x, 1) is too, but say it plainly.
		return f/s.EarQ + s.MinBW
	}
	return math.Pow(math.Pow(f/s.EarQ, s.Order)+math.Pow(s.MinBW, s.Order), 1/s.Order)
}

// ERB returns the Glasberg & Moore equivalent rectangular bandwidth, in Hz,
// at the frequency f (Hz): GlasbergMoore().Bandwidth(f).
func ERB(f float64) float64 { return GlasbergMoore().Bandwidth(f) }

// Space returns n centre frequencies in Hz, ascending from low to high,
// equally spaced on the ERB-rate scale of s, computed as brian2hears'
// erbspace does (the spacing uses EarQ·MinBW, the order-1 scale; brian2hears
// ignores Order there too). It returns an error if low or high is not a
// positive finite frequency, low > high, or n < 1 (n == 1 needs low == high).
func (s ERBScale) Space(low, high float64, n int) ([]float64, error) {
	if err := s.Validate(); err != nil {
		return nil, err
	}
	if !(low > 0) || math.IsInf(low, 0) || !(high > 0) || math.IsInf(high, 0) {
		return nil, fmt.Errorf("filterbank: ERB space needs positive finite frequencies, got %v Hz to %v Hz", low, high)
	}
	if low > high {
		return nil, fmt.Errorf("filterbank: ERB space from %v Hz to %v Hz: low is above high", low, high)
	}
	if n < 1 {
		return nil, fmt.Errorf("filterbank: ERB space needs at least one frequency, got %d", n)
	}
	if err := checkSize("ERB space", n); err != nil {
		return nil, err
	}
	if n == 1 {
		if low != high {
			return nil, fmt.Errorf("filterbank: one ERB-spaced frequency between %v Hz and %v Hz is ambiguous", low, high)
		}
		return []float64{low}, nil
	}
	eqmb := s.EarQ * s.MinBW
	step := -math.Log(high+eqmb) + math.Log(low+eqmb)
	cf := make([]float64, n)
	for k := range n {
		// brian2hears: -(earQ*minBW) + exp(k*step/(N-1))*(high+earQ*minBW), reversed.
		cf[n-1-k] = -eqmb + math.Exp(float64(k)*step/float64(n-1))*(high+eqmb)
	}
	return cf, nil
}

// ERBSpace returns n centre frequencies in Hz from low to high, equally spaced
// on the Glasberg & Moore ERB-rate scale (brian2hears' erbspace):
// GlasbergMoore().Space(low, high, n).
func ERBSpace(low, high float64, n int) ([]float64, error) {
	return GlasbergMoore().Space(low, high, n)
}
