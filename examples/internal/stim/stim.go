// Package stim makes the stimuli the example ports share: Brian Hears'
// favourite test sound (ramped white noise at a level) and unit impulses,
// whose responses through a filterbank are its impulse responses.
package stim

import (
	"errors"
	"fmt"

	"github.com/gohears/hears/examples/internal/measure"
	"github.com/gohears/hears/sound"
)

// RampDuration is the length of Brian Hears' default ramp, 10 ms.
const RampDuration = 0.01

// Noise returns duration seconds of Gaussian white noise (seed seed, at the
// default rate) with 10 ms sin² onset and offset ramps, set to level dB
// SPL: Brian Hears' whitenoise(duration).ramp() with sound.level = level.
// opts (e.g. sound.WithRate) follow the seed.
func Noise(duration float64, level sound.DB, seed uint64, opts ...sound.Option) (*sound.Sound, error) {
	s, err := sound.WhiteNoise(duration, append([]sound.Option{sound.WithSeed(seed)}, opts...)...)
	if err != nil {
		return nil, err
	}
	if err := s.Ramp(sound.Both, RampDuration, nil); err != nil {
		return nil, err
	}
	if err := s.SetLevel(level); err != nil {
		return nil, err
	}
	return s, nil
}

// Impulse returns a unit impulse (1 at frame 0, then zeros) lasting
// duration seconds at rate Hz.
func Impulse(duration, rate float64) (*sound.Sound, error) {
	n := sound.FramesOf(duration, rate)
	if n < 1 {
		return nil, errors.New("stim: impulse shorter than one frame")
	}
	d := make([]float64, n)
	d[0] = 1
	return sound.New(d, 1, rate)
}

// ImpulseResponses returns the impulse responses, duration seconds long
// at rate Hz, of the bank that build makes on its source: one slice per
// output channel.
func ImpulseResponses(duration, rate float64, build func(src sound.Source) (sound.Source, error)) ([][]float64, error) {
	imp, err := Impulse(duration, rate)
	if err != nil {
		return nil, err
	}
	bank, err := build(imp)
	if err != nil {
		return nil, err
	}
	out, err := sound.ReadAll(bank, 0)
	if err != nil {
		return nil, err
	}
	irs := make([][]float64, out.NumChannels())
	for c := range irs {
		irs[c] = out.ChannelData(c)
	}
	return irs, nil
}

// Output reads the whole of the bounded source bank (a filterbank on one of
// these stimuli) and returns its frame-major samples.
func Output(bank sound.Source) ([]float64, error) {
	out, err := sound.ReadAll(bank, 0)
	if err != nil {
		return nil, err
	}
	return out.Data(), nil
}

// Responses returns the response of the bank that build makes on src
// (frame-major, read whole) and its impulse responses, irDuration seconds
// long at src's rate, one slice per output channel: the two things the
// filterbank examples draw.
func Responses(src sound.Source, irDuration float64, build func(src sound.Source) (sound.Source, error)) (out []float64, ir [][]float64, err error) {
	bank, err := build(src)
	if err != nil {
		return nil, nil, err
	}
	if out, err = Output(bank); err != nil {
		return nil, nil, err
	}
	if ir, err = ImpulseResponses(irDuration, src.SampleRate(), build); err != nil {
		return nil, nil, err
	}
	return out, ir, nil
}

// ToneInNoise returns a freq Hz tone of amplitude 1 plus Gaussian white
// noise (seed seed) of standard deviation 1, duration seconds long at the
// default rate, with 10 ms sin² onset and offset ramps: Brian Hears'
// (tone(freq, duration) + whitenoise(duration)).ramp().
func ToneInNoise(freq, duration float64, seed uint64) (*sound.Sound, error) {
	tone, err := sound.Tone(freq, duration)
	if err != nil {
		return nil, err
	}
	noise, err := sound.WhiteNoise(duration, sound.WithSeed(seed))
	if err != nil {
		return nil, err
	}
	s, err := tone.Add(noise)
	if err != nil {
		return nil, err
	}
	if err := s.Ramp(sound.Both, RampDuration, nil); err != nil {
		return nil, err
	}
	return s, nil
}

// ToneRMS returns the RMS of each output channel of the bank that build
// makes on duration seconds of a freq Hz tone at level dB SPL sampled at
// rate Hz, measured after the first skip seconds (the onset): the tuning
// and input-output measurements of the cochlear model examples.
func ToneRMS(freq float64, level sound.DB, duration, rate, skip float64, build func(src sound.Source) (sound.Source, error)) ([]float64, error) {
	s, err := sound.Tone(freq, duration, sound.WithRate(rate))
	if err != nil {
		return nil, err
	}
	if err := s.SetLevel(level); err != nil {
		return nil, err
	}
	bank, err := build(s)
	if err != nil {
		return nil, err
	}
	out, err := sound.ReadAll(bank, 0)
	if err != nil {
		return nil, err
	}
	from := int(skip * rate)
	if skip < 0 || from >= out.NumFrames() {
		return nil, fmt.Errorf("stim: ToneRMS: skipping %g s leaves nothing of %d frames", skip, out.NumFrames())
	}
	r := make([]float64, out.NumChannels())
	for c := range r {
		r[c] = measure.RMS(out.ChannelData(c)[from:])
	}
	return r, nil
}
