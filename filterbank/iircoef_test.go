package filterbank

import (
	"math"
	"testing"

	"github.com/gohears/hears/internal/refdata"
)

// refFloats reads a numeric parameter array of a case.
func refFloats(t *testing.T, c *refdata.Case, keys ...string) []float64 {
	t.Helper()
	v, err := c.Floats(keys...)
	if err != nil {
		t.Fatal(err)
	}
	return v
}

// flatCoefficients flattens [channel][tap][stage] in that order.
func flatCoefficients(x [][][]float64) []float64 {
	var out []float64
	for _, c := range x {
		for _, t := range c {
			out = append(out, t...)
		}
	}
	return out
}

// compareCoefficients checks got against the reference coefficients at a
// relative tolerance of the largest coefficient magnitude of each array.
func compareCoefficients(t *testing.T, what string, got, want [][][]float64, rtol float64) {
	t.Helper()
	g, w := flatCoefficients(got), flatCoefficients(want)
	if len(got) != len(want) || len(got[0]) != len(want[0]) || len(got[0][0]) != len(want[0][0]) {
		t.Fatalf("%s: shape [%d][%d][%d], reference [%d][%d][%d]", what, len(got), len(got[0]), len(got[0][0]), len(want), len(want[0]), len(want[0][0]))
	}
	peak := peakAbs(w)
	if _, err := refdata.Compare(g, w, refdata.Tolerance{Rtol: rtol, Atol: rtol * peak}); err != nil {
		t.Errorf("%s: %v", what, err)
	}
}

func TestApproximateGammatoneCoefficientsReference(t *testing.T) {
	for _, name := range []string{"approximate_gammatone_order3", "approximate_gammatone_order4"} {
		t.Run(name, func(t *testing.T) {
			c := linCase(t, name)
			cf := refFloats(t, c, "parameters", "cf", "value")
			bw := refFloats(t, c, "parameters", "bandwidth", "value")
			order, _ := c.Float("parameters", "order", "value")
			b, a, err := ApproximateGammatoneCoefficients(cf, 44100, bw, int(order))
			if err != nil {
				t.Fatal(err)
			}
			wb, wa := linCoefficients(t, linCase(t, name))
			compareCoefficients(t, "b", b, wb, 1e-13)
			compareCoefficients(t, "a", a, wa, 1e-13)
		})
	}
}

func TestAsymmetricCompensationCoefficientsReference(t *testing.T) {
	c := linCase(t, "asymmetric_compensation")
	f := refFloats(t, c, "parameters", "f", "value")
	bb, _ := c.Float("parameters", "b", "value")
	cc, _ := c.Float("parameters", "c", "value")
	b, a, err := AsymmetricCompensationCoefficients(f, 44100, []float64{bb}, []float64{cc}, 4)
	if err != nil {
		t.Fatal(err)
	}
	wb, wa := linCoefficients(t, linCase(t, "asymmetric_compensation"))
	// The normalisation |A(e^jw)/B(e^jw)| at f cancels heavily (poles and
	// zeros sit near the unit circle at f), so one-ulp differences between
	// Go's and glibc's cos grow to ~1e-13 of the coefficient; the filter
	// outputs are compared at the case's own tolerance below.
	compareCoefficients(t, "b", b, wb, 1e-11)
	compareCoefficients(t, "a", a, wa, 1e-13)

	// Per-channel b and c give the same as scalars broadcast.
	n := len(f)
	bs, cs := make([]float64, n), make([]float64, n)
	for i := range bs {
		bs[i], cs[i] = bb, cc
	}
	b2, a2, err := AsymmetricCompensationCoefficients(f, 44100, bs, cs, 4)
	if err != nil {
		t.Fatal(err)
	}
	compareCoefficients(t, "b per channel", b2, b, 0)
	compareCoefficients(t, "a per channel", a2, a, 0)
}

