package main

import (
	"math"
	"path/filepath"
	"testing"

	"github.com/gohears/hears/examples/internal/measure"
)

func TestApproximateGammatone(t *testing.T) {
	r, err := run(0.1, 3)
	if err != nil {
		t.Fatal(err)
	}
	// Cochleogram: each channel rings near its centre frequency. The low
	// channels are broad (bandwidth 0.4 cf at 100 Hz), so over 80 ms of noise
	// their zero-crossing rate wanders more than the gammatone's and, by
	// Rice's formula (the rate is the RMS frequency of the output spectrum),
	// lies above cf for a broad filter.
	sumErr := 0.0
	for c, cf := range r.cf {
		f := measure.ZeroCrossingRate(measure.Column(r.out, channels, c)[882:], r.rate)
		e := math.Abs(f-cf) / cf
		sumErr += e
		if e > 0.5 || (cf > 300 && e > 0.15) {
			t.Errorf("channel %d (cf %.1f Hz) rings at %.1f Hz", c, cf, f)
		}
	}
	if m := sumErr / channels; m > 0.15 {
		t.Errorf("mean relative error of ringing frequency %.3f, want < 0.15", m)
	}
	// Frequency responses: unit gain at cf, a peak slightly higher a few per
	// cent above cf (Brian Hears takes the real part of each section, not of
	// the cascade), and a -3 dB width equal to the bandwidth asked for.
	for i, c := range r.pick {
		cf, bw := r.cf[c], r.bw[c]
		best, err := measure.BestFrequency(r.ir[i], r.rate, 0.5*cf, 1.5*cf, 0.5)
		if err != nil {
			t.Fatal(err)
		}
		if best < cf || best > 1.08*cf {
			t.Errorf("cf %.0f Hz: best frequency %.1f Hz, want within [cf, 1.08 cf]", cf, best)
		}
		if g := measure.GainDB(r.ir[i], r.rate, cf); math.Abs(g) > 1e-6 {
			t.Errorf("cf %.0f Hz: gain %.3g dB at cf, want 0", cf, g)
		}
		if g := measure.GainDB(r.ir[i], r.rate, best); g <= 0 || g > 0.5 {
			t.Errorf("cf %.0f Hz: peak gain %.2f dB, want in (0, 0.5]", cf, g)
		}
		if w := width3dB(r.ir[i], r.rate, best); math.Abs(w-bw)/bw > 0.05 {
			t.Errorf("cf %.0f Hz: -3 dB width %.1f Hz, want %.1f Hz ± 5%%", cf, w, bw)
		}
	}
	if err := draw(r, filepath.Join(t.TempDir(), "a.png")); err != nil {
		t.Fatal(err)
	}
}
