package expr

import (
	"fmt"
	"math"
	"strings"

	"github.com/gohears/hears/units"
)

// Kind of an equation.
type Kind int

// Equation kinds.
const (
	Differential  Kind = iota + 1 // dx/dt = expr : unit
	Subexpression                 // name = expr : unit
	Parameter                     // name : unit
)

// String returns "differential", "subexpression" or "parameter".
func (k Kind) String() string {
	switch k {
	case Differential:
		return "differential"
	case Subexpression:
		return "subexpression"
	case Parameter:
		return "parameter"
	}
	return "unknown"
}

// Equation is one line of a model description.
type Equation struct {
	Kind Kind
	Name string // the variable (x for dx/dt)
	Expr Node   // right-hand side; nil for a Parameter
	// Unit is the dimension of the variable (for dx/dt: of x, so the right-hand
	// side has dimension Unit/second).
	Unit units.Dim
	// UnitName is the unit as written ("volt", "1", "siemens/meter**2", "boolean").
	UnitName string
	// Type is "float", "boolean" (unit "boolean") or "integer" (unit "integer").
	Type string
	// Flags are the flags in parentheses after the unit, whitespace-normalised
	// and in order: "constant", "shared", "unless refractory", "linked",
	// "constant over dt", or any other flag (such as "summed", "event-driven",
	// "clock-driven") for the caller to validate.
	Flags []string
	// Line and Col locate the start of the equation; Text is its left-hand side
	// and expression as written, whitespace-collapsed ("dv/dt = (I - v)/tau").
	Line, Col int
	Text      string
}

// HasFlag reports whether the equation carries the flag.
func (e *Equation) HasFlag(flag string) bool {
	for _, f := range e.Flags {
		if f == flag {
			return true
		}
	}
	return false
}

// String prints the equation in the input syntax.
func (e *Equation) String() string {
	var s string
	switch e.Kind {
	case Differential:
		s = "d" + e.Name + "/dt = " + e.Expr.String()
	case Subexpression:
		s = e.Name + " = " + e.Expr.String()
	default:
		s = e.Name
	}
	s += " : " + e.UnitName
	if len(e.Flags) > 0 {
		s += " (" + strings.Join(e.Flags, ", ") + ")"
	}
	return s
}

// Equations is a parsed model description, in source order.
type Equations struct {
	List []Equation
}

// Get returns the equation defining name.
func (eqs *Equations) Get(name string) (*Equation, bool) {
	for i := range eqs.List {
		if eqs.List[i].Name == name {
			return &eqs.List[i], true
		}
	}
	return nil, false
}

// Names returns the names defined by equations of the given kinds (all kinds
// if none given), in source order.
func (eqs *Equations) Names(kinds ...Kind) []string {
	var out []string
	for _, e := range eqs.List {
		if len(kinds) == 0 || containsKind(kinds, e.Kind) {
			out = append(out, e.Name)
		}
	}
	return out
}

func containsKind(ks []Kind, k Kind) bool {
	for _, x := range ks {
		if x == k {
			return true
		}
	}
	return false
}

// String prints all equations, one per line.
func (eqs *Equations) String() string {
	var b strings.Builder
	for i := range eqs.List {
		b.WriteString(eqs.List[i].String())
		b.WriteByte('\n')
	}
	return b.String()
}

// reservedNames cannot be defined by equations.
var reservedNames = map[string]bool{
	"t": true, "dt": true, "xi": true, "i": true, "N": true,
	"pi": true, "e": true, "inf": true, "nan": true, "True": true, "False": true,
	"and": true, "or": true, "not": true,
}

// ParseEquations parses a Brian2 model description: one equation per line,
//
//	dv/dt = (I - v)/tau : volt (unless refractory)  # differential equation
//	I = g*(E - v) : amp                              # subexpression
//	tau : second (constant)                          # parameter
//
// An expression may run over several lines: an equation ends with the line
// that holds its ':' (so a line may also end in an operator, as in Brian2).
// Comments start with '#'. Names must be unique, may not start with '_' and
// may not be reserved (t, dt, i, N, xi, pi, e, inf), a unit or a function.
// Dimensions are checked separately by Check.
func ParseEquations(src string) (*Equations, error) {
	toks, err := lex(src)
	if err != nil {
		return nil, err
	}
	eqs := &Equations{}
	seen := map[string]int{}
	start := 0
	for start < len(toks) {
		// Skip blank lines.
		for start < len(toks) && toks[start].kind == tNewline {
			start++
		}
		if toks[start].kind == tEOF {
			break
		}
		// Find the ':' and then the end of its line.
		colon := -1
		j := start
		for ; toks[j].kind != tEOF; j++ {
			if toks[j].kind == tOp && toks[j].text == ":" {
				colon = j
				break
			}
		}
		if colon < 0 {
			return nil, errAt(toks[start].pos, "expected ': unit' in the equation starting with %s", toks[start].describe())
		}
		end := colon
		for toks[end].kind != tNewline && toks[end].kind != tEOF {
			end++
		}
		eq, err := parseEquation(src, toks, start, colon, end)
		if err != nil {
			return nil, err
		}
		if line, dup := seen[eq.Name]; dup {
			return nil, errAt(Pos{eq.Line, eq.Col}, "%q is already defined on line %d", eq.Name, line)
		}
		seen[eq.Name] = eq.Line
		eqs.List = append(eqs.List, *eq)
		start = end
	}
	return eqs, nil
}

