package sound

import (
	"math"
	"strings"
	"testing"
)

// TestNewRefusesNonFinite: a Sound's samples are finite, as every decoder
// and online source requires, so that no model turns a NaN into finite,
// wrong numbers (the nonlinear cochlear models clamp their arguments). The
// error names the frame and channel.
func TestNewRefusesNonFinite(t *testing.T) {
	for _, v := range []float64{math.NaN(), math.Inf(1), math.Inf(-1)} {
		data := []float64{0, 0.5, -0.5, 1, v, 0}
		_, err := New(data, 2, 44100)
		if err == nil {
			t.Fatalf("New accepted %v", v)
		}
		if !strings.Contains(err.Error(), "frame 2 channel 0") {
			t.Errorf("%v: error %q does not name frame 2 channel 0", v, err)
		}
		if _, err := FromChannels([][]float64{{0, v}, {1, 2}}, 44100); err == nil {
			t.Errorf("FromChannels accepted %v", v)
		}
	}
	if _, err := New([]float64{math.MaxFloat64, -math.SmallestNonzeroFloat64}, 1, 8000); err != nil {
		t.Errorf("finite extremes refused: %v", err)
	}
}
