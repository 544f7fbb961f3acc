package filterbank

import (
	"math"
	"math/cmplx"
	"slices"
	"strings"
	"testing"

	"github.com/gohears/hears/filterbank/design"
	"github.com/gohears/hears/internal/refdata"
	"github.com/gohears/hears/sound"
)

// checkBankRef builds a bank on the case's input and compares its output
// with output.csv at the case's suggested tolerance.
func checkBankRef(t *testing.T, name string, build func(src sound.Source) (sound.Source, error)) {
	t.Helper()
	c := linCase(t, name)
	fb, err := build(linInput(t, c))
	if err != nil {
		t.Fatal(err)
	}
	linCompareOutput(t, c, fb)
}

func TestApproximateGammatoneBankReference(t *testing.T) {
	for _, name := range []string{"approximate_gammatone_order3", "approximate_gammatone_order4"} {
		c := linCase(t, name)
		order, _ := c.Float("parameters", "order", "value")
		checkBankRef(t, name, func(src sound.Source) (sound.Source, error) {
			return ApproximateGammatone(src, refFloats(t, c, "parameters", "cf", "value"), refFloats(t, c, "parameters", "bandwidth", "value"), int(order))
		})
	}
}

func TestAsymmetricCompensationBankReference(t *testing.T) {
	c := linCase(t, "asymmetric_compensation")
	bb, _ := c.Float("parameters", "b", "value")
	cc, _ := c.Float("parameters", "c", "value")
	checkBankRef(t, "asymmetric_compensation", func(src sound.Source) (sound.Source, error) {
		return AsymmetricCompensation(src, refFloats(t, c, "parameters", "f", "value"), []float64{bb}, []float64{cc}, 4)
	})
}

func TestMiddleEarBankReference(t *testing.T) {
	checkBankRef(t, "middle_ear_click", func(src sound.Source) (sound.Source, error) {
		return MiddleEar(src, []float64{1})
	})
}

func TestMiddleEarChannels(t *testing.T) {
	monoSrc, _ := sound.New(make([]float64, 10), 1, 50000)
	stereo, _ := sound.New(make([]float64, 20), 2, 50000)
	for _, tc := range []struct {
		src  sound.Source
		gain []float64
		nch  int
	}{{monoSrc, []float64{1}, 1}, {monoSrc, []float64{1, 2, 3}, 3}, {stereo, []float64{2}, 2}, {stereo, []float64{1, 2}, 2}} {
		fb, err := MiddleEar(tc.src, tc.gain)
		if err != nil {
			t.Fatal(err)
		}
		if fb.NumChannels() != tc.nch {
			t.Errorf("%d-channel source, %d gains: %d channels, want %d", tc.src.NumChannels(), len(tc.gain), fb.NumChannels(), tc.nch)
		}
	}
	if _, err := MiddleEar(stereo, []float64{1, 2, 3}); err == nil {
		t.Error("3 gains for a stereo source accepted")
	}
	// The gain scales the output linearly.
	click := make([]float64, 200)
	click[0] = 1
	s, _ := sound.New(click, 1, 50000)
	fb, _ := MiddleEar(s, []float64{1, -2.5})
	out, err := fb.Fetch(0, 200)
	if err != nil {
		t.Fatal(err)
	}
	peak := 0.0
	for f := range 200 {
		peak = max(peak, out[2*f], -out[2*f])
	}
	for f := range 200 {
		if d := out[2*f+1] + 2.5*out[2*f]; d > 1e-13*peak || d < -1e-13*peak {
			t.Fatalf("frame %d: gain -2.5 gives %v for %v", f, out[2*f+1], out[2*f])
		}
	}
}

func TestCascadeBankReference(t *testing.T) {
	c := linCase(t, "cascade_lowpass_x4")
	checkBankRef(t, "cascade_lowpass_x4", func(src sound.Source) (sound.Source, error) {
		b, a := lowPassRef(refFloats(t, c, "parameters", "fc", "value"), 20000)
		lp, err := Linear(src, b, a)
		if err != nil {
			return nil, err
		}
		return Cascade(src, lp.Kernel(), 4)
	})
	s, _ := sound.New(make([]float64, 4), 1, 20000)
	if _, err := Cascade(s, &leakyKernel{nc: 1}, 2); err == nil || !strings.Contains(err.Error(), "not a linear") {
		t.Errorf("cascade of a non-linear kernel: %v", err)
	}
}

