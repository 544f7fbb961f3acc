package sound

import (
	"errors"
	"fmt"
	"math"
	"math/rand/v2"

	"gonum.org/v1/gonum/dsp/fourier"
)

// StandardRate is the default sample rate of the generators, 44.1 kHz.
const StandardRate = 44100.0

// DefaultRate returns the sample rate in Hz that generators use when no
// WithRate option is given: StandardRate. Brian Hears' process-wide
// set_default_samplerate has no counterpart: a rate other than 44.1 kHz is
// passed to each generator with WithRate (a value in the call, not hidden
// state shared by every goroutine and library in the process).
func DefaultRate() float64 { return StandardRate }

func checkRate(hz float64) error {
	if !(hz > 0) || math.IsInf(hz, 0) {
		return fmt.Errorf("sound: sample rate must be a positive finite number of Hz, got %v", hz)
	}
	return nil
}

// Option configures a generator.
type Option func(*genConfig)

type genConfig struct {
	rate     float64
	channels int
	frames   int
	framesOK bool // frames given (WithFrames); otherwise from the duration
	seed     uint64
	seeded   bool
	phase    float64
}

// WithRate sets the sample rate in Hz (default: DefaultRate()).
func WithRate(hz float64) Option { return func(c *genConfig) { c.rate = hz } }

// WithChannels sets the number of channels (default 1). Noises get
// independent channels; deterministic sounds are replicated.
func WithChannels(n int) Option { return func(c *genConfig) { c.channels = n } }

// WithFrames gives the length in frames (samples per channel) instead of the
// duration in seconds; the duration argument of the generator is then ignored.
func WithFrames(n int) Option { return func(c *genConfig) { c.frames, c.framesOK = n, true } }

// WithSeed makes a noise reproducible: the same seed gives the same samples
// (math/rand/v2 PCG). Without it every call draws a fresh random seed.
func WithSeed(seed uint64) Option {
	return func(c *genConfig) { c.seed, c.seeded = seed, true }
}

// WithPhase sets the starting phase, in radians, of Tone (default 0).
func WithPhase(rad float64) Option { return func(c *genConfig) { c.phase = rad } }

// config applies opts and resolves the length in frames from duration (s).
func config(duration float64, opts []Option) (genConfig, int, error) {
	c := genConfig{rate: DefaultRate(), channels: 1}
	for _, o := range opts {
		if o != nil {
			o(&c)
		}
	}
	if err := checkRate(c.rate); err != nil {
		return c, 0, err
	}
	if c.channels <= 0 {
		return c, 0, fmt.Errorf("sound: channel count must be positive, got %d", c.channels)
	}
	if math.IsNaN(c.phase) || math.IsInf(c.phase, 0) {
		return c, 0, fmt.Errorf("sound: phase must be finite, got %v", c.phase)
	}
	n := c.frames
	if !c.framesOK {
		var err error
		if n, err = framesFor(duration, c.rate); err != nil {
			return c, 0, err
		}
	}
	if err := checkSize(n, c.channels); err != nil {
		return c, 0, err
	}
	return c, n, nil
}

// maxFrames bounds lengths in frames so that a typo (a duration in ms given
// as seconds, say) fails with an error instead of exhausting memory.
const maxFrames = 1 << 31

// MaxSamples is the most samples (frames × channels) a generator or an
// operation that lengthens a sound will allocate: 2^28 float64 values,
// 2 GiB, about 100 minutes of mono 44.1 kHz sound. Beyond it they return an
// error instead of risking the process on a typo.
const MaxSamples = 1 << 28

// checkSize reports whether frames × channels is a valid size.
func checkSize(frames, channels int) error {
	if frames < 0 {
		return fmt.Errorf("sound: frame count must be non-negative, got %d", frames)
	}
	if channels > 0 && frames > MaxSamples/channels {
		return fmt.Errorf("sound: %d frames × %d channels is more than the limit of %d samples", frames, channels, MaxSamples)
	}
	return nil
}

