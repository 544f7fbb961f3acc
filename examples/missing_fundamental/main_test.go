package main

import (
	"math"
	"path/filepath"
	"slices"
	"testing"

	"gonum.org/v1/gonum/floats"
	"gonum.org/v1/gonum/stat"

	"github.com/gohears/hears/examples/internal/brianref"
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
			if err := draw(r, filepath.Join(t.TempDir(), "l.png"), nil); err != nil {
				t.Fatal(err)
			}
		}
	}
}

// TestAgainstBrian2Hears runs the network with the (f0, seed) pairs of
// brian2hears' runs on this machine (testdata/, written by the script
// there): every run finds the missing fundamental as brian2hears does;
// the coincidences per delay have the same shape (correlation with
// brian2hears' mean curve at that f0 at least as high as brian2hears'
// own runs reach, less a seed's spread) and, with the fibre spikes, the
// same size (means within 3 standard errors).
func TestAgainstBrian2Hears(t *testing.T) {
	ref, err := brianref.Load("testdata/brian2hears_missing_fundamental.json")
	if err != nil {
		t.Fatal(err)
	}
	runs := ref.Runs
	if testing.Short() {
		runs = runs[:1]
	}
	var spikes, coinc []float64
	for _, b := range runs {
		r, err := run(uint64(b.Seed), b.F0)
		if err != nil {
			t.Fatal(err)
		}
		if r.pitch != b.Pitch {
			t.Errorf("f0 %g Hz, seed %d: pitch %g Hz, brian2hears %g Hz", b.F0, b.Seed, r.pitch, b.Pitch)
		}
		mean := meanSummary(ref, b.F0)
		// brian2hears' own runs against their mean.
		worst := 1.0
		for _, o := range ref.Runs {
			if o.F0 == b.F0 {
				worst = min(worst, stat.Correlation(o.Summary, mean, nil))
			}
		}
		c := stat.Correlation(r.summary, mean, nil)
		if c < worst-0.05 {
			t.Errorf("f0 %g Hz, seed %d: coincidences per delay correlate %.3f with brian2hears' mean (its own runs ≥ %.3f)", b.F0, b.Seed, c, worst)
		}
		t.Logf("f0 %g Hz, seed %d: pitch %g Hz (brian2hears %g), %d fibre spikes (%d), correlation with brian2hears' curve %.3f (its runs ≥ %.3f)",
			b.F0, b.Seed, r.pitch, b.Pitch, len(r.i), b.Spikes, c, worst)
		if b.F0 == 200 {
			spikes, coinc = append(spikes, float64(len(r.i))), append(coinc, floats.Sum(r.summary))
		}
	}
	if len(spikes) < 2 {
		return
	}
	var refSpikes, refCoinc []float64
	for _, b := range ref.Runs {
		if b.F0 == 200 {
			refSpikes, refCoinc = append(refSpikes, float64(b.Spikes)), append(refCoinc, floats.Sum(b.Summary))
		}
	}
	// Floors: the seed-to-seed spreads brian2hears shows (≈ 40 fibre
	// spikes, ≈ 150 coincidences).
	for _, c := range []struct {
		name      string
		got, want []float64
		floor     float64
	}{{"fibre spikes", spikes, refSpikes, 40}, {"coincidences", coinc, refCoinc, 150}} {
		ok, msg := brianref.Agree(c.got, c.want, 3, c.floor)
		if !ok {
			t.Errorf("%s: %s", c.name, msg)
		} else {
			t.Logf("%s: %s", c.name, msg)
		}
	}
}
