package netfig

import (
	"math"
	"path/filepath"
	"testing"
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
