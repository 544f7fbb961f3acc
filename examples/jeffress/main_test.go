package main

import (
	"path/filepath"
	"testing"

	"github.com/gohears/hears/examples/internal/brianref"
)

// TestJeffressAgainstBrian2 compares how well the spikes track the source
// (correlation of each spike's detector with the compensating one, mean
// distance in detectors) with Brian2's runs of the Jeffress example on this
// machine.
func TestJeffressAgainstBrian2(t *testing.T) {
	ref, err := brianref.Load("testdata/brian2_jeffress.json")
	if err != nil {
		t.Fatal(err)
	}
	seeds := []uint64{1, 2, 3, 4}
	if testing.Short() {
		seeds = seeds[:1]
	}
	var corr, mae, spikes []float64
	for _, s := range seeds {
		r, err := run(s)
		if err != nil {
			t.Fatal(err)
		}
		t.Logf("seed %d: %d spikes, correlation %.3f, mean distance %.2f", s, len(r.i), r.corr, r.mae)
		corr, mae, spikes = append(corr, r.corr), append(mae, r.mae), append(spikes, float64(len(r.i)))
		if s == 1 {
			if err := draw(r, filepath.Join(t.TempDir(), "j.png")); err != nil {
				t.Fatal(err)
			}
		}
	}
	// Seed-to-seed spreads: ~0.03 in correlation, ~0.3 detectors, ~30 spikes.
	for _, c := range []struct {
		name  string
		got   []float64
		field func(brianref.Run) float64
		floor float64
	}{
		{"correlation", corr, func(r brianref.Run) float64 { return r.Corr }, 0.03},
		{"mean distance", mae, func(r brianref.Run) float64 { return r.MAE }, 0.3},
		{"spikes", spikes, func(r brianref.Run) float64 { return float64(r.Spikes) }, 30},
	} {
		if ok, msg := brianref.Agree(c.got, ref.Field(c.field), 3, c.floor); !ok {
			t.Errorf("%s %s", c.name, msg)
		} else {
			t.Logf("%s %s", c.name, msg)
		}
	}
}
