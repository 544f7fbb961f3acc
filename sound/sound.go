// Package sound holds multi-channel sounds: generation, audio file input
// (WAV, AIFF, FLAC, MP3, Ogg Vorbis) and WAV output, levels in dB SPL,
// ramps, slicing, noises, resampling and spectra. Samples are float64 in
// pascals by convention. It also defines Source, the streaming interface
// shared by sounds and filterbanks.
//
// It offers what Brian Hears' Sound does:
//   - generators: Tone, Tones, HarmonicComplex, Vowel, VowelFrom, Click,
//     Clicks, Silence, FromFunc, WhiteNoise, PowerLawNoise, PinkNoise,
//     BrownNoise, IRNS, IRNO. Durations are seconds (WithFrames gives
//     samples); the rate is 44.1 kHz (DefaultRate) unless WithRate gives
//     another; noises repeat exactly WithSeed.
//   - combining: Sequence, Stack, Repeat, Extended, Resized, Shifted,
//     ShiftedFractional, Slice, SliceFrames, Channels, Channel, Left, Right,
//     Reversed, Add, Sub, Mul, Div, Scale, Offset, Map.
//   - levels (type DB, dB SPL re 20 µPa): Level, SetLevel, AtLevel,
//     MaxLevel, AtMaxLevel, WithGain, Gain; ramps: Ramp, Ramped.
//   - analysis: Spectrum, Spectrogram, Welch; Resampled and the streaming
//     Resampler (anti-aliased polyphase, 95 dB stopband).
//   - files: Open (a streaming file Source: WAV incl. RF64 and
//     WAVE_FORMAT_EXTENSIBLE, AIFF/AIFF-C, FLAC, MP3, Ogg Vorbis, or "-"
//     for standard input), OpenReader, OpenRewindable, Load (the same formats, whole),
//     LoadWAV, LoadAIFF, DecodeWAV, DecodeAIFF, SaveWAV (all-or-nothing,
//     or "-" for standard output), EncodeWAV; Extensions and IsAudioFile
//     (the one list of formats). docs/formats.md says what each decoder
//     matches and what is refused.
//   - online input: NewOnline (pulled from a callback), NewPushed (fed by
//     Push).
//
// Where gohears departs from brian2hears 0.9.2, on purpose:
//   - Add/Sub/Mul/Div need equal rates and shapes (brian2hears' + resamples
//     and zero-pads silently); Sequence does resample to the highest rate, as
//     brian2hears does.
//   - IRNS and IRNO follow the textbook add-same and add-original definitions
//     (Yost 1996); brian2hears' loops compound their terms.
//   - PowerLawNoise leaves the DC bin at 0 (brian2hears sets it to 1).
//   - Spectrum returns bins 0..N/2 only (the rest mirror them).
//   - ShiftedFractional uses a unit impulse for a fraction within 1e-10 of
//     ±1 (brian2hears returns silence there); other fractions match it.
//   - Vowel with several channels replicates channels (brian2hears stacks
//     copies in time); 8-bit WAV files scale by 128 around 128 (brian2hears'
//     loader mis-scales them).
package sound

import (
	"errors"
	"fmt"
	"math"
)

// Sound is a multi-channel sampled signal held in memory: frames × channels
// float64 samples (pascals by convention) at a sample rate in Hz. Storage is
// frame-major: sample c of frame f is Data()[f*NumChannels()+c].
//
// A Sound is a Source: fetching past its end yields zeros.
type Sound struct {
	data     []float64
	channels int
	rate     float64
	pad      []float64 // scratch for fetches that run past the end
}

// New wraps frame-major samples (len(data) must be a multiple of channels) as
// a Sound at rate Hz. The slice is used, not copied. Samples must be finite,
// as every decoder and online source also requires: a NaN or an infinity
// would otherwise pass through nonlinear models (which clamp) as finite,
// wrong numbers.
func New(data []float64, channels int, rate float64) (*Sound, error) {
	if channels <= 0 {
		return nil, fmt.Errorf("sound: channel count must be positive, got %d", channels)
	}
	if !(rate > 0) || math.IsInf(rate, 0) {
		return nil, fmt.Errorf("sound: sample rate must be a positive finite number of Hz, got %v", rate)
	}
	if len(data)%channels != 0 {
		return nil, fmt.Errorf("sound: %d samples do not divide into %d channels", len(data), channels)
	}
	if i := nonFinite(data); i >= 0 {
		return nil, fmt.Errorf("sound: frame %d channel %d is %v; samples must be finite", i/channels, i%channels, data[i])
	}
	return wrap(data, channels, rate), nil
}

// wrap makes a Sound of samples that need no check: the output of a source
// (ReadFrames), which holds a NaN only where the model computed one.
func wrap(data []float64, channels int, rate float64) *Sound {
	return &Sound{data: data, channels: channels, rate: rate}
}

// FromChannels builds a Sound from one slice per channel (all the same
// length), copying the samples into frame-major order.
func FromChannels(chans [][]float64, rate float64) (*Sound, error) {
	if len(chans) == 0 {
		return nil, errors.New("sound: no channels given")
	}
	n := len(chans[0])
	for c, x := range chans {
		if len(x) != n {
			return nil, fmt.Errorf("sound: channel %d has %d samples, channel 0 has %d", c, len(x), n)
		}
	}
	nc := len(chans)
	data := make([]float64, n*nc)
	for c, x := range chans {
		for f, v := range x {
			data[f*nc+c] = v
		}
	}
	return New(data, nc, rate)
}

// Data returns the frame-major samples. The slice is shared with the Sound.
func (s *Sound) Data() []float64 { return s.data }

// NumChannels is the number of channels.
func (s *Sound) NumChannels() int { return s.channels }

// SampleRate is the sample rate in Hz.
func (s *Sound) SampleRate() float64 { return s.rate }

// NumFrames is the number of frames (samples per channel).
func (s *Sound) NumFrames() int { return len(s.data) / s.channels }

// Duration is the length in seconds.
func (s *Sound) Duration() float64 { return float64(s.NumFrames()) / s.rate }

// At returns sample c of frame f.
func (s *Sound) At(f, c int) float64 { return s.data[f*s.channels+c] }

// ChannelData returns a copy of channel c as a slice of frames.
func (s *Sound) ChannelData(c int) []float64 {
	n := s.NumFrames()
	out := make([]float64, n)
	for f := range n {
		out[f] = s.data[f*s.channels+c]
	}
	return out
}

// Fetch implements Source. Inside the sound the block is a view of the
// sound's own samples (no copy); past the end it is zero-padded.
func (s *Sound) Fetch(start, end int) ([]float64, error) {
	if err := CheckSegment(start, end); err != nil {
		return nil, err
	}
	n := s.NumFrames()
	if end <= n {
		return s.data[start*s.channels : end*s.channels], nil
	}
	if err := checkSize(end-start, s.channels); err != nil {
		return nil, fmt.Errorf("sound: Fetch(%d, %d): %w", start, end, err)
	}
	need := (end - start) * s.channels
	if cap(s.pad) < need {
		s.pad = make([]float64, need)
	}
	b := s.pad[:need]
	k := 0
	if start < n {
		k = copy(b, s.data[start*s.channels:])
	}
	clear(b[k:])
	return b, nil
}

// Reset implements Source; a Sound has no streaming state.
func (s *Sound) Reset() error { return nil }
