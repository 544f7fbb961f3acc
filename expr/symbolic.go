package expr

import (
	"fmt"
	"math"
	"sort"
)

// Substitute returns n with every Name found in repl replaced by its node.
// Replacements are not themselves substituted again.
func Substitute(n Node, repl map[string]Node) Node {
	switch m := n.(type) {
	case *Name:
		if r, ok := repl[m.Name]; ok {
			return r
		}
		return n
	case *Unary:
		x := Substitute(m.X, repl)
		if x == m.X {
			return n
		}
		return &Unary{Op: m.Op, X: x, At: m.At}
	case *Binary:
		x, y := Substitute(m.X, repl), Substitute(m.Y, repl)
		if x == m.X && y == m.Y {
			return n
		}
		return &Binary{Op: m.Op, X: x, Y: y, At: m.At}
	case *CallExpr:
		args := make([]Node, len(m.Args))
		changed := false
		for k, a := range m.Args {
			args[k] = Substitute(a, repl)
			changed = changed || args[k] != a
		}
		if !changed {
			return n
		}
		return &CallExpr{Func: m.Func, Args: args, At: m.At}
	}
	return n
}

// Variables returns the distinct names an expression refers to (variables,
// constants, units and special names alike; not function names), sorted.
func Variables(n Node) []string {
	return collect(n, func(m Node) (string, bool) {
		nm, ok := m.(*Name)
		if !ok {
			return "", false
		}
		return nm.Name, true
	})
}

// Functions returns the distinct function names an expression calls, sorted.
func Functions(n Node) []string {
	return collect(n, func(m Node) (string, bool) {
		c, ok := m.(*CallExpr)
		if !ok {
			return "", false
		}
		return c.Func, true
	})
}

// collect returns the sorted distinct strings pick finds in the tree.
func collect(n Node, pick func(Node) (string, bool)) []string {
	set := map[string]bool{}
	walk(n, func(m Node) {
		if s, ok := pick(m); ok {
			set[s] = true
		}
	})
	out := make([]string, 0, len(set))
	for k := range set {
		out = append(out, k)
	}
	sort.Strings(out)
	return out
}

// DependsOn reports whether the expression refers to the name.
func DependsOn(n Node, name string) bool {
	switch m := n.(type) {
	case *Name:
		return m.Name == name
	case *Unary:
		return DependsOn(m.X, name)
	case *Binary:
		return DependsOn(m.X, name) || DependsOn(m.Y, name)
	case *CallExpr:
		for _, a := range m.Args {
			if DependsOn(a, name) {
				return true
			}
		}
	}
	return false
}

func walk(n Node, f func(Node)) {
	f(n)
	switch m := n.(type) {
	case *Unary:
		walk(m.X, f)
	case *Binary:
		walk(m.X, f)
		walk(m.Y, f)
	case *CallExpr:
		for _, a := range m.Args {
			walk(a, f)
		}
	}
}

// Equal reports whether two expressions are structurally identical.
func Equal(a, b Node) bool {
	switch x := a.(type) {
	case *Number:
		y, ok := b.(*Number)
		return ok && (x.Value == y.Value || (math.IsNaN(x.Value) && math.IsNaN(y.Value))) &&
			math.Signbit(x.Value) == math.Signbit(y.Value)
	case *Name:
		y, ok := b.(*Name)
		return ok && x.Name == y.Name
	case *Unary:
		y, ok := b.(*Unary)
		return ok && x.Op == y.Op && Equal(x.X, y.X)
	case *Binary:
		y, ok := b.(*Binary)
		return ok && x.Op == y.Op && Equal(x.X, y.X) && Equal(x.Y, y.Y)
	case *CallExpr:
		y, ok := b.(*CallExpr)
		if !ok || x.Func != y.Func || len(x.Args) != len(y.Args) {
			return false
		}
		for k := range x.Args {
			if !Equal(x.Args[k], y.Args[k]) {
				return false
			}
		}
		return true
	}
	return false
}

func numVal(n Node) (float64, bool) {
	if x, ok := n.(*Number); ok {
		return x.Value, true
	}
	return 0, false
}

