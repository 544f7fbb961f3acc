package main

import (
	"math"
	"os"
	"path/filepath"
	"testing"

	"github.com/gohears/hears/sound"
)

// vowelProfiles returns, for each 300 ms vowel of the example's sequence
// (/a/, /i/, /u/), the cochleagram averaged over the vowel's last 200 ms
// (after the 10 Hz low-pass has settled from the previous vowel), one
// value per channel, and the channels' centre frequencies (Hz).
func vowelProfiles(t *testing.T) ([3][]float64, []float64) {
	t.Helper()
	y, cf, rate := mustCochleagram(t, mustInput(t))
	nc := len(cf)
	seg := int(math.Round(0.3 * rate))
	if len(y) != 3*seg*nc {
		t.Fatalf("%d values, want 3 vowels × %d frames × %d channels", len(y), seg, nc)
	}
	var prof [3][]float64
	for v := range prof {
		prof[v] = make([]float64, nc)
		from := v*seg + seg/3
		for k := from; k < (v+1)*seg; k++ {
			for c := range nc {
				x := y[k*nc+c]
				if math.IsNaN(x) || math.IsInf(x, 0) || x < 0 {
					t.Fatalf("frame %d channel %d is %v, want a finite envelope ≥ 0", k, c, x)
				}
				prof[v][c] += x / float64((v+1)*seg-from)
			}
		}
	}
	return prof, cf
}

// nearest returns the index of the centre frequency nearest f.
func nearest(cf []float64, f float64) int {
	best := 0
	for c := range cf {
		if math.Abs(cf[c]-f) < math.Abs(cf[best]-f) {
			best = c
		}
	}
	return best
}

// TestCochleagramVowels checks what the picture shows: each vowel's
// formants (sound.VowelFormants) are bright bands. For every formant of
// every vowel, a channel within 10 % of the formant (or half the 100 Hz
// pitch, if more: below about 1 kHz the harmonics are resolved and the band
// sits on the harmonic nearest the formant, 300 Hz for /i/'s 270 Hz) is a
// local maximum of the vowel's mean cochleagram (above its two neighbours
// on each side); and
// the vowels differ where their formants differ: at F1 of /a/ (730 Hz) /a/
// is brighter than /i/ (whose F1 is 270 Hz), at 270 Hz /i/ brighter than
// /a/, and at F2 of /i/ (2290 Hz) /i/ brighter than /a/ and /u/ (measured
// ratios 3.1, 2.0, 2.1 and 2.8; required 1.5).
func TestCochleagramVowels(t *testing.T) {
	prof, cf := vowelProfiles(t)
	for v, name := range []string{"a", "i", "u"} {
		p := prof[v]
		for _, f := range sound.VowelFormants[name] {
			found := false
			for c := 2; c < len(cf)-2 && !found; c++ {
				if math.Abs(cf[c]-f) <= max(0.1*f, 50) && p[c] > p[c-1] && p[c] > p[c-2] && p[c] > p[c+1] && p[c] > p[c+2] {
					found = true
				}
			}
			if !found {
				t.Errorf("/%s/: no bright band near its %.0f Hz formant", name, f)
			}
		}
	}
	const a, i, u = 0, 1, 2
	for _, c := range []struct {
		what          string
		f             float64
		bright, other int
	}{{"/a/ over /i/ at 730 Hz", 730, a, i}, {"/i/ over /a/ at 270 Hz", 270, i, a},
		{"/i/ over /a/ at 2290 Hz", 2290, i, a}, {"/i/ over /u/ at 2290 Hz", 2290, i, u}} {
		k := nearest(cf, c.f)
		r := prof[c.bright][k] / prof[c.other][k]
		t.Logf("%s: ratio %.2f", c.what, r)
		if !(r > 1.5) {
			t.Errorf("%s: ratio %.2f, want above 1.5", c.what, r)
		}
	}
}

// TestCochleagramTone checks the tonotopy of the picture: a 1 kHz tone
// lights the channels around 1 kHz, the brightest within one channel of
// it, and leaves channels an octave away at least 3 times dimmer.
func TestCochleagramTone(t *testing.T) {
	s, err := sound.Tone(1000, 0.2)
	if err != nil {
		t.Fatal(err)
	}
	y, cf, _ := mustCochleagram(t, s)
	nc := len(cf)
	mean := make([]float64, nc)
	frames := len(y) / nc
	for k := frames / 2; k < frames; k++ {
		for c := range nc {
			mean[c] += y[k*nc+c]
		}
	}
	best := 0
	for c := range mean {
		if mean[c] > mean[best] {
			best = c
		}
	}
	if k := nearest(cf, 1000); best < k-1 || best > k+1 {
		t.Errorf("brightest channel at %.0f Hz, want within one channel of 1000 Hz (%.0f Hz)", cf[best], cf[k])
	}
	for _, f := range []float64{500, 2000} {
		if r := mean[best] / mean[nearest(cf, f)]; !(r > 3) {
			t.Errorf("%.0f Hz channel only %.2f times dimmer than the brightest", f, r)
		}
	}
}

// TestCochleagramPicture draws the example's picture.
func TestCochleagramPicture(t *testing.T) {
	path := filepath.Join(t.TempDir(), "cochleagram.png")
	if err := draw(mustInput(t), path); err != nil {
		t.Fatal(err)
	}
	if st, err := os.Stat(path); err != nil || st.Size() == 0 {
		t.Fatalf("PNG not written: %v", err)
	}
}

// mustInput returns the example's default input, the vowel sequence.
func mustInput(t *testing.T) *sound.Sound {
	t.Helper()
	s, err := input("")
	if err != nil {
		t.Fatal(err)
	}
	return s
}

// mustCochleagram returns the example's cochleagram of s, its centre
// frequencies (Hz) and its rate (Hz).
func mustCochleagram(t *testing.T, s *sound.Sound) (y, cf []float64, rate float64) {
	t.Helper()
	y, cf, rate, err := cochleagram(s)
	if err != nil {
		t.Fatal(err)
	}
	return y, cf, rate
}
