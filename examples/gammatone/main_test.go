package main

import (
	"math"
	"path/filepath"
	"testing"

	"github.com/gohears/hears/examples/internal/measure"
	"github.com/gohears/hears/filterbank"
)

func TestGammatone(t *testing.T) {
	r, err := run(0.1, 7)
	if err != nil {
		t.Fatal(err)
	}
	if got := len(r.out) / channels; got != 4410 {
		t.Fatalf("%d frames, want 4410", got)
	}
	// Cochleogram: every channel rings at its centre frequency (the stripes
	// get finer upwards). Skip the first 20 ms (the filters' onset).
	skip := 882
	sumErr := 0.0
	for c, cf := range r.cf {
		f := measure.ZeroCrossingRate(measure.Column(r.out, channels, c)[skip:], r.rate)
		e := math.Abs(f-cf) / cf
		sumErr += e
		if e > 0.15 {
			t.Errorf("channel %d (cf %.1f Hz) rings at %.1f Hz", c, cf, f)
		}
	}
	if m := sumErr / channels; m > 0.05 {
		t.Errorf("mean relative error of ringing frequency %.3f, want < 0.05", m)
	}
	// Impulse responses: the envelope peaks at 3/(2π·b·ERB(cf)) and so later
	// for lower channels.
	prev := math.Inf(1)
	for c, h := range r.ir {
		cf := r.irCF[c]
		want := 3 / (2 * math.Pi * bFactor * filterbank.ERB(cf))
		got := measure.EnvelopePeak(h) / r.rate
		if math.Abs(got-want)/want > 0.05 {
			t.Errorf("impulse response at %.0f Hz peaks at %.2f ms, want %.2f ms", cf, 1e3*got, 1e3*want)
		}
		if got >= prev {
			t.Errorf("impulse response at %.0f Hz peaks no earlier (%.2f ms) than the channel below", cf, 1e3*got)
		}
		prev = got
	}
	if err := draw(r, filepath.Join(t.TempDir(), "g.png")); err != nil {
		t.Fatal(err)
	}
}
