package units

import (
	"math"
	"strings"
	"testing"
)

func TestGoConstants(t *testing.T) {
	if 100*Millisecond != 0.1 {
		t.Fatalf("100*Millisecond = %v", 100*Millisecond)
	}
	if 3*KHz != 3000 || 20*Millivolt != 0.02 || 5*Nanoamp != 5e-9 {
		t.Fatal("scaled constants wrong")
	}
	if math.Abs(FaradayConstant-96485.33212331001) > 1e-8 {
		t.Fatalf("Faraday %v", FaradayConstant)
	}
	if math.Abs(GasConstant-8.314462618153241) > 1e-12 {
		t.Fatalf("gas constant %v", GasConstant)
	}
}

func TestSpotValues(t *testing.T) {
	volt := DimVoltage()
	cases := []struct {
		name string
		v    float64
		d    Dim
	}{
		{"1", 1, Dimensionless()},
		{"volt", 1, volt}, {"mV", 1e-3, volt}, {"mvolt", 1e-3, volt}, {"uV", 1e-6, volt},
		{"amp", 1, DimCurrent()}, {"mA", 1e-3, DimCurrent()}, {"uA", 1e-6, DimCurrent()},
		{"nA", 1e-9, DimCurrent()}, {"pA", 1e-12, DimCurrent()}, {"ampere", 1, DimCurrent()},
		{"siemens", 1, DimConductance()}, {"mS", 1e-3, DimConductance()}, {"uS", 1e-6, DimConductance()},
		{"nS", 1e-9, DimConductance()}, {"nsiemens", 1e-9, DimConductance()},
		{"farad", 1, DimCapacitance()}, {"uF", 1e-6, DimCapacitance()}, {"nF", 1e-9, DimCapacitance()},
		{"pF", 1e-12, DimCapacitance()},
		{"ohm", 1, DimResistance()}, {"kohm", 1e3, DimResistance()}, {"Mohm", 1e6, DimResistance()},
		{"Gohm", 1e9, DimResistance()},
		{"second", 1, DimTime()}, {"ms", 1e-3, DimTime()}, {"us", 1e-6, DimTime()}, {"msecond", 1e-3, DimTime()},
		{"Hz", 1, DimFrequency()}, {"kHz", 1e3, DimFrequency()}, {"MHz", 1e6, DimFrequency()}, {"hertz", 1, DimFrequency()},
		{"metre", 1, DimLength()}, {"meter", 1, DimLength()}, {"cm", 1e-2, DimLength()}, {"mm", 1e-3, DimLength()},
		{"um", 1e-6, DimLength()}, {"cm2", 1e-4, DimArea()}, {"um2", 1e-12, DimArea()},
		{"umetre2", 1e-12, DimArea()}, {"umeter2", 1e-12, DimArea()}, {"metre2", 1, DimArea()},
		{"metre3", 1, DimVolume()}, {"cmetre3", 1e-6, DimVolume()}, {"mmetre3", 1e-9, DimVolume()},
		{"mole", 1, DimAmount()}, {"mmole", 1e-3, DimAmount()}, {"mol", 1, DimAmount()},
		{"molar", 1e3, DimConcentration()}, {"mmolar", 1, DimConcentration()}, {"mM", 1, DimConcentration()},
		{"uM", 1e-3, DimConcentration()},
		{"kelvin", 1, DimTemperature()},
		{"gram", 1e-3, DimMass()}, {"kgram", 1, DimMass()}, {"kilogram", 1, DimMass()}, {"kg", 1, DimMass()},
		{"mgram", 1e-6, DimMass()},
		{"coulomb", 1, DimCharge()}, {"joule", 1, DimEnergy()}, {"watt", 1, DimPower()}, {"pascal", 1, DimPressure()},
		{"newton", 1, DimForce()}, {"litre", 1e-3, DimVolume()}, {"mlitre", 1e-6, DimVolume()},
		{"radian", 1, Dimensionless()},
		{"davolt", 10, volt}, {"hvolt", 100, volt}, {"Yvolt", 1e24, volt}, {"yvolt", 1e-24, volt},
		{"mvolt2", 1e-6, volt.Pow(2)}, {"kvolt3", 1e9, volt.Pow(3)},
		{"faraday_constant", FaradayConstant, DimCharge().Div(DimAmount())},
		{"zero_celsius", 273.15, DimTemperature()},
		{"elementary_charge", 1.602176634e-19, DimCharge()},
		{"boltzmann_constant", 1.380649e-23, DimEnergy().Div(DimTemperature())},
		{"avogadro_constant", 6.02214076e23, DimAmount().Inv()},
	}
	for _, c := range cases {
		q, ok := Lookup(c.name)
		if !ok {
			t.Errorf("Lookup(%q) not found", c.name)
			continue
		}
		if q.Dim != c.d {
			t.Errorf("%s: dim %v, want %v", c.name, q.Dim, c.d)
		}
		if q.Value != c.v && math.Abs(q.Value-c.v) > 1e-15*math.Abs(c.v) {
			t.Errorf("%s: value %v, want %v", c.name, q.Value, c.v)
		}
	}
	for _, bad := range []string{"", "mvolts", "xvolt", "m", "g", "v", "V", "kilogram_"} {
		if _, ok := Lookup(bad); ok {
			t.Errorf("Lookup(%q) should fail", bad)
		}
	}
}