func isNum(n Node, v float64) bool {
	x, ok := numVal(n)
	return ok && x == v
}

// Simplify folds constant numbers (not named constants, which a scope may
// shadow) and removes neutral terms: x+0, x*1, x*0, x/1, 0/x, x**1, x**0,
// --x, x + -y, x - -y, (-x)*(-y). The result is algebraically equal to n; it
// may differ from n's floating-point evaluation only where x*0 or 0/x drops a
// NaN or infinite x.
func Simplify(n Node) Node {
	switch m := n.(type) {
	case *Unary:
		x := Simplify(m.X)
		if m.Op == OpNeg {
			return sNeg(x)
		}
		if v, ok := numVal(x); ok {
			return Num(evalUnary(OpNot, v))
		}
		return &Unary{Op: m.Op, X: x, At: m.At}
	case *Binary:
		return sBin(m.Op, Simplify(m.X), Simplify(m.Y))
	case *CallExpr:
		args := make([]Node, len(m.Args))
		vals := make([]float64, len(m.Args))
		allNum := true
		for k, a := range m.Args {
			args[k] = Simplify(a)
			v, ok := numVal(args[k])
			vals[k] = v
			allNum = allNum && ok
		}
		if b := builtinFuncs[m.Func]; allNum && b != nil && !b.impure && len(args) == b.nargs {
			return Num(b.eval(vals))
		}
		return &CallExpr{Func: m.Func, Args: args, At: m.At}
	}
	return n
}

// sNeg builds -x, simplified.
func sNeg(x Node) Node {
	if v, ok := numVal(x); ok {
		return Num(-v)
	}
	if u, ok := x.(*Unary); ok && u.Op == OpNeg {
		return u.X
	}
	return Neg(x)
}

func negOf(x Node) (Node, bool) {
	if u, ok := x.(*Unary); ok && u.Op == OpNeg {
		return u.X, true
	}
	return nil, false
}

// sBin builds x op y with constant folding and neutral-element removal.
func sBin(op Op, x, y Node) Node {
	vx, nx := numVal(x)
	vy, ny := numVal(y)
	if nx && ny {
		return Num(evalBinary(op, vx, vy))
	}
	switch op {
	case OpAdd:
		switch {
		case nx && vx == 0:
			return y
		case ny && vy == 0:
			return x
		}
		if z, ok := negOf(y); ok {
			return sBin(OpSub, x, z)
		}
		if ny && vy < 0 {
			return Bin(OpSub, x, Num(-vy))
		}
		if z, ok := negOf(x); ok {
			return sBin(OpSub, y, z)
		}
	case OpSub:
		switch {
		case ny && vy == 0:
			return x
		case nx && vx == 0:
			return sNeg(y)
		}
		if z, ok := negOf(y); ok {
			return sBin(OpAdd, x, z)
		}
		if ny && vy < 0 {
			return Bin(OpAdd, x, Num(-vy))
		}
	case OpMul:
		switch {
		case (nx && vx == 0) || (ny && vy == 0):
			return Num(0)
		case nx && vx == 1:
			return y
		case ny && vy == 1:
			return x
		case nx && vx == -1:
			return sNeg(y)
		case ny && vy == -1:
			return sNeg(x)
		}
		if r := pullNeg(op, x, y); r != nil {
			return r
		}
	case OpDiv:
		switch {
		case nx && vx == 0:
			return Num(0)
		case ny && vy == 1:
			return x
		case ny && vy == -1:
			return sNeg(x)
		}
		if r := pullNeg(op, x, y); r != nil {
			return r
		}
	case OpPow:
		switch {
		case ny && vy == 1:
			return x
		case ny && vy == 0:
			return Num(1)
		}
	}
	return Bin(op, x, y)
}

// pullNeg moves negations out of a product or quotient: (-a)*(-b) = a*b,
// (-a)*b = -(a*b), a/(-b) = -(a/b). It returns nil if neither side is negated.
func pullNeg(op Op, x, y Node) Node {
	a, na := negOf(x)
	b, nb := negOf(y)
	switch {
	case na && nb:
		return sBin(op, a, b)
	case na:
		return sNeg(sBin(op, a, y))
	case nb:
		return sNeg(sBin(op, x, b))
	}
	return nil
}

