package hrtf

import (
	"errors"
	"fmt"
	"math"
	"slices"

	"gonum.org/v1/gonum/dsp/fourier"

	"github.com/gohears/hears/sound"
)

// Render returns the two ear signals (left, right) of the mono signal x
// heard from h's direction: x through each impulse response, followed by
// the responses' tail (len(x) + taps − 1 samples; HRTF.Apply keeps the
// input's length instead).
func Render(h *HRTF, x []float64) ([2][]float64, error) {
	if h == nil {
		return [2][]float64{}, errors.New("hrtf: render: HRTF is nil")
	}
	if len(x) == 0 {
		return [2][]float64{}, errors.New("hrtf: render: empty sound")
	}
	padded := make([]float64, len(x)+len(h.left)-1)
	copy(padded, x)
	s, err := sound.New(padded, 1, h.rate)
	if err != nil {
		return [2][]float64{}, err
	}
	out, err := h.Apply(s)
	if err != nil {
		return [2][]float64{}, err
	}
	left, _ := out.Channel(0)
	right, _ := out.Channel(1)
	return [2][]float64{left.Data(), right.Data()}, nil
}

// Interpolate returns an HRTF for azimuth and elevation (degrees) mixed
// from the set's nearest directions: the impulse responses of the three
// directions of the nearest triangle that contains the requested direction,
// weighted by its spherical barycentric coordinates (the solution w of
// Σ w_i·v_i = u for the unit vectors v_i of the three directions and u of
// the requested one, scaled to sum to 1: Gamper 2013, J. Acoust. Soc. Am.
// 134(6): EL547). The triangle is the first, in order of distance, formed
// from the 8 nearest directions that contains the requested direction; when
// none does (a direction outside the set's coverage) or the requested
// direction is within 1e-9° of a measured one, that nearest direction alone
// is used. It returns the HRTF, the indices used and their weights.
func (s *Set) Interpolate(azimuth, elevation float64) (*HRTF, []int, []float64, error) {
	if math.IsNaN(azimuth) || math.IsInf(azimuth, 0) || !(elevation >= -90 && elevation <= 90) {
		return nil, nil, nil, fmt.Errorf("hrtf: interpolate at azimuth %v°, elevation %v°", azimuth, elevation)
	}
	target := Coordinate{Azimuth: normAzimuth(azimuth), Elevation: elevation}
	order := make([]int, len(s.coords))
	dist := make([]float64, len(s.coords))
	for k, c := range s.coords {
		order[k], dist[k] = k, GreatCircle(c, target)
	}
	slices.SortStableFunc(order, func(a, b int) int {
		switch {
		case dist[a] < dist[b]:
			return -1
		case dist[a] > dist[b]:
			return 1
		}
		return 0
	})
	used, w := []int{order[0]}, []float64{1}
	if dist[order[0]] > 1e-9 {
		near := order[:min(8, len(order))]
		ux, uy, uz := unit(target.Azimuth, target.Elevation)
	search:
		for i := 0; i < len(near); i++ {
			for j := i + 1; j < len(near); j++ {
				for k := j + 1; k < len(near); k++ {
					if b, ok := barycentric(s.coords[near[i]], s.coords[near[j]], s.coords[near[k]], ux, uy, uz); ok {
						used, w = []int{near[i], near[j], near[k]}, b[:]
						break search
					}
				}
			}
		}
	}
	h := &HRTF{left: make([]float64, s.taps), right: make([]float64, s.taps), rate: s.rate, coord: target}
	for i, k := range used {
		for j := range s.taps {
			h.left[j] += w[i] * s.left[k][j]
			h.right[j] += w[i] * s.right[k][j]
		}
	}
	return h, used, w, nil
}

// barycentric solves w1·v1 + w2·v2 + w3·v3 = u for the unit vectors of a,
// b and c (Cramer's rule) and returns w scaled to sum to 1, and whether
// the triangle is not degenerate and contains u (every w ≥ −1e-9).
func barycentric(a, b, c Coordinate, ux, uy, uz float64) ([3]float64, bool) {
	ax, ay, az := unit(a.Azimuth, a.Elevation)
	bx, by, bz := unit(b.Azimuth, b.Elevation)
	cx, cy, cz := unit(c.Azimuth, c.Elevation)
	det3 := func(x1, y1, z1, x2, y2, z2, x3, y3, z3 float64) float64 {
		return x1*(y2*z3-z2*y3) - y1*(x2*z3-z2*x3) + z1*(x2*y3-y2*x3)
	}
	d := det3(ax, ay, az, bx, by, bz, cx, cy, cz)
	if math.Abs(d) < 1e-12 {
		return [3]float64{}, false
	}
	w := [3]float64{
		det3(ux, uy, uz, bx, by, bz, cx, cy, cz) / d,
		det3(ax, ay, az, ux, uy, uz, cx, cy, cz) / d,
		det3(ax, ay, az, bx, by, bz, ux, uy, uz) / d,
	}
	sum := w[0] + w[1] + w[2]
	if !(sum > 0) {
		return [3]float64{}, false
	}
	for i := range w {
		if w[i] < -1e-9 {
			return [3]float64{}, false
		}
		w[i] = max(w[i], 0) / sum
	}
	return w, true
}

// PathPoint is a source direction at a time along a moving source's path.
type PathPoint struct {
	Time               float64 // s from the start of the sound
	Azimuth, Elevation float64 // degrees
}

// maxPathPoints bounds a path's length.
const maxPathPoints = 1 << 20

