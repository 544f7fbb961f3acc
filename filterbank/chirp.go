package filterbank

import (
	"errors"
	"fmt"
	"math"

	"github.com/gohears/hears/sound"
)

// chirpParams broadcasts the per-channel parameters of the chirp banks
// (slices of length 1 apply to every channel) and validates them.
func chirpParams(name string, f, c, timeConstant, phase []float64) (cc, tau, ph []float64, err error) {
	n := len(f)
	if n == 0 {
		return nil, nil, nil, fmt.Errorf("filterbank: %s needs at least one frequency", name)
	}
	bc := func(what string, v []float64, def float64) ([]float64, error) {
		if len(v) == 0 {
			v = []float64{def}
		}
		v, err := expandChannels(name+" "+what, v, n)
		if err != nil {
			return nil, err
		}
		return v, checkFinite(name+" "+what, v)
	}
	if _, err = bc("f", f, 0); err != nil {
		return
	}
	if cc, err = bc("c", c, 1); err != nil {
		return
	}
	if len(timeConstant) == 0 {
		return nil, nil, nil, fmt.Errorf("filterbank: %s needs a time constant", name)
	}
	if tau, err = bc("time_constant", timeConstant, 0); err != nil {
		return
	}
	for i, t := range tau {
		if !(t > 0) {
			return nil, nil, nil, fmt.Errorf("filterbank: %s time_constant[%d] must be positive seconds, got %v", name, i, t)
		}
	}
	ph, err = bc("phase", phase, 0)
	return
}

// arange reproduces numpy.arange(start, stop, step) for floats, element for
// element: length ceil((stop-start)/step), element 1 is start+step and
// element i ≥ 2 is start + i·((start+step)-start).
func arange(start, stop, step float64) []float64 {
	n := int(math.Ceil((stop - start) / step))
	if n <= 0 {
		return nil
	}
	t := make([]float64, n)
	t[0] = start
	if n > 1 {
		t[1] = start + step
		d := t[1] - t[0]
		for i := 2; i < n; i++ {
			t[i] = start + float64(i)*d
		}
	}
	return t
}

// maxChirpTaps bounds the impulse response length of the chirp banks.
const maxChirpTaps = 1 << 24

func chirpTime(name string, rate, start, stop float64) ([]float64, error) {
	if n := (stop - start) * rate; n > maxChirpTaps {
		return nil, fmt.Errorf("filterbank: %s impulse responses would have %.0f taps (time constant too long for %g Hz)", name, n, rate)
	}
	t := arange(start, stop, 1/rate)
	if len(t) == 0 {
		return nil, errors.New("filterbank: " + name + " impulse response is empty")
	}
	return t, nil
}

// LinearGammachirpResponses returns the impulse responses of
// LinearGammachirp at rate Hz (one per frequency, all the same length).
func LinearGammachirpResponses(rate float64, f, c, timeConstant, phase []float64) ([][]float64, error) {
	return chirpResponses(chirpShape{
		name: "LinearGammachirp", before: 3, after: -4, normName: "sum |h|",
		envelope: func(ti, tStart, tau float64) float64 {
			u := ti - tStart
			return math.Pow(u, 3) * math.Exp(-u/tau)
		},
		norm: func(h []float64) float64 {
			sum := 0.0
			for _, v := range h {
				sum += math.Abs(v)
			}
			return sum
		},
	}, rate, f, c, timeConstant, phase)
}

// chirpShape is what tells the two linear chirps apart.
type chirpShape struct {
	name string
	// The responses span t from tStart = -before·max σ to after·tStart.
	before, after float64
	envelope      func(t, tStart, tau float64) float64
	norm          func(h []float64) float64 // each response is divided by it
	normName      string
}

