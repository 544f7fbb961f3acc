package filterbank

import (
	"errors"
	"fmt"
	"math"

	"github.com/gohears/hears/sound"
)

// ControlBank is Brian Hears' ControlFilterbank: the control path of a
// model. Its output is its source's output, unchanged; as a side effect,
// after every block of Interval() frames it hands the last block of each
// control input to an updater, which changes the targets (typically the
// coefficients of a LinearKernel upstream of the source, see Control).
//
// Timing (Brian Hears' convention for time-varying models): the frames are
// cut into blocks [0, n), [n, 2n), ... where n is the update interval; the
// source computes block k with the targets as they were after block k−1 (the
// first block with the initial targets); then the updater sees the control
// inputs over block k. Filter states carry across changes. The ControlBank
// cuts every Fetch at block boundaries, so its output does not depend on how
// a consumer sizes its fetches. (Brian Hears instead restarts its blocks at
// the start of every fetch, which process() makes every 32 frames: the two
// agree when the interval divides 32, as for the reference cases with
// interval 1; for other intervals Brian Hears' updates move with the
// consumer's buffer size and gohears' do not.)
//
// A ControlBank keeps its last segment and a history like a Bank (fan-out
// at any block size is free, see Bank.Fetch). A
// fetch that starts before the computed position rewinds: the source and
// inputs are Reset, the optional reset function restores the targets, and
// the computation restarts at frame zero. A ControlBank is not safe for
// concurrent use.
type ControlBank struct {
	src      sound.Source
	inputs   []sound.Source
	update   func(inputs [][]float64) error
	reset    func() error
	interval int
	nc       int
	rate     float64

	pos    int // next frame to compute
	broken bool
	cache  segmentCache

	acc   [][]float64 // per input: frames of the current block so far
	views [][]float64 // per input: the block handed to the updater
}

// ControlOption configures a ControlBank.
type ControlOption func(*ControlBank)

// ControlReset sets a function called whenever the ControlBank rewinds to
// frame zero (Reset, or a fetch that goes back in time), after its source
// and inputs are reset: it should restore the targets' initial state (for
// a LinearKernel, its initial coefficients) and the updater's own state.
// It is Brian Hears' optional updater.reinit().
func ControlReset(fn func() error) ControlOption {
	return func(c *ControlBank) { c.reset = fn }
}

// Control builds a ControlBank. src supplies the output (usually the last
// bank of the chain whose targets change); inputs are the control signals
// (none is allowed: the updater is then called with an empty slice every
// interval frames); targets are handed to update unchanged, so that the
// updater need not capture them; update is called after every block of
// interval frames with inputs[k] the last block of control input k
// (interval × NumChannels() samples, frame-major, valid during the call
// only). interval must be at least 1; a duration in seconds converts with
// IntervalFrames. Every input must run at src's sample rate.
//
// An error from update stops the Fetch that triggered it and is returned to
// its caller; the next Fetch rewinds to frame zero.
func Control[T any](src sound.Source, inputs []sound.Source, targets []T, update func(inputs [][]float64, targets []T) error, interval int, opts ...ControlOption) (*ControlBank, error) {
	if src == nil {
		return nil, errors.New("filterbank: control bank has a nil source")
	}
	if update == nil {
		return nil, errors.New("filterbank: control bank has a nil updater")
	}
	if interval < 1 {
		return nil, fmt.Errorf("filterbank: control update interval %d must be at least 1 frame", interval)
	}
	nc := src.NumChannels()
	if nc <= 0 {
		return nil, fmt.Errorf("filterbank: control source has %d channels", nc)
	}
	rate := src.SampleRate()
	held := 0.0 // values of the inputs' accumulation buffers, bounded in total
	for k, in := range inputs {
		if in == nil {
			return nil, fmt.Errorf("filterbank: control input %d is nil", k)
		}
		if in.SampleRate() != rate {
			return nil, fmt.Errorf("filterbank: control input %d runs at %g Hz, the source at %g Hz", k, in.SampleRate(), rate)
		}
		if in.NumChannels() <= 0 {
			return nil, fmt.Errorf("filterbank: control input %d has %d channels", k, in.NumChannels())
		}
		if err := checkSize(fmt.Sprintf("control input %d (interval × channels)", k), interval, in.NumChannels()); err != nil {
			return nil, err
		}
		held += float64(interval) * float64(in.NumChannels())
	}
	if err := checkBankMemory("control bank", fmt.Sprintf("%d inputs of %d-frame blocks", len(inputs), interval), held); err != nil {
		return nil, err
	}
	c := &ControlBank{
		src:      src,
		inputs:   append([]sound.Source(nil), inputs...),
		interval: interval,
		nc:       nc,
		cache:    segmentCache{nc: nc},
		rate:     rate,
		acc:      make([][]float64, len(inputs)),
		views:    make([][]float64, len(inputs)),
	}
	tg := append([]T(nil), targets...)
	c.update = func(in [][]float64) error { return update(in, tg) }
	for _, o := range opts {
		o(c)
	}
	for k, in := range c.inputs {
		c.acc[k] = make([]float64, interval*in.NumChannels())
	}
	return c, nil
}

