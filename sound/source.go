package sound

import (
	"errors"
	"fmt"
	"math"
)

// Unbounded is the NumFrames of a Source that has no end, such as an
// online input fed at run time.
const Unbounded = -1

// Source is anything that produces multi-channel samples: a Sound, an online
// input, or a filterbank. It is the one streaming interface of gohears, in the
// spirit of io.Reader: every producer implements it, so every piece composes
// with every other.
//
// Samples are frame-major: the block returned by Fetch(start, end) holds
// (end-start)*NumChannels() values, sample c of frame f at index
// f*NumChannels()+c, where f counts from start.
type Source interface {
	// NumChannels is the number of channels (columns) of every frame.
	NumChannels() int
	// SampleRate is the sampling rate in Hz.
	SampleRate() float64
	// NumFrames is the length in frames (samples per channel), or Unbounded.
	// Fetching past the end is allowed and yields zeros for a sound; a
	// filterbank keeps producing its response to the zero-padded input.
	NumFrames() int
	// Fetch returns frames [start, end) as a frame-major block. The block
	// belongs to the source: callers must not modify it, and it stays valid
	// only until the next Fetch or Reset on the same source. A consumer that
	// reads several sources fetches the same segment from each before using
	// any of them. Fetching the segment fetched last returns the cached block
	// without recomputation, which is how two consumers share one node;
	// filterbanks also keep a history sized from their consumers, so that
	// consumers reading in different block sizes or with a lag cost linear
	// work (see filterbank.Bank.Fetch).
	Fetch(start, end int) ([]float64, error)
	// Reset returns the source, and everything it reads from, to time zero.
	Reset() error
}

// Resetter is implemented by values that hold streaming state.
type Resetter interface {
	Reset() error
}

// FramesOf converts a duration in seconds to a whole number of frames at the
// sample rate rate (Hz), rounding half to even as Brian Hears does
// (int(rint(duration*samplerate))): 5 ms at 44.1 kHz is 220 frames.
func FramesOf(duration, rate float64) int {
	return int(math.RoundToEven(duration * rate))
}

// CheckSegment validates a [start, end) frame range for Fetch: start >= 0,
// end >= start, and at most MaxSamples frames (a block is held in memory).
func CheckSegment(start, end int) error {
	if start < 0 || end < start {
		return fmt.Errorf("sound: invalid segment [%d, %d)", start, end)
	}
	if end-start > MaxSamples {
		return fmt.Errorf("sound: segment [%d, %d) of %d frames is more than the limit of %d: fetch in smaller blocks", start, end, end-start, MaxSamples)
	}
	return nil
}

// FetchDuration fetches the segment between the times start and end (seconds).
func FetchDuration(src Source, start, end float64) ([]float64, error) {
	r := src.SampleRate()
	return src.Fetch(FramesOf(start, r), FramesOf(end, r))
}

// DefaultBlockFrames is the largest block size, in frames, that BlockFrames
// chooses, and the block size for a source of few channels. Brian Hears'
// default buffersize is 32; gohears uses larger blocks where that is cheap,
// because per-block overheads then vanish.
const DefaultBlockFrames = 1024

// blockSamples is the number of samples (frames × channels) a default block
// aims for: 2^19 float64s = 4 MiB. A wide bank (3000 channels) then works on
// blocks that stay near the caches; larger blocks measured slower and use
// more memory, smaller ones pay per-block overheads.
const blockSamples = 1 << 19

// BlockFrames is the default block size, in frames, for streaming a source
// with the given number of channels: a power of two between 32 and
// DefaultBlockFrames that keeps a block near 2^19 samples (128 frames for
// 3000 channels). Results never depend on the block size.
func BlockFrames(channels int) int {
	f := DefaultBlockFrames
	for f > 32 && f*channels > blockSamples {
		f /= 2
	}
	return f
}

// Each streams frames [0, frames) of src in blocks of blockFrames frames (0
// for BlockFrames(src.NumChannels())) and calls fn on each block, with the index of its
// first frame. This is Brian Hears' online process(func): memory stays
// bounded by blockFrames × channels whatever the duration. The block passed
// to fn must not be retained after fn returns.
func Each(src Source, frames, blockFrames int, fn func(block []float64, start, n int) error) error {
	if frames < 0 {
		return errors.New("sound: Each needs a non-negative frame count (the source may be unbounded)")
	}
	if blockFrames <= 0 {
		blockFrames = BlockFrames(src.NumChannels())
	}
	for start := 0; start < frames; start += blockFrames {
		end := min(start+blockFrames, frames)
		b, err := src.Fetch(start, end)
		if err != nil {
			return err
		}
		if want := (end - start) * src.NumChannels(); len(b) != want {
			return fmt.Errorf("sound: %T gave %d samples for frames [%d, %d) of %d channels (want %d)", src, len(b), start, end, src.NumChannels(), want)
		}
		if err := fn(b, start, end-start); err != nil {
			return err
		}
	}
	return nil
}

// ReadAll computes the whole output of src (its first NumFrames frames, which
// must be bounded) and returns it as a Sound.
func ReadAll(src Source, blockFrames int) (*Sound, error) {
	n := src.NumFrames()
	if n == Unbounded {
		return nil, errors.New("sound: ReadAll of an unbounded source: use ReadFrames with a length")
	}
	return ReadFrames(src, n, blockFrames)
}

// ReadFrames computes frames [0, frames) of src and returns them as a Sound
// (of at most MaxSamples samples). Unlike New, it keeps whatever src
// computed, NaN included.
func ReadFrames(src Source, frames, blockFrames int) (*Sound, error) {
	ch := src.NumChannels()
	if err := checkSize(frames, ch); err != nil {
		return nil, fmt.Errorf("sound: ReadFrames: %w", err)
	}
	data := make([]float64, frames*ch)
	err := Each(src, frames, blockFrames, func(b []float64, start, n int) error {
		copy(data[start*ch:], b[:n*ch])
		return nil
	})
	if err != nil {
		return nil, err
	}
	return wrap(data, ch, src.SampleRate()), nil
}
