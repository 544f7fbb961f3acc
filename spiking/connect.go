package spiking

import (
	"fmt"
	"math"
	"slices"
	"strings"

	"github.com/gohears/hears/expr"
	"github.com/gohears/hears/units"
)

// ConnectOptions are the arguments of Brian2's Synapses.connect besides
// the condition (see Synapses.ConnectExpr). The zero value connects every
// pair that meets the condition once.
type ConnectOptions struct {
	// P is the probability (dimensionless) of connecting a pair that meets
	// the condition: a number ("0.1") or an expression of the same names
	// as the condition ("exp(-abs(i - j)/10.0)",
	// "exp(-(x_pre - x_post)**2/(2*(50*umeter)**2))"); "" = 1. A pair is
	// kept when a uniform number in [0, 1) is below p, so p <= 0 never and
	// p >= 1 always connects (Brian2's rule); a NaN p is an error.
	P string
	// N is the number of synapses created for each selected pair (Brian2's
	// n as an integer); 0 means 1 (the default), negative is an error.
	N int
	// NExpr is Brian2's n as a string: an expression of the same names as
	// the condition giving, for each selected pair, the number of synapses
	// (a whole number >= 0, e.g. "1 + (i % 2)"). Set at most one of N and
	// NExpr.
	NExpr string
}

// maxSynapses bounds the number of synapses (MaxSynapses); tests lower it.
var maxSynapses = MaxSynapses

// connectVar is a name of a connect expression bound to group data.
type connectVar struct {
	name   string
	pre    bool      // per source element (a shared value per row)
	shared bool      // one value for the whole group
	data   []float64 // source values indexed by i, or target values by j
	val    float64   // current value (pre or shared)
}

