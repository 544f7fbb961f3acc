package main

import (
	"math"
	"os"
	"path/filepath"
	"testing"
)

// TestFig7 runs the example on a few levels: the calibration makes every
// CF's response equal at the lowest level, growth is linear there, and at
// 40–80 dB the 500 Hz fibre compresses least (Tan & Carney 2003, Fig. 7).
func TestFig7(t *testing.T) {
	levels := []float64{-10, 0, 40, 80}
	rms, gains, err := run(cfs, levels)
	if err != nil {
		t.Fatal(err)
	}
	for i, cf := range cfs {
		if d := math.Abs(rms[i][0]/rms[0][0] - 1); d > 0.01 {
			t.Errorf("CF %v Hz (gain %.3f): response at -10 dB differs from 500 Hz by %.1f%%", cf, gains[i], 100*d)
		}
		if s := 20 * math.Log10(rms[i][1]/rms[i][0]) / 10; s < 0.9 || s > 1.1 {
			t.Errorf("CF %v Hz: slope %.2f dB/dB at -10 to 0 dB, want about 1", cf, s)
		}
		if i > 0 {
			s0 := 20 * math.Log10(rms[0][3]/rms[0][2]) / 40
			si := 20 * math.Log10(rms[i][3]/rms[i][2]) / 40
			if si > s0-0.1 || si > 0.7 {
				t.Errorf("CF %v Hz: slope %.2f dB/dB at 40-80 dB, want < 0.7 and below 500 Hz's %.2f", cf, si, s0)
			}
		}
	}
	path := filepath.Join(t.TempDir(), "fig7.png")
	if err := draw(path, levels, rms); err != nil {
		t.Fatal(err)
	}
	if st, err := os.Stat(path); err != nil || st.Size() == 0 {
		t.Fatalf("PNG not written: %v", err)
	}
}
