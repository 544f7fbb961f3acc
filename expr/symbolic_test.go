package expr

import (
	"math"
	"math/rand/v2"
	"os"
	"testing"

	"github.com/gohears/hears/units"
)

// evalAt evaluates n with the names bound to vals (units and pi resolve as usual).
func evalAt(t *testing.T, n Node, vals map[string]float64) float64 {
	t.Helper()
	d := NewDecls()
	for k, v := range vals {
		d.Constant(k, v, units.Dimensionless())
	}
	v, ok := constValue(n, d)
	if !ok {
		t.Fatalf("cannot evaluate %v", n)
	}
	return v
}

// randomPoint draws a value for every name, at physiological scales.
func randomPoint(r *rand.Rand, names map[string]float64) map[string]float64 {
	out := map[string]float64{}
	for k, scale := range names {
		out[k] = scale * (0.2 + r.Float64())
	}
	return out
}

func loadEqs(t *testing.T, file string) *Equations {
	t.Helper()
	b, err := os.ReadFile("testdata/" + file)
	if err != nil {
		t.Fatal(err)
	}
	eqs, err := ParseEquations(string(b))
	if err != nil {
		t.Fatal(err)
	}
	return eqs
}

// TestSplitLinearHandForms checks node == A*x + B, A and B free of x, and A
// and B against hand-derived forms at random points.
func TestSplitLinearHandForms(t *testing.T) {
	mv, ns, ms := 1e-3, 1e-9, 1e-3
	cases := []struct {
		name, file, eq, x string
		hand              func(p map[string]float64) (a, b float64)
		scales            map[string]float64
	}{
		{"LIF", "lif.txt", "v", "v",
			func(p map[string]float64) (float64, float64) { return -1 / p["tau"], p["I"] / p["tau"] },
			map[string]float64{"v": 1, "I": 1, "tau": 10 * ms}},
		{"CUBA", "cuba.txt", "v", "v",
			func(p map[string]float64) (float64, float64) {
				return -1 / p["taum"], (p["ge"] + p["gi"] + p["El"]) / p["taum"]
			},
			map[string]float64{"v": -60 * mv, "ge": 5 * mv, "gi": -5 * mv, "El": -49 * mv, "taum": 20 * ms}},
		{"COBA", "coba.txt", "v", "v",
			func(p map[string]float64) (float64, float64) {
				return -(p["ge"] + p["gi"] + 1) / p["taum"], (p["ge"]*p["Ee"] + p["gi"]*p["Ei"] + p["El"]) / p["taum"]
			},
			map[string]float64{"v": -60 * mv, "ge": 0.5, "gi": 0.5, "Ee": 1 * mv, "Ei": -80 * mv, "El": -60 * mv, "taum": 20 * ms}},
		{"HH v", "hh_tutorial.txt", "v", "v",
			func(p map[string]float64) (float64, float64) {
				g := p["gl"] + p["g_na"]*math.Pow(p["m"], 3)*p["h"] + p["g_kd"]*math.Pow(p["n"], 4)
				b := p["gl"]*p["El"] + p["g_na"]*math.Pow(p["m"], 3)*p["h"]*p["ENa"] + p["g_kd"]*math.Pow(p["n"], 4)*p["EK"] + p["I"]
				return -g / p["C"], b / p["C"]
			},
			map[string]float64{"v": -60 * mv, "m": 0.5, "n": 0.5, "h": 0.5, "gl": 5e-9, "g_na": 1e-5, "g_kd": 3e-6,
				"El": -65 * mv, "ENa": 50 * mv, "EK": -90 * mv, "I": 1 * ns, "C": 200e-12, "VT": -63 * mv}},
		{"AdEx w", "adex.txt", "w", "w",
			func(p map[string]float64) (float64, float64) {
				return -1 / p["tauw"], p["a"] * (p["vm"] - p["EL"]) / p["tauw"]
			},
			map[string]float64{"w": 1 * ns, "a": 4 * ns, "vm": -60 * mv, "EL": -70 * mv, "tauw": 100 * ms}},
	}
	// HH gating from the tutorial: alpha*(1-x) - beta*x for m, n, h.
	hhScales := map[string]float64{"v": -60 * mv, "VT": -63 * mv, "m": 0.5, "n": 0.5, "h": 0.5}
	for _, gate := range []string{"m", "n", "h"} {
		gate := gate
		alpha, beta := hhRates(gate)
		cases = append(cases, struct {
			name, file, eq, x string
			hand              func(p map[string]float64) (a, b float64)
			scales            map[string]float64
		}{"HH " + gate, "hh_tutorial.txt", gate, gate,
			func(p map[string]float64) (float64, float64) {
				a, b := alpha(p["v"], p["VT"]), beta(p["v"], p["VT"])
				return -(a + b), a
			}, hhScales})
	}
	r := rand.New(rand.NewPCG(11, 12))
	for _, c := range cases {
		eqs := loadEqs(t, c.file)
		rhs, err := eqs.Substituted(c.eq, false)
		if err != nil {
			t.Fatal(err)
		}
		if c.name == "LIF" { // keep I = ta(t, i) as the name I, which the hand form uses
			e, _ := eqs.Get("v")
			rhs = e.Expr
		}
		a, b, ok := SplitLinear(rhs, c.x)
		if !ok {
			t.Errorf("%s: not linear in %s: %v", c.name, c.x, rhs)
			continue
		}
		if DependsOn(a, c.x) || DependsOn(b, c.x) {
			t.Errorf("%s: A or B depends on %s: %v | %v", c.name, c.x, a, b)
		}
		for trial := 0; trial < 50; trial++ {
			p := randomPoint(r, c.scales)
			f := evalAt(t, rhs, p)
			av, bv := evalAt(t, a, p), evalAt(t, b, p)
			ha, hb := c.hand(p)
			scale := math.Abs(av*p[c.x]) + math.Abs(bv)
			if math.Abs(f-(av*p[c.x]+bv)) > 1e-12*scale {
				t.Fatalf("%s: f=%v but A*x+B=%v at %v", c.name, f, av*p[c.x]+bv, p)
			}
			if !relClose(av, ha, 1e-12) || math.Abs(bv-hb) > 1e-12*(math.Abs(hb)+math.Abs(ha*p[c.x])) {
				t.Fatalf("%s: A=%v B=%v, hand A=%v B=%v", c.name, av, bv, ha, hb)
			}
		}
	}
}