// TestEveryPrefix checks every prefix of every prefixable unit and each power.
func TestEveryPrefix(t *testing.T) {
	n := 0
	for _, u := range prefixable {
		for pw := 1; pw <= 3; pw++ {
			suf := ""
			if pw > 1 {
				suf = string(rune('0' + pw))
			}
			base, ok := Lookup(u.name + suf)
			if !ok {
				t.Fatalf("missing %s%s", u.name, suf)
			}
			for _, p := range prefixes {
				q, ok := Lookup(p.p + u.name + suf)
				if !ok {
					t.Fatalf("missing %s%s%s", p.p, u.name, suf)
				}
				want := base.Value * math.Pow(10, float64(p.exp*pw))
				if math.Abs(q.Value-want) > 1e-14*want {
					t.Errorf("%s%s%s = %v want %v", p.p, u.name, suf, q.Value, want)
				}
				if q.Dim != u.dim.Pow(float64(pw)) {
					t.Errorf("%s%s%s dim %v", p.p, u.name, suf, q.Dim)
				}
				n++
			}
		}
	}
	if n < 2000 {
		t.Fatalf("only %d prefixed names", n)
	}
	for a, target := range aliases {
		if Lookup1(a) != Lookup1(target) {
			t.Errorf("alias %s != %s", a, target)
		}
	}
	names := Names()
	if len(names) < n || !IsUnit("mV") || IsUnit("faraday_constant") {
		t.Fatal("Names/IsUnit inconsistent")
	}
	if len(ConstantNames()) != len(constants) {
		t.Fatal("ConstantNames")
	}
}

func Lookup1(n string) Quantity { q, _ := Lookup(n); return q }

func TestDimArithmeticAndString(t *testing.T) {
	cases := []struct {
		d    Dim
		want string
	}{
		{Dimensionless(), "1"},
		{DimVoltage(), "volt"},
		{DimCurrent(), "amp"},
		{DimConductance(), "siemens"},
		{DimFrequency(), "Hz"},
		{DimVoltage().Div(DimTime()), "volt/second"},
		{DimCurrent().Div(DimCapacitance()), "volt/second"},
		{DimConductance().Div(DimArea()), "siemens/metre^2"},
		{DimArea(), "metre^2"},
		{DimVoltage().Mul(DimCurrent()).Mul(DimTime()), "joule"},
		{DimVoltage().Mul(DimVoltage()), "m^4 kg^2 s^-6 A^-2"},
		{DimTime().Pow(-0.5), "s^-0.5"},
	}
	for _, c := range cases {
		if got := c.d.String(); got != c.want {
			t.Errorf("String(%v) = %q want %q", c.d.SI(), got, c.want)
		}
	}
	if DimVoltage().SI() != "m^2 kg s^-3 A^-1" {
		t.Errorf("SI: %s", DimVoltage().SI())
	}
	if DimResistance().Mul(DimCurrent()) != DimVoltage() {
		t.Error("ohm*amp != volt")
	}
	if DimVoltage().Pow(1.0/3).Pow(3) != DimVoltage() {
		t.Error("cube root round trip")
	}
	if DimTime().Pow(0.5).Mul(DimTime().Pow(0.5)) != DimTime() {
		t.Error("sqrt round trip")
	}
	if !DimVoltage().Div(DimVoltage()).IsDimensionless() || DimVoltage().Inv().Mul(DimVoltage()) != Dimensionless() {
		t.Error("inverse")
	}
	if Base(Time) != DimTime() || Base(99) != Dimensionless() {
		t.Error("Base")
	}
	if !DimVoltage().IsValid() || DimVoltage().Pow(math.NaN()).IsValid() {
		t.Error("IsValid")
	}
	q := Lookup1("mV").Mul(Lookup1("nA"))
	if q.Dim != DimPower() || math.Abs(q.Value-1e-12) > 1e-27 {
		t.Errorf("mV*nA = %v", q)
	}
	if s := Lookup1("mV").String(); !strings.Contains(s, "0.001 volt") {
		t.Errorf("Quantity.String %q", s)
	}
	if q := Lookup1("ms").Pow(2).Div(Lookup1("ms")); q.Dim != DimTime() || math.Abs(q.Value-1e-3) > 1e-18 {
		t.Errorf("pow/div %v", q)
	}
}

// TestDimValidBounds: exponents beyond ±MaxExponent, infinite or NaN make a
// Dim invalid (volt**1e308 had infinite exponents and passed as valid).
func TestDimValidBounds(t *testing.T) {
	v := DimVoltage()
	if !v.Pow(4).IsValid() || !v.Pow(-2.5).IsValid() {
		t.Error("small powers of the volt are invalid")
	}
	for _, p := range []float64{1e308, 101, -1e3} {
		if v.Pow(p).IsValid() {
			t.Errorf("volt**%v is valid", p)
		}
	}
}
