package expr

import (
	"fmt"
	"math"
	"strings"

	"github.com/gohears/hears/units"
)

// Scope tells dimension checking (and compilation) what names mean.
// Dims and *Decls implement it; so does Chain for layering scopes.
type Scope interface {
	// LookupDim returns the dimension of a variable or constant.
	LookupDim(name string) (units.Dim, bool)
	// LookupFunc returns a user function (nil, false for none).
	LookupFunc(name string) (*Func, bool)
}

// Dims is a Scope of variables only: name -> dimension.
type Dims map[string]units.Dim

// LookupDim implements Scope.
func (d Dims) LookupDim(name string) (units.Dim, bool) { v, ok := d[name]; return v, ok }

// LookupFunc implements Scope; Dims has no functions.
func (d Dims) LookupFunc(string) (*Func, bool) { return nil, false }

// Chain is a Scope that asks each scope in turn (nil entries are skipped).
type Chain []Scope

// LookupDim implements Scope.
func (c Chain) LookupDim(name string) (units.Dim, bool) {
	for _, s := range c {
		if s != nil {
			if d, ok := s.LookupDim(name); ok {
				return d, true
			}
		}
	}
	return units.Dim{}, false
}

// LookupFunc implements Scope.
func (c Chain) LookupFunc(name string) (*Func, bool) {
	for _, s := range c {
		if s != nil {
			if f, ok := s.LookupFunc(name); ok {
				return f, true
			}
		}
	}
	return nil, false
}

// VecFunc is the vector implementation of a user function: it sets out[k] for
// k < n from args[j][k] (every argument is given as a slice of n values, shared
// arguments broadcast). It must not retain the slices.
type VecFunc func(out []float64, args [][]float64, n int)

// Func is a user function (a TimedArray lookup such as ta(t, i), or any Go
// function) callable from expressions.
type Func struct {
	// NArgs is the number of arguments; -1 accepts any number.
	NArgs int
	// ArgDims, if non-nil, are the required dimensions of the arguments.
	ArgDims []units.Dim
	// Result is the dimension of the result (when DimRule is nil).
	Result units.Dim
	// DimRule, if set, computes the result dimension from the argument
	// dimensions (and may reject them with an error); it overrides ArgDims and Result.
	DimRule func(args []units.Dim) (units.Dim, error)
	// Vec evaluates the function over a chunk of elements. Required for
	// Compile. A pure function whose arguments are all shared (or constant),
	// such as I_rec(t), is called once per Run with n = 1.
	Vec VecFunc
	// Impure marks functions whose result is not determined by their arguments
	// (random numbers, state): they are never merged or hoisted.
	Impure bool
}

// constScope is implemented by scopes that know compile-time constant values.
type constScope interface {
	lookupConst(name string) (float64, bool)
}

func (d *Decls) lookupConst(name string) (float64, bool) {
	v, ok := d.Vars[name]
	return v.Value, ok && v.Kind == Constant
}

// lookupConst finds the scope that defines name and asks it for a constant value.
func (c Chain) lookupConst(name string) (float64, bool) {
	for _, s := range c {
		if s == nil {
			continue
		}
		if _, ok := s.LookupDim(name); ok {
			if cs, ok := s.(constScope); ok {
				return cs.lookupConst(name)
			}
			return 0, false
		}
	}
	return 0, false
}

// noiseDim is the dimension of xi (white noise): second^-1/2.
var noiseDim = units.DimTime().Pow(-0.5)

// builtinConstants are the named constants of the language.
var builtinConstants = map[string]float64{
	"pi": math.Pi, "e": math.E, "inf": math.Inf(1), "nan": math.NaN(),
}

// specialDims are the dimensions of Brian2's special names when the scope
// does not declare them: t and dt (second), i and N (dimensionless). Only
// dimension checking falls back to them; compiled programs need them declared.
var specialDims = map[string]units.Dim{"t": units.DimTime(), "dt": units.DimTime(), "i": units.Dimensionless(), "N": units.Dimensionless()}

// IsNoise reports whether name is a white-noise symbol: xi or xi_<suffix>.
func IsNoise(name string) bool {
	return name == "xi" || (strings.HasPrefix(name, "xi_") && len(name) > 3)
}

