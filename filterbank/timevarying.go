package filterbank

import (
	"fmt"
	"math"

	"github.com/gohears/hears/sound"
)

// BandpassBiquad returns the coefficients (b, a, with a[0] = 1) of the
// second-order band-pass filter of Brian Hears' time-varying filter
// examples: the constant-skirt-gain band-pass of R. Bristow-Johnson's "Audio
// EQ cookbook" centred at fc Hz for a quality factor q at sample rate fs Hz,
//
//	BW = 2 asinh(1/(2q)) / ln 2 octaves,  w0 = 2π fc/fs,
//	α  = sin w0 · sinh(ln 2/2 · BW · w0/sin w0),
//	b  = [sin w0/2, 0, −sin w0/2]/(1+α),  a = [1, −2 cos w0, 1−α]/(1+α).
//
// Its peak gain is about q (constant skirt gain). Brian Hears' examples store a[0] = 1+α unnormalised, and its
// LinearFilterbank never reads a[0], so they actually run a filter with a
// different gain and a slightly shifted centre; gohears normalises, giving
// the filter the examples describe.
func BandpassBiquad(fc, q, fs float64) (b, a [3]float64, err error) {
	if err := validRate(fs); err != nil {
		return b, a, err
	}
	if !(fc > 0 && fc < fs/2) {
		return b, a, fmt.Errorf("filterbank: band-pass centre frequency %g Hz is outside (0, %g) Hz", fc, fs/2)
	}
	if !(q > 0) || math.IsInf(q, 0) {
		return b, a, fmt.Errorf("filterbank: band-pass quality factor %g must be positive and finite", q)
	}
	b, a = bandpassBiquad(fc, bandpassOctaves(q), fs)
	return b, a, nil
}

// bandpassOctaves is the bandwidth in octaves of the band-pass of quality
// factor q.
func bandpassOctaves(q float64) float64 { return 2 * math.Asinh(1/(2*q)) / math.Ln2 }

// bandpassBiquad computes BandpassBiquad from the bandwidth bw in octaves.
func bandpassBiquad(fc, bw, fs float64) (b, a [3]float64) {
	w0 := 2 * math.Pi * fc / fs
	sw, cw := math.Sincos(w0)
	alpha := sw * math.Sinh(math.Ln2/2*bw*w0/sw)
	n := 1 / (1 + alpha)
	b = [3]float64{sw / 2 * n, 0, -sw / 2 * n}
	a = [3]float64{1, -2 * cw * n, (1 - alpha) * n}
	return b, a
}

// TimeVaryingBandpass is the time-varying filter of Brian Hears' examples
// as one bank: len(fcInit) band-pass biquads (BandpassBiquad, quality factor
// q) applied to src, whose centre frequencies follow the control signal fc
// (in Hz, one channel per filter or one for all). The filters start at
// fcInit (Hz); after every block of interval frames, each filter's centre
// frequency becomes the last value of fc in that block, from the next frame
// on, with the filter state carried across (see ControlBank).
//
// A control value outside (0, fs/2) Hz stops the Fetch with an error naming
// the frame and channel.
func TimeVaryingBandpass(src, fc sound.Source, fcInit []float64, q float64, interval int) (*ControlBank, error) {
	if src == nil || fc == nil {
		return nil, fmt.Errorf("filterbank: time-varying band-pass needs a source and a control signal")
	}
	fs := src.SampleRate()
	nch := len(fcInit)
	if nch == 0 {
		return nil, fmt.Errorf("filterbank: time-varying band-pass needs at least one initial centre frequency")
	}
	if fc.NumChannels() != nch && fc.NumChannels() != 1 {
		return nil, fmt.Errorf("filterbank: control signal has %d channels for %d filters (want %d or 1)", fc.NumChannels(), nch, nch)
	}
	if err := checkTimeVaryingMemory(nch); err != nil {
		return nil, err
	}
	b := newCoefficients(nch, 3, 1)
	a := newCoefficients(nch, 3, 1)
	for c, f := range fcInit {
		cb, ca, err := BandpassBiquad(f, q, fs)
		if err != nil {
			return nil, fmt.Errorf("filterbank: initial centre frequency %d: %w", c, err)
		}
		for t := range 3 {
			b[c][t][0], a[c][t][0] = cb[t], ca[t]
		}
	}
	bank, err := Linear(src, b, a)
	if err != nil {
		return nil, err
	}
	bank.SetCentreFrequencies(nil) // they move: none to report
	k, ok := bank.Kernel().(*LinearKernel)
	if !ok {
		return nil, fmt.Errorf("filterbank: Linear returned a %T kernel", bank.Kernel())
	}
	u := &bandpassUpdater{bw: bandpassOctaves(q), fs: fs, b: b, a: a}
	ctl, err := Control(bank, []sound.Source{fc}, []*LinearKernel{k}, u.update, interval,
		ControlReset(func() error { return k.SetCoefficients(u.b0, u.a0) }))
	if err != nil {
		return nil, err
	}
	u.ctl = ctl
	// Keep the initial coefficients for rewinds; b, a become scratch.
	u.b0, u.a0, _ = CascadeCoefficients(b, a, 1)
	return ctl, nil
}

// bandpassUpdater recomputes the band-pass coefficients of every channel
// from the control block's last frame.
type bandpassUpdater struct {
	bw, fs float64       // bandwidth (octaves), sample rate (Hz)
	b, a   [][][]float64 // scratch handed to SetChannelCoefficients
	b0, a0 [][][]float64 // initial coefficients
	ctl    *ControlBank
}

func (u *bandpassUpdater) update(in [][]float64, tg []*LinearKernel) error {
	blk := in[0]
	nin := len(blk) / u.ctl.Interval()
	last := blk[len(blk)-nin:]
	for c := range u.b {
		f := last[0]
		if nin > 1 {
			f = last[c]
		}
		if !(f > 0 && f < u.fs/2) {
			return fmt.Errorf("filterbank: time-varying band-pass: control frame %d channel %d asks for a centre frequency of %g Hz, outside (0, %g) Hz", u.ctl.pos-1, c, f, u.fs/2)
		}
		cb, ca := bandpassBiquad(f, u.bw, u.fs)
		bc, ac := u.b[c], u.a[c]
		for t := range 3 {
			bc[t][0], ac[t][0] = cb[t], ca[t]
		}
		if err := tg[0].SetChannelCoefficients(c, bc, ac); err != nil {
			return err
		}
	}
	return nil
}
