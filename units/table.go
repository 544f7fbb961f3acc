package units

import (
	"math"
	"sort"
	"strconv"
)

// Quantity is a value in SI units together with its physical dimension:
// Lookup("mV") is Quantity{Value: 1e-3, Dim: <volt>}.
type Quantity struct {
	Value float64 // magnitude in coherent SI units
	Dim   Dim     // physical dimension
}

// Mul returns the product of two quantities.
func (q Quantity) Mul(r Quantity) Quantity { return Quantity{q.Value * r.Value, q.Dim.Mul(r.Dim)} }

// Div returns the quotient of two quantities.
func (q Quantity) Div(r Quantity) Quantity { return Quantity{q.Value / r.Value, q.Dim.Div(r.Dim)} }

// Pow returns the quantity raised to the power p.
func (q Quantity) Pow(p float64) Quantity { return Quantity{math.Pow(q.Value, p), q.Dim.Pow(p)} }

// String prints the value in SI with the dimension's name, e.g. "0.001 volt".
func (q Quantity) String() string {
	s := strconv.FormatFloat(q.Value, 'g', -1, 64)
	if q.Dim == Dimensionless() {
		return s
	}
	return s + " " + q.Dim.String()
}

// dim builds a Dim from exponents of m, kg, s, A, K, mol, cd.
func dim(m, kg, s, a, k, mol, cd float64) Dim { return Dim{m, kg, s, a, k, mol, cd} }

// Dimensions of the coherent SI units. They are functions, not variables,
// so that no code can change a dimension for the whole process (a Dim is
// an array, which Go cannot make a constant).

// DimLength is the dimension of the metre.
func DimLength() Dim { return dim(1, 0, 0, 0, 0, 0, 0) }

// DimMass is the dimension of the kilogram.
func DimMass() Dim { return dim(0, 1, 0, 0, 0, 0, 0) }

// DimTime is the dimension of the second.
func DimTime() Dim { return dim(0, 0, 1, 0, 0, 0, 0) }

// DimCurrent is the dimension of the amp.
func DimCurrent() Dim { return dim(0, 0, 0, 1, 0, 0, 0) }

// DimTemperature is the dimension of the kelvin.
func DimTemperature() Dim { return dim(0, 0, 0, 0, 1, 0, 0) }

// DimAmount is the dimension of the mole.
func DimAmount() Dim { return dim(0, 0, 0, 0, 0, 1, 0) }

// DimLuminosity is the dimension of the candela.
func DimLuminosity() Dim { return dim(0, 0, 0, 0, 0, 0, 1) }

// DimFrequency is the dimension of the hertz.
func DimFrequency() Dim { return dim(0, 0, -1, 0, 0, 0, 0) }

// DimForce is the dimension of the newton.
func DimForce() Dim { return dim(1, 1, -2, 0, 0, 0, 0) }

// DimPressure is the dimension of the pressure.
func DimPressure() Dim { return dim(-1, 1, -2, 0, 0, 0, 0) }

// DimEnergy is the dimension of the energy.
func DimEnergy() Dim { return dim(2, 1, -2, 0, 0, 0, 0) }

// DimPower is the dimension of the power.
func DimPower() Dim { return dim(2, 1, -3, 0, 0, 0, 0) }

// DimCharge is the dimension of the charge.
func DimCharge() Dim { return dim(0, 0, 1, 1, 0, 0, 0) }

// DimVoltage is the dimension of the voltage.
func DimVoltage() Dim { return dim(2, 1, -3, -1, 0, 0, 0) }

// DimCapacitance is the dimension of the capacitance.
func DimCapacitance() Dim { return dim(-2, -1, 4, 2, 0, 0, 0) }

// DimResistance is the dimension of the resistance.
func DimResistance() Dim { return dim(2, 1, -3, -2, 0, 0, 0) }

// DimConductance is the dimension of the conductance.
func DimConductance() Dim { return dim(-2, -1, 3, 2, 0, 0, 0) }

// DimFlux is the dimension of the weber.
func DimFlux() Dim { return dim(2, 1, -2, -1, 0, 0, 0) }

// DimFluxDensity is the dimension of the tesla.
func DimFluxDensity() Dim { return dim(0, 1, -2, -1, 0, 0, 0) }

// DimInductance is the dimension of the henry.
func DimInductance() Dim { return dim(2, 1, -2, -2, 0, 0, 0) }

// DimArea is the dimension of the area.
func DimArea() Dim { return dim(2, 0, 0, 0, 0, 0, 0) }

