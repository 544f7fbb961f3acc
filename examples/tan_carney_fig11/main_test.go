package main

import (
	"math"
	"os"
	"path/filepath"
	"testing"
)

// TestFig11 runs the example on a few frequencies: rates rise from the
// spontaneous 50/s and saturate near CF, and the phase re 90 dB at 10 dB
// lags below CF and leads above it (Tan & Carney 2003, Fig. 11).
func TestFig11(t *testing.T) {
	freqs := []float64{1700, 2200, 2600}
	r, ph, err := run(freqs, levels)
	if err != nil {
		t.Fatal(err)
	}
	if r[1][0] < 55 || r[1][0] > 100 {
		t.Errorf("rate at CF, 10 dB: %.1f/s, want just above spontaneous (55-100)", r[1][0])
	}
	if d := r[1][4] - r[1][3]; d > 0.1*(r[1][3]-r[1][0]) || r[1][4] > 250 {
		t.Errorf("rate at CF not saturating: %.1f", r[1])
	}
	if p := relPhase(ph[0], 0); p > -0.1 {
		t.Errorf("phase at 1700 Hz, 10 dB re 90 dB: %.3fπ, want a lag below -0.1π", p)
	}
	if p := relPhase(ph[2], 0); p < 0.1 {
		t.Errorf("phase at 2600 Hz, 10 dB re 90 dB: %.3fπ, want a lead above 0.1π", p)
	}
	if p := relPhase(ph[1], 4); math.Abs(p) > 1e-12 {
		t.Errorf("phase re itself %.3g", p)
	}
	path := filepath.Join(t.TempDir(), "fig11.png")
	if err := drawFigure(path, freqs, r, ph); err != nil {
		t.Fatal(err)
	}
	if st, err := os.Stat(path); err != nil || st.Size() == 0 {
		t.Fatalf("PNG not written: %v", err)
	}
}
