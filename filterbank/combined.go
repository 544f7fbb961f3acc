package filterbank

import (
	"errors"
	"fmt"
	"reflect"

	"github.com/gohears/hears/sound"
)

// entrySource is the re-pointable input of a combined bank's inner chain
// (brian2hears' "modified source"): the chain reads it, SetSource re-points it.
type entrySource struct{ src sound.Source }

func (e *entrySource) NumChannels() int                  { return e.src.NumChannels() }
func (e *entrySource) SampleRate() float64               { return e.src.SampleRate() }
func (e *entrySource) NumFrames() int                    { return e.src.NumFrames() }
func (e *entrySource) Fetch(s, t int) ([]float64, error) { return e.src.Fetch(s, t) }
func (e *entrySource) Reset() error                      { return e.src.Reset() }

// CombinedBank wraps an inner chain of banks so that it looks like one bank
// (brian2hears' CombinedFilterbank): its output is the chain's output, and
// SetSource changes what the chain reads.
type CombinedBank struct {
	*Bank // identity over the inner chain's output
	build func(in sound.Source) (sound.Source, error)
	entry *entrySource
	inner sound.Source
}

// Combined builds an inner chain with build, which receives the source to
// read (a stand-in for src that SetSource can re-point) and returns the
// chain's output, and wraps it as one bank.
//
//	loud, err := filterbank.Combined(snd, func(in sound.Source) (sound.Source, error) {
//		g, err := filterbank.Gammatone(in, cf)
//		if err != nil {
//			return nil, err
//		}
//		return filterbank.Scale(g, 2)
//	})
func Combined(src sound.Source, build func(in sound.Source) (sound.Source, error)) (*CombinedBank, error) {
	if src == nil {
		return nil, errors.New("filterbank: Combined source is nil")
	}
	if build == nil {
		return nil, errors.New("filterbank: Combined needs a build function")
	}
	c := &CombinedBank{build: build}
	if err := c.rebuild(src); err != nil {
		return nil, err
	}
	return c, nil
}

func (c *CombinedBank) rebuild(src sound.Source) error {
	entry := &entrySource{src: src}
	inner, err := c.build(entry)
	if err != nil {
		return fmt.Errorf("filterbank: building the combined bank: %w", err)
	}
	if v := reflect.ValueOf(inner); inner == nil || (v.Kind() == reflect.Pointer && v.IsNil()) {
		return errors.New("filterbank: the combined bank's build function returned no source")
	}
	n := inner.NumChannels()
	b, err := NewBank1(IdentityKernel{n}, inner, n)
	if err != nil {
		return err
	}
	c.Bank, c.entry, c.inner = b, entry, inner
	return nil
}

// Inner returns the inner chain's output.
func (c *CombinedBank) Inner() sound.Source { return c.inner }

// Source returns the source the inner chain currently reads.
func (c *CombinedBank) Source() sound.Source { return c.entry.src }

// SetSource makes the inner chain read s (k must be 0) and rewinds
// everything to time zero. When s has the channel count and sample rate of
// the current source, the chain is kept and re-pointed (banks the build
// function made stay valid); otherwise build is called again on s, and on
// failure the bank is left as it was.
func (c *CombinedBank) SetSource(k int, s sound.Source) error {
	if k != 0 {
		return fmt.Errorf("filterbank: a combined bank has one source, not %d", k+1)
	}
	if s == nil {
		return errors.New("filterbank: Combined source is nil")
	}
	old := c.entry.src
	if s.NumChannels() == old.NumChannels() && s.SampleRate() == old.SampleRate() {
		c.entry.src = s
		if err := c.Bank.Reset(); err != nil {
			return err
		}
		return nil
	}
	return c.rebuild(s)
}
