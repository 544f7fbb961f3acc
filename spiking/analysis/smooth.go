package analysis

import (
	"fmt"
	"math"
)

// Window names the kernel of SmoothRate.
type Window string

const (
	// Gaussian is exp(−k²dt²/(2·width²)) for |k| ≤ round(2·width/dt): width
	// is the standard deviation in seconds.
	Gaussian Window = "gaussian"
	// Flat is a rectangle of 2·⌊width/(2dt)⌋ + 1 samples: width is the
	// full width in seconds, rounded down to an odd number of samples.
	Flat Window = "flat"
)

// SmoothRate smooths a population rate sampled every dt seconds (as
// PopulationRateMonitor records it, in Hz) by a normalised window, as
// Brian2's PopulationRateMonitor.smooth_rate(window, width) does:
// numpy.convolve(rate, w/sum(w), mode='same'), the values beyond both ends
// taken as zero. The result has len(rate) values; when the window is longer
// than the rate, numpy's 'same' returns len(window) values and so does
// Brian2, where this returns the central len(rate).
func SmoothRate(rate []float64, dt float64, window Window, width float64) ([]float64, error) {
	if err := checkPositive("sample period", dt); err != nil {
		return nil, err
	}
	if err := checkPositive("window width", width); err != nil {
		return nil, err
	}
	for k, v := range rate {
		if math.IsNaN(v) || math.IsInf(v, 0) {
			return nil, fmt.Errorf("analysis: rate sample %d is %v", k, v)
		}
	}
	var w []float64
	switch window {
	case Gaussian:
		half := math.RoundToEven(2 * width / dt) // numpy.round: half to even
		if half > maxBins {
			return nil, fmt.Errorf("analysis: a gaussian of %g s at %g s per sample is too wide", width, dt)
		}
		h := int(half)
		w = make([]float64, 2*h+1)
		s := width / dt
		for k := range w {
			x := float64(k - h)
			w[k] = math.Exp(-x * x / (2 * s * s))
		}
	case Flat:
		half := math.Floor(width / 2 / dt)
		if half > maxBins {
			return nil, fmt.Errorf("analysis: a flat window of %g s at %g s per sample is too wide", width, dt)
		}
		w = make([]float64, 2*int(half)+1)
		for k := range w {
			w[k] = 1
		}
	default:
		return nil, fmt.Errorf("analysis: unknown smoothing window %q (use %q or %q)", window, Gaussian, Flat)
	}
	sum := 0.0
	for _, v := range w {
		sum += v
	}
	h := (len(w) - 1) / 2
	out := make([]float64, len(rate))
	for k := range out {
		acc := 0.0
		lo, hi := max(0, k-h), min(len(rate)-1, k+h)
		for m := lo; m <= hi; m++ {
			acc += rate[m] * w[k-m+h] / sum
		}
		out[k] = acc
	}
	return out, nil
}
