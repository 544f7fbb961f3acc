package main

import (
	"math"
	"path/filepath"
	"testing"

	"github.com/gohears/hears/examples/internal/brianref"
)

// TestCUBAAgainstBrian2 compares the mean rate and the neurons' mean CV of
// 1 s runs with Brian2's runs of CUBA.py on this machine
// (testdata/brian2_cuba.json; the seeds differ, so the runs are compared
// as samples: means within 3 standard errors).
func TestCUBAAgainstBrian2(t *testing.T) {
	ref, err := brianref.Load("testdata/brian2_cuba.json")
	if err != nil {
		t.Fatal(err)
	}
	if testing.Short() {
		// 0.4 s of one seed (the race detector makes a 1 s run take
		// minutes): its rate against Brian2's 1 s mean, within the seed
		// spread and the 0.4 s run's sampling (the CV needs the full run).
		r, err := run(0.4, 1)
		if err != nil {
			t.Fatal(err)
		}
		want, _ := brianref.MeanSD(ref.Field(func(r brianref.Run) float64 { return r.Rate }))
		if math.Abs(r.stats.Rate-want) > 1 {
			t.Errorf("0.4 s: %v; Brian2 1 s mean %.2f Hz", r.stats, want)
		}
		if err := draw(r, filepath.Join(t.TempDir(), "cuba.png")); err != nil {
			t.Fatal(err)
		}
		return
	}
	seeds := []uint64{1, 2, 3, 4}
	var rates, cvs []float64
	for _, s := range seeds {
		r, err := run(1, s)
		if err != nil {
			t.Fatal(err)
		}
		t.Logf("seed %d: %v", s, r.stats)
		rates = append(rates, r.stats.Rate)
		cvs = append(cvs, r.stats.MeanCV)
		if s == 1 {
			if err := draw(r, filepath.Join(t.TempDir(), "cuba.png")); err != nil {
				t.Fatal(err)
			}
		}
	}
	// Seed-to-seed spread: ~0.25 Hz in rate, ~0.01 in CV.
	if ok, msg := brianref.Agree(rates, ref.Field(func(r brianref.Run) float64 { return r.Rate }), 3, 0.25); !ok {
		t.Errorf("mean rate %s Hz", msg)
	} else {
		t.Logf("mean rate %s Hz", msg)
	}
	if ok, msg := brianref.Agree(cvs, ref.Field(func(r brianref.Run) float64 { return r.MeanCV }), 3, 0.01); !ok {
		t.Errorf("mean CV %s", msg)
	} else {
		t.Logf("mean CV %s", msg)
	}
}
