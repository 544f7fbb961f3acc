package filterbank

import (
	"errors"
	"fmt"
	"math"

	"github.com/gohears/hears/sound"
)

// BlockFunc computes one block of a function filterbank: frames output
// frames into out (frames × output channels, frame-major) from in[k], the
// block of source k (frames × its channel count, frame-major). It must not
// retain in or out.
type BlockFunc func(out []float64, in [][]float64, frames int) error

// FunctionKernel is the kernel of a function filterbank: a BlockFunc with
// fixed input and output channel counts and no state.
type FunctionKernel struct {
	inCh []int
	nch  int
	fn   BlockFunc
}

// NewFunctionKernel wraps fn, which reads len(inChannels) inputs with
// inChannels[k] channels and writes outChannels channels. Other packages
// (compiled text expressions, for one) build function banks from it with
// NewBank.
func NewFunctionKernel(inChannels []int, outChannels int, fn BlockFunc) (*FunctionKernel, error) {
	if fn == nil {
		return nil, errors.New("filterbank: function filterbank with a nil function")
	}
	if err := checkChannels("function filterbank output channel count", outChannels); err != nil {
		return nil, err
	}
	if len(inChannels) == 0 {
		return nil, errors.New("filterbank: function filterbank needs at least one input")
	}
	for k, n := range inChannels {
		if n <= 0 {
			return nil, fmt.Errorf("filterbank: function filterbank input %d has %d channels", k, n)
		}
	}
	return &FunctionKernel{inCh: append([]int(nil), inChannels...), nch: outChannels, fn: fn}, nil
}

// NumChannels implements Kernel.
func (k *FunctionKernel) NumChannels() int { return k.nch }

// InputChannels returns the channel count of each input.
func (k *FunctionKernel) InputChannels() []int { return append([]int(nil), k.inCh...) }

// Process implements Kernel.
func (k *FunctionKernel) Process(out []float64, in [][]float64, frames int) error {
	if len(in) != len(k.inCh) {
		return fmt.Errorf("filterbank: function filterbank reads %d inputs, got %d", len(k.inCh), len(in))
	}
	for i, b := range in {
		if len(b) != frames*k.inCh[i] {
			return fmt.Errorf("filterbank: function filterbank input %d: %d samples for %d frames × %d channels", i, len(b), frames, k.inCh[i])
		}
	}
	if len(out) < frames*k.nch {
		return fmt.Errorf("filterbank: output block holds %d samples, need %d", len(out), frames*k.nch)
	}
	out = out[:frames*k.nch]
	if err := k.fn(out, in, frames); err != nil {
		return err
	}
	return checkFiniteOutput("function filterbank", out, k.nch)
}

// checkFiniteOutput returns an error naming the first NaN or infinite
// value of a frame-major block of nch channels. Function and map banks run
// arbitrary code (a user's function, a text expression such as log(x)):
// a value that is not finite is almost always a mistake (log of zero, a
// division by zero), and passing it on would silently poison everything
// downstream, so it stops the fetch instead (issue 17). The scan costs one
// comparison per sample.
func checkFiniteOutput(what string, out []float64, nch int) error {
	for i, v := range out {
		if v-v != 0 { // NaN or ±Inf
			return fmt.Errorf("filterbank: %s gave %v at channel %d, frame %d of the block: the function must give finite values", what, v, i%nch, i/nch)
		}
	}
	return nil
}

// Reset implements Kernel (a function filterbank has no state).
func (k *FunctionKernel) Reset() {}

// Function returns a filterbank that applies fn to each block of its
// sources (Brian Hears' FunctionFilterbank with several sources): fn sees
// each source's block with that source's own channel count and writes
// outChannels channels. A NaN or infinite value in fn's output is an error
// naming the channel and frame (see checkFiniteOutput). All sources must share one sample rate.
func Function(sources []sound.Source, outChannels int, fn BlockFunc) (*Bank, error) {
	inCh := make([]int, len(sources))
	for k, s := range sources {
		if s == nil {
			return nil, fmt.Errorf("filterbank: function filterbank source %d is nil", k)
		}
		inCh[k] = s.NumChannels()
	}
	k, err := NewFunctionKernel(inCh, outChannels, fn)
	if err != nil {
		return nil, err
	}
	return NewBank(k, sources, inCh)
}

// MapKernel applies a function of one sample to every sample of its input:
// channel c of the output is f of channel c of the input. It has no state
// and splits across cores (ChannelParallel).
type MapKernel struct {
	nch   int
	f     func(float64) float64
	block func(out, in []float64) // f over a slice at once, when set
}

// NewMapKernel returns a kernel applying f sample by sample to nch channels.
func NewMapKernel(nch int, f func(float64) float64) (*MapKernel, error) {
	if f == nil {
		return nil, errors.New("filterbank: map filterbank with a nil function")
	}
	if err := checkChannels("map filterbank channel count", nch); err != nil {
		return nil, err
	}
	return &MapKernel{nch: nch, f: f}, nil
}

// NumChannels implements Kernel.
func (k *MapKernel) NumChannels() int { return k.nch }

