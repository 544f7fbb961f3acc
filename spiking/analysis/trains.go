package analysis

import (
	"fmt"
	"math"
)

// checkTrain reports a spike train whose times are not finite or not in
// non-decreasing order, naming it what.
func checkTrain(what string, train []float64) error {
	for k, t := range train {
		if math.IsNaN(t) || math.IsInf(t, 0) {
			return fmt.Errorf("analysis: %s spike %d at %v s is not a finite time", what, k, t)
		}
		if k > 0 && t < train[k-1] {
			return fmt.Errorf("analysis: %s is not sorted: spike %d at %g s comes after %g s", what, k, t, train[k-1])
		}
	}
	return nil
}

// checkPositive reports a width, duration or period that is not a positive
// finite number.
func checkPositive(what string, v float64) error {
	if !(v > 0) || math.IsInf(v, 0) {
		return fmt.Errorf("analysis: %s must be a positive finite number, got %v", what, v)
	}
	return nil
}

// MeanRate returns the mean firing rate in Hz of the trains over a
// recording of duration seconds: the total number of spikes divided by
// len(trains) × duration. With one train it is the train's spike count per
// second; with the trains of a population it is the population's mean rate.
func MeanRate(duration float64, trains ...[]float64) (float64, error) {
	if err := checkPositive("duration", duration); err != nil {
		return 0, err
	}
	if len(trains) == 0 {
		return 0, fmt.Errorf("analysis: mean rate of no spike trains")
	}
	n := 0
	for _, tr := range trains {
		n += len(tr)
	}
	return float64(n) / (float64(len(trains)) * duration), nil
}

// FiringRate returns Brian 1's firing_rate: (n − 1) / (t_n − t_1) Hz, the
// inverse of the mean interspike interval of a train of n ≥ 2 spikes. It
// does not depend on the recording's duration (MeanRate does).
func FiringRate(train []float64) (float64, error) {
	if err := checkTrain("train", train); err != nil {
		return 0, err
	}
	if len(train) < 2 {
		return 0, fmt.Errorf("analysis: firing rate needs at least 2 spikes, got %d", len(train))
	}
	span := train[len(train)-1] - train[0]
	if span == 0 {
		return 0, fmt.Errorf("analysis: firing rate of %d spikes all at %g s is infinite", len(train), train[0])
	}
	return float64(len(train)-1) / span, nil
}

// ISI returns the interspike intervals of a train in seconds: train[k+1] −
// train[k].
func ISI(train []float64) ([]float64, error) {
	if err := checkTrain("train", train); err != nil {
		return nil, err
	}
	if len(train) < 2 {
		return nil, nil
	}
	isi := make([]float64, len(train)-1)
	for k := range isi {
		isi[k] = train[k+1] - train[k]
	}
	return isi, nil
}

// CV returns the coefficient of variation of a train's interspike
// intervals, σ/μ with σ the population standard deviation (Brian 1's CV,
// numpy's std): 0 for a regular train, 1 for a Poisson process. It needs at
// least 3 spikes (2 intervals).
func CV(train []float64) (float64, error) {
	isi, err := ISI(train)
	if err != nil {
		return 0, err
	}
	if len(isi) < 2 {
		return 0, fmt.Errorf("analysis: CV needs at least 3 spikes, got %d", len(train))
	}
	mu, v := meanVar(isi)
	if mu == 0 {
		return 0, fmt.Errorf("analysis: CV of %d spikes at one time is undefined", len(train))
	}
	return math.Sqrt(v) / mu, nil
}

// PooledCV returns the CV of the interspike intervals of all trains taken
// together (each train's intervals within that train): the statistic the
// CUBA and E/I-balanced examples quote for a population. Trains with fewer
// than 2 spikes contribute nothing.
func PooledCV(trains [][]float64) (float64, error) {
	var all []float64
	for k, tr := range trains {
		if err := checkTrain(fmt.Sprintf("train %d", k), tr); err != nil {
			return 0, err
		}
		for j := 1; j < len(tr); j++ {
			all = append(all, tr[j]-tr[j-1])
		}
	}
	if len(all) < 2 {
		return 0, fmt.Errorf("analysis: pooled CV needs at least 2 intervals, got %d", len(all))
	}
	mu, v := meanVar(all)
	if mu == 0 {
		return 0, fmt.Errorf("analysis: pooled CV of intervals all zero is undefined")
	}
	return math.Sqrt(v) / mu, nil
}

// MeanCV returns the mean over trains of each train's CV, skipping trains
// with fewer than 3 spikes, and the number of trains averaged.
func MeanCV(trains [][]float64) (float64, int, error) {
	sum, n := 0.0, 0
	for k, tr := range trains {
		if err := checkTrain(fmt.Sprintf("train %d", k), tr); err != nil {
			return 0, 0, err
		}
		if len(tr) < 3 || tr[len(tr)-1] == tr[0] {
			continue
		}
		cv, err := CV(tr)
		if err != nil {
			return 0, 0, err
		}
		sum += cv
		n++
	}
	if n == 0 {
		return 0, 0, fmt.Errorf("analysis: no train has the 3 spikes a CV needs")
	}
	return sum / float64(n), n, nil
}

