package filterbank

import (
	"fmt"
	"math"

	"github.com/gohears/hears/sound"
)

// LowPass returns a bank of first-order low-pass filters with cutoff
// frequencies fc (Hz), as Brian Hears' LowPass (the MAP toolbox form:
// b = [dt/τ, 0], a = [1, -(1-dt/τ)], τ = 1/(2π fc)). With one fc the bank
// has as many channels as src; with several, one channel per fc and src has
// that many channels or one. The filter is stable only for fc below
// rate/π, so higher cutoffs are an error.
func LowPass(src sound.Source, fc ...float64) (*Bank, error) {
	if src == nil {
		return nil, fmt.Errorf("filterbank: low-pass: nil source")
	}
	if len(fc) == 1 {
		var err error
		if err = checkLinearMemory("low-pass", src.NumChannels(), 2, 1); err != nil {
			return nil, err
		}
		if fc, err = expandChannels("low-pass cutoff", fc, src.NumChannels()); err != nil {
			return nil, err
		}
	}
	b, a, err := LowPassCoefficients(fc, src.SampleRate())
	if err != nil {
		return nil, err
	}
	return Linear(src, b, a)
}

// LowPassCoefficients returns the coefficients of first-order low-pass
// filters with cutoffs fc (Hz) at the sample rate rate (Hz), shaped
// [channel][tap][stage] (2 taps, 1 stage) as brian2hears' LowPass.
func LowPassCoefficients(fc []float64, rate float64) (b, a [][][]float64, err error) {
	if err := validRate(rate); err != nil {
		return nil, nil, err
	}
	if err := checkLinearMemory("low-pass", len(fc), 2, 1); err != nil {
		return nil, nil, err
	}
	if err := validFrequencies("low-pass cutoff", fc, rate/math.Pi); err != nil {
		return nil, nil, fmt.Errorf("%w (a first-order low-pass at %v Hz is unstable from %v Hz on)", err, rate, rate/math.Pi)
	}
	dt := 1 / rate
	b = make([][][]float64, len(fc))
	a = make([][][]float64, len(fc))
	for c, f := range fc {
		tau := 1 / (2 * math.Pi * f)
		r := dt / tau
		b[c] = [][]float64{{r}, {0}}
		a[c] = [][]float64{{1}, {-(1 - r)}}
	}
	return b, a, nil
}
