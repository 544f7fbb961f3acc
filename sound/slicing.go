package sound

import (
	"errors"
	"fmt"
)

// SliceFramesStep returns every step-th frame of s from start up to (not
// including) end, as Brian Hears' sound[start:end:step] with sample
// indices: frames start, start+step, start+2·step, … below end. Frames
// outside s read as zeros, as in SliceFrames. step must be positive (for a
// reversed sound use Reversed). The result keeps the sample rate of s, as
// Brian Hears does: taking every step-th frame is not resampling (see
// Resampled for that).
//
// Beyond the ends of s Brian Hears pads with unstrided zeros and strides
// only the part inside s (so sound[-3:n:2] has 3 leading zeros whatever the
// step); gohears strides the whole range, so frame i of the result is
// always frame start+i·step of the zero-extended sound.
func (s *Sound) SliceFramesStep(start, end, step int) (*Sound, error) {
	if step < 1 {
		return nil, fmt.Errorf("sound: slice step must be a positive number of frames, got %d", step)
	}
	if end < start {
		return nil, fmt.Errorf("sound: slice [%d, %d) ends before it starts", start, end)
	}
	n := (end - start + step - 1) / step
	if err := checkSize(n, s.channels); err != nil {
		return nil, fmt.Errorf("sound: slice [%d, %d) step %d: %w", start, end, step, err)
	}
	nc, frames := s.channels, s.NumFrames()
	data := make([]float64, n*nc)
	for i := range n {
		f := start + i*step
		if f >= 0 && f < frames {
			copy(data[i*nc:(i+1)*nc], s.data[f*nc:(f+1)*nc])
		}
	}
	return s.derive(data, nc), nil
}

// SliceStep is SliceFramesStep with start and end given as times in seconds
// (converted as in Slice, rounding half to even): Brian Hears'
// sound[start*ms:end*ms:step].
func (s *Sound) SliceStep(start, end float64, step int) (*Sound, error) {
	a, err := timeFrame(start, s.rate)
	if err != nil {
		return nil, err
	}
	b, err := timeFrame(end, s.rate)
	if err != nil {
		return nil, err
	}
	return s.SliceFramesStep(a, b, step)
}

// SetSliceFrames writes o into frames [start, end) of s, in place: Brian
// Hears' sound[start:end] = other. o must have end-start frames and the
// sample rate of s, and either the channel count of s or one channel (a
// mono o is written into every channel, as numpy broadcasts it). The range
// must lie inside s; nothing is written when any of this fails.
func (s *Sound) SetSliceFrames(start, end int, o *Sound) error {
	if o == nil {
		return errors.New("sound: SetSliceFrames of a nil sound")
	}
	if start < 0 || end > s.NumFrames() || end < start {
		return fmt.Errorf("sound: slice [%d, %d) is not inside a sound of %d frames", start, end, s.NumFrames())
	}
	if o.NumFrames() != end-start {
		return fmt.Errorf("sound: cannot assign %d frames to the %d frames of slice [%d, %d)", o.NumFrames(), end-start, start, end)
	}
	if o.rate != s.rate {
		return fmt.Errorf("sound: cannot assign a sound at %v Hz into one at %v Hz (resample it first)", o.rate, s.rate)
	}
	nc := s.channels
	switch o.channels {
	case nc:
		copy(s.data[start*nc:end*nc], o.data)
	case 1:
		for i, v := range o.data {
			row := s.data[(start+i)*nc : (start+i+1)*nc]
			for c := range row {
				row[c] = v
			}
		}
	default:
		return fmt.Errorf("sound: cannot assign %d channels into a sound of %d channels", o.channels, nc)
	}
	return nil
}

// SetSlice is SetSliceFrames with the slice given as times in seconds
// (rounded half to even, as Brian Hears' sound[start*ms:end*ms] = other).
func (s *Sound) SetSlice(start, end float64, o *Sound) error {
	a, err := timeFrame(start, s.rate)
	if err != nil {
		return err
	}
	b, err := timeFrame(end, s.rate)
	if err != nil {
		return err
	}
	return s.SetSliceFrames(a, b, o)
}
