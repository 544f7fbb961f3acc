package hrtf

import (
	"errors"
	"fmt"
	"math"
	"math/cmplx"

	"gonum.org/v1/gonum/dsp/fourier"
)

// SphericalHead is the spherical-head model of Brown & Duda (1998), "A
// structural model for binaural sound synthesis", IEEE Trans. Speech Audio
// Process. 6(5): 476–488: a rigid sphere with two ears on it, a source far
// away. Each ear's response is a delay (the time the wave takes to reach it,
// Woodworth's ray-tracing formula) followed by a one-pole, one-zero head
// shadow filter
//
//	H(ω, θ) = (1 + jα(θ)ω/(2ω₀)) / (1 + jω/(2ω₀)),  ω₀ = c/a,
//	α(θ) = (1 + αmin/2) + (1 − αmin/2)·cos(θ/θmin · 180°),
//
// where θ is the angle between the source direction and the ear's axis
// (the angle of incidence), a the head's radius and c the speed of sound.
// The filter's gain is 1 at low frequencies and tends to α(θ) at high
// ones: α(0) = 2 (+6 dB) at the ear facing the source, α(θmin) = αmin
// (−20 dB for αmin = 0.1) deep in the head's shadow. The per-ear delay is
//
//	T(θ) = −(a/c)·cos θ        for θ < 90°,
//	T(θ) = (a/c)·(θ − π/2)     for θ ≥ 90° (θ in radians),
//
// relative to the arrival at the centre of the head, so the ITD of a
// horizontal source at lateral angle φ is Woodworth's (a/c)(φ + sin φ).
// The model is the approximation Brown & Duda fit to the exact solution of
// Rayleigh's rigid sphere (Duda & Martens 1998, J. Acoust. Soc. Am. 104(5):
// 3048–3058, the infinitely distant source); the pinna and shoulder echoes
// of Brown & Duda's full structural model are not included.
type SphericalHead struct {
	// Radius of the head in metres (Brown & Duda: 0.0875 m, the
	// average adult head).
	Radius float64
	// SpeedOfSound in m/s (this package's SpeedOfSound, 343.2 m/s).
	SpeedOfSound float64
	// EarAzimuth is the azimuth of the left ear in degrees (the right ear
	// is at −EarAzimuth), elevation 0. Brown & Duda put the ears at ±90°
	// (their ±100° variant moves them backwards).
	EarAzimuth float64
	// AlphaMin and ThetaMin (degrees) shape the shadow: the high-frequency
	// gain falls to AlphaMin at ThetaMin from the ear's axis (Brown & Duda:
	// 0.1 and 150°).
	AlphaMin, ThetaMin float64
}

// DefaultSphericalHead returns Brown & Duda's (1998) parameters: radius
// 8.75 cm, ears at ±90°, αmin = 0.1, θmin = 150°, and this package's speed
// of sound.
func DefaultSphericalHead() SphericalHead {
	return SphericalHead{Radius: 0.0875, SpeedOfSound: SpeedOfSound, EarAzimuth: 90, AlphaMin: 0.1, ThetaMin: 150}
}

// Validate reports parameters outside the model's range.
func (h SphericalHead) Validate() error {
	switch {
	case !(h.Radius > 0) || h.Radius > 10:
		return fmt.Errorf("hrtf: spherical head radius %v m (want (0, 10])", h.Radius)
	case !(h.SpeedOfSound > 0) || math.IsInf(h.SpeedOfSound, 0):
		return fmt.Errorf("hrtf: speed of sound %v m/s", h.SpeedOfSound)
	case !(h.EarAzimuth > 0) || h.EarAzimuth >= 180:
		return fmt.Errorf("hrtf: ear azimuth %v° (want (0, 180))", h.EarAzimuth)
	case !(h.AlphaMin > 0) || h.AlphaMin > 2:
		return fmt.Errorf("hrtf: shadow gain αmin %v (want (0, 2])", h.AlphaMin)
	case !(h.ThetaMin > 0) || h.ThetaMin > 180:
		return fmt.Errorf("hrtf: shadow angle θmin %v° (want (0, 180])", h.ThetaMin)
	}
	return nil
}

// Incidence returns the angles of incidence in degrees at the left and
// right ears of a source at azimuth and elevation (degrees, this package's
// convention): the angles between the source direction and each ear's
// axis, in [0, 180].
func (h SphericalHead) Incidence(azimuth, elevation float64) (left, right float64) {
	sx, sy, sz := unit(azimuth, elevation)
	angle := func(earAz float64) float64 {
		ex, ey, ez := unit(earAz, 0)
		d := math.Max(-1, math.Min(1, sx*ex+sy*ey+sz*ez))
		return math.Acos(d) * 180 / math.Pi
	}
	return angle(h.EarAzimuth), angle(-h.EarAzimuth)
}

