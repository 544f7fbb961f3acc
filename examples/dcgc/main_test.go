package main

import (
	"math"
	"testing"

	"github.com/gohears/hears/examples/internal/measure"
	"github.com/gohears/hears/examples/internal/stim"
	"github.com/gohears/hears/sound"
)

// TestDCGCExample checks that the example's output is finite and nonzero,
// and that a coarser update interval changes it, but not grossly (the level
// estimate then samples the control path only every 16 samples, 0.32 ms,
// against its 0.5 ms half-life).
func TestDCGCExample(t *testing.T) {
	y1, cf, err := run(1)
	if err != nil {
		t.Fatal(err)
	}
	y16, _, err := run(16)
	if err != nil {
		t.Fatal(err)
	}
	peak, diff := 0.0, 0.0
	for i, v := range y1 {
		if math.IsNaN(v) || math.IsInf(v, 0) {
			t.Fatalf("sample %d is %v", i, v)
		}
		peak = max(peak, math.Abs(v))
		diff = max(diff, math.Abs(v-y16[i]))
	}
	if len(y1) != 2500*len(cf) || peak == 0 {
		t.Fatalf("%d samples, peak %g", len(y1), peak)
	}
	if diff == 0 || diff > 0.25*peak {
		t.Errorf("update interval 16 changes the output by %g of a %g peak, want a small nonzero change", diff, peak)
	}
}

// toneRMS returns the RMS, after the first 10 ms, of the example's bank
// at the centre frequencies cf driven by 50 ms of a freq Hz tone at level
// dB SPL, one value per channel.
func toneRMS(t *testing.T, freq float64, level sound.DB, cf []float64) []float64 {
	t.Helper()
	r, err := stim.ToneRMS(freq, level, 0.05, 50000, 0.01, func(src sound.Source) (sound.Source, error) {
		return bank(src, cf, 1)
	})
	if err != nil {
		t.Fatal(err)
	}
	return r
}

// TestDCGCPicture checks in numbers what the example's cochleagram shows.
// Tonotopy with the gammachirp's asymmetry: each channel's output on the
// noise rings below its centre frequency (c1 = −2.96 puts the passive
// filter's peak below CF; zero-crossing rate measured 0.77–0.87 CF above
// 200 Hz), rising with CF; a tone therefore excites most a channel whose
// CF is 1.1–1.5 times its frequency (measured 1.38, 1.27, 1.23 for 200,
// 400, 600 Hz). Growth with level is compressive but only mildly: the gain
// at 800 Hz of the 1 kHz channel falls by 2.2 dB from 20 to 80 dB SPL (a
// slope of 0.96 dB/dB), because brian2hears' level formula — which the
// example and cochlea.DCGC follow — uses level_ref in dB where AIM-MAT
// uses a linear RMS (see cochlea.DCGC and docs/cochlea.md).
func TestDCGCPicture(t *testing.T) {
	y, cf, err := run(1)
	if err != nil {
		t.Fatal(err)
	}
	nc := len(cf)
	prev := 0.0
	for c := 0; c < nc; c += 7 {
		f := measure.ZeroCrossingRate(measure.Column(y, nc, c)[500:], 50000)
		if cf[c] > 200 && (f < 0.7*cf[c] || f > cf[c]) {
			t.Errorf("channel %d (CF %.0f Hz) rings at %.0f Hz, want 0.7–1 CF", c, cf[c], f)
		}
		if f <= prev {
			t.Errorf("channel %d (CF %.0f Hz) rings at %.0f Hz, not above the lower channel's %.0f Hz", c, cf[c], f, prev)
		}
		prev = f
	}
	for _, f := range []float64{200, 400, 600} {
		r := toneRMS(t, f, 50, cf)
		if best := cf[measure.ArgMax(r)]; best < 1.1*f || best > 1.5*f {
			t.Errorf("a %.0f Hz tone excites most the %.0f Hz channel, want 1.1–1.5 times the tone", f, best)
		}
	}
	at := func(level sound.DB) float64 { return toneRMS(t, 800, level, []float64{1000})[0] }
	lo, mid, hi := at(20), at(50), at(80)
	slope := 20 * math.Log10(hi/lo) / 60
	if slope < 0.9 || slope > 0.99 {
		t.Errorf("growth 20–80 dB SPL at 800 Hz in the 1 kHz channel: %.3f dB/dB, want mildly compressive (0.9–0.99)", slope)
	}
	if g1, g2 := 20*math.Log10(mid/lo)/30, 20*math.Log10(hi/mid)/30; g1 >= 1 || g2 >= 1 {
		t.Errorf("growth 20–50 dB %.3f and 50–80 dB %.3f dB/dB, want each below 1", g1, g2)
	}
}
