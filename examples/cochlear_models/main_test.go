package main

import (
	"math"
	"os"
	"path/filepath"
	"slices"
	"testing"

	"github.com/gohears/hears/examples/internal/measure"
)

// TestCochlearModels runs the three models, checks what their panels show
// (checkPicture) and draws the comparison.
func TestCochlearModels(t *testing.T) {
	outs, cf, err := run()
	if err != nil {
		t.Fatal(err)
	}
	if len(outs) != 3 {
		t.Fatalf("%d outputs", len(outs))
	}
	for i, y := range outs {
		if len(y) != 2500*len(cf) {
			t.Fatalf("%s: %d samples", models[i].name, len(y))
		}
		peak := 0.0
		for _, v := range y {
			if math.IsNaN(v) || math.IsInf(v, 0) {
				t.Fatalf("%s: non-finite output", models[i].name)
			}
			peak = max(peak, math.Abs(v))
		}
		if peak == 0 {
			t.Errorf("%s: silent", models[i].name)
		}
	}
	checkPicture(t, outs, cf)
	path := filepath.Join(t.TempDir(), "models.png")
	if err := drawPanels(path, outs, cf); err != nil {
		t.Fatal(err)
	}
	if st, err := os.Stat(path); err != nil || st.Size() == 0 {
		t.Fatalf("PNG not written: %v", err)
	}
}

// checkPicture checks in numbers what the three panels show (values
// measured on the example's noise in brackets). Tonotopy in every model:
// from CF 250 Hz up, each channel's output rings (zero-crossing rate) at
// 0.7–1.15 times its CF, rising with CF. DCGC rings lowest, below CF, as
// the gammachirp's asymmetry (c1 = −2.96) puts its peak below CF (median
// 0.80 CF, against DRNL 0.94 and TanCarney 0.99). Energy across channels:
// DRNL and DCGC grow towards 1 kHz (RMS at 1 kHz over RMS at 100 Hz: 6.2
// and 15), TanCarney, reading the sound with no middle ear, is loudest at
// the lowest CF (0.20 of it at 1 kHz).
func checkPicture(t *testing.T, outs [][]float64, cf []float64) {
	t.Helper()
	nc := len(cf)
	median := make([]float64, len(outs))
	energy := make([]float64, len(outs))
	for i, y := range outs {
		var ratios []float64
		prev := 0.0
		for c := 0; c < nc; c += 7 {
			if cf[c] < 250 {
				continue
			}
			f := measure.ZeroCrossingRate(measure.Column(y, nc, c)[500:], 50000)
			if f < 0.7*cf[c] || f > 1.15*cf[c] || f <= prev {
				t.Errorf("%s: channel %d (CF %.0f Hz) rings at %.0f Hz, want 0.7–1.15 CF and above the lower channel's %.0f Hz",
					models[i].name, c, cf[c], f, prev)
			}
			prev = f
			ratios = append(ratios, f/cf[c])
		}
		slices.Sort(ratios)
		median[i] = ratios[len(ratios)/2]
		energy[i] = measure.RMS(measure.Column(y, nc, nc-1)[500:]) / measure.RMS(measure.Column(y, nc, 0)[500:])
	}
	if len(outs) != 3 || models[0].name != "DRNL" || models[1].name != "DCGC" || models[2].name != "TanCarney" {
		t.Fatalf("models %v, want DRNL, DCGC, TanCarney", models)
	}
	if !(median[1] < 0.85 && median[0] > 0.9 && median[2] > 0.9) {
		t.Errorf("median ring frequency over CF: DRNL %.2f, DCGC %.2f, TanCarney %.2f; want DCGC below 0.85, the others above 0.9",
			median[0], median[1], median[2])
	}
	if !(energy[0] > 3 && energy[1] > 3 && energy[2] < 0.5) {
		t.Errorf("RMS at 1 kHz over RMS at 100 Hz: DRNL %.2f, DCGC %.2f, TanCarney %.2f; want above 3, above 3, below 0.5",
			energy[0], energy[1], energy[2])
	}
}
