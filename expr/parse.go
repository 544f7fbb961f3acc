package expr

import (
	"strings"
)

// maxDepth bounds the nesting of parentheses and operators so that hostile
// input cannot exhaust the stack.
const maxDepth = 500

// parser is a recursive-descent parser over a token slice. Operator precedence
// follows Python (which Brian2's expressions are): or < and < not < comparisons
// < + - < * / < unary - < ** (right-associative, binds tighter than a unary
// minus on its left: -x**2 is -(x**2); x**-2 is allowed).
type parser struct {
	toks  []token
	i     int
	nlWS  bool // newlines are whitespace everywhere (single expressions, equations)
	paren int  // depth of open parentheses: newlines inside are whitespace
	depth int
}

func (p *parser) skipNL() {
	if p.nlWS || p.paren > 0 {
		for p.toks[p.i].kind == tNewline {
			p.i++
		}
	}
}

func (p *parser) peek() token {
	p.skipNL()
	return p.toks[p.i]
}

func (p *parser) next() token {
	t := p.peek()
	if t.kind != tEOF {
		p.i++
	}
	return t
}

func (p *parser) isOp(s string) bool {
	t := p.peek()
	return t.kind == tOp && t.text == s
}

func (p *parser) expect(s, what string) (token, error) {
	t := p.peek()
	if t.kind != tOp || t.text != s {
		return t, errAt(t.pos, "expected %s, found %s", what, t.describe())
	}
	p.i++
	return t, nil
}

func (p *parser) enter() error {
	p.depth++
	if p.depth > maxDepth {
		return errAt(p.toks[p.i].pos, "expression nested too deeply")
	}
	return nil
}

func (p *parser) leave() { p.depth-- }

func (p *parser) parseExpr() (Node, error) { return p.parseOr() }

// leftAssoc parses operand (op operand)* for one precedence level, where ops
// maps each operator token (an operator or a keyword such as "and") to its Op.
func (p *parser) leftAssoc(operand func() (Node, error), ops map[string]Op) (Node, error) {
	x, err := operand()
	if err != nil {
		return nil, err
	}
	for {
		t := p.peek()
		op, ok := ops[t.text]
		if !ok || (t.kind != tOp && t.kind != tIdent) {
			return x, nil
		}
		p.next()
		y, err := operand()
		if err != nil {
			return nil, err
		}
		x = &Binary{Op: op, X: x, Y: y, At: x.Position()}
	}
}

var (
	orOps   = map[string]Op{"or": OpOr}
	andOps  = map[string]Op{"and": OpAnd}
	sumOps  = map[string]Op{"+": OpAdd, "-": OpSub}
	termOps = map[string]Op{"*": OpMul, "/": OpDiv, "%": OpMod, "//": OpFloorDiv}
)

func (p *parser) parseOr() (Node, error)   { return p.leftAssoc(p.parseAnd, orOps) }
func (p *parser) parseAnd() (Node, error)  { return p.leftAssoc(p.parseNot, andOps) }
func (p *parser) parseSum() (Node, error)  { return p.leftAssoc(p.parseTerm, sumOps) }
func (p *parser) parseTerm() (Node, error) { return p.leftAssoc(p.parseUnary, termOps) }

func (p *parser) parseNot() (Node, error) {
	if t := p.peek(); t.kind == tIdent && t.text == "not" {
		if err := p.enter(); err != nil {
			return nil, err
		}
		defer p.leave()
		p.next()
		x, err := p.parseNot()
		if err != nil {
			return nil, err
		}
		return &Unary{Op: OpNot, X: x, At: t.pos}, nil
	}
	return p.parseCompare()
}

var cmpOps = map[string]Op{"<": OpLt, "<=": OpLe, ">": OpGt, ">=": OpGe, "==": OpEq, "!=": OpNe}

func (p *parser) parseCompare() (Node, error) {
	x, err := p.parseSum()
	if err != nil {
		return nil, err
	}
	t := p.peek()
	op, ok := cmpOps[t.text]
	if t.kind != tOp || !ok {
		return x, nil
	}
	p.next()
	y, err := p.parseSum()
	if err != nil {
		return nil, err
	}
	if t2 := p.peek(); t2.kind == tOp && cmpOps[t2.text] != 0 {
		return nil, errAt(t2.pos, "chained comparisons are not supported; combine them with 'and'")
	}
	return &Binary{Op: op, X: x, Y: y, At: x.Position()}, nil
}

func (p *parser) parseUnary() (Node, error) {
	t := p.peek()
	if t.kind == tOp && (t.text == "-" || t.text == "+") {
		if err := p.enter(); err != nil {
			return nil, err
		}
		defer p.leave()
		p.next()
		x, err := p.parseUnary()
		if err != nil {
			return nil, err
		}
		if t.text == "+" {
			return x, nil
		}
		return &Unary{Op: OpNeg, X: x, At: t.pos}, nil
	}
	return p.parsePower()
}

func (p *parser) parsePower() (Node, error) {
	x, err := p.parseAtom()
	if err != nil {
		return nil, err
	}
	if !p.isOp("**") {
		return x, nil
	}
	if err := p.enter(); err != nil {
		return nil, err
	}
	defer p.leave()
	p.next()
	y, err := p.parseUnary()
	if err != nil {
		return nil, err
	}
	return &Binary{Op: OpPow, X: x, Y: y, At: x.Position()}, nil
}

