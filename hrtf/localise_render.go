package hrtf

import (
	"errors"
	"fmt"
	"math"
	"slices"

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
