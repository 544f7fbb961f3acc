package expr

import (
	"fmt"
	"strconv"
	"strings"
	"unicode/utf8"
)

// Error is a syntax, dimension or compilation error. Line and Col are 1-based;
// both are zero when the error concerns generated code with no source position.
type Error struct {
	Line, Col int
	Msg       string
}

// Error formats as "line L:C: message" (or just the message without a
// position). A message longer than maxErrorMsg bytes (one that quotes a long
// input) is cut there, so that an error never echoes a whole file back.
func (e *Error) Error() string {
	msg := shorten(e.Msg, maxErrorMsg)
	if e.Line == 0 {
		return msg
	}
	return fmt.Sprintf("line %d:%d: %s", e.Line, e.Col, msg)
}

// maxErrorMsg bounds an error message, in bytes: about two lines of text,
// room for an equation and what is wrong with it.
const maxErrorMsg = 240

// shorten cuts s to at most n bytes (at a character boundary), saying how
// much was left out.
func shorten(s string, n int) string {
	if len(s) <= n {
		return s
	}
	cut := n
	for cut > 0 && !utf8.RuneStart(s[cut]) {
		cut--
	}
	return fmt.Sprintf("%s… (%d more bytes)", s[:cut], len(s)-cut)
}

// MaxSourceBytes bounds the text of an expression, statements or equations,
// 64 KiB (a Brian2 model's equations take a few KiB): a larger text is
// refused before it is read, where a 1 MB equation took 0.9 GB and 4.8 s.
const MaxSourceBytes = 64 << 10

func errAt(p Pos, format string, args ...any) *Error {
	return &Error{Line: p.Line, Col: p.Col, Msg: fmt.Sprintf(format, args...)}
}

type tokKind int

const (
	tEOF tokKind = iota
	tNewline
	tNumber
	tIdent
	tOp
)

type token struct {
	kind tokKind
	text string
	val  float64
	pos  Pos
	off  int // byte offset of the token start
	end  int // byte offset after the token
}

func (t token) describe() string {
	switch t.kind {
	case tEOF:
		return "end of input"
	case tNewline:
		return "end of line"
	case tNumber:
		return "number " + t.text
	case tIdent:
		return "name " + strconv.Quote(t.text)
	}
	return strconv.Quote(t.text)
}

// maxTokens bounds the work for pathological inputs.
const maxTokens = 1 << 20