func TestDecascadeBank(t *testing.T) {
	c := linCase(t, "approximate_gammatone_order4")
	src := linInput(t, c)
	cf := refFloats(t, c, "parameters", "cf", "value")[10:]
	bw := refFloats(t, c, "parameters", "bandwidth", "value")[10:]
	g, err := ApproximateGammatone(src, cf, bw, 4)
	if err != nil {
		t.Fatal(err)
	}
	d, err := Decascade(src, g.Kernel(), 2)
	if err != nil {
		t.Fatal(err)
	}
	if k := d.Kernel().(*LinearKernel); k.Stages() != 2 || k.Taps() != 5 {
		t.Fatalf("decascaded kernel has %d stages of %d taps, want 2 of 5", k.Stages(), k.Taps())
	}
	want, _ := sound.ReadAll(g, 100)
	got, _ := sound.ReadAll(d, 100)
	peak := peakAbs(want.Data())
	// Merging stages changes rounding only: measured 1e-13 (absolute)
	// here, so 1e-10 of the peak leaves margin without hiding a wrong merge.
	if _, err := refdata.Compare(got.Data(), want.Data(), refdata.Tolerance{Rtol: 1e-10, Atol: 1e-10 * peak}); err != nil {
		t.Error(err)
	}
	if _, err := Decascade(src, g.Kernel(), 3); err == nil {
		t.Error("3 cascades out of 4 stages accepted")
	}
	// And back to second-order sections.
	sp, err := SplitCascade(src, d.Kernel())
	if err != nil {
		t.Fatal(err)
	}
	if k := sp.Kernel().(*LinearKernel); k.Stages() != 4 || k.Taps() != 3 {
		t.Fatalf("split kernel has %d stages of %d taps, want 4 of 3", k.Stages(), k.Taps())
	}
	back, _ := sound.ReadAll(sp, 100)
	// Splitting goes through the roots of the merged polynomials (see
	// TestSplitCoefficients): measured 1.8e-10 of the peak, checked at 1e-8.
	if _, err := refdata.Compare(back.Data(), want.Data(), refdata.Tolerance{Rtol: 1e-8, Atol: 1e-8 * peak}); err != nil {
		t.Errorf("split: %v", err)
	}
	if _, err := SplitCascade(src, &leakyKernel{nc: 1}); err == nil {
		t.Error("split of a non-linear kernel accepted")
	}
}

// butterFC reads Butterworth cutoffs from a case in Brian Hears' shape.
func butterFC(t *testing.T, c *refdata.Case, key string, rows int) [][]float64 {
	t.Helper()
	v := refFloats(t, c, "parameters", key, "value")
	n := len(v) / rows
	fc := make([][]float64, rows)
	for r := range rows {
		fc[r] = v[r*n : (r+1)*n]
	}
	return fc
}

func TestButterworthReference(t *testing.T) {
	cases := []struct {
		name, key string
		bt        design.BandType
		rows      int
	}{
		{"butterworth_lowpass_order2", "cutoff_frequencies", design.Lowpass, 1},
		{"butterworth_bandpass_order2", "fc", design.Bandpass, 2},
	}
	for _, tc := range cases {
		c := linCase(t, tc.name)
		fc := butterFC(t, c, tc.key, tc.rows)
		// Direct form: Brian Hears' coefficients.
		b, a, err := ButterworthCoefficients(44100, 20, 2, tc.bt, fc, DirectForm())
		if err != nil {
			t.Fatal(err)
		}
		checkDesignRef(t, tc.name, b, a, 1e-12, func(src sound.Source, form ...IIROption) (sound.Source, error) {
			return Butterworth(src, 20, 2, tc.bt, fc, form...)
		})
	}
}

// checkDesignRef compares designed direct-form coefficients b, a with those
// of case name (relative tolerance rtol), then checks the bank built by
// bank, in direct form and as second-order sections, against its output.
func checkDesignRef(t *testing.T, name string, b, a [][][]float64, rtol float64, bank func(src sound.Source, form ...IIROption) (sound.Source, error)) {
	t.Helper()
	wb, wa := linCoefficients(t, linCase(t, name))
	compareCoefficients(t, name+" b", b, wb, rtol)
	compareCoefficients(t, name+" a", a, wa, rtol)
	for _, form := range [][]IIROption{{DirectForm()}, nil} {
		checkBankRef(t, name, func(src sound.Source) (sound.Source, error) { return bank(src, form...) })
	}
}

