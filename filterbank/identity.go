package filterbank

import (
	"errors"

	"github.com/gohears/hears/sound"
)

// IdentityKernel copies its input to its output (brian2hears'
// DoNothingFilterbank).
type IdentityKernel struct{ nc int }

// NumChannels implements Kernel.
func (k IdentityKernel) NumChannels() int { return k.nc }

// Reset implements Kernel (no state).
func (k IdentityKernel) Reset() {}

// Process implements Kernel.
func (k IdentityKernel) Process(out []float64, in [][]float64, frames int) error {
	copy(out[:frames*k.nc], in[0])
	return nil
}

// Identity is a bank that passes src through unchanged (brian2hears'
// DoNothingFilterbank): a fixed point in a graph whose source can be swapped
// with SetSource (a mono replacement is replicated to src's channel count).
func Identity(src sound.Source) (*Bank, error) {
	if src == nil {
		return nil, errors.New("filterbank: Identity source is nil")
	}
	n := src.NumChannels()
	return NewBank1(IdentityKernel{n}, src, n)
}
