package main

import (
	"math"
	"path/filepath"
	"testing"
)

func TestAutocorrelogram(t *testing.T) {
	r, err := run(0.1, 2)
	if err != nil {
		t.Fatal(err)
	}
	// All three sounds have a 200 Hz pitch: the summary's first major peak
	// lies at 5 ms.
	for _, a := range r.acgs {
		if math.Abs(a.pitch-1/f0) > 0.05e-3 {
			t.Errorf("%s: pitch period %.3f ms, want 5", a.name, 1e3*a.pitch)
		}
	}
	// Missing fundamental: the channel near 1.2 kHz (harmonic 6) has its
	// own first peak at 1/1200 s, yet the summary at 5 ms stands well above
	// its value halfway there.
	a := r.acgs[0]
	c := 0
	for i, f := range r.cf {
		if math.Abs(f-1200) < math.Abs(r.cf[c]-1200) {
			c = i
		}
	}
	first := peakBeyond(a.rows[c], int(0.3e-3*r.rate)) / r.rate
	if math.Abs(first-1.0/1200) > 0.05e-3 {
		t.Errorf("channel at %.0f Hz: first ACF peak at %.3f ms, want about %.3f", r.cf[c], 1e3*first, 1e3/1200)
	}
	at := func(lag float64) float64 { return a.summary[int(math.Round(lag*r.rate))] }
	if at(5e-3)-at(2.5e-3) < 0.3 {
		t.Errorf("missing F0 summary: %.2f at 5 ms, %.2f at 2.5 ms", at(5e-3), at(2.5e-3))
	}
	if err := draw(r, filepath.Join(t.TempDir(), "a.png")); err != nil {
		t.Fatal(err)
	}
}

func TestPeakBeyond(t *testing.T) {
	// Equal peaks at 4 and 8: the first one.
	s := []float64{1, 0.5, 0, 0.5, 1, 0.5, 0, 0.5, 1, 0.5}
	if p := peakBeyond(s, 2); p != 4 {
		t.Errorf("peak at %g, want 4", p)
	}
	if p := peakBeyond([]float64{3, 2, 1}, 1); p != 0 {
		t.Errorf("no peak: %g", p)
	}
}
