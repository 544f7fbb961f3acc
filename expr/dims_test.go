package expr

import (
	"strings"
	"testing"

	"github.com/gohears/hears/units"
)

func TestDimOf(t *testing.T) {
	V, A, S, T := units.DimVoltage(), units.DimCurrent(), units.DimConductance(), units.DimTime()
	s := Dims{"v": V, "I": A, "g": S, "tau": T, "x": units.Dimensionless(), "t": T}
	cases := []struct {
		src  string
		want units.Dim
	}{
		{"v", V},
		{"10*mV", V},
		{"g*(v - 10*mV)", A},
		{"(I - g*v)/tau", A.Div(T)},
		{"v/mV", units.Dimensionless()},
		{"v**2", V.Pow(2)},
		{"mV**-1", V.Inv()},
		{"sqrt(tau)", T.Pow(0.5)},
		{"v**(1/2)*v**0.5", V},
		{"exp(v/mV) + log(x) + sin(pi*x)", units.Dimensionless()},
		{"abs(v) + floor(v) + ceil(v) + clip(v, 0, inf) + clip(v, -1*mV, 1*mV)", V},
		{"clip(0, v, 1*volt)", V},
		{"sign(v) + int(x) + rand() + randn()", units.Dimensionless()},
		{"v > 0 and v < 1*volt or not x", units.Dimensionless()},
		{"v + 0", V},
		{"0 - v", V},
		{"-v", V},
		{"xi*tau**0.5", units.Dimensionless()},
		{"xi_noise", T.Pow(-0.5)},
		{"faraday_constant*1*mole", units.DimCharge()},
		{"x**x", units.Dimensionless()},
		{"timestep(t, 0.1*ms)", units.Dimensionless()},
		{"exprel(v/mV)", units.Dimensionless()},
		{"e + pi + inf", units.Dimensionless()},
		{"v % (1*mV)", V},
		{"v // mV", units.Dimensionless()},
		{"tau // ms * ms", T},
	}
	for _, c := range cases {
		d, err := DimOf(MustParseExpr(c.src), s)
		if err != nil || d != c.want {
			t.Errorf("DimOf(%q) = %v, %v; want %v", c.src, d, err, c.want)
		}
	}
}

// TestDimensionErrorMessages checks that messages name the term and both dimensions.
func TestDimensionErrorMessages(t *testing.T) {
	V, A, T := units.DimVoltage(), units.DimCurrent(), units.DimTime()
	s := Dims{"v": V, "I": A, "tau": T, "x": units.Dimensionless()}
	cases := []struct{ src, want string }{
		{"I - v", `1:1: cannot subtract volt from amp in "I - v"`},
		{"x + (I + v)", `1:6: cannot add volt to amp in "I + v"`},
		{"v > I", `cannot compare volt with amp in "v > I"`},
		{"exp(v)", `exp needs a dimensionless argument, got volt in "exp(v)"`},
		{"log(tau)", `log needs a dimensionless argument, got second`},
		{"v**x", `a power of a volt value needs a constant exponent in "v**x"`},
		{"x**v", `the exponent must be dimensionless, got volt`},
		{"clip(v, 0, 1*amp)", `clip bounds must have the dimension of its first argument (volt), got amp`},
		{"v and x", `'and' needs dimensionless (boolean) operands, got volt and 1`},
		{"not v", `'not' needs a dimensionless (boolean) operand`},
		{"foo", `unknown name "foo"`},
		{"v % I", `cannot take volt modulo amp in "v%I"`},
		{"foo(v)", `unknown function "foo"`},
		{"exp(x, x)", `exp takes 1 argument, got 2`},
		{"int(v)", `int needs a dimensionless argument`},
		{"timestep(v, tau)", `timestep needs two times`},
		{"x +\n  (tau - v)", `2:4: cannot subtract volt from second`},
	}
	for _, c := range cases {
		_, err := DimOf(MustParseExpr(c.src), s)
		if err == nil || !strings.Contains(err.Error(), c.want) {
			t.Errorf("DimOf(%q): %v; want %q", c.src, err, c.want)
		}
	}
}

