package main

import (
	"math"
	"path/filepath"
	"slices"
	"testing"
)

// TestMissingFundamental checks the pitch the delay lines find for
// harmonics 3–8 of 200 Hz and of 250 Hz: the period of the missing
// fundamental (5 ms, 4 ms), with a peak well above the typical delay,
// while the fibres tuned near the fundamental stay nearly silent.
func TestMissingFundamental(t *testing.T) {
	cases := []struct {
		seed uint64
		f0   float64
	}{{1, 200}, {2, 250}}
	if testing.Short() {
		cases = cases[:1]
	}
	for _, c := range cases {
		r, err := run(c.seed, c.f0)
		if err != nil {
			t.Fatal(err)
		}
		if math.Abs(r.pitch-c.f0) > 1e-9 {
			t.Errorf("f0 %g Hz: the delay lines find %g Hz", c.f0, r.pitch)
		}
		med := slices.Clone(r.summary)
		slices.Sort(med)
		if peak := slices.Max(r.summary); peak < 1.8*med[len(med)/2] {
			t.Errorf("f0 %g Hz: peak %g coincidences, median %g", c.f0, peak, med[len(med)/2])
		}
		// Spikes of fibres with cf within 20 % of f0 against those of the
		// fibres at harmonics 3–8.
		var low, high, nLow, nHigh float64
		for _, i := range r.i {
			switch cf := r.cf[i]; {
			case math.Abs(cf-c.f0) < 0.2*c.f0:
				low++
			case cf > 2.8*c.f0 && cf < 8.2*c.f0:
				high++
			}
		}
		for _, cf := range r.cf {
			switch {
			case math.Abs(cf-c.f0) < 0.2*c.f0:
				nLow++
			case cf > 2.8*c.f0 && cf < 8.2*c.f0:
				nHigh++
			}
		}
		if nLow == 0 || low/nLow > 0.05*high/nHigh {
			t.Errorf("f0 %g Hz: %g spikes a fibre near f0, %g at the harmonics", c.f0, low/max(nLow, 1), high/nHigh)
		}
		t.Logf("f0 %g Hz: pitch %g Hz; %.0f spikes a fibre near f0, %.0f at the harmonics", c.f0, r.pitch, low/max(nLow, 1), high/nHigh)
		if c.seed == 1 {
			if err := draw(r, filepath.Join(t.TempDir(), "l.png")); err != nil {
				t.Fatal(err)
			}
		}
	}
}
