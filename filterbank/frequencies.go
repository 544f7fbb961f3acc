package filterbank

import (
	"fmt"
	"math"
	"slices"

	"github.com/gohears/hears/sound"
)

// Tuned is implemented by sources that know the centre frequency of each of
// their output channels: every Bank (and the banks built on one: FIRBank,
// FractionalDelayBank, CombinedBank) and ControlBank. CentreFrequencies
// returns one frequency in Hz per output channel, or nil when the channels
// have none (or when it is not known: a bank never guesses).
//
// How a bank knows (the rules behind Bank.CentreFrequencies):
//   - a bank whose filters define its channels declares them: Gammatone,
//     ApproximateGammatone, LogGammachirp (cf, f), LinearGammachirp and
//     LinearGaborchirp (f, the chirp's instantaneous frequency at t = 0),
//     and the cochlear models of packages cochlea and anf (their cf);
//     SetCentreFrequencies declares them for any other bank;
//   - a restructuring bank (Restructure, Repeat, Tile, Join, Interleave and
//     index mappings) copies channels, so each output channel has the
//     frequency of the input channel it copies (all of them must have one);
//   - a channel-wise bank (a ChannelWise kernel: Identity, Map, ExprFunction,
//     Sum and the arithmetic banks, Linear, LowPass, FIR, FractionalDelay,
//     AsymmetricCompensation, Cascade ...) keeps its sources' frequencies:
//     its sources with as many channels as it has must agree on them (a
//     one-channel source read for every channel does not name the channels;
//     a bank that fans one channel out to many through its own filters has
//     none unless it declares them);
//   - a ControlBank and a CombinedBank have those of the source they pass on;
//   - any other bank (Function with its own channel count, time-varying
//     band-passes whose centre moves) has none.
type Tuned interface {
	// CentreFrequencies returns each output channel's centre frequency
	// (Hz), or nil.
	CentreFrequencies() []float64
}

// ChannelWise is implemented by kernels whose output channel c is computed
// from channel c of each source alone (a one-channel source being read for
// every channel): such a bank's channels mean what its sources' channels
// mean, and keep their centre frequencies (see Tuned).
type ChannelWise interface {
	// ChannelWise marks the kernel; it does nothing.
	ChannelWise()
}

// CentreFrequencies returns the centre frequency (Hz) of each channel of s,
// or nil when they have none or s does not say (s does not implement Tuned:
// a sound, a resampler, a bank of another package).
func CentreFrequencies(s sound.Source) []float64 {
	return centresOf(s, map[any][]float64{})
}

// tuning is what a Bank has declared about its channels' frequencies.
type tuning struct {
	declared bool      // SetCentreFrequencies was called
	cf       []float64 // the declared frequencies; nil: none
}

// SetCentreFrequencies declares the centre frequency (Hz) of each of the
// bank's output channels, replacing what the bank would derive from its
// sources (see Tuned); cf nil declares that the channels have none. Each
// frequency must be finite and positive, one per channel.
func (b *Bank) SetCentreFrequencies(cf []float64) error {
	if cf == nil {
		b.tuning = tuning{declared: true}
		return nil
	}
	if len(cf) != b.NumChannels() {
		return fmt.Errorf("filterbank: %d centre frequencies for %d channels", len(cf), b.NumChannels())
	}
	for i, f := range cf {
		if !(f > 0) || math.IsInf(f, 0) {
			return fmt.Errorf("filterbank: centre frequency %d is %v Hz; it must be finite and positive", i, f)
		}
	}
	b.tuning = tuning{declared: true, cf: slices.Clone(cf)}
	return nil
}

// DeclaredCentreFrequencies returns the frequencies SetCentreFrequencies
// declared (nil for none) and true, or nil and false when the bank derives
// them from its sources.
func (b *Bank) DeclaredCentreFrequencies() ([]float64, bool) {
	return slices.Clone(b.tuning.cf), b.tuning.declared
}

// CentreFrequencies implements Tuned by the rules given there.
func (b *Bank) CentreFrequencies() []float64 {
	return centresOf(b, map[any][]float64{})
}

// CentreFrequencies implements Tuned: a ControlBank's output is its
// source's.
func (c *ControlBank) CentreFrequencies() []float64 {
	return centresOf(c, map[any][]float64{})
}

// asBank is implemented by *Bank and, by embedding, by the types built on
// one (FIRBank, FractionalDelayBank, CombinedBank).
type asBank interface{ filterbankBank() *Bank }

func (b *Bank) filterbankBank() *Bank { return b }

// centresOf returns s's channel frequencies (shared: callers clone),
// remembering every bank's in memo so that a graph whose nodes share
// sources is walked once per node, not once per path.
func centresOf(s sound.Source, memo map[any][]float64) []float64 {
	var f []float64
	switch v := s.(type) {
	case nil:
		return nil
	case asBank:
		b := v.filterbankBank()
		if f, ok := memo[b]; ok {
			return f
		}
		f = b.centres(memo)
		memo[b] = f
	case *ControlBank:
		if f, ok := memo[v]; ok {
			return f
		}
		f = centresOf(v.src, memo)
		memo[v] = f
	case Tuned:
		f = v.CentreFrequencies()
	}
	if len(f) != s.NumChannels() {
		return nil
	}
	return f
}

// centres applies Tuned's rules to b.
func (b *Bank) centres(memo map[any][]float64) []float64 {
	if b.tuning.declared {
		return slices.Clone(b.tuning.cf)
	}
	nc := b.kernel.NumChannels()
	switch k := b.kernel.(type) {
	case *RestructureKernel:
		out := make([]float64, nc)
		for c := range nc {
			src := b.sources[k.src[c]]
			f := centresOf(src, memo)
			switch {
			case f == nil:
				return nil
			case len(f) == 1: // a mono source replacing a wider one
				out[c] = f[0]
			default:
				out[c] = f[k.ch[c]]
			}
		}
		return out
	case ChannelWise:
		var common []float64
		for _, src := range b.sources {
			if src.NumChannels() != nc {
				continue // one channel read for every channel
			}
			f := centresOf(src, memo)
			if f == nil || common != nil && !slices.Equal(f, common) {
				return nil
			}
			common = f
		}
		return slices.Clone(common)
	}
	return nil
}

// ChannelWise marks the kernel (see ChannelWise).
func (IdentityKernel) ChannelWise() {}

// ChannelWise marks the kernel (see ChannelWise).
func (*MapKernel) ChannelWise() {}

// ChannelWise marks the kernel (see ChannelWise).
func (*ExprKernel) ChannelWise() {}

// ChannelWise marks the kernels of Sum and the arithmetic banks (see
// ChannelWise).
func (elementwise) ChannelWise() {}

// ChannelWise marks the kernel (see ChannelWise): channel c filters input
// channel c (or the one input channel).
func (*LinearKernel) ChannelWise() {}

// ChannelWise marks the kernel (see ChannelWise): channel c filters input
// channel c (or the one input channel).
func (*FIRKernel) ChannelWise() {}

// tuned returns a function declaring cf as the frequencies of the bank a
// constructor built, if it built one: tuned[*Bank](cf)(designedLinear(...)).
func tuned[B interface {
	*Bank | *FIRBank
	SetCentreFrequencies([]float64) error
}](cf []float64) func(B, error) (B, error) {
	return func(b B, err error) (B, error) {
		if err != nil {
			return nil, err
		}
		if err := b.SetCentreFrequencies(cf); err != nil {
			return nil, err
		}
		return b, nil
	}
}
