package main

import (
	"math"
	"testing"

	"github.com/gohears/hears/cochlea"
	"github.com/gohears/hears/examples/internal/measure"
	"github.com/gohears/hears/examples/internal/stim"
	"github.com/gohears/hears/filterbank"
	"github.com/gohears/hears/sound"
)

// TestDRNLExample checks the example's overrides and that its output is
// finite and largest in the upper channels (50 dB noise, the nonlinear
// path compressing the louder high-CF channels less than the linear gain
// attenuates the low ones).
func TestDRNLExample(t *testing.T) {
	p, err := params()
	if err != nil {
		t.Fatal(err)
	}
	if got := p.C.At(500); math.Abs(got-0.2) > 1e-12 {
		t.Errorf("compression exponent %v, want 0.2", got)
	}
	if got := p.CFNL.At(700); math.Abs(got-700) > 1e-9 {
		t.Errorf("nonlinear CF %v at 700 Hz, want 700", got)
	}
	if p.G.At(1000) >= cochlea.DRNLHuman().G.At(1000) {
		t.Error("g_m override not applied")
	}
	y, cf, err := run()
	if err != nil {
		t.Fatal(err)
	}
	nc := len(cf)
	if len(y) != 2500*nc {
		t.Fatalf("%d samples, want %d", len(y), 2500*nc)
	}
	rms := make([]float64, nc)
	for i, v := range y {
		if math.IsNaN(v) || math.IsInf(v, 0) {
			t.Fatalf("sample %d is %v", i, v)
		}
		rms[i%nc] += v * v
	}
	if !(rms[nc-1] > rms[0]) || rms[0] == 0 {
		t.Errorf("energy in the 1 kHz channel (%g) not above the 100 Hz channel's (%g)", rms[nc-1], rms[0])
	}
	// Tonotopy, as the picture's stripes show: each channel's output on the
	// noise rings at its centre frequency (zero-crossing rate within 20 %;
	// measured 100→101, 168→139, 470→497, 1000→1006 Hz).
	for c := 0; c < nc; c++ {
		f := measure.ZeroCrossingRate(measure.Column(y, nc, c)[500:], 50000)
		if math.Abs(f-cf[c]) > 0.2*cf[c] {
			t.Errorf("channel %d (CF %.0f Hz) rings at %.0f Hz", c, cf[c], f)
		}
	}
}

// toneRMS returns the RMS, after the first 10 ms, of the example's bank
// at the centre frequencies cf driven by 50 ms of a freq Hz tone at level
// dB SPL, one value per channel.
func toneRMS(t *testing.T, freq float64, level sound.DB, cf []float64) []float64 {
	t.Helper()
	r, err := stim.ToneRMS(freq, level, 0.05, 50000, 0.01, func(src sound.Source) (sound.Source, error) {
		return bank(src, cf)
	})
	if err != nil {
		t.Fatal(err)
	}
	return r
}

// TestDRNLTonesAndCompression checks that a tone excites most the channel
// at its frequency, and the broken-stick growth with level at CF 500 Hz:
// linear (1 dB per dB) up to 50 dB SPL, compressive between 60 and 80 dB
// (measured 0.49 dB/dB; the exponent is 0.2 but the linear path adds in).
func TestDRNLTonesAndCompression(t *testing.T) {
	cf, err := filterbank.ERBSpace(100, 1000, 50)
	if err != nil {
		t.Fatal(err)
	}
	for _, f := range []float64{200, 400, 800} {
		r := toneRMS(t, f, 50, cf)
		if best := cf[measure.ArgMax(r)]; math.Abs(best-f) > 0.1*f {
			t.Errorf("a %.0f Hz tone excites most the %.0f Hz channel", f, best)
		}
	}
	at := func(level sound.DB) float64 { return toneRMS(t, 500, level, []float64{500})[0] }
	slope := func(lo, hi sound.DB) float64 { return 20 * math.Log10(at(hi)/at(lo)) / float64(hi-lo) }
	if s := slope(10, 50); math.Abs(s-1) > 0.05 {
		t.Errorf("growth 10–50 dB SPL: %.3f dB/dB, want linear (1)", s)
	}
	if s := slope(60, 80); s > 0.6 || s < 0.2 {
		t.Errorf("growth 60–80 dB SPL: %.3f dB/dB, want compressive (0.2–0.6)", s)
	}
}
