package main

import (
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
	seeds := []uint64{1, 2, 3, 4}
	if testing.Short() {
		seeds = seeds[:1]
	}
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
