package cochlea

import (
	"math"
	"testing"

	"github.com/gohears/hears/sound"
)

func nan() float64 { return math.NaN() }

// testNoise is seeded white noise of n frames at rate Hz with RMS rms Pa.
func testNoise(n int, rate, rms float64) *sound.Sound {
	s, err := sound.WhiteNoise(0, sound.WithRate(rate), sound.WithFrames(n), sound.WithSeed(7))
	if err != nil {
		panic(err)
	}
	d := s.Data()
	for i := range d {
		d[i] *= rms
	}
	return s
}

func TestTestNoise(t *testing.T) {
	s := testNoise(1000, 44100, 0.2)
	if s.NumFrames() != 1000 || s.NumChannels() != 1 {
		t.Fatalf("%d frames %d channels", s.NumFrames(), s.NumChannels())
	}
}
