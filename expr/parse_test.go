package expr

import (
	"os"
	"reflect"
	"strings"
	"testing"

	"github.com/gohears/hears/units"
)

func TestParseExprPrecedenceAndPrinting(t *testing.T) {
	cases := []struct{ src, want string }{
		{"1 + 2*3", "1 + 2*3"},
		{"(1 + 2)*3", "(1 + 2)*3"},
		{"a - (b - c)", "a - (b - c)"},
		{"a - b - c", "a - b - c"},
		{"a/(b*c)", "a/(b*c)"},
		{"-x**2", "-x**2"},
		{"(-x)**2", "(-x)**2"},
		{"x**-1", "x**-1"},
		{"2**3**2", "2**3**2"},
		{"(2**3)**2", "(2**3)**2"},
		{"mV**-1*(13.*mV - v)", "mV**-1*(13*mV - v)"},
		{"a < b and not c or d", "a < b and not c or d"},
		{"not (a and b)", "not (a and b)"},
		{"(a or b) and c", "(a or b) and c"},
		{"- - x", "-(-x)"},
		{"+x", "x"},
		{".5 + 13. + 1e-3 + 2E+2", "0.5 + 13 + 0.001 + 200"},
		{"f()", "f()"},
		{"clip(x, 0, inf)", "clip(x, 0, inf)"},
		{"True + False", "1 + 0"},
		{"(\n a +\n b)", "a + b"},
		{"a == b", "a == b"},
		{"(a < b) < c", "(a < b) < c"},
		{"a*-b", "a*-b"},
		{"x \\\n + 1", "x + 1"},
		{"a % b // c * d", "a%b//c*d"},
		{"a % (b // c)", "a%(b//c)"},
	}
	for _, c := range cases {
		n, err := ParseExpr(c.src)
		if err != nil {
			t.Errorf("ParseExpr(%q): %v", c.src, err)
			continue
		}
		if got := n.String(); got != c.want {
			t.Errorf("ParseExpr(%q) = %q want %q", c.src, got, c.want)
		}
		// Printing round-trips.
		m, err := ParseExpr(n.String())
		if err != nil || !Equal(m, n) {
			t.Errorf("round trip of %q: %v %v", n, m, err)
		}
	}
	// -x**2 is -(x**2); 2**3**2 = 2**9.
	if v, _ := constValue(MustParseExpr("-2**2"), nil); v != -4 {
		t.Errorf("-2**2 = %v", v)
	}
	if v, _ := constValue(MustParseExpr("2**3**2"), nil); v != 512 {
		t.Errorf("2**3**2 = %v", v)
	}
	for src, want := range map[string]float64{"-7 % 3": 2, "7 % -3": -2, "7.5 % 2": 1.5, "7 // 2": 3, "-7 // 2": -4, "6 % 3": 0} {
		if v, _ := constValue(MustParseExpr(src), nil); v != want {
			t.Errorf("%s = %v want %v", src, v, want)
		}
	}
	if v, _ := constValue(MustParseExpr("2**-1*4"), nil); v != 2 {
		t.Errorf("2**-1*4 = %v", v)
	}
}

func TestParseExprErrors(t *testing.T) {
	cases := []struct {
		src       string
		line, col int
		want      string
	}{
		{"x^2", 1, 2, "write x**y"},
		{"a +", 1, 4, "expected a number, name or '('"},
		{"(a + b", 1, 7, "expected ')'"},
		{"a b", 1, 3, `unexpected name "b"`},
		{"10mV", 1, 1, "write 10*mV"},
		{"a < b < c", 1, 7, "chained comparisons"},
		{"f(a,", 1, 5, "expected a number"},
		{"f(a b)", 1, 5, "expected ',' or ')'"},
		{"a\n  + $", 2, 5, "unexpected character"},
		{"a && b", 1, 3, "use 'and'"},
		{"a = b", 1, 3, "unexpected"},
		{"", 1, 1, "expected a number"},
		{"1e999", 1, 1, "out of range"},
		{"and", 1, 1, "expected an operand"},
		{strings.Repeat("(", 2000) + "1" + strings.Repeat(")", 2000), 1, 0, "nested too deeply"},
	}
	for _, c := range cases {
		_, err := ParseExpr(c.src)
		e, ok := err.(*Error)
		if !ok {
			t.Errorf("ParseExpr(%q): error %v (%T)", c.src, err, err)
			continue
		}
		if !strings.Contains(e.Msg, c.want) || e.Line != c.line || (c.col != 0 && e.Col != c.col) {
			t.Errorf("ParseExpr(%q): %v; want line %d col %d containing %q", c.src, err, c.line, c.col, c.want)
		}
	}
}