// Derivative returns the symbolic derivative of n with respect to the
// variable x, simplified. Comparisons, sign, floor, ceil, int and timestep have
// derivative 0 (almost everywhere); clip is differentiated piecewise. User
// functions (and rand/randn) are treated as constants when their arguments do
// not depend on x, and cause an error otherwise.
func Derivative(n Node, x string) (Node, error) {
	d, err := deriv(n, x)
	if err != nil {
		return nil, err
	}
	if d == nil {
		return Num(0), nil
	}
	return Simplify(d), nil
}

// deriv returns nil for a zero derivative.
func deriv(n Node, x string) (Node, error) {
	if !DependsOn(n, x) {
		return nil, nil
	}
	switch m := n.(type) {
	case *Name:
		return Num(1), nil
	case *Unary:
		if m.Op == OpNot {
			return nil, nil
		}
		d, err := deriv(m.X, x)
		if err != nil || d == nil {
			return nil, err
		}
		return sNeg(d), nil
	case *Binary:
		if m.Op.IsComparison() || m.Op == OpAnd || m.Op == OpOr {
			return nil, nil
		}
		dx, err := deriv(m.X, x)
		if err != nil {
			return nil, err
		}
		dy, err := deriv(m.Y, x)
		if err != nil {
			return nil, err
		}
		switch m.Op {
		case OpFloorDiv:
			return nil, nil
		case OpMod: // x - floor(x/y)*y, almost everywhere
			return subNil(dx, mulNil(Bin(OpFloorDiv, m.X, m.Y), dy)), nil
		case OpAdd:
			return addNil(dx, dy), nil
		case OpSub:
			if dx == nil {
				return sNeg(dy), nil
			}
			if dy == nil {
				return dx, nil
			}
			return sBin(OpSub, dx, dy), nil
		case OpMul:
			return addNil(mulNil(dx, m.Y), mulNil(m.X, dy)), nil
		case OpDiv:
			if dy == nil {
				return sBin(OpDiv, dx, m.Y), nil
			}
			num := mulNil(m.X, dy)
			if dx != nil {
				num = sBin(OpSub, sBin(OpMul, dx, m.Y), num)
			} else {
				num = sNeg(num)
			}
			return sBin(OpDiv, num, sBin(OpPow, m.Y, Num(2))), nil
		case OpPow:
			if dy == nil {
				var ex Node
				if c, ok := numVal(m.Y); ok {
					ex = Num(c - 1)
				} else {
					ex = sBin(OpSub, m.Y, Num(1))
				}
				return mulNil(sBin(OpMul, m.Y, sBin(OpPow, m.X, ex)), dx), nil
			}
			// d(u**v) = u**v * (v' log u + v u'/u)
			t := mulNil(dy, Call("log", m.X))
			if dx != nil {
				t = addNil(t, sBin(OpDiv, sBin(OpMul, m.Y, dx), m.X))
			}
			return sBin(OpMul, m, t), nil
		}
	case *CallExpr:
		return derivCall(m, x)
	}
	return nil, nil
}

func addNil(a, b Node) Node {
	switch {
	case a == nil:
		return b
	case b == nil:
		return a
	}
	return sBin(OpAdd, a, b)
}

func mulNil(a, b Node) Node {
	if a == nil || b == nil {
		return nil
	}
	return sBin(OpMul, a, b)
}