func TestEquationsCheckErrors(t *testing.T) {
	T := units.DimTime()
	cases := []struct {
		src   string
		scope Scope
		want  string
	}{
		{"dv/dt = (I - v)/tau : volt\nI : amp", Dims{"tau": T},
			`line 1:10: dv/dt = (I - v)/tau: cannot subtract volt from amp in "I - v"`},
		{"dv/dt = -v : volt", nil,
			`line 1:9: dv/dt = -v: the right-hand side has dimension volt but dv/dt needs volt/second`},
		{"I = g*v : amp\ng : siemens\nv : volt\n\nx = I/g : second", nil,
			`line 5:5: x = I/g: the right-hand side has dimension volt but x needs second`},
		{"dv/dt = -v/tau : volt", nil, `line 1:12: dv/dt = -v/tau: unknown name "tau"`},
		{"a = b : 1\nb = a : 1", nil, `line 1:1: subexpression "a" refers to itself (through a = b)`},
		{"dv/dt = (\n  gL*(EL - v) +\n  I)/C : volt\ngL : siemens\nEL : volt\nI : volt\nC : farad", nil,
			`line 2:3: dv/dt = ( gL*(EL - v) + I)/C: cannot add volt to amp in "gL*(EL - v) + I"`},
	}
	for _, c := range cases {
		eqs, err := ParseEquations(c.src)
		if err != nil {
			t.Fatalf("%q: %v", c.src, err)
		}
		err = eqs.Check(c.scope)
		if err == nil || err.Error() != c.want {
			t.Errorf("Check(%q):\n got %v\nwant %s", c.src, err, c.want)
		}
	}
	// A literal zero fits any unit.
	eqs, _ := ParseEquations("dv/dt = 0 : volt\nx = 0 : amp")
	if err := eqs.Check(nil); err != nil {
		t.Error(err)
	}
	// User functions with a dimension rule.
	ta := NewDecls().Func("ta", &Func{NArgs: -1, DimRule: func(a []units.Dim) (units.Dim, error) { return a[0].Mul(a[0]), nil }})
	eqs, _ = ParseEquations("x = ta(t) : second**2")
	if err := eqs.Check(Chain{ta, Dims{"t": T}}); err != nil {
		t.Error(err)
	}
}

func TestEvalConst(t *testing.T) {
	cases := []struct {
		src string
		v   float64
		d   units.Dim
	}{
		{"10*ms", 0.01, units.DimTime()},
		{"-65*mV", -0.065, units.DimVoltage()},
		{"2*pi*1*kHz", 2 * 3.141592653589793 * 1000, units.DimFrequency()},
		{"faraday_constant*1*mmole", units.FaradayConstant * 1e-3, units.DimCharge()},
		{"exp(0)*c", 3, units.DimCurrent()},
		{"sqrt(4*ms**2)", 2e-3, units.DimTime()},
	}
	s := NewDecls().Constant("c", 3, units.DimCurrent()).Vector("v", units.DimVoltage())
	for _, c := range cases {
		q, err := EvalConst(MustParseExpr(c.src), s)
		if err != nil || q.Dim != c.d || !relClose(q.Value, c.v, 1e-15) {
			t.Errorf("EvalConst(%s) = %v, %v", c.src, q, err)
		}
	}
	for _, c := range []struct{ src, want string }{
		{"v*2", "v*2 is not a constant (v)"},
		{"rand()", "rand() is not a constant (rand())"},
		{"x", `unknown name "x"`},
		{"1*mV + 1*ms", "cannot add second to volt"},
	} {
		if _, err := EvalConst(MustParseExpr(c.src), s); err == nil || !strings.Contains(err.Error(), c.want) {
			t.Errorf("EvalConst(%s): %v, want %q", c.src, err, c.want)
		}
	}
	// Check points at the equation for generated nodes without positions.
	eqs := &Equations{List: []Equation{{Kind: Subexpression, Name: "x", Expr: Sub(Ident("a"), Ident("b")), Line: 3, Col: 2, Text: "x = a - b"}}}
	err := eqs.Check(Dims{"a": units.DimVoltage(), "b": units.DimCurrent()})
	if err == nil || err.Error() != `line 3:2: x = a - b: cannot subtract amp from volt in "a - b"` {
		t.Errorf("generated equation error: %v", err)
	}
}

func TestSpecialNamesDefaultDims(t *testing.T) {
	eqs, err := ParseEquations("dx/dt = (sin(2*pi*t/dt) + i/N - x)/(1*ms) + xi*second**-0.5 : 1")
	if err != nil {
		t.Fatal(err)
	}
	if err := eqs.Check(nil); err != nil {
		t.Error(err)
	}
	// A scope may still redefine them.
	if d, err := DimOf(MustParseExpr("t"), Dims{"t": units.DimVoltage()}); err != nil || d != units.DimVoltage() {
		t.Errorf("t in scope: %v %v", d, err)
	}
	if b := Builtins(); len(b) < 20 || b[0] != "abs" {
		t.Errorf("Builtins = %v", b)
	}
}
