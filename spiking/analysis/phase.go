package analysis

import (
	"fmt"
	"math"
)

// VectorStrength returns the vector strength of a train's phase locking to
// a period in seconds (Goldberg & Brown 1969): |(1/n) Σ exp(2πi·t_k/period)|,
// 1 when every spike falls at the same phase, near 0 without locking. It is
// Brian 1's vector_strength and scipy.signal.vectorstrength. A train without
// spikes is an error (the mean is undefined).
func VectorStrength(train []float64, period float64) (float64, error) {
	if err := checkPositive("period", period); err != nil {
		return 0, err
	}
	if len(train) == 0 {
		return 0, fmt.Errorf("analysis: vector strength of a train without spikes is undefined")
	}
	var c, s float64
	for k, t := range train {
		if math.IsNaN(t) || math.IsInf(t, 0) {
			return 0, fmt.Errorf("analysis: spike %d at %v s is not a finite time", k, t)
		}
		// Reduce to a phase in [0, 1) first: t/period may be large, and
		// 2π·t/period loses the phase's low bits.
		ph := t/period - math.Floor(t/period)
		sn, cs := math.Sincos(2 * math.Pi * ph)
		c += cs
		s += sn
	}
	n := float64(len(train))
	return math.Hypot(c/n, s/n), nil
}

// PeriodHistogram returns the histogram of the phases of a train's spikes
// relative to a period in seconds, in bins equal phase bins over [0, 1)
// cycle: Edges are phases in cycles, Counts the numbers of spikes.
func PeriodHistogram(train []float64, period float64, bins int) (*Histogram, error) {
	if err := checkPositive("period", period); err != nil {
		return nil, err
	}
	if bins <= 0 || bins > maxBins {
		return nil, fmt.Errorf("analysis: period histogram needs 1 to %d bins, got %d", maxBins, bins)
	}
	h := &Histogram{Edges: make([]float64, bins+1), Counts: make([]float64, bins)}
	for k := range h.Edges {
		h.Edges[k] = float64(k) / float64(bins)
	}
	for k, t := range train {
		if math.IsNaN(t) || math.IsInf(t, 0) {
			return nil, fmt.Errorf("analysis: spike %d at %v s is not a finite time", k, t)
		}
		ph := t/period - math.Floor(t/period)
		j := min(int(ph*float64(bins)), bins-1)
		h.Counts[j]++
	}
	return h, nil
}
