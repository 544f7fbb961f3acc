package spiking

import (
	"math"

	"github.com/gohears/hears/expr"
	"github.com/gohears/hears/units"
)

// foldConstants rewrites generated update code so that constants meet:
// sums are flattened and their constant terms added into one, products and
// quotients are flattened and their constant factors multiplied into one
// (named constants and units included). expr.Simplify only folds adjacent
// numbers; after Brian2-style substitution the constants of a rate
// function are spread over a chain (0.32*(mV**-1)*4*mV/exprel(x)/ms,
// (13*mV - v + VT)/(4*mV)), and each left-over constant costs a vector
// operation per neuron and step. In the COBAHH update code this removes a
// quarter of the operations. Reassociation changes results by rounding
// only (about 1e-16 relative). Temporary here; see
// docs/spiking-needs-from-expr.md.
func foldConstants(n expr.Node, constOf func(string) (float64, bool)) expr.Node {
	f := folder{constOf: constOf}
	return expr.Simplify(f.fold(n))
}

type folder struct {
	constOf func(string) (float64, bool)
}

func numOf(n expr.Node) (float64, bool) {
	c, ok := n.(*expr.Number)
	if !ok {
		return 0, false
	}
	return c.Value, true
}

func (f folder) fold(n expr.Node) expr.Node {
	switch m := n.(type) {
	case *expr.Name:
		if v, ok := f.constOf(m.Name); ok {
			return expr.Num(v)
		}
		return m
	case *expr.Unary:
		if m.Op == expr.OpNeg {
			return f.sum(m)
		}
		return expr.Not(f.fold(m.X))
	case *expr.Binary:
		switch m.Op {
		case expr.OpAdd, expr.OpSub:
			return f.sum(m)
		case expr.OpMul, expr.OpDiv:
			return f.product(m)
		case expr.OpPow:
			x, y := f.fold(m.X), f.fold(m.Y)
			if a, ok := numOf(x); ok {
				if b, ok := numOf(y); ok {
					return expr.Num(math.Pow(a, b))
				}
			}
			return expr.Pow(x, y)
		}
		return expr.Bin(m.Op, f.fold(m.X), f.fold(m.Y))
	case *expr.CallExpr:
		args := make([]expr.Node, len(m.Args))
		for k, a := range m.Args {
			args[k] = f.fold(a)
		}
		return expr.Call(m.Func, args...)
	}
	return n
}

type term struct {
	neg bool
	x   expr.Node
}

// sum flattens + and - (and unary -) and adds the constant terms.
func (f folder) sum(n expr.Node) expr.Node {
	var terms []term
	c := 0.0
	var walk func(n expr.Node, neg bool)
	walk = func(n expr.Node, neg bool) {
		switch m := n.(type) {
		case *expr.Binary:
			if m.Op == expr.OpAdd || m.Op == expr.OpSub {
				walk(m.X, neg)
				walk(m.Y, neg != (m.Op == expr.OpSub))
				return
			}
		case *expr.Unary:
			if m.Op == expr.OpNeg {
				walk(m.X, !neg)
				return
			}
		}
		x := f.fold(n)
		if v, ok := numOf(x); ok {
			if neg {
				v = -v
			}
			c += v
			return
		}
		if neg {
			// -(c*x) and -(c/x): fold the sign into the constant.
			if b, ok := x.(*expr.Binary); ok && (b.Op == expr.OpMul || b.Op == expr.OpDiv) {
				if v, ok := numOf(b.X); ok {
					x, neg = expr.Bin(b.Op, expr.Num(-v), b.Y), false
				}
			}
		}
		terms = append(terms, term{neg, x})
	}
	walk(n, false)
	// Start with a positive term, or with the constant, so that no
	// negation is needed: c - x instead of -x + c.
	for k, t := range terms {
		if !t.neg {
			terms[0], terms[k] = terms[k], terms[0]
			break
		}
	}
	var res expr.Node
	if len(terms) > 0 && terms[0].neg && c != 0 {
		res, c = expr.Num(c), 0
	}
	for _, t := range terms {
		switch {
		case res == nil && t.neg:
			res = expr.Neg(t.x)
		case res == nil:
			res = t.x
		case t.neg:
			res = expr.Sub(res, t.x)
		default:
			res = expr.Add(res, t.x)
		}
	}
	switch {
	case res == nil:
		return expr.Num(c)
	case c > 0:
		return expr.Add(res, expr.Num(c))
	case c < 0:
		return expr.Sub(res, expr.Num(-c))
	}
	return res
}

// product flattens * and / and multiplies the constant factors.
func (f folder) product(n expr.Node) expr.Node {
	var num, den []expr.Node
	c := 1.0
	ok := true
	var walk func(n expr.Node, inv bool)
	walk = func(n expr.Node, inv bool) {
		switch m := n.(type) {
		case *expr.Binary:
			if m.Op == expr.OpMul || m.Op == expr.OpDiv {
				walk(m.X, inv)
				walk(m.Y, inv != (m.Op == expr.OpDiv))
				return
			}
		case *expr.Unary:
			if m.Op == expr.OpNeg {
				c = -c
				walk(m.X, inv)
				return
			}
		}
		x := f.fold(n)
		if v, isNum := numOf(x); isNum {
			if inv {
				if v == 0 {
					ok = false
				}
				c /= v
			} else {
				c *= v
			}
			return
		}
		if inv {
			den = append(den, x)
		} else {
			num = append(num, x)
		}
	}
	walk(n, false)
	if !ok || math.IsNaN(c) || math.IsInf(c, 0) || (c == 0 && (len(num) > 0 || len(den) > 0)) {
		// Leave degenerate constants (0*x, x/0) to the evaluation, as written.
		m := n.(*expr.Binary)
		return expr.Bin(m.Op, f.fold(m.X), f.fold(m.Y))
	}
	var res expr.Node
	for _, x := range num {
		if res == nil {
			res = x
		} else {
			res = expr.Mul(res, x)
		}
	}
	switch {
	case res == nil:
		res = expr.Num(c)
	case c == -1:
		res = expr.Neg(res)
	case c != 1:
		res = expr.Mul(expr.Num(c), res)
	}
	if len(den) > 0 {
		d := den[0]
		for _, x := range den[1:] {
			d = expr.Mul(d, x)
		}
		res = expr.Div(res, d)
	}
	return res
}

// constantsOf returns the lookup of compile-time constants of d: declared
// constants, then (for names d does not declare) units and pi, e.
func constantsOf(d *expr.Decls) func(string) (float64, bool) {
	return func(name string) (float64, bool) {
		if v, ok := d.Vars[name]; ok {
			if v.Kind == expr.Constant {
				return v.Value, true
			}
			return 0, false
		}
		switch name {
		case "pi":
			return math.Pi, true
		case "e":
			return math.E, true
		}
		if expr.IsNoise(name) {
			return 0, false
		}
		if q, ok := units.Lookup(name); ok {
			return q.Value, true
		}
		return 0, false
	}
}
