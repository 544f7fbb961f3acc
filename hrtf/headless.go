package hrtf

import (
	"fmt"
	"math"
)

// SpeedOfSound is the speed of sound in air brian2hears uses, in m/s.
const SpeedOfSound = 343.2

// HeadlessOption configures Headless.
type HeadlessOption func(*headlessConfig)

type headlessConfig struct {
	diameter   float64 // m
	azimuthMax float64 // degrees
	itds       []float64
	fractional bool
}

// HeadlessITDs gives the ITDs in seconds directly (brian2hears' itd=):
// n must be len(itds), and the diameter and azimuth options are unused.
// The directions' Coordinates are then all zero (brian2hears gives such a
// set only the itd coordinate): select them by index or by ITDs().
func HeadlessITDs(itds []float64) HeadlessOption {
	return func(c *headlessConfig) { c.itds = append([]float64(nil), itds...) }
}

// HeadlessFractional sets brian2hears' fractional_itds=True: each ear is
// delayed by ±ITD/2 around a common DelayOffset() with brian2hears'
// FractionalDelay filters (Hamming-windowed sinc, Laakso et al. 1996;
// whole-sample delays are exact impulses), of length 2048 taps or
// 2·int(1.25·ceil(rate·max|ITD/2|))+1 if longer, DelayOffset = (length/2
// rounded down)/rate.
func HeadlessFractional(on bool) HeadlessOption {
	return func(c *headlessConfig) { c.fractional = on }
}

// HeadlessDiameter sets the distance between the two ears in metres
// (default SpeedOfSound·650 µs = 0.22308 m, a largest ITD of 650 µs).
func HeadlessDiameter(m float64) HeadlessOption { return func(c *headlessConfig) { c.diameter = m } }

// HeadlessAzimuthMax sets the largest azimuth in degrees (default 90): the
// n directions are equally spaced from -max to +max.
func HeadlessAzimuthMax(deg float64) HeadlessOption {
	return func(c *headlessConfig) { c.azimuthMax = deg }
}

