package expr

import (
	"math"
	"strconv"
	"strings"
)

// Pos is a position in the source text: 1-based line and column (in bytes).
// Nodes built programmatically have the zero Pos.
type Pos struct {
	Line, Col int
}

// Node is an expression tree node: *Number, *Name, *Unary, *Binary or *CallExpr.
// Nodes are immutable once built; the symbolic functions return new trees and
// may share subtrees.
type Node interface {
	// String prints the expression in the language's syntax with minimal
	// parentheses; ParseExpr(n.String()) gives back an equivalent tree.
	String() string
	// Position returns where the node starts in the source (zero if generated).
	Position() Pos
	node()
}

// Op is an operator of a Unary or Binary node.
type Op int

// Operators. OpNeg and OpNot are unary; the others are binary.
const (
	OpAdd      Op = iota + 1 // +
	OpSub                    // -
	OpMul                    // *
	OpDiv                    // /
	OpPow                    // **
	OpLt                     // <
	OpLe                     // <=
	OpGt                     // >
	OpGe                     // >=
	OpEq                     // ==
	OpNe                     // !=
	OpAnd                    // and
	OpOr                     // or
	OpMod                    // % (Python: the result has the sign of the divisor)
	OpFloorDiv               // // (floor of the quotient)
	OpNeg                    // unary -
	OpNot                    // not
)

var opText = map[Op]string{
	OpAdd: "+", OpSub: "-", OpMul: "*", OpDiv: "/", OpPow: "**",
	OpLt: "<", OpLe: "<=", OpGt: ">", OpGe: ">=", OpEq: "==", OpNe: "!=",
	OpAnd: "and", OpOr: "or", OpNeg: "-", OpNot: "not", OpMod: "%", OpFloorDiv: "//",
}

// String returns the operator as written in the language.
func (o Op) String() string {
	if s, ok := opText[o]; ok {
		return s
	}
	return "?"
}

// IsComparison reports whether o is one of < <= > >= == !=.
func (o Op) IsComparison() bool { return o >= OpLt && o <= OpNe }

// Number is a numeric literal (dimensionless; units are names: 10*mV).
type Number struct {
	Value float64
	At    Pos
}

// Name is a reference to a variable, constant, unit or special name (t, dt, i, N, xi).
type Name struct {
	Name string
	At   Pos
}

// Unary is -X or not X.
type Unary struct {
	Op Op // OpNeg or OpNot
	X  Node
	At Pos
}

// Binary is X op Y for an arithmetic, comparison or logical operator.
type Binary struct {
	Op   Op
	X, Y Node
	At   Pos // position of the left operand's start
}

// CallExpr is a function call Func(Args...).
type CallExpr struct {
	Func string
	Args []Node
	At   Pos
}

func (*Number) node()   {}
func (*Name) node()     {}
func (*Unary) node()    {}
func (*Binary) node()   {}
func (*CallExpr) node() {}

// Position implements Node.
func (n *Number) Position() Pos { return n.At }

// Position implements Node.
func (n *Name) Position() Pos { return n.At }

// Position implements Node.
func (n *Unary) Position() Pos { return n.At }

// Position implements Node.
func (n *Binary) Position() Pos { return n.At }

// Position implements Node.
func (n *CallExpr) Position() Pos { return n.At }

// Constructors for building trees programmatically (for example integrator
// update code). They do not simplify; call Simplify for that.

// Num returns a number node.
func Num(v float64) Node { return &Number{Value: v} }

// Ident returns a name node.
func Ident(name string) Node { return &Name{Name: name} }

// Neg returns -x.
func Neg(x Node) Node { return &Unary{Op: OpNeg, X: x} }

// Not returns not x.
func Not(x Node) Node { return &Unary{Op: OpNot, X: x} }

// Bin returns x op y for a binary operator.
func Bin(op Op, x, y Node) Node { return &Binary{Op: op, X: x, Y: y} }

// Add returns the sum of its arguments (0 for none), left-associated.
func Add(xs ...Node) Node { return fold(OpAdd, 0, xs) }

