package sound

import (
	"errors"
	"fmt"
	"math"
)

// Clone returns a deep copy of s.
func (s *Sound) Clone() *Sound {
	return &Sound{data: append([]float64(nil), s.data...), channels: s.channels, rate: s.rate}
}

// Times returns the time in seconds of every frame, f/rate.
func (s *Sound) Times() []float64 {
	t := make([]float64, s.NumFrames())
	for i := range t {
		t[i] = float64(i) / s.rate
	}
	return t
}

func (s *Sound) derive(data []float64, channels int) *Sound {
	return &Sound{data: data, channels: channels, rate: s.rate}
}

// Sequence joins sounds one after the other. All must have the same channel
// count. As in Brian Hears, sounds of different sample rates are resampled
// (see Resampled) to the highest rate among them.
func Sequence(sounds ...*Sound) (*Sound, error) {
	if len(sounds) == 0 {
		return nil, errors.New("sound: Sequence of no sounds")
	}
	for i, s := range sounds {
		if s == nil {
			return nil, fmt.Errorf("sound: Sequence: sound %d is nil", i)
		}
	}
	rate, nc, total := 0.0, sounds[0].channels, 0
	for i, s := range sounds {
		if s.channels != nc {
			return nil, fmt.Errorf("sound: Sequence: sound %d has %d channels, sound 0 has %d", i, s.channels, nc)
		}
		rate = max(rate, s.rate)
	}
	parts := make([]*Sound, len(sounds))
	for i, s := range sounds {
		parts[i] = s
		if s.rate != rate {
			r, err := s.Resampled(rate)
			if err != nil {
				return nil, fmt.Errorf("sound: Sequence: sound %d: %w", i, err)
			}
			parts[i] = r
		}
		total += len(parts[i].data)
	}
	data := make([]float64, 0, total)
	for _, s := range parts {
		data = append(data, s.data...)
	}
	return New(data, nc, rate)
}

// Repeat returns s played n times in a row.
func (s *Sound) Repeat(n int) (*Sound, error) {
	if n < 0 {
		return nil, fmt.Errorf("sound: Repeat count must be non-negative, got %d", n)
	}
	if len(s.data) > 0 && n > MaxSamples/len(s.data) {
		return nil, fmt.Errorf("sound: Repeat %d times would exceed %d samples", n, MaxSamples)
	}
	data := make([]float64, 0, n*len(s.data))
	for range n {
		data = append(data, s.data...)
	}
	return s.derive(data, s.channels), nil
}

// Resized returns s cut or zero-padded to n frames. A negative n, or a
// result of more than MaxSamples samples, is an error.
func (s *Sound) Resized(n int) (*Sound, error) {
	if err := checkSize(n, s.channels); err != nil {
		return nil, err
	}
	data := make([]float64, n*s.channels)
	copy(data, s.data)
	return s.derive(data, s.channels), nil
}

// Extended returns s followed by duration seconds of silence.
func (s *Sound) Extended(duration float64) (*Sound, error) {
	n, err := framesFor(duration, s.rate)
	if err != nil {
		return nil, err
	}
	return s.ExtendedFrames(n)
}

// ExtendedFrames returns s followed by n frames of silence.
func (s *Sound) ExtendedFrames(n int) (*Sound, error) {
	if n < 0 {
		return nil, fmt.Errorf("sound: cannot extend by %d frames", n)
	}
	return s.Resized(s.NumFrames() + n)
}

// Shifted returns s delayed by delay seconds, rounded to whole samples
// (Brian Hears' shifted): a positive delay prepends silence, a negative one
// drops the first samples. See ShiftedFractional for sub-sample delays.
func (s *Sound) Shifted(delay float64) (*Sound, error) {
	if math.IsNaN(delay) || math.IsInf(delay, 0) {
		return nil, fmt.Errorf("sound: delay must be finite, got %v", delay)
	}
	d := math.RoundToEven(delay * s.rate)
	if d < -maxFrames {
		d = -maxFrames // drops every frame, as any shift past the start does
	}
	if d > maxFrames {
		return nil, fmt.Errorf("sound: delay of %v s is too long", delay)
	}
	return s.ShiftedFrames(int(d))
}

