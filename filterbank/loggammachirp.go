package filterbank

import (
	"fmt"

	"github.com/gohears/hears/sound"
)

// LogGammachirpCoefficients returns the coefficients [channel][tap][stage]
// of Brian Hears' LogGammachirp: per channel, the 4 second-order sections of
// the gammatone at f with bandwidth factor b (GammatoneCoefficients, default
// ERB scale) followed by ncascades asymmetric compensation sections with
// parameters b and c (AsymmetricCompensationCoefficients): the IIR
// gammachirp of Unoki, Irino & Patterson (2001), whose impulse response
// approximates t³ e^(−2π b ERB(f) t) cos(2π(f t + c ln t)).
//
// f are the sweep end frequencies in Hz (one per channel); fs the sample
// rate in Hz; b and c one value for all channels or one per channel (Brian
// Hears' defaults: b = 1.019, c = 1, ncascades = 4). c < 0 gives an upward
// glide, c > 0 a downward one.
func LogGammachirpCoefficients(f []float64, fs float64, b, c []float64, ncascades int) (bc, ac [][][]float64, err error) {
	gb, ga, err := GammatoneCoefficients(f, fs, GammatoneB(b...))
	if err != nil {
		return nil, nil, err
	}
	sb, sa, err := AsymmetricCompensationCoefficients(f, fs, b, c, ncascades)
	if err != nil {
		return nil, nil, err
	}
	gs := len(gb[0][0])
	if bc, ac, err = newCoefficientPair("log gammachirp", len(f), 3, gs+ncascades); err != nil {
		return nil, nil, err
	}
	for ch := range f {
		if len(gb[ch]) != 3 || len(ga[ch]) != 3 {
			return nil, nil, fmt.Errorf("filterbank: gammatone coefficients of channel %d have %d taps, want 3", ch, len(gb[ch]))
		}
		for t := range 3 {
			copy(bc[ch][t], gb[ch][t])
			copy(bc[ch][t][gs:], sb[ch][t])
			copy(ac[ch][t], ga[ch][t])
			copy(ac[ch][t][gs:], sa[ch][t])
		}
	}
	return bc, ac, nil
}

// LogGammachirp is Brian Hears' LogGammachirp filterbank: one IIR
// gammachirp per frequency f (Hz), see LogGammachirpCoefficients. src has
// one channel per filter, or one channel feeding all.
func LogGammachirp(src sound.Source, f []float64, b, c []float64, ncascades int) (*Bank, error) {
	return tuned[*Bank](f)(designedLinear(src, "log gammachirp has a nil source", func(rate float64) ([][][]float64, [][][]float64, error) {
		return LogGammachirpCoefficients(f, rate, b, c, ncascades)
	}))
}
