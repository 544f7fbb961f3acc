package main

import (
	"math"
	"path/filepath"
	"testing"
)

func TestSoundGenerators(t *testing.T) {
	items, err := run(5)
	if err != nil {
		t.Fatal(err)
	}
	for _, it := range items {
		if l := float64(it.snd.Level()[0]); math.Abs(l-60) > 1e-9 {
			t.Errorf("%s: level %.3f dB SPL, want 60", it.name, l)
		}
	}
	// Noises: 0, -3 and -6 dB per octave between 200 Hz and 10 kHz.
	for i, want := range []float64{0, -3, -6} {
		if got := items[i].slope(200, 10000); math.Abs(got-want) > 0.5 {
			t.Errorf("%s: %.2f dB/octave, want %.0f", items[i].name, got, want)
		}
	}
	// Harmonic complex: equal lines at k·200 Hz (power summed over each
	// line's window main lobe), nothing halfway between.
	hc := items[3]
	ref := lineDB(hc, f0)
	for k := 1.0; k <= 20; k++ {
		if l := lineDB(hc, k*f0); math.Abs(l-ref) > 0.1 {
			t.Errorf("harmonic %.0f: %.1f dB, harmonic 1 %.1f dB", k, l, ref)
		}
		if l := hc.bandDB((k+0.5)*f0-5, (k+0.5)*f0+5); l > ref-40 {
			t.Errorf("between harmonics %.0f and %.0f: %.1f dB, only %.1f dB below the lines", k, k+1, l, ref-l)
		}
	}
	// Vowel /a/: of its harmonics up to 2 kHz, the strongest lies at the
	// first or second formant (730, 1090 Hz), above the harmonics at 300 Hz
	// and 1.5 kHz.
	v := items[4]
	best, bestL := 0.0, math.Inf(-1)
	for h := pitch; h <= 2000; h += pitch {
		if l := lineDB(v, h); l > bestL {
			best, bestL = h, l
		}
	}
	if math.Abs(best-730) > pitch && math.Abs(best-1090) > pitch {
		t.Errorf("vowel: strongest harmonic at %.0f Hz, not at a formant", best)
	}
	for _, h := range []float64{300, 1500} {
		if l := lineDB(v, h); l > bestL-6 {
			t.Errorf("vowel: harmonic at %.0f Hz (%.1f dB) within 6 dB of the formant peak (%.1f dB)", h, l, bestL)
		}
	}
	// Iterated rippled noise: peaks at multiples of 1/delay, 30 dB above
	// the troughs halfway between.
	irn := items[5]
	for k := 1.0; k <= 8; k++ {
		p := irn.bandDB(k/irnDelay-20, k/irnDelay+20)
		q := irn.bandDB((k+0.5)/irnDelay-20, (k+0.5)/irnDelay+20)
		if p-q < 30 {
			t.Errorf("IRN: peak at %.0f Hz only %.1f dB above the trough", k/irnDelay, p-q)
		}
	}
	if err := draw(items, filepath.Join(t.TempDir(), "g.png")); err != nil {
		t.Fatal(err)
	}
}

// lineDB returns the power of a spectral line at f Hz, in dB: the PSD summed
// over ±15 Hz (the Hann window's main lobe is ±2 bins of 5.4 Hz), which does
// not depend on where the line falls between bins.
func lineDB(it *item, f float64) float64 {
	s := 0.0
	for k, g := range it.freqs {
		if math.Abs(g-f) <= 15 {
			s += it.psd[k]
		}
	}
	return 10 * math.Log10(s)
}