func checkDefinable(t token) error {
	n := t.text
	switch {
	case reservedNames[n] || strings.HasPrefix(n, "xi_"):
		return errAt(t.pos, "%q is a reserved name and cannot be defined", n)
	case strings.HasPrefix(n, "_"):
		return errAt(t.pos, "names starting with '_' are reserved: %q", n)
	case units.IsUnit(n):
		return errAt(t.pos, "%q is the name of a unit and cannot be redefined", n)
	case builtinFuncs[n] != nil:
		return errAt(t.pos, "%q is the name of a function and cannot be redefined", n)
	}
	return nil
}

// parseEquation parses toks[start:end] whose ':' is at toks[colon].
func parseEquation(src string, toks []token, start, colon, end int) (*Equation, error) {
	first := toks[start]
	eq := &Equation{Line: first.pos.Line, Col: first.pos.Col, Type: "float"}
	eq.Text = collapse(src[first.off:toks[colon].off])
	lhs := toks[start:colon]
	isOp := func(t token, s string) bool { return t.kind == tOp && t.text == s }
	var exprStart int
	switch {
	case len(lhs) >= 4 && lhs[0].kind == tIdent && isOp(lhs[1], "/") && lhs[2].kind == tIdent &&
		lhs[2].text == "dt" && isOp(lhs[3], "="):
		if len(lhs[0].text) < 2 || lhs[0].text[0] != 'd' {
			return nil, errAt(first.pos, "expected dx/dt on the left-hand side, found %s/dt", lhs[0].text)
		}
		eq.Kind = Differential
		eq.Name = lhs[0].text[1:]
		exprStart = start + 4
	case len(lhs) >= 2 && lhs[0].kind == tIdent && isOp(lhs[1], "="):
		eq.Kind = Subexpression
		eq.Name = lhs[0].text
		exprStart = start + 2
	case len(lhs) == 1 && lhs[0].kind == tIdent:
		eq.Kind = Parameter
		eq.Name = lhs[0].text
	default:
		return nil, errAt(first.pos, "expected 'dx/dt = expression : unit', 'name = expression : unit' or 'name : unit', found %q", eq.Text)
	}
	nameTok := lhs[0]
	nameTok.text = eq.Name
	if eq.Kind == Differential {
		nameTok.pos.Col++
	}
	if !isIdentStart(eq.Name[0]) {
		return nil, errAt(nameTok.pos, "invalid variable name %q", eq.Name)
	}
	if err := checkDefinable(nameTok); err != nil {
		return nil, err
	}
	if eq.Kind != Parameter {
		if exprStart == colon {
			return nil, errAt(toks[colon].pos, "missing expression before ':' in %q", eq.Text)
		}
		sub := make([]token, 0, colon-exprStart+1)
		sub = append(sub, toks[exprStart:colon]...)
		sub = append(sub, token{kind: tEOF, pos: toks[colon].pos, off: toks[colon].off})
		p := &parser{toks: sub, nlWS: true}
		n, err := p.parseExpr()
		if err != nil {
			return nil, err
		}
		if t := p.peek(); t.kind != tEOF {
			return nil, errAt(t.pos, "unexpected %s in %q", t.describe(), eq.Text)
		}
		eq.Expr = n
	}
	// Unit, then optional flags in parentheses.
	rest := toks[colon+1 : end]
	flagAt := -1
	for k := 1; k < len(rest); k++ {
		if isOp(rest[k], "(") {
			prev := rest[k-1]
			if prev.kind == tIdent || prev.kind == tNumber || isOp(prev, ")") {
				flagAt = k
				break
			}
		}
	}
	unitToks := rest
	if flagAt >= 0 {
		unitToks = rest[:flagAt]
	}
	if len(unitToks) == 0 {
		return nil, errAt(toks[colon].pos, "missing unit after ':' in %q", eq.Text)
	}
	eq.UnitName = collapse(src[unitToks[0].off:unitToks[len(unitToks)-1].end])
	switch eq.UnitName {
	case "boolean", "bool":
		eq.Type = "boolean"
	case "integer":
		eq.Type = "integer"
	default:
		d, err := parseUnit(unitToks, toks[colon].pos)
		if err != nil {
			return nil, err
		}
		eq.Unit = d
	}
	if flagAt >= 0 {
		open := rest[flagAt]
		last := rest[len(rest)-1]
		if !isOp(last, ")") {
			return nil, errAt(open.pos, "expected ')' to close the flags '(' here")
		}
		for _, t := range rest[flagAt+1 : len(rest)-1] {
			if isOp(t, "(") || isOp(t, ")") {
				return nil, errAt(t.pos, "unexpected %s in the flags", t.describe())
			}
		}
		body := src[open.end:last.off]
		for _, f := range strings.Split(body, ",") {
			f = collapse(f)
			if f == "" {
				return nil, errAt(open.pos, "empty flag in (%s)", body)
			}
			for k := 0; k < len(f); k++ {
				if c := f[k]; !isIdentChar(c) && c != ' ' && c != '-' {
					return nil, errAt(open.pos, "invalid flag %q", f)
				}
			}
			if eq.HasFlag(f) {
				return nil, errAt(open.pos, "flag %q given twice", f)
			}
			eq.Flags = append(eq.Flags, f)
		}
	}
	return eq, nil
}

