package filterbank

import (
	"math"
	"math/rand/v2"
	"testing"

	"github.com/gohears/hears/internal/refdata"
)

// lowPassRef is Brian Hears' first-order LowPass (b = [dt/τ, 0],
// a = [1, −(1 − dt/τ)], τ = 1/(2π fc)), written out for the cascade tests.
func lowPassRef(fc []float64, fs float64) (b, a [][][]float64) {
	b = newCoefficients(len(fc), 2, 1)
	a = newCoefficients(len(fc), 2, 1)
	dt := 1 / fs
	for c, f := range fc {
		tau := 1 / (2 * math.Pi * f)
		b[c][0][0], b[c][1][0] = dt/tau, 0
		a[c][0][0], a[c][1][0] = 1, -(1 - dt/tau)
	}
	return b, a
}

func TestCascadeCoefficientsReference(t *testing.T) {
	c := linCase(t, "cascade_lowpass_x4")
	b, a := lowPassRef(refFloats(t, c, "parameters", "fc", "value"), 20000)
	cb, ca, err := CascadeCoefficients(b, a, 4)
	if err != nil {
		t.Fatal(err)
	}
	wb, wa := linCoefficients(t, linCase(t, "cascade_lowpass_x4"))
	compareCoefficients(t, "b", cb, wb, 1e-15)
	compareCoefficients(t, "a", ca, wa, 1e-15)
	checkRefOutput(t, "cascade_lowpass_x4", cb, ca)

	// A multi-stage bank is cascaded whole: stages s0 s1 s0 s1.
	b2, a2, err := CascadeCoefficients(cb[:1], ca[:1], 2)
	if err != nil {
		t.Fatal(err)
	}
	if len(b2[0][0]) != 8 || len(a2[0][1]) != 8 {
		t.Fatalf("cascading 4 stages twice gives %d stages", len(b2[0][0]))
	}
	if _, _, err := CascadeCoefficients(b, a, 0); err == nil {
		t.Error("cascade of 0 copies accepted")
	}
	if _, _, err := CascadeCoefficients(b[:2], a, 2); err == nil {
		t.Error("mismatched b and a accepted")
	}
}

func TestDecascadeKeepsTransferFunction(t *testing.T) {
	c := linCase(t, "approximate_gammatone_order4")
	cf := refFloats(t, c, "parameters", "cf", "value")
	bw := refFloats(t, c, "parameters", "bandwidth", "value")
	b, a, err := ApproximateGammatoneCoefficients(cf, 44100, bw, 4)
	if err != nil {
		t.Fatal(err)
	}
	x := noiseColumn(2000, 3, 4)
	want := tdf2(b, a, x)
	peak := peakAbs(want)
	for _, n := range []int{4, 2} {
		db, da, err := DecascadeCoefficients(b, a, n)
		if err != nil {
			t.Fatal(err)
		}
		if got := len(db[0]); got != 2*(4/n)+1 {
			t.Fatalf("ncascade %d: %d taps", n, got)
		}
		// A 4th-order direct form at these low normalised frequencies loses
		// digits (an 8th-order one, ncascade 1, is unstable at 100 Hz once
		// rounded, and NewLinearKernel refuses it, TestDirectFormGammatone-
		// Stability: the reason Brian Hears and gohears keep cascades of
		// sections);
		// 1e-6 of the peak still shows that the merge is the same filter.
		if _, err := refdata.Compare(tdf2(db, da, x), want, refdata.Tolerance{Rtol: 1e-6, Atol: 1e-6 * peak}); err != nil {
			t.Errorf("ncascade %d: %v", n, err)
		}
	}
	// Higher centre frequencies survive a single 8th-order section.
	hb, ha, err := ApproximateGammatoneCoefficients([]float64{2000, 4000, 8000}, 44100, []float64{250, 450, 900}, 4)
	if err != nil {
		t.Fatal(err)
	}
	hwant := tdf2(hb, ha, x)
	hpeak := 0.0
	for _, v := range hwant {
		hpeak = math.Max(hpeak, math.Abs(v))
	}
	db, da, err := DecascadeCoefficients(hb, ha, 1)
	if err != nil {
		t.Fatal(err)
	}
	// The single 8th-order section (poles of multiplicity 4) turns one ulp
	// in its coefficients into ~1e-8 of the peak: 7.6e-9 on amd64, 1.5e-8
	// on arm64, whose fused multiply-adds round two of the merged
	// coefficients (a5, a7) one ulp differently. 4e-8 bounds that
	// conditioning; a wrong merge is off by orders of magnitude more.
	if _, err := refdata.Compare(tdf2(db, da, x), hwant, refdata.Tolerance{Rtol: 4e-8, Atol: 4e-8 * hpeak}); err != nil {
		t.Errorf("ncascade 1 at 2-8 kHz: %v", err)
	}
	// a[0] is normalised away when merging.
	sb, sa := newCoefficients(1, 2, 2), newCoefficients(1, 2, 2)
	sb[0][0][0], sb[0][0][1] = 2, 3
	sa[0][0][0], sa[0][1][0], sa[0][0][1], sa[0][1][1] = 2, 1, 1, 0.5
	db, da, err = DecascadeCoefficients(sb, sa, 1)
	if err != nil {
		t.Fatal(err)
	}
	// (2)(3) / ((2 + z⁻¹)(1 + 0.5 z⁻¹)) = 3 / (1 + z⁻¹ + 0.25 z⁻²)
	if got := []float64{db[0][0][0], db[0][1][0], db[0][2][0], da[0][0][0], da[0][1][0], da[0][2][0]}; got[0] != 3 || got[1] != 0 || got[2] != 0 || got[3] != 1 || got[4] != 1 || got[5] != 0.25 {
		t.Errorf("merged coefficients %v, want b = [3 0 0], a = [1 1 0.25]", got)
	}
	if _, _, err := DecascadeCoefficients(b, a, 3); err == nil {
		t.Error("3 cascades out of 4 stages accepted")
	}
	if _, _, err := DecascadeCoefficients(nil, nil, 1); err == nil {
		t.Error("empty coefficients accepted")
	}
}

