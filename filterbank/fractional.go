package filterbank

import (
	"errors"
	"fmt"
	"math"

	"github.com/gohears/hears/sound"
)

// FractionalDelayBank delays each channel by a fraction of a sample with a
// windowed-sinc FIR filter (brian2hears' FractionalDelay).
type FractionalDelayBank struct {
	*FIRBank
	delays       []float64
	delayOffset  float64
	filterLength int
}

// DelayOffset is the global delay added to every channel, in seconds:
// (filter length / 2, rounded down) samples. A channel asked for delay d is
// delayed by DelayOffset()+d.
func (b *FractionalDelayBank) DelayOffset() float64 { return b.delayOffset }

// FilterLength is the impulse response length in taps.
func (b *FractionalDelayBank) FilterLength() int { return b.filterLength }

// Delays returns the requested delays in seconds.
func (b *FractionalDelayBank) Delays() []float64 { return append([]float64(nil), b.delays...) }

// FractionalDelayResponse is brian2hears' fractional_delay_ir: a
// Hamming-windowed sinc of length taps centred on tap taps/2 + delay·rate
// (delay in seconds, rate in Hz). A delay within 1e-10 samples of a whole
// number gives a unit impulse. (brian2hears then compares t-delay with the
// centre tap exactly, which yields an all-zero response when the delay is a
// whole number only to within 1e-10; gohears places the impulse at the
// rounded position instead.) A taps of zero or less gives an empty response
// and a delay·rate that is not finite NaN taps; FractionalDelay rejects both.
func FractionalDelayResponse(delay, rate float64, taps int) []float64 {
	if taps <= 0 {
		return []float64{}
	}
	d := delay * rate
	centre := taps / 2
	h := make([]float64, taps)
	if r := math.RoundToEven(d); math.Abs(r-d) < 1e-10 {
		if i := centre + int(r); i >= 0 && i < taps {
			h[i] = 1
		}
		return h
	}
	for t := range taps {
		x := float64(t) - d
		u := math.Pi * (x - float64(centre))
		sinc := math.Sin(u) / u
		window := 0.54 - 0.46*math.Cos(2.0*math.Pi*(x+0.5)/float64(taps))
		h[t] = window * sinc
	}
	return h
}

// FractionalDelay delays channel k of src (or a mono src, for every channel)
// by DelayOffset()+delays[k] seconds with windowed-sinc FIR filters
// (brian2hears' FractionalDelay). filterLength is the filter length in taps
// (an odd length centres the filter on a whole sample); 0 chooses brian2hears' default, 2·⌊1.25·⌈rate·max|delay|⌉⌋+1
// but at least 2048, which is accurate for signals above about 20 Hz. The
// filter must be longer than twice the largest delay in samples.
func FractionalDelay(src sound.Source, delays []float64, filterLength int) (*FractionalDelayBank, error) {
	if src == nil {
		return nil, errors.New("filterbank: FractionalDelay source is nil")
	}
	if len(delays) == 0 {
		return nil, errors.New("filterbank: FractionalDelay needs at least one delay")
	}
	rate := src.SampleRate()
	dmax := 0.0
	for i, d := range delays {
		if math.IsNaN(d) || math.IsInf(d, 0) {
			return nil, fmt.Errorf("filterbank: FractionalDelay delay %d is %v", i, d)
		}
		dmax = max(dmax, math.Abs(d))
	}
	dmaxInt := math.Ceil(rate * dmax)
	if dmaxInt > maxChirpTaps {
		return nil, fmt.Errorf("filterbank: FractionalDelay delay of %g s is too long", dmax)
	}
	if filterLength == 0 {
		filterLength = max(2*int(dmaxInt*1.25)+1, 2048)
	}
	if filterLength < 0 {
		return nil, fmt.Errorf("filterbank: FractionalDelay filter length %d", filterLength)
	}
	if float64(filterLength)/2 <= dmaxInt {
		return nil, fmt.Errorf("filterbank: FractionalDelay filter length %d is not long enough for a delay of %g samples (need more than %g)", filterLength, rate*dmax, 2*dmaxInt)
	}
	if err := checkSize("FractionalDelay filters (delays × filter length)", len(delays), filterLength); err != nil {
		return nil, err
	}
	irs := make([][]float64, len(delays))
	for i, d := range delays {
		irs[i] = FractionalDelayResponse(d, rate, filterLength)
	}
	fb, err := FIR(src, irs)
	if err != nil {
		return nil, err
	}
	return &FractionalDelayBank{
		FIRBank:      fb,
		delays:       append([]float64(nil), delays...),
		delayOffset:  float64(filterLength/2) / rate,
		filterLength: filterLength,
	}, nil
}
