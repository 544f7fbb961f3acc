package filterbank

import (
	"strings"
	"testing"

	"github.com/gohears/hears/internal/refdata"
	"github.com/gohears/hears/sound"
)

// TestGammatoneCascadeReference checks Gammatone(cascade=n) against
// brian2hears (testdata/brianhears/gammatone_cascade{1,2}, made by
// make_cases.py there; brian2hears 0.9.2's decascade needs p//ncascade to
// run under Python 3, which the script supplies): the merged coefficients
// at 1e-12, the kernel on brian2hears' own coefficients at 1e-9 of the peak,
// and the bank's output at the reference's own sensitivity. One 8th-order
// section (cascade=1) has four-fold repeated poles: moving its denominator
// coefficients by one ulp moves brian2hears' output by 4.8e-4 of the peak
// (case.json numerical_sensitivity), and our coefficients differ from
// brian2hears' by an ulp or two (libm's cos and exp), so the output can
// agree only to that level; with two 4th-order sections the sensitivity is
// 1.1e-10 and the output agrees to 1e-9 as for any linear filter.
func TestGammatoneCascadeReference(t *testing.T) {
	for _, n := range []int{1, 2} {
		name := []string{"", "brianhears/gammatone_cascade1", "brianhears/gammatone_cascade2"}[n]
		t.Run(name, func(t *testing.T) {
			c := linCase(t, name)
			cf, err := c.Floats("parameters", "cf", "value")
			if err != nil {
				t.Fatal(err)
			}
			in := linInput(t, c)
			b, a, err := GammatoneCoefficients(cf, in.SampleRate(), GammatoneCascade(n))
			if err != nil {
				t.Fatal(err)
			}
			if len(b[0]) != 8/n+1 || len(b[0][0]) != n {
				t.Fatalf("cascade=%d gives %d taps × %d stages, want %d × %d", n, len(b[0]), len(b[0][0]), 8/n+1, n)
			}
			wb, wa := linCoefficients(t, c)
			linSameCoefficients(t, "filt_b", b, wb, 1e-12)
			linSameCoefficients(t, "filt_a", a, wa, 1e-12)
			exact, err := Linear(in, wb, wa)
			if err != nil {
				t.Fatal(err)
			}
			want, _, err := c.Output()
			if err != nil {
				t.Fatal(err)
			}
			peak, err := c.Float("suggested_tolerance", "peak_abs_ref")
			if err != nil {
				t.Fatal(err)
			}
			got, err := sound.ReadFrames(exact, in.NumFrames(), 32)
			if err != nil {
				t.Fatal(err)
			}
			if _, err := refdata.Compare(got.Data(), want, refdata.Tolerance{Rtol: 1e-9, Atol: 1e-9 * peak}); err != nil {
				t.Fatalf("kernel on brian2hears' coefficients: %v", err)
			}
			sens, err := c.Float("numerical_sensitivity", "max_abs_diff_relative_to_peak")
			if err != nil {
				t.Fatal(err)
			}
			bank, err := Gammatone(in, cf, GammatoneCascade(n))
			if err != nil {
				t.Fatal(err)
			}
			if got, err = sound.ReadFrames(bank, in.NumFrames(), 32); err != nil {
				t.Fatal(err)
			}
			rel := max(1e-9, sens)
			m, err := refdata.Compare(got.Data(), want, refdata.Tolerance{Rtol: rel, Atol: rel * peak})
			if err != nil {
				t.Fatalf("bank output: %v", err)
			}
			t.Logf("bank output: max |diff| %.3g of peak %.3g (%.3g of the tolerance)", m.MaxAbs, peak, m.Excess)
		})
	}
}

