package spiking

import (
	"math"
	"testing"

	"github.com/gohears/hears/expr"
	"github.com/gohears/hears/units"
)

// TestFoldConstants: folded expressions evaluate to the originals (to
// rounding) and need fewer operations.
func TestFoldConstants(t *testing.T) {
	d := expr.NewDecls().Vector("v", units.Dimensionless()).Vector("m", units.Dimensionless()).
		Constant("VT", -0.063, units.Dimensionless()).Constant("k", 3, units.Dimensionless())
	d.NoUnitCheck = true
	cst := d.ConstantValue
	for _, src := range []string{
		"0.32*(mV**-1)*4*mV/exprel((13*mV - v + VT)/(4*mV))/ms*(1-m) - 0.28/ms*m",
		"-(v - k) - -(2*v) + k*(-v)/(-k)",
		"-(k*v) - (k/v) + 5",
		"v/0 + 0*v",
		"(v*k)**2 / (m*k*2)",
		"-v",
		"k*pi - e",
	} {
		n := expr.MustParseExpr(src)
		f := expr.FoldConstants(n, cst)
		p1, err := expr.CompileExpr(n, d)
		if err != nil {
			t.Fatal(err)
		}
		p2, err := expr.CompileExpr(f, d)
		if err != nil {
			t.Fatalf("%s -> %s: %v", src, f, err)
		}
		r := NewRNG(1)
		v, m := make([]float64, 64), make([]float64, 64)
		r.FillUniform(v)
		r.FillUniform(m)
		env := &expr.Env{Vectors: map[string][]float64{"v": v, "m": m}}
		a, b := make([]float64, 64), make([]float64, 64)
		noErr(t, p1.Eval(env, a, 0, 64))
		noErr(t, p2.Eval(env, b, 0, 64))
		for k := range a {
			if !(math.Abs(a[k]-b[k]) <= 1e-14*math.Abs(a[k]) || a[k] == b[k] || (math.IsNaN(a[k]) && math.IsNaN(b[k]))) {
				t.Errorf("%s -> %s: element %d %.17g vs %.17g", src, f, k, a[k], b[k])
				break
			}
		}
		_, o1 := p1.NumOps()
		_, o2 := p2.NumOps()
		if o2 > o1 {
			t.Errorf("%s -> %s: %d ops instead of %d", src, f, o2, o1)
		}
	}
}
