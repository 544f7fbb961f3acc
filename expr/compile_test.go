package expr

import (
	"math"
	"math/rand/v2"
	"strings"
	"sync"
	"testing"

	"github.com/gohears/hears/units"
)

const (
	mV = 1e-3
	ms = 1e-3
)

// hhGatingSrc is the right-hand side of the HH gating equations of the Brian2
// tutorial (hh_tutorial.txt), split into rate temporaries as a code
// generator would emit them.
const hhGatingSrc = `
_alpha_m = 0.32*(mV**-1)*(13.*mV-v+VT)/(exp((13.*mV-v+VT)/(4.*mV))-1.)/ms
_beta_m = 0.28*(mV**-1)*(v-VT-40.*mV)/(exp((v-VT-40.*mV)/(5.*mV))-1.)/ms
_alpha_n = 0.032*(mV**-1)*(15.*mV-v+VT)/(exp((15.*mV-v+VT)/(5.*mV))-1.)/ms
_beta_n = .5*exp((10.*mV-v+VT)/(40.*mV))/ms
_alpha_h = 0.128*exp((17.*mV-v+VT)/(18.*mV))/ms
_beta_h = 4./(1+exp((40.*mV-v+VT)/(5.*mV)))/ms
dm = _alpha_m*(1-m) - _beta_m*m
dn = _alpha_n*(1-n) - _beta_n*n
dh = _alpha_h*(1-h) - _beta_h*h
`

// hhGatingGo is the same arithmetic hand-written in Go.
func hhGatingGo(v, m, n, h, dm, dn, dh []float64, VT float64) {
	for k := range v {
		x := v[k]
		am := 0.32 * (1 / mV) * (13.*mV - x + VT) / (math.Exp((13.*mV-x+VT)/(4.*mV)) - 1.) / ms
		bm := 0.28 * (1 / mV) * (x - VT - 40.*mV) / (math.Exp((x-VT-40.*mV)/(5.*mV)) - 1.) / ms
		an := 0.032 * (1 / mV) * (15.*mV - x + VT) / (math.Exp((15.*mV-x+VT)/(5.*mV)) - 1.) / ms
		bn := .5 * math.Exp((10.*mV-x+VT)/(40.*mV)) / ms
		ah := 0.128 * math.Exp((17.*mV-x+VT)/(18.*mV)) / ms
		bh := 4. / (1 + math.Exp((40.*mV-x+VT)/(5.*mV))) / ms
		// float64(…) rounds each product, as the compiled program does:
		// without it, arm64 fuses a product into the subtraction (FMSUB),
		// and the cancellation near the gates' balance turns that one
		// rounding into differences of ~1e-13.
		dm[k] = float64(am*(1-m[k])) - float64(bm*m[k])
		dn[k] = float64(an*(1-n[k])) - float64(bn*n[k])
		dh[k] = float64(ah*(1-h[k])) - float64(bh*h[k])
	}
}

func hhDecls() *Decls {
	d := NewDecls()
	for _, name := range []string{"v"} {
		d.Vector(name, units.DimVoltage())
	}
	for _, name := range []string{"m", "n", "h"} {
		d.Vector(name, units.Dimensionless())
	}
	for _, name := range []string{"dm", "dn", "dh"} {
		d.Vector(name, units.DimFrequency())
	}
	d.Scalar("VT", units.DimVoltage())
	return d
}

type hhData struct {
	v, m, n, h, dm, dn, dh []float64
	VT                     float64
}

func newHH(n int, seed uint64) *hhData {
	r := rand.New(rand.NewPCG(seed, 1))
	d := &hhData{VT: -63 * mV}
	mk := func() []float64 { return make([]float64, n) }
	d.v, d.m, d.n, d.h, d.dm, d.dn, d.dh = mk(), mk(), mk(), mk(), mk(), mk(), mk()
	for k := 0; k < n; k++ {
		d.v[k] = (-90 + 130*r.Float64()) * mV
		d.m[k], d.n[k], d.h[k] = r.Float64(), r.Float64(), r.Float64()
	}
	return d
}

func (d *hhData) env() *Env {
	return &Env{
		Vectors: map[string][]float64{"v": d.v, "m": d.m, "n": d.n, "h": d.h, "dm": d.dm, "dn": d.dn, "dh": d.dh},
		Scalars: map[string]*float64{"VT": &d.VT},
	}
}

