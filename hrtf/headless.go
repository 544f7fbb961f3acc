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
// Distance are 0. (brian2hears' fractional_itds option is not provided.)
func Headless(n int, rate float64, opts ...HeadlessOption) (*Set, error) {
	cfg := headlessConfig{diameter: SpeedOfSound * 650e-6, azimuthMax: 90}
	for _, o := range opts {
		o(&cfg)
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
	amax := cfg.azimuthMax * math.Pi / 180
	itd := make([]float64, n)
	dl := make([]int, n)
	dr := make([]int, n)
	coords := make([]Coordinate, n)
	longest := 0
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
		dl[k] = int(math.RoundToEven(max(itd[k], 0) * rate))
		dr[k] = int(math.RoundToEven(max(-itd[k], 0) * rate))
		longest = max(longest, dl[k], dr[k])
		coords[k] = Coordinate{Azimuth: normAzimuth(-theta * 180 / math.Pi)}
	}
	if longest > 1<<20 {
		return nil, fmt.Errorf("hrtf: Headless delays of %d samples are too long", longest)
	}
	s := &Set{rate: rate, taps: longest + 1, coords: coords, itd: itd, name: "headless"}
	for k := range n {
		l := make([]float64, longest+1)
		r := make([]float64, longest+1)
		l[dl[k]], r[dr[k]] = 1, 1
		s.left = append(s.left, l)
		s.right = append(s.right, r)
	}
	return s, nil
}
