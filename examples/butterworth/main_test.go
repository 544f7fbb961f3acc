package main

import (
	"math"
	"path/filepath"
	"testing"

	"github.com/gohears/hears/examples/internal/measure"
)

func TestButterworth(t *testing.T) {
	r, err := run(0.05, 4)
	if err != nil {
		t.Fatal(err)
	}
	bp, lp := r.bandpass, r.lowpass
	halfPower := 10 * math.Log10(0.5) // -3.01 dB
	for c := range channels {
		// Band-pass: -3 dB at both edges, 0 dB at the geometric centre
		// (the bilinear transform is pre-warped at the edges).
		h := bp.ir[c]
		for _, f := range []float64{bp.lo[c], bp.hi[c]} {
			if g := measure.GainDB(h, r.rate, f); math.Abs(g-halfPower) > 0.02 {
				t.Errorf("band-pass channel %d: %.2f dB at the edge %.1f Hz, want -3.01", c, g, f)
			}
		}
		if g := measure.GainDB(h, r.rate, math.Sqrt(bp.lo[c]*bp.hi[c])); math.Abs(g) > 0.05 {
			t.Errorf("band-pass channel %d: %.2f dB at the centre, want 0", c, g)
		}
		// Low-pass: 0 dB at DC, -3 dB at the cutoff, about -12 dB an octave up.
		h = lp.ir[c]
		if g := measure.GainDB(h, r.rate, 0); math.Abs(g) > 0.01 {
			t.Errorf("low-pass channel %d: %.2f dB at 0 Hz", c, g)
		}
		if g := measure.GainDB(h, r.rate, lp.hi[c]); math.Abs(g-halfPower) > 0.02 {
			t.Errorf("low-pass channel %d: %.2f dB at the cutoff, want -3.01", c, g)
		}
		if g := measure.GainDB(h, r.rate, 2*lp.hi[c]); g > -11.5 || g < -13 {
			t.Errorf("low-pass channel %d: %.2f dB an octave above the cutoff, want about -12.3", c, g)
		}
	}
	// Cochleograms: wider bands and higher cutoffs pass more noise power,
	// RMS growing as the square root of the bandwidth.
	rms := func(b *bank, c int) float64 { return measure.RMS(measure.Column(b.out, channels, c)[441:]) }
	if q := rms(bp, channels-1) / rms(bp, 0); math.Abs(q-math.Sqrt(6))/math.Sqrt(6) > 0.25 {
		t.Errorf("band-pass RMS ratio top/bottom %.2f, want about √6 = 2.45", q)
	}
	if q := rms(lp, channels-1) / rms(lp, 0); math.Abs(q-math.Sqrt(5))/math.Sqrt(5) > 0.25 {
		t.Errorf("low-pass RMS ratio top/bottom %.2f, want about √5 = 2.24", q)
	}
	if err := draw(r, filepath.Join(t.TempDir(), "b.png")); err != nil {
		t.Fatal(err)
	}
}