func derivCall(m *CallExpr, x string) (Node, error) {
	b := builtinFuncs[m.Func]
	if b == nil || b.impure || len(m.Args) != b.nargs {
		return nil, &Error{Line: m.At.Line, Col: m.At.Col, Msg: fmt.Sprintf("cannot differentiate %s with respect to %s", m, x)}
	}
	if m.Func == "clip" {
		u, lo, hi := m.Args[0], m.Args[1], m.Args[2]
		du, err := deriv(u, x)
		if err != nil {
			return nil, err
		}
		dlo, err := deriv(lo, x)
		if err != nil {
			return nil, err
		}
		dhi, err := deriv(hi, x)
		if err != nil {
			return nil, err
		}
		r := mulNil(Bin(OpLt, u, lo), dlo)
		r = addNil(r, mulNil(Bin(OpGt, u, hi), dhi))
		inside := Bin(OpAnd, Bin(OpGe, u, lo), Bin(OpLe, u, hi))
		return addNil(r, mulNil(inside, du)), nil
	}
	if m.Func == "timestep" {
		return nil, nil
	}
	u := m.Args[0]
	du, err := deriv(u, x)
	if err != nil || du == nil {
		return nil, err
	}
	var f Node // f'(u)
	switch m.Func {
	case "exp":
		f = m
	case "expm1":
		f = Call("exp", u)
	case "log":
		f = sBin(OpDiv, Num(1), u)
	case "log1p":
		f = sBin(OpDiv, Num(1), sBin(OpAdd, Num(1), u))
	case "log10":
		f = sBin(OpDiv, Num(1), sBin(OpMul, u, Num(math.Ln10)))
	case "sqrt":
		f = sBin(OpDiv, Num(0.5), m)
	case "sin":
		f = Call("cos", u)
	case "cos":
		f = sNeg(Call("sin", u))
	case "tan":
		f = sBin(OpDiv, Num(1), sBin(OpPow, Call("cos", u), Num(2)))
	case "sinh":
		f = Call("cosh", u)
	case "cosh":
		f = Call("sinh", u)
	case "tanh":
		f = sBin(OpSub, Num(1), sBin(OpPow, m, Num(2)))
	case "arcsin":
		f = sBin(OpDiv, Num(1), Call("sqrt", sBin(OpSub, Num(1), sBin(OpPow, u, Num(2)))))
	case "arccos":
		f = sNeg(sBin(OpDiv, Num(1), Call("sqrt", sBin(OpSub, Num(1), sBin(OpPow, u, Num(2))))))
	case "arctan":
		f = sBin(OpDiv, Num(1), sBin(OpAdd, Num(1), sBin(OpPow, u, Num(2))))
	case "abs":
		f = Call("sign", u)
	case "exprel":
		// d/du (e^u - 1)/u = (u e^u - e^u + 1)/u^2
		eu := Call("exp", u)
		f = sBin(OpDiv, sBin(OpAdd, sBin(OpSub, sBin(OpMul, u, eu), eu), Num(1)), sBin(OpPow, u, Num(2)))
	case "sign", "floor", "ceil", "int":
		return nil, nil
	default:
		return nil, &Error{Line: m.At.Line, Col: m.At.Col, Msg: fmt.Sprintf("cannot differentiate %s", m.Func)}
	}
	return sBin(OpMul, f, du), nil
}

// IsLinear reports whether n is of the form A*x + B with A and B independent of x.
func IsLinear(n Node, x string) bool {
	_, _, ok := SplitLinear(n, x)
	return ok
}

// SplitLinear writes n as A*x + B with A and B not depending on x, by
// structural decomposition of the (simplified) tree: sums, differences,
// negation, products where only one factor depends on x, and quotients whose
// denominator does not. ok is false if n is not of that form (exp(x), x*x,
// 1/x, comparisons on x...). A and B are simplified; Num(0) stands for an
// absent term. The identity n == A*x + B is algebraic, so numerically it holds
// to rounding error.
func SplitLinear(n Node, x string) (a, b Node, ok bool) {
	a, b, ok = split(Simplify(n), x)
	if !ok {
		return nil, nil, false
	}
	if a == nil {
		a = Num(0)
	}
	if b == nil {
		b = Num(0)
	}
	return Simplify(a), Simplify(b), true
}

