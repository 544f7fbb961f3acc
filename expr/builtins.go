package expr

import (
	"math"
	"sort"

	"github.com/gohears/hears/units"
)

// builtin is a function of the language (exp, clip, rand...).
type builtin struct {
	nargs  int
	dim    func(args []units.Dim, wild []bool) (units.Dim, string)
	eval   func(args []float64) float64 // scalar evaluation (constant folding, scalar code)
	f1     func(float64) float64        // one-argument pure functions, for vector loops
	impure bool                         // rand, randn
}

// dimensionless1: f(x) with x dimensionless, result dimensionless.
func dimensionless1(name string) func([]units.Dim, []bool) (units.Dim, string) {
	return func(a []units.Dim, w []bool) (units.Dim, string) {
		if !a[0].IsDimensionless() && !w[0] {
			return a[0], name + " needs a dimensionless argument, got " + a[0].String()
		}
		return units.Dimensionless(), ""
	}
}

func sameDim(a []units.Dim, _ []bool) (units.Dim, string) { return a[0], "" }

func unaryBuiltin(name string, f func(float64) float64) *builtin {
	return &builtin{nargs: 1, dim: dimensionless1(name), f1: f, eval: func(a []float64) float64 { return f(a[0]) }}
}

func sign(x float64) float64 {
	switch {
	case x > 0:
		return 1
	case x < 0:
		return -1
	case x == 0:
		return 0
	}
	return x // NaN
}

// clip returns x limited to [lo, hi] (NaN in x stays NaN), as numpy.clip.
func clip(x, lo, hi float64) float64 {
	if x < lo {
		x = lo
	}
	if x > hi {
		x = hi
	}
	return x
}

// exprel is (exp(x)-1)/x, 1 at x = 0, computed without cancellation.
func exprel(x float64) float64 {
	if x == 0 {
		return 1
	}
	if math.Abs(x) < 1e-5 {
		return 1 + x/2 + x*x/6
	}
	return math.Expm1(x) / x
}

// truncInt is Brian2's int(): truncation toward zero.
func truncInt(x float64) float64 { return math.Trunc(x) }

// builtinFuncs are the functions of the language.
var builtinFuncs = map[string]*builtin{}

func init() {
	for name, f := range map[string]func(float64) float64{
		"exp": math.Exp, "log": math.Log, "log10": math.Log10,
		"sin": math.Sin, "cos": math.Cos, "tan": math.Tan,
		"sinh": math.Sinh, "cosh": math.Cosh, "tanh": math.Tanh,
		"arcsin": math.Asin, "arccos": math.Acos, "arctan": math.Atan,
		"exprel": exprel, "expm1": math.Expm1, "log1p": math.Log1p,
	} {
		builtinFuncs[name] = unaryBuiltin(name, f)
	}
	builtinFuncs["sqrt"] = &builtin{nargs: 1, f1: math.Sqrt,
		eval: func(a []float64) float64 { return math.Sqrt(a[0]) },
		dim:  func(a []units.Dim, _ []bool) (units.Dim, string) { return a[0].Pow(0.5), "" }}
	for name, f := range map[string]func(float64) float64{"abs": math.Abs, "floor": math.Floor, "ceil": math.Ceil} {
		f := f
		builtinFuncs[name] = &builtin{nargs: 1, f1: f, dim: sameDim, eval: func(a []float64) float64 { return f(a[0]) }}
	}
	builtinFuncs["sign"] = &builtin{nargs: 1, f1: sign,
		eval: func(a []float64) float64 { return sign(a[0]) },
		dim:  func(a []units.Dim, _ []bool) (units.Dim, string) { return units.Dimensionless(), "" }}
	builtinFuncs["int"] = &builtin{nargs: 1, f1: truncInt, dim: dimensionless1("int"),
		eval: func(a []float64) float64 { return truncInt(a[0]) }}
	builtinFuncs["clip"] = &builtin{nargs: 3,
		eval: func(a []float64) float64 { return clip(a[0], a[1], a[2]) },
		dim: func(a []units.Dim, w []bool) (units.Dim, string) {
			for k := 1; k < 3; k++ {
				if a[k] != a[0] && !w[k] && !w[0] {
					return a[0], "clip bounds must have the dimension of its first argument (" + a[0].String() + "), got " + a[k].String()
				}
			}
			if w[0] {
				for k := 1; k < 3; k++ {
					if !w[k] {
						return a[k], ""
					}
				}
			}
			return a[0], ""
		}}
	builtinFuncs["timestep"] = &builtin{nargs: 2,
		eval: func(a []float64) float64 { return timestep(a[0], a[1]) },
		dim: func(a []units.Dim, w []bool) (units.Dim, string) {
			if (a[0] != units.DimTime() && !w[0]) || a[1] != units.DimTime() {
				return units.Dimensionless(), "timestep needs two times (second), got " + a[0].String() + " and " + a[1].String()
			}
			return units.Dimensionless(), ""
		}}
	none := func([]units.Dim, []bool) (units.Dim, string) { return units.Dimensionless(), "" }
	builtinFuncs["rand"] = &builtin{nargs: 0, dim: none, impure: true, eval: func([]float64) float64 { return math.NaN() }}
	builtinFuncs["poisson"] = &builtin{nargs: 1, dim: dimensionless1("poisson"), impure: true, eval: func([]float64) float64 { return math.NaN() }}
	builtinFuncs["randn"] = &builtin{nargs: 0, dim: none, impure: true, eval: func([]float64) float64 { return math.NaN() }}
}

// poisson draws a Poisson-distributed count with mean lam (Brian2's
// poisson(l)): multiplication of uniforms for lam < 10, otherwise the
// transformed rejection method PTRS (Hörmann 1993, as numpy uses). lam = 0
// gives 0; a negative, infinite or NaN lam gives NaN. Written here because the
// draws must come from the program's Rand (gonum's distuv.Poisson needs its
// own source type).
func poisson(r Rand, lam float64) float64 {
	switch {
	case lam == 0:
		return 0
	case !(lam > 0) || math.IsInf(lam, 1):
		return math.NaN()
	case lam < 10:
		enlam := math.Exp(-lam)
		x, prod := 0.0, 1.0
		for {
			prod *= r.Float64()
			if prod <= enlam {
				return x
			}
			x++
		}
	}
	slam, loglam := math.Sqrt(lam), math.Log(lam)
	b := 0.931 + 2.53*slam
	a := -0.059 + 0.02483*b
	invalpha := 1.1239 + 1.1328/(b-3.4)
	vr := 0.9277 - 3.6224/(b-2)
	for {
		u := r.Float64() - 0.5
		v := r.Float64()
		us := 0.5 - math.Abs(u)
		k := math.Floor((2*a/us+b)*u + lam + 0.43)
		if us >= 0.07 && v <= vr {
			return k
		}
		if k < 0 || (us < 0.013 && v > us) {
			continue
		}
		lg, _ := math.Lgamma(k + 1)
		if math.Log(v)+math.Log(invalpha)-math.Log(a/(us*us)+b) <= -lam+k*loglam-lg {
			return k
		}
	}
}

// timestep is Brian2's timestep(t, dt): the integer time step of time t,
// int((t + 1e-3*dt)/dt), robust to rounding of t.
func timestep(t, dt float64) float64 { return math.Trunc((t + 1e-3*dt) / dt) }

// Builtins returns the names of the built-in functions, sorted.
func Builtins() []string {
	out := make([]string, 0, len(builtinFuncs))
	for n := range builtinFuncs {
		out = append(out, n)
	}
	sort.Strings(out)
	return out
}
