package netfig

import (
	"math"
	"path/filepath"
	"testing"

	"github.com/gohears/hears/spiking"
)

func TestSplitSummariseSave(t *testing.T) {
	pops := []Population{{"E", 0, 3}, {"I", 3, 2}}
	idx := []int{0, 4, 3, 2, 0, 0}
	ts := []float64{0.1, 0.15, 0.2, 0.3, 0.5, 0.9}
	gs := Split(pops, idx, ts)
	if len(gs[0].Indices) != 4 || len(gs[1].Indices) != 2 || gs[1].Indices[0] != 1 || gs[1].Times[1] != 0.2 {
		t.Fatalf("split %+v", gs)
	}
	trains := [][]float64{{0.1, 0.5, 0.9}, nil, {0.3}, {0.2}, {0.15}}
	s, err := Summarise(trains, 1)
	if err != nil {
		t.Fatal(err)
	}
	if s.Spikes != 6 || math.Abs(s.Rate-1.2) > 1e-12 || s.MeanCV != 0 {
		t.Errorf("stats %+v", s)
	}
	rate := make([]float64, 1000)
	rate[500] = 1e4
	if err := Save(filepath.Join(t.TempDir(), "a.png"), "test", pops, idx, ts, 1, 1e-3, rate, 5e-3); err != nil {
		t.Fatal(err)
	}
}

func TestSimulate(t *testing.T) {
	p, err := spiking.NewPoissonGroup(50, []float64{100}, spiking.GroupOptions{})
	if err != nil {
		t.Fatal(err)
	}
	r, err := Simulate(1e-4, 1, 3, p, p)
	if err != nil {
		t.Fatal(err)
	}
	// 5000 expected spikes: Poisson s.d. 71.
	if r.Stats.Spikes != len(r.I) || len(r.I) != len(r.T) || math.Abs(r.Stats.Rate-100) > 5*math.Sqrt(5000)/50 {
		t.Errorf("%d spikes, %d times, stats %+v", len(r.I), len(r.T), r.Stats)
	}
	if len(r.Rate) != 10000 {
		t.Errorf("%d rate samples for 10 000 steps", len(r.Rate))
	}
	sum := 0.0
	for _, x := range r.Rate {
		sum += x * 1e-4 * 50
	}
	if math.Abs(sum-float64(len(r.I))) > 1e-6 {
		t.Errorf("the population rate integrates to %g spikes, the monitor has %d", sum, len(r.I))
	}
}