// parseUnit evaluates a unit expression made of unit names, numbers, *, / and
// ** with constant exponents ("siemens/meter**2", "1", "volt/second").
func parseUnit(toks []token, at Pos) (units.Dim, error) {
	sub := append(append([]token(nil), toks...), token{kind: tEOF, pos: toks[len(toks)-1].pos})
	p := &parser{toks: sub, nlWS: true}
	n, err := p.parseExpr()
	if err != nil {
		return units.Dim{}, err
	}
	if t := p.peek(); t.kind != tEOF {
		return units.Dim{}, errAt(t.pos, "unexpected %s in the unit", t.describe())
	}
	q, err := evalUnit(n)
	if err != nil {
		return units.Dim{}, err
	}
	if !q.Dim.IsValid() {
		return units.Dim{}, errAt(at, "invalid unit %s", n)
	}
	return q.Dim, nil
}

// ParseUnit parses a unit expression such as "mV", "siemens/meter**2" or "1"
// and returns its value in SI and its dimension.
func ParseUnit(src string) (units.Quantity, error) {
	n, err := ParseExpr(src)
	if err != nil {
		return units.Quantity{}, err
	}
	q, err := evalUnit(n)
	if err != nil {
		return q, err
	}
	if !q.Dim.IsValid() {
		return units.Quantity{}, errAt(n.Position(), "invalid unit %s: an exponent is beyond ±%d", n, units.MaxExponent)
	}
	return q, nil
}

func evalUnit(n Node) (units.Quantity, error) {
	switch n := n.(type) {
	case *Number:
		return units.Quantity{Value: n.Value}, nil
	case *Name:
		q, ok := units.Lookup(n.Name)
		if !ok || !units.IsUnit(n.Name) {
			return units.Quantity{}, errAt(n.At, "unknown unit %q", n.Name)
		}
		return q, nil
	case *Unary:
		if n.Op == OpNeg {
			if x, ok := n.X.(*Number); ok {
				return units.Quantity{Value: -x.Value}, nil
			}
		}
	case *Binary:
		x, err := evalUnit(n.X)
		if err != nil {
			return x, err
		}
		y, err := evalUnit(n.Y)
		if err != nil {
			return y, err
		}
		var q units.Quantity
		switch n.Op {
		case OpMul:
			q = x.Mul(y)
		case OpDiv:
			q = x.Div(y)
		case OpPow:
			if !y.Dim.IsDimensionless() || !(math.Abs(y.Value) <= units.MaxExponent) {
				return units.Quantity{}, errAt(n.Y.Position(), "invalid exponent %s in a unit (at most ±%d)", n.Y, units.MaxExponent)
			}
			q = x.Pow(y.Value)
		default:
			return units.Quantity{}, errAt(n.Position(), "invalid unit %s: use unit names with *, / and **", n)
		}
		// A scale that overflows or underflows (a product of 300,000 mV) or
		// an exponent beyond MaxExponent is no unit anyone means.
		if !q.Dim.IsValid() {
			return units.Quantity{}, errAt(n.Position(), "invalid unit %s: an exponent is beyond ±%d", n, units.MaxExponent)
		}
		if math.IsInf(q.Value, 0) || math.IsNaN(q.Value) || q.Value == 0 && x.Value != 0 && y.Value != 0 {
			return units.Quantity{}, errAt(n.Position(), "invalid unit %s: its scale %v is out of the range of float64", n, q.Value)
		}
		return q, nil
	}
	return units.Quantity{}, errAt(n.Position(), "invalid unit %s: use unit names with *, / and **", n)
}

// describeEq prefixes a message with the equation text, for errors.
func describeEq(e *Equation, msg string) string {
	return fmt.Sprintf("%s: %s", e.Text, msg)
}
