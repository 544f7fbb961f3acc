package expr

import (
	"math"
	"math/rand/v2"
	"testing"

	"github.com/gohears/hears/units"
)

// TestFoldConstants: folded expressions evaluate to the originals (to
// rounding) and need no more operations; the COBAHH-style rate function
// needs fewer.
func TestFoldConstants(t *testing.T) {
	d := NewDecls().Vector("v", units.Dimensionless()).Vector("m", units.Dimensionless()).
		Constant("VT", -0.063, units.Dimensionless()).Constant("k", 3, units.Dimensionless())
	d.NoUnitCheck = true
	for _, c := range []struct {
		src   string
		fewer bool
	}{
		{"0.32*(mV**-1)*4*mV/exprel((13*mV - v + VT)/(4*mV))/ms*(1-m) - 0.28/ms*m", true},
		{"-(v - k) - -(2*v) + k*(-v)/(-k)", true},
		{"-(k*v) - (k/v) + 5", false},
		{"v/0 + 0*v", false},
		{"(v*k)**2 / (m*k*2)", true},
		{"-v", false},
		{"k*pi - e", false},
		{"2*v*3 + 1 + m + 2", true},
	} {
		n := MustParseExpr(c.src)
		f := FoldConstants(n, d.ConstantValue)
		p1, err := CompileExpr(n, d)
		if err != nil {
			t.Fatal(err)
		}
		p2, err := CompileExpr(f, d)
		if err != nil {
			t.Fatalf("%s -> %s: %v", c.src, f, err)
		}
		dr := d.clone()
		dr.Reassociate = true
		p3, err := CompileExpr(n, dr)
		if err != nil {
			t.Fatal(err)
		}
		r := rand.New(rand.NewPCG(7, 8))
		v, m := make([]float64, 64), make([]float64, 64)
		for k := range v {
			v[k], m[k] = r.Float64(), r.Float64()
		}
		env := &Env{Vectors: map[string][]float64{"v": v, "m": m}}
		a, b, e := make([]float64, 64), make([]float64, 64), make([]float64, 64)
		_ = p1.Eval(env, a, 0, 64)
		_ = p2.Eval(env, b, 0, 64)
		_ = p3.Eval(env, e, 0, 64)
		for k := range a {
			if !(math.Abs(a[k]-b[k]) <= 1e-14*math.Abs(a[k]) || a[k] == b[k] || (math.IsNaN(a[k]) && math.IsNaN(b[k]))) {
				t.Errorf("%s -> %s: element %d %.17g vs %.17g", c.src, f, k, a[k], b[k])
				break
			}
			if math.Float64bits(b[k]) != math.Float64bits(e[k]) {
				t.Errorf("%s: Decls.Reassociate gives %v, FoldConstants then Compile %v", c.src, e[k], b[k])
				break
			}
		}
		_, o1 := p1.NumOps()
		_, o2 := p2.NumOps()
		_, o3 := p3.NumOps()
		if o2 > o1 || (c.fewer && o2 >= o1) || o3 != o2 {
			t.Errorf("%s -> %s: %d ops (%d with Reassociate) instead of %d", c.src, f, o2, o3, o1)
		}
	}
}

// TestReassociateStatements: Compile with Decls.Reassociate folds the
// constants of each statement (also of += forms) after dimension checking,
// and leaves the program as written without it.
func TestReassociateStatements(t *testing.T) {
	stmts, err := ParseStatements("v += dt*(0.32*(mV**-1)*4*mV/exprel((13*mV - v + VT)/(4*mV))/ms)*mV\n_x = 2*v*3\nw = _x/4")
	if err != nil {
		t.Fatal(err)
	}
	d := NewDecls().Vector("v", units.DimVoltage()).Vector("w", units.DimVoltage()).
		Constant("VT", -0.063, units.DimVoltage()).Constant("dt", 1e-4, units.DimTime())
	plain, err := Compile(stmts, d)
	if err != nil {
		t.Fatal(err)
	}
	d.Reassociate = true
	re, err := Compile(stmts, d)
	if err != nil {
		t.Fatal(err)
	}
	_, o1 := plain.NumOps()
	_, o2 := re.NumOps()
	if o2 >= o1 {
		t.Errorf("Reassociate: %d vector operations, as written %d", o2, o1)
	}
	v1 := []float64{-0.07, -0.05, 0.01, -0.0506}
	v2 := append([]float64(nil), v1...)
	w1, w2 := make([]float64, 4), make([]float64, 4)
	_ = plain.Run(&Env{Vectors: map[string][]float64{"v": v1, "w": w1}}, 0, 4)
	_ = re.Run(&Env{Vectors: map[string][]float64{"v": v2, "w": w2}}, 0, 4)
	for k := range v1 {
		if math.Abs(v1[k]-v2[k]) > 1e-15*math.Abs(v1[k]) || math.Abs(w1[k]-w2[k]) > 1e-15*math.Abs(w1[k]) {
			t.Errorf("element %d: v %v vs %v, w %v vs %v", k, v1[k], v2[k], w1[k], w2[k])
		}
	}
	// Dimension errors are still reported with Reassociate (checked first).
	bad, _ := ParseStatements("v = 2*mV*3*ms")
	if _, err := Compile(bad, d); err == nil {
		t.Error("v = 2*mV*3*ms: no dimension error with Reassociate")
	}
}