// TestGammatoneERBParamsReference checks erb_order, ear_Q and min_bw (and b)
// against brian2hears' Gammatone(b=1.1, erb_order=2, ear_Q=8.5, min_bw=30).
func TestGammatoneERBParamsReference(t *testing.T) {
	c := linCase(t, "brianhears/gammatone_erb_params")
	cf, err := c.Floats("parameters", "cf", "value")
	if err != nil {
		t.Fatal(err)
	}
	var p [4]float64
	for i, k := range []string{"b", "erb_order", "ear_Q", "min_bw"} {
		if p[i], err = c.Float("parameters", k, "value"); err != nil {
			t.Fatal(err)
		}
	}
	scale := ERBScale{Order: p[1], EarQ: p[2], MinBW: p[3]}
	in := linInput(t, c)
	opts := []GammatoneOption{GammatoneB(p[0]), GammatoneERB(scale)}
	b, a, err := GammatoneCoefficients(cf, in.SampleRate(), opts...)
	if err != nil {
		t.Fatal(err)
	}
	wb, wa := linCoefficients(t, c)
	linSameCoefficients(t, "filt_b", b, wb, 1e-12)
	linSameCoefficients(t, "filt_a", a, wa, 1e-12)
	// The default scale gives different filters: the option is not ignored.
	db, _, err := GammatoneCoefficients(cf, in.SampleRate(), GammatoneB(p[0]))
	if err != nil {
		t.Fatal(err)
	}
	if db[0][1][0] == b[0][1][0] {
		t.Fatal("GammatoneERB made no difference to the coefficients")
	}
	bank, err := Gammatone(in, cf, opts...)
	if err != nil {
		t.Fatal(err)
	}
	linCompareOutput(t, c, bank)
}

func TestGammatoneCascadeErrors(t *testing.T) {
	for _, n := range []int{-1, 3, 5, 8} {
		_, _, err := GammatoneCoefficients([]float64{1000}, 44100, GammatoneCascade(n))
		if err == nil || !strings.Contains(err.Error(), "cascade") {
			t.Errorf("cascade=%d: error %v, want one naming the cascade", n, err)
		}
	}
	// cascade=4 is the four biquads themselves.
	b4, a4, err := GammatoneCoefficients([]float64{1000}, 44100, GammatoneCascade(4))
	if err != nil {
		t.Fatal(err)
	}
	b, a, _ := GammatoneCoefficients([]float64{1000}, 44100)
	linSameCoefficients(t, "filt_b", b4, b, 0)
	linSameCoefficients(t, "filt_a", a4, a, 0)
}

// TestFetchDurationBank fetches a gammatone bank by durations, Brian Hears'
// fetch(duration): durations become frames by int(rint(t·rate)) (half to
// even: 5 ms at 44.1 kHz is 220.5 → 220 frames), consecutive durations
// continue the stream, and the samples are brian2hears' output.
func TestFetchDurationBank(t *testing.T) {
	c := linCase(t, "gammatone_click_32ch")
	cf, err := c.Floats("parameters", "cf", "value")
	if err != nil {
		t.Fatal(err)
	}
	in := linInput(t, c)
	bank, err := Gammatone(in, cf)
	if err != nil {
		t.Fatal(err)
	}
	want, nc, err := c.Output()
	if err != nil {
		t.Fatal(err)
	}
	tol, err := c.SuggestedTolerance()
	if err != nil {
		t.Fatal(err)
	}
	var got []float64
	// 0–5 ms (220 frames, not 221), 5–12.5 ms (frames 220–551, 12.5 ms·44.1 kHz
	// = 551.25), 12.5–20 ms (to frame 882).
	bounds := []float64{0, 5e-3, 12.5e-3, 20e-3}
	frames := []int{220, 331, 331}
	for i := 0; i+1 < len(bounds); i++ {
		blk, err := sound.FetchDuration(bank, bounds[i], bounds[i+1])
		if err != nil {
			t.Fatal(err)
		}
		if len(blk) != frames[i]*nc {
			t.Fatalf("FetchDuration(%g, %g) gave %d frames, want %d", bounds[i], bounds[i+1], len(blk)/nc, frames[i])
		}
		got = append(got, blk...)
	}
	if _, err := refdata.Compare(got, want, tol); err != nil {
		t.Fatal(err)
	}
}
