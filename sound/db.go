package sound

import (
	"math"
	"strconv"
)

// DB is a level or a level difference in decibels. As a level it is dB SPL:
// RMS pressure re 20 µPa (ReferencePressure). It is a distinct type from
// float64 so that a level cannot be added to a plain number (a pressure, a
// duration) by mistake; convert explicitly with DB(x) or float64(d).
type DB float64

// ReferencePressure is the reference of dB SPL, 20 µPa, in pascals.
const ReferencePressure = 2e-5

// ClickReference is the pressure, in pascals, of a click whose peak level is
// 0 dB: Brian Hears' click amplitude is 28e-6·10^(peak/20) Pa.
const ClickReference = 28e-6

// Gain returns the amplitude ratio 10^(d/20) of the level difference d.
func Gain(d DB) float64 { return math.Pow(10, float64(d)/20) }

// Gain returns the amplitude ratio 10^(d/20) of the level difference d.
func (d DB) Gain() float64 { return Gain(d) }

// Pascals returns the RMS pressure, in pascals, of the level d in dB SPL:
// 20 µPa · 10^(d/20).
func (d DB) Pascals() float64 { return ReferencePressure * Gain(d) }

// String formats the level to 0.01 dB, as "60 dB" or "95.69 dB" (format
// float64(d) for full precision).
func (d DB) String() string {
	return strconv.FormatFloat(math.Round(float64(d)*100)/100, 'f', -1, 64) + " dB"
}

// SPL returns the level in dB SPL of an RMS pressure rms in pascals:
// 20·log10(rms/20 µPa). Zero pressure gives -Inf.
func SPL(rms float64) DB { return DB(20 * math.Log10(rms/ReferencePressure)) }

// GainDB returns the level difference, in dB, of the amplitude ratio g:
// 20·log10(g).
func GainDB(g float64) DB { return DB(20 * math.Log10(g)) }
