package sound

import (
	"fmt"
	"math"

	"gonum.org/v1/gonum/dsp/fourier"
)

// DefaultFractionalFilterLength is the windowed-sinc length, in taps, that
// ShiftedFractional uses when given 0 (Brian Hears' filter_length default).
const DefaultFractionalFilterLength = 2048

// ShiftedFractional returns s delayed by delay seconds, including the
// fraction of a sample, as Brian Hears' shifted(delay, fractional=True):
// d = delay·rate splits into a whole part (toward zero) and a fraction f;
// each channel is convolved with the Hamming-windowed sinc
// h[k] = (0.54 - 0.46·cos(2π(k-f+0.5)/L))·sinc(k-f-L/2), k = 0..L-1, the full
// convolution is cut to [L/2, L/2+N-1) (so the result is one sample shorter
// than s, as in Brian Hears), and then shifted by the whole part. The output
// has N-1+whole frames (fewer if the whole part is negative).
//
// filterLength (taps; 0 for DefaultFractionalFilterLength) trades speed for
// accuracy: 2048 is accurate above about 20 Hz. A fraction within 1e-10 of
// a whole number uses an exact unit impulse (brian2hears then yields silence
// for fractions near ±1; this rounds them instead).
func (s *Sound) ShiftedFractional(delay float64, filterLength int) (*Sound, error) {
	if math.IsNaN(delay) || math.IsInf(delay, 0) || math.Abs(delay*s.rate) > maxFrames {
		return nil, fmt.Errorf("sound: fractional delay must be finite and shorter than %d frames, got %v s", int64(maxFrames), delay)
	}
	if filterLength == 0 {
		filterLength = DefaultFractionalFilterLength
	}
	if filterLength < 2 || filterLength > 1<<20 {
		return nil, fmt.Errorf("sound: fractional delay filter length must be in [2, %d] taps, got %d", 1<<20, filterLength)
	}
	d := delay * s.rate
	whole := int(d) // toward zero, as brian2hears
	frac := d - float64(whole)
	L := filterLength
	c := L / 2
	h := make([]float64, L)
	if r := math.Round(frac); math.Abs(r-frac) < 1e-10 {
		if k := c + int(r); k >= 0 && k < L {
			h[k] = 1
		}
	} else {
		for k := range L {
			x := float64(k) - frac
			a := math.Pi * (x - float64(c))
			win := 0.54 - 0.46*math.Cos(2.0*math.Pi*(x+0.5)/float64(L))
			h[k] = win * (math.Sin(a) / a)
		}
	}
	n, nc := s.NumFrames(), s.channels
	m := max(n-1, 0)
	out := make([]float64, m*nc)
	x := make([]float64, n)
	y := make([]float64, m)
	for ch := range nc {
		for f := range n {
			x[f] = s.data[f*nc+ch]
		}
		convolveRange(y, h, x, c)
		for f, v := range y {
			out[f*nc+ch] = v
		}
	}
	return s.derive(out, nc).ShiftedFrames(whole)
}

// convolveRange sets y[i] = (h*x)[off+i], the full linear convolution of h
// and x (zero outside) from index off. Short problems are summed directly;
// long ones use FFT overlap-add with gonum's real FFT.
func convolveRange(y, h, x []float64, off int) {
	L, n := len(h), len(x)
	if len(y) == 0 {
		return
	}
	if int64(len(y))*int64(L) <= 1<<22 {
		for i := range y {
			t := off + i
			k0, k1 := max(0, t-n+1), min(L-1, t)
			a := 0.0
			for k := k0; k <= k1; k++ {
				a += h[k] * x[t-k]
			}
			y[i] = a
		}
		return
	}
	// Overlap-add: blocks of B input samples, FFT size N ≥ B+L-1.
	N := 1
	for N < 4*L {
		N <<= 1
	}
	B := N - L + 1
	fft := fourier.NewFFT(N)
	hb := make([]float64, N)
	copy(hb, h)
	H := fft.Coefficients(nil, hb)
	buf := make([]float64, N)
	var X []complex128
	clear(y)
	for start := 0; start < n; start += B {
		clear(buf)
		copy(buf, x[start:min(start+B, n)])
		X = fft.Coefficients(X, buf)
		for k := range X {
			X[k] *= H[k]
		}
		fft.Sequence(buf, X)
		// buf[j] contributes to full index start+j, i.e. y[start+j-off].
		for j, v := range buf {
			i := start + j - off
			if i >= 0 && i < len(y) {
				y[i] += v / float64(N)
			}
		}
	}
}