// hhRates returns the tutorial's alpha and beta for a gate, hand-written (SI).
func hhRates(gate string) (alpha, beta func(v, VT float64) float64) {
	mv, ms := 1e-3, 1e-3
	switch gate {
	case "m":
		return func(v, VT float64) float64 {
				return 0.32 / mv * (13*mv - v + VT) / (math.Exp((13*mv-v+VT)/(4*mv)) - 1) / ms
			}, func(v, VT float64) float64 {
				return 0.28 / mv * (v - VT - 40*mv) / (math.Exp((v-VT-40*mv)/(5*mv)) - 1) / ms
			}
	case "n":
		return func(v, VT float64) float64 {
				return 0.032 / mv * (15*mv - v + VT) / (math.Exp((15*mv-v+VT)/(5*mv)) - 1) / ms
			}, func(v, VT float64) float64 {
				return 0.5 * math.Exp((10*mv-v+VT)/(40*mv)) / ms
			}
	}
	return func(v, VT float64) float64 {
			return 0.128 * math.Exp((17*mv-v+VT)/(18*mv)) / ms
		}, func(v, VT float64) float64 {
			return 4 / (1 + math.Exp((40*mv-v+VT)/(5*mv))) / ms
		}
}

func TestSplitLinearSubexpressionsCOBAHH(t *testing.T) {
	eqs := loadEqs(t, "cobahh.txt")
	for _, gate := range []string{"m", "n", "h"} {
		rhs, err := eqs.Substituted(gate, true)
		if err != nil {
			t.Fatal(err)
		}
		if DependsOn(rhs, "alpha_"+gate) || !DependsOn(rhs, "v") {
			t.Fatalf("%s: subexpressions not substituted: %v", gate, rhs)
		}
		a, b, ok := SplitLinear(rhs, gate)
		if !ok {
			t.Fatalf("%s not linear: %v", gate, rhs)
		}
		want := Simplify(Neg(Add(eqsExpanded(t, eqs, "alpha_"+gate), eqsExpanded(t, eqs, "beta_"+gate))))
		p := map[string]float64{"v": -0.062, "VT": -0.063}
		if !relClose(evalAt(t, a, p), evalAt(t, want, p), 1e-13) || !relClose(evalAt(t, b, p), evalAt(t, eqsExpanded(t, eqs, "alpha_"+gate), p), 1e-13) {
			t.Errorf("%s: A=%v B=%v", gate, a, b)
		}
	}
	// v is linear too (conductances multiply v).
	rhs, _ := eqs.Substituted("v", true)
	if !IsLinear(rhs, "v") {
		t.Error("COBAHH v not linear")
	}
}

