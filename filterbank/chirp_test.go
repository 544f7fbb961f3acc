package filterbank

import (
	"math"
	"testing"

	"github.com/gohears/hears/internal/refdata"
)

func TestLinearChirpsReference(t *testing.T) {
	for _, name := range []string{"lineargammachirp_10ch", "lineargaborchirp_10ch"} {
		c, in, want, wantIRs := loadFIRCase(t, name)
		tol, err := c.SuggestedTolerance()
		if err != nil {
			t.Fatal(err)
		}
		f, err := c.Floats("parameters", "cf", "value")
		if err != nil {
			t.Fatal(err)
		}
		tau, err := c.Floats("parameters", "time_constant", "value")
		if err != nil {
			t.Fatal(err)
		}
		cc, err := c.Floats("parameters", "c", "value")
		if err != nil {
			t.Fatal(err)
		}
		mk := LinearGammachirp
		if name == "lineargaborchirp_10ch" {
			mk = LinearGaborchirp
		}
		fb, err := mk(in, f, cc, tau, []float64{0})
		if err != nil {
			t.Fatal(err)
		}
		irs := fb.ImpulseResponses()
		if len(irs) != len(wantIRs) || len(irs[0]) != len(wantIRs[0]) {
			t.Fatalf("%s: impulse responses %d×%d, want %d×%d", name, len(irs), len(irs[0]), len(wantIRs), len(wantIRs[0]))
		}
		for ch := range irs {
			peak := peakAbs(wantIRs[ch])
			if _, err := refdata.Compare(irs[ch], wantIRs[ch], refdata.Tolerance{Rtol: 1e-11, Atol: 1e-11 * peak}); err != nil {
				t.Errorf("%s: impulse response %d: %v", name, ch, err)
			}
		}
		for _, block := range []int{32, 1323} {
			if err := fb.Reset(); err != nil {
				t.Fatal(err)
			}
			got := readBlocks(t, fb, in.NumFrames(), block)
			if _, err := refdata.Compare(got, want, tol); err != nil {
				t.Errorf("%s block %d: %v", name, block, err)
			}
		}
	}
}

func TestLinearChirpErrors(t *testing.T) {
	_, in, _, _ := loadFIRCase(t, "fir_stereo")
	for name, f := range map[string]func() error{
		"no f":   func() error { _, err := LinearGammachirp(in, nil, nil, []float64{1e-3}, nil); return err },
		"tau 0":  func() error { _, err := LinearGaborchirp(in, []float64{100}, nil, []float64{0}, nil); return err },
		"no tau": func() error { _, err := LinearGaborchirp(in, []float64{100}, nil, nil, nil); return err },
		"c len": func() error {
			_, err := LinearGammachirp(in, []float64{100, 200}, []float64{1, 2, 3}, []float64{1e-3}, nil)
			return err
		},
		"nan f": func() error {
			_, err := LinearGammachirp(in, []float64{math.NaN()}, nil, []float64{1e-3}, nil)
			return err
		},
		"nil src":  func() error { _, err := LinearGammachirp(nil, []float64{100}, nil, []float64{1e-3}, nil); return err },
		"huge tau": func() error { _, err := LinearGammachirp(in, []float64{100}, nil, []float64{1e6}, nil); return err },
	} {
		if f() == nil {
			t.Errorf("%s: no error", name)
		}
	}
}

func TestArangeMatchesNumpy(t *testing.T) {
	// numpy.arange(-0.009, 0.036, 1/44100) has 1985 elements (the
	// lineargammachirp_10ch case); arange(0, 1, 0.1) has 10.
	if n := len(arange(-0.009, 0.036, 1/44100.0)); n != 1985 {
		t.Errorf("len = %d, want 1985", n)
	}
	if a := arange(0, 1, 0.1); len(a) != 10 || a[3] != 0.30000000000000004 {
		t.Errorf("arange(0,1,0.1) = %v", a)
	}
}
