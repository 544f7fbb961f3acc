package filterbank

import (
	"math"
	"testing"

	"github.com/gohears/hears/sound"
)

func TestFractionalDelay(t *testing.T) {
	const rate = 44100.0
	n := 8192
	x := make([]float64, n)
	for i := range x {
		x[i] = math.Sin(2 * math.Pi * 500 * float64(i) / rate)
	}
	in, _ := sound.New(x, 1, rate)
	delays := []float64{0, 3 / rate, 2.3 / rate, -1.7 / rate}
	fb, err := FractionalDelay(in, delays, 0)
	if err != nil {
		t.Fatal(err)
	}
	if fb.FilterLength() != 2048 || fb.DelayOffset() != 1024/rate || fb.NumChannels() != 4 {
		t.Fatalf("length %d offset %g channels %d", fb.FilterLength(), fb.DelayOffset(), fb.NumChannels())
	}
	y := readBlocks(t, fb, n, 1000)
	// whole-sample delays are shifts (to FFT rounding)
	for f := 1030; f < n; f++ {
		if math.Abs(y[f*4]-x[f-1024]) > 1e-12 || math.Abs(y[f*4+1]-x[f-1027]) > 1e-12 {
			t.Fatalf("integer delay at frame %d: %v %v, want %v %v", f, y[f*4], y[f*4+1], x[f-1024], x[f-1027])
		}
	}
	// fractional delays: a 500 Hz tone delayed by offset+d, once the filter
	// has filled (windowed sinc, 2048 taps: error well under 1e-3)
	for ch, d := range delays[2:] {
		worst := 0.0
		for f := 2100; f < n; f++ {
			want := math.Sin(2 * math.Pi * 500 * (float64(f)/rate - fb.DelayOffset() - d))
			worst = max(worst, math.Abs(y[f*4+2+ch]-want))
		}
		if worst > 1e-3 {
			t.Errorf("delay %g samples: max error %g", d*rate, worst)
		}
	}
	if _, err := FractionalDelay(in, []float64{2000 / rate}, 3000); err == nil {
		t.Error("too short a filter accepted")
	}
	if _, err := FractionalDelay(in, []float64{math.NaN()}, 0); err == nil {
		t.Error("NaN delay accepted")
	}
	if _, err := FractionalDelay(in, nil, 0); err == nil {
		t.Error("no delays accepted")
	}
	if got := FractionalDelayResponse(2/rate+1e-13, rate, 11); got[7] != 1 {
		t.Errorf("near-integer delay response %v, want an impulse at tap 7", got)
	}
}
