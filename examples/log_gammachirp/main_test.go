package main

import (
	"math"
	"path/filepath"
	"testing"

	"github.com/gohears/hears/examples/internal/measure"
)

func TestLogGammachirp(t *testing.T) {
	r, err := run(0.05, 5)
	if err != nil {
		t.Fatal(err)
	}
	if got := len(r.out) / channels; got != 2205 {
		t.Fatalf("%d frames, want 2205", got)
	}
	for i, c := range r.pick {
		f := r.cf[c]
		// The best frequency lies below f, and above 400 Hz near the
		// analytic gammachirp's f + c·b·ERB(f)/3 (the IIR version is an
		// approximation, and at low f the predicted shift is a large part of
		// f, where the two part ways).
		best, err := measure.BestFrequency(r.ir[i], r.rate, 0.3*f, 1.5*f, 1)
		if err != nil {
			t.Fatal(err)
		}
		want := predictedPeak(f)
		if f > 400 && math.Abs(best-want)/want > 0.1 {
			t.Errorf("f %.0f Hz: best frequency %.0f Hz, want %.0f Hz ± 10%%", f, best, want)
		}
		if best > 0.85*f {
			t.Errorf("f %.0f Hz: best frequency %.0f Hz is not well below f", f, best)
		}
	}
	// Upward chirps: in the two top channels (enough cycles to measure)
	// the instantaneous frequency rises by more than 15 % over the response.
	for i := 3; i < 5; i++ {
		early, late := glideOf(r.ir[i], r.rate)
		if !(early > 0 && late > 1.15*early) {
			t.Errorf("f %.0f Hz: instantaneous frequency %.0f Hz early, %.0f Hz late: no upward glide", r.cf[r.pick[i]], early, late)
		}
	}
	if err := draw(r, filepath.Join(t.TempDir(), "l.png")); err != nil {
		t.Fatal(err)
	}
}
