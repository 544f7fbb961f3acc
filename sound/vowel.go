package sound

import (
	"fmt"
	"math"
	"math/cmplx"
	"strings"

	"gonum.org/v1/gonum/dsp/fourier"
)

// VowelFormants holds the formant frequencies (Hz) of the vowels Vowel knows,
// from Slaney's Auditory Toolbox MakeVowel (as brian2hears uses them).
var VowelFormants = map[string][]float64{
	"a": {730, 1090, 2440},
	"i": {270, 2290, 3010},
	"u": {300, 870, 2240},
}

// Vowel returns an artificial vowel ("a", "i" or "u", also written "/a/")
// with the given pitch (Hz) and duration (s), peak-normalised to 1: the
// source-filter model of Slaney and Duda's MakeVowel (Auditory Toolbox), as
// brian2hears' vowel. Options: WithRate, WithChannels, WithFrames.
func Vowel(vowel string, pitch, duration float64, opts ...Option) (*Sound, error) {
	f, ok := VowelFormants[strings.Trim(strings.ToLower(vowel), "/")]
	if !ok {
		return nil, fmt.Errorf("sound: unknown vowel %q (want a, i or u, or use VowelFrom with formants)", vowel)
	}
	return VowelFrom(f, pitch, duration, opts...)
}

// VowelFrom returns an artificial vowel with the given formant frequencies
// (Hz, each resonance 50 Hz wide), pitch (Hz) and duration (s),
// peak-normalised to 1. The glottal source is a train of impulses every
// rate/pitch samples (each split linearly between the two neighbouring
// samples) through 1/(1 - a²z⁻²), a = exp(-2π·250 Hz/rate); each formant is a
// two-pole resonator with unit gain at DC. Options: WithRate, WithChannels,
// WithFrames.
func VowelFrom(formants []float64, pitch, duration float64, opts ...Option) (*Sound, error) {
	c, n, err := config(duration, opts)
	if err != nil {
		return nil, err
	}
	if len(formants) == 0 {
		return nil, fmt.Errorf("sound: a vowel needs at least one formant")
	}
	if !(pitch > 0) || math.IsInf(pitch, 0) {
		return nil, fmt.Errorf("sound: pitch must be a positive finite frequency in Hz, got %v", pitch)
	}
	for i, f := range formants {
		if !(f > 0) || f >= c.rate/2 {
			return nil, fmt.Errorf("sound: formant %d is %v Hz, outside (0, %v) Hz", i, f, c.rate/2)
		}
	}
	y := make([]float64, n)
	step := c.rate / pitch
	// numpy.arange(0, n-1, step): ceil((n-1)/step) points i·step.
	if n >= 2 {
		np := int(math.Ceil(float64(n-1) / step))
		for i := range np {
			p := float64(i) * step
			k := int(math.Floor(p))
			y[k] = float64(k+1) - p
			if k+1 < n {
				y[k+1] = p - float64(k)
			}
		}
	}
	a := math.Exp(-250. * 2 * math.Pi / c.rate)
	lfilter2([3]float64{1, 0, 0}, [3]float64{1, 0, -a * a}, y)
	const bandwidth = 50.
	for _, f := range formants {
		cft := f / c.rate
		q := f / bandwidth
		rho := math.Exp(-math.Pi * cft / q)
		theta := 2 * math.Pi * cft * math.Sqrt(1-1/(4.0*q*q))
		a2 := -2 * rho * math.Cos(theta)
		a3 := rho * rho
		lfilter2([3]float64{1 + a2 + a3, 0, 0}, [3]float64{1, a2, a3}, y)
	}
	peak := 0.0
	for _, v := range y {
		peak = max(peak, math.Abs(v))
	}
	nc := c.channels
	data := make([]float64, n*nc)
	for f, v := range y {
		if peak > 0 {
			v /= peak
		}
		for ch := range nc {
			data[f*nc+ch] = v
		}
	}
	return New(data, nc, c.rate)
}

// lfilter2 filters x in place with the second-order section b/a (a[0] = 1)
// in transposed direct form II, in scipy.signal.lfilter's evaluation order.
func lfilter2(b, a [3]float64, x []float64) {
	var z0, z1 float64
	for i, v := range x {
		y := b[0]*v + z0
		z0 = b[1]*v + z1 - a[1]*y
		z1 = b[2]*v - a[2]*y
		x[i] = y
	}
}

