package main

import (
	"math"
	"os"
	"path/filepath"
	"slices"
	"testing"

	"github.com/gohears/hears/chain"
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

// TestCompareModels runs every model of chain.CochlearModels on the vowel
// and the tone, checks what the comparison figure's profiles show, and
// draws it. Values measured on the example's sounds in brackets.
//
//   - The tone: every model's most excited channel is within 0.85–1.25 of
//     1 kHz (Gammatone 966 Hz, DRNL 1036, DCGC 1189: the gammachirp peaks
//     below CF, so channels above 1 kHz answer it most, Tan–Carney 1036,
//     Zilany 966, CARFAC 905), and two octaves away (≤ 250 Hz, ≥ 4 kHz)
//     every channel is below half of that (the rate models sit at their
//     spontaneous rate there, 0.33–0.40 of the peak).
//   - The vowel /a/: every model's most excited channel lies in the first
//     two formants' region, 600–1250 Hz (723, 838, 900, 779, 723, 692 Hz).
//     The third formant (2440 Hz) makes a local maximum of the profile
//     within 2.2–2.7 kHz in Gammatone (2423 Hz), DRNL (2578), Tan–Carney
//     (2423) and Zilany (2423); DCGC's broad filters and CARFAC's
//     compression (the AGC pulls F3's channels down to 1% of F1's) leave
//     none there.
//   - The vowel's resolved harmonics: the linear gammatone bank's profile
//     has local maxima within 6% of 2, 3 and 4 times the 125 Hz pitch
//     (252, 375, 487 Hz).
func TestCompareModels(t *testing.T) {
	rs, err := compareAll()
	if err != nil {
		t.Fatal(err)
	}
	models := chain.CochlearModels()
	if len(rs) != len(models) || len(rs) < 6 {
		t.Fatalf("%d responses for %d models", len(rs), len(models))
	}
	f3 := map[string]bool{"gammatone": true, "drnl": true, "tancarney": true, "zilany": true}
	for i, r := range rs {
		name := r.model.Name
		if name != models[i].Name {
			t.Fatalf("response %d is %s, want %s", i, name, models[i].Name)
		}
		nc := len(r.cf)
		for _, y := range [][]float64{r.vowel, r.tone} {
			if len(y) == 0 || len(y)%nc != 0 {
				t.Fatalf("%s: %d samples for %d channels", name, len(y), nc)
			}
			for _, v := range y {
				if math.IsNaN(v) || math.IsInf(v, 0) {
					t.Fatalf("%s: non-finite output", name)
				}
			}
		}
		pv, pt := profile(r.vowel, nc, r.rate), profile(r.tone, nc, r.rate)
		it, iv := measure.ArgMax(pt), measure.ArgMax(pv)
		if f := r.cf[it]; f < 0.85*compareTone || f > 1.25*compareTone {
			t.Errorf("%s: the tone excites channel %.0f Hz most, want 0.85–1.25 × %d Hz", name, f, compareTone)
		}
		for c, f := range r.cf {
			if (f <= compareTone/4 || f >= compareTone*4) && pt[c] >= 0.5*pt[it] {
				t.Errorf("%s: channel %.0f Hz answers the tone with %.2f of the peak, want below 0.5", name, f, pt[c]/pt[it])
			}
		}
		if f := r.cf[iv]; f < 600 || f > 1250 {
			t.Errorf("%s: the vowel excites channel %.0f Hz most, want within the first two formants' 600–1250 Hz", name, f)
		}
		maxima := localMaxima(pv, r.cf)
		if f3[name] && !slices.ContainsFunc(maxima, func(f float64) bool { return f >= 2200 && f <= 2700 }) {
			t.Errorf("%s: no local maximum of the vowel's profile within 2.2–2.7 kHz (F3 2440 Hz); maxima at %v Hz", name, maxima)
		}
		if name == "gammatone" {
			for h := 2; h <= 4; h++ {
				want := float64(h * comparePitch)
				if !slices.ContainsFunc(maxima, func(f float64) bool { return math.Abs(f/want-1) <= 0.06 }) {
					t.Errorf("gammatone: no local maximum of the vowel's profile within 6%% of harmonic %d (%.0f Hz); maxima at %v Hz", h, want, maxima)
				}
			}
		}
	}
	path := filepath.Join(t.TempDir(), "all.png")
	if err := drawComparison(path, rs); err != nil {
		t.Fatal(err)
	}
	if st, err := os.Stat(path); err != nil || st.Size() == 0 {
		t.Fatalf("PNG not written: %v", err)
	}
}

// localMaxima returns the centre frequencies (Hz) of the channels whose
// profile value is at least that of both neighbours.
func localMaxima(p, cf []float64) []float64 {
	var at []float64
	for c := 1; c+1 < len(p); c++ {
		if p[c] >= p[c-1] && p[c] >= p[c+1] {
			at = append(at, math.Round(cf[c]))
		}
	}
	return at
}
