package spiking

import (
	"fmt"

	"github.com/gohears/hears/expr"
)

// synReadOnly reports whether a synaptic variable is maintained by the
// engine: lastupdate (event-driven equations), N_incoming and N_outgoing.
func synReadOnly(name string) bool {
	return name == "lastupdate" || name == "N_incoming" || name == "N_outgoing"
}

// countSynapses updates N_incoming (the number of synapses onto each
// synapse's target element) and N_outgoing (from its source element), the
// read-only synaptic variables Brian2 defines.
func (s *Synapses) countSynapses() {
	in, out := make([]int, s.tgt.Size()), make([]int, s.src.Size())
	for k := range s.pre {
		out[s.pre[k]]++
		in[s.post[k]]++
	}
	ni, no := make([]float64, len(s.pre)), make([]float64, len(s.pre))
	for k := range s.pre {
		ni[k], no[k] = float64(in[s.post[k]]), float64(out[s.pre[k]])
	}
	s.vars["N_incoming"], s.vars["N_outgoing"] = ni, no
}

// SetExpr sets synaptic variable name from an expression evaluated for
// every synapse, as Brian2's S.w = 'rand()*gmax' or
// S.delay = 'd0 + (j - i)*0.1*ms': the expression may use synaptic
// variables, x_pre / x_post (or an unsuffixed target variable), i, j,
// N_incoming, N_outgoing, the namespace, units and rand()/randn() (from
// the synapses' seed, see SeedInit and seed.go). Its dimension must be the
// variable's.
func (s *Synapses) SetExpr(name, code string) error { return s.SetExprIf(name, "", code) }

// SetExprIf is SetExpr for the synapses where the boolean condition is
// true, as Brian2's S.w['i > j'] = 'w0*2' ("" = every synapse).
func (s *Synapses) SetExprIf(name, cond, code string) error {
	fail := func(format string, a ...any) error {
		return fmt.Errorf("spiking: %s.%s = %q: "+format, append([]any{s.name, name, code}, a...)...)
	}
	d, ok := s.vars[name]
	if !ok || synReadOnly(name) {
		return fail("no settable variable %q (variables: %v)", name, s.order)
	}
	if s.shared[name] {
		return fail("%s is shared: set its one value with Set", name)
	}
	dt := s.opts.Dt
	if dt == 0 {
		dt = DefaultDt
	}
	decls, err := s.baseDecls(dt)
	if err != nil {
		return fail("%w", err)
	}
	value, err := expr.ParseExpr(code)
	if err != nil {
		return fail("%w", err)
	}
	nodes := []expr.Node{value}
	var condNode expr.Node
	if cond != "" {
		if condNode, err = expr.ParseExpr(cond); err != nil {
			return fail("condition %q: %w", cond, err)
		}
		nodes = append(nodes, condNode)
	}
	binds, err := s.resolve(decls, nodes, nil)
	if err != nil {
		return fail("%w", err)
	}
	p, err := expr.CompileExpr(value, decls)
	if err != nil {
		return fail("%w", err)
	}
	if want, _ := dimOfUnit(s.units[name]); p.ResultDim() != want {
		return fail("the expression has dimension %s, %s has %s", p.ResultDim(), name, want)
	}
	all := make([]int32, len(d))
	for k := range all {
		all[k] = int32(k)
	}
	rng := NewRNG(streamSeed(s.initSeed, fmt.Sprintf("%s/set%d", s.name, s.nConnect), 0))
	s.nConnect++
	eval := func(p *expr.Program) ([]float64, error) {
		c := s.newCode(p, binds)
		c.env.Rand = rng
		s.gather(c, all)
		out := make([]float64, len(all))
		return out, evalProgram(p, &c.env, out, 0, len(all))
	}
	vals, err := eval(p)
	if err != nil {
		return fail("%w", err)
	}
	var mask []float64
	if condNode != nil {
		cp, err := expr.CompileExpr(condNode, decls)
		if err != nil {
			return fail("condition %q: %w", cond, err)
		}
		if mask, err = eval(cp); err != nil {
			return fail("condition %q: %w", cond, err)
		}
	}
	for k, x := range vals {
		if mask != nil && mask[k] == 0 {
			continue
		}
		if x != x {
			return fail("NaN for synapse %d (i = %d, j = %d)", k, s.pre[k], s.post[k])
		}
	}
	for k, x := range vals {
		if mask == nil || mask[k] != 0 {
			d[k] = x
		}
	}
	return nil
}

// expand substitutes the synapses' (non-summed) subexpressions into n,
// recursively, as Brian2 substitutes subexpressions into the code that
// uses them (they are evaluated with the values of the moment).
func (s *Synapses) expand(n expr.Node) expr.Node {
	for range len(s.subexprs) + 1 {
		uses := false
		for _, name := range expr.Variables(n) {
			if _, ok := s.subexprs[name]; ok {
				uses = true
			}
		}
		if !uses {
			return n
		}
		n = expr.Substitute(n, s.subexprs)
	}
	return n // a cycle: left for the dimension check to refuse (unknown name)
}

