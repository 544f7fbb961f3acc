package main

import (
	"math"
	"path/filepath"
	"testing"

	"github.com/gohears/hears/examples/internal/measure"
)

func TestLinearGaborchirp(t *testing.T) {
	r, err := run()
	if err != nil {
		t.Fatal(err)
	}
	for c, g := range glides {
		h := r.ir[c]
		// Unit L2 norm (brian2hears' normalisation).
		ss := 0.0
		for _, v := range h {
			ss += v * v
		}
		if math.Abs(ss-1) > 1e-12 {
			t.Errorf("c = %g: Σh² = %v, want 1", g, ss)
		}
		// The Gaussian envelope is centred on t = 0.
		if at := r.t[0] + measure.EnvelopePeak(h)/r.rate; math.Abs(at) > 1e-4 {
			t.Errorf("c = %g: envelope peaks at %.3f ms, want 0", g, 1e3*at)
		}
		// The instantaneous frequency is f + c·t.
		slope, at0 := fit(r.zt[c], r.zf[c])
		if math.Abs(slope-g) > 0.01*math.Abs(g)+500 {
			t.Errorf("c = %g Hz/s: fitted slope %.0f Hz/s", g, slope)
		}
		if math.Abs(at0-freq) > 1 {
			t.Errorf("c = %g Hz/s: %.2f Hz at t = 0, want %.0f", g, at0, freq)
		}
		if len(r.zt[c]) < 8 {
			t.Errorf("c = %g Hz/s: only %d frequency estimates", g, len(r.zt[c]))
		}
	}
	if err := draw(r, filepath.Join(t.TempDir(), "g.png")); err != nil {
		t.Fatal(err)
	}
}
