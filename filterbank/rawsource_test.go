package filterbank

import "github.com/gohears/hears/sound"

// rawSource is a frame-major block of samples as a sound.Source without
// sound.New's finiteness check: what an upstream bank may hand a kernel
// (NaN, infinities), for tests of how kernels treat such values.
type rawSource struct {
	data     []float64
	channels int
	rate     float64
	buf      []float64
}

// newRawSource wraps data (frames × channels, frame-major) at rate Hz.
func newRawSource(data []float64, channels int, rate float64) *rawSource {
	return &rawSource{data: data, channels: channels, rate: rate}
}

func (r *rawSource) NumChannels() int    { return r.channels }
func (r *rawSource) SampleRate() float64 { return r.rate }
func (r *rawSource) NumFrames() int      { return len(r.data) / r.channels }
func (r *rawSource) Reset() error        { return nil }
func (r *rawSource) Fetch(start, end int) ([]float64, error) {
	n := (end - start) * r.channels
	if cap(r.buf) < n {
		r.buf = make([]float64, n)
	}
	b := r.buf[:n]
	clear(b)
	if lo := start * r.channels; lo < len(r.data) {
		copy(b, r.data[lo:min(len(r.data), end*r.channels)])
	}
	return b, nil
}

var _ sound.Source = (*rawSource)(nil)