func TestSplitCoefficients(t *testing.T) {
	// Brian Hears' direct-form Butterworth band-pass, split into sections,
	// still reproduces the reference output.
	wb, wa := linCoefficients(t, linCase(t, "butterworth_bandpass_order2"))
	sb, sa, err := SplitCoefficients(wb, wa)
	if err != nil {
		t.Fatal(err)
	}
	if len(sb[0]) != 3 || len(sb[0][0]) != 2 {
		t.Fatalf("order-4 stage split into [%d][%d], want 3 taps × 2 sections", len(sb[0]), len(sb[0][0]))
	}
	checkRefOutput(t, "butterworth_bandpass_order2", sb, sa)

	// Merging and splitting a gammatone gives back the filter.
	c := linCase(t, "approximate_gammatone_order4")
	b, a, err := ApproximateGammatoneCoefficients(refFloats(t, c, "parameters", "cf", "value"), 44100, refFloats(t, c, "parameters", "bandwidth", "value"), 4)
	if err != nil {
		t.Fatal(err)
	}
	db, da, err := DecascadeCoefficients(b, a, 2)
	if err != nil {
		t.Fatal(err)
	}
	rb, ra, err := SplitCoefficients(db, da)
	if err != nil {
		t.Fatal(err)
	}
	if len(rb[0][0]) != 4 {
		t.Fatalf("2 stages of order 4 split into %d sections, want 4", len(rb[0][0]))
	}
	x := noiseColumn(1500, 9, 9)
	want := tdf2(b, a, x)
	peak := peakAbs(want)
	// Splitting finds the roots of 4th-order polynomials whose poles
	// nearly coincide, which is accurate only to about the square root of
	// the coefficients' rounding: 1e-7 of the peak, not 1e-12.
	if _, err := refdata.Compare(tdf2(rb, ra, x), want, refdata.Tolerance{Rtol: 1e-7, Atol: 1e-7 * peak}); err != nil {
		t.Errorf("decascade then split: %v", err)
	}

	// Delays, a zero numerator, a[0] ignored, channels padded.
	db2 := [][][]float64{{{0}, {0}, {2}}, {{0}, {0}, {0}}, {{3}, {0}, {0}}}
	da2 := [][][]float64{{{1}, {0}, {0}}, {{1}, {0.5}, {0}}, {{7}, {-0.5}, {0.06}}}
	sb2, sa2, err := SplitCoefficients(db2, da2)
	if err != nil {
		t.Fatal(err)
	}
	imp := make([][]float64, 8)
	for i := range imp {
		imp[i] = []float64{0}
	}
	imp[0][0] = 1
	if got, want := tdf2(sb2, sa2, imp), tdf2(db2, da2, imp); !closeSlices(got, want, 1e-14) {
		t.Errorf("split impulse response %v, want %v", got, want)
	}
}

func closeSlices(x, y []float64, tol float64) bool {
	if len(x) != len(y) {
		return false
	}
	for i := range x {
		if math.Abs(x[i]-y[i]) > tol*(1+math.Abs(y[i])) {
			return false
		}
	}
	return true
}

// noiseColumn is n frames of one channel of seeded Gaussian noise, in
// tdf2's [frame][channel] layout.
func noiseColumn(n int, seed1, seed2 uint64) [][]float64 {
	r := rand.New(rand.NewPCG(seed1, seed2))
	x := make([][]float64, n)
	for i := range x {
		x[i] = []float64{r.NormFloat64()}
	}
	return x
}

// peakAbs is the largest |v| in x.
func peakAbs(x []float64) float64 {
	peak := 0.0
	for _, v := range x {
		peak = math.Max(peak, math.Abs(v))
	}
	return peak
}