// RenderPath returns the two ear signals (left, right) of the mono signal
// x from a source moving along path (times strictly increasing; before the
// first and after the last point the source stays there; between points
// the direction moves along the shorter great circle at constant speed —
// between opposite directions that circle is undefined: add a point on
// the way). The
// sound is cut into Hann-windowed frames 2·hop samples long, hop apart
// (hop = 5 ms, rounded; periodic Hann windows at 50% overlap sum to 1),
// each frame rendered through the HRTF of the direction at its centre
// (interpolate: Set.Interpolate, otherwise Set.Nearest) and the results
// overlap-added, so that a path that stays at one direction gives exactly
// Render's output (to rounding). The output is len(x) + taps − 1 long.
func (s *Set) RenderPath(x []float64, path []PathPoint, interpolate bool) ([2][]float64, error) {
	if len(x) == 0 {
		return [2][]float64{}, errors.New("hrtf: render path: empty sound")
	}
	if len(path) == 0 || len(path) > maxPathPoints {
		return [2][]float64{}, fmt.Errorf("hrtf: render path: %d path points (want 1 to %d)", len(path), maxPathPoints)
	}
	for i, p := range path {
		if math.IsNaN(p.Time) || math.IsInf(p.Time, 0) || math.IsNaN(p.Azimuth) || math.IsInf(p.Azimuth, 0) || !(p.Elevation >= -90 && p.Elevation <= 90) {
			return [2][]float64{}, fmt.Errorf("hrtf: render path: point %d is %+v", i, p)
		}
		if i > 0 && !(p.Time > path[i-1].Time) {
			return [2][]float64{}, fmt.Errorf("hrtf: render path: point %d at %g s does not follow %g s", i, p.Time, path[i-1].Time)
		}
		if i > 0 && GreatCircle(Coordinate{Azimuth: p.Azimuth, Elevation: p.Elevation},
			Coordinate{Azimuth: path[i-1].Azimuth, Elevation: path[i-1].Elevation}) > 180-1e-6 {
			return [2][]float64{}, fmt.Errorf("hrtf: render path: points %d and %d are opposite directions: add a point on the way", i-1, i)
		}
	}
	hop := max(1, int(math.Round(0.005*s.rate)))
	win := make([]float64, 2*hop)
	for n := range win {
		win[n] = 0.5 - 0.5*math.Cos(math.Pi*float64(n)/float64(hop))
	}
	n := fftSize(2*hop + s.taps - 1)
	fft := fourier.NewFFT(n)
	out := [2][]float64{make([]float64, len(x)+s.taps-1), make([]float64, len(x)+s.taps-1)}
	seg := make([]float64, n)
	var cached *HRTF
	cachedKey := [2]float64{math.NaN(), math.NaN()}
	spec := [2][]complex128{}
	for start := -hop; start < len(x); start += hop {
		t := (float64(start) + float64(hop)) / s.rate // the frame's centre
		az, el := pathAt(path, t)
		var h *HRTF
		if interpolate {
			if key := [2]float64{az, el}; key != cachedKey {
				var err error
				if cached, _, _, err = s.Interpolate(az, el); err != nil {
					return [2][]float64{}, err
				}
				cachedKey = key
				spec = [2][]complex128{}
			}
			h = cached
		} else {
			k := s.Nearest(az, el)
			if key := [2]float64{float64(k), 0}; key != cachedKey {
				cached = &HRTF{left: s.left[k], right: s.right[k], rate: s.rate, coord: s.coords[k]}
				cachedKey = key
				spec = [2][]complex128{}
			}
			h = cached
		}
		if spec[0] == nil {
			spec[0] = fft.Coefficients(nil, zeroPad(h.left, n))
			spec[1] = fft.Coefficients(nil, zeroPad(h.right, n))
		}
		clear(seg)
		for j := range win {
			if i := start + j; i >= 0 && i < len(x) {
				seg[j] = win[j] * x[i]
			}
		}
		fs := fft.Coefficients(nil, seg)
		for e := range out {
			prod := make([]complex128, len(fs))
			for b := range fs {
				prod[b] = fs[b] * spec[e][b]
			}
			y := fft.Sequence(nil, prod)
			for j := range 2*hop + s.taps - 1 {
				if i := start + j; i >= 0 && i < len(out[e]) {
					out[e][i] += y[j] / float64(n)
				}
			}
		}
	}
	return out, nil
}

// pathAt is the path's direction at time t s: great-circle interpolation
// between the surrounding points.
func pathAt(path []PathPoint, t float64) (az, el float64) {
	if t <= path[0].Time {
		return path[0].Azimuth, path[0].Elevation
	}
	last := path[len(path)-1]
	if t >= last.Time {
		return last.Azimuth, last.Elevation
	}
	i := 1
	for path[i].Time < t {
		i++
	}
	a, b := path[i-1], path[i]
	f := (t - a.Time) / (b.Time - a.Time)
	ax, ay, az0 := unit(a.Azimuth, a.Elevation)
	bx, by, bz := unit(b.Azimuth, b.Elevation)
	omega := math.Acos(math.Max(-1, math.Min(1, ax*bx+ay*by+az0*bz)))
	wa, wb := 1-f, f
	if s := math.Sin(omega); s > 1e-9 {
		wa, wb = math.Sin((1-f)*omega)/s, math.Sin(f*omega)/s
	}
	x, y, z := wa*ax+wb*bx, wa*ay+wb*by, wa*az0+wb*bz
	return math.Atan2(y, x) * 180 / math.Pi, math.Atan2(z, math.Hypot(x, y)) * 180 / math.Pi
}