var keywords = map[string]bool{"and": true, "or": true, "not": true}

func (p *parser) parseAtom() (Node, error) {
	t := p.next()
	switch t.kind {
	case tNumber:
		return &Number{Value: t.val, At: t.pos}, nil
	case tIdent:
		if keywords[t.text] {
			return nil, errAt(t.pos, "expected an operand, found %q", t.text)
		}
		switch t.text {
		case "True":
			return &Number{Value: 1, At: t.pos}, nil
		case "False":
			return &Number{Value: 0, At: t.pos}, nil
		}
		if !p.isOp("(") {
			return &Name{Name: t.text, At: t.pos}, nil
		}
		if err := p.enter(); err != nil {
			return nil, err
		}
		defer p.leave()
		p.next()
		p.paren++
		call := &CallExpr{Func: t.text, At: t.pos, Args: []Node{}}
		if !p.isOp(")") {
			for {
				a, err := p.parseExpr()
				if err != nil {
					return nil, err
				}
				call.Args = append(call.Args, a)
				if p.isOp(",") {
					p.next()
					continue
				}
				break
			}
		}
		if _, err := p.expect(")", "',' or ')' in call of "+t.text); err != nil {
			return nil, err
		}
		p.paren--
		return call, nil
	case tOp:
		if t.text == "(" {
			if err := p.enter(); err != nil {
				return nil, err
			}
			defer p.leave()
			p.paren++
			x, err := p.parseExpr()
			if err != nil {
				return nil, err
			}
			if _, err := p.expect(")", "')'"); err != nil {
				return nil, err
			}
			p.paren--
			return x, nil
		}
		if t.text == "=" {
			return nil, errAt(t.pos, "unexpected '='; use '==' to compare")
		}
	}
	return nil, errAt(t.pos, "expected a number, name or '(', found %s", t.describe())
}

// ParseExpr parses one expression, such as "(I - v)/tau" or
// "3*clip(x, 0, inf)**(1/3)". Newlines are whitespace. Errors are *Error
// values with line and column.
func ParseExpr(src string) (Node, error) {
	toks, err := lex(src)
	if err != nil {
		return nil, err
	}
	p := &parser{toks: toks, nlWS: true}
	n, err := p.parseExpr()
	if err != nil {
		return nil, err
	}
	if t := p.peek(); t.kind != tEOF {
		return nil, errAt(t.pos, "unexpected %s after the expression", t.describe())
	}
	return n, nil
}

// MustParseExpr is ParseExpr for expressions fixed in Go source; it panics on
// error and must not be used on user input.
func MustParseExpr(src string) Node {
	n, err := ParseExpr(src)
	if err != nil {
		panic("expr.MustParseExpr: " + err.Error())
	}
	return n
}

// Statement is one assignment of an abstract code block: Target Op Value, with
// Op one of "=", "+=", "-=", "*=", "/=". Line and Col locate the target.
type Statement struct {
	Target string
	Op     string
	Value  Node
	Line   int
	Col    int
}

// String prints the statement, e.g. "v = 0.001*mV".
func (s Statement) String() string { return s.Target + " " + s.Op + " " + s.Value.String() }

// Assign builds the statement target = value (for generated code).
func Assign(target string, value Node) Statement {
	return Statement{Target: target, Op: "=", Value: value}
}

// ParseStatements parses a block of statements separated by newlines or ';':
// "v = v_reset; w += b". Expressions may continue over lines inside
// parentheses. Blank lines and comments are ignored.
func ParseStatements(src string) ([]Statement, error) {
	toks, err := lex(src)
	if err != nil {
		return nil, err
	}
	p := &parser{toks: toks}
	var out []Statement
	for {
		t := p.next()
		switch {
		case t.kind == tEOF:
			return out, nil
		case t.kind == tNewline || (t.kind == tOp && t.text == ";"):
			continue
		case t.kind != tIdent || keywords[t.text]:
			return nil, errAt(t.pos, "expected a variable name at the start of a statement, found %s", t.describe())
		}
		opTok := p.next()
		switch opTok.text {
		case "=", "+=", "-=", "*=", "/=":
		default:
			if opTok.kind == tOp && opTok.text == "(" {
				return nil, errAt(t.pos, "a statement must assign to a variable (name = expression), not call %s", t.text)
			}
			return nil, errAt(opTok.pos, "expected '=', '+=', '-=', '*=' or '/=' after %q, found %s", t.text, opTok.describe())
		}
		if opTok.kind != tOp {
			return nil, errAt(opTok.pos, "expected an assignment operator after %q", t.text)
		}
		v, err := p.parseExpr()
		if err != nil {
			return nil, err
		}
		if e := p.peek(); e.kind != tEOF && e.kind != tNewline && !(e.kind == tOp && e.text == ";") {
			return nil, errAt(e.pos, "unexpected %s after the statement %s %s ...", e.describe(), t.text, opTok.text)
		}
		out = append(out, Statement{Target: t.text, Op: opTok.text, Value: v, Line: t.pos.Line, Col: t.pos.Col})
	}
}

// collapse joins whitespace runs into single spaces.
func collapse(s string) string { return strings.Join(strings.Fields(s), " ") }