// ShiftedFrames returns s delayed by n frames: n > 0 prepends n frames of
// silence, n < 0 drops the first -n frames (leaving an empty sound if -n is
// longer than s).
func (s *Sound) ShiftedFrames(n int) (*Sound, error) {
	nc := s.channels
	if n >= 0 {
		if n > MaxSamples/nc || checkSize(n+s.NumFrames(), nc) != nil {
			return nil, fmt.Errorf("sound: shift by %d frames makes more than %d samples", n, MaxSamples)
		}
		data := make([]float64, n*nc+len(s.data))
		copy(data[n*nc:], s.data)
		return s.derive(data, nc), nil
	}
	k := s.NumFrames()
	if n > -k {
		k = -n
	}
	return s.derive(append([]float64(nil), s.data[k*nc:]...), nc), nil
}

// SliceFrames returns frames [start, end) as a new Sound. Frames outside s
// (start < 0 or end > NumFrames) are zeros, as in Brian Hears' slicing.
func (s *Sound) SliceFrames(start, end int) (*Sound, error) {
	if end < start {
		return nil, fmt.Errorf("sound: slice [%d, %d) ends before it starts", start, end)
	}
	if err := checkSize(end-start, s.channels); err != nil {
		return nil, fmt.Errorf("sound: slice [%d, %d): %w", start, end, err)
	}
	nc := s.channels
	data := make([]float64, (end-start)*nc)
	lo, hi := max(start, 0), min(end, s.NumFrames())
	if lo < hi {
		copy(data[(lo-start)*nc:], s.data[lo*nc:hi*nc])
	}
	return s.derive(data, nc), nil
}

// Slice returns the part of s between the times start and end (s), not
// including end, with both converted to frames by rounding half to even
// (Brian Hears' sound[start:end]); beyond the sound it is zero-padded.
func (s *Sound) Slice(start, end float64) (*Sound, error) {
	a, err := timeFrame(start, s.rate)
	if err != nil {
		return nil, err
	}
	b, err := timeFrame(end, s.rate)
	if err != nil {
		return nil, err
	}
	return s.SliceFrames(a, b)
}

func timeFrame(t, rate float64) (int, error) {
	x := math.RoundToEven(t * rate)
	if math.IsNaN(x) || math.Abs(x) > maxFrames {
		return 0, fmt.Errorf("sound: time %v s is out of range", t)
	}
	return int(x), nil
}

// Channels returns channels [lo, hi) as a new Sound.
func (s *Sound) Channels(lo, hi int) (*Sound, error) {
	if lo < 0 || hi > s.channels || hi <= lo {
		return nil, fmt.Errorf("sound: channel range [%d, %d) invalid for a %d-channel sound", lo, hi, s.channels)
	}
	n, nc, w := s.NumFrames(), s.channels, hi-lo
	data := make([]float64, n*w)
	for f := range n {
		copy(data[f*w:(f+1)*w], s.data[f*nc+lo:f*nc+hi])
	}
	return s.derive(data, w), nil
}

// Channel returns channel n as a mono Sound.
func (s *Sound) Channel(n int) (*Sound, error) { return s.Channels(n, n+1) }

// Left returns channel 0.
func (s *Sound) Left() (*Sound, error) { return s.Channel(0) }

// Right returns channel 1 (an error for a mono sound).
func (s *Sound) Right() (*Sound, error) { return s.Channel(1) }

// Reversed returns s played backwards.
func (s *Sound) Reversed() *Sound {
	n, nc := s.NumFrames(), s.channels
	data := make([]float64, len(s.data))
	for f := range n {
		copy(data[f*nc:(f+1)*nc], s.data[(n-1-f)*nc:(n-f)*nc])
	}
	return s.derive(data, nc)
}

// Stack returns a multi-channel sound whose channels are those of the given
// sounds in order (Brian Hears' Sound([s1, s2, ...])). All must have the same
// sample rate and length.
func Stack(sounds ...*Sound) (*Sound, error) {
	if len(sounds) == 0 {
		return nil, errors.New("sound: Stack of no sounds")
	}
	n, nc := sounds[0].NumFrames(), 0
	for i, s := range sounds {
		if s == nil {
			return nil, fmt.Errorf("sound: Stack: sound %d is nil", i)
		}
		if s.rate != sounds[0].rate {
			return nil, fmt.Errorf("sound: Stack: sound %d is at %v Hz, sound 0 at %v Hz", i, s.rate, sounds[0].rate)
		}
		if s.NumFrames() != n {
			return nil, fmt.Errorf("sound: Stack: sound %d has %d frames, sound 0 has %d (use Resized)", i, s.NumFrames(), n)
		}
		nc += s.channels
	}
	data := make([]float64, n*nc)
	off := 0
	for _, s := range sounds {
		for f := range n {
			copy(data[f*nc+off:f*nc+off+s.channels], s.data[f*s.channels:(f+1)*s.channels])
		}
		off += s.channels
	}
	return New(data, nc, sounds[0].rate)
}

