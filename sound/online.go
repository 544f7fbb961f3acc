package sound

import (
	"errors"
	"fmt"
	"math"
	"sync"
)

// FillFunc computes frames [start, start+n) of an online sound into block
// (frame-major, n·channels values, zeroed before the call). It is called with
// consecutive, non-overlapping ranges from time zero (again from zero after
// Reset).
type FillFunc func(block []float64, start, n int) error

// Online is an unbounded Source whose samples arrive at run time (Brian
// Hears' OnlineSound): either pulled from a FillFunc (NewOnline) or pushed by
// a producer (NewPushed, then Push and Close). It reads forward: each Fetch
// must start at or after the end of the previous one (skipping ahead
// computes and discards the frames in between), or repeat the last segment,
// which returns the cached block. Memory stays bounded by the largest block
// plus, for a pushed source, the frames pushed but not yet read.
type Online struct {
	channels int
	rate     float64
	fill     FillFunc

	mu     sync.Mutex
	cond   *sync.Cond
	queue  []float64 // pushed, unread samples (frame-major)
	closed bool

	pos      int // frames consumed
	lastS    int
	lastE    int
	last     []float64
	haveLast bool
	scratch  []float64
}

// NewOnline returns an online source of the given channel count and rate
// (Hz) whose frames are computed on demand by fill.
func NewOnline(channels int, rate float64, fill FillFunc) (*Online, error) {
	if fill == nil {
		return nil, errors.New("sound: NewOnline needs a fill function (or use NewPushed)")
	}
	return newOnline(channels, rate, fill)
}

// NewPushed returns an online source fed by Push. Fetch waits until enough
// frames have been pushed; after Close, missing frames read as zeros. Push
// and Close may be called from another goroutine than Fetch.
func NewPushed(channels int, rate float64) (*Online, error) {
	return newOnline(channels, rate, nil)
}

func newOnline(channels int, rate float64, fill FillFunc) (*Online, error) {
	if channels <= 0 {
		return nil, fmt.Errorf("sound: channel count must be positive, got %d", channels)
	}
	if err := checkRate(rate); err != nil {
		return nil, err
	}
	o := &Online{channels: channels, rate: rate, fill: fill}
	o.cond = sync.NewCond(&o.mu)
	return o, nil
}

// NumChannels implements Source.
func (o *Online) NumChannels() int { return o.channels }

// SampleRate implements Source (Hz).
func (o *Online) SampleRate() float64 { return o.rate }

// NumFrames implements Source: an online sound is Unbounded.
func (o *Online) NumFrames() int { return Unbounded }

// Push appends frame-major samples (a whole number of frames) to a pushed
// source. It fails on a pulled source or after Close.
func (o *Online) Push(samples []float64) error {
	if o.fill != nil {
		return errors.New("sound: Push on an online source that pulls from a fill function")
	}
	if len(samples)%o.channels != 0 {
		return fmt.Errorf("sound: Push of %d samples, not a whole number of %d-channel frames", len(samples), o.channels)
	}
	if i := nonFinite(samples); i >= 0 {
		return fmt.Errorf("sound: Push: sample %d (channel %d) is %v", i, i%o.channels, samples[i])
	}
	o.mu.Lock()
	defer o.mu.Unlock()
	if o.closed {
		return errors.New("sound: Push after Close")
	}
	o.queue = append(o.queue, samples...)
	o.cond.Broadcast()
	return nil
}

// Close marks the end of a pushed stream: frames beyond those pushed read as
// zeros, and a waiting Fetch returns.
func (o *Online) Close() {
	o.mu.Lock()
	o.closed = true
	o.cond.Broadcast()
	o.mu.Unlock()
}

// Fetch implements Source.
func (o *Online) Fetch(start, end int) ([]float64, error) {
	if err := CheckSegment(start, end); err != nil {
		return nil, err
	}
	if o.haveLast && start == o.lastS && end == o.lastE {
		return o.last, nil
	}
	if start < o.pos {
		return nil, fmt.Errorf("sound: online source cannot rewind to frame %d (at frame %d; use Reset)", start, o.pos)
	}
	if start > o.pos { // skip ahead
		for o.pos < start {
			n := min(start-o.pos, DefaultBlockFrames)
			if _, err := o.read(n); err != nil {
				return nil, err
			}
		}
	}
	b, err := o.read(end - start)
	if err != nil {
		return nil, err
	}
	o.last, o.lastS, o.lastE, o.haveLast = b, start, end, true
	return b, nil
}

// read produces the next n frames into the scratch block.
func (o *Online) read(n int) ([]float64, error) {
	need := n * o.channels
	if cap(o.scratch) < need {
		o.scratch = make([]float64, need)
	}
	b := o.scratch[:need]
	clear(b)
	o.haveLast = false
	if o.fill != nil {
		if err := o.fill(b, o.pos, n); err != nil {
			return nil, fmt.Errorf("sound: online fill of frames [%d, %d): %w", o.pos, o.pos+n, err)
		}
		if i := nonFinite(b); i >= 0 {
			return nil, fmt.Errorf("sound: online fill: frame %d channel %d is %v", o.pos+i/o.channels, i%o.channels, b[i])
		}
		o.pos += n
		return b, nil
	}
	o.mu.Lock()
	for len(o.queue) < need && !o.closed {
		o.cond.Wait()
	}
	k := copy(b, o.queue)
	// Drop consumed samples, reusing the array once it is drained.
	o.queue = o.queue[k:]
	if len(o.queue) == 0 {
		o.queue = o.queue[:0:0]
	}
	o.mu.Unlock()
	o.pos += n
	return b, nil
}

// Reset implements Source: a pulled source restarts from frame 0 (the fill
// function is called from 0 again); a pushed source forgets unread frames
// and starts counting frames from 0 again, still open for Push unless closed.
func (o *Online) Reset() error {
	o.mu.Lock()
	o.queue = nil
	o.mu.Unlock()
	o.pos, o.haveLast = 0, false
	return nil
}

// nonFinite returns the index of the first NaN or infinite value of x, or -1.
func nonFinite(x []float64) int {
	for i, v := range x {
		if math.IsNaN(v) || math.IsInf(v, 0) {
			return i
		}
	}
	return -1
}