// resolveName gives the dimension and, for constants and units, the value of a name.
// Order: scope, built-in constants (pi, e, inf), noise symbols, units and
// physical constants.
func resolveName(name string, s Scope) (d units.Dim, val float64, isConst bool, ok bool) {
	if s != nil {
		if d, ok := s.LookupDim(name); ok {
			if cs, ok := s.(constScope); ok {
				if v, ok := cs.lookupConst(name); ok {
					return d, v, true, true
				}
			}
			return d, 0, false, true
		}
	}
	if v, ok := builtinConstants[name]; ok {
		return units.Dimensionless(), v, true, true
	}
	if IsNoise(name) {
		return noiseDim, 0, false, true
	}
	if d, ok := specialDims[name]; ok {
		return d, 0, false, true
	}
	if q, ok := units.Lookup(name); ok {
		return q.Dim, q.Value, true, true
	}
	return units.Dim{}, 0, false, false
}

// DimOf returns the physical dimension of an expression, checking every
// operation: sums, differences and comparisons need equal dimensions (a literal
// 0 or inf adapts to the other side), exp/log/sin... need dimensionless
// arguments, ** needs a dimensionless exponent that is constant unless the base
// is dimensionless. Names are resolved in s (may be nil), then as pi, e, inf,
// xi/xi_* (second^-1/2), t and dt (second), i and N (1), unit names and
// physical constants.
func DimOf(n Node, s Scope) (units.Dim, error) {
	d, _, err := dimOf(n, s)
	return d, err
}

func isWild(n Node) bool {
	switch n := n.(type) {
	case *Number:
		return n.Value == 0 || math.IsInf(n.Value, 0)
	case *Name:
		return n.Name == "inf"
	case *Unary:
		return n.Op == OpNeg && isWild(n.X)
	}
	return false
}

// dimOf returns the dimension and whether the node is a wildcard literal.
func dimOf(n Node, s Scope) (units.Dim, bool, error) {
	switch n := n.(type) {
	case *Number:
		return units.Dimensionless(), isWild(n), nil
	case *Name:
		d, _, _, ok := resolveName(n.Name, s)
		if !ok {
			return d, false, errAt(n.At, "unknown name %q", n.Name)
		}
		return d, n.Name == "inf", nil
	case *Unary:
		d, w, err := dimOf(n.X, s)
		if err != nil {
			return d, false, err
		}
		if n.Op == OpNot {
			if !d.IsDimensionless() && !w {
				return d, false, errAt(n.At, "'not' needs a dimensionless (boolean) operand, got %s in %q", d, n)
			}
			return units.Dimensionless(), false, nil
		}
		return d, w, nil
	case *Binary:
		dx, wx, err := dimOf(n.X, s)
		if err != nil {
			return dx, false, err
		}
		dy, wy, err := dimOf(n.Y, s)
		if err != nil {
			return dy, false, err
		}
		switch n.Op {
		case OpMod:
			if dx != dy && !wx && !wy {
				return dx, false, errAt(n.At, "cannot take %s modulo %s in %q", dx, dy, n)
			}
			if wx {
				return dy, false, nil
			}
			return dx, false, nil
		case OpFloorDiv:
			return dx.Div(dy), false, nil
		case OpAdd, OpSub:
			if wx {
				return dy, wy, nil
			}
			if wy || dx == dy {
				return dx, false, nil
			}
			if n.Op == OpAdd {
				return dx, false, errAt(n.At, "cannot add %s to %s in %q", dy, dx, n)
			}
			return dx, false, errAt(n.At, "cannot subtract %s from %s in %q", dy, dx, n)
		case OpMul:
			return dx.Mul(dy), false, nil
		case OpDiv:
			return dx.Div(dy), false, nil
		case OpPow:
			if !dy.IsDimensionless() {
				return dx, false, errAt(n.Y.Position(), "the exponent must be dimensionless, got %s in %q", dy, n)
			}
			if dx.IsDimensionless() {
				return dx, false, nil
			}
			p, ok := constValue(n.Y, s)
			if !ok {
				return dx, false, errAt(n.Y.Position(), "a power of a %s value needs a constant exponent in %q", dx, n)
			}
			r := dx.Pow(p)
			if !r.IsValid() {
				return dx, false, errAt(n.Y.Position(), "invalid exponent %v in %q", p, n)
			}
			return r, false, nil
		case OpAnd, OpOr:
			if (!dx.IsDimensionless() && !wx) || (!dy.IsDimensionless() && !wy) {
				return dx, false, errAt(n.At, "'%s' needs dimensionless (boolean) operands, got %s and %s in %q", n.Op, dx, dy, n)
			}
			return units.Dimensionless(), false, nil
		default: // comparisons
			if dx != dy && !wx && !wy {
				return dx, false, errAt(n.At, "cannot compare %s with %s in %q", dx, dy, n)
			}
			return units.Dimensionless(), false, nil
		}
	case *CallExpr:
		args := make([]units.Dim, len(n.Args))
		wild := make([]bool, len(n.Args))
		for k, a := range n.Args {
			d, w, err := dimOf(a, s)
			if err != nil {
				return d, false, err
			}
			args[k], wild[k] = d, w
		}
		if s != nil {
			if f, ok := s.LookupFunc(n.Func); ok && f != nil {
				d, err := f.resultDim(n, args, wild)
				return d, false, err
			}
		}
		b := builtinFuncs[n.Func]
		if b == nil {
			return units.Dim{}, false, errAt(n.At, "unknown function %q", n.Func)
		}
		if b.nargs != len(n.Args) {
			return units.Dim{}, false, errAt(n.At, "%s takes %d argument%s, got %d in %q", n.Func, b.nargs, plural(b.nargs), len(n.Args), n)
		}
		d, msg := b.dim(args, wild)
		if msg != "" {
			return d, false, errAt(n.At, "%s in %q", msg, n)
		}
		return d, false, nil
	}
	return units.Dim{}, false, &Error{Msg: fmt.Sprintf("unknown node type %T", n)}
}