// split returns nil for zero parts.
func split(n Node, x string) (a, b Node, ok bool) {
	if !DependsOn(n, x) {
		return nil, n, true
	}
	switch m := n.(type) {
	case *Name: // must be x itself
		return Num(1), nil, true
	case *Unary:
		if m.Op != OpNeg {
			return nil, nil, false
		}
		a, b, ok := split(m.X, x)
		if !ok {
			return nil, nil, false
		}
		return negNil(a), negNil(b), true
	case *Binary:
		switch m.Op {
		case OpAdd, OpSub:
			a1, b1, ok1 := split(m.X, x)
			a2, b2, ok2 := split(m.Y, x)
			if !ok1 || !ok2 {
				return nil, nil, false
			}
			if m.Op == OpAdd {
				return addNil(a1, a2), addNil(b1, b2), true
			}
			return subNil(a1, a2), subNil(b1, b2), true
		case OpMul:
			dx, dy := DependsOn(m.X, x), DependsOn(m.Y, x)
			if dx && dy {
				return nil, nil, false
			}
			if dy {
				a, b, ok := split(m.Y, x)
				if !ok {
					return nil, nil, false
				}
				return mulNil(m.X, a), mulNil(m.X, b), true
			}
			a, b, ok := split(m.X, x)
			if !ok {
				return nil, nil, false
			}
			return mulNil(a, m.Y), mulNil(b, m.Y), true
		case OpDiv:
			if DependsOn(m.Y, x) {
				return nil, nil, false
			}
			a, b, ok := split(m.X, x)
			if !ok {
				return nil, nil, false
			}
			return divNil(a, m.Y), divNil(b, m.Y), true
		}
	}
	return nil, nil, false
}

func negNil(a Node) Node {
	if a == nil {
		return nil
	}
	return sNeg(a)
}

func subNil(a, b Node) Node {
	if b == nil {
		return a
	}
	if a == nil {
		return sNeg(b)
	}
	return sBin(OpSub, a, b)
}

func divNil(a, d Node) Node {
	if a == nil {
		return nil
	}
	return sBin(OpDiv, a, d)
}

// expandAll returns every subexpression with the subexpressions it uses
// substituted recursively, and reports cycles.
func (eqs *Equations) expandAll() (map[string]Node, error) {
	subs := map[string]*Equation{}
	for k := range eqs.List {
		if eqs.List[k].Kind == Subexpression {
			subs[eqs.List[k].Name] = &eqs.List[k]
		}
	}
	done := map[string]Node{}
	state := map[string]int{} // 1 = in progress
	var visit func(name string) error
	visit = func(name string) error {
		if _, ok := done[name]; ok {
			return nil
		}
		e := subs[name]
		if state[name] == 1 {
			return errAt(Pos{e.Line, e.Col}, "subexpression %q refers to itself (through %s)", name, e.Text)
		}
		state[name] = 1
		repl := map[string]Node{}
		for _, v := range Variables(e.Expr) {
			if _, ok := subs[v]; ok {
				if err := visit(v); err != nil {
					return err
				}
				repl[v] = done[v]
			}
		}
		done[name] = Substitute(e.Expr, repl)
		state[name] = 2
		return nil
	}
	for k := range eqs.List {
		if eqs.List[k].Kind == Subexpression {
			if err := visit(eqs.List[k].Name); err != nil {
				return nil, err
			}
		}
	}
	return done, nil
}

// Substituted returns the right-hand side of the equation defining name with
// every subexpression substituted, recursively (as Brian2 does before
// integrating). Subexpressions flagged "constant over dt" are kept as names
// unless keepConstantOverDt is false.
func (eqs *Equations) Substituted(name string, keepConstantOverDt bool) (Node, error) {
	e, ok := eqs.Get(name)
	if !ok || e.Expr == nil {
		return nil, fmt.Errorf("expr: no equation with an expression defines %q", name)
	}
	if _, err := eqs.expandAll(); err != nil { // reports cycles
		return nil, err
	}
	repl := map[string]Node{}
	for k := range eqs.List {
		se := &eqs.List[k]
		if se.Kind != Subexpression || (keepConstantOverDt && se.HasFlag("constant over dt")) {
			continue
		}
		repl[se.Name] = se.Expr
	}
	return substituteFix(e.Expr, repl), nil
}

// substituteFix substitutes until no replaced name remains (bounded by the
// number of replacements, which are acyclic).
func substituteFix(n Node, repl map[string]Node) Node {
	for k := 0; k <= len(repl); k++ {
		m := Substitute(n, repl)
		if m == n {
			return m
		}
		n = m
	}
	return n
}