// Normalized returns s scaled so that its largest absolute sample is 1
// (unchanged if s is silent).
func (s *Sound) Normalized() *Sound {
	out := s.Clone()
	if p := s.Peak(); p > 0 {
		for i := range out.data {
			out.data[i] /= p
		}
	}
	return out
}

// Peak returns the largest absolute sample over all channels.
func (s *Sound) Peak() float64 {
	p := 0.0
	for _, v := range s.data {
		p = max(p, math.Abs(v))
	}
	return p
}

// checkSame reports why o cannot be combined element-wise with s.
func (s *Sound) checkSame(op string, o *Sound) error {
	if o == nil {
		return fmt.Errorf("sound: %s: nil sound", op)
	}
	if s.rate != o.rate {
		return fmt.Errorf("sound: %s: sample rates differ (%v Hz and %v Hz; use Resampled)", op, s.rate, o.rate)
	}
	if s.channels != o.channels || s.NumFrames() != o.NumFrames() {
		return fmt.Errorf("sound: %s: shapes differ (%d frames × %d channels and %d × %d; use Resized or Channel)",
			op, s.NumFrames(), s.channels, o.NumFrames(), o.channels)
	}
	return nil
}

func (s *Sound) zip(op string, o *Sound, f func(a, b float64) float64) (*Sound, error) {
	if err := s.checkSame(op, o); err != nil {
		return nil, err
	}
	data := make([]float64, len(s.data))
	for i := range data {
		data[i] = f(s.data[i], o.data[i])
	}
	return s.derive(data, s.channels), nil
}

// Add returns s + o sample by sample. The sounds must have the same sample
// rate, frame count and channel count.
func (s *Sound) Add(o *Sound) (*Sound, error) {
	return s.zip("Add", o, func(a, b float64) float64 { return a + b })
}

// Sub returns s - o sample by sample (same rate and shape).
func (s *Sound) Sub(o *Sound) (*Sound, error) {
	return s.zip("Sub", o, func(a, b float64) float64 { return a - b })
}

// Mul returns s · o sample by sample (same rate and shape), e.g. to apply an
// envelope.
func (s *Sound) Mul(o *Sound) (*Sound, error) {
	return s.zip("Mul", o, func(a, b float64) float64 { return a * b })
}

// Div returns s / o sample by sample (same rate and shape); division by a
// zero sample follows IEEE 754 (±Inf or NaN).
func (s *Sound) Div(o *Sound) (*Sound, error) {
	return s.zip("Div", o, func(a, b float64) float64 { return a / b })
}

// Map returns f applied to every sample.
func (s *Sound) Map(f func(float64) float64) *Sound {
	data := make([]float64, len(s.data))
	for i, v := range s.data {
		data[i] = f(v)
	}
	return s.derive(data, s.channels)
}

// Scale returns s multiplied by the plain factor k.
func (s *Sound) Scale(k float64) *Sound { return s.Map(func(v float64) float64 { return v * k }) }

// Offset returns s plus the constant c (Pa).
func (s *Sound) Offset(c float64) *Sound { return s.Map(func(v float64) float64 { return v + c }) }

// WithGain returns s amplified by the level difference g (dB): every sample
// is multiplied by 10^(g/20).
func (s *Sound) WithGain(g DB) *Sound { return s.Scale(Gain(g)) }

// String describes the sound: "Sound: 882 frames × 1 channel at 44100 Hz (0.02 s)".
func (s *Sound) String() string {
	ch := "channels"
	if s.channels == 1 {
		ch = "channel"
	}
	return fmt.Sprintf("Sound: %d frames × %d %s at %g Hz (%g s)", s.NumFrames(), s.channels, ch, s.rate, s.Duration())
}
