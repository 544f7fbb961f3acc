package filterbank

import (
	"errors"
	"fmt"
	"math"

	"github.com/gohears/hears/sound"
)

// elementwise is the plumbing shared by the kernels of this file: they
// combine their sources sample by sample, each source having the bank's
// channel count or one channel (read for every channel, not replicated).
type elementwise struct{ nc int }

// NumChannels implements Kernel.
func (e elementwise) NumChannels() int { return e.nc }

// Reset implements Kernel (no state).
func (e elementwise) Reset() {}

// TakesMono implements MonoInput: a mono source is read for every channel.
func (e elementwise) TakesMono(int) bool { return true }

// at returns sample c of frame f of a block that has nc channels or one.
func at(blk []float64, mono bool, f, c, nc int) float64 {
	if mono {
		return blk[f]
	}
	return blk[f*nc+c]
}

// commonChannels returns the channel count of a bank combining sources: the
// widest source's; every other source must match it or be mono.
func commonChannels(sources []sound.Source) (int, []int, error) {
	if len(sources) == 0 {
		return 0, nil, errors.New("filterbank: no sources to combine")
	}
	nc := 0
	for s, src := range sources {
		if src == nil {
			return 0, nil, fmt.Errorf("filterbank: source %d is nil", s)
		}
		nc = max(nc, src.NumChannels())
	}
	inCh := make([]int, len(sources))
	for s, src := range sources {
		if n := src.NumChannels(); n != nc && n != 1 {
			return 0, nil, fmt.Errorf("filterbank: source %d has %d channels, another has %d (combined sources need equal channel counts, or 1)", s, n, nc)
		}
		inCh[s] = nc
	}
	return nc, inCh, nil
}

// SumKernel computes Σ_k weights[k]·in[k] sample by sample, in source
// order from zero (brian2hears' SumFilterbank: sum(input*w for ...)).
type SumKernel struct {
	elementwise
	weights []float64
}

// Weights returns the weights.
func (k *SumKernel) Weights() []float64 { return append([]float64(nil), k.weights...) }

// Process implements Kernel.
func (k *SumKernel) Process(out []float64, in [][]float64, frames int) error {
	nc := k.nc
	out = out[:frames*nc]
	clear(out) // 0 + w·x as Python's sum starts from 0
	for s, blk := range in {
		w := k.weights[s]
		if len(blk) == frames && nc > 1 {
			for f := range frames {
				v := blk[f] * w
				row := out[f*nc : (f+1)*nc]
				for c := range row {
					row[c] += v
				}
			}
			continue
		}
		blk = blk[:len(out)]
		for i, v := range blk {
			out[i] += v * w
		}
	}
	return nil
}

// Sum is brian2hears' SumFilterbank: the weighted sum of its sources,
// Σ_k weights[k]·sources[k], sample by sample. weights nil means all ones.
// Sources need equal channel counts; a mono source is read for every channel.
func Sum(sources []sound.Source, weights []float64) (*Bank, error) {
	if err := checkSumMemory(len(sources)); err != nil {
		return nil, err
	}
	nc, inCh, err := commonChannels(sources)
	if err != nil {
		return nil, err
	}
	if weights == nil {
		weights = make([]float64, len(sources))
		for i := range weights {
			weights[i] = 1
		}
	}
	if len(weights) != len(sources) {
		return nil, fmt.Errorf("filterbank: %d weights for %d sources", len(weights), len(sources))
	}
	for i, w := range weights {
		if math.IsNaN(w) || math.IsInf(w, 0) {
			return nil, fmt.Errorf("filterbank: weight %d is %v", i, w)
		}
	}
	k := &SumKernel{elementwise{nc}, append([]float64(nil), weights...)}
	return NewBank(k, sources, inCh)
}

// arithOp is an element-wise operation between two banks or a bank and a
// scalar.
type arithOp int

const (
	opAdd arithOp = iota
	opSub
	opMul
	opDiv
	opScale     // x·k
	opOffset    // x+k
	opDivScalar // x/k
	opScalarSub // k-x
	opScalarDiv // k/x
)