func eqsExpanded(t *testing.T, eqs *Equations, name string) Node {
	e, ok := eqs.Get(name)
	if !ok {
		t.Fatalf("no %s", name)
	}
	return e.Expr
}

func TestSplitLinearRejects(t *testing.T) {
	eqs := loadEqs(t, "adex.txt")
	vm, _ := eqs.Get("vm")
	if IsLinear(vm.Expr, "vm") {
		t.Error("AdEx reported linear in vm (exp(vm))")
	}
	if !IsLinear(vm.Expr, "w") {
		t.Error("AdEx dvm/dt should be linear in w")
	}
	for _, src := range []string{"x*x", "1/x", "exp(x)", "x > 0", "sqrt(x)", "clip(x, 0, 1)", "f(x)", "x**2", "a*x*x",
		"(x + 1)*(x - 1)", "a/(b + x)", "not x", "x and y", "abs(x)", "2**x"} {
		if IsLinear(MustParseExpr(src), "x") {
			t.Errorf("%s reported linear in x", src)
		}
	}
	for _, src := range []string{"x", "-x", "a", "3", "a*x + b", "x/tau", "-(x - a)/tau", "a*(b*(c*x + d) - e)/f", "x**1", "f(y) + x*g(y)", "x*1*mV/mV"} {
		if !IsLinear(MustParseExpr(src), "x") {
			t.Errorf("%s reported not linear in x", src)
		}
	}
	a, b, _ := SplitLinear(MustParseExpr("3"), "x")
	if a.String() != "0" || b.String() != "3" {
		t.Errorf("constant split: %v %v", a, b)
	}
	a, b, _ = SplitLinear(MustParseExpr("(I - v)/tau"), "v")
	if a.String() != "-1/tau" || b.String() != "I/tau" {
		t.Errorf("LIF split printed %v | %v", a, b)
	}
}

func TestDerivativeMatchesFiniteDifference(t *testing.T) {
	srcs := []string{
		"x**3 + 2*x", "exp(-x/tau)", "log(x) + log10(x)", "sqrt(x)", "sin(x)*cos(x)", "tan(x)", "sinh(x) + cosh(x) + tanh(x)",
		"arcsin(x/3) + arccos(x/3) + arctan(x)", "abs(x - 1)", "x**x", "a**x", "x/(1 + x)", "1/x", "exprel(x)",
		"clip(x, 0.5, 1.5)*2", "x**0.5 * x**-1", "(x > 1)*x", "floor(x) + x", "exp(x)*log1p(x) + expm1(x)",
		"0.32*(13 - x)/(exp((13 - x)/4) - 1)", "-x", "not x", "x + f(a)", "x % 5 + a % x + x // 7",
	}
	r := rand.New(rand.NewPCG(3, 4))
	for _, src := range srcs {
		n := MustParseExpr(src)
		d, err := Derivative(n, "x")
		if err != nil {
			t.Errorf("Derivative(%s): %v", src, err)
			continue
		}
		if src == "x + f(a)" {
			if d.String() != "1" {
				t.Errorf("d(x + f(a)) = %v", d)
			}
			continue
		}
		for trial := 0; trial < 20; trial++ {
			x := 0.3 + 2.4*r.Float64()
			if math.Abs(x-1) < 0.01 || math.Abs(x-0.5) < 0.01 || math.Abs(x-1.5) < 0.01 || math.Abs(x-2) < 0.01 {
				continue // kinks
			}
			p := map[string]float64{"x": x, "tau": 0.7, "a": 1.3}
			h := 1e-6
			p1 := map[string]float64{"x": x + h, "tau": 0.7, "a": 1.3}
			p0 := map[string]float64{"x": x - h, "tau": 0.7, "a": 1.3}
			fd := (evalAt(t, n, p1) - evalAt(t, n, p0)) / (2 * h)
			got := evalAt(t, d, p)
			if math.Abs(got-fd) > 1e-6*(1+math.Abs(fd)) {
				t.Errorf("d/dx %s at %v = %v (%v), finite difference %v", src, x, got, d, fd)
				break
			}
		}
	}
	if _, err := Derivative(MustParseExpr("f(x)"), "x"); err == nil {
		t.Error("user function of x differentiated")
	}
	if d, _ := Derivative(MustParseExpr("a*y"), "x"); d.String() != "0" {
		t.Errorf("d(a*y)/dx = %v", d)
	}
	// The HH gating derivative in m is -(alpha+beta), as the linear split says.
	eqs := loadEqs(t, "hh_tutorial.txt")
	m, _ := eqs.Get("m")
	d, err := Derivative(m.Expr, "m")
	if err != nil || DependsOn(d, "m") {
		t.Fatalf("dm: %v %v", d, err)
	}
	a, _, _ := SplitLinear(m.Expr, "m")
	p := map[string]float64{"v": -0.055, "VT": -0.063, "m": 0.3}
	if !relClose(evalAt(t, d, p), evalAt(t, a, p), 1e-14) {
		t.Error("derivative and linear coefficient differ")
	}
}