// lex splits src into tokens. Comments (# to end of line) are dropped; a
// backslash before a newline joins lines.
func lex(src string) ([]token, error) {
	var toks []token
	line, lineStart := 1, 0
	i := 0
	pos := func(off int) Pos { return Pos{line, off - lineStart + 1} }
	if len(src) > MaxSourceBytes {
		return nil, &Error{Msg: fmt.Sprintf("the text of %d bytes is longer than the limit of %d bytes", len(src), MaxSourceBytes)}
	}
	for i < len(src) {
		if len(toks) > maxTokens {
			return nil, errAt(pos(i), "input too long")
		}
		c := src[i]
		switch {
		case c == '\n':
			toks = append(toks, token{kind: tNewline, text: "\n", pos: pos(i), off: i, end: i + 1})
			i++
			line++
			lineStart = i
		case c == ' ' || c == '\t' || c == '\r' || c == '\f' || c == '\v':
			i++
		case c == '#':
			for i < len(src) && src[i] != '\n' {
				i++
			}
		case c == '\\':
			j := i + 1
			for j < len(src) && (src[j] == ' ' || src[j] == '\t' || src[j] == '\r') {
				j++
			}
			if j < len(src) && src[j] == '\n' {
				i = j + 1
				line++
				lineStart = i
				continue
			}
			return nil, errAt(pos(i), "unexpected '\\' (only allowed at the end of a line)")
		case isDigit(c) || (c == '.' && i+1 < len(src) && isDigit(src[i+1])):
			j := i
			for j < len(src) && isDigit(src[j]) {
				j++
			}
			if j < len(src) && src[j] == '.' {
				j++
				for j < len(src) && isDigit(src[j]) {
					j++
				}
			}
			if j < len(src) && (src[j] == 'e' || src[j] == 'E') {
				k := j + 1
				if k < len(src) && (src[k] == '+' || src[k] == '-') {
					k++
				}
				if k < len(src) && isDigit(src[k]) {
					for k < len(src) && isDigit(src[k]) {
						k++
					}
					j = k
				}
			}
			text := src[i:j]
			if j < len(src) && isIdentStart(src[j]) {
				k := j
				for k < len(src) && isIdentChar(src[k]) {
					k++
				}
				return nil, errAt(pos(i), "%q: %s", src[i:k], numberFollowedByName(text, src[j:k]))
			}
			v, err := strconv.ParseFloat(text, 64)
			if err != nil {
				// Only overflow is possible here (e.g. 1e999): report it.
				return nil, errAt(pos(i), "number %s is out of range", text)
			}
			toks = append(toks, token{kind: tNumber, text: text, val: v, pos: pos(i), off: i, end: j})
			i = j
		case isIdentStart(c):
			j := i
			for j < len(src) && isIdentChar(src[j]) {
				j++
			}
			toks = append(toks, token{kind: tIdent, text: src[i:j], pos: pos(i), off: i, end: j})
			i = j
		default:
			op, msg := lexOp(src[i:])
			if msg != "" {
				return nil, errAt(pos(i), "%s", msg)
			}
			toks = append(toks, token{kind: tOp, text: op, pos: pos(i), off: i, end: i + len(op)})
			i += len(op)
		}
	}
	toks = append(toks, token{kind: tEOF, pos: pos(len(src)), off: len(src), end: len(src)})
	return toks, nil
}

var twoCharOps = []string{"**", "//", "<=", ">=", "==", "!=", "+=", "-=", "*=", "/="}

func lexOp(s string) (string, string) {
	for _, op := range twoCharOps {
		if strings.HasPrefix(s, op) {
			return op, ""
		}
	}
	switch s[0] {
	case '+', '-', '*', '/', '%', '(', ')', ',', '<', '>', '=', ';', ':':
		return s[:1], ""
	case '^':
		return "", "'^' is not a power operator; write x**y"
	case '&':
		return "", "'&' is not supported; use 'and'"
	case '|':
		return "", "'|' is not supported; use 'or'"
	case '!':
		return "", "'!' is not supported; use 'not'"
	}
	r, _ := utf8.DecodeRuneInString(s)
	ch := string(r)
	if r == utf8.RuneError {
		ch = fmt.Sprintf("\\x%02x", s[0])
	}
	return "", fmt.Sprintf("unexpected character %q", ch)
}

func isDigit(c byte) bool      { return c >= '0' && c <= '9' }
func isIdentStart(c byte) bool { return c == '_' || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') }
func isIdentChar(c byte) bool  { return isIdentStart(c) || isDigit(c) }

// numberFollowedByName explains a number written directly before a name
// (lexed as number, name): the digit separators and hexadecimal forms of
// Python and Go are named as such, since their "fix" is another spelling
// of the number, not a multiplication.
func numberFollowedByName(number, name string) string {
	switch {
	case name[0] == '_' && len(name) > 1 && isDigit(name[1]):
		return "digit separators are not accepted in numbers; write the digits together (" + number + strings.ReplaceAll(name, "_", "") + ")"
	case number == "0" && (name[0] == 'x' || name[0] == 'X' || name[0] == 'o' || name[0] == 'O' || name[0] == 'b' || name[0] == 'B'):
		return "hexadecimal, octal and binary numbers are not accepted; write the number in decimal"
	}
	return "a number cannot be followed by a name; write " + number + "*" + name + " for a product"
}
