package main

import (
	"path/filepath"
	"testing"
)

func TestFIRFilterbank(t *testing.T) {
	r, err := run(0.1, 2)
	if err != nil {
		t.Fatal(err)
	}
	if r.taps != 6615 {
		t.Errorf("%d taps, want 6615 (150 ms at 44.1 kHz)", r.taps)
	}
	// The FIR bank with the gammatones' impulse responses reproduces the
	// gammatone bank, up to the truncated tail (the 100 Hz response decays
	// to ~1e-11 of its peak by 150 ms).
	if r.relDiff > 1e-10 {
		t.Errorf("largest |FIR - IIR| is %.3g of the peak, want < 1e-10", r.relDiff)
	}
	if r.iir.Peak() == 0 {
		t.Fatal("silent output")
	}
	if err := draw(r, filepath.Join(t.TempDir(), "f.png")); err != nil {
		t.Fatal(err)
	}
}