func TestParseStatements(t *testing.T) {
	src := "v = 0*mV; w += 1*nA\n# comment\n\n  x -= (a +\n b) ; y *= 2 ; z /= 3;\nge += w"
	st, err := ParseStatements(src)
	if err != nil {
		t.Fatal(err)
	}
	want := []struct{ target, op, val string }{
		{"v", "=", "0*mV"}, {"w", "+=", "1*nA"}, {"x", "-=", "a + b"}, {"y", "*=", "2"}, {"z", "/=", "3"}, {"ge", "+=", "w"},
	}
	if len(st) != len(want) {
		t.Fatalf("got %d statements: %v", len(st), st)
	}
	for k, w := range want {
		if st[k].Target != w.target || st[k].Op != w.op || st[k].Value.String() != w.val {
			t.Errorf("statement %d = %v", k, st[k])
		}
	}
	if st[2].Line != 4 || st[2].Col != 3 || st[5].Line != 6 {
		t.Errorf("positions: %+v %+v", st[2], st[5])
	}
	for _, c := range []struct{ src, want string }{
		{"v == 1", "expected '='"},
		{"3 = v", "expected a variable name"},
		{"v = 1 2", "unexpected number"},
		{"v = (1\n", "expected ')'"},
		{"f(x)", "not call f"},
		{"v =", "expected a number"},
		{"v ^= 2", "write x**y"},
	} {
		if _, err := ParseStatements(c.src); err == nil || !strings.Contains(err.Error(), c.want) {
			t.Errorf("ParseStatements(%q): %v, want %q", c.src, err, c.want)
		}
	}
	b, err := os.ReadFile("testdata/stdp_on_pre.txt")
	if err != nil {
		t.Fatal(err)
	}
	st, err = ParseStatements(string(b))
	if err != nil || len(st) != 3 || st[2].String() != "w = clip(w + Apost, 0, gmax)" {
		t.Fatalf("stdp on_pre: %v %v", st, err)
	}
	if s := Assign("_v", MustParseExpr("v + 1")); s.String() != "_v = v + 1" {
		t.Errorf("Assign: %v", s)
	}
}

func TestParseEquationsForms(t *testing.T) {
	src := `
	# a comment line
	dv/dt = (ge + gi - (v - El))/taum : volt (unless refractory)   # trailing comment
	dge/dt = -ge/taue : volt
	I = g*(E - v) : amp (constant over dt)
	tau : second (constant, shared)
	w_syn : siemens/meter**2 ( summed )
	flag : boolean
	count : integer (event-driven,   clock-driven)
	lnk : 1 (linked)
	x : metre
	`
	eqs, err := ParseEquations(src)
	if err != nil {
		t.Fatal(err)
	}
	type row struct {
		kind  Kind
		name  string
		expr  string
		unit  units.Dim
		uname string
		typ   string
		flags []string
		line  int
	}
	want := []row{
		{Differential, "v", "(ge + gi - (v - El))/taum", units.DimVoltage(), "volt", "float", []string{"unless refractory"}, 3},
		{Differential, "ge", "-ge/taue", units.DimVoltage(), "volt", "float", nil, 4},
		{Subexpression, "I", "g*(E - v)", units.DimCurrent(), "amp", "float", []string{"constant over dt"}, 5},
		{Parameter, "tau", "", units.DimTime(), "second", "float", []string{"constant", "shared"}, 6},
		{Parameter, "w_syn", "", units.DimConductance().Div(units.DimArea()), "siemens/meter**2", "float", []string{"summed"}, 7},
		{Parameter, "flag", "", units.Dimensionless(), "boolean", "boolean", nil, 8},
		{Parameter, "count", "", units.Dimensionless(), "integer", "integer", []string{"event-driven", "clock-driven"}, 9},
		{Parameter, "lnk", "", units.Dimensionless(), "1", "float", []string{"linked"}, 10},
		{Parameter, "x", "", units.DimLength(), "metre", "float", nil, 11},
	}
	if len(eqs.List) != len(want) {
		t.Fatalf("%d equations:\n%v", len(eqs.List), eqs)
	}
	for k, w := range want {
		e := eqs.List[k]
		es := ""
		if e.Expr != nil {
			es = e.Expr.String()
		}
		if e.Kind != w.kind || e.Name != w.name || es != w.expr || e.Unit != w.unit || e.UnitName != w.uname ||
			e.Type != w.typ || !reflect.DeepEqual(e.Flags, w.flags) || e.Line != w.line {
			t.Errorf("equation %d = %+v (expr %s)", k, e, es)
		}
	}
	if !eqs.List[0].HasFlag("unless refractory") || eqs.List[0].HasFlag("constant") {
		t.Error("HasFlag")
	}
	if got := eqs.Names(Differential); !reflect.DeepEqual(got, []string{"v", "ge"}) {
		t.Errorf("Names(Differential) = %v", got)
	}
	if e, ok := eqs.Get("I"); !ok || e.Kind != Subexpression {
		t.Error("Get")
	}
	// String round-trips through the parser.
	again, err := ParseEquations(eqs.String())
	if err != nil || again.String() != eqs.String() {
		t.Errorf("round trip:\n%v\n%v %v", eqs, again, err)
	}
	if eqs.List[0].Text != "dv/dt = (ge + gi - (v - El))/taum" {
		t.Errorf("Text = %q", eqs.List[0].Text)
	}
}

