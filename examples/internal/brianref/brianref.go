// Package brianref reads the Brian2 runs stored beside the network
// examples (testdata/brian2_*.json, written by the script next to them) and
// compares an example's numbers with them.
package brianref

import (
	"encoding/json"
	"fmt"
	"math"
	"os"
)

// Run is one Brian2 run of an example.
type Run struct {
	Seed   int     `json:"seed"`
	Rate   float64 `json:"rate"`    // mean rate per neuron, Hz
	MeanCV float64 `json:"mean_cv"` // the neurons' mean ISI CV
	Wall   float64 `json:"wall_s"`  // wall time of construction and run, s
	PeakHz float64 `json:"peak_hz"` // frequency of a population oscillation, Hz
	Spikes int     `json:"spikes"`  // number of output spikes
	Corr   float64 `json:"corr"`    // a correlation the example defines
	MAE    float64 `json:"mae"`     // a mean absolute difference the example defines
	Frac   float64 `json:"frac"`    // a fraction the example defines
	F0     float64 `json:"f0"`      // fundamental frequency of the stimulus, Hz
	Pitch  float64 `json:"pitch"`   // pitch the network finds, Hz
	// Summary is a per-bin count the example defines (e.g. coincidences
	// per delay).
	Summary []float64 `json:"summary"`
}

// Runs are Brian2's runs of an example.
type Runs struct {
	Brian2 string `json:"brian2"`
	Runs   []Run  `json:"runs"`
}

// Load reads a brian2_*.json file.
func Load(path string) (*Runs, error) {
	b, err := os.ReadFile(path)
	if err != nil {
		return nil, err
	}
	var r Runs
	if err := json.Unmarshal(b, &r); err != nil {
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	if len(r.Runs) == 0 {
		return nil, fmt.Errorf("%s: no runs", path)
	}
	return &r, nil
}

// MeanSD returns the mean and sample standard deviation of xs (0 for one
// value).
func MeanSD(xs []float64) (mean, sd float64) {
	for _, x := range xs {
		mean += x
	}
	mean /= float64(len(xs))
	if len(xs) < 2 {
		return mean, 0
	}
	for _, x := range xs {
		sd += (x - mean) * (x - mean)
	}
	return mean, math.Sqrt(sd / float64(len(xs)-1))
}

// Field returns one number of every run.
func (r *Runs) Field(f func(Run) float64) []float64 {
	out := make([]float64, len(r.Runs))
	for k, x := range r.Runs {
		out[k] = f(x)
	}
	return out
}

// Agree reports whether samples a and b (runs with different seeds) have
// means within k standard errors of their difference, the spread of each
// taken as at least floor (few runs estimate a spread badly).
func Agree(a, b []float64, k, floor float64) (bool, string) {
	ma, sa := MeanSD(a)
	mb, sb := MeanSD(b)
	sa, sb = math.Max(sa, floor), math.Max(sb, floor)
	se := math.Sqrt(sa*sa/float64(len(a)) + sb*sb/float64(len(b)))
	return math.Abs(ma-mb) <= k*se, fmt.Sprintf("%.3g ± %.2g (n = %d) against %.3g ± %.2g (n = %d)", ma, sa, len(a), mb, sb, len(b))
}