// meanVar returns the mean and the population variance (divisor n) of xs,
// by two passes (the one-pass formula cancels catastrophically).
func meanVar(xs []float64) (mean, variance float64) {
	for _, x := range xs {
		mean += x
	}
	mean /= float64(len(xs))
	for _, x := range xs {
		d := x - mean
		variance += d * d
	}
	return mean, variance / float64(len(xs))
}

// Histogram is a histogram of values in bins: bin k holds the values in
// [Edges[k], Edges[k+1]) (the last bin also holds its right edge, as
// numpy.histogram does). len(Edges) = len(Counts) + 1.
type Histogram struct {
	// Edges are the bin edges in the unit of the values (s for intervals).
	Edges []float64
	// Counts are the numbers of values in each bin (or, for a normalised
	// histogram, the density).
	Counts []float64
}

// Centers returns the middle of each bin.
func (h *Histogram) Centers() []float64 {
	c := make([]float64, len(h.Counts))
	for k := range c {
		c[k] = (h.Edges[k] + h.Edges[k+1]) / 2
	}
	return c
}

// maxBins bounds the size of the histograms the package allocates.
const maxBins = 1 << 24

// uniformEdges returns the n+1 edges lo + k·width, checking the size.
func uniformEdges(lo, hi, width float64) ([]float64, error) {
	if err := checkPositive("bin width", width); err != nil {
		return nil, err
	}
	if math.IsNaN(lo) || math.IsInf(lo, 0) || math.IsNaN(hi) || math.IsInf(hi, 0) || !(hi > lo) {
		return nil, fmt.Errorf("analysis: histogram range [%v, %v] is not a finite non-empty interval", lo, hi)
	}
	nf := math.Ceil((hi-lo)/width - 1e-9)
	if nf > maxBins {
		return nil, fmt.Errorf("analysis: range [%g, %g] in bins of %g makes %g bins (at most %d)", lo, hi, width, nf, maxBins)
	}
	n := max(int(nf), 1)
	e := make([]float64, n+1)
	for k := range e {
		e[k] = lo + float64(k)*width
	}
	return e, nil
}

// HistogramOf counts values into the bins [lo + k·width, lo + (k+1)·width)
// covering [lo, hi]; values outside [lo, last edge] are left out. NaN
// values are an error.
func HistogramOf(values []float64, lo, hi, width float64) (*Histogram, error) {
	e, err := uniformEdges(lo, hi, width)
	if err != nil {
		return nil, err
	}
	h := &Histogram{Edges: e, Counts: make([]float64, len(e)-1)}
	for k, v := range values {
		if math.IsNaN(v) {
			return nil, fmt.Errorf("analysis: value %d is NaN", k)
		}
		h.add(v)
	}
	return h, nil
}

// add counts v in its bin, if it falls in the histogram's range.
func (h *Histogram) add(v float64) {
	n := len(h.Counts)
	lo, last := h.Edges[0], h.Edges[n]
	if v < lo || v > last {
		return
	}
	width := h.Edges[1] - h.Edges[0]
	k := int((v - lo) / width)
	// Correct the rounding of the division against the stored edges.
	for k > 0 && v < h.Edges[min(k, n)] {
		k--
	}
	for k < n-1 && v >= h.Edges[k+1] {
		k++
	}
	h.Counts[min(k, n-1)]++
}

// ISIHistogram returns the histogram of the interspike intervals of all
// trains (each train's intervals within that train) in bins of width
// seconds from 0 to maxISI seconds; longer intervals are left out.
func ISIHistogram(trains [][]float64, width, maxISI float64) (*Histogram, error) {
	h0, err := HistogramOf(nil, 0, maxISI, width)
	if err != nil {
		return nil, err
	}
	for k, tr := range trains {
		isi, err := ISI(tr)
		if err != nil {
			return nil, fmt.Errorf("analysis: train %d: %w", k, err)
		}
		for _, v := range isi {
			h0.add(v)
		}
	}
	return h0, nil
}

// FanoFactor returns the Fano factor of the spike counts of a train in
// consecutive windows of width seconds tiling [start, end): the variance of
// the counts (divisor n) over their mean. It is 1 for a Poisson process and
// 0 for a clock. A trailing partial window is left out.
func FanoFactor(train []float64, start, end, width float64) (float64, error) {
	if err := checkTrain("train", train); err != nil {
		return 0, err
	}
	if err := checkPositive("window width", width); err != nil {
		return 0, err
	}
	nf := math.Floor((end - start) / width * (1 + 1e-12))
	if !(nf >= 2) {
		return 0, fmt.Errorf("analysis: [%g, %g) s holds %g windows of %g s; a Fano factor needs at least 2", start, end, nf, width)
	}
	if nf > maxBins {
		return 0, fmt.Errorf("analysis: %g windows is too many (at most %d)", nf, maxBins)
	}
	counts := make([]float64, int(nf))
	for _, t := range train {
		if t < start {
			continue
		}
		k := int((t - start) / width)
		if k < len(counts) {
			counts[k]++
		}
	}
	mu, v := meanVar(counts)
	if mu == 0 {
		return 0, fmt.Errorf("analysis: Fano factor of a train with no spikes in [%g, %g) s is undefined", start, end)
	}
	return v / mu, nil
}
