package filterbank

import (
	"fmt"
	"math"
)

// This file holds the small helpers shared by the coefficient functions of
// the IIR banks (approximate gammatone, log gammachirp, asymmetric
// compensation, middle ear, Butterworth, IIR, cascade): coefficient arrays of
// shape [channel][tap][stage] as in Brian Hears, and validation.

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

// newCoefficientPair returns zero b and a arrays of shape
// [nch][taps][stages], or an error naming what if they would exceed
// maxValues.
func newCoefficientPair(what string, nch, taps, stages int) (b, a [][][]float64, err error) {
	if err := checkSize(what+" coefficients", nch, taps, stages); err != nil {
		return nil, nil, err
	}
	if err := checkLinearMemory(what, nch, taps, stages); err != nil {
		return nil, nil, err
	}
	return newCoefficients(nch, taps, stages), newCoefficients(nch, taps, stages), nil
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

// checkCoefficientShape validates b and a of shape [channel][tap][stage]
// as Linear does (one consistent shape, finite values; a[0] is not read) and
// returns the shape.
func checkCoefficientShape(b, a [][][]float64) (nch, taps, stages int, err error) {
	nch, taps, stages, err = linearShape(b, a)
	if err != nil {
		return 0, 0, 0, err
	}
	for c := range nch {
		if err := linearCheckChannel(c, b[c], a[c]); err != nil {
			return 0, 0, 0, err
		}
	}
	return nch, taps, stages, nil
}
