package filterbank

import (
	"fmt"

	"github.com/gohears/hears/filterbank/design"
	"github.com/gohears/hears/sound"
)

// ButterworthCoefficients designs nchannels digital Butterworth filters of
// the given order and band type (design.Butter, scipy.signal.butter) and
// returns their coefficients [channel][tap][stage]: Brian Hears'
// Butterworth filt_b/filt_a with DirectForm (one stage of order+1 taps for
// low/high-pass, 2·order+1 for band-pass/stop), second-order sections
// otherwise.
//
// fs is the sample rate in Hz. fc holds the −3 dB frequencies in Hz in
// Brian Hears' shape: for Lowpass and Highpass one row, fc[0], of cutoffs;
// for Bandpass and Bandstop two rows, fc[0] the lower and fc[1] the upper
// band edges. Each row has one value (the same for every channel) or
// nchannels values.
func ButterworthCoefficients(fs float64, nchannels, order int, btype design.BandType, fc [][]float64, opts ...IIROption) (b, a [][][]float64, err error) {
	if err := validRate(fs); err != nil {
		return nil, nil, err
	}
	if nchannels < 1 {
		return nil, nil, fmt.Errorf("filterbank: Butterworth filterbank needs at least one channel, got %d", nchannels)
	}
	if order < 1 {
		return nil, nil, fmt.Errorf("filterbank: Butterworth order %d must be at least 1", order)
	}
	if err := checkSize("Butterworth filterbank (channels × order)", nchannels, order+1); err != nil {
		return nil, nil, err
	}
	poles := order
	if btype == design.Bandpass || btype == design.Bandstop {
		poles *= 2
	}
	if err := checkIIRMemory("Butterworth filterbank", nchannels, poles); err != nil {
		return nil, nil, err
	}
	wn, err := edgesPerChannel("fc", fc, btype, nchannels, fs)
	if err != nil {
		return nil, nil, err
	}
	designs := make([]design.ZPK, nchannels)
	for c := range designs {
		if len(wn[c]) == 2 && !(wn[c][0] < wn[c][1]) {
			return nil, nil, fmt.Errorf("filterbank: Butterworth channel %d: lower band edge %g Hz is not below the upper %g Hz", c, wn[c][0]*fs/2, wn[c][1]*fs/2)
		}
		z, err := design.Butter(order, wn[c], btype)
		if err != nil {
			return nil, nil, fmt.Errorf("filterbank: Butterworth channel %d: %w", c, err)
		}
		designs[c] = z
	}
	return layoutDesigns(designs, opts)
}

// Butterworth is Brian Hears' Butterworth filterbank: nchannels low-pass,
// high-pass, band-pass or band-stop Butterworth filters of the given order
// applied to src (one channel per filter, or one channel feeding all). See
// ButterworthCoefficients for fc (Hz, Brian Hears' shape) and the layout;
// the filters run as second-order sections unless DirectForm is given.
func Butterworth(src sound.Source, nchannels, order int, btype design.BandType, fc [][]float64, opts ...IIROption) (*Bank, error) {
	return designedLinear(src, "Butterworth filterbank has a nil source", func(rate float64) ([][][]float64, [][][]float64, error) {
		return ButterworthCoefficients(rate, nchannels, order, btype, fc, opts...)
	})
}