func framesFor(duration, rate float64) (int, error) {
	if math.IsNaN(duration) || duration < 0 || math.IsInf(duration, 0) {
		return 0, fmt.Errorf("sound: duration must be a non-negative finite number of seconds, got %v", duration)
	}
	x := math.RoundToEven(duration * rate)
	if x > maxFrames {
		return 0, fmt.Errorf("sound: %v s at %v Hz is %v frames, more than the limit of %d", duration, rate, x, int64(maxFrames))
	}
	return int(x), nil
}

func (c genConfig) rng() *rand.Rand {
	seed := c.seed
	if !c.seeded {
		seed = rand.Uint64()
	}
	return rand.New(rand.NewPCG(seed, 0x9e3779b97f4a7c15))
}

func finite(name string, v float64) error {
	if math.IsNaN(v) || math.IsInf(v, 0) {
		return fmt.Errorf("sound: %s must be finite, got %v", name, v)
	}
	return nil
}

// Tone returns a pure tone sin(phase + 2π·freq·t) of frequency freq (Hz) and
// the given duration (s), t = n/rate (Brian Hears' tone). Options: WithRate,
// WithChannels (identical channels), WithFrames, WithPhase (radians).
func Tone(freq, duration float64, opts ...Option) (*Sound, error) {
	c, n, err := config(duration, opts)
	if err != nil {
		return nil, err
	}
	if err := finite("frequency", freq); err != nil {
		return nil, err
	}
	freqs := make([]float64, c.channels)
	phases := make([]float64, c.channels)
	for i := range freqs {
		freqs[i], phases[i] = freq, c.phase
	}
	return tones(freqs, phases, n, c.rate)
}

// Tones returns one pure tone per channel: channel i is
// sin(phases[i] + 2π·freqs[i]·t) (Hz, radians). phases may be nil (all 0) or
// have one value (shared); otherwise it must have len(freqs) values. Options:
// WithRate, WithFrames.
func Tones(freqs, phases []float64, duration float64, opts ...Option) (*Sound, error) {
	c, n, err := config(duration, opts)
	if err != nil {
		return nil, err
	}
	if len(freqs) == 0 {
		return nil, errors.New("sound: Tones needs at least one frequency")
	}
	ph, err := broadcast("phases", phases, len(freqs), 0)
	if err != nil {
		return nil, err
	}
	for i, f := range freqs {
		if err := finite(fmt.Sprintf("frequency %d", i), f); err != nil {
			return nil, err
		}
		if err := finite(fmt.Sprintf("phase %d", i), ph[i]); err != nil {
			return nil, err
		}
	}
	return tones(freqs, ph, n, c.rate)
}

// broadcast expands nil (to def), one value, or exactly n values to n values.
func broadcast(name string, v []float64, n int, def float64) ([]float64, error) {
	out := make([]float64, n)
	switch len(v) {
	case 0:
		for i := range out {
			out[i] = def
		}
	case 1:
		for i := range out {
			out[i] = v[0]
		}
	case n:
		copy(out, v)
	default:
		return nil, fmt.Errorf("sound: %d %s given for %d channels (give 1 or %d)", len(v), name, n, n)
	}
	return out, nil
}

func tones(freqs, phases []float64, n int, rate float64) (*Sound, error) {
	nc := len(freqs)
	data := make([]float64, n*nc)
	for c := range nc {
		w := 2.0 * math.Pi * freqs[c] // evaluated as brian2hears does: (2π·f)·t
		for f := range n {
			data[f*nc+c] = math.Sin(phases[c] + w*(float64(f)/rate))
		}
	}
	return New(data, nc, rate)
}

// Silence returns zeros for the given duration (s). Options: WithRate,
// WithChannels, WithFrames.
func Silence(duration float64, opts ...Option) (*Sound, error) {
	c, n, err := config(duration, opts)
	if err != nil {
		return nil, err
	}
	return New(make([]float64, n*c.channels), c.channels, c.rate)
}