func TestIIRReference(t *testing.T) {
	cases := []struct {
		name  string
		bt    design.BandType
		ft    design.FilterType
		rows  int
		nch   int
		multi bool
	}{
		{"iir_cheby1_low", design.Lowpass, design.Chebyshev1, 1, 20, false},
		{"iir_cheby1_bandstop", design.Bandstop, design.Chebyshev1, 2, 20, false},
		{"iir_cheby2_high", design.Highpass, design.Chebyshev2, 1, 8, false},
		{"iir_butter_bandpass", design.Bandpass, design.Butterworth, 2, 4, true},
	}
	for _, tc := range cases {
		c := linCase(t, tc.name)
		wp := butterFC(t, c, "passband", tc.rows)
		ws := butterFC(t, c, "stopband", tc.rows)
		gp, _ := c.Float("parameters", "gpass", "value")
		gs, _ := c.Float("parameters", "gstop", "value")
		b, a, err := IIRCoefficients(44100, tc.nch, wp, ws, []float64{gp}, []float64{gs}, tc.bt, tc.ft, DirectForm())
		if err != nil {
			t.Fatal(err)
		}
		checkDesignRef(t, tc.name, b, a, 1e-11, func(src sound.Source, form ...IIROption) (sound.Source, error) {
			return IIR(src, tc.nch, wp, ws, []float64{gp}, []float64{gs}, tc.bt, tc.ft, form...)
		})
	}
}

func TestDesignedBankErrors(t *testing.T) {
	s, _ := sound.New(make([]float64, 10), 1, 44100)
	fc := [][]float64{{1000}}
	bad := []struct {
		name string
		err  error
	}{
		{"butter order 0", second3(Butterworth(s, 2, 0, design.Lowpass, fc))},
		{"butter band with one row", second3(Butterworth(s, 2, 2, design.Bandpass, fc))},
		{"butter low with two rows", second3(Butterworth(s, 2, 2, design.Lowpass, [][]float64{{100}, {200}}))},
		{"butter cutoff above Nyquist", second3(Butterworth(s, 2, 2, design.Lowpass, [][]float64{{30000}}))},
		{"butter 3 cutoffs for 2 channels", second3(Butterworth(s, 2, 2, design.Lowpass, [][]float64{{100, 200, 300}}))},
		{"butter reversed band", second3(Butterworth(s, 1, 2, design.Bandpass, [][]float64{{500}, {200}}))},
		{"butter no channels", second3(Butterworth(s, 0, 2, design.Lowpass, fc))},
		{"butter nil source", second3(Butterworth(nil, 1, 2, design.Lowpass, fc))},
		{"iir overlapping bands", second3(IIR(s, 1, [][]float64{{100}, {300}}, [][]float64{{200}, {400}}, []float64{1}, []float64{20}, design.Bandpass, design.Chebyshev1))},
		{"iir gpass count", second3(IIR(s, 3, [][]float64{{100}}, [][]float64{{200}}, []float64{1, 2}, []float64{20}, design.Lowpass, design.Butterworth))},
		{"iir NaN edge", second3(IIR(s, 1, [][]float64{{nan()}}, [][]float64{{200}}, []float64{1}, []float64{20}, design.Lowpass, design.Butterworth))},
		{"iir nil source", second3(IIR(nil, 1, [][]float64{{100}}, [][]float64{{200}}, []float64{1}, []float64{20}, design.Lowpass, design.Butterworth))},
		{"approx nil source", second3(ApproximateGammatone(nil, []float64{1000}, []float64{100}, 4))},
		{"asym nil source", second3(AsymmetricCompensation(nil, []float64{1000}, []float64{1}, []float64{1}, 4))},
		{"middle ear nil source", second3(MiddleEar(nil, []float64{1}))},
	}
	for _, c := range bad {
		if c.err == nil {
			t.Errorf("%s: no error", c.name)
		}
	}
	// Stereo source, 2 channels: channel k filters input k.
	st, _ := sound.New([]float64{1, 0, 0, 1, 0, 0, 0, 0}, 2, 44100)
	fb, err := Butterworth(st, 2, 1, design.Lowpass, [][]float64{{1000}})
	if err != nil {
		t.Fatal(err)
	}
	out, _ := fb.Fetch(0, 4)
	if out[1] != 0 || out[2] == 0 || slices.Equal(out[0:2], out[2:4]) {
		t.Errorf("stereo routing wrong: %v", out)
	}
	if _, err := Butterworth(st, 3, 1, design.Lowpass, [][]float64{{1000}}); err == nil {
		t.Error("3 filters on a stereo source accepted")
	}
}

func second3[T any](_ T, err error) error { return err }

// cascadeGain is |H(e^{j2πf/fs})| of channel c of coefficients
// [channel][tap][stage], a[0] read as 1.
func cascadeGain(b, a [][][]float64, c int, f, fs float64) float64 {
	w := 2 * math.Pi * f / fs
	h := complex(1, 0)
	for s := range b[c][0] {
		var num, den complex128
		for t := range b[c] {
			zt := cmplx.Exp(complex(0, -w*float64(t)))
			num += complex(b[c][t][s], 0) * zt
			av := a[c][t][s]
			if t == 0 {
				av = 1
			}
			den += complex(av, 0) * zt
		}
		h *= num / den
	}
	return cmplx.Abs(h)
}