// Reset implements Kernel (no state).
func (k *MapKernel) Reset() {}

// Process implements Kernel.
func (k *MapKernel) Process(out []float64, in [][]float64, frames int) error {
	return k.ProcessChannels(out, in, frames, 0, k.nch)
}

// ProcessChannels implements ChannelParallel.
func (k *MapKernel) ProcessChannels(out []float64, in [][]float64, frames, lo, hi int) error {
	if len(in) != 1 || len(in[0]) != frames*k.nch || len(out) < frames*k.nch {
		return fmt.Errorf("filterbank: map filterbank of %d channels got a bad block for %d frames", k.nch, frames)
	}
	if lo < 0 || hi > k.nch || lo > hi {
		return fmt.Errorf("filterbank: bad channel range [%d, %d) of %d", lo, hi, k.nch)
	}
	x, f := in[0], k.f
	if k.block != nil {
		if lo == 0 && hi == k.nch {
			k.block(out[:frames*k.nch], x)
			return nil
		}
		for fr := range frames {
			row := fr * k.nch
			k.block(out[row+lo:row+hi], x[row+lo:row+hi])
		}
		return nil
	}
	for fr := range frames {
		row := fr * k.nch
		o, v := out[row+lo:row+hi], x[row+lo:row+hi]
		for i := range o {
			o[i] = f(v[i])
			if y := o[i]; y-y != 0 && v[i]-v[i] == 0 {
				return fmt.Errorf("filterbank: map filterbank gave %v for the finite input %v at channel %d, frame %d of the block: the function must give finite values", y, v[i], lo+i, fr)
			}
		}
	}
	return nil
}

// Map returns a filterbank applying f to every sample of src, channel by
// channel (the common case of Brian Hears' FunctionFilterbank, e.g.
// Map(bank, RectifyCubeRoot)). A NaN or infinite value that f gives for a
// finite input is an error naming the channel and frame (a NaN input, which
// an upstream bank had to produce, passes through f unchecked).
func Map(src sound.Source, f func(float64) float64) (*Bank, error) {
	if src == nil {
		return nil, errors.New("filterbank: map filterbank: nil source")
	}
	k, err := NewMapKernel(src.NumChannels(), f)
	if err != nil {
		return nil, err
	}
	return NewBank1(k, src, src.NumChannels())
}

// RectifyCubeRoot is half-wave rectification followed by cube-root
// compression, max(v, 0)^(1/3): the classic inner-hair-cell nonlinearity of
// the Brian Hears cochleagram example (units: input unit^(1/3)). NaN gives
// NaN. The cube root is within 8 ulp of the exact value (math.Cbrt is within
// 1 ulp but about 10× slower than the vectorised form of this one, which
// HalfWaveCubeRoot uses and which gives bit-identical results).
func RectifyCubeRoot(v float64) float64 {
	switch {
	case v >= 0x1p-900 && v <= 0x1p900:
		return cubeRootCore(v)
	case v > 0 && v < 0x1p-900: // scale by 2^300, exactly, into the core's range
		return cubeRootCore(v*0x1p300) * 0x1p-100
	case v > 0x1p900 && v <= math.MaxFloat64:
		return cubeRootCore(v*0x1p-300) * 0x1p100
	case v > 0 || math.IsNaN(v): // +Inf, NaN
		return v
	}
	return 0
}

// cbrtMagic is the bit pattern that turns a third of the bits of v into a
// first guess of v^(-1/3) within 3.7% for every normal v (found by search).
const cbrtMagic = 0x553f000000000000

// cubeRootCore returns v^(1/3) for v in [2^-900, 2^900]: a bit-pattern guess
// of r = v^(-1/3), four division-free Newton steps r ← r(4 - v r³)/3
// (3.7% → 3e-3 → 2e-5 → 8e-10 → rounding), then v^(1/3) = v r². This is
// written out operation by operation as function_amd64.s computes it
// (float64 conversions forbid fused multiply-add), so both agree bit for bit.
func cubeRootCore(v float64) float64 {
	const third = 1.0 / 3
	q := int64(float64(int64(math.Float64bits(v))) * third)
	r := math.Float64frombits(uint64(cbrtMagic - q))
	for range 4 {
		t := float64(float64(r*r) * r)
		t = 4 - float64(t*v)
		r = float64(float64(r*t) * third)
	}
	return float64(float64(v*r) * r)
}

// HalfWaveCubeRoot returns a bank applying RectifyCubeRoot to every sample
// of src: the same results as Map(src, RectifyCubeRoot), computed 8 samples
// at a time with AVX-512 where the CPU has it (about 10× faster).
func HalfWaveCubeRoot(src sound.Source) (*Bank, error) {
	if src == nil {
		return nil, errors.New("filterbank: half-wave cube root: nil source")
	}
	k, err := NewMapKernel(src.NumChannels(), RectifyCubeRoot)
	if err != nil {
		return nil, err
	}
	k.block = rectifyCubeRootBlock
	return NewBank1(k, src, src.NumChannels())
}