// Click returns a rectangular click of the given duration (s) whose samples
// all equal the peak pressure 28 µPa·10^(peak/20) (Brian Hears' click with a
// peak level; peak 80 dB gives 0.28 Pa). Use ClickAmplitude for a click of a
// plain amplitude. Options: WithRate, WithChannels, WithFrames.
func Click(duration float64, peak DB, opts ...Option) (*Sound, error) {
	if err := finite("peak level", float64(peak)); err != nil {
		return nil, err
	}
	return ClickAmplitude(duration, ClickReference*math.Pow(10, float64(peak)/20.), opts...)
}

// ClickAmplitude returns a rectangular click of the given duration (s) and
// amplitude (Pa); Brian Hears' click without a peak level has amplitude 1.
func ClickAmplitude(duration, amplitude float64, opts ...Option) (*Sound, error) {
	if err := finite("amplitude", amplitude); err != nil {
		return nil, err
	}
	c, n, err := config(duration, opts)
	if err != nil {
		return nil, err
	}
	data := make([]float64, n*c.channels)
	for i := range data {
		data[i] = amplitude
	}
	return New(data, c.channels, c.rate)
}

// Clicks returns n clicks (see Click) of the given duration (s), one every
// interval seconds: each click is padded with silence to interval and the
// result repeated n times, as Brian Hears' clicks.
func Clicks(duration float64, n int, interval float64, peak DB, opts ...Option) (*Sound, error) {
	if n < 0 {
		return nil, fmt.Errorf("sound: click count must be non-negative, got %d", n)
	}
	one, err := Click(duration, peak, opts...)
	if err != nil {
		return nil, err
	}
	m, err := framesFor(interval, one.rate)
	if err != nil {
		return nil, fmt.Errorf("sound: click interval: %w", err)
	}
	r, err := one.Resized(m)
	if err != nil {
		return nil, err
	}
	return r.Repeat(n)
}

// maxHarmonics bounds the harmonics HarmonicComplex generates by default.
const maxHarmonics = 1 << 16

// HarmonicComplex returns the sum of tones at the harmonics k·f0 (Hz),
// harmonic k (from 1) with amplitude amplitudes[k-1] and phase phases[k-1]
// (radians), accumulated in order k = 1, 2, ... as Brian Hears'
// harmoniccomplex. If both slices have at most one value (nil: amplitude 1,
// phase 0), every harmonic below the Nyquist frequency, floor(rate/(2·f0)) of
// them, is generated with that value; otherwise the longer slice sets the
// number of harmonics and a one-value slice is shared. Options: WithRate,
// WithChannels, WithFrames.
func HarmonicComplex(f0, duration float64, amplitudes, phases []float64, opts ...Option) (*Sound, error) {
	c, n, err := config(duration, opts)
	if err != nil {
		return nil, err
	}
	if !(f0 > 0) || math.IsInf(f0, 0) {
		return nil, fmt.Errorf("sound: fundamental must be a positive finite frequency in Hz, got %v", f0)
	}
	var nh int
	if len(amplitudes) > 1 || len(phases) > 1 {
		if len(amplitudes) > 1 && len(phases) > 1 && len(amplitudes) != len(phases) {
			return nil, fmt.Errorf("sound: %d amplitudes and %d phases: give the same number", len(amplitudes), len(phases))
		}
		nh = max(len(amplitudes), len(phases))
	} else {
		x := math.Floor(c.rate / (2 * f0))
		if x > maxHarmonics {
			return nil, fmt.Errorf("sound: %v Hz at %v Hz sampling has %v harmonics below Nyquist, more than %d: give the amplitudes explicitly", f0, c.rate, x, maxHarmonics)
		}
		nh = int(x)
	}
	amp, err := broadcast("amplitudes", amplitudes, nh, 1)
	if err != nil {
		return nil, err
	}
	ph, err := broadcast("phases", phases, nh, 0)
	if err != nil {
		return nil, err
	}
	nc := c.channels
	data := make([]float64, n*nc)
	for k := range nh {
		if err := finite("amplitude", amp[k]); err != nil {
			return nil, err
		}
		if err := finite("phase", ph[k]); err != nil {
			return nil, err
		}
		w := 2.0 * math.Pi * (float64(k+1) * f0)
		for f := range n {
			v := amp[k] * math.Sin(ph[k]+w*(float64(f)/c.rate))
			for ch := range nc {
				data[f*nc+ch] += v
			}
		}
	}
	return New(data, nc, c.rate)
}

