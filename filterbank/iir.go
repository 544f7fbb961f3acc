package filterbank

import (
	"fmt"

	"github.com/gohears/hears/filterbank/design"
	"github.com/gohears/hears/sound"
)

// IIROption changes how the designed banks (Butterworth, IIR) lay out their
// filters.
type IIROption func(*iirConfig)

type iirConfig struct {
	direct bool
}

// DirectForm runs each channel's design as one direct-form stage of order
// taps−1, exactly as Brian Hears' Butterworth and IIRFilterbank do (their
// filt_b/filt_a, shorter designs zero-padded at the end). Without it the
// designs run as cascades of second-order sections (design.ZPK.SOS, scipy's
// zpk2sos), which compute the same filter but stay accurate and stable at
// high orders and low normalised frequencies, where the direct form loses
// digits or blows up (see docs/design.md). Results of the two agree to the
// reference tolerances for the designs Brian Hears can run.
func DirectForm() IIROption { return func(c *iirConfig) { c.direct = true } }

// layoutDesigns turns one design per channel into [channel][tap][stage]
// coefficients, as second-order sections or (DirectForm) direct forms.
func layoutDesigns(designs []design.ZPK, opts []IIROption) (b, a [][][]float64, err error) {
	var cfg iirConfig
	for _, o := range opts {
		if o != nil {
			o(&cfg)
		}
	}
	if cfg.direct {
		b, a = design.BankTF(designs)
		return b, a, nil
	}
	b, a, err = design.BankSOS(designs)
	if err != nil {
		return nil, nil, fmt.Errorf("filterbank: %w", err)
	}
	return b, a, nil
}

// edgesPerChannel reads band edges given in Brian Hears' shape: edges[0]
// holds the single cutoff (Lowpass, Highpass) or the lower edge (Bandpass,
// Bandstop) of every channel, edges[1] the upper edge; each row has one
// value for all channels or one per channel. It returns, per channel, the
// edges normalised to the Nyquist frequency (f/fs·2, as Brian Hears).
func edgesPerChannel(name string, edges [][]float64, btype design.BandType, nch int, fs float64) ([][]float64, error) {
	want := 1
	switch btype {
	case design.Lowpass, design.Highpass:
	case design.Bandpass, design.Bandstop:
		want = 2
	default:
		return nil, fmt.Errorf("filterbank: unknown band type %v", btype)
	}
	if len(edges) != want {
		return nil, fmt.Errorf("filterbank: a %v filter needs %d row(s) of %s edges (Brian Hears' shape (%d, nchannels)), got %d", btype, want, name, want, len(edges))
	}
	rows := make([][]float64, want)
	for r := range want {
		what := fmt.Sprintf("%s[%d]", name, r)
		v, err := expandChannels(what, edges[r], nch)
		if err != nil {
			return nil, err
		}
		if err := checkFinite(what, v); err != nil {
			return nil, err
		}
		for i, f := range v {
			if !(f > 0 && f < fs/2) {
				return nil, fmt.Errorf("filterbank: %s[%d] = %g Hz is outside (0, %g) Hz (half the sample rate)", what, i, f, fs/2)
			}
		}
		rows[r] = v
	}
	out := make([][]float64, nch)
	for c := range out {
		out[c] = make([]float64, want)
		for r := range want {
			out[c][r] = rows[r][c] / fs * 2
		}
	}
	return out, nil
}

// IIRCoefficients designs one filter per channel with design.IIRDesign
// (scipy.signal.iirdesign: the minimum order of family ftype that loses at
// most gpass dB in the pass band and attenuates at least gstop dB in the
// stop band) and returns the coefficients [channel][tap][stage] of Brian
// Hears' IIRFilterbank (with DirectForm) or their second-order sections.
//
// fs is the sample rate in Hz; passband and stopband hold the band edges in
// Hz in Brian Hears' shape (see Butterworth): one row for Lowpass and
// Highpass, two rows (lower, upper) for Bandpass and Bandstop, each row one
// value or nchannels values; gpass and gstop (dB) are one value or one per
// channel. As in Brian Hears (convention 8 of the reference data), btype
// only says how many edges there are: the kind of filter designed follows
// from the edges (wp < ws is a low-pass, wp > ws a high-pass; a pass band
// inside the stop band a band-pass, outside it a band-stop).
func IIRCoefficients(fs float64, nchannels int, passband, stopband [][]float64, gpass, gstop []float64, btype design.BandType, ftype design.FilterType, opts ...IIROption) (b, a [][][]float64, err error) {
	if err := validRate(fs); err != nil {
		return nil, nil, err
	}
	if nchannels < 1 {
		return nil, nil, fmt.Errorf("filterbank: IIR filterbank needs at least one channel, got %d", nchannels)
	}
	if err := checkSize("IIR filterbank", nchannels); err != nil {
		return nil, nil, err
	}
	// The order comes from the specification, channel by channel: the
	// bank is bounded first at the least order, then as the designs come.
	if err := checkIIRMemory("IIR filterbank", nchannels, 1); err != nil {
		return nil, nil, err
	}
	wp, err := edgesPerChannel("passband", passband, btype, nchannels, fs)
	if err != nil {
		return nil, nil, err
	}
	ws, err := edgesPerChannel("stopband", stopband, btype, nchannels, fs)
	if err != nil {
		return nil, nil, err
	}
	gp, err := expandChannels("gpass", gpass, nchannels)
	if err != nil {
		return nil, nil, err
	}
	gs, err := expandChannels("gstop", gstop, nchannels)
	if err != nil {
		return nil, nil, err
	}
	designs := make([]design.ZPK, nchannels)
	held := 0.0 // estimated values of the bank, the channels designed so far at their orders, the rest at the least
	for c := range designs {
		z, _, _, err := design.IIRDesign(wp[c], ws[c], gp[c], gs[c], ftype)
		if err != nil {
			return nil, nil, fmt.Errorf("filterbank: IIR channel %d: %w", c, err)
		}
		designs[c] = z
		held += iirValuesPerChannel(len(z.P))
		if err := checkBankMemory("IIR filterbank", fmt.Sprintf("%d channels of up to %d poles", nchannels, len(z.P)), held+float64(nchannels-c-1)*iirValuesPerChannel(1)); err != nil {
			return nil, nil, err
		}
	}
	return layoutDesigns(designs, opts)
}

// IIR is Brian Hears' IIRFilterbank: a bank of nchannels filters designed
// from pass-band and stop-band specifications by IIRCoefficients (see it for
// the arguments, all in Hz and dB), applied to src (one channel per filter,
// or one channel feeding all). Filters run as second-order sections unless
// DirectForm is given.
func IIR(src sound.Source, nchannels int, passband, stopband [][]float64, gpass, gstop []float64, btype design.BandType, ftype design.FilterType, opts ...IIROption) (*Bank, error) {
	return designedLinear(src, "IIR filterbank has a nil source", func(rate float64) ([][][]float64, [][][]float64, error) {
		return IIRCoefficients(rate, nchannels, passband, stopband, gpass, gstop, btype, ftype, opts...)
	})
}