// TestButterworthAllBandTypes checks the -3 dB points and the pass and stop
// bands of every band type, per channel, in both layouts.
func TestButterworthAllBandTypes(t *testing.T) {
	const fs = 44100.0
	cases := []struct {
		bt        design.BandType
		fc        [][]float64
		pass, stp []float64 // per channel: a frequency in the pass band and one in the stop band
	}{
		{design.Lowpass, [][]float64{{500, 2000}}, []float64{100, 400}, []float64{5000, 20000}},
		{design.Highpass, [][]float64{{500, 2000}}, []float64{5000, 20000}, []float64{50, 200}},
		{design.Bandpass, [][]float64{{500, 2000}, {1000, 4000}}, []float64{707, 2828}, []float64{50, 15000}},
		{design.Bandstop, [][]float64{{500, 2000}, {1000, 4000}}, []float64{50, 15000}, []float64{707, 2828}},
	}
	for _, tc := range cases {
		// An 8th-order direct form (band-pass/stop of order 4) keeps fewer
		// digits at 500 Hz: that is the reason sections are the default.
		for i, form := range [][]IIROption{nil, {DirectForm()}} {
			tol := []float64{1e-9, 1e-4}[i]
			b, a, err := ButterworthCoefficients(fs, 2, 4, tc.bt, tc.fc, form...)
			if err != nil {
				t.Fatal(err)
			}
			for c := range 2 {
				for r := range tc.fc {
					if g := cascadeGain(b, a, c, tc.fc[r][c], fs); math.Abs(g-1/math.Sqrt2) > tol {
						t.Errorf("%v form %d channel %d: gain %.9f at the edge %g Hz, want 1/√2", tc.bt, i, c, g, tc.fc[r][c])
					}
				}
				if g := cascadeGain(b, a, c, tc.pass[c], fs); g < 0.97 {
					t.Errorf("%v channel %d: pass-band gain %.4f at %g Hz", tc.bt, c, g, tc.pass[c])
				}
				if g := cascadeGain(b, a, c, tc.stp[c], fs); g > 0.01 {
					t.Errorf("%v channel %d: stop-band gain %.4f at %g Hz", tc.bt, c, g, tc.stp[c])
				}
			}
		}
	}
}

// TestIIRMeetsSpecification checks, for every family and band type, that
// the designed banks lose at most gpass dB at the pass-band edges and
// attenuate at least gstop dB at the stop-band edges.
func TestIIRMeetsSpecification(t *testing.T) {
	const fs, gpass, gstop = 44100.0, 1.0, 40.0
	specs := []struct {
		bt     design.BandType
		wp, ws [][]float64
	}{
		{design.Lowpass, [][]float64{{1000, 3000}}, [][]float64{{1500, 4000}}},
		{design.Highpass, [][]float64{{1500, 4000}}, [][]float64{{1000, 3000}}},
		{design.Bandpass, [][]float64{{1000, 2000}, {2000, 4000}}, [][]float64{{700, 1400}, {3000, 6000}}},
		{design.Bandstop, [][]float64{{700, 1400}, {3000, 6000}}, [][]float64{{1000, 2000}, {2000, 4000}}},
	}
	db := func(g float64) float64 { return 20 * math.Log10(g) }
	for _, sp := range specs {
		for _, ft := range []design.FilterType{design.Butterworth, design.Chebyshev1, design.Chebyshev2, design.Elliptic} {
			b, a, err := IIRCoefficients(fs, 2, sp.wp, sp.ws, []float64{gpass}, []float64{gstop}, sp.bt, ft)
			if err != nil {
				t.Fatalf("%v %v: %v", sp.bt, ft, err)
			}
			for c := range 2 {
				for r := range sp.wp {
					if g := db(cascadeGain(b, a, c, sp.wp[r][c], fs)); g < -gpass-1e-6 {
						t.Errorf("%v %v channel %d: %.3f dB at the pass-band edge %g Hz", sp.bt, ft, c, g, sp.wp[r][c])
					}
					if g := db(cascadeGain(b, a, c, sp.ws[r][c], fs)); g > -gstop+1e-6 {
						t.Errorf("%v %v channel %d: %.3f dB at the stop-band edge %g Hz", sp.bt, ft, c, g, sp.ws[r][c])
					}
				}
			}
		}
	}
}