func TestParseEquationsErrors(t *testing.T) {
	cases := []struct {
		src       string
		line, col int
		want      string
	}{
		{"dv/dt = -v/tau", 1, 1, "expected ': unit'"},
		{"dv/dt = -v/tau : volt\ndv/dt = 1*volt/second : volt", 2, 1, `"v" is already defined on line 1`},
		{"dv/dt = -v/tau : volts", 1, 18, `unknown unit "volts"`},
		{"dv/dt = -v/tau : volt (unless refractory", 1, 23, "expected ')'"},
		{"dv/dt = : volt", 1, 9, "missing expression"},
		{"v : ", 1, 3, "missing unit"},
		{"2 = v : volt", 1, 1, "expected 'dx/dt = expression : unit'"},
		{"dv/dt = v^2 : volt", 1, 10, "write x**y"},
		{"t : second", 1, 1, `"t" is a reserved name`},
		{"xi_1 : 1", 1, 1, "reserved"},
		{"_x : 1", 1, 1, "reserved"},
		{"mV : volt", 1, 1, "name of a unit"},
		{"exp = 1 : 1", 1, 1, "name of a function"},
		{"v/dt = 1 : 1", 1, 1, "expected dx/dt"},
		{"x : 1 (a, , b)", 1, 7, "empty flag"},
		{"x : 1 (a, a)", 1, 7, "given twice"},
		{"x : 1 (a.b)", 1, 9, "unexpected character"},
		{"x : volt**y", 1, 11, `unknown unit "y"`},
		{"x : 1 (a) b", 1, 7, "expected ')'"},
		{"dv/dt = (a +\n b\n : volt", 3, 2, "expected ')'"},
		{"x : exp(volt)", 1, 5, `unknown unit "exp"`},
		{"x : volt + volt", 1, 5, "invalid unit"},
	}
	for _, c := range cases {
		_, err := ParseEquations(c.src)
		e, ok := err.(*Error)
		if !ok {
			t.Errorf("ParseEquations(%q): %v (%T)", c.src, err, err)
			continue
		}
		if !strings.Contains(e.Msg, c.want) || e.Line != c.line || e.Col != c.col {
			t.Errorf("ParseEquations(%q): %v; want line %d col %d containing %q", c.src, err, c.line, c.col, c.want)
		}
	}
}