// DimVolume is the dimension of the volume.
func DimVolume() Dim { return dim(3, 0, 0, 0, 0, 0, 0) }

// DimConcentration is the dimension of the mole per cubic metre (molar is 1000 of these).
func DimConcentration() Dim { return dim(-3, 0, 0, 0, 0, 1, 0) }

// unitDef is one unit that takes SI prefixes.
type unitDef struct {
	name  string
	scale float64
	dim   Dim
}

// prefixable lists Brian2's base and derived units (brian2.units.allunits); each
// also exists with every SI prefix and with the suffixes 2 and 3 (squared,
// cubed): "mvolt", "umetre2", "cmetre3". "gram" is prefixable ("kgram" is the
// kilogram); "kilogram" itself is not.
var prefixable = []unitDef{
	{"metre", 1, DimLength()}, {"meter", 1, DimLength()},
	{"gram", 1e-3, DimMass()},
	{"second", 1, DimTime()},
	{"amp", 1, DimCurrent()}, {"ampere", 1, DimCurrent()},
	{"kelvin", 1, DimTemperature()},
	{"mole", 1, DimAmount()}, {"mol", 1, DimAmount()},
	{"candela", 1, DimLuminosity()},
	{"radian", 1, Dimensionless()}, {"steradian", 1, Dimensionless()},
	{"hertz", 1, DimFrequency()},
	{"newton", 1, DimForce()},
	{"pascal", 1, DimPressure()},
	{"joule", 1, DimEnergy()},
	{"watt", 1, DimPower()},
	{"coulomb", 1, DimCharge()},
	{"volt", 1, DimVoltage()},
	{"farad", 1, DimCapacitance()},
	{"ohm", 1, DimResistance()},
	{"siemens", 1, DimConductance()},
	{"weber", 1, DimFlux()},
	{"tesla", 1, DimFluxDensity()},
	{"henry", 1, DimInductance()},
	{"lumen", 1, DimLuminosity()},
	{"lux", 1, DimLuminosity().Div(DimArea())},
	{"becquerel", 1, DimFrequency()},
	{"gray", 1, DimEnergy().Div(DimMass())},
	{"sievert", 1, DimEnergy().Div(DimMass())},
	{"katal", 1, DimAmount().Div(DimTime())},
	{"litre", 1e-3, DimVolume()}, {"liter", 1e-3, DimVolume()},
	{"molar", 1e3, DimConcentration()},
}

// prefixes are the SI prefixes with their decimal exponents; Brian2 writes
// micro as "u".
var prefixes = []struct {
	p   string
	exp int
}{
	{"y", -24}, {"z", -21}, {"a", -18}, {"f", -15}, {"p", -12}, {"n", -9},
	{"u", -6}, {"m", -3}, {"c", -2}, {"d", -1}, {"da", 1}, {"h", 2}, {"k", 3},
	{"M", 6}, {"G", 9}, {"T", 12}, {"P", 15}, {"E", 18}, {"Z", 21}, {"Y", 24},
}

// aliases are Brian2's short names (brian2.units.stdunits) and a few others.
var aliases = map[string]string{
	"mV": "mvolt", "uV": "uvolt", "nV": "nvolt",
	"mA": "mamp", "uA": "uamp", "nA": "namp", "pA": "pamp",
	"mF": "mfarad", "uF": "ufarad", "nF": "nfarad", "pF": "pfarad",
	"mS": "msiemens", "uS": "usiemens", "nS": "nsiemens", "pS": "psiemens",
	"ms": "msecond", "us": "usecond", "ns": "nsecond",
	"Hz": "hertz", "kHz": "khertz", "MHz": "Mhertz",
	"cm": "cmetre", "cm2": "cmetre2", "cm3": "cmetre3",
	"mm": "mmetre", "mm2": "mmetre2", "mm3": "mmetre3",
	"um": "umetre", "um2": "umetre2", "um3": "umetre3",
	"nm": "nmetre", "nm2": "nmetre2", "nm3": "nmetre3",
	"mM": "mmolar", "uM": "umolar", "nM": "nmolar",
	"kg": "kilogram",
}

