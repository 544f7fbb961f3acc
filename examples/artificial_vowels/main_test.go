package main

import (
	"path/filepath"
	"testing"
)

func TestArtificialVowels(t *testing.T) {
	// Before the ramp, all the power lies in the two formant bands.
	for i, name := range vowelNames {
		v, err := vowel(formants[name], uint64(10+i))
		if err != nil {
			t.Fatal(err)
		}
		if v.NumFrames() != 4096 || v.SampleRate() != rate {
			t.Fatalf("/%s/: %d frames at %g Hz, want 4096 at 10 kHz", name, v.NumFrames(), v.SampleRate())
		}
		in, err := bandFraction(v, formants[name], halfBand)
		if err != nil {
			t.Fatal(err)
		}
		if in < 1-1e-12 {
			t.Errorf("/%s/: %.15f of the power in the formant bands, want 1", name, in)
		}
	}
	r, err := run(3)
	if err != nil {
		t.Fatal(err)
	}
	// After the ramp, nearly all of it.
	for _, name := range vowelNames {
		in, err := bandFraction(r.vowels[name], formants[name], halfBand)
		if err != nil {
			t.Fatal(err)
		}
		if in < 0.99 {
			t.Errorf("ramped /%s/: %.4f of the power in the formant bands, want > 0.99", name, in)
		}
	}
	// The stereo pair: /ee/ left, /ar/ right (whose bands /ee/ lacks).
	if r.stereo.NumChannels() != 2 {
		t.Fatalf("stereo sound has %d channels", r.stereo.NumChannels())
	}
	right, err := r.stereo.Right()
	if err != nil {
		t.Fatal(err)
	}
	if in, _ := bandFraction(right, formants["ar"], halfBand); in < 0.99 {
		t.Errorf("right channel: %.4f of its power in /ar/'s bands", in)
	}
	if in, _ := bandFraction(right, formants["ee"], halfBand); in > 0.01 {
		t.Errorf("right channel: %.4f of its power in /ee/'s bands", in)
	}
	// The spectrogram's two bands: the time-averaged power at each formant
	// is more than 30 dB above that at 1 kHz, between the bands.
	sp := r.spec
	mean := make([]float64, len(sp.Freqs))
	for i := range mean {
		for _, p := range sp.Power[i] {
			mean[i] += p / float64(len(sp.Times))
		}
	}
	at := func(f float64) float64 {
		best := 0
		for i, g := range sp.Freqs {
			if abs(g-f) < abs(sp.Freqs[best]-f) {
				best = i
			}
		}
		return mean[best]
	}
	for _, f := range formants["ee"] {
		if at(f) < 1000*at(1000) {
			t.Errorf("spectrogram: power at %g Hz only %.3g times that at 1 kHz", f, at(f)/at(1000))
		}
	}
	if err := draw(r, filepath.Join(t.TempDir(), "v.png")); err != nil {
		t.Fatal(err)
	}
}

func abs(x float64) float64 {
	if x < 0 {
		return -x
	}
	return x
}
