package main

import (
	"math"
	"path/filepath"
	"testing"
)

func TestBinauralITD(t *testing.T) {
	for _, itd := range []float64{300e-6, -180e-6} {
		r, err := run(0.08, itd, 3)
		if err != nil {
			t.Fatal(err)
		}
		// Every channel's cross-correlation peaks at the ITD (the vertical
		// ridge), and the pooled one too.
		for c, b := range r.best {
			if math.Abs(b-itd) > 5e-6 {
				t.Errorf("ITD %.0f µs: channel %d (%.0f Hz) peaks at %.1f µs", 1e6*itd, c, r.cf[c], 1e6*b)
			}
		}
		if math.Abs(r.estim-itd) > 2e-6 {
			t.Errorf("ITD %.0f µs: pooled estimate %.2f µs", 1e6*itd, 1e6*r.estim)
		}
		// Side ridges one period away in a high channel (2.5 kHz: ±400 µs).
		c := channels - 5
		period := 1 / r.cf[c]
		for _, side := range []float64{itd - period, itd + period} {
			if math.Abs(side) > maxLag {
				continue
			}
			k := int(math.Round(side*r.samples)) + len(r.lags)/2
			local := r.xc[c][k]
			for j := k - 3; j <= k+3; j++ {
				local = max(local, r.xc[c][j])
			}
			if local < 0.5 {
				t.Errorf("ITD %.0f µs: no side ridge at %.0f µs in the %.0f Hz channel (max %.2f)", 1e6*itd, 1e6*side, r.cf[c], local)
			}
		}
		if err := draw(r, filepath.Join(t.TempDir(), "i.png")); err != nil {
			t.Fatal(err)
		}
	}
	if _, err := run(0.05, 2e-3, 1); err == nil {
		t.Error("an ITD beyond the lags examined gave no error")
	}
}
