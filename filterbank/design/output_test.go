package design

import (
	"math"
	"testing"

	"github.com/gohears/hears/internal/refdata"
)

// End to end: filtering each reference case's input with our designs
// reproduces its output.csv within the case's suggested tolerance, both in
// Brian Hears' form (our b/a, one transposed direct form II stage) and as
// our second-order sections.
func TestReferenceOutputs(t *testing.T) {
	type design func(c *refdata.Case, fs float64, nch int) ([]ZPK, error)
	iird := func(ft FilterType) design {
		return func(c *refdata.Case, fs float64, nch int) ([]ZPK, error) {
			pass, err := c.Floats("parameters", "passband", "value")
			if err != nil {
				return nil, err
			}
			stop, err := c.Floats("parameters", "stopband", "value")
			if err != nil {
				return nil, err
			}
			gpass, _ := c.Float("parameters", "gpass", "value")
			gstop, _ := c.Float("parameters", "gstop", "value")
			var out []ZPK
			for ch := 0; ch < nch; ch++ {
				wp, ws := []float64{pass[ch] / (fs / 2)}, []float64{stop[ch] / (fs / 2)}
				if len(pass) == 2*nch {
					wp = []float64{pass[ch] / (fs / 2), pass[nch+ch] / (fs / 2)}
					ws = []float64{stop[ch] / (fs / 2), stop[nch+ch] / (fs / 2)}
				}
				z, _, _, err := IIRDesign(wp, ws, gpass, gstop, ft)
				if err != nil {
					return nil, err
				}
				out = append(out, z)
			}
			return out, nil
		}
	}
	butter := func(key string, bt BandType) design {
		return func(c *refdata.Case, fs float64, nch int) ([]ZPK, error) {
			fc, err := c.Floats("parameters", key, "value")
			if err != nil {
				return nil, err
			}
			var out []ZPK
			for ch := 0; ch < nch; ch++ {
				wn := []float64{fc[ch] / fs * 2}
				if bt == Bandpass {
					wn = []float64{fc[ch] / fs * 2, fc[nch+ch] / fs * 2}
				}
				z, err := Butter(2, wn, bt)
				if err != nil {
					return nil, err
				}
				out = append(out, z)
			}
			return out, nil
		}
	}
	cases := []struct {
		name string
		d    design
	}{
		{"iir_cheby1_bandstop", iird(Chebyshev1)},
		{"iir_cheby1_low", iird(Chebyshev1)},
		{"iir_cheby2_high", iird(Chebyshev2)},
		{"iir_butter_bandpass", iird(Butterworth)},
		{"butterworth_bandpass_order2", butter("fc", Bandpass)},
		{"butterworth_lowpass_order2", butter("cutoff_frequencies", Lowpass)},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			c, err := refdata.Load("../../testdata/" + tc.name)
			if err != nil {
				t.Fatal(err)
			}
			fs, _ := c.Float("samplerate_Hz")
			tol, err := c.SuggestedTolerance()
			if err != nil {
				t.Fatal(err)
			}
			in, err := c.CSV("input.csv")
			if err != nil {
				t.Fatal(err)
			}
			ref, err := c.CSV("output.csv")
			if err != nil {
				t.Fatal(err)
			}
			nch := len(ref[0])
			filters, err := tc.d(c, fs, nch)
			if err != nil {
				t.Fatal(err)
			}
			// Columns; a mono input feeds every channel.
			col := func(rows [][]float64, j int) []float64 {
				out := make([]float64, len(rows))
				for i, r := range rows {
					out[i] = r[min(j, len(r)-1)]
				}
				return out
			}
			gotDF := make([][]float64, len(ref))
			gotSOS := make([][]float64, len(ref))
			for i := range ref {
				gotDF[i] = make([]float64, nch)
				gotSOS[i] = make([]float64, nch)
			}
			for ch, z := range filters {
				x := col(in, ch)
				b, a := z.TF()
				yd := tdf2(b, a, x)
				sos, err := z.SOS()
				if err != nil {
					t.Fatal(err)
				}
				ys := sosfilt(sos, x)
				for i := range yd {
					gotDF[i][ch], gotSOS[i][ch] = yd[i], ys[i]
				}
			}
			want, _ := refdata.Flatten(ref)
			df, _ := refdata.Flatten(gotDF)
			so, _ := refdata.Flatten(gotSOS)
			mdf, err := refdata.Compare(df, want, tol)
			if err != nil {
				t.Errorf("direct form: %v", err)
			}
			msos, err := refdata.Compare(so, want, tol)
			if err != nil {
				t.Errorf("sections: %v", err)
			}
			peak := tol.Atol / tol.Rtol
			t.Logf("max |diff| / peak: direct form %.2g, sections %.2g (suggested rtol %g)", mdf.MaxAbs/peak, msos.MaxAbs/peak, tol.Rtol)
			if math.IsNaN(mdf.MaxAbs) {
				t.Error("NaN")
			}
		})
	}
}