// subexprVar is the variable a monitor or Get reads for subexpression
// name: evaluated per synapse at the current state.
func (s *Synapses) subexprVar(name string) (*variable, error) {
	node := s.expand(s.subexprs[name])
	dt := s.opts.Dt
	if dt == 0 {
		dt = DefaultDt
	}
	d, err := s.baseDecls(dt)
	if err != nil {
		return nil, err
	}
	binds, err := s.resolve(d, []expr.Node{node}, nil)
	if err != nil {
		return nil, err
	}
	p, err := expr.CompileExpr(node, d)
	if err != nil {
		return nil, fmt.Errorf("subexpression %s: %w", name, err)
	}
	e, _ := s.eqs.Get(name)
	return &variable{name: name, unit: e.UnitName, readOnly: true,
		compute: func(dst []float64, lo, hi int, t float64) error {
			ks := make([]int32, hi-lo)
			for k := range ks {
				ks[k] = int32(lo + k)
			}
			c := s.newCode(p, binds)
			s.gather(c, ks)
			return evalProgram(p, &c.env, dst[lo:hi], 0, hi-lo)
		}}, nil
}

// clockCode returns the update code of the clock-driven equations and the
// method used: the requested one, or, as Brian2 (Synapses' default
// method=('exact', 'euler', 'heun')), the first of the registry's
// automatic choice that applies. exact needs a linear system with constant
// coefficients (namespace constants); its propagator is computed once and
// written into the code as numbers.
func (s *Synapses) clockCode(sys *odeSystem, d *expr.Decls, dt float64) ([]expr.Statement, string, error) {
	try := func(it *integrator) ([]expr.Statement, error) {
		if it.code != nil {
			return it.code(it.name, sys)
		}
		return s.exactCode(sys, d, dt)
	}
	if s.opts.Method != "" {
		it, err := lookupIntegrator(s.opts.Method)
		if err != nil {
			return nil, "", err
		}
		code, err := try(it)
		if err != nil {
			return nil, "", fmt.Errorf("method %s: %w", it.name, err)
		}
		return code, it.name, nil
	}
	for k := range integrators {
		it := &integrators[k]
		if !it.auto {
			continue
		}
		if code, err := try(it); err == nil {
			return code, it.name, nil
		}
	}
	return nil, "", fmt.Errorf("no integration method of the automatic choice can integrate the clock-driven equations")
}

// exactCode writes X_new = E X + Phi c for a linear system dX/dt = M X + c
// with constant M and c as update statements with numeric coefficients.
func (s *Synapses) exactCode(sys *odeSystem, d *expr.Decls, dt float64) ([]expr.Statement, error) {
	if sys.stochastic() {
		return nil, fmt.Errorf("cannot solve stochastic equations exactly")
	}
	n := len(sys.vars)
	constant := func(node expr.Node, what string) (float64, error) {
		v, err := constantValue(expr.Simplify(node), d)
		if err != nil {
			return 0, fmt.Errorf("%s: %w (exact integration of synapses needs constant coefficients)", what, err)
		}
		return v, nil
	}
	m, c := make([]float64, n*n), make([]float64, n)
	for r, x := range sys.vars {
		rest := sys.f[x]
		for q, y := range sys.vars {
			a, b, ok := expr.SplitLinear(rest, y)
			if !ok {
				return nil, fmt.Errorf("the right-hand side of d%s/dt, %s, is not linear in %s", x, sys.f[x], y)
			}
			var err error
			if m[r*n+q], err = constant(a, fmt.Sprintf("the coefficient of %s in d%s/dt", y, x)); err != nil {
				return nil, err
			}
			rest = b
		}
		var err error
		if c[r], err = constant(rest, fmt.Sprintf("the constant term of d%s/dt", x)); err != nil {
			return nil, err
		}
	}
	e, phi, err := linearPropagator(m, n, dt)
	if err != nil {
		return nil, err
	}
	var code []expr.Statement
	for r, x := range sys.vars {
		terms := []expr.Node{}
		dr := 0.0
		for q, y := range sys.vars {
			if e[r*n+q] != 0 {
				terms = append(terms, expr.Mul(expr.Num(e[r*n+q]), expr.Ident(y)))
			}
			dr += phi[r*n+q] * c[q]
		}
		if dr != 0 {
			terms = append(terms, expr.Num(dr))
		}
		if len(terms) == 0 {
			terms = append(terms, expr.Num(0))
		}
		code = append(code, expr.Assign("_"+x, expr.Add(terms...)))
	}
	for _, x := range sys.vars {
		code = append(code, expr.Assign(x, expr.Ident("_"+x)))
	}
	return code, nil
}

// Method is the integration method of the clock-driven equations ("" if
// there are none), after the automatic choice.
func (s *Synapses) Method() string { return s.method }