func TestAsymmetricCompensationIntoAllocates(t *testing.T) {
	f := []float64{500, 1000, 2000}
	b, a, err := AsymmetricCompensationCoefficients(f, 44100, []float64{2.17}, []float64{2.2}, 4)
	if err != nil {
		t.Fatal(err)
	}
	bv, cv := []float64{2.17}, []float64{2.2}
	allocs := testing.AllocsPerRun(100, func() {
		if err := AsymmetricCompensationInto(b, a, f, 44100, bv, cv); err != nil {
			t.Fatal(err)
		}
	})
	if allocs != 0 {
		t.Errorf("AsymmetricCompensationInto allocates %v times per call", allocs)
	}
}

func TestMiddleEarCoefficientsReference(t *testing.T) {
	b, a, err := MiddleEarCoefficients(50000, []float64{1})
	if err != nil {
		t.Fatal(err)
	}
	wb, wa := linCoefficients(t, linCase(t, "middle_ear_click"))
	compareCoefficients(t, "b", b, wb, 1e-12)
	compareCoefficients(t, "a", a, wa, 1e-12)
}

func TestCoefficientErrors(t *testing.T) {
	nan := math.NaN()
	cases := []struct {
		name string
		err  error
	}{
		{"approx: cf above Nyquist", second(ApproximateGammatoneCoefficients([]float64{30000}, 44100, []float64{100}, 4))},
		{"approx: no channels", second(ApproximateGammatoneCoefficients(nil, 44100, []float64{100}, 4))},
		{"approx: order 0", second(ApproximateGammatoneCoefficients([]float64{1000}, 44100, []float64{100}, 0))},
		{"approx: bandwidth count", second(ApproximateGammatoneCoefficients([]float64{1000, 2000, 3000}, 44100, []float64{100, 200}, 4))},
		{"approx: NaN bandwidth", second(ApproximateGammatoneCoefficients([]float64{1000}, 44100, []float64{nan}, 4))},
		{"approx: negative bandwidth", second(ApproximateGammatoneCoefficients([]float64{1000}, 44100, []float64{-3}, 4))},
		{"approx: bad rate", second(ApproximateGammatoneCoefficients([]float64{1000}, 0, []float64{100}, 4))},
		{"asym: NaN f", second(AsymmetricCompensationCoefficients([]float64{nan}, 44100, []float64{1}, []float64{1}, 4))},
		{"asym: b count", second(AsymmetricCompensationCoefficients([]float64{100, 200, 300}, 44100, []float64{1, 2}, []float64{1}, 4))},
		{"asym: no cascades", second(AsymmetricCompensationCoefficients([]float64{100}, 44100, []float64{1}, []float64{1}, 0))},
		{"asym: empty", second(AsymmetricCompensationCoefficients(nil, 44100, []float64{1}, []float64{1}, 4))},
		{"middle ear: no gain", second(MiddleEarCoefficients(44100, nil))},
		{"middle ear: NaN rate", second(MiddleEarCoefficients(nan, []float64{1}))},
	}
	for _, c := range cases {
		if c.err == nil {
			t.Errorf("%s: no error", c.name)
		}
	}
}

// second returns the error of a coefficient function's result.
func second(_, _ [][][]float64, err error) error { return err }

// tdf2 filters x ([frame][channel], one column replicated when mono) with
// coefficients [channel][tap][stage] by convention 1 of the reference data
// (transposed direct form II per stage, a[0] not read). It is the test's
// independent statement of the difference equations.
func tdf2(b, a [][][]float64, x [][]float64) []float64 {
	nch, taps, stages := len(b), len(b[0]), len(b[0][0])
	z := make([]float64, nch*stages*(taps-1))
	out := make([]float64, 0, len(x)*nch)
	for _, row := range x {
		for c := range nch {
			v := row[0]
			if len(row) > 1 {
				v = row[c]
			}
			for s := range stages {
				zs := z[(c*stages+s)*(taps-1):]
				// float64(…) rounds every product, so the reference is the
				// same on every architecture (arm64 would fuse products
				// into the sums, and ill-conditioned direct forms amplify
				// that difference).
				y := float64(b[c][0][s]*v) + zs[0]
				for i := 0; i < taps-2; i++ {
					zs[i] = float64(b[c][i+1][s]*v) + zs[i+1] - float64(a[c][i+1][s]*y)
				}
				zs[taps-2] = float64(b[c][taps-1][s]*v) - float64(a[c][taps-1][s]*y)
				v = y
			}
			out = append(out, v)
		}
	}
	return out
}

