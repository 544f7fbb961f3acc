package hrtf

import (
	"fmt"
	"math"
)

// Coordinate systems. A Coordinate is spherical in SOFA's convention
// (AES69-2020 §4.2: azimuth counterclockwise from the front seen from
// above, elevation up from the horizontal plane). The same direction can
// be given as
//   - cartesian x, y, z in metres: x to the front, y to the LEFT, z up
//     (SOFA's cartesian system);
//   - interaural-polar: the lateral angle α (degrees, +90 at the left ear,
//     -90 at the right) measured from the median plane, and the polar
//     angle β (degrees, 0 in front, 90 above, 180 behind, -90 below) around
//     the interaural axis, in [-90, 270). This is the system of the CIPIC
//     database (Algazi et al. 2001), whose lateral angle is positive to the
//     RIGHT, i.e. CIPIC's azimuth is -α.

// Cartesian returns the direction as x (front), y (left), z (up) in metres;
// a unit vector when Distance is 0 (direction only).
func (c Coordinate) Cartesian() (x, y, z float64) {
	r := c.Distance
	if r == 0 {
		r = 1
	}
	x, y, z = unit(c.Azimuth, c.Elevation)
	return r * x, r * y, r * z
}

// FromCartesian returns the Coordinate of the point x (front), y (left),
// z (up) in metres. The origin has no direction and is an error.
func FromCartesian(x, y, z float64) (Coordinate, error) {
	for _, v := range []float64{x, y, z} {
		if math.IsNaN(v) || math.IsInf(v, 0) {
			return Coordinate{}, fmt.Errorf("hrtf: cartesian position (%v, %v, %v)", x, y, z)
		}
	}
	if x == 0 && y == 0 && z == 0 {
		return Coordinate{}, fmt.Errorf("hrtf: the origin has no direction")
	}
	return toCoordinate([3]float64{x, y, z}, false, 1), nil
}

// InterauralPolar returns the direction's lateral angle α and polar angle
// β in degrees (see the package's coordinate systems): α in [-90, 90], β in
// [-90, 270).
func (c Coordinate) InterauralPolar() (lateral, polar float64) {
	x, y, z := unit(c.Azimuth, c.Elevation)
	lateral = math.Asin(math.Max(-1, math.Min(1, y))) * 180 / math.Pi
	polar = math.Atan2(z, x) * 180 / math.Pi
	if polar < -90 {
		polar += 360
	}
	return lateral, polar
}

// FromInterauralPolar returns the Coordinate of lateral angle α and polar
// angle β (degrees) at distance metres (0: direction only).
func FromInterauralPolar(lateral, polar, distance float64) (Coordinate, error) {
	if math.IsNaN(lateral+polar+distance) || math.IsInf(lateral+polar+distance, 0) || math.Abs(lateral) > 90 || distance < 0 {
		return Coordinate{}, fmt.Errorf("hrtf: interaural-polar direction (%v°, %v°, %v m): the lateral angle must lie in [-90°, 90°]", lateral, polar, distance)
	}
	a, b := lateral*math.Pi/180, polar*math.Pi/180
	x, y, z := math.Cos(a)*math.Cos(b), math.Sin(a), math.Cos(a)*math.Sin(b)
	c := toCoordinate([3]float64{x, y, z}, false, 1)
	c.Distance = distance
	return c, nil
}