// chirpResponses computes envelope(t)·cos(2π(f·t + c/2·t²) + φ) per channel,
// normalised by norm, after validating the parameters and the sizes.
func chirpResponses(sh chirpShape, rate float64, f, c, timeConstant, phase []float64) ([][]float64, error) {
	c, tau, ph, err := chirpParams(sh.name, f, c, timeConstant, phase)
	if err != nil {
		return nil, err
	}
	if !(rate > 0) || math.IsInf(rate, 0) {
		return nil, fmt.Errorf("filterbank: %s sample rate %v Hz", sh.name, rate)
	}
	tmax := tau[0]
	for _, v := range tau {
		tmax = max(tmax, v)
	}
	tStart := -tmax * sh.before
	t, err := chirpTime(sh.name, rate, tStart, sh.after*tStart)
	if err != nil {
		return nil, err
	}
	if err := checkSize(sh.name+" impulse responses (channels × taps)", len(f), len(t)); err != nil {
		return nil, err
	}
	// The responses feed a FIR bank: refuse before computing them if that
	// bank could not be held (worst case: a mono input, FFT convolution).
	if err := checkFIRMemory(len(f), len(f), len(t), worstFFTSize(len(t))); err != nil {
		return nil, fmt.Errorf("filterbank: %s: %w", sh.name, err)
	}
	irs := make([][]float64, len(f))
	for ch := range irs {
		h := make([]float64, len(t))
		for i, ti := range t {
			h[i] = sh.envelope(ti, tStart, tau[ch]) * math.Cos(2*math.Pi*(f[ch]*ti+c[ch]/2*(ti*ti))+ph[ch])
		}
		n := sh.norm(h)
		if !(n > 0) || math.IsInf(n, 0) {
			return nil, fmt.Errorf("filterbank: %s channel %d impulse response cannot be normalised (%s = %v)", sh.name, ch, sh.normName, n)
		}
		for i := range h {
			h[i] /= n
		}
		irs[ch] = h
	}
	return irs, nil
}

// LinearGammachirp is brian2hears' LinearGammachirp: FIR gammachirps with a
// linear frequency sweep and a gamma envelope (Wagner et al. 2009, J.
// Neurophysiol. 101:1296). As in brian2hears, the response is sampled at
// times t = -3·max σ … 12·max σ and
//
//	IR(t) = (t + 3·max σ)³·exp(-(t + 3·max σ)/σ)·cos(2π(f·t + c/2·t²) + φ):
//
// the envelope starts with the response, while the carrier's clock starts at
// -3·max σ, so f (Hz, one per channel) is the instantaneous frequency f + c·t
// at t = 0, 3·max σ after the response begins, and the response begins at
// f - 3·max σ·c. c are the glide slopes (Hz/s), timeConstant σ (s) and
// phase φ (rad); c, timeConstant and phase take one value for all channels
// or one per channel (c empty means brian2hears' default 1 Hz/s, phase empty
// 0). The responses, at src's sample rate, are normalised to Σ|IR| = 1;
// ImpulseResponses exposes them.
func LinearGammachirp(src sound.Source, f, c, timeConstant, phase []float64) (*FIRBank, error) {
	if src == nil {
		return nil, errors.New("filterbank: LinearGammachirp source is nil")
	}
	irs, err := LinearGammachirpResponses(src.SampleRate(), f, c, timeConstant, phase)
	if err != nil {
		return nil, err
	}
	return tuned[*FIRBank](f)(FIR(src, irs))
}

// LinearGaborchirpResponses returns the impulse responses of
// LinearGaborchirp at rate Hz (one per frequency, all the same length).
func LinearGaborchirpResponses(rate float64, f, c, timeConstant, phase []float64) ([][]float64, error) {
	return chirpResponses(chirpShape{
		name: "LinearGaborchirp", before: 6, after: -1, normName: "norm",
		envelope: func(ti, _, tau float64) float64 {
			a := ti / (2 * tau)
			return math.Exp(-(a * a))
		},
		norm: func(h []float64) float64 {
			ss := 0.0
			for _, v := range h {
				ss += v * v
			}
			return math.Sqrt(ss)
		},
	}, rate, f, c, timeConstant, phase)
}

// LinearGaborchirp is brian2hears' LinearGaborchirp: FIR chirps with a
// linear frequency sweep and a Gaussian envelope (Wagner et al. 2009),
// IR(t) = exp(-(t/(2σ))²)·cos(2π(f·t + c/2·t²) + φ). Parameters as for
// LinearGammachirp. The responses span t = -6·max σ … 6·max σ at src's
// sample rate and are normalised to unit L2 norm; ImpulseResponses exposes
// them.
func LinearGaborchirp(src sound.Source, f, c, timeConstant, phase []float64) (*FIRBank, error) {
	if src == nil {
		return nil, errors.New("filterbank: LinearGaborchirp source is nil")
	}
	irs, err := LinearGaborchirpResponses(src.SampleRate(), f, c, timeConstant, phase)
	if err != nil {
		return nil, err
	}
	return tuned[*FIRBank](f)(FIR(src, irs))
}