func relClose(a, b, tol float64) bool {
	if a == b {
		return true
	}
	return math.Abs(a-b) <= tol*math.Max(math.Abs(a), math.Abs(b))
}

func TestCompileHHGatingMatchesGo(t *testing.T) {
	stmts, err := ParseStatements(hhGatingSrc)
	if err != nil {
		t.Fatal(err)
	}
	prog, err := Compile(stmts, hhDecls())
	if err != nil {
		t.Fatal(err)
	}
	const n = 1000 + 37 // not a multiple of the chunk size
	d := newHH(n, 7)
	if err := prog.Run(d.env(), 0, n); err != nil {
		t.Fatal(err)
	}
	want := newHH(n, 7)
	hhGatingGo(want.v, want.m, want.n, want.h, want.dm, want.dn, want.dh, want.VT)
	for k := 0; k < n; k++ {
		for j, pair := range [][2][]float64{{d.dm, want.dm}, {d.dn, want.dn}, {d.dh, want.dh}} {
			if !relClose(pair[0][k], pair[1][k], 1e-13) {
				t.Fatalf("element %d output %d: %v want %v", k, j, pair[0][k], pair[1][k])
			}
		}
	}
	shared, vector := prog.NumOps()
	t.Logf("HH gating: %d shared ops, %d vector ops", shared, vector)
	// A sub-range leaves the other elements alone.
	d2 := newHH(n, 7)
	if err := prog.Run(d2.env(), 300, 700); err != nil {
		t.Fatal(err)
	}
	for k := 0; k < n; k++ {
		inside := k >= 300 && k < 700
		if (d2.dm[k] != 0) != inside || (inside && d2.dm[k] != d.dm[k]) {
			t.Fatalf("range run wrong at %d: %v", k, d2.dm[k])
		}
	}
}

func TestCompileConcurrentRanges(t *testing.T) {
	stmts, _ := ParseStatements(hhGatingSrc)
	prog, err := Compile(stmts, hhDecls())
	if err != nil {
		t.Fatal(err)
	}
	const n = 10000
	d, serial := newHH(n, 3), newHH(n, 3)
	if err := prog.Run(serial.env(), 0, n); err != nil {
		t.Fatal(err)
	}
	var wg sync.WaitGroup
	env := d.env()
	for w := 0; w < 4; w++ {
		lo, hi := w*n/4, (w+1)*n/4
		wg.Add(1)
		go func() {
			defer wg.Done()
			if err := prog.Run(env, lo, hi); err != nil {
				t.Error(err)
			}
		}()
	}
	wg.Wait()
	for k := range d.dm {
		if d.dm[k] != serial.dm[k] || d.dh[k] != serial.dh[k] {
			t.Fatalf("concurrent result differs at %d", k)
		}
	}
}