func plural(k int) string {
	if k == 1 {
		return ""
	}
	return "s"
}

func (f *Func) resultDim(n *CallExpr, args []units.Dim, wild []bool) (units.Dim, error) {
	if f.NArgs >= 0 && f.NArgs != len(args) {
		return units.Dim{}, errAt(n.At, "%s takes %d argument%s, got %d in %q", n.Func, f.NArgs, plural(f.NArgs), len(args), n)
	}
	if f.DimRule != nil {
		d, err := f.DimRule(args)
		if err != nil {
			return d, errAt(n.At, "%v in %q", err, n)
		}
		return d, nil
	}
	if f.ArgDims != nil {
		for k, want := range f.ArgDims {
			if k < len(args) && args[k] != want && !wild[k] {
				return units.Dim{}, errAt(n.Args[k].Position(), "argument %d of %s must be %s, got %s in %q", k+1, n.Func, want, args[k], n)
			}
		}
	}
	return f.Result, nil
}

// EvalConst evaluates a constant expression with units, such as "10*ms" or
// "2*pi*faraday_constant*1*mmole": numbers, units, physical constants, pi, e,
// inf, constants of s (Decls constants; s may be nil) and the pure built-in
// functions. It returns the SI value and the dimension, or an error naming the
// first name that is not a constant.
func EvalConst(n Node, s Scope) (units.Quantity, error) {
	d, err := DimOf(n, s)
	if err != nil {
		return units.Quantity{}, err
	}
	v, ok := constValue(n, s)
	if !ok {
		var bad Node = n
		walk(n, func(m Node) {
			if _, isConst := constValue(m, s); !isConst && bad == n {
				switch m.(type) {
				case *Name, *CallExpr:
					bad = m
				}
			}
		})
		return units.Quantity{}, errAt(bad.Position(), "%s is not a constant (%s)", n, bad)
	}
	return units.Quantity{Value: v, Dim: d}, nil
}