// Mul returns the product of its arguments (1 for none), left-associated.
func Mul(xs ...Node) Node { return fold(OpMul, 1, xs) }

// Sub returns x - y.
func Sub(x, y Node) Node { return Bin(OpSub, x, y) }

// Div returns x / y.
func Div(x, y Node) Node { return Bin(OpDiv, x, y) }

// Pow returns x ** y.
func Pow(x, y Node) Node { return Bin(OpPow, x, y) }

// Call returns the call name(args...).
func Call(name string, args ...Node) Node {
	return &CallExpr{Func: name, Args: append([]Node(nil), args...)}
}

func fold(op Op, unit float64, xs []Node) Node {
	if len(xs) == 0 {
		return Num(unit)
	}
	r := xs[0]
	for _, x := range xs[1:] {
		r = Bin(op, r, x)
	}
	return r
}

// Precedence levels (higher binds tighter), as in Python.
const (
	precOr = iota + 1
	precAnd
	precNot
	precCmp
	precSum
	precTerm
	precUnary
	precPow
	precAtom
)

func prec(n Node) int {
	switch n := n.(type) {
	case *Binary:
		switch {
		case n.Op == OpOr:
			return precOr
		case n.Op == OpAnd:
			return precAnd
		case n.Op.IsComparison():
			return precCmp
		case n.Op == OpAdd || n.Op == OpSub:
			return precSum
		case n.Op == OpMul || n.Op == OpDiv || n.Op == OpMod || n.Op == OpFloorDiv:
			return precTerm
		default:
			return precPow
		}
	case *Unary:
		if n.Op == OpNot {
			return precNot
		}
		return precUnary
	case *Number:
		if n.Value < 0 || (n.Value == 0 && math.Signbit(n.Value)) {
			return precUnary
		}
	}
	return precAtom
}

func formatNumber(v float64) string {
	switch {
	case math.IsInf(v, 1):
		return "inf"
	case math.IsInf(v, -1):
		return "-inf"
	case math.IsNaN(v):
		return "nan"
	}
	s := strconv.FormatFloat(v, 'g', -1, 64)
	return s
}

// String implements Node.
func (n *Number) String() string { return formatNumber(n.Value) }

// String implements Node.
func (n *Name) String() string { return n.Name }

// String implements Node.
func (n *Unary) String() string {
	var b strings.Builder
	if n.Op == OpNot {
		b.WriteString("not ")
		writeChild(&b, n.X, prec(n.X) < precNot)
	} else {
		b.WriteString("-")
		// --x would print as "--x" which parses fine, but "-(-1)" reads better.
		writeChild(&b, n.X, prec(n.X) < precUnary || prec(n.X) == precUnary)
	}
	return b.String()
}

// String implements Node.
func (n *Binary) String() string {
	p := prec(n)
	var b strings.Builder
	lp, rp := prec(n.X) < p, prec(n.Y) < p
	switch {
	case n.Op == OpPow:
		lp = prec(n.X) <= p // (a**b)**c and (-a)**b
		rp = prec(n.Y) < precUnary
	case n.Op.IsComparison():
		lp, rp = prec(n.X) <= p, prec(n.Y) <= p // no chained comparisons
	default:
		rp = prec(n.Y) <= p // a - (b - c)
	}
	writeChild(&b, n.X, lp)
	switch n.Op {
	case OpMul, OpDiv, OpPow, OpMod, OpFloorDiv:
		b.WriteString(n.Op.String())
	default:
		b.WriteString(" " + n.Op.String() + " ")
	}
	writeChild(&b, n.Y, rp)
	return b.String()
}

// String implements Node.
func (n *CallExpr) String() string {
	var b strings.Builder
	b.WriteString(n.Func)
	b.WriteByte('(')
	for i, a := range n.Args {
		if i > 0 {
			b.WriteString(", ")
		}
		b.WriteString(a.String())
	}
	b.WriteByte(')')
	return b.String()
}

func writeChild(b *strings.Builder, n Node, paren bool) {
	if paren {
		b.WriteByte('(')
	}
	b.WriteString(n.String())
	if paren {
		b.WriteByte(')')
	}
}