// WhiteNoise returns Gaussian white noise of unit variance (Pa) for the
// given duration (s), channels independent. Options: WithRate, WithChannels,
// WithFrames, WithSeed (reproducible noise).
func WhiteNoise(duration float64, opts ...Option) (*Sound, error) {
	c, n, err := config(duration, opts)
	if err != nil {
		return nil, err
	}
	r := c.rng()
	data := make([]float64, n*c.channels)
	for i := range data {
		data[i] = r.NormFloat64()
	}
	return New(data, c.channels, c.rate)
}

// PowerLawNoise returns noise whose power spectral density falls as
// 1/f^alpha (alpha 0: white, 1: pink, -3 dB/octave; 2: brown, -6 dB/octave),
// for the given duration (s). As in Brian Hears (after Little et al. 2007,
// powernoise.m) each positive-frequency bin gets a complex Gaussian value
// scaled by f^(-alpha/2), the DC bin 0, and the inverse FFT (1/N scaled, so
// the amplitude is small; set a level with AtLevel) gives the samples.
// Channels are independent. Options: WithRate, WithChannels, WithFrames,
// WithSeed.
func PowerLawNoise(duration, alpha float64, opts ...Option) (*Sound, error) {
	c, n, err := config(duration, opts)
	if err != nil {
		return nil, err
	}
	if err := finite("alpha", alpha); err != nil {
		return nil, err
	}
	nc := c.channels
	data := make([]float64, n*nc)
	if n == 0 {
		return New(data, nc, c.rate)
	}
	r := c.rng()
	fft := fourier.NewFFT(n)
	coeff := make([]complex128, n/2+1)
	seq := make([]float64, n)
	for ch := range nc {
		coeff[0] = 0
		for k := 1; k < len(coeff); k++ {
			a := math.Pow(float64(k)*c.rate/float64(n), -alpha/2)
			if n%2 == 0 && k == n/2 {
				coeff[k] = complex(a*r.NormFloat64(), 0) // the Nyquist bin is real
				continue
			}
			coeff[k] = complex(a*r.NormFloat64(), a*r.NormFloat64())
		}
		fft.Sequence(seq, coeff)
		for f, v := range seq {
			data[f*nc+ch] = v / float64(n)
		}
	}
	return New(data, nc, c.rate)
}

// PinkNoise is PowerLawNoise with alpha 1 (-3 dB per octave).
func PinkNoise(duration float64, opts ...Option) (*Sound, error) {
	return PowerLawNoise(duration, 1, opts...)
}

// BrownNoise is PowerLawNoise with alpha 2 (-6 dB per octave).
func BrownNoise(duration float64, opts ...Option) (*Sound, error) {
	return PowerLawNoise(duration, 2, opts...)
}

// FromFunc samples f(t) (t in seconds, from 0) for the given duration (s),
// as Brian Hears' Sound(f, duration=...): frame n is f(n/rate), the same value
// in every channel. Options: WithRate, WithChannels, WithFrames. A NaN or
// infinite value of f is an error naming the time.
func FromFunc(f func(t float64) float64, duration float64, opts ...Option) (*Sound, error) {
	if f == nil {
		return nil, errors.New("sound: FromFunc needs a function")
	}
	c, n, err := config(duration, opts)
	if err != nil {
		return nil, err
	}
	nc := c.channels
	data := make([]float64, n*nc)
	for i := range n {
		t := float64(i) / c.rate
		v := f(t)
		if math.IsNaN(v) || math.IsInf(v, 0) {
			return nil, fmt.Errorf("sound: FromFunc: f(%v s) = %v", t, v)
		}
		for ch := range nc {
			data[i*nc+ch] = v
		}
	}
	return New(data, nc, c.rate)
}
