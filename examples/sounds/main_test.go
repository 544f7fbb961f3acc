package main

import (
	"math"
	"path/filepath"
	"slices"
	"testing"

	"github.com/gohears/hears/sound"
)

func TestSounds(t *testing.T) {
	r, err := run(0.25, 3)
	if err != nil {
		t.Fatal(err)
	}
	if r.snd.NumFrames() != 11025 || r.start.NumFrames() != 882 {
		t.Fatalf("%d and %d frames, want 11025 and 882", r.snd.NumFrames(), r.start.NumFrames())
	}
	// The ramp: the sound starts and ends at zero.
	if a, b := r.snd.At(0, 0), r.snd.At(r.snd.NumFrames()-1, 0); a != 0 || b != 0 {
		t.Errorf("first and last samples %g, %g; want 0 (ramped)", a, b)
	}
	// Level of a tone of power 1/2 plus noise of power 1: 10·log10(1.5/(20 µPa)²).
	want := 10 * math.Log10(1.5/(sound.ReferencePressure*sound.ReferencePressure))
	if got := float64(r.snd.Level()[0]); math.Abs(got-want) > 0.3 {
		t.Errorf("level %.2f dB SPL, want %.2f ± 0.3", got, want)
	}
	// Spectrogram: a line at 1 kHz, in every segment, about 19 dB above the
	// noise floor (tone power 1/2 over a Hann window's 1.5-bin noise
	// bandwidth of 86 Hz bins, against noise PSD 2/rate).
	sp := r.spec
	df := sp.Freqs[1] - sp.Freqs[0]
	k := int(math.Round(toneFreq / df))
	for j := range sp.Times {
		col := make([]float64, len(sp.Freqs))
		for i := range col {
			col[i] = sp.Power[i][j]
		}
		peak := 0
		for i := range col {
			if col[i] > col[peak] {
				peak = i
			}
		}
		if peak < k-1 || peak > k+1 {
			t.Errorf("segment at %.3f s: peak at %.0f Hz, want %.0f Hz", sp.Times[j], sp.Freqs[peak], toneFreq)
		}
		med := slices.Clone(col)
		slices.Sort(med)
		if ratio := 10 * math.Log10(col[peak]/med[len(med)/2]); ratio < 12 {
			t.Errorf("segment at %.3f s: tone only %.1f dB above the median bin", sp.Times[j], ratio)
		}
	}
	if err := draw(r, filepath.Join(t.TempDir(), "s.png")); err != nil {
		t.Fatal(err)
	}
}