// Headless is brian2hears' HeadlessDatabase(n).load_subject(): a set of n
// pure interaural delays, no head. Its brian2hears azimuths θ are n values
// equally spaced over [-90°, 90°] and ITD = diameter·sin θ / SpeedOfSound
// (s); the delays are whole samples: the left ear's response is a unit
// impulse at rint(max(ITD, 0)·rate), the right ear's at
// rint(max(-ITD, 0)·rate) (round half to even), all responses as long as
// the largest delay + 1. ITDs() returns the ITDs (positive: the left ear
// is delayed, the source is on the right).
//
// Coordinates follow this package's convention (azimuth positive to the
// LEFT), so a direction's Azimuth is -θ: brian2hears' positive azimuths,
// which delay the left ear, lie on the listener's right. Elevation and
// Distance are 0. HeadlessITDs and HeadlessFractional give brian2hears'
// itd= and fractional_itds=True.
func Headless(n int, rate float64, opts ...HeadlessOption) (*Set, error) {
	cfg := headlessConfig{diameter: SpeedOfSound * 650e-6, azimuthMax: 90}
	for _, o := range opts {
		o(&cfg)
	}
	if cfg.itds != nil && n != len(cfg.itds) {
		return nil, fmt.Errorf("hrtf: Headless of %d directions given %d ITDs", n, len(cfg.itds))
	}
	if n < 1 || n > 1<<20 {
		return nil, fmt.Errorf("hrtf: Headless needs 1 to %d directions, not %d", 1<<20, n)
	}
	if !(rate > 0) || math.IsInf(rate, 0) {
		return nil, fmt.Errorf("hrtf: Headless sample rate %v Hz", rate)
	}
	if !(cfg.diameter >= 0) || cfg.diameter > 100 {
		return nil, fmt.Errorf("hrtf: Headless diameter %v m", cfg.diameter)
	}
	if !(cfg.azimuthMax >= 0) || cfg.azimuthMax > 180 {
		return nil, fmt.Errorf("hrtf: Headless largest azimuth %v°", cfg.azimuthMax)
	}
	itd := make([]float64, n)
	coords := make([]Coordinate, n)
	if cfg.itds != nil {
		copy(itd, cfg.itds)
	} else {
		amax := cfg.azimuthMax * math.Pi / 180
		for k := range n {
			// numpy linspace(-amax, amax, n): start + k·step, the last exactly amax
			theta := -amax
			if n > 1 {
				theta = -amax + float64(k)*(2*amax/float64(n-1))
				if k == n-1 {
					theta = amax
				}
			}
			itd[k] = cfg.diameter * math.Sin(theta) / SpeedOfSound
			coords[k] = Coordinate{Azimuth: normAzimuth(-theta * 180 / math.Pi)}
		}
	}
	maxITD := 0.0
	for k, v := range itd {
		if math.IsNaN(v) || math.IsInf(v, 0) {
			return nil, fmt.Errorf("hrtf: Headless ITD %d is %v", k, v)
		}
		maxITD = max(maxITD, math.Abs(v))
	}
	if maxITD*rate > 1<<20 {
		return nil, fmt.Errorf("hrtf: Headless ITDs of up to %g s are %g samples at %g Hz: too long", maxITD, maxITD*rate, rate)
	}
	s := &Set{rate: rate, coords: coords, itd: itd, name: "headless"}
	if cfg.fractional {
		delays := make([]float64, 0, 2*n)
		for _, v := range itd {
			delays = append(delays, v/2)
		}
		for _, v := range itd {
			delays = append(delays, -v/2)
		}
		irs, offset := fractionalDelays(delays, rate)
		s.left, s.right = irs[:n], irs[n:]
		s.taps = len(irs[0])
		s.delayOffset = offset
		return s, nil
	}
	longest := 0
	dl := make([]int, n)
	dr := make([]int, n)
	for k := range n {
		dl[k] = int(math.RoundToEven(max(itd[k], 0) * rate))
		dr[k] = int(math.RoundToEven(max(-itd[k], 0) * rate))
		longest = max(longest, dl[k], dr[k])
	}
	s.taps = longest + 1
	for k := range n {
		l := make([]float64, longest+1)
		r := make([]float64, longest+1)
		l[dl[k]], r[dr[k]] = 1, 1
		s.left = append(s.left, l)
		s.right = append(s.right, r)
	}
	return s, nil
}

// fractionalDelays returns brian2hears' FractionalDelay impulse responses
// for delays in seconds at rate Hz, and their common delay offset (s).
// The filter of a delay d (samples) is the Hamming-windowed sinc
// h[t] = w(t-d)·sinc(t-d-c), c = L/2 rounded down, w(x) = 0.54 -
// 0.46·cos(2π(x+0.5)/L), or an exact unit impulse at c+d when d is within
// 1e-10 of a whole number; L = 2048, or 2·int(1.25·ceil(rate·max|d|))+1
// when that is longer (Laakso, Välimäki, Karjalainen & Laine 1996, "Splitting
// the unit delay", IEEE Signal Processing Magazine 13(1):30–60).
func fractionalDelays(delays []float64, rate float64) ([][]float64, float64) {
	dmax := 0.0
	for _, d := range delays {
		dmax = max(dmax, math.Abs(d))
	}
	dmaxInt := int(math.Ceil(rate * dmax))
	length := 2*int(float64(dmaxInt)*1.25) + 1
	if length < 2048 {
		length = 2048
	}
	centre := length / 2
	out := make([][]float64, len(delays))
	for i, d := range delays {
		d *= rate
		h := make([]float64, length)
		if math.Abs(math.RoundToEven(d)-d) < 1e-10 {
			// numpy: x == centre, x = t - d, compared exactly
			for t := range h {
				if float64(t)-d == float64(centre) {
					h[t] = 1
				}
			}
		} else {
			for t := range h {
				x := float64(t) - d
				u := math.Pi * (x - float64(centre))
				h[t] = (0.54 - 0.46*math.Cos(2*math.Pi*(x+0.5)/float64(length))) * (math.Sin(u) / u)
			}
		}
		out[i] = h
	}
	return out, float64(centre) / rate
}
