package filterbank

import (
	"errors"
	"fmt"

	"github.com/gohears/hears/sound"
)

// JoinType says how Restructure joins the channels of several sources.
type JoinType int

const (
	// JoinSerial puts the sources' channels one source after another:
	// AB and CD give ABCD.
	JoinSerial JoinType = iota
	// JoinInterleave takes one channel of each source in turn: AB and CD
	// give ACBD. Every source must then have the same number of channels.
	JoinInterleave
)

// String names the join type as brian2hears does ("serial", "interleave").
func (t JoinType) String() string {
	switch t {
	case JoinSerial:
		return "serial"
	case JoinInterleave:
		return "interleave"
	}
	return fmt.Sprintf("JoinType(%d)", int(t))
}

// RestructureKernel copies input channels to output channels by an index
// mapping over the channels of all sources, counted in order from the first
// source (brian2hears' RestructureFilterbank). Output samples are exact
// copies of input samples.
type RestructureKernel struct {
	mapping []int // output channel -> global input channel
	src, ch []int // output channel -> source, channel within it
}

// NewRestructureKernel builds the kernel for sources with inChannels[k]
// channels each; output channel c copies global input channel mapping[c].
func NewRestructureKernel(inChannels []int, mapping []int) (*RestructureKernel, error) {
	if len(mapping) == 0 {
		return nil, errors.New("filterbank: restructuring gives no output channels")
	}
	if err := checkRestructureMemory(float64(len(mapping))); err != nil {
		return nil, err
	}
	total := 0
	for s, n := range inChannels {
		if n < 1 {
			return nil, fmt.Errorf("filterbank: source %d has %d channels; restructuring needs at least 1", s, n)
		}
		total += n
	}
	k := &RestructureKernel{mapping: append([]int(nil), mapping...), src: make([]int, len(mapping)), ch: make([]int, len(mapping))}
	for c, g := range mapping {
		if g < 0 || g >= total {
			return nil, fmt.Errorf("filterbank: index mapping entry %d is %d, outside the %d input channels", c, g, total)
		}
		s := 0
		for g >= inChannels[s] {
			g -= inChannels[s]
			s++
		}
		k.src[c], k.ch[c] = s, g
	}
	return k, nil
}

// IndexMapping returns, for each output channel, the global input channel it
// copies.
func (k *RestructureKernel) IndexMapping() []int { return append([]int(nil), k.mapping...) }

// NumChannels implements Kernel.
func (k *RestructureKernel) NumChannels() int { return len(k.mapping) }

// Reset implements Kernel (the kernel has no state).
func (k *RestructureKernel) Reset() {}

// TakesMono implements MonoInput: a mono source replacing a wider one (by
// SetSource) is read directly, every channel of it being that one channel.
func (k *RestructureKernel) TakesMono(int) bool { return true }

// Process implements Kernel.
func (k *RestructureKernel) Process(out []float64, in [][]float64, frames int) error {
	nc := len(k.mapping)
	for c := range nc {
		s, j := k.src[c], k.ch[c]
		w := len(in[s]) / frames
		if w == 1 {
			j = 0
		}
		x := in[s]
		for f := range frames {
			out[f*nc+c] = x[f*w+j]
		}
	}
	return nil
}