// TestCompileStatementsSemantics covers sequential statements, compound
// assignments, temporaries, shared values, constants, index, comparisons
// and functions against hand-written Go.
func TestCompileStatementsSemantics(t *testing.T) {
	src := `_a = v*2 + c0   # temporary
v = _a - w; w += 1*nA*(v > 0)
w -= 0.5*w
x *= 2; x /= 4
y = clip(x + i, lo, 3) + abs(-x) + sign(x - 0.2) + floor(x*10) + ceil(x*10) + int(-2.7)
z = sqrt(x)**3 + x**2 + x**-1 + x**0.5 + x**1.5 + log(1+x) + log10(1+x) + sin(x) + cos(x) + tan(x)
z += sinh(x) + cosh(x) + tanh(x) + arcsin(x/10) + arccos(x/10) + arctan(x) + exprel(x) + (x < 0.5 and x > 0.1) + (not x > 0.5 or x == 0.25) + (x != 1) + (x <= 0.3) + (x >= 0.3)
u = _a + pi + e + True + timestep(t, dt)`
	stmts, err := ParseStatements(src)
	if err != nil {
		t.Fatal(err)
	}
	d := NewDecls().Vector("v", units.DimVoltage()).Vector("w", units.DimCurrent()).
		Vector("x", units.Dimensionless()).Vector("y", units.Dimensionless()).Vector("z", units.Dimensionless()).
		Vector("u", units.DimVoltage()).Index("i").Scalar("lo", units.Dimensionless()).
		Constant("c0", 0.001, units.DimVoltage()).Scalar("t", units.DimTime()).Constant("dt", 0.1*ms, units.DimTime())
	d.NoUnitCheck = true // u mixes dimensions on purpose
	prog, err := Compile(stmts, d)
	if err != nil {
		t.Fatal(err)
	}
	const n = 600
	r := rand.New(rand.NewPCG(1, 2))
	v, w, x := make([]float64, n), make([]float64, n), make([]float64, n)
	for k := range v {
		v[k], w[k], x[k] = r.NormFloat64()*0.01, r.NormFloat64()*1e-9, r.Float64()
	}
	v0, w0, x0 := append([]float64(nil), v...), append([]float64(nil), w...), append([]float64(nil), x...)
	y, z, u := make([]float64, n), make([]float64, n), make([]float64, n)
	lo, tt := -0.1, 0.0123
	env := &Env{Vectors: map[string][]float64{"v": v, "w": w, "x": x, "y": y, "z": z, "u": u},
		Scalars: map[string]*float64{"lo": &lo, "t": &tt}}
	if err := prog.Run(env, 0, n); err != nil {
		t.Fatal(err)
	}
	for k := 0; k < n; k++ {
		a := v0[k]*2 + 0.001
		vv := a - w0[k]
		ww := w0[k] + 1e-9*b2f(vv > 0)
		ww -= 0.5 * ww
		xx := x0[k] * 2 / 4
		yy := clip(xx+float64(k), lo, 3) + math.Abs(-xx) + sign(xx-0.2) + math.Floor(xx*10) + math.Ceil(xx*10) + math.Trunc(-2.7)
		zz := math.Pow(math.Sqrt(xx), 3) + xx*xx + 1/xx + math.Sqrt(xx) + math.Pow(xx, 1.5) + math.Log(1+xx) + math.Log10(1+xx) + math.Sin(xx) + math.Cos(xx) + math.Tan(xx)
		zz += math.Sinh(xx) + math.Cosh(xx) + math.Tanh(xx) + math.Asin(xx/10) + math.Acos(xx/10) + math.Atan(xx) + exprel(xx) +
			b2f(xx < 0.5 && xx > 0.1) + b2f(!(xx > 0.5) || xx == 0.25) + b2f(xx != 1) + b2f(xx <= 0.3) + b2f(xx >= 0.3)
		uu := a + math.Pi + math.E + 1 + math.Trunc((tt+1e-3*0.1*ms)/(0.1*ms))
		for _, c := range []struct {
			name      string
			got, want float64
		}{{"v", v[k], vv}, {"w", w[k], ww}, {"x", x[k], xx}, {"y", y[k], yy}, {"z", z[k], zz}, {"u", u[k], uu}} {
			if !relClose(c.got, c.want, 1e-13) {
				t.Fatalf("element %d %s = %v want %v", k, c.name, c.got, c.want)
			}
		}
	}
	names, written := prog.Inputs()
	if len(names) != 6 || !written[0] {
		t.Errorf("Inputs = %v %v", names, written)
	}
	if got := prog.SharedInputs(); len(got) != 2 {
		t.Errorf("SharedInputs = %v", got)
	}
}

func TestCompileFoldingAndCSE(t *testing.T) {
	stmts, _ := ParseStatements("y = exp(-dt/tau)*x + (1 - exp(-dt/tau))*(x*x) + 2*3*mV/mV + sqrt(x*x)")
	d := NewDecls().Vector("x", units.Dimensionless()).Vector("y", units.Dimensionless()).
		Scalar("dt", units.DimTime()).Constant("tau", 0.01, units.DimTime())
	prog, err := Compile(stmts, d)
	if err != nil {
		t.Fatal(err)
	}
	shared, vector := prog.NumOps()
	// shared: -dt, /tau, exp, 1-exp  (exp(-dt/tau) computed once)
	if shared != 4 {
		t.Errorf("shared ops = %d, want 4", shared)
	}
	// vector: *x, x*x, *(x*x), +, +6, sqrt, + into y (x*x merged, store fused)
	if vector != 7 {
		t.Errorf("vector ops = %d, want 7", vector)
	}
	x, y := []float64{0.5, 2}, make([]float64, 2)
	dt := 1e-4
	if err := prog.Run(&Env{Vectors: map[string][]float64{"x": x, "y": y}, Scalars: map[string]*float64{"dt": &dt}}, 0, 2); err != nil {
		t.Fatal(err)
	}
	for k := range x {
		q := math.Exp(-dt / 0.01)
		want := q*x[k] + (1-q)*(x[k]*x[k]) + 6 + math.Sqrt(x[k]*x[k])
		if !relClose(y[k], want, 1e-14) {
			t.Errorf("y[%d] = %v want %v", k, y[k], want)
		}
	}
}