// ArithKernel applies one arithmetic operation element by element, between
// two sources or between a source and a constant.
type ArithKernel struct {
	elementwise
	op arithOp
	k  float64
}

// Process implements Kernel.
func (a *ArithKernel) Process(out []float64, in [][]float64, frames int) error {
	nc := a.nc
	out = out[:frames*nc]
	x := in[0]
	xm := len(x) == frames && nc > 1
	if len(in) == 2 {
		y := in[1]
		ym := len(y) == frames && nc > 1
		for f := range frames {
			for c := range nc {
				u, v := at(x, xm, f, c, nc), at(y, ym, f, c, nc)
				var r float64
				switch a.op {
				case opAdd:
					r = u + v
				case opSub:
					r = u - v
				case opMul:
					r = u * v
				default:
					r = u / v
				}
				out[f*nc+c] = r
			}
		}
		return nil
	}
	k := a.k
	for f := range frames {
		for c := range nc {
			u := at(x, xm, f, c, nc)
			var r float64
			switch a.op {
			case opScale:
				r = u * k
			case opOffset:
				r = u + k
			case opDivScalar:
				r = u / k
			case opScalarSub:
				r = k - u
			default:
				r = k / u
			}
			out[f*nc+c] = r
		}
	}
	return nil
}

func binary(a, b sound.Source, op arithOp) (*Bank, error) {
	srcs := []sound.Source{a, b}
	nc, inCh, err := commonChannels(srcs)
	if err != nil {
		return nil, err
	}
	return NewBank(&ArithKernel{elementwise: elementwise{nc}, op: op}, srcs, inCh)
}

func scalar(a sound.Source, k float64, op arithOp) (*Bank, error) {
	if a == nil {
		return nil, errors.New("filterbank: source is nil")
	}
	if math.IsNaN(k) {
		return nil, errors.New("filterbank: scalar operand is NaN")
	}
	nc := a.NumChannels()
	return NewBank1(&ArithKernel{elementwise: elementwise{nc}, op: op, k: k}, a, nc)
}

// Add is a + b sample by sample (brian2hears' fb1 + fb2). The sources need
// equal channel counts; a mono one is read for every channel.
func Add(a, b sound.Source) (*Bank, error) { return binary(a, b, opAdd) }

// Sub is a − b sample by sample (brian2hears' fb1 - fb2).
func Sub(a, b sound.Source) (*Bank, error) { return binary(a, b, opSub) }

// Mul is a × b sample by sample (brian2hears' fb1 * fb2).
func Mul(a, b sound.Source) (*Bank, error) { return binary(a, b, opMul) }

// Div is a ÷ b sample by sample (brian2hears' fb1 / fb2); division by zero
// gives ±Inf or NaN as IEEE 754 says.
func Div(a, b sound.Source) (*Bank, error) { return binary(a, b, opDiv) }

// Scale is a × k (brian2hears' fb * k), k in the reciprocal of a's unit
// times the wanted unit.
func Scale(a sound.Source, k float64) (*Bank, error) { return scalar(a, k, opScale) }

// Offset is a + k (brian2hears' fb + k; use Offset(a, -k) for fb - k, which
// IEEE 754 computes identically), k in a's unit.
func Offset(a sound.Source, k float64) (*Bank, error) { return scalar(a, k, opOffset) }

// DivScalar is a ÷ k (brian2hears' fb / k).
func DivScalar(a sound.Source, k float64) (*Bank, error) { return scalar(a, k, opDivScalar) }

// ScalarSub is k − a (brian2hears' k - fb).
func ScalarSub(k float64, a sound.Source) (*Bank, error) { return scalar(a, k, opScalarSub) }

// ScalarDiv is k ÷ a (brian2hears' k / fb).
func ScalarDiv(k float64, a sound.Source) (*Bank, error) { return scalar(a, k, opScalarDiv) }
