package spiking

import (
	"fmt"
	"math"
	"strings"

	"github.com/gohears/hears/expr"
	"github.com/gohears/hears/units"
)

// ConnectGenerator adds synapses like Brian2's Synapses.connect(j=...)
// with a generator expression: for every source element i (ascending),
// the targets
//
//	"EXPR for k in range(a[, b[, step]]) [if COND]"
//	"EXPR for k in sample(a[, b[, step]], p=P) [if COND]"
//	"EXPR for k in sample(a[, b[, step]], size=S) [if COND]"
//	"EXPR"                          (one target per source, e.g. "i")
//
// in the generator's order, where EXPR, the range arguments, P and S may
// use i, the loop variable, N_pre, N_post, source variables (x_pre), the
// namespace, units and rand(), and COND may also use j (the value of EXPR)
// and target variables (x_post, taken at j). sample(..., p=P) keeps each
// value of the range with probability P; sample(..., size=S) keeps exactly
// S distinct values, each with probability S/n (n values in the range;
// Knuth's selection sampling, Brian2's method for large samples), in the
// range's order. Their random numbers follow ConnectExpr's seeding rules.
// A target outside [0, N_post) is an error unless skipIfInvalid, which
// skips it (Brian2's skip_if_invalid=True); likewise S > n is an error
// unless skipIfInvalid, which takes the whole range, and S < 0 an error
// unless skipIfInvalid, which makes no synapse for that i. As in Brian2, a
// COND that uses x_post makes every target outside [0, N_post) an error,
// even with skipIfInvalid. Differences from Brian2: S must be a whole
// number (Brian2 truncates it), and Brian2's own selection sampling
// compares (n - t - 1)U instead of Knuth's (n - t)U, which favours early
// values slightly; the random draws differ from Brian2's in any case.
// On error no synapse is added.
func (s *Synapses) ConnectGenerator(j string, skipIfInvalid bool) error {
	return s.connectGenerator(j, skipIfInvalid, sideOf(s, true))
}

// ConnectGeneratorSources is ConnectGenerator the other way round, Brian2's
// Synapses.connect(i=...): for every target element j (ascending), the
// sources given by the generator i (in the generator's order), e.g.
// "k for k in range(j-1, j+2) if k != j". The generator may use j, N_pre,
// N_post, target variables (x_post), the namespace, units and rand(); its
// condition also i and source variables (x_pre, taken at i). A source
// outside [0, N_pre) is an error unless skipIfInvalid. Synapses are added
// in that order (target by target), as Brian2 adds them.
func (s *Synapses) ConnectGeneratorSources(i string, skipIfInvalid bool) error {
	return s.connectGenerator(i, skipIfInvalid, sideOf(s, false))
}

// genSide names the two sides of a generator connection: the outer loop
// (i over sources for connect(j=...)) and the generated index.
type genSide struct {
	method                  string
	outer, result           string // "i", "j"
	rowSuffix, resultSuffix string // "_pre", "_post"
	nOuter, nResult         int
	resultGroup             string
	overSources             bool
}

func sideOf(s *Synapses, overSources bool) genSide {
	if overSources {
		return genSide{"ConnectGenerator", "i", "j", "_pre", "_post", s.src.Size(), s.tgt.Size(), s.tgt.Name(), true}
	}
	return genSide{"ConnectGeneratorSources", "j", "i", "_post", "_pre", s.tgt.Size(), s.src.Size(), s.src.Name(), false}
}

