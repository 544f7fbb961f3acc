// Package units gives gohears its SI unit system: float64 constants for Go code
// (100*units.Millisecond == 0.1) and, for text, physical dimensions (Dim), the
// Brian2 unit names with every SI prefix and squared/cubed forms (Lookup), and
// the physical constants Brian2 users expect.
//
// Go APIs in gohears take SI float64 values; the constants below only scale a
// number into SI. Dimensional analysis of equations and expressions written as
// text is done by package expr with the Dim and Quantity types of this package.
package units

import (
	"math"
	"strconv"
	"strings"
)

// NumBase is the number of SI base dimensions.
const NumBase = 7

// The SI base dimensions, as indexes into a Dim.
const (
	Length      = iota // metre (m)
	Mass               // kilogram (kg)
	Time               // second (s)
	Current            // ampere (A)
	Temperature        // kelvin (K)
	Amount             // mole (mol)
	Luminosity         // candela (cd)
)

// baseSymbols are the SI symbols of the base dimensions, in Dim order.
var baseSymbols = [NumBase]string{"m", "kg", "s", "A", "K", "mol", "cd"}

// Dim is a physical dimension: the exponent of each SI base dimension, indexed by
// Length, Mass, Time, Current, Temperature, Amount and Luminosity. Exponents may
// be fractional (the white-noise symbol xi has dimension s^-0.5). The zero value
// is dimensionless. Dims are comparable with ==.
type Dim [NumBase]float64

// Dimensionless returns the dimension of pure numbers, the zero Dim.
func Dimensionless() Dim { return Dim{} }

// Base returns the dimension of one SI base unit raised to the power 1
// (for example Base(Time) is the dimension of the second).
func Base(i int) Dim {
	var d Dim
	if i >= 0 && i < NumBase {
		d[i] = 1
	}
	return d
}

// snap rounds an exponent that is within rounding error of a multiple of 1/12
// (covering halves, thirds and quarters), so that (d^(1/3))^3 == d.
func snap(x float64) float64 {
	r := math.Round(x*12) / 12
	if math.Abs(x-r) < 1e-9 {
		if r == 0 {
			return 0 // avoid -0
		}
		return r
	}
	return x
}

// Mul returns the dimension of a product: exponents add.
func (d Dim) Mul(e Dim) Dim {
	var r Dim
	for i := range d {
		r[i] = snap(d[i] + e[i])
	}
	return r
}

// Div returns the dimension of a quotient: exponents subtract.
func (d Dim) Div(e Dim) Dim {
	var r Dim
	for i := range d {
		r[i] = snap(d[i] - e[i])
	}
	return r
}

// Pow returns the dimension raised to the power p: exponents multiply.
func (d Dim) Pow(p float64) Dim {
	var r Dim
	for i := range d {
		r[i] = snap(d[i] * p)
	}
	return r
}

// Inv returns the reciprocal dimension.
func (d Dim) Inv() Dim { return Dimensionless().Div(d) }

// IsDimensionless reports whether all exponents are zero.
func (d Dim) IsDimensionless() bool { return d == Dimensionless() }

// MaxExponent bounds the exponents of a valid Dim: ±100. Physical
// dimensions have small exponents (the largest in Brian2's units is 4, of
// the farad's second); volt**1e308 would otherwise be accepted with infinite
// exponents, and exponents past 2^53 stop being exact.
const MaxExponent = 100

// IsValid reports whether every exponent is finite and within ±MaxExponent.
func (d Dim) IsValid() bool {
	for _, x := range d {
		if !(math.Abs(x) <= MaxExponent) {
			return false
		}
	}
	return true
}

// SI returns the dimension in SI base symbols, for example "m^2 kg s^-3 A^-1"
// for the volt, and "1" for dimensionless.
func (d Dim) SI() string {
	var parts []string
	for i, x := range d {
		if x == 0 {
			continue
		}
		s := baseSymbols[i]
		if x != 1 {
			s += "^" + strconv.FormatFloat(x, 'g', -1, 64)
		}
		parts = append(parts, s)
	}
	if len(parts) == 0 {
		return "1"
	}
	return strings.Join(parts, " ")
}

// String names the dimension like Brian2 does: the name of a coherent SI unit
// with that dimension where one exists ("volt", "amp", "siemens", "Hz"), a unit
// per second ("volt/second") or a squared/cubed metre ("metre^2"), otherwise
// the SI form of SI ("m^2 kg s^-4 A^-1"). Dimensionless is "1".
func (d Dim) String() string {
	if d == Dimensionless() {
		return "1"
	}
	if n, ok := dimNames[d]; ok {
		return n
	}
	if n, ok := dimNames[d.Mul(Base(Time))]; ok && n != "1" {
		return n + "/second"
	}
	if n, ok := dimNames[d.Div(Base(Time))]; ok && n != "1" && n != "Hz" {
		return n + "*second"
	}
	return d.SI()
}
