// Package measure holds the few signal measurements that the example ports
// print and that their tests assert on: the frequency at which a filter
// output rings, the gain of an impulse response at a frequency, envelope
// peaks. They are written out here (a DTFT at one frequency, a zero-crossing
// count) because they are one-line formulas, clearer to a reader checking a
// test than a call into an FFT library.
package measure

import (
	"errors"
	"math"
	"math/cmplx"
)

// Column returns channel c of frame-major data with channels channels.
func Column(data []float64, channels, c int) []float64 {
	n := len(data) / channels
	out := make([]float64, n)
	for f := range out {
		out[f] = data[f*channels+c]
	}
	return out
}

// ZeroCrossingRate returns the frequency, in Hz, estimated from the number
// of upward zero crossings of x (sampled at rate Hz) between the first and
// the last one: for a narrow-band signal this is its centre frequency.
// It returns 0 when x crosses zero upwards fewer than twice.
func ZeroCrossingRate(x []float64, rate float64) float64 {
	first, last, n := -1.0, -1.0, 0
	for k := 1; k < len(x); k++ {
		if x[k-1] < 0 && x[k] >= 0 {
			// Linear interpolation of the crossing instant.
			t := float64(k-1) + x[k-1]/(x[k-1]-x[k])
			if first < 0 {
				first = t
			}
			last = t
			n++
		}
	}
	if n < 2 {
		return 0
	}
	return float64(n-1) * rate / (last - first)
}

// Response returns the complex frequency response Σ h[k] e^{-2πi f k/rate}
// of the impulse response h (sampled at rate Hz) at f Hz.
func Response(h []float64, rate, f float64) complex128 {
	// The phasor e^{-iωk} is advanced by rotation, renormalised every 256
	// steps so that rounding does not accumulate.
	w := -2 * math.Pi * f / rate
	step := cmplx.Exp(complex(0, w))
	z := complex(1, 0)
	var s complex128
	for k, v := range h {
		if k%256 == 0 {
			z = cmplx.Exp(complex(0, w*float64(k)))
		}
		s += complex(v, 0) * z
		z *= step
	}
	return s
}

// GainDB returns the gain, in dB, of the impulse response h (at rate Hz) at
// f Hz.
func GainDB(h []float64, rate, f float64) float64 {
	return 20 * math.Log10(cmplx.Abs(Response(h, rate, f)))
}

// GainCurve returns the gain, in dB, of the impulse response h (at rate Hz)
// at each of freqs (Hz), floored at floor dB so that notches plot.
func GainCurve(h []float64, rate float64, freqs []float64, floor float64) []float64 {
	g := make([]float64, len(freqs))
	for k, f := range freqs {
		g[k] = max(GainDB(h, rate, f), floor)
	}
	return g
}

// BestFrequency returns the frequency in [lo, hi] Hz, searched on a grid of
// step Hz, where the impulse response h (at rate Hz) has the most gain.
func BestFrequency(h []float64, rate, lo, hi, step float64) (float64, error) {
	if !(hi >= lo) || !(step > 0) {
		return 0, errors.New("measure: empty frequency range")
	}
	best, bestG := lo, math.Inf(-1)
	for f := lo; f <= hi; f += step {
		if g := cmplx.Abs(Response(h, rate, f)); g > bestG {
			best, bestG = f, g
		}
	}
	return best, nil
}

// RMS returns the root mean square of x.
func RMS(x []float64) float64 {
	if len(x) == 0 {
		return 0
	}
	s := 0.0
	for _, v := range x {
		s += v * v
	}
	return math.Sqrt(s / float64(len(x)))
}

// ArgMaxAbs returns the index of the largest |x[k]|.
func ArgMaxAbs(x []float64) int {
	best := 0
	for k, v := range x {
		if math.Abs(v) > math.Abs(x[best]) {
			best = k
		}
	}
	return best
}

// ArgMax returns the index of the largest x[k].
func ArgMax(x []float64) int {
	best := 0
	for k, v := range x {
		if v > x[best] {
			best = k
		}
	}
	return best
}

// EnvelopePeak returns the position, in samples, of the peak of the
// envelope of the oscillating signal x: the largest of the peaks of |x|
// (one per half cycle of the carrier), refined by the parabola through it
// and its two neighbouring peaks, so the answer does not snap to where the
// carrier's peaks happen to fall. It returns -1 when x has no peak.
func EnvelopePeak(x []float64) float64 {
	var at []int
	for k := 1; k+1 < len(x); k++ {
		a := math.Abs(x[k])
		if a >= math.Abs(x[k-1]) && a > math.Abs(x[k+1]) {
			at = append(at, k)
		}
	}
	if len(at) == 0 {
		return -1
	}
	best := 0
	for i, k := range at {
		if math.Abs(x[k]) > math.Abs(x[at[best]]) {
			best = i
		}
	}
	if best == 0 || best == len(at)-1 {
		return float64(at[best])
	}
	// Vertex of the parabola through three (t, v) points.
	t0, t1, t2 := float64(at[best-1]), float64(at[best]), float64(at[best+1])
	v0, v1, v2 := math.Abs(x[at[best-1]]), math.Abs(x[at[best]]), math.Abs(x[at[best+1]])
	num := (t1-t0)*(t1-t0)*(v1-v2) - (t1-t2)*(t1-t2)*(v1-v0)
	den := (t1-t0)*(v1-v2) - (t1-t2)*(v1-v0)
	if den == 0 {
		return t1
	}
	return t1 - num/(2*den)
}
