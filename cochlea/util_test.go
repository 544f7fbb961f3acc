package cochlea

import (
	"math"

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