// constants are the physical constants of brian2.units.constants (CODATA 2018).
var constants = map[string]Quantity{
	"avogadro_constant":   {AvogadroConstant, DimAmount().Inv()},
	"boltzmann_constant":  {BoltzmannConstant, DimEnergy().Div(DimTemperature())},
	"electric_constant":   {ElectricConstant, DimCapacitance().Div(DimLength())},
	"electron_mass":       {ElectronMass, DimMass()},
	"elementary_charge":   {ElementaryCharge, DimCharge()},
	"faraday_constant":    {FaradayConstant, DimCharge().Div(DimAmount())},
	"gas_constant":        {GasConstant, DimEnergy().Div(DimAmount().Mul(DimTemperature()))},
	"magnetic_constant":   {MagneticConstant, DimForce().Div(DimCurrent().Pow(2))},
	"molar_mass_constant": {MolarMassConstant, DimMass().Div(DimAmount())},
	"zero_celsius":        {ZeroCelsius, DimTemperature()},
}

// table holds every unit name, built once at init from the lists above.
var table = buildTable()

func buildTable() map[string]Quantity {
	t := make(map[string]Quantity, 4000)
	for _, u := range prefixable {
		for pw := 1; pw <= 3; pw++ {
			suffix := ""
			if pw > 1 {
				suffix = strconv.Itoa(pw)
			}
			d := u.dim.Pow(float64(pw))
			t[u.name+suffix] = Quantity{math.Pow(u.scale, float64(pw)), d}
			for _, p := range prefixes {
				// Pow10 of the combined exponent is exact-rounded, so
				// umetre2 == 1e-12 exactly (not 1e-6*1e-6).
				v := math.Pow10(p.exp * pw)
				if u.scale != 1 {
					v = scaled(u.scale, p.exp, pw)
				}
				t[p.p+u.name+suffix] = Quantity{v, d}
			}
		}
	}
	t["kilogram"] = Quantity{1, DimMass()}
	t["kilogram2"] = Quantity{1, DimMass().Pow(2)}
	t["kilogram3"] = Quantity{1, DimMass().Pow(3)}
	for a, target := range aliases {
		t[a] = t[target]
	}
	return t
}

// scaled returns (scale*10^exp)^pw for the non-coherent units (gram, litre,
// molar) whose scale is itself a power of ten, as one exact-rounded power.
func scaled(scale float64, exp, pw int) float64 {
	se := int(math.Round(math.Log10(scale)))
	if math.Pow10(se) == scale {
		return math.Pow10((se + exp) * pw)
	}
	return math.Pow(scale*math.Pow10(exp), float64(pw))
}

// Lookup returns the quantity named by a Brian2 unit name ("mV", "nsiemens",
// "umetre2", "Hz", "1") or physical constant ("faraday_constant"). The name "1"
// is the dimensionless unit.
func Lookup(name string) (Quantity, bool) {
	if name == "1" {
		return Quantity{1, Dimensionless()}, true
	}
	if q, ok := table[name]; ok {
		return q, true
	}
	q, ok := constants[name]
	return q, ok
}

// IsUnit reports whether name is a unit name (not a physical constant).
func IsUnit(name string) bool {
	_, ok := table[name]
	return ok || name == "1"
}

// Names returns every unit name Lookup knows, sorted (constants excluded).
func Names() []string {
	out := make([]string, 0, len(table))
	for n := range table {
		out = append(out, n)
	}
	sort.Strings(out)
	return out
}

// ConstantNames returns the names of the physical constants Lookup knows, sorted.
func ConstantNames() []string {
	out := make([]string, 0, len(constants))
	for n := range constants {
		out = append(out, n)
	}
	sort.Strings(out)
	return out
}

// dimNames maps a dimension to the name String prints for it.
var dimNames = map[Dim]string{
	DimLength(): "metre", DimMass(): "kilogram", DimTime(): "second", DimCurrent(): "amp",
	DimTemperature(): "kelvin", DimAmount(): "mole", DimLuminosity(): "candela",
	DimFrequency(): "Hz", DimForce(): "newton", DimPressure(): "pascal", DimEnergy(): "joule",
	DimPower(): "watt", DimCharge(): "coulomb", DimVoltage(): "volt",
	DimCapacitance(): "farad", DimResistance(): "ohm", DimConductance(): "siemens",
	DimFlux(): "weber", DimFluxDensity(): "tesla", DimInductance(): "henry",
	DimArea(): "metre^2", DimVolume(): "metre^3", DimConcentration(): "mole/metre^3",
	DimConductance().Div(DimArea()):  "siemens/metre^2",
	DimCurrent().Div(DimArea()):      "amp/metre^2",
	DimCapacitance().Div(DimArea()):  "farad/metre^2",
	DimResistance().Mul(DimLength()): "ohm*metre",
}
