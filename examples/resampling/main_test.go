package main

import (
	"math"
	"path/filepath"
	"testing"

	"github.com/gohears/hears/sound"
)

func TestResampling(t *testing.T) {
	r, err := run(1, 4)
	if err != nil {
		t.Fatal(err)
	}
	if r.out.SampleRate() != outRate || r.out.NumFrames() != 16000 {
		t.Fatalf("resampled to %v", r.out)
	}
	// Streamed and in-memory resampling are the same filter.
	if r.maxStream != 0 {
		t.Errorf("streamed and in-memory results differ by %g", r.maxStream)
	}
	// The 3 kHz tone keeps its level.
	if a, b := lineDB(r.inSpec, 3000), lineDB(r.outSpec, 3000); math.Abs(a-b) > 0.05 {
		t.Errorf("3 kHz line %.2f dB before, %.2f dB after", a, b)
	}
	// Nothing at 6 kHz beyond the noise (which has the same level, about
	// 12 dB SPL, in every 35 Hz band, give or take 3 dB over 1 s): the
	// 10 kHz tone at 70 dB SPL did not fold there.
	if a, n := lineDB(r.outSpec, 6000), lineDB(r.outSpec, 5000); a > n+6 {
		t.Errorf("6 kHz band %.1f dB, a noise band %.1f dB: aliasing", a, n)
	}
	// Without noise: a 10 kHz tone at 70 dB SPL resampled to 16 kHz leaves
	// less than -20 dB SPL (attenuated by more than 90 dB) away from the edges.
	tone, err := sound.Tone(10000, 0.1, sound.WithRate(inRate))
	if err != nil {
		t.Fatal(err)
	}
	if err := tone.SetLevel(70); err != nil {
		t.Fatal(err)
	}
	down, err := tone.Resampled(outRate)
	if err != nil {
		t.Fatal(err)
	}
	mid, err := down.SliceFrames(200, down.NumFrames()-200)
	if err != nil {
		t.Fatal(err)
	}
	if l := float64(mid.Level()[0]); l > -20 {
		t.Errorf("10 kHz tone after resampling to 16 kHz: %.1f dB SPL, want < -20", l)
	}
	if err := draw(r, filepath.Join(t.TempDir(), "r.png")); err != nil {
		t.Fatal(err)
	}
}
