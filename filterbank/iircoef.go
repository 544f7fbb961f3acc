package filterbank

import (
	"fmt"
	"math"
)

// This file holds the small helpers shared by the coefficient functions of
// the IIR banks (approximate gammatone, log gammachirp, asymmetric
// compensation, middle ear, Butterworth, IIR, cascade): coefficient arrays of
// shape [channel][tap][stage] as in Brian Hears, broadcasting of per-channel
// parameters, and validation.

// newCoefficients returns a zero [nch][taps][stages] array on one backing
// slice (so a whole bank's coefficients are one allocation).
func newCoefficients(nch, taps, stages int) [][][]float64 {
	flat := make([]float64, nch*taps*stages)
	rows := make([][]float64, nch*taps)
	out := make([][][]float64, nch)
	for c := range out {
		out[c] = rows[c*taps : (c+1)*taps]
		for t := range out[c] {
			o := (c*taps + t) * stages
			out[c][t] = flat[o : o+stages : o+stages]
		}
	}
	return out
}

// broadcast returns v with one value per channel: v itself when it has n
// values, n copies of v[0] when it has one; anything else is an error that
// names the parameter.
func broadcast(name string, v []float64, n int) ([]float64, error) {
	switch len(v) {
	case n:
		return v, nil
	case 1:
		out := make([]float64, n)
		for i := range out {
			out[i] = v[0]
		}
		return out, nil
	}
	return nil, fmt.Errorf("filterbank: %s has %d values, want 1 or %d (one per channel)", name, len(v), n)
}

// checkFinite rejects NaN and infinite values, naming the parameter and index.
func checkFinite(name string, v []float64) error {
	for i, x := range v {
		if math.IsNaN(x) || math.IsInf(x, 0) {
			return fmt.Errorf("filterbank: %s[%d] is %g", name, i, x)
		}
	}
	return nil
}

// checkRate validates a sample rate in Hz.
func checkRate(fs float64) error {
	if !(fs > 0) || math.IsInf(fs, 0) {
		return fmt.Errorf("filterbank: sample rate %g Hz must be positive and finite", fs)
	}
	return nil
}

// checkBandFreqs validates frequencies that must lie in (0, fs/2) Hz.
func checkBandFreqs(name string, f []float64, fs float64) error {
	if len(f) == 0 {
		return fmt.Errorf("filterbank: %s is empty (need at least one channel)", name)
	}
	if err := checkFinite(name, f); err != nil {
		return err
	}
	for i, x := range f {
		if !(x > 0 && x < fs/2) {
			return fmt.Errorf("filterbank: %s[%d] = %g Hz is outside (0, %g) Hz (half the sample rate)", name, i, x, fs/2)
		}
	}
	return nil
}

// checkCoefficientShape validates b and a of shape [channel][tap][stage]:
// same shape, at least one channel, two taps and one stage, rectangular,
// finite. It returns the shape.
func checkCoefficientShape(b, a [][][]float64) (nch, taps, stages int, err error) {
	nch = len(b)
	if nch == 0 {
		return 0, 0, 0, fmt.Errorf("filterbank: coefficients have no channels")
	}
	if len(a) != nch {
		return 0, 0, 0, fmt.Errorf("filterbank: b has %d channels, a has %d", nch, len(a))
	}
	taps = len(b[0])
	if taps < 2 {
		return 0, 0, 0, fmt.Errorf("filterbank: coefficients have %d taps, need at least 2", taps)
	}
	stages = len(b[0][0])
	if stages < 1 {
		return 0, 0, 0, fmt.Errorf("filterbank: coefficients have no stages")
	}
	for c := range nch {
		if len(b[c]) != taps || len(a[c]) != taps {
			return 0, 0, 0, fmt.Errorf("filterbank: channel %d has %d b taps and %d a taps, want %d", c, len(b[c]), len(a[c]), taps)
		}
		for t := range taps {
			if len(b[c][t]) != stages || len(a[c][t]) != stages {
				return 0, 0, 0, fmt.Errorf("filterbank: channel %d tap %d has %d b stages and %d a stages, want %d", c, t, len(b[c][t]), len(a[c][t]), stages)
			}
			for s := range stages {
				if x := b[c][t][s]; math.IsNaN(x) || math.IsInf(x, 0) {
					return 0, 0, 0, fmt.Errorf("filterbank: b[%d][%d][%d] is %g", c, t, s, x)
				}
				if x := a[c][t][s]; math.IsNaN(x) || math.IsInf(x, 0) {
					return 0, 0, 0, fmt.Errorf("filterbank: a[%d][%d][%d] is %g", c, t, s, x)
				}
			}
		}
	}
	return nch, taps, stages, nil
}