func TestCompileRandomDeterministic(t *testing.T) {
	stmts, _ := ParseStatements("x = rand(); y = randn() + 0*rand()")
	d := NewDecls().Vector("x", units.Dimensionless()).Vector("y", units.Dimensionless())
	prog, err := Compile(stmts, d)
	if err != nil {
		t.Fatal(err)
	}
	if !prog.UsesRand() {
		t.Fatal("UsesRand false")
	}
	run := func(seed uint64) ([]float64, []float64) {
		x, y := make([]float64, 700), make([]float64, 700)
		env := &Env{Vectors: map[string][]float64{"x": x, "y": y}, Rand: rand.New(rand.NewPCG(seed, 0))}
		if err := prog.Run(env, 0, 700); err != nil {
			t.Fatal(err)
		}
		return x, y
	}
	x1, y1 := run(5)
	x2, y2 := run(5)
	x3, _ := run(6)
	var mean, varsum float64
	for k := range x1 {
		if x1[k] != x2[k] || y1[k] != y2[k] {
			t.Fatal("same seed, different numbers")
		}
		if x1[k] < 0 || x1[k] >= 1 {
			t.Fatalf("rand out of range: %v", x1[k])
		}
		mean += y1[k]
		varsum += y1[k] * y1[k]
	}
	if x1[0] == x3[0] && x1[1] == x3[1] {
		t.Fatal("different seeds, same numbers")
	}
	mean /= 700
	if math.Abs(mean) > 0.15 || math.Abs(varsum/700-1) > 0.2 {
		t.Errorf("randn moments: mean %v var %v", mean, varsum/700)
	}
	// Elements draw independently: no two equal draws.
	if x1[0] == x1[1] {
		t.Error("rand() not per element")
	}
	if err := prog.Run(&Env{Vectors: map[string][]float64{"x": x1, "y": y1}}, 0, 10); err == nil {
		t.Error("missing Rand not reported")
	}
}

// TestCompileUserFunction registers a TimedArray-like ta(t, i) and a shared
// I_rec(t), as the spiking engine does.
func TestCompileUserFunction(t *testing.T) {
	values := [][]float64{{1, 2, 3}, {10, 20, 30}} // [time step][neuron]
	const dtTA = 0.1 * ms
	calls := 0
	ta := &Func{NArgs: 2, ArgDims: []units.Dim{units.DimTime(), units.Dimensionless()}, Result: units.DimVoltage(),
		Vec: func(out []float64, args [][]float64, n int) {
			calls++
			for k := 0; k < n; k++ {
				step := int(math.Round(args[0][k] / dtTA))
				step = max(0, min(step, len(values)-1))
				out[k] = values[step][int(args[1][k])] * mV
			}
		}}
	irec := &Func{NArgs: 1, Result: units.DimCurrent(), Vec: func(out []float64, args [][]float64, n int) {
		for k := 0; k < n; k++ {
			out[k] = 1e-9 * (1 + args[0][k]/dtTA)
		}
	}}
	d := NewDecls().Vector("v", units.DimVoltage()).Vector("I", units.DimCurrent()).Index("i").
		Scalar("t", units.DimTime()).Constant("dt", dtTA, units.DimTime()).Func("ta", ta).Func("I_rec", irec)
	stmts, err := ParseStatements("v = ta(t + dt, i) + ta(t, i)\nI = I_rec(t)")
	if err != nil {
		t.Fatal(err)
	}
	prog, err := Compile(stmts, d)
	if err != nil {
		t.Fatal(err)
	}
	v, I := make([]float64, 3), make([]float64, 3)
	tt := 0.0
	if err := prog.Run(&Env{Vectors: map[string][]float64{"v": v, "I": I}, Scalars: map[string]*float64{"t": &tt}}, 0, 3); err != nil {
		t.Fatal(err)
	}
	for k := range v {
		if want := (values[1][k] + values[0][k]) * mV; !relClose(v[k], want, 1e-15) {
			t.Errorf("v[%d] = %v want %v", k, v[k], want)
		}
		if I[k] != 1e-9 {
			t.Errorf("I[%d] = %v", k, I[k])
		}
	}
	// Dimension errors in user-function arguments are caught.
	bad, _ := ParseStatements("v = ta(i, t)")
	if _, err := Compile(bad, d); err == nil || !strings.Contains(err.Error(), "argument 1 of ta must be second") {
		t.Errorf("bad argument dimension: %v", err)
	}
	if calls == 0 {
		t.Error("ta never called")
	}
}