func (s *Synapses) connectGenerator(j string, skipIfInvalid bool, side genSide) error {
	fail := func(format string, a ...any) error {
		return fmt.Errorf("spiking: %s.%s(%q): "+format, append([]any{s.name, side.method, j}, a...)...)
	}
	g, err := parseGenerator(j)
	if err != nil {
		return fail("%w", err)
	}
	if g.expr == "" {
		return fail("no target expression")
	}
	ns, nt := side.nOuter, side.nResult
	dt := s.opts.Dt
	if dt == 0 {
		dt = DefaultDt
	}
	d := expr.NewDecls()
	if _, err := addNamespace(d, s.opts.Namespace, dt); err != nil {
		return fail("%w", err)
	}
	d.Scalar(side.outer, units.Dimensionless())
	d.Constant("N_pre", float64(s.src.Size()), units.Dimensionless()).Constant("N_post", float64(s.tgt.Size()), units.Dimensionless())
	if g.loopVar != "" {
		d.Vector(g.loopVar, units.Dimensionless())
	}
	bound := map[string]*connectVar{}
	isBool := map[string]bool{}
	compile := func(what, src string, vector bool) (*expr.Program, error) {
		if src == "" {
			return nil, nil
		}
		n, err := expr.ParseExpr(src)
		if err != nil {
			return nil, fail("%s %q: %w", what, src, err)
		}
		for _, name := range expr.Variables(n) {
			if _, ok := d.Vars[name]; ok || name == side.result {
				continue
			}
			if !strings.HasSuffix(name, side.rowSuffix) && !(what == "condition" && strings.HasSuffix(name, side.resultSuffix)) {
				if _, err := expr.DimOf(expr.Ident(name), expr.NewDecls()); err == nil {
					continue // a unit or constant
				}
				return nil, fail("%s %q: unknown name %q (%s, %s, N_pre, N_post, x%s, namespace entries and units)", what, src, name, side.outer, g.loopVar, side.rowSuffix)
			}
			if err := s.bindConnectName(d, bound, isBool, name); err != nil {
				return nil, fail("%s %q: %w", what, src, err)
			}
			if cv := bound[name]; !cv.shared && !side.overSources {
				// bindConnectName declares per-source names as scalars
				// (one row per source); here rows are targets.
				if cv.pre {
					d.Vector(name, d.Vars[name].Dim)
				} else {
					d.Scalar(name, d.Vars[name].Dim)
				}
			}
		}
		p, err := expr.CompileExpr(n, d)
		if err != nil {
			return nil, fail("%s %q: %w", what, src, err)
		}
		if !p.ResultDim().IsDimensionless() {
			return nil, fail("%s %q must be dimensionless, it has dimension %s", what, src, p.ResultDim())
		}
		return p, nil
	}
	var args [3]*expr.Program
	for k, a := range g.rangeArgs {
		if args[k], err = compile("range argument", a, false); err != nil {
			return err
		}
	}
	prob, err := compile("p", g.p, false)
	if err != nil {
		return err
	}
	size, err := compile("size", g.size, false)
	if err != nil {
		return err
	}
	target, err := compile("target", g.expr, true)
	if err != nil {
		return err
	}
	d.Vector(side.result, units.Dimensionless())
	cond, err := compile("condition", g.cond, true)
	if err != nil {
		return err
	}
	var iv float64
	rng := &RNG{}
	env := expr.Env{Vectors: map[string][]float64{}, Scalars: map[string]*float64{side.outer: &iv}, Rand: rng}
	var rowVars, postVars []*connectVar
	for _, cv := range bound {
		switch {
		case cv.shared:
			env.Scalars[cv.name] = &cv.val
		case cv.pre == side.overSources:
			env.Scalars[cv.name] = &cv.val
			rowVars = append(rowVars, cv)
		default:
			postVars = append(postVars, cv)
		}
	}
	var postBufs [][]float64
	if len(postVars) > 0 {
		postBufs = make([][]float64, len(postVars))
	}
	one := make([]float64, 1)
	scalar := func(p *expr.Program) (float64, error) {
		if err := evalProgram(p, &env, one, 0, 1); err != nil {
			return 0, err
		}
		return one[0], nil
	}
	label := fmt.Sprintf("%s/connect%d", s.name, s.nConnect)
	var pre, post []int32
	var ks, js, cs, us []float64
	for a := 0; a < ns; a++ {
		iv = float64(a)
		for _, cv := range rowVars {
			cv.val = cv.data[a]
		}
		rng.Seed(streamSeed(s.initSeed, label, uint64(a)))
		ks = ks[:0]
		if g.loopVar == "" {
			ks = append(ks, 0)
		} else {
			var r [3]float64
			for k, p := range args {
				if p == nil {
					continue
				}
				if r[k], err = scalar(p); err != nil {
					return fail("range argument: %w", err)
				}
				if r[k] != math.Trunc(r[k]) || math.Abs(r[k]) > 1<<40 {
					return fail("range argument %g for %s = %d is not a whole number", r[k], side.outer, a)
				}
			}
			lo, hi, step := 0.0, r[0], 1.0
			if args[1] != nil {
				lo, hi = r[0], r[1]
			}
			if args[2] != nil {
				step = r[2]
			}
			if step == 0 {
				return fail("range step 0 for %s = %d", side.outer, a)
			}
			count := math.Ceil((hi - lo) / step)
			if count > float64(maxSynapses) {
				return fail("range of %g values for %s = %d is more than the limit of %d synapses", count, side.outer, a, maxSynapses)
			}
			for x := lo; (step > 0 && x < hi) || (step < 0 && x > hi); x += step {
				ks = append(ks, x)
			}
			if size != nil {
				sz, err := scalar(size)
				if err != nil {
					return fail("size for %s = %d: %w", side.outer, a, err)
				}
				if sz != math.Trunc(sz) {
					return fail("size %g for %s = %d is not a whole number", sz, side.outer, a)
				}
				n := float64(len(ks))
				switch {
				case sz < 0 && skipIfInvalid:
					ks = ks[:0]
				case sz < 0:
					return fail("sample size %g for %s = %d is negative; skipIfInvalid makes no synapse for it", sz, side.outer, a)
				case sz > n && skipIfInvalid:
					sz = n
				case sz > n:
					return fail("sample size %g for %s = %d is bigger than the range (%g values); skipIfInvalid takes the whole range", sz, side.outer, a, n)
				}
				// Knuth's selection sampling (TAOCP vol. 2, 3.4.2,
				// algorithm S): the value after t others, m of them kept,
				// is kept with probability (sz - m)/(n - t).
				kept, m := ks[:0], 0.0
				for t, x := range ks {
					if m == sz {
						break
					}
					if (n-float64(t))*rng.Float64() < sz-m {
						kept = append(kept, x)
						m++
					}
				}
				ks = kept
			}
			if prob != nil {
				pv, err := scalar(prob)
				if err != nil || math.IsNaN(pv) {
					return fail("p for %s = %d: %v", side.outer, a, err)
				}
				us = grow(us, len(ks))
				rng.FillUniform(us)
				kept := ks[:0]
				for k, x := range ks {
					if us[k] < pv {
						kept = append(kept, x)
					}
				}
				ks = kept
			}
		}
		if len(ks) == 0 {
			continue
		}
		if g.loopVar != "" {
			env.Vectors[g.loopVar] = ks
		}
		js = grow(js, len(ks))
		if err := evalProgram(target, &env, js, 0, len(ks)); err != nil {
			return fail("target: %w", err)
		}
		if len(postVars) > 0 {
			// x_post at j: targets outside the group are errors here, as
			// in Brian2, whatever skipIfInvalid says.
			for _, jv := range js {
				if !(jv >= 0 && jv < float64(nt) && jv == math.Trunc(jv)) {
					return fail("%s = %g for %s = %d is not an element of %s (0..%d), and the condition uses its variables", side.result, jv, side.outer, a, side.resultGroup, nt-1)
				}
			}
			for v, cv := range postVars {
				postBufs[v] = grow(postBufs[v], len(js))
				for k, jv := range js {
					postBufs[v][k] = cv.data[int(jv)]
				}
				env.Vectors[cv.name] = postBufs[v]
			}
		}
		if cond != nil {
			env.Vectors[side.result] = js
			cs = grow(cs, len(ks))
			if err := evalProgram(cond, &env, cs, 0, len(ks)); err != nil {
				return fail("condition: %w", err)
			}
		}
		for k, jv := range js {
			if cond != nil && cs[k] == 0 {
				continue
			}
			if !(jv >= 0 && jv < float64(nt) && jv == math.Trunc(jv)) {
				if skipIfInvalid {
					continue
				}
				return fail("%s = %g for %s = %d is not an element of %s (0..%d); skipIfInvalid skips it", side.result, jv, side.outer, a, side.resultGroup, nt-1)
			}
			if err := checkSynapseCount(s.name+"."+side.method, len(s.pre), len(pre)+1); err != nil {
				return err
			}
			if side.overSources {
				pre, post = append(pre, int32(a)), append(post, int32(jv))
			} else {
				pre, post = append(pre, int32(jv)), append(post, int32(a))
			}
		}
	}
	s.nConnect++
	s.addSynapses(pre, post)
	return nil
}

