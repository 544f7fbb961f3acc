package expr_test

import (
	"fmt"

	"github.com/gohears/hears/expr"
	"github.com/gohears/hears/units"
)

func Example() {
	eqs, err := expr.ParseEquations(`
		dv/dt = (I - v)/tau : volt   # wrong: I is a current
		I : amp`)
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(eqs.Check(expr.Dims{"tau": units.DimTime()}))

	d := expr.NewDecls().
		Vector("v", units.DimVoltage()).Vector("w", units.DimCurrent()).
		Constant("v_reset", -70e-3, units.DimVoltage()).Scalar("b", units.DimCurrent())
	stmts, _ := expr.ParseStatements("v = v_reset; w += b")
	prog, err := expr.Compile(stmts, d)
	if err != nil {
		fmt.Println(err)
		return
	}
	v, w, b := []float64{-0.05, -0.04}, []float64{0, 1e-9}, 1e-9
	err = prog.Run(&expr.Env{
		Vectors: map[string][]float64{"v": v, "w": w},
		Scalars: map[string]*float64{"b": &b},
	}, 0, len(v))
	fmt.Println(v, w, err)
	// Output:
	// line 2:12: dv/dt = (I - v)/tau: cannot subtract volt from amp in "I - v"
	// [-0.07 -0.07] [1e-09 2e-09] <nil>
}

func ExampleCompileExpr() {
	f, err := expr.CompileExpr(expr.MustParseExpr("3*clip(x, 0, inf)**(1/3)"),
		expr.NewDecls().Vector("x", units.Dimensionless()))
	if err != nil {
		fmt.Println(err)
		return
	}
	x := []float64{-1, 0, 8, 27}
	out := make([]float64, len(x))
	err = f.Eval(&expr.Env{Vectors: map[string][]float64{"x": x}}, out, 0, len(x))
	fmt.Printf("%.6g %v\n", out, err)
	// Output: [0 0 6 9] <nil>
}

func ExampleSplitLinear() {
	rhs := expr.MustParseExpr("alpha*(1 - m) - beta*m")
	a, b, ok := expr.SplitLinear(rhs, "m")
	fmt.Println(a, "|", b, "|", ok)
	_, _, ok = expr.SplitLinear(expr.MustParseExpr("(gL*(EL - v) + gL*DeltaT*exp((v - VT)/DeltaT))/C"), "v")
	fmt.Println(ok)
	// Output:
	// -alpha - beta | alpha | true
	// false
}