// Delay is the time in seconds a plane wave arriving at incidence theta
// (degrees from the ear's axis) reaches the ear, relative to its arrival
// at the centre of the head: −(a/c)·cos θ on the lit side, (a/c)(θ − π/2)
// around the sphere beyond 90° (Woodworth & Schlosberg 1954, as Brown &
// Duda 1998 eq. 3 use it). Negative values arrive earlier.
func (h SphericalHead) Delay(theta float64) float64 {
	t := theta * math.Pi / 180
	if t < math.Pi/2 {
		return -h.Radius / h.SpeedOfSound * math.Cos(t)
	}
	return h.Radius / h.SpeedOfSound * (t - math.Pi/2)
}

// ITD returns the interaural time difference in seconds of a source at
// azimuth and elevation (degrees): the left ear's delay minus the right's,
// positive when the left ear is delayed (a source on the right), the sign
// of Set.ITDs and of brian2hears' HeadlessDatabase. For a horizontal
// source at azimuth φ ≤ 90° to the right it is Woodworth's (a/c)(φ + sin φ).
func (h SphericalHead) ITD(azimuth, elevation float64) float64 {
	l, r := h.Incidence(azimuth, elevation)
	return h.Delay(l) - h.Delay(r)
}

// Alpha is the head-shadow filter's high-frequency gain α(θ) at incidence
// theta (degrees): 1 + αmin/2 + (1 − αmin/2)·cos(θ/θmin·180°) (Brown &
// Duda 1998, eq. 2). Beyond θmin it rises again, as the formula does (the
// "bright spot" behind a sphere).
func (h SphericalHead) Alpha(theta float64) float64 {
	return 1 + h.AlphaMin/2 + (1-h.AlphaMin/2)*math.Cos(theta/h.ThetaMin*math.Pi)
}

// Shadow is the head-shadow filter's frequency response at f Hz and
// incidence theta (degrees): (1 + jα(θ)ω/(2ω₀)) / (1 + jω/(2ω₀)), ω = 2πf,
// ω₀ = c/a (Brown & Duda 1998, eq. 1). Its magnitude is 1 at 0 Hz and
// tends to α(θ) as f grows.
func (h SphericalHead) Shadow(f, theta float64) complex128 {
	x := 2 * math.Pi * f * h.Radius / (2 * h.SpeedOfSound)
	return complex(1, h.Alpha(theta)*x) / complex(1, x)
}

// EarResponse is ear's full frequency response at f Hz for incidence theta
// (degrees): Shadow(f, theta)·exp(−j2πf·Delay(theta)).
func (h SphericalHead) EarResponse(f, theta float64) complex128 {
	return h.Shadow(f, theta) * cmplx.Exp(complex(0, -2*math.Pi*f*h.Delay(theta)))
}

// maxSphericalTaps bounds the impulse responses Spherical makes.
const maxSphericalTaps = 1 << 20

// SphericalTaps is the default length of Spherical's impulse responses at
// rate Hz: the smallest power of two covering 5.8 ms (256 taps at 44.1
// kHz), at least 32. The model's responses last well under 1 ms (the
// delays span 2πa/c·3/4 ≈ 1.2 ms at most, the shadow filter decays with a
// time constant a/(2c) ≈ 0.13 ms); the rest holds the band-limited
// delay's sinc tails.
func SphericalTaps(rate float64) int {
	n := 32
	for float64(n) < 0.0058*rate && n < maxSphericalTaps {
		n *= 2
	}
	return n
}