// ConnectExpr adds synapses like Brian2's Synapses.connect(condition=...,
// p=..., n=...): for every source element i (ascending), every target
// element j (ascending) for which condition is true is connected with
// probability opts.P, opts.N (or opts.NExpr) times. The condition ("" =
// every pair, Brian2's "True") must be boolean, e.g. "i != j",
// "abs(i - j) <= 2", "x_pre < x_post + 10*umeter". The condition, P and
// NExpr may use i and j, N_pre and N_post (the group sizes), constants
// and functions of the synapses' Namespace, unit names, rand(), and the
// groups' variables in SI units as the synaptic code names them: x_pre
// for variable x of source element i, x_post or an unsuffixed x for
// variable x of target element j (subexpressions are evaluated). The
// random numbers of P and rand() come from the synapses' seed
// (Synapses.SeedInit, else random: a new network every run, as Brian2
// without seed()), their name and the number of ConnectExpr calls since
// the seed was set, one stream per source element, so the same seeded
// program gives the same synapses whatever the number of threads. Synaptic
// variables and t are not available. The expressions are compiled once
// and evaluated one row (all j of one i) at a time as vectors. On error
// no synapse is added.
func (s *Synapses) ConnectExpr(condition string, opts ConnectOptions) error {
	fail := func(format string, a ...any) error {
		return fmt.Errorf("spiking: %s.ConnectExpr: "+format, append([]any{s.name}, a...)...)
	}
	if opts.N < 0 {
		return fail("n = %d: the number of synapses per pair must be >= 1", opts.N)
	}
	if opts.N != 0 && opts.NExpr != "" {
		return fail("set N (%d) or NExpr (%q), not both", opts.N, opts.NExpr)
	}
	nCopies := max(opts.N, 1)
	ns, nt := s.src.Size(), s.tgt.Size()
	dt := s.opts.Dt
	if dt == 0 {
		dt = DefaultDt
	}
	d := expr.NewDecls()
	if _, err := addNamespace(d, s.opts.Namespace, dt); err != nil {
		return fail("%w", err)
	}
	d.Scalar("i", units.Dimensionless()).Vector("j", units.Dimensionless())
	d.Constant("N_pre", float64(ns), units.Dimensionless()).Constant("N_post", float64(nt), units.Dimensionless())
	bound := map[string]*connectVar{}
	isBool := map[string]bool{}

	// compile parses, resolves and compiles one expression.
	compile := func(what, src string, boolean bool) (*expr.Program, error) {
		n, err := expr.ParseExpr(src)
		if err != nil {
			return nil, fail("%s %q: %w", what, src, err)
		}
		for _, name := range expr.Variables(n) {
			if err := s.bindConnectName(d, bound, isBool, name); err != nil {
				return nil, fail("%s %q: %w", what, src, err)
			}
		}
		if boolean && strings.TrimSpace(src) != "False" && !isBoolExpr(n, isBool) {
			return nil, fail("%s %q is not boolean (write a comparison such as \"i != j\")", what, src)
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
	var cond, prob, nExpr *expr.Program
	if c := strings.TrimSpace(condition); c != "" && c != "True" {
		p, err := compile("condition", condition, true)
		if err != nil {
			return err
		}
		cond = p
	}
	if strings.TrimSpace(opts.P) != "" {
		p, err := compile("p", opts.P, false)
		if err != nil {
			return err
		}
		prob = p
	}
	if opts.NExpr != "" {
		p, err := compile("n", opts.NExpr, false)
		if err != nil {
			return err
		}
		nExpr = p
	}

	// Environment: i and the source variables are shared within a row.
	jv := make([]float64, nt)
	for k := range jv {
		jv[k] = float64(k)
	}
	var iv float64
	rng := &RNG{}
	env := expr.Env{Vectors: map[string][]float64{"j": jv}, Scalars: map[string]*float64{"i": &iv}, Rand: rng}
	var rowVars []*connectVar
	for _, cv := range bound {
		switch {
		case cv.shared:
			env.Scalars[cv.name] = &cv.val
		case cv.pre:
			env.Scalars[cv.name] = &cv.val
			rowVars = append(rowVars, cv)
		default:
			env.Vectors[cv.name] = cv.data
		}
	}
	// A constant p (no names, no rand) is evaluated once.
	pConst, constP := 0.0, false
	if prob != nil {
		vecs, _ := prob.Inputs()
		if len(vecs) == 0 && len(prob.SharedInputs()) == 0 && !prob.UsesRand() {
			out := make([]float64, 1)
			if err := evalProgram(prob, &env, out, 0, 1); err != nil {
				return fail("p %q: %w", opts.P, err)
			}
			if math.IsNaN(out[0]) {
				return fail("p %q is NaN", opts.P)
			}
			pConst, constP = out[0], true
			if pConst >= 1 {
				prob = nil
			}
		}
	}

	label := fmt.Sprintf("%s/connect%d", s.name, s.nConnect)
	condBuf, pBuf, nBuf, uBuf := make([]float64, nt), make([]float64, nt), make([]float64, nt), make([]float64, nt)
	var pre, post []int32
	for a := 0; a < ns; a++ {
		iv = float64(a)
		for _, cv := range rowVars {
			cv.val = cv.data[a]
		}
		rng.Seed(streamSeed(s.initSeed, label, uint64(a)))
		if cond != nil {
			if err := evalProgram(cond, &env, condBuf, 0, nt); err != nil {
				return fail("condition %q: %w", condition, err)
			}
		}
		if prob != nil && !constP {
			if err := evalProgram(prob, &env, pBuf, 0, nt); err != nil {
				return fail("p %q: %w", opts.P, err)
			}
		}
		if nExpr != nil {
			if err := evalProgram(nExpr, &env, nBuf, 0, nt); err != nil {
				return fail("n %q: %w", opts.NExpr, err)
			}
		}
		// A row whose condition holds for no target makes no synapse and,
		// each row having its own stream, its uniforms matter to no other
		// row: they are not drawn (CUBA's i<3200 and i>=3200 halve the
		// draws).
		if cond != nil && !slices.ContainsFunc(condBuf, func(x float64) bool { return x != 0 }) {
			continue
		}
		if prob != nil {
			rng.FillUniform(uBuf)
		}
		for b := 0; b < nt; b++ {
			if cond != nil && condBuf[b] == 0 {
				continue
			}
			if prob != nil {
				p := pConst
				if !constP {
					p = pBuf[b]
				}
				if math.IsNaN(p) {
					return fail("p %q is NaN for the pair i = %d, j = %d", opts.P, a, b)
				}
				if !(uBuf[b] < p) {
					continue
				}
			}
			copies := nCopies
			if nExpr != nil {
				x := nBuf[b]
				if !(x >= 0 && x == math.Trunc(x) && x <= math.MaxInt32) {
					return fail("n %q is %g for the pair i = %d, j = %d: it must be a whole number >= 0", opts.NExpr, x, a, b)
				}
				copies = int(x)
			}
			if copies > maxSynapses-len(s.pre)-len(pre) {
				return fail("more than %d synapses", maxSynapses)
			}
			for range copies {
				pre, post = append(pre, int32(a)), append(post, int32(b))
			}
		}
	}
	s.nConnect++
	s.addSynapses(pre, post)
	return nil
}

// bindConnectName declares name in d for a connect expression, as the
// synaptic code resolves it (Synapses.endpoint), and records the group
// data it reads in bound; isBool marks boolean variables.
func (s *Synapses) bindConnectName(d *expr.Decls, bound map[string]*connectVar, isBool map[string]bool, name string) error {
	if _, ok := d.Vars[name]; ok {
		return nil // i, j, N_pre, N_post, a namespace constant, or already bound
	}
	if _, ok := s.vars[name]; ok {
		return fmt.Errorf("%q is a synaptic variable, which does not exist before the synapse is made", name)
	}
	if expr.IsNoise(name) {
		return fmt.Errorf("%q: noise cannot be used when connecting", name)
	}
	v, off, kind, err := s.endpoint(name)
	if err != nil {
		if _, err := expr.DimOf(expr.Ident(name), expr.NewDecls()); err == nil {
			return nil // a unit, pi, e, inf or a physical constant
		}
		switch {
		case strings.HasSuffix(name, "_pre"):
			return fmt.Errorf("%q: the source %s has no variable %q", name, s.src.Name(), strings.TrimSuffix(name, "_pre"))
		case strings.HasSuffix(name, "_post"):
			return fmt.Errorf("%q: the target %s has no variable %q", name, s.tgt.Name(), strings.TrimSuffix(name, "_post"))
		}
		return fmt.Errorf("unknown name %q (not i, j, N_pre, N_post, a namespace entry, a unit or a variable of the target %s)", name, s.tgt.Name())
	}
	g := s.tgt
	if kind == 1 {
		g = s.src
	}
	dim, err := dimOfUnit(v.unit)
	if err != nil {
		return fmt.Errorf("%q: %w", name, err)
	}
	cv := &connectVar{name: name, pre: kind == 1, shared: v.shared}
	switch {
	case v.shared:
		cv.val = v.data[0]
	case v.data != nil:
		cv.data = v.data[off : off+g.Size()]
	case v.compute != nil:
		buf := make([]float64, off+g.Size())
		if err := v.compute(buf, off, off+g.Size(), math.NaN()); err != nil {
			return fmt.Errorf("%q: %w", name, err)
		}
		cv.data = buf[off:]
	default:
		return fmt.Errorf("%q cannot be evaluated", name)
	}
	if cv.shared || cv.pre {
		d.Scalar(name, dim)
	} else {
		d.Vector(name, dim)
	}
	bound[name] = cv
	isBool[name] = v.isBool
	return nil
}

// isBoolExpr reports whether n is boolean: a comparison, and/or/not, or a
// boolean variable.
func isBoolExpr(n expr.Node, isBool map[string]bool) bool {
	switch m := n.(type) {
	case *expr.Binary:
		return m.Op.IsComparison() || m.Op == expr.OpAnd || m.Op == expr.OpOr
	case *expr.Unary:
		return m.Op == expr.OpNot
	case *expr.Name:
		return isBool[m.Name]
	}
	return false
}