func TestCompileErrors(t *testing.T) {
	d := NewDecls().Vector("v", units.DimVoltage()).Scalar("s", units.DimVoltage()).Constant("c", 1, units.Dimensionless()).
		Temp("_k", units.DimVoltage())
	cases := []struct{ src, want string }{
		{"q = 1", `undeclared variable "q"`},
		{"s = v", `cannot assign to "s"`},
		{"c = 1", `cannot assign to "c"`},
		{"v = 1*amp", "v has dimension volt but the value has amp"},
		{"v *= v", "must be dimensionless"},
		{"v = _k", `temporary "_k" is used before it is assigned`},
		{"v = xi*mV*second**0.5", `noise "xi" must be declared`},
		{"v = foo(v)", `unknown function "foo"`},
		{"v = undefinedname", `unknown name "undefinedname"`},
		{"_new += v", "must be assigned with '=' first"},
	}
	for _, c := range cases {
		stmts, err := ParseStatements(c.src)
		if err != nil {
			t.Fatalf("%s: %v", c.src, err)
		}
		_, err = Compile(stmts, d)
		if err == nil || !strings.Contains(err.Error(), c.want) {
			t.Errorf("%s: error %v, want %q", c.src, err, c.want)
		}
	}
	stmts, _ := ParseStatements("v = 2*v")
	prog, err := Compile(stmts, d)
	if err != nil {
		t.Fatal(err)
	}
	if err := prog.Run(&Env{}, 0, 1); err == nil {
		t.Error("unbound vector not reported")
	}
	if err := prog.Run(&Env{Vectors: map[string][]float64{"v": {1}}}, 0, 2); err == nil {
		t.Error("short vector not reported")
	}
	if err := prog.Run(&Env{Vectors: map[string][]float64{"v": {1}}}, 1, 0); err == nil {
		t.Error("bad range not reported")
	}
	if err := prog.Eval(nil, nil, 0, 0); err == nil {
		t.Error("Eval on a statement program not reported")
	}
}

// TestFunctionFilterExpression is the filterbank use: one expression in x.
func TestFunctionFilterExpression(t *testing.T) {
	n, err := ParseExpr("3*clip(x, 0, inf)**(1/3)")
	if err != nil {
		t.Fatal(err)
	}
	prog, err := CompileExpr(n, NewDecls().Vector("x", units.Dimensionless()))
	if err != nil {
		t.Fatal(err)
	}
	const N = 1000
	r := rand.New(rand.NewPCG(9, 9))
	x, out := make([]float64, N), make([]float64, N)
	for k := range x {
		x[k] = r.NormFloat64()
	}
	x[0], x[1] = 0, math.Inf(1)
	if err := prog.Eval(&Env{Vectors: map[string][]float64{"x": x}}, out, 0, N); err != nil {
		t.Fatal(err)
	}
	for k := range x {
		want := 3 * math.Pow(math.Max(x[k], 0), 1.0/3)
		if !relClose(out[k], want, 1e-15) {
			t.Fatalf("out[%d] = %v want %v (x=%v)", k, out[k], want, x[k])
		}
	}
	if err := prog.Run(nil, 0, 1); err == nil {
		t.Error("Run on an expression program not reported")
	}
	// Several inputs x0, x1 and a dimensioned result.
	n2 := MustParseExpr("x0*x1 + 1*mV")
	p2, err := CompileExpr(n2, NewDecls().Vector("x0", units.DimVoltage()).Vector("x1", units.Dimensionless()))
	if err != nil {
		t.Fatal(err)
	}
	if p2.ResultDim() != units.DimVoltage() {
		t.Errorf("ResultDim = %v", p2.ResultDim())
	}
	o := make([]float64, 2)
	if err := p2.Eval(&Env{Vectors: map[string][]float64{"x0": {1, 2}, "x1": {3, 4}}}, o, 0, 2); err != nil {
		t.Fatal(err)
	}
	if o[0] != 3.001 || o[1] != 8.001 {
		t.Errorf("x0*x1 + 1*mV = %v", o)
	}
	// A constant expression fills the output.
	p3, err := CompileExpr(MustParseExpr("2*pi"), nil)
	if err != nil {
		t.Fatal(err)
	}
	if err := p3.Eval(nil, o, 0, 2); err != nil || o[1] != 2*math.Pi {
		t.Errorf("constant expression: %v %v", o, err)
	}
}