// TestReferenceEquationsParseAndCheck parses and checks the Brian2 tutorial
// and example models copied from the reference cases.
func TestReferenceEquationsParseAndCheck(t *testing.T) {
	V, S, F, T := units.DimVoltage(), units.DimConductance(), units.DimCapacitance(), units.DimTime()
	one := units.Dimensionless()
	base := Dims{"t": T, "dt": T, "i": one, "N": one}
	ta := NewDecls().Func("ta", &Func{NArgs: 2, ArgDims: []units.Dim{T, one}, Result: one})
	cases := []struct {
		file  string
		scope Scope
		nEq   int
		diff  []string
	}{
		{"lif.txt", Chain{Dims{"tau": T}, ta, base}, 3, []string{"v"}},
		{"hh_tutorial.txt", Chain{Dims{"gl": S, "El": V, "g_na": S, "ENa": V, "g_kd": S, "EK": V, "VT": V}, base}, 6, []string{"v", "m", "n", "h"}},
		{"cuba.txt", Chain{Dims{"El": V, "taum": T, "taue": T, "taui": T}, base}, 3, []string{"v", "ge", "gi"}},
		{"coba.txt", Chain{Dims{"El": V, "Ee": V, "Ei": V, "taum": T, "taue": T, "taui": T}, base}, 3, []string{"v", "ge", "gi"}},
		{"cobahh.txt", Chain{Dims{"gl": S, "El": V, "Ee": V, "Ei": V, "g_na": S, "ENa": V, "g_kd": S, "EK": V, "VT": V,
			"Cm": F, "taue": T, "taui": T}, base}, 12, []string{"v", "m", "n", "h", "ge", "gi"}},
		{"adex.txt", Chain{base}, 13, []string{"vm", "w"}},
		{"stdp_syn.txt", Dims{"taupre": T, "taupost": T}, 3, []string{"Apre", "Apost"}},
		{"sde.txt", Chain{Dims{"tau": T, "sigma": one}, base}, 1, []string{"x"}},
		{"integrator_accuracy.txt", Chain{Dims{"tau": T, "A": units.DimFrequency(), "f": units.DimFrequency()}, base}, 1, []string{"x"}},
		{"summed_nmda.txt", Dims{"a": units.DimFrequency(), "b": units.DimFrequency(), "c": units.DimFrequency()}, 4, []string{"g_syn", "x"}},
	}
	for _, c := range cases {
		b, err := os.ReadFile("testdata/" + c.file)
		if err != nil {
			t.Fatal(err)
		}
		eqs, err := ParseEquations(string(b))
		if err != nil {
			t.Errorf("%s: %v", c.file, err)
			continue
		}
		if len(eqs.List) != c.nEq || !reflect.DeepEqual(eqs.Names(Differential), c.diff) {
			t.Errorf("%s: %d equations, differential %v", c.file, len(eqs.List), eqs.Names(Differential))
		}
		if err := eqs.Check(c.scope); err != nil {
			t.Errorf("%s: Check: %v", c.file, err)
		}
	}
}

func TestHHMultilineMatchesOneLine(t *testing.T) {
	b, _ := os.ReadFile("testdata/hh_tutorial.txt")
	eqs, err := ParseEquations(string(b))
	if err != nil {
		t.Fatal(err)
	}
	m, _ := eqs.Get("m")
	one := MustParseExpr("0.32*(mV**-1)*(13.*mV-v+VT)/(exp((13.*mV-v+VT)/(4.*mV))-1.)/ms*(1-m)-0.28*(mV**-1)*(v-VT-40.*mV)/(exp((v-VT-40.*mV)/(5.*mV))-1.)/ms*m")
	if !Equal(m.Expr, one) {
		t.Errorf("multi-line dm/dt differs:\n%v\n%v", m.Expr, one)
	}
	if m.Line != 4 || m.Expr.Position().Line != 4 {
		t.Errorf("position %d", m.Line)
	}
	if _, ok := eqs.Get("I"); !ok {
		t.Fatal("I missing")
	}
	if e, _ := eqs.Get("I"); !e.HasFlag("shared") {
		t.Error("I not shared")
	}
}

func TestParseUnit(t *testing.T) {
	cases := []struct {
		src string
		v   float64
		d   units.Dim
	}{
		{"mV", 1e-3, units.DimVoltage()},
		{"siemens/meter**2", 1, units.DimConductance().Div(units.DimArea())},
		{"1", 1, units.Dimensionless()},
		{"1/second", 1, units.DimFrequency()},
		{"nA*Mohm", 1e-3, units.DimVoltage()},
		{"um2", 1e-12, units.DimArea()},
		{"second**-0.5", 1, units.DimTime().Pow(-0.5)},
	}
	for _, c := range cases {
		q, err := ParseUnit(c.src)
		if err != nil || q.Dim != c.d || !relClose(q.Value, c.v, 1e-15) {
			t.Errorf("ParseUnit(%q) = %v, %v", c.src, q, err)
		}
	}
	for _, bad := range []string{"volts", "faraday_constant", "mV + mV", "mV**mV", "x"} {
		if _, err := ParseUnit(bad); err == nil {
			t.Errorf("ParseUnit(%q) accepted", bad)
		}
	}
}
