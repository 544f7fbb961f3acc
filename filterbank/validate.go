package filterbank

// The parameter checks shared by the filterbank constructors.

import (
	"fmt"
	"math"
)

// validRate requires a positive finite sample rate (Hz).
func validRate(rate float64) error {
	if !(rate > 0) || math.IsInf(rate, 0) {
		return fmt.Errorf("filterbank: sample rate must be a positive finite number of Hz, got %v", rate)
	}
	return nil
}

// validFrequencies requires every f to be positive, finite and below limit.
func validFrequencies(what string, fs []float64, limit float64) error {
	if len(fs) == 0 {
		return fmt.Errorf("filterbank: no %s values given", what)
	}
	for c, f := range fs {
		if math.IsNaN(f) || math.IsInf(f, 0) || f <= 0 {
			return fmt.Errorf("filterbank: %s %d is %v Hz: must be a positive finite frequency", what, c, f)
		}
		if f >= limit {
			return fmt.Errorf("filterbank: %s %d is %v Hz: must be below %v Hz", what, c, f, limit)
		}
	}
	return nil
}

// expandChannels expands one value to n channels, or checks there are n.
func expandChannels(what string, v []float64, n int) ([]float64, error) {
	switch len(v) {
	case 1:
		if err := checkSize(what, n); err != nil {
			return nil, err
		}
		out := make([]float64, n)
		for i := range out {
			out[i] = v[0]
		}
		return out, nil
	case n:
		return v, nil
	}
	return nil, fmt.Errorf("filterbank: %d values of %s for %d channels (give 1 or %d)", len(v), what, n, n)
}
