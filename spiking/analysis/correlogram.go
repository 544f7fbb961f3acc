package analysis

import (
	"fmt"
	"math"
)

// CrossCorrelogram returns the cross-correlogram of trains a and b
// recorded over duration seconds: for lags τ = u − s (s in a, u in b) in
// bins of width bin seconds tiling [−n·bin, n·bin], n = ⌈maxLag/bin⌉, the
// number of pairs in each bin divided by the time over which such a lag can
// be observed, duration − |edge of the bin nearer zero lag|. The result is
// a rate of coincidences in Hz, as Brian 1's correlogram(T1, T2, width,
// bin, T) gives (Brian 1 infers T from the trains when it is not given;
// here it is required). For independent Poisson trains of rates ν_a and ν_b
// every bin has mean ν_a·ν_b·bin.
//
// Bins are half-open [lo, hi) except the last, which holds its right edge
// (numpy.histogram's rule). Pairs are found by a sliding window over the
// sorted trains: the cost is the number of pairs within maxLag.
func CrossCorrelogram(a, b []float64, maxLag, bin, duration float64) (*Histogram, error) {
	return correlogram(a, b, maxLag, bin, duration, false)
}

// Autocorrelogram returns the autocorrelogram of a train over duration
// seconds: CrossCorrelogram(train, train, ...) without the pairs of a spike
// with itself (Brian 1's autocorrelogram keeps them, a peak of n/duration
// Hz at zero lag that says nothing about the train).
func Autocorrelogram(train []float64, maxLag, bin, duration float64) (*Histogram, error) {
	return correlogram(train, train, maxLag, bin, duration, true)
}

func correlogram(a, b []float64, maxLag, bin, duration float64, auto bool) (*Histogram, error) {
	if err := checkTrain("first train", a); err != nil {
		return nil, err
	}
	if err := checkTrain("second train", b); err != nil {
		return nil, err
	}
	if err := checkPositive("maximum lag", maxLag); err != nil {
		return nil, err
	}
	if err := checkPositive("bin width", bin); err != nil {
		return nil, err
	}
	if err := checkPositive("duration", duration); err != nil {
		return nil, err
	}
	nf := math.Ceil(maxLag/bin - 1e-9)
	if 2*nf > maxBins {
		return nil, fmt.Errorf("analysis: lags up to %g s in bins of %g s make %g bins (at most %d)", maxLag, bin, 2*nf, maxBins)
	}
	n := int(nf)
	if float64(n)*bin >= duration {
		return nil, fmt.Errorf("analysis: lags up to %g s cannot be observed in %g s", float64(n)*bin, duration)
	}
	h := &Histogram{Edges: make([]float64, 2*n+1), Counts: make([]float64, 2*n)}
	for k := range h.Edges {
		h.Edges[k] = float64(k-n) * bin
	}
	w := float64(n) * bin
	lo, hi := 0, 0
	for k, s := range a {
		for lo < len(b) && b[lo]-s < -w {
			lo++
		}
		for hi < len(b) && b[hi]-s <= w {
			hi++
		}
		for j := lo; j < hi; j++ {
			if auto && j == k {
				continue
			}
			h.add(b[j] - s)
		}
	}
	for k := range h.Counts {
		near := math.Min(math.Abs(h.Edges[k]), math.Abs(h.Edges[k+1]))
		h.Counts[k] /= duration - near
	}
	return h, nil
}
