package design

import (
	"fmt"
	"math"
	"math/cmplx"
	"slices"
)

func checkFreqs(freqs []float64, fs float64) error {
	if math.IsNaN(fs) || math.IsInf(fs, 0) || fs <= 0 {
		return fmt.Errorf("design: sample rate %g Hz must be positive and finite", fs)
	}
	for i, f := range freqs {
		if math.IsNaN(f) || math.IsInf(f, 0) {
			return fmt.Errorf("design: frequency %d = %g Hz is not finite", i, f)
		}
	}
	return nil
}

// Freqz returns the complex frequency response of a cascade of second-order
// sections at the frequencies freqs (Hz) for sample rate fs (Hz), as scipy's
// freqz_sos: the product of the sections' responses.
func Freqz(s SOS, freqs []float64, fs float64) ([]complex128, error) {
	if err := checkFreqs(freqs, fs); err != nil {
		return nil, err
	}
	h := make([]complex128, len(freqs))
	for i, f := range freqs {
		zi := cmplx.Exp(complex(0, -2*math.Pi*f/fs)) // z⁻¹
		v := complex(1, 0)
		for _, sec := range s {
			num := complex(sec[0], 0) + zi*(complex(sec[1], 0)+zi*complex(sec[2], 0))
			den := complex(sec[3], 0) + zi*(complex(sec[4], 0)+zi*complex(sec[5], 0))
			v *= num / den
		}
		h[i] = v
	}
	return h, nil
}

// FreqzBA returns the complex frequency response of the direct form
// b(z⁻¹)/a(z⁻¹) at freqs (Hz) for sample rate fs (Hz), as scipy's freqz.
func FreqzBA(b, a []float64, freqs []float64, fs float64) ([]complex128, error) {
	if err := checkFreqs(freqs, fs); err != nil {
		return nil, err
	}
	if len(a) == 0 || len(b) == 0 {
		return nil, fmt.Errorf("design: empty coefficients (len(b) = %d, len(a) = %d)", len(b), len(a))
	}
	if slices.IndexFunc(a, func(v float64) bool { return v != 0 }) < 0 {
		return nil, fmt.Errorf("design: the denominator a = %v is zero", a)
	}
	h := make([]complex128, len(freqs))
	horner := func(c []float64, zi complex128) complex128 {
		var v complex128
		for i := len(c) - 1; i >= 0; i-- {
			v = v*zi + complex(c[i], 0)
		}
		return v
	}
	for i, f := range freqs {
		zi := cmplx.Exp(complex(0, -2*math.Pi*f/fs))
		h[i] = horner(b, zi) / horner(a, zi)
	}
	return h, nil
}

// FreqzZPK returns the complex frequency response K·Π(z-Z)/Π(z-P) of a
// digital filter at freqs (Hz), z = exp(2πi·f/fs), as scipy's freqz_zpk.
// It is the most accurate of the three: no coefficients are formed.
func FreqzZPK(f ZPK, freqs []float64, fs float64) ([]complex128, error) {
	if err := checkFreqs(freqs, fs); err != nil {
		return nil, err
	}
	h := make([]complex128, len(freqs))
	for i, fr := range freqs {
		z := cmplx.Exp(complex(0, 2*math.Pi*fr/fs))
		h[i] = evalZPK(f, z)
	}
	return h, nil
}

// FreqsZPK returns the complex response K·Π(s-Z)/Π(s-P) of an analog filter
// at angular frequencies w (rad/s), s = i·w, as scipy's freqs_zpk.
func FreqsZPK(f ZPK, w []float64) []complex128 {
	h := make([]complex128, len(w))
	for i, v := range w {
		h[i] = evalZPK(f, complex(0, v))
	}
	return h
}

// evalZPK multiplies ratios (x - z)/(x - p) pairwise, so high orders do not
// overflow the separate products.
func evalZPK(f ZPK, x complex128) complex128 {
	h := complex(f.K, 0)
	n := min(len(f.Z), len(f.P))
	for i := 0; i < n; i++ {
		h *= (x - f.Z[i]) / (x - f.P[i])
	}
	for _, z := range f.Z[n:] {
		h *= x - z
	}
	for _, p := range f.P[n:] {
		h /= x - p
	}
	return h
}