// TestCompileTemporaryAliasing: a temporary holding the old value of a vector
// keeps it after the vector is overwritten (integrator code: _v = v ... v = _v).
func TestCompileTemporaryAliasing(t *testing.T) {
	stmts, _ := ParseStatements("_old = v\nv = 2*v\nw = _old + v")
	d := NewDecls().Vector("v", units.Dimensionless()).Vector("w", units.Dimensionless())
	prog, err := Compile(stmts, d)
	if err != nil {
		t.Fatal(err)
	}
	v, w := []float64{1, 2, 3}, make([]float64, 3)
	if err := prog.Run(&Env{Vectors: map[string][]float64{"v": v, "w": w}}, 0, 3); err != nil {
		t.Fatal(err)
	}
	for k := range v {
		if v[k] != float64(2*(k+1)) || w[k] != float64(3*(k+1)) {
			t.Fatalf("k=%d v=%v w=%v", k, v[k], w[k])
		}
	}
}

func TestCompileImpureUserFunctionPerElement(t *testing.T) {
	calls := 0
	next := &Func{NArgs: 0, Impure: true, Vec: func(out []float64, _ [][]float64, n int) {
		for k := 0; k < n; k++ {
			calls++
			out[k] = float64(calls)
		}
	}}
	d := NewDecls().Vector("x", units.Dimensionless()).Func("next", next)
	stmts, _ := ParseStatements("x = next() + 0*next()")
	prog, err := Compile(stmts, d)
	if err != nil {
		t.Fatal(err)
	}
	x := make([]float64, 5)
	if err := prog.Run(&Env{Vectors: map[string][]float64{"x": x}}, 0, 5); err != nil {
		t.Fatal(err)
	}
	if calls != 10 || x[0] == x[1] {
		t.Errorf("impure function: %d calls, x = %v", calls, x)
	}
	// A constant exponent can come from a Decls inside a Chain.
	if _, err := DimOf(MustParseExpr("v**p"), Chain{Dims{"v": units.DimVoltage()}, NewDecls().Constant("p", 2, units.Dimensionless())}); err != nil {
		t.Error(err)
	}
}

func TestNilFuncAndBadKind(t *testing.T) {
	d := NewDecls().Vector("x", units.Dimensionless()).Func("exp", nil)
	d.Vars["bad"] = Var{}
	if _, err := DimOf(MustParseExpr("exp(x)"), d); err != nil {
		t.Errorf("nil Func should fall back to the builtin: %v", err)
	}
	if _, err := CompileExpr(MustParseExpr("exp(x)"), d); err != nil {
		t.Error(err)
	}
	if _, err := CompileExpr(MustParseExpr("bad + x"), d); err == nil {
		t.Error("variable without a kind accepted")
	}
	noVec := NewDecls().Vector("x", units.Dimensionless()).Func("f", &Func{NArgs: 1})
	if _, err := CompileExpr(MustParseExpr("f(x)"), noVec); err == nil || !strings.Contains(err.Error(), "no vector implementation") {
		t.Errorf("function without Vec: %v", err)
	}
}

