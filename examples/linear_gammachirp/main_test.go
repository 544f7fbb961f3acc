package main

import (
	"math"
	"path/filepath"
	"testing"

	"github.com/gohears/hears/examples/internal/measure"
)

func TestLinearGammachirp(t *testing.T) {
	r, err := run(0.05, 2)
	if err != nil {
		t.Fatal(err)
	}
	if len(r.ir) != channels || len(r.out) != channels*2205 {
		t.Fatalf("%d impulse responses, %d samples; want %d and %d", len(r.ir), len(r.out), channels, channels*2205)
	}
	prev := math.Inf(1)
	for c, h := range r.ir {
		f, tau := r.f[c], r.tau[c]
		// The gamma envelope t³e^(-t/σ) peaks at 3σ (within a quarter period
		// of the carrier plus 5 %).
		peak := measure.EnvelopePeak(h) / r.rate
		if math.Abs(peak-3*tau) > 0.25/f+0.05*3*tau {
			t.Errorf("channel %d: envelope peaks at %.2f ms, want 3σ = %.2f ms", c, 1e3*peak, 3e3*tau)
		}
		if peak >= prev {
			t.Errorf("channel %d: envelope peak %.2f ms not earlier than the channel below", c, 1e3*peak)
		}
		prev = peak
		// c = 0: a tone under the envelope, best frequency at f.
		best, err := measure.BestFrequency(h, r.rate, 0.5*f, 1.5*f, 1)
		if err != nil {
			t.Fatal(err)
		}
		if math.Abs(best-f) > 0.01*f+1 {
			t.Errorf("channel %d: best frequency %.0f Hz, want %.0f Hz", c, best, f)
		}
	}
	// Σ|h| = 1 (brian2hears' normalisation): unit gain at most.
	for c, h := range r.ir {
		s := 0.0
		for _, v := range h {
			s += math.Abs(v)
		}
		if math.Abs(s-1) > 1e-12 {
			t.Errorf("channel %d: Σ|h| = %v, want 1", c, s)
		}
	}
	if err := draw(r, filepath.Join(t.TempDir(), "l.png")); err != nil {
		t.Fatal(err)
	}
}