// IRNS returns iterated rippled noise made by add-same iterations (IRNS,
// Yost 1996): starting from Gaussian white noise x, niter times
// y ← y + gain·y(t - delay). Its spectrum is X(f)·(1 + gain·e^{-2πifd})^niter,
// which ripples with peaks at multiples of 1/delay (the pitch). The delay (s)
// may be fractional; it is applied as a phase shift in the frequency domain,
// so the noise wraps around circularly as in brian2hears. brian2hears' irns
// instead compounds its binomial terms in place (a bug); this is the textbook
// form. Options: WithRate, WithChannels (independent), WithFrames, WithSeed.
func IRNS(delay, gain float64, niter int, duration float64, opts ...Option) (*Sound, error) {
	return irn(delay, gain, niter, duration, true, opts)
}

// IRNO returns iterated rippled noise made by add-original iterations (IRNO,
// Yost 1996): y = x + Σ_{k=1..niter} gain^k·x(t - k·delay), spectrum
// X(f)·(1 + Σ gain^k e^{-2πifkd}), from Gaussian white noise x. See IRNS for
// delay handling and options. brian2hears' irno cascades (1 + g^k e^{-iwkd})
// factors, which is neither form; this is the textbook one.
func IRNO(delay, gain float64, niter int, duration float64, opts ...Option) (*Sound, error) {
	return irn(delay, gain, niter, duration, false, opts)
}

// maxIRNIterations bounds the iterations of IRNS and IRNO (Yost's stimuli
// use up to a few tens); IRNO's cost grows with it.
const maxIRNIterations = 1 << 12

func irn(delay, gain float64, niter int, duration float64, same bool, opts []Option) (*Sound, error) {
	if !(delay > 0) || math.IsInf(delay, 0) {
		return nil, fmt.Errorf("sound: IRN delay must be a positive finite number of seconds, got %v", delay)
	}
	if err := finite("IRN gain", gain); err != nil {
		return nil, err
	}
	if niter < 0 || niter > maxIRNIterations {
		return nil, fmt.Errorf("sound: IRN iteration count must be from 0 to %d, got %d", maxIRNIterations, niter)
	}
	noise, err := WhiteNoise(duration, opts...)
	if err != nil {
		return nil, err
	}
	n, nc := noise.NumFrames(), noise.channels
	if n == 0 {
		return noise, nil
	}
	fft := fourier.NewFFT(n)
	resp := make([]complex128, n/2+1)
	for k := range resp {
		w := 2 * math.Pi * float64(k) * noise.rate / float64(n) * delay
		if same {
			resp[k] = cmplx.Pow(1+complex(gain, 0)*cmplx.Exp(complex(0, -w)), complex(float64(niter), 0))
		} else {
			s, g := complex(1, 0), 1.0
			for i := 1; i <= niter; i++ {
				g *= gain
				s += complex(g, 0) * cmplx.Exp(complex(0, -w*float64(i)))
			}
			resp[k] = s
		}
		if n%2 == 0 && k == n/2 {
			resp[k] = complex(real(resp[k]), 0) // keep the signal real
		}
		if cmplx.IsInf(resp[k]) || cmplx.IsNaN(resp[k]) {
			return nil, fmt.Errorf("sound: IRN with gain %v and %d iterations overflows (the ripple grows as (1+|gain|)^niter): lower the gain or the iteration count", gain, niter)
		}
	}
	x := make([]float64, n)
	var coeff []complex128
	for ch := range nc {
		for f := range n {
			x[f] = noise.data[f*nc+ch]
		}
		coeff = fft.Coefficients(coeff, x)
		for k := range coeff {
			coeff[k] *= resp[k]
		}
		fft.Sequence(x, coeff)
		for f := range n {
			v := x[f] / float64(n)
			if math.IsNaN(v) || math.IsInf(v, 0) {
				return nil, fmt.Errorf("sound: IRN with gain %v and %d iterations overflows (the ripple grows as (1+|gain|)^niter): lower the gain or the iteration count", gain, niter)
			}
			noise.data[f*nc+ch] = v
		}
	}
	return noise, nil
}
