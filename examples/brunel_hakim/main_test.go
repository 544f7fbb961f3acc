package main

import (
	"math"
	"path/filepath"
	"testing"

	"github.com/gohears/hears/examples/internal/brianref"
)

// TestBrunelHakimAgainstBrian2 compares the mean rate and the frequency of
// the population oscillation with Brian2's runs of Brunel_Hakim_1999.py on
// this machine (0.5 s, three seeds each); -short runs one seed for 0.2 s
// and checks the rhythm is in Brian2's band.
func TestBrunelHakimAgainstBrian2(t *testing.T) {
	ref, err := brianref.Load("testdata/brian2_brunel_hakim.json")
	if err != nil {
		t.Fatal(err)
	}
	seeds, dur := []uint64{1, 2, 3}, 0.5
	if testing.Short() {
		seeds, dur = seeds[:1], 0.2
	}
	var rates, peaks []float64
	for _, s := range seeds {
		r, err := run(dur, s)
		if err != nil {
			t.Fatal(err)
		}
		t.Logf("seed %d: %v; rhythm %.1f Hz", s, r.stats, r.peakHz)
		rates = append(rates, r.stats.Rate)
		peaks = append(peaks, r.peakHz)
		if s == 1 {
			if err := draw(r, filepath.Join(t.TempDir(), "bh.png")); err != nil {
				t.Fatal(err)
			}
		}
	}
	refPeaks := ref.Field(func(r brianref.Run) float64 { return r.PeakHz })
	if testing.Short() {
		lo, hi := math.Inf(1), math.Inf(-1)
		for _, p := range refPeaks {
			lo, hi = math.Min(lo, p), math.Max(hi, p)
		}
		// 0.15 s of rate resolves the peak to about ±7 Hz.
		if peaks[0] < lo-10 || peaks[0] > hi+10 {
			t.Errorf("rhythm %.1f Hz, Brian2 %.1f–%.1f Hz", peaks[0], lo, hi)
		}
		return
	}
	if ok, msg := brianref.Agree(rates, ref.Field(func(r brianref.Run) float64 { return r.Rate }), 3, 0.1); !ok {
		t.Errorf("mean rate %s Hz", msg)
	} else {
		t.Logf("mean rate %s Hz", msg)
	}
	if ok, msg := brianref.Agree(peaks, refPeaks, 3, 3); !ok {
		t.Errorf("rhythm %s Hz", msg)
	} else {
		t.Logf("rhythm %s Hz", msg)
	}
}
