package main

import (
	"math"
	"path/filepath"
	"slices"
	"testing"

	"github.com/gohears/hears/examples/internal/brianref"
)

// TestEIBalancedAgainstBrian2 compares the mean rate and the neurons' mean
// CV over 100 ms with Brian2 running the same network on this machine
// (three seeds each; the rate varies by ~3 Hz from seed to seed).
func TestEIBalancedAgainstBrian2(t *testing.T) {
	ref, err := brianref.Load("testdata/brian2_ei.json")
	if err != nil {
		t.Fatal(err)
	}
	seeds := []uint64{1, 2, 3}
	if testing.Short() {
		seeds = seeds[:1]
	}
	var rates, cvs []float64
	for _, s := range seeds {
		r, err := run(0.1, s, false)
		if err != nil {
			t.Fatal(err)
		}
		t.Logf("seed %d: %v", s, r.stats)
		rates, cvs = append(rates, r.stats.Rate), append(cvs, r.stats.MeanCV)
		if s == 1 {
			if err := draw(r, filepath.Join(t.TempDir(), "ei.png")); err != nil {
				t.Fatal(err)
			}
		}
	}
	if ok, msg := brianref.Agree(rates, ref.Field(func(r brianref.Run) float64 { return r.Rate }), 3, 3); !ok {
		t.Errorf("mean rate %s Hz", msg)
	} else {
		t.Logf("mean rate %s Hz", msg)
	}
	if ok, msg := brianref.Agree(cvs, ref.Field(func(r brianref.Run) float64 { return r.MeanCV }), 3, 0.02); !ok {
		t.Errorf("mean CV %s", msg)
	} else {
		t.Logf("mean CV %s", msg)
	}
}

// TestGoModelMatchesEquations runs the network written in Go (neurons as a
// ModelGroup, synapses as a Connection) and as equations: the same spikes,
// all of them (the Go model's
// exponential Euler step rounds as the generated code does here).
func TestGoModelMatchesEquations(t *testing.T) {
	for _, s := range []uint64{1, 2} {
		eq, err := run(0.1, s, false)
		if err != nil {
			t.Fatal(err)
		}
		gm, err := run(0.1, s, true)
		if err != nil {
			t.Fatal(err)
		}
		t.Logf("seed %d: equations %v; Go model %v", s, eq.stats, gm.stats)
		if !slices.Equal(eq.i, gm.i) || !slices.Equal(eq.t, gm.t) {
			t.Errorf("seed %d: the Go model's spikes differ from the equations'", s)
		}
		if math.Abs(eq.stats.Rate-gm.stats.Rate) > 3 || math.Abs(eq.stats.MeanCV-gm.stats.MeanCV) > 0.05 {
			t.Errorf("seed %d: equations %v, Go model %v", s, eq.stats, gm.stats)
		}
		// Spikes before the first inhibition arrives are the same.
		first := func(r *result) (n int) {
			for _, x := range r.t {
				if x < 5e-3 {
					n++
				}
			}
			return n
		}
		if a, b := first(eq), first(gm); a != b {
			t.Errorf("seed %d: %d spikes in the first 5 ms from equations, %d from the Go model", s, a, b)
		}
	}
}
