package expr

import (
	"math"

	"github.com/gohears/hears/units"
)

// FoldConstants returns n rewritten so that its constants meet: sums are
// flattened and their constant terms added into one, products and quotients
// are flattened and their constant factors multiplied into one, signs are
// folded into constants, and names for which constOf reports a value
// (declared constants, units: see Decls.ConstantValue) become numbers.
// Simplify only folds adjacent numbers; after Brian2-style substitution the
// constants of a rate function are spread over a chain
// (0.32*(mV**-1)*4*mV/exprel(x)/ms, (13*mV - v + VT)/(4*mV)), and each
// left-over constant costs a vector operation per element. In the COBAHH
// update code this removes a sixth of the operations (88 -> 73).
//
// Reassociation changes results by rounding only (about 1e-16 relative),
// but it does change them, so Compile applies it only when asked
// (Decls.Reassociate). Degenerate constant products (0*x, x/0, overflow)
// are left as written. The result no longer carries units: check
// dimensions before folding.
func FoldConstants(n Node, constOf func(name string) (float64, bool)) Node {
	f := constFolder{constOf: constOf}
	return Simplify(f.fold(n))
}

type constFolder struct {
	constOf func(string) (float64, bool)
}

func constNum(n Node) (float64, bool) {
	c, ok := n.(*Number)
	if !ok {
		return 0, false
	}
	return c.Value, true
}

func (f constFolder) fold(n Node) Node {
	switch m := n.(type) {
	case *Name:
		if v, ok := f.constOf(m.Name); ok {
			return Num(v)
		}
		return m
	case *Unary:
		if m.Op == OpNeg {
			return f.sum(m)
		}
		return Not(f.fold(m.X))
	case *Binary:
		switch m.Op {
		case OpAdd, OpSub:
			return f.sum(m)
		case OpMul, OpDiv:
			return f.product(m)
		case OpPow:
			x, y := f.fold(m.X), f.fold(m.Y)
			if a, ok := constNum(x); ok {
				if b, ok := constNum(y); ok {
					return Num(math.Pow(a, b))
				}
			}
			return Pow(x, y)
		}
		return Bin(m.Op, f.fold(m.X), f.fold(m.Y))
	case *CallExpr:
		args := make([]Node, len(m.Args))
		for k, a := range m.Args {
			args[k] = f.fold(a)
		}
		return Call(m.Func, args...)
	}
	return n
}

type sumTerm struct {
	neg bool
	x   Node
}

// sum flattens + and - (and unary -) and adds the constant terms.
func (f constFolder) sum(n Node) Node {
	var terms []sumTerm
	c := 0.0
	var walk func(n Node, neg bool)
	walk = func(n Node, neg bool) {
		switch m := n.(type) {
		case *Binary:
			if m.Op == OpAdd || m.Op == OpSub {
				walk(m.X, neg)
				walk(m.Y, neg != (m.Op == OpSub))
				return
			}
		case *Unary:
			if m.Op == OpNeg {
				walk(m.X, !neg)
				return
			}
		}
		x := f.fold(n)
		if v, ok := constNum(x); ok {
			if neg {
				v = -v
			}
			c += v
			return
		}
		if neg {
			// -(c*x) and -(c/x): fold the sign into the constant.
			if b, ok := x.(*Binary); ok && (b.Op == OpMul || b.Op == OpDiv) {
				if v, ok := constNum(b.X); ok {
					x, neg = Bin(b.Op, Num(-v), b.Y), false
				}
			}
		}
		terms = append(terms, sumTerm{neg, x})
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
	var res Node
	if len(terms) > 0 && terms[0].neg && c != 0 {
		res, c = Num(c), 0
	}
	for _, t := range terms {
		switch {
		case res == nil && t.neg:
			res = Neg(t.x)
		case res == nil:
			res = t.x
		case t.neg:
			res = Sub(res, t.x)
		default:
			res = Add(res, t.x)
		}
	}
	switch {
	case res == nil:
		return Num(c)
	case c > 0:
		return Add(res, Num(c))
	case c < 0:
		return Sub(res, Num(-c))
	}
	return res
}

// product flattens * and / and multiplies the constant factors.
func (f constFolder) product(n Node) Node {
	var num, den []Node
	c := 1.0
	ok := true
	var walk func(n Node, inv bool)
	walk = func(n Node, inv bool) {
		switch m := n.(type) {
		case *Binary:
			if m.Op == OpMul || m.Op == OpDiv {
				walk(m.X, inv)
				walk(m.Y, inv != (m.Op == OpDiv))
				return
			}
		case *Unary:
			if m.Op == OpNeg {
				c = -c
				walk(m.X, inv)
				return
			}
		}
		x := f.fold(n)
		if v, isNum := constNum(x); isNum {
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
		m := n.(*Binary)
		return Bin(m.Op, f.fold(m.X), f.fold(m.Y))
	}
	var res Node
	for _, x := range num {
		if res == nil {
			res = x
		} else {
			res = Mul(res, x)
		}
	}
	switch {
	case res == nil:
		res = Num(c)
	case c == -1:
		res = Neg(res)
	case c != 1:
		res = Mul(Num(c), res)
	}
	if len(den) > 0 {
		d := den[0]
		for _, x := range den[1:] {
			d = Mul(d, x)
		}
		res = Div(res, d)
	}
	return res
}

// ConstantValue reports the value of a name that is a compile-time
// constant for d: a declared Constant, or, for names d does not declare, a
// unit or physical constant (units.Lookup, SI value) and pi, e. It is the
// constOf of FoldConstants for programs compiled with d.
func (d *Decls) ConstantValue(name string) (float64, bool) {
	if v, ok := d.Vars[name]; ok {
		if v.Kind == Constant {
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
	if IsNoise(name) {
		return 0, false
	}
	if q, ok := units.Lookup(name); ok {
		return q.Value, true
	}
	return 0, false
}