func grow(b []float64, n int) []float64 {
	if cap(b) < n {
		return make([]float64, n)
	}
	return b[:n]
}

// generator is a parsed Brian2 generator expression.
type generator struct {
	expr, loopVar, cond string
	rangeArgs           []string // 1 to 3 arguments of range or sample
	p, size             string   // sample's p= or size= ("" for range)
}

// parseGenerator splits "EXPR for VAR in range(...)|sample(...) [if COND]"
// at the top level of parentheses.
func parseGenerator(src string) (generator, error) {
	src = strings.TrimSpace(src)
	forAt := topLevelWord(src, "for")
	if forAt < 0 {
		return generator{expr: src}, nil
	}
	g := generator{expr: strings.TrimSpace(src[:forAt])}
	rest := src[forAt+len("for"):]
	inAt := topLevelWord(rest, "in")
	if inAt < 0 {
		return g, fmt.Errorf("a generator needs \"for VAR in range(...)\" or \"sample(...)\"")
	}
	g.loopVar = strings.TrimSpace(rest[:inAt])
	if !isIdentifier(g.loopVar) || g.loopVar == "i" || g.loopVar == "j" {
		return g, fmt.Errorf("loop variable %q must be a new name", g.loopVar)
	}
	rest = strings.TrimSpace(rest[inAt+len("in"):])
	if ifAt := topLevelWord(rest, "if"); ifAt >= 0 {
		g.cond = strings.TrimSpace(rest[ifAt+len("if"):])
		rest = strings.TrimSpace(rest[:ifAt])
	}
	fn, argText, ok := strings.Cut(rest, "(")
	fn = strings.TrimSpace(fn)
	if !ok || !strings.HasSuffix(rest, ")") || (fn != "range" && fn != "sample") {
		return g, fmt.Errorf("the iterable %q must be range(...) or sample(...)", rest)
	}
	for _, a := range splitTopLevel(argText[:len(argText)-1]) {
		a = strings.TrimSpace(a)
		if a == "" {
			return g, fmt.Errorf("empty argument of %s", fn)
		}
		if name, val, kw := strings.Cut(a, "="); kw && !strings.ContainsAny(name, "<>!=") && !strings.HasPrefix(val, "=") {
			switch strings.TrimSpace(name) {
			case "p":
				if fn != "sample" {
					return g, fmt.Errorf("p= is an argument of sample, not range")
				}
				g.p = strings.TrimSpace(val)
				continue
			case "size":
				if fn != "sample" {
					return g, fmt.Errorf("size= is an argument of sample, not range")
				}
				g.size = strings.TrimSpace(val)
				continue
			default:
				return g, fmt.Errorf("unknown argument %q of %s", name, fn)
			}
		}
		g.rangeArgs = append(g.rangeArgs, a)
	}
	if len(g.rangeArgs) < 1 || len(g.rangeArgs) > 3 {
		return g, fmt.Errorf("%s takes 1 to 3 positional arguments, got %d", fn, len(g.rangeArgs))
	}
	if fn == "sample" && (g.p == "") == (g.size == "") {
		return g, fmt.Errorf("sample needs exactly one of p= and size=")
	}
	return g, nil
}

// topLevelWord returns the position of word as a separate word outside
// parentheses, or -1.
func topLevelWord(s, word string) int {
	depth := 0
	for k := 0; k < len(s); k++ {
		switch s[k] {
		case '(', '[':
			depth++
		case ')', ']':
			depth--
		}
		if depth != 0 || !strings.HasPrefix(s[k:], word) {
			continue
		}
		before := k == 0 || s[k-1] == ' ' || s[k-1] == ')'
		after := k+len(word) == len(s) || s[k+len(word)] == ' ' || s[k+len(word)] == '('
		if before && after {
			return k
		}
	}
	return -1
}

// splitTopLevel splits s at commas outside parentheses.
func splitTopLevel(s string) []string {
	var out []string
	depth, start := 0, 0
	for k := 0; k < len(s); k++ {
		switch s[k] {
		case '(', '[':
			depth++
		case ')', ']':
			depth--
		case ',':
			if depth == 0 {
				out = append(out, s[start:k])
				start = k + 1
			}
		}
	}
	return append(out, s[start:])
}
