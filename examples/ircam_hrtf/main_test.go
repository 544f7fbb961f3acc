package main

import (
	"math"
	"path/filepath"
	"testing"
)

// What the picture shows: each ear's response is strongest on its own side
// and weakest on the other, mirror images of each other, and the near ear
// hears the noise first.
func TestIRCAMHRTF(t *testing.T) {
	r, err := run("../../"+DefaultSOFA, 0.01, 1)
	if err != nil {
		t.Fatal(err)
	}
	if len(r.azimuth) != 24 {
		t.Errorf("%d horizontal directions, want LISTEN's 24 (15° apart)", len(r.azimuth))
	}
	hiL, loL := r.azimuth[argmax(r.rmsL)], r.azimuth[argmin(r.rmsL)]
	hiR, loR := r.azimuth[argmax(r.rmsR)], r.azimuth[argmin(r.rmsR)]
	// The loudest direction lies on the ear's side, the quietest on the
	// other side, both within 60° of the interaural axis.
	if !(hiL >= 30 && hiL <= 150) || !(loL <= -30 && loL >= -150) {
		t.Errorf("left ear loudest at %g°, quietest at %g°", hiL, loL)
	}
	if !(hiR <= -30 && hiR >= -150) || !(loR >= 30 && loR <= 150) {
		t.Errorf("right ear loudest at %g°, quietest at %g°", hiR, loR)
	}
	// The head shadow: more than 10 dB between the two sides for each ear.
	for _, ear := range [][]float64{r.rmsL, r.rmsR} {
		if d := 20 * math.Log10(ear[argmax(ear)]/ear[argmin(ear)]); d < 10 {
			t.Errorf("only %.1f dB between the loudest and quietest directions", d)
		}
	}
	// For the source at +90°, the left ear's response starts earlier.
	k := -1
	for i, a := range r.azimuth {
		if a == 90 {
			k = i
		}
	}
	if k < 0 {
		t.Fatal("no direction at +90°")
	}
	if ol, or := onset(r.left[k]), onset(r.right[k]); !(ol < or) {
		t.Errorf("source at +90°: left ear starts at frame %d, right at %d", ol, or)
	}
	if err := draw(r, filepath.Join(t.TempDir(), "ircam.png")); err != nil {
		t.Fatal(err)
	}
}

// onset is the first frame whose magnitude reaches a tenth of the peak.
func onset(x []float64) int {
	peak := 0.0
	for _, v := range x {
		peak = max(peak, math.Abs(v))
	}
	for i, v := range x {
		if math.Abs(v) >= peak/10 {
			return i
		}
	}
	return len(x)
}
