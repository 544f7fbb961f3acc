package main

import (
	"path/filepath"
	"testing"

	"github.com/gohears/hears/examples/internal/brianref"
)

// TestLickliderAgainstBrian2 compares the spike count, the fraction of
// spikes on the rising pitch or its half, third or quarter, and how well
// the detectors at the pitch track it, with Brian2's runs of its Licklider
// example on this machine (testdata/, written by the script there).
func TestLickliderAgainstBrian2(t *testing.T) {
	ref, err := brianref.Load("testdata/brian2_licklider.json")
	if err != nil {
		t.Fatal(err)
	}
	seeds := []uint64{1, 2, 3, 4}
	if testing.Short() {
		seeds = seeds[:1]
	}
	var spikes, frac, corr []float64
	for _, s := range seeds {
		r, err := run(s)
		if err != nil {
			t.Fatal(err)
		}
		t.Logf("seed %d: %d spikes, %.3f on the pitch lines, correlation %.4f", s, len(r.i), r.frac, r.corr)
		spikes, frac, corr = append(spikes, float64(len(r.i))), append(frac, r.frac), append(corr, r.corr)
		if s == 1 {
			if err := draw(r, filepath.Join(t.TempDir(), "l.png")); err != nil {
				t.Fatal(err)
			}
		}
	}
	// Floors: seed-to-seed spreads of Brian2's runs (≈ 30 spikes, 0.01 in
	// the fraction, 0.002 in the correlation).
	for _, c := range []struct {
		name  string
		got   []float64
		field func(brianref.Run) float64
		floor float64
	}{
		{"spikes", spikes, func(r brianref.Run) float64 { return float64(r.Spikes) }, 30},
		{"fraction on the pitch lines", frac, func(r brianref.Run) float64 { return r.Frac }, 0.01},
		{"correlation at the pitch", corr, func(r brianref.Run) float64 { return r.Corr }, 0.002},
	} {
		if ok, msg := brianref.Agree(c.got, ref.Field(c.field), 3, c.floor); !ok {
			t.Errorf("%s %s", c.name, msg)
		} else {
			t.Logf("%s %s", c.name, msg)
		}
	}
}