// checkRefOutput filters the case's input with (b, a) by tdf2 and compares
// with output.csv at the case's suggested tolerance.
func checkRefOutput(t *testing.T, name string, b, a [][][]float64) {
	t.Helper()
	c := linCase(t, name)
	x, err := c.CSV("input.csv")
	if err != nil {
		t.Fatal(err)
	}
	y, err := c.CSV("output.csv")
	if err != nil {
		t.Fatal(err)
	}
	want, _ := refdata.Flatten(y)
	tol, err := c.SuggestedTolerance()
	if err != nil {
		t.Fatal(err)
	}
	if _, err := refdata.Compare(tdf2(b, a, x), want, tol); err != nil {
		t.Errorf("%s output: %v", name, err)
	}
}

func TestCoefficientsReproduceReferenceOutputs(t *testing.T) {
	for _, name := range []string{"approximate_gammatone_order3", "approximate_gammatone_order4"} {
		c := linCase(t, name)
		order, _ := c.Float("parameters", "order", "value")
		b, a, err := ApproximateGammatoneCoefficients(refFloats(t, c, "parameters", "cf", "value"), 44100, refFloats(t, c, "parameters", "bandwidth", "value"), int(order))
		if err != nil {
			t.Fatal(err)
		}
		checkRefOutput(t, name, b, a)
	}
	c := linCase(t, "asymmetric_compensation")
	bb, _ := c.Float("parameters", "b", "value")
	cc, _ := c.Float("parameters", "c", "value")
	b, a, err := AsymmetricCompensationCoefficients(refFloats(t, c, "parameters", "f", "value"), 44100, []float64{bb}, []float64{cc}, 4)
	if err != nil {
		t.Fatal(err)
	}
	checkRefOutput(t, "asymmetric_compensation", b, a)
	b, a, err = MiddleEarCoefficients(50000, []float64{1})
	if err != nil {
		t.Fatal(err)
	}
	checkRefOutput(t, "middle_ear_click", b, a)
}

func nan() float64 { return math.NaN() }

// TestUnitGains checks the documented normalisations: unit gain at the
// centre frequency for ApproximateGammatone, AsymmetricCompensation and
// LogGammachirp, and at 1 kHz for MiddleEar (analog normalisation, so only
// close after the bilinear transform at 50 kHz).
func TestUnitGains(t *testing.T) {
	const fs = 44100.0
	f := []float64{100, 1000, 5000}
	ag, aa, err := ApproximateGammatoneCoefficients(f, fs, []float64{40, 130, 600}, 4)
	if err != nil {
		t.Fatal(err)
	}
	sb, sa, err := AsymmetricCompensationCoefficients(f, fs, []float64{1.019}, []float64{1}, 4)
	if err != nil {
		t.Fatal(err)
	}
	lb, la, err := LogGammachirpCoefficients(f, fs, []float64{1.019}, []float64{-2}, 4)
	if err != nil {
		t.Fatal(err)
	}
	for c, fc := range f {
		for name, g := range map[string]float64{
			"approximate gammatone":   cascadeGain(ag, aa, c, fc, fs),
			"asymmetric compensation": cascadeGain(sb, sa, c, fc, fs),
			"log gammachirp":          cascadeGain(lb, la, c, fc, fs),
		} {
			if math.Abs(g-1) > 1e-10 {
				t.Errorf("%s at %g Hz: gain %.12f, want 1", name, fc, g)
			}
		}
	}
	mb, ma, err := MiddleEarCoefficients(50000, []float64{1})
	if err != nil {
		t.Fatal(err)
	}
	if g := cascadeGain(mb, ma, 0, 1000, 50000); math.Abs(g-1) > 1e-3 {
		t.Errorf("middle ear gain at 1 kHz %.6f, want about 1", g)
	}
}
