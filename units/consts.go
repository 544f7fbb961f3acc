package units

// SI float64 constants for Go code. Multiply a number by one of them to get the
// value in SI: 100*Millisecond == 0.1 (seconds), 3*KHz == 3000 (hertz).
// They are untyped constants, so products with literals are exact at compile time.

// Time (second).
const (
	Second      = 1.0
	Millisecond = 1e-3
	Microsecond = 1e-6
	Nanosecond  = 1e-9
	Minute      = 60.0
)

// Frequency (hertz).
const (
	Hz  = 1.0
	KHz = 1e3
	MHz = 1e6
)

// Voltage (volt).
const (
	Volt      = 1.0
	Millivolt = 1e-3
	Microvolt = 1e-6
	Nanovolt  = 1e-9
	Kilovolt  = 1e3
)

// Current (amp).
const (
	Amp      = 1.0
	Milliamp = 1e-3
	Microamp = 1e-6
	Nanoamp  = 1e-9
	Picoamp  = 1e-12
)

// Conductance (siemens).
const (
	Siemens      = 1.0
	Millisiemens = 1e-3
	Microsiemens = 1e-6
	Nanosiemens  = 1e-9
	Picosiemens  = 1e-12
)

// Capacitance (farad).
const (
	Farad      = 1.0
	Microfarad = 1e-6
	Nanofarad  = 1e-9
	Picofarad  = 1e-12
)

// Resistance (ohm).
const (
	Ohm     = 1.0
	Kiloohm = 1e3
	Megaohm = 1e6
	Gigaohm = 1e9
)

// Length (metre), area (square metre) and volume (cubic metre).
const (
	Metre            = 1.0
	Meter            = 1.0
	Centimetre       = 1e-2
	Millimetre       = 1e-3
	Micrometre       = 1e-6
	Nanometre        = 1e-9
	SquareCentimetre = 1e-4
	SquareMicrometre = 1e-12
	Litre            = 1e-3
	Liter            = 1e-3
)

// Amount (mole) and concentration (mole per cubic metre; 1 Molar = 1000 mol/m^3).
const (
	Mole       = 1.0
	Millimole  = 1e-3
	Micromole  = 1e-6
	Molar      = 1e3
	Millimolar = 1.0
	Micromolar = 1e-3
	Nanomolar  = 1e-6
)

// Mass (kilogram), temperature (kelvin) and derived units.
const (
	Kilogram = 1.0
	Gram     = 1e-3
	Kelvin   = 1.0
	Coulomb  = 1.0
	Joule    = 1.0
	Watt     = 1.0
	Newton   = 1.0
	Pascal   = 1.0
)

// Physical constants in SI (CODATA 2018, as brian2.units.constants).
const (
	AvogadroConstant  = 6.02214076e23                        // 1/mol
	BoltzmannConstant = 1.380649e-23                         // J/K
	ElementaryCharge  = 1.602176634e-19                      // C
	FaradayConstant   = AvogadroConstant * ElementaryCharge  // C/mol (96485.33212...)
	GasConstant       = AvogadroConstant * BoltzmannConstant // J/(mol K) (8.314462618...)
	ElectricConstant  = 8.8541878128e-12                     // F/m
	MagneticConstant  = 1.25663706212e-6                     // N/A^2
	ElectronMass      = 9.1093837015e-31                     // kg
	MolarMassConstant = 1e-3                                 // kg/mol
	ZeroCelsius       = 273.15                               // K
)