func TestPoisson(t *testing.T) {
	stmts, _ := ParseStatements("x = poisson(lam); y = poisson(3)")
	d := NewDecls().Vector("x", units.Dimensionless()).Vector("y", units.Dimensionless()).Vector("lam", units.Dimensionless())
	prog, err := Compile(stmts, d)
	if err != nil {
		t.Fatal(err)
	}
	const n = 20000
	for _, mean := range []float64{0.5, 3, 9.5, 10, 50, 1000} {
		x, y, lam := make([]float64, n), make([]float64, n), make([]float64, n)
		for k := range lam {
			lam[k] = mean
		}
		env := &Env{Vectors: map[string][]float64{"x": x, "y": y, "lam": lam}, Rand: rand.New(rand.NewPCG(uint64(mean*10), 3))}
		if err := prog.Run(env, 0, n); err != nil {
			t.Fatal(err)
		}
		var s, s2, sy float64
		for k := range x {
			if x[k] != math.Floor(x[k]) || x[k] < 0 {
				t.Fatalf("poisson(%v) gave %v", mean, x[k])
			}
			s += x[k]
			s2 += x[k] * x[k]
			sy += y[k]
		}
		m := s / n
		v := s2/n - m*m
		// Mean and variance both equal lam; allow 5 standard errors.
		if se := math.Sqrt(mean / n); math.Abs(m-mean) > 5*se {
			t.Errorf("poisson(%v): mean %v", mean, m)
		}
		// The sample variance of n Poisson(λ) draws has variance
		// (μ4 − σ⁴)/n = (λ + 3λ² − λ²)/n (μ4 = λ + 3λ²), so its standard
		// error is sqrt((λ + 2λ²)/n): larger than the normal case's
		// λ·sqrt(2/n) by sqrt(1 + 1/(2λ)), 41% at λ = 0.5.
		if se := math.Sqrt((mean + 2*mean*mean) / n); math.Abs(v-mean) > 5*se {
			t.Errorf("poisson(%v): variance %v", mean, v)
		}
		if math.Abs(sy/n-3) > 5*math.Sqrt(3.0/n) {
			t.Errorf("poisson(3) with a constant argument: mean %v", sy/n)
		}
	}
	r := rand.New(rand.NewPCG(1, 1))
	if poisson(r, 0) != 0 || !math.IsNaN(poisson(r, -1)) || !math.IsNaN(poisson(r, math.NaN())) || !math.IsNaN(poisson(r, math.Inf(1))) {
		t.Error("poisson edge cases")
	}
	if _, err := DimOf(MustParseExpr("poisson(1*Hz)"), nil); err == nil {
		t.Error("poisson of a dimensioned value accepted")
	}
}

// TestPowThird checks that x**(1/3), compiled to a cube root, keeps pow's
// semantics (NaN for negative x, +0 for ±0) and differs from numpy's
// pow(x, 1.0/3) only by pow's own error: 1/3 rounded to a double makes pow
// off the true cube root by |ln x|·1.85e-17 relative, plus math.Pow's own
// rounding (together 1.7e-14 at 1e300, under 2e-15 for |ln x| < 50).
func TestPowThird(t *testing.T) {
	d := NewDecls().Vector("x", units.Dimensionless())
	p, err := CompileExpr(MustParseExpr("x**(1/3)"), d)
	if err != nil {
		t.Fatal(err)
	}
	xs := []float64{0, math.Copysign(0, -1), 1e-300, 1e-9, 0.001, 0.5, 1, 8, 27, 1e10, 1e300, math.Inf(1), -1, -8, math.Inf(-1), math.NaN()}
	out := make([]float64, len(xs))
	if err := p.Eval(&Env{Vectors: map[string][]float64{"x": xs}}, out, 0, len(xs)); err != nil {
		t.Fatal(err)
	}
	for k, x := range xs {
		pow, got := math.Pow(x, 1.0/3), out[k]
		switch {
		case math.IsNaN(pow):
			if !math.IsNaN(got) {
				t.Errorf("%v**(1/3) = %v, want NaN", x, got)
			}
		case math.IsInf(x, 0) || x == 0:
			if got != pow || math.Signbit(got) {
				t.Errorf("%v**(1/3) = %v, want %v", x, got, pow)
			}
		default:
			if got != math.Cbrt(x) {
				t.Errorf("%v**(1/3) = %v, want the cube root %v", x, got, math.Cbrt(x))
			}
			if lim := (math.Abs(math.Log(x))*3e-17 + 4.5e-16) * got; math.Abs(got-pow) > lim {
				t.Errorf("%v**(1/3) = %v, pow %v: more apart than pow's error", x, got, pow)
			}
		}
	}
}