// IntervalFrames converts an update interval in seconds to frames at rate
// (Hz), rounding half to even as Brian Hears does; it is an error if the
// result is below one frame.
func IntervalFrames(seconds, rate float64) (int, error) {
	if math.IsNaN(seconds) || math.IsInf(seconds, 0) || !(rate > 0) || math.IsInf(rate, 0) {
		return 0, fmt.Errorf("filterbank: cannot convert an interval of %g s at %g Hz to frames", seconds, rate)
	}
	n := sound.FramesOf(seconds, rate)
	if n < 1 {
		return 0, fmt.Errorf("filterbank: an interval of %g s is %d frames at %g Hz; it must be at least 1", seconds, n, rate)
	}
	return n, nil
}

// Interval returns the update interval in frames.
func (c *ControlBank) Interval() int { return c.interval }

// Source returns the bank whose output the ControlBank passes on.
func (c *ControlBank) Source() sound.Source { return c.src }

// Inputs returns the control inputs.
func (c *ControlBank) Inputs() []sound.Source { return c.inputs }

// NumChannels implements sound.Source: the source's channel count.
func (c *ControlBank) NumChannels() int { return c.nc }

// SampleRate implements sound.Source (Hz).
func (c *ControlBank) SampleRate() float64 { return c.rate }

// NumFrames implements sound.Source: the shortest bounded length among the
// source and the inputs, or sound.Unbounded.
func (c *ControlBank) NumFrames() int {
	n := c.src.NumFrames()
	for _, in := range c.inputs {
		if m := in.NumFrames(); m != sound.Unbounded && (n == sound.Unbounded || m < n) {
			n = m
		}
	}
	return n
}

// Reset implements sound.Source: it resets the source and the inputs, calls
// the ControlReset function if any, and rewinds to frame zero.
func (c *ControlBank) Reset() error {
	c.pos = 0
	c.cache.empty(0)
	c.broken = true
	if err := c.src.Reset(); err != nil {
		return err
	}
	for _, in := range c.inputs {
		if err := in.Reset(); err != nil {
			return err
		}
	}
	if c.reset != nil {
		if err := c.reset(); err != nil {
			return err
		}
	}
	c.broken = false
	return nil
}

// Rewinds returns how many fetches found their frames no longer held and
// recomputed from frame zero (see Bank.Rewinds: the same history serves
// lagging consumers).
func (c *ControlBank) Rewinds() int { return c.cache.rewinds }

// Fetch implements sound.Source (see ControlBank for the timing).
func (c *ControlBank) Fetch(start, end int) ([]float64, error) {
	if err := c.cache.check(start, end); err != nil {
		return nil, err
	}
	if !c.broken {
		if blk, ok := c.cache.lookup(start, end); ok {
			return blk, nil
		}
	}
	if c.broken || start < c.pos && !c.cache.continues(start, c.pos) {
		if !c.broken {
			c.cache.missed(start, end)
		}
		if err := c.Reset(); err != nil {
			c.broken = true
			return nil, err
		}
	}
	if to := c.cache.from(start, c.pos); to > c.pos {
		if err := c.run(nil, to, to); err != nil { // skip ahead, keeping nothing
			c.broken = true
			c.cache.empty(0)
			return nil, err
		}
		c.cache.empty(c.pos)
	}
	p := c.pos
	if err := c.run(c.cache.begin(start, end), p, end); err != nil {
		c.broken = true
		c.cache.empty(0)
		return nil, err
	}
	return c.cache.commit(start, end), nil
}

// run advances from c.pos to end in pieces that never cross a block
// boundary, copying the output frames in [start, end) into out.
func (c *ControlBank) run(out []float64, start, end int) error {
	nc := c.nc
	n := c.interval
	for c.pos < end {
		p := c.pos
		blockStart := p - p%n
		blockEnd := blockStart + n
		q := min(end, blockEnd)
		if p < start {
			// Skipping ahead: still in pieces, but no need to go past start
			// in this piece (keeps the scratch small and the copy simple).
			q = min(q, start)
		}
		blk, err := c.src.Fetch(p, q)
		if err != nil {
			return err
		}
		if len(blk) != (q-p)*nc {
			return fmt.Errorf("filterbank: control source returned %d samples for frames [%d, %d) of %d channels", len(blk), p, q, nc)
		}
		if q > start {
			lo := max(p, start)
			copy(out[(lo-start)*nc:(q-start)*nc], blk[(lo-p)*nc:])
		}
		whole := p == blockStart && q == blockEnd
		for k, in := range c.inputs {
			ib, err := in.Fetch(p, q)
			if err != nil {
				return fmt.Errorf("filterbank: control input %d: %w", k, err)
			}
			ic := in.NumChannels()
			if len(ib) != (q-p)*ic {
				return fmt.Errorf("filterbank: control input %d returned %d samples for frames [%d, %d) of %d channels", k, len(ib), p, q, ic)
			}
			if whole {
				c.views[k] = ib
			} else {
				copy(c.acc[k][(p-blockStart)*ic:], ib)
				c.views[k] = c.acc[k]
			}
		}
		c.pos = q
		if q == blockEnd {
			if err := c.update(c.views); err != nil {
				return err
			}
		}
	}
	return nil
}
