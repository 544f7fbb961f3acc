package design

import (
	"fmt"
	"math"
	"testing"

	"github.com/gohears/hears/internal/refdata"
)

// refCoefficients reads filt_b, filt_a of a case as [channel][tap] (one stage).
func refCoefficients(t *testing.T, c *refdata.Case) (b, a [][]float64) {
	t.Helper()
	read := func(key string) [][]float64 {
		shape, err := c.Floats(key + "_shape")
		if err != nil {
			t.Fatal(err)
		}
		if len(shape) != 3 || shape[2] != 1 {
			t.Fatalf("%s: shape %v, want one stage", key, shape)
		}
		flat, err := c.Floats(key)
		if err != nil {
			t.Fatal(err)
		}
		nch, ntap := int(shape[0]), int(shape[1])
		out := make([][]float64, nch)
		for i := range out {
			out[i] = flat[i*ntap : (i+1)*ntap]
		}
		return out
	}
	return read("filt_b"), read("filt_a")
}

func loadCoefficients(t *testing.T, name string) (*refdata.Case, [][]float64, [][]float64, float64) {
	t.Helper()
	dir := "../../testdata/" + name
	c, err := refdata.Load(dir)
	if err != nil {
		t.Fatal(err)
	}
	coef, err := loadJSON(dir + "/coefficients.json")
	if err != nil {
		t.Fatal(err)
	}
	cc := &refdata.Case{Dir: dir, JSON: coef}
	b, a := refCoefficients(t, cc)
	fs, err := c.Float("samplerate_Hz")
	if err != nil {
		t.Fatal(err)
	}
	return c, b, a, fs
}

// compareTaps checks one channel's taps against the reference with a
// tolerance relative to the largest reference tap of that polynomial.
func compareTaps(t *testing.T, what string, got, want []float64, rtol float64) float64 {
	t.Helper()
	if len(got) > len(want) {
		t.Errorf("%s: %d taps, reference has %d", what, len(got), len(want))
		return math.Inf(1)
	}
	padded := make([]float64, len(want))
	copy(padded, got)
	peak := 0.0
	for _, v := range want {
		peak = math.Max(peak, math.Abs(v))
	}
	m, err := refdata.Compare(padded, want, refdata.Tolerance{Rtol: rtol, Atol: rtol * peak})
	if err != nil {
		t.Errorf("%s: %v", what, err)
	}
	return m.MaxAbs / peak
}

// The reference coefficients come from scipy.signal (iirdesign / butter,
// direct form b/a) through brian2hears; ours must agree to 1e-9 of the
// largest coefficient.
const coefRtol = 1e-9

func TestReferenceIIRDesign(t *testing.T) {
	cases := []struct {
		name  string
		ftype FilterType
		bt    BandType // what iirdesign decides from the edges
	}{
		{"iir_cheby1_bandstop", Chebyshev1, Bandpass}, // convention 8: edges make it a band-pass
		{"iir_cheby1_low", Chebyshev1, Lowpass},
		{"iir_cheby2_high", Chebyshev2, Highpass},
		{"iir_butter_bandpass", Butterworth, Bandpass},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			c, refB, refA, fs := loadCoefficients(t, tc.name)
			pass, err := c.Floats("parameters", "passband", "value")
			if err != nil {
				t.Fatal(err)
			}
			stop, err := c.Floats("parameters", "stopband", "value")
			if err != nil {
				t.Fatal(err)
			}
			gpass, _ := c.Float("parameters", "gpass", "value")
			gstop, _ := c.Float("parameters", "gstop", "value")
			nch := len(refB)
			two := len(pass) == 2*nch
			var filters []ZPK
			worst := 0.0
			for ch := 0; ch < nch; ch++ {
				// IIRFilterbank: edges divided by samplerate/2; shape (2, nch) for bands.
				var wp, ws []float64
				if two {
					wp = []float64{pass[ch] / (fs / 2), pass[nch+ch] / (fs / 2)}
					ws = []float64{stop[ch] / (fs / 2), stop[nch+ch] / (fs / 2)}
				} else {
					wp = []float64{pass[ch] / (fs / 2)}
					ws = []float64{stop[ch] / (fs / 2)}
				}
				z, bt, _, err := IIRDesign(wp, ws, gpass, gstop, tc.ftype)
				if err != nil {
					t.Fatalf("channel %d: %v", ch, err)
				}
				if bt != tc.bt {
					t.Errorf("channel %d: band type %v, want %v", ch, bt, tc.bt)
				}
				filters = append(filters, z)
				b, a := z.TF()
				worst = math.Max(worst, compareTaps(t, fmt.Sprintf("channel %d b", ch), b, refB[ch], coefRtol))
				worst = math.Max(worst, compareTaps(t, fmt.Sprintf("channel %d a", ch), a, refA[ch], coefRtol))
			}
			t.Logf("largest |diff| relative to the polynomial's largest coefficient: %.3g", worst)
			// The bank layout pads as brian2hears does.
			bb, ba := BankTF(filters)
			for ch := range bb {
				if len(bb[ch]) != len(refB[ch]) || len(ba[ch]) != len(refA[ch]) {
					t.Fatalf("BankTF channel %d: %d/%d taps, reference %d/%d", ch, len(bb[ch]), len(ba[ch]), len(refB[ch]), len(refA[ch]))
				}
			}
		})
	}
}

func TestReferenceButter(t *testing.T) {
	cases := []struct {
		name string
		key  string
		bt   BandType
	}{
		{"butterworth_lowpass_order2", "cutoff_frequencies", Lowpass},
		{"butterworth_bandpass_order2", "fc", Bandpass},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			c, refB, refA, fs := loadCoefficients(t, tc.name)
			fc, err := c.Floats("parameters", tc.key, "value")
			if err != nil {
				t.Fatal(err)
			}
			ord, err := c.Float("parameters", "order", "value")
			if err != nil {
				t.Fatal(err)
			}
			nch := len(refB)
			worst := 0.0
			for ch := 0; ch < nch; ch++ {
				// brian2hears Butterworth: Wn = fc/samplerate*2.
				var wn []float64
				if tc.bt == Lowpass {
					wn = []float64{fc[ch] / fs * 2}
				} else {
					wn = []float64{fc[ch] / fs * 2, fc[nch+ch] / fs * 2}
				}
				z, err := Butter(int(ord), wn, tc.bt)
				if err != nil {
					t.Fatal(err)
				}
				b, a := z.TF()
				worst = math.Max(worst, compareTaps(t, fmt.Sprintf("channel %d b", ch), b, refB[ch], coefRtol))
				worst = math.Max(worst, compareTaps(t, fmt.Sprintf("channel %d a", ch), a, refA[ch], coefRtol))
				// Same design in hertz.
				hz := make([]float64, len(wn))
				for i := range wn {
					hz[i] = wn[i] * fs / 2
				}
				z2, err := Butter(int(ord), hz, tc.bt, SampleRate(fs))
				if err != nil {
					t.Fatal(err)
				}
				b2, a2 := z2.TF()
				compareTaps(t, fmt.Sprintf("channel %d b (Hz)", ch), b2, refB[ch], coefRtol)
				compareTaps(t, fmt.Sprintf("channel %d a (Hz)", ch), a2, refA[ch], coefRtol)
			}
			t.Logf("largest |diff| relative to the polynomial's largest coefficient: %.3g", worst)
		})
	}
}