// RestructureMapping computes brian2hears' index mapping for sources with
// the given channel counts: each source's channels are repeated numrepeat
// times (AB -> AABB), the sources joined by typ, and the result tiled
// numtile times (ABC -> ABCABC).
func RestructureMapping(inChannels []int, numrepeat int, typ JoinType, numtile int) ([]int, error) {
	if len(inChannels) == 0 {
		return nil, errors.New("filterbank: restructuring needs at least one source")
	}
	if numrepeat < 1 {
		return nil, fmt.Errorf("filterbank: numrepeat must be at least 1, got %d", numrepeat)
	}
	if numtile < 1 {
		return nil, fmt.Errorf("filterbank: numtile must be at least 1, got %d", numtile)
	}
	total := 0
	for s, n := range inChannels {
		if n < 1 {
			return nil, fmt.Errorf("filterbank: source %d has %d channels; restructuring needs at least 1", s, n)
		}
		if err := checkSize("restructured channels", total+n, numrepeat, numtile); err != nil {
			return nil, err
		}
		total += n
	}
	switch typ {
	case JoinSerial:
	case JoinInterleave:
		for s, n := range inChannels {
			if n != inChannels[0] {
				return nil, fmt.Errorf("filterbank: interleaving needs sources with equal channel counts, source %d has %d and source 0 has %d", s, n, inChannels[0])
			}
		}
	default:
		return nil, fmt.Errorf("filterbank: join type must be serial or interleave, got %v", typ)
	}
	joined := total * numrepeat
	if err := checkRestructureMemory(float64(joined) * float64(numtile)); err != nil {
		return nil, err
	}
	// The map is built in place, at its final size: the joined channels
	// first, then numtile−1 copies of them.
	out := make([]int, joined*numtile)
	if typ == JoinSerial {
		i := 0
		for g := range total {
			for range numrepeat {
				out[i] = g
				i++
			}
		}
	} else {
		n := inChannels[0] // every source's channel count
		i := 0
		for j := range n * numrepeat {
			for s := range inChannels {
				out[i] = s*n + j/numrepeat
				i++
			}
		}
	}
	for t := 1; t < numtile; t++ {
		copy(out[t*joined:], out[:joined])
	}
	return out, nil
}

// Restructure is brian2hears' RestructureFilterbank: it copies the channels
// of sources into a new arrangement. Each source's channels are repeated
// numrepeat times, the sources joined by typ (JoinSerial or JoinInterleave)
// and the result tiled numtile times; a non-nil indexmapping replaces all
// three, output channel c copying input channel indexmapping[c], input
// channels counted in order from the first source. Samples are copied
// exactly. All sources must share one sample rate.
func Restructure(sources []sound.Source, numrepeat int, typ JoinType, numtile int, indexmapping []int) (*Bank, error) {
	if len(sources) == 0 {
		return nil, errors.New("filterbank: restructuring needs at least one source")
	}
	inCh := make([]int, len(sources))
	for s, src := range sources {
		if src == nil {
			return nil, fmt.Errorf("filterbank: source %d is nil", s)
		}
		inCh[s] = src.NumChannels()
	}
	mapping := indexmapping
	if mapping == nil {
		var err error
		if mapping, err = RestructureMapping(inCh, numrepeat, typ, numtile); err != nil {
			return nil, err
		}
	}
	k, err := NewRestructureKernel(inCh, mapping)
	if err != nil {
		return nil, err
	}
	return NewBank(k, sources, inCh)
}

// Repeat repeats each channel of src n times: with n = 3, ABC gives
// AAABBBCCC (brian2hears' Repeat).
func Repeat(src sound.Source, n int) (*Bank, error) {
	return Restructure([]sound.Source{src}, n, JoinSerial, 1, nil)
}

// Tile repeats the channels of src as a whole n times: with n = 3, ABC
// gives ABCABCABC (brian2hears' Tile).
func Tile(src sound.Source, n int) (*Bank, error) {
	return Restructure([]sound.Source{src}, 1, JoinSerial, n, nil)
}

// Join puts the channels of its sources one after another: AB and CD give
// ABCD (brian2hears' Join).
func Join(sources ...sound.Source) (*Bank, error) {
	return Restructure(sources, 1, JoinSerial, 1, nil)
}

// Interleave takes one channel of each source in turn: AB and CD give ACBD
// (brian2hears' Interleave). The sources must have equal channel counts.
func Interleave(sources ...sound.Source) (*Bank, error) {
	return Restructure(sources, 1, JoinInterleave, 1, nil)
}