// constValue evaluates a node made only of numbers and named constants
// (pi, e, inf, Decls constants); ok is false if anything else occurs.
func constValue(n Node, s Scope) (float64, bool) {
	switch n := n.(type) {
	case *Number:
		return n.Value, true
	case *Name:
		_, v, isConst, ok := resolveName(n.Name, s)
		if !ok || !isConst {
			return 0, false
		}
		return v, true
	case *Unary:
		x, ok := constValue(n.X, s)
		if !ok {
			return 0, false
		}
		return evalUnary(n.Op, x), true
	case *Binary:
		x, ok := constValue(n.X, s)
		if !ok {
			return 0, false
		}
		y, ok := constValue(n.Y, s)
		if !ok {
			return 0, false
		}
		return evalBinary(n.Op, x, y), true
	case *CallExpr:
		b := builtinFuncs[n.Func]
		if b == nil || b.impure || len(n.Args) != b.nargs {
			return 0, false
		}
		if s != nil {
			if _, user := s.LookupFunc(n.Func); user {
				return 0, false
			}
		}
		args := make([]float64, len(n.Args))
		for k, a := range n.Args {
			v, ok := constValue(a, s)
			if !ok {
				return 0, false
			}
			args[k] = v
		}
		return b.eval(args), true
	}
	return 0, false
}

// pyMod is Python's float modulo: x - floor(x/y)*y, with the sign of y.
func pyMod(x, y float64) float64 {
	m := math.Mod(x, y)
	if m != 0 && (m < 0) != (y < 0) {
		m += y
	}
	return m
}

func b2f(b bool) float64 {
	if b {
		return 1
	}
	return 0
}

func evalUnary(op Op, x float64) float64 {
	if op == OpNot {
		return b2f(x == 0)
	}
	return -x
}

func evalBinary(op Op, x, y float64) float64 {
	switch op {
	case OpAdd:
		return x + y
	case OpSub:
		return x - y
	case OpMul:
		return x * y
	case OpDiv:
		return x / y
	case OpPow:
		return math.Pow(x, y)
	case OpLt:
		return b2f(x < y)
	case OpLe:
		return b2f(x <= y)
	case OpGt:
		return b2f(x > y)
	case OpGe:
		return b2f(x >= y)
	case OpEq:
		return b2f(x == y)
	case OpNe:
		return b2f(x != y)
	case OpAnd:
		return b2f(x != 0 && y != 0)
	case OpOr:
		return b2f(x != 0 || y != 0)
	case OpMod:
		return pyMod(x, y)
	case OpFloorDiv:
		return math.Floor(x / y)
	}
	return math.NaN()
}

// Scope returns a Scope with the equations' own variables (with their
// dimensions) in front of outer, which supplies everything else: external
// parameters, t, dt, i, N and user functions.
func (eqs *Equations) Scope(outer Scope) Scope {
	d := Dims{}
	for _, e := range eqs.List {
		d[e.Name] = e.Unit
	}
	return Chain{d, outer}
}

// Check checks the dimensions of every equation. outer (may be nil) supplies
// the names that the equations use but do not define: external constants and
// user functions (t, dt, i, N and xi are known without it). The
// right-hand side of dx/dt must have the dimension of x per second, that of a
// subexpression the dimension of its unit. Subexpressions may not refer to
// each other in a cycle. Errors read like
//
//	line 1:10: dv/dt = (I - v)/tau: cannot subtract volt from amp in "I - v"
func (eqs *Equations) Check(outer Scope) error {
	s := eqs.Scope(outer)
	for k := range eqs.List {
		e := &eqs.List[k]
		if e.Expr == nil {
			continue
		}
		d, err := DimOf(e.Expr, s)
		if err != nil {
			if pe, ok := err.(*Error); ok {
				line, col := pe.Line, pe.Col
				if line == 0 { // generated node: point at the equation
					line, col = e.Line, e.Col
				}
				return &Error{Line: line, Col: col, Msg: describeEq(e, pe.Msg)}
			}
			return err
		}
		want := e.Unit
		if e.Kind == Differential {
			want = e.Unit.Div(units.DimTime())
		}
		if d != want && !isWild(e.Expr) {
			what := "the right-hand side"
			return errAt(e.Expr.Position(), "%s", describeEq(e, fmt.Sprintf("%s has dimension %s but %s needs %s", what, d, lhsName(e), want)))
		}
	}
	if _, err := eqs.expandAll(); err != nil {
		return err
	}
	return nil
}

func lhsName(e *Equation) string {
	if e.Kind == Differential {
		return "d" + e.Name + "/dt"
	}
	return e.Name
}
