package expr

import (
	"math"
	"testing"
)

// interp is a reference tree-walking interpreter: each statement over all
// elements in turn (Brian2's numpy semantics). Used to check compiled programs.
// vectorKernels are the builtins that compiled programs evaluate with
// vector kernels of their own rather than the scalar function.
var vectorKernels = map[string]func(dst, x []float64){"exp": vecExp, "expm1": vecExpm1, "exprel": vecExprel}

func interp(stmts []Statement, vecs map[string][]float64, n int) bool {
	temps := map[string][]float64{}
	var eval func(node Node, k int) (float64, bool)
	var readsVector func(node Node) bool
	eval = func(node Node, k int) (float64, bool) {
		switch m := node.(type) {
		case *Number:
			return m.Value, true
		case *Name:
			if t, ok := temps[m.Name]; ok {
				return t[k], true
			}
			if v, ok := vecs[m.Name]; ok {
				return v[k], true
			}
			_, val, isConst, ok := resolveName(m.Name, nil)
			return val, ok && isConst
		case *Unary:
			x, ok := eval(m.X, k)
			return evalUnary(m.Op, x), ok
		case *Binary:
			x, ok1 := eval(m.X, k)
			y, ok2 := eval(m.Y, k)
			return evalBinary(m.Op, x, y), ok1 && ok2
		case *CallExpr:
			b := builtinFuncs[m.Func]
			if b == nil || b.impure || len(m.Args) != b.nargs {
				return 0, false
			}
			args := make([]float64, len(m.Args))
			for j, a := range m.Args {
				v, ok := eval(a, k)
				if !ok {
					return 0, false
				}
				args[j] = v
			}
			if vec := vectorKernels[m.Func]; vec != nil && readsVector(m) {
				// The compiled program evaluates these on vectors with its
				// own kernels (within an ulp or two of math's); using them
				// here keeps an ill-conditioned expression (x % 1, a
				// difference of near-equal terms) from amplifying that ulp
				// into a spurious mismatch. Constant arguments are folded
				// with the scalar function, as the compiler folds them.
				var out [1]float64
				vec(out[:], args)
				return out[0], true
			}
			return b.eval(args), true
		}
		return 0, false
	}
	readsVector = func(node Node) bool {
		for _, name := range Variables(node) {
			_, v := vecs[name]
			_, tmp := temps[name]
			if v || tmp {
				return true
			}
		}
		return false
	}
	for _, st := range stmts {
		val := st.Value
		if st.Op != "=" {
			op := map[string]Op{"+=": OpAdd, "-=": OpSub, "*=": OpMul, "/=": OpDiv}[st.Op]
			val = Bin(op, Ident(st.Target), st.Value)
		}
		res := make([]float64, n)
		for k := 0; k < n; k++ {
			v, ok := eval(val, k)
			if !ok {
				return false
			}
			res[k] = v
		}
		if v, ok := vecs[st.Target]; ok {
			copy(v, res)
		} else {
			temps[st.Target] = res
		}
	}
	return true
}

func sameFloat(a, b float64) bool {
	if math.IsNaN(a) || math.IsNaN(b) {
		return math.IsNaN(a) && math.IsNaN(b)
	}
	if a == b {
		return true
	}
	// Subnormal results may round differently (x*x versus math.Pow(x, 2)).
	return math.Abs(a-b) <= 1e-12*math.Max(math.Abs(a), math.Abs(b)) || math.Abs(a-b) < 1e-290
}

// checkAgainstInterp compiles stmts with every non-temporary name as a
// vector, runs both and compares. It returns false if the program is outside
// what the interpreter handles (rand, user functions, compile errors).
func checkAgainstInterp(t *testing.T, stmts []Statement) bool {
	t.Helper()
	var names []string
	seen := map[string]bool{}
	add := func(v string) {
		if v[0] != '_' && !seen[v] {
			if _, _, isConst, ok := resolveName(v, nil); ok && isConst {
				return
			}
			seen[v] = true
			names = append(names, v)
		}
	}
	for _, s := range stmts {
		add(s.Target)
		for _, v := range Variables(s.Value) {
			add(v)
		}
		for _, f := range Functions(s.Value) {
			if b := builtinFuncs[f]; b == nil || b.impure {
				return false
			}
		}
	}
	d := declareAll(names)
	prog, err := Compile(stmts, d)
	if err != nil {
		return false
	}
	const n = 300 // more than one chunk
	mk := func() map[string][]float64 {
		m := map[string][]float64{}
		for j, v := range names {
			s := make([]float64, n)
			for k := range s {
				s[k] = float64((k*7+j*3)%11)/3 - 1.5
			}
			m[v] = s
		}
		return m
	}
	got, want := mk(), mk()
	if !interp(stmts, want, n) {
		return false
	}
	if err := prog.Run(&Env{Vectors: got}, 0, n); err != nil {
		t.Fatalf("Run: %v", err)
	}
	for _, v := range names {
		for k := 0; k < n; k++ {
			if !sameFloat(got[v][k], want[v][k]) {
				t.Fatalf("program %v: %s[%d] = %v, interpreter %v", stmts, v, k, got[v][k], want[v][k])
			}
		}
	}
	return true
}

func TestCompileMatchesInterpreter(t *testing.T) {
	progs := []string{
		"_a = v; v = w; w = _a",
		"v = v*2; w = v + 1; v = w*3",
		"_x = v*2; v = 1; w = _x",
		"v = v; v = v + v",
		"_t = v + 1; _u = _t; v = _u*2; w = _t",
		"v += w; w -= v; v *= w; w /= 2",
		"v = exp(w/4)*(w > 0) + clip(v, -1, w); w = v**2 + v**3 + v**0.5 + v**-1 + v**1.5",
		"_k1 = 0.1*(-v + w); _k2 = 0.1*(-(v + _k1/2) + w); v = v + _k2",
		"v = w*2; w = w*2",
		"v = 3; w = v",
		"v = not w or (v < 1 and w != 0)",
		"v = sin(v)*cos(v) + tan(v/9) + sign(w) + abs(w) + floor(v) + ceil(v) + int(v)",
		"_a = w*2; v = _a; w = _a + 1",
		"v = v % 0.7 + w // 0.3; w = (w - 5) % -2",
	}
	for _, src := range progs {
		stmts, err := ParseStatements(src)
		if err != nil {
			t.Fatal(err)
		}
		if !checkAgainstInterp(t, stmts) {
			t.Errorf("%s: not checked", src)
		}
	}
}