func TestSimplify(t *testing.T) {
	cases := []struct{ src, want string }{
		{"x + 0", "x"}, {"0 + x", "x"}, {"x - 0", "x"}, {"0 - x", "-x"}, {"x*1", "x"}, {"1*x", "x"},
		{"x*0", "0"}, {"0*x", "0"}, {"x/1", "x"}, {"0/x", "0"}, {"x**1", "x"}, {"x**0", "1"},
		{"--x", "x"}, {"x + -y", "x - y"}, {"x - -y", "x + y"}, {"(-x)*(-y)", "x*y"}, {"-x*y", "-(x*y)"},
		{"2*3 + x", "6 + x"}, {"exp(0) + x", "1 + x"}, {"x*-1", "-x"}, {"x/-1", "-x"}, {"-x/-y", "x/y"},
		{"x + -3", "x - 3"}, {"x - -3", "x + 3"}, {"not 0", "1"}, {"1 < 2", "1"}, {"rand()*1", "rand()"},
		{"f(1 + 1)", "f(2)"}, {"-(-2)", "2"}, {"-x + y", "y - x"},
	}
	for _, c := range cases {
		if got := Simplify(MustParseExpr(c.src)).String(); got != c.want {
			t.Errorf("Simplify(%s) = %s want %s", c.src, got, c.want)
		}
	}
}

func TestSubstituteAndVariables(t *testing.T) {
	n := MustParseExpr("a*exp(b) + f(a, c)")
	m := Substitute(n, map[string]Node{"a": MustParseExpr("x + 1"), "c": Num(2)})
	if m.String() != "(x + 1)*exp(b) + f(x + 1, 2)" {
		t.Errorf("Substitute = %v", m)
	}
	if Substitute(n, map[string]Node{"zz": Num(1)}) != n {
		t.Error("Substitute without matches should return the same node")
	}
	if got := Variables(m); len(got) != 2 || got[0] != "b" || got[1] != "x" {
		t.Errorf("Variables = %v", got)
	}
	if got := Functions(m); len(got) != 2 || got[0] != "exp" || got[1] != "f" {
		t.Errorf("Functions = %v", got)
	}
	built := Add(Mul(Ident("dt"), Call("f", Ident("v"))), Ident("v"), Num(1))
	if built.String() != "dt*f(v) + v + 1" {
		t.Errorf("built %v", built)
	}
	if Add().String() != "0" || Mul().String() != "1" || Sub(Ident("a"), Neg(Ident("b"))).String() != "a - -b" ||
		Div(Ident("a"), Pow(Ident("b"), Num(2))).String() != "a/b**2" || Not(Ident("a")).String() != "not a" {
		t.Error("constructors print wrong")
	}
	// Substituted keeps or expands "constant over dt" subexpressions.
	eqs, err := ParseEquations("dv/dt = (I - v)/tau : 1\nI = J*2 : 1 (constant over dt)\nJ = K + 1 : 1\nK : 1")
	if err != nil {
		t.Fatal(err)
	}
	kept, _ := eqs.Substituted("v", true)
	full, _ := eqs.Substituted("v", false)
	if kept.String() != "(I - v)/tau" || full.String() != "((K + 1)*2 - v)/tau" {
		t.Errorf("Substituted: %v | %v", kept, full)
	}
	if _, err := eqs.Substituted("K", false); err == nil {
		t.Error("Substituted of a parameter should fail")
	}
}