// Spherical returns the spherical-head model h at the given directions as a
// Set at rate Hz with taps-long impulse responses (taps 0 for
// SphericalTaps(rate)). The responses are made by frequency sampling: the
// DFT of each response equals EarResponse at every bin k·rate/taps (with
// the Nyquist bin's real part), the arrival at the centre of the head
// placed at sample taps/4, so the set is band-limited and any delay
// (fractions of a sample included) is exact at the bins. Set.ITDs returns
// each direction's ITD in seconds (h.ITD: positive when the LEFT ear is
// delayed, as for Headless). Distances are
// kept as given (the model is for a far source: they do not change the
// responses).
func Spherical(h SphericalHead, coords []Coordinate, rate float64, taps int) (*Set, error) {
	if err := h.Validate(); err != nil {
		return nil, err
	}
	if !(rate > 0) || math.IsInf(rate, 0) || rate > 10e6 {
		return nil, fmt.Errorf("hrtf: spherical head sample rate %v Hz", rate)
	}
	if len(coords) == 0 {
		return nil, errors.New("hrtf: spherical head needs at least one direction")
	}
	if len(coords) > 1<<20 {
		return nil, fmt.Errorf("hrtf: %d directions is too many for a spherical-head set", len(coords))
	}
	if taps == 0 {
		taps = SphericalTaps(rate)
	}
	if taps < 8 || taps > maxSphericalTaps {
		return nil, fmt.Errorf("hrtf: spherical head responses of %d taps (want 8 to %d)", taps, maxSphericalTaps)
	}
	if int64(taps)*int64(len(coords)) > 1<<27 {
		return nil, fmt.Errorf("hrtf: %d directions × %d taps is too large", len(coords), taps)
	}
	// The delays must stay inside the response: the latest arrival is
	// (a/c)·π/2 after the centre, the earliest a/c before it.
	offset := taps / 4
	if h.Radius/h.SpeedOfSound*rate > float64(offset) || h.Radius/h.SpeedOfSound*math.Pi/2*rate > float64(taps-offset) {
		return nil, fmt.Errorf("hrtf: %d taps at %g Hz are too short for a head of radius %g m", taps, rate, h.Radius)
	}
	fft := fourier.NewFFT(taps)
	spec := make([]complex128, taps/2+1)
	left := make([][]float64, len(coords))
	right := make([][]float64, len(coords))
	itd := make([]float64, len(coords))
	t0 := float64(offset) / rate
	for k, c := range coords {
		for _, v := range []float64{c.Azimuth, c.Elevation, c.Distance} {
			if math.IsNaN(v) || math.IsInf(v, 0) {
				return nil, fmt.Errorf("hrtf: direction %d has coordinate %+v", k, c)
			}
		}
		tl, tr := h.Incidence(c.Azimuth, c.Elevation)
		for e, theta := range [2]float64{tl, tr} {
			for b := range spec {
				f := float64(b) * rate / float64(taps)
				spec[b] = h.EarResponse(f, theta) * cmplx.Exp(complex(0, -2*math.Pi*f*t0))
			}
			if taps%2 == 0 {
				spec[taps/2] = complex(real(spec[taps/2]), 0)
			}
			ir := fft.Sequence(nil, spec)
			for j := range ir {
				ir[j] /= float64(taps)
			}
			if e == 0 {
				left[k] = ir
			} else {
				right[k] = ir
			}
		}
		itd[k] = h.Delay(tl) - h.Delay(tr) // h.ITD
	}
	s, err := NewSet(left, right, rate, coords)
	if err != nil {
		return nil, err
	}
	s.itd = itd
	s.name = fmt.Sprintf("spherical head (Brown & Duda 1998, radius %g m)", h.Radius)
	return s, nil
}

// SphericalGrid returns directions on rings of constant elevation: for
// each elevation (degrees) the azimuths 0, step, 2·step, ... below 360
// (normalised to (−180, 180]), step being stepDeg widened by 1/cos(elevation)
// so that neighbours stay about stepDeg apart on the sphere (one direction
// at ±90°). It is the layout of the MIT KEMAR set (Gardner & Martin 1995)
// for stepDeg 5 and elevations −40, −30, ..., 90.
func SphericalGrid(stepDeg float64, elevations []float64) ([]Coordinate, error) {
	if !(stepDeg > 0) || stepDeg > 360 {
		return nil, fmt.Errorf("hrtf: grid step %v°", stepDeg)
	}
	var out []Coordinate
	for _, el := range elevations {
		if !(el >= -90 && el <= 90) {
			return nil, fmt.Errorf("hrtf: grid elevation %v°", el)
		}
		n := 1
		if c := math.Cos(el * math.Pi / 180); c > 1e-9 {
			n = max(1, int(math.Round(360*c/stepDeg)))
		}
		if len(out)+n > 1<<20 {
			return nil, errors.New("hrtf: grid has too many directions")
		}
		for j := range n {
			out = append(out, Coordinate{Azimuth: normAzimuth(360 * float64(j) / float64(n)), Elevation: el})
		}
	}
	if len(out) == 0 {
		return nil, errors.New("hrtf: grid has no elevation")
	}
	return out, nil
}
