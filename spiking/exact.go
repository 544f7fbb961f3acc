package spiking

import (
	"fmt"
	"math"
	"strings"

	"github.com/gohears/hears/expr"
)

// exactUpdater integrates a linear system dX/dt = M X + c exactly:
// X(t+dt) = E X + Phi c with E = exp(M dt), Phi = ∫_0^dt exp(M s) ds
// (see linearPropagator). M and c may differ between neurons and steps
// (per-neuron parameters, TimedArray inputs, not_refractory); E and Phi are
// recomputed only when a neuron's M changes, and shared between neurons
// with the same M.
type exactUpdater struct {
	n      int      // number of state variables
	vars   []string // state variables
	m      []coef   // n*n entries of M
	c      []coef   // n entries of c
	dt     float64
	size   int
	state  [][]float64 // state vectors, per variable
	masked []bool      // (unless refractory): write only where not_refractory
	nr     []float64

	mbuf  [][]float64 // per entry, per neuron (non-uniform entries)
	cbuf  [][]float64
	cache map[string]*propagator
	last  []*propagator // per neuron
	lastM []float64     // per neuron: M used for last[k] (n*n values)
	text  []string
	fast  *uniformExact // when every coefficient is the same for all neurons
}

// coef is one entry of M or c: a constant, or a program evaluated every
// step (uniform: the same for every neuron).
type coef struct {
	node    expr.Node
	isConst bool
	value   float64
	uniform bool
	prog    *expr.Program
}

type propagator struct{ e, phi []float64 }

// linearSystem writes the system as dX/dt = M X + c and checks that M and
// c are constant over a step, like Brian2's 'exact' (linear) method; the
// errors say why a system is not linear.
func (g *NeuronGroup) linearSystem(c *groupCode, dt float64) (*exactUpdater, error) {
	s := g.sys
	if s.stochastic() {
		return nil, fmt.Errorf("cannot solve stochastic equations (noise %s) exactly; use euler, heun or milstein", strings.Join(s.noise, ", "))
	}
	n := len(s.vars)
	ex := &exactUpdater{n: n, vars: s.vars, dt: dt, size: g.n, cache: map[string]*propagator{}}
	d := c.decls
	perNeuron := map[string]bool{"i": true}
	for name, v := range d.Vars {
		if v.Kind == expr.Vector || v.Kind == expr.Index {
			perNeuron[name] = true
		}
	}
	mk := func(node expr.Node, what string) (coef, error) {
		node = expr.Simplify(node)
		if err := constantOverDt(node, c, dt); err != nil {
			return coef{}, fmt.Errorf("%s: %w", what, err)
		}
		cf := coef{node: node}
		if num, ok := node.(*expr.Number); ok {
			cf.isConst, cf.value = true, num.Value
			return cf, nil
		}
		p, err := expr.CompileExpr(node, d)
		if err != nil {
			return coef{}, fmt.Errorf("%s: %w", what, err)
		}
		cf.prog = p
		cf.uniform = true
		for _, name := range expr.Variables(node) {
			if perNeuron[name] {
				cf.uniform = false
			}
		}
		// A coefficient of constants only (namespace values, which are
		// compile-time constants: the group is rebuilt at every run) is
		// evaluated once here, not at every step.
		allConst := true
		for _, name := range expr.Variables(node) {
			if v, ok := d.Vars[name]; !ok || v.Kind != expr.Constant {
				allConst = false
			}
		}
		if cf.uniform && allConst && len(expr.Functions(node)) == 0 {
			out := make([]float64, 1)
			if err := evalProgram(p, &c.env, out, 0, 1); err == nil {
				cf.isConst, cf.value = true, out[0]
			}
		}
		return cf, nil
	}
	for _, x := range s.vars {
		rest := s.f[x]
		if free, ok := s.free[x]; ok {
			// (unless refractory): the factor int(not_refractory) is
			// applied per neuron by step, which zeroes the row.
			rest = free
		}
		row := make([]coef, n)
		for j, y := range s.vars {
			a, b, ok := expr.SplitLinear(rest, y)
			if !ok {
				return nil, fmt.Errorf("the right-hand side of d%s/dt, %s, is not linear in %s", x, s.f[x], y)
			}
			for _, z := range s.vars {
				if expr.DependsOn(a, z) {
					return nil, fmt.Errorf("the right-hand side of d%s/dt, %s, could not be separated into linear components (coefficient of %s depends on %s)", x, s.f[x], y, z)
				}
			}
			cf, err := mk(a, fmt.Sprintf("coefficient of %s in d%s/dt", y, x))
			if err != nil {
				return nil, err
			}
			row[j] = cf
			rest = b
		}
		ex.m = append(ex.m, row...)
		cf, err := mk(rest, fmt.Sprintf("constant term of d%s/dt", x))
		if err != nil {
			return nil, err
		}
		ex.c = append(ex.c, cf)
		ex.masked = append(ex.masked, g.unless[x])
	}
	for _, x := range s.vars {
		ex.state = append(ex.state, g.vars.vars[x].data)
	}
	if nr, ok := g.vars.vars["not_refractory"]; ok {
		ex.nr = nr.data
	}
	ex.mbuf = make([][]float64, len(ex.m))
	for k, cf := range ex.m {
		if !cf.isConst {
			if cf.uniform {
				ex.mbuf[k] = make([]float64, 1)
			} else {
				ex.mbuf[k] = make([]float64, g.n)
			}
		}
	}
	ex.cbuf = make([][]float64, n)
	for k, cf := range ex.c {
		if !cf.isConst {
			if cf.uniform {
				ex.cbuf[k] = make([]float64, 1)
			} else {
				ex.cbuf[k] = make([]float64, g.n)
			}
		}
	}
	ex.last = make([]*propagator, g.n)
	ex.lastM = make([]float64, g.n*n*n)
	for k := range ex.lastM {
		ex.lastM[k] = math.NaN()
	}
	uniform := true
	for _, cf := range append(append([]coef(nil), ex.m...), ex.c...) {
		uniform = uniform && (cf.isConst || cf.uniform)
	}
	if uniform {
		ex.fast = newUniformExact(ex, g.n)
	}
	for k, x := range s.vars {
		var terms []string
		for j, y := range s.vars {
			if cf := ex.m[k*n+j]; !(cf.isConst && cf.value == 0) {
				terms = append(terms, "("+cf.node.String()+")*"+y)
			}
		}
		if cf := ex.c[k]; !(cf.isConst && cf.value == 0) {
			terms = append(terms, cf.node.String())
		}
		ex.text = append(ex.text, fmt.Sprintf("d%s/dt = %s", x, strings.Join(terms, " + ")))
	}
	return ex, nil
}

// constantOverDt rejects coefficients that change within a step: explicit
// t outside TimedArray calls, random numbers, and TimedArrays whose step is
// not a multiple of the group's step.
func constantOverDt(n expr.Node, c *groupCode, dt float64) error {
	var err error
	var visit func(n expr.Node, inTA bool)
	visit = func(n expr.Node, inTA bool) {
		switch m := n.(type) {
		case *expr.Name:
			if m.Name == "t" && !inTA && err == nil {
				err = fmt.Errorf("expression %s is not guaranteed to be constant over a time step (it depends on t)", n)
			}
		case *expr.Unary:
			visit(m.X, inTA)
		case *expr.Binary:
			visit(m.X, inTA)
			visit(m.Y, inTA)
		case *expr.CallExpr:
			if (m.Func == "rand" || m.Func == "randn") && err == nil {
				err = fmt.Errorf("expression %s uses random numbers", n)
			}
			ta := c.tas[m.Func]
			if ta != nil {
				r := ta.dt / dt
				if math.Abs(r-math.Round(r)) > 1e-9*r && err == nil {
					err = fmt.Errorf("TimedArray %s has dt %g s, not a multiple of the group's dt %g s, so it is not constant over a step", m.Func, ta.dt, dt)
				}
			} else if _, user := c.decls.Funcs[m.Func]; user && err == nil {
				err = fmt.Errorf("function %s is not known to be constant over a time step", m.Func)
			}
			for _, a := range m.Args {
				visit(a, inTA || ta != nil)
			}
		}
	}
	visit(n, false)
	return err
}

// String prints the linear system.
func (ex *exactUpdater) String() string { return strings.Join(ex.text, "\n") }

// evalCoefs evaluates the non-constant, non-uniform coefficients for
// [lo, hi).
func (ex *exactUpdater) evalCoefs(env *expr.Env, lo, hi int) error {
	return ex.eval(env, false, lo, hi)
}

// evalUniform evaluates the uniform coefficients (once per step, before
// the blocks of neurons run) and, on the fast path, the propagators.
func (ex *exactUpdater) evalUniform(env *expr.Env) error {
	if err := ex.eval(env, true, 0, 1); err != nil {
		return err
	}
	if ex.fast != nil {
		return ex.fast.refresh(ex)
	}
	return nil
}

func (ex *exactUpdater) eval(env *expr.Env, uniform bool, lo, hi int) error {
	for _, part := range []struct {
		cs  []coef
		buf [][]float64
	}{{ex.m, ex.mbuf}, {ex.c, ex.cbuf}} {
		for k, cf := range part.cs {
			if cf.isConst || cf.uniform != uniform {
				continue
			}
			if err := evalProgram(cf.prog, env, part.buf[k], lo, hi); err != nil {
				return err
			}
		}
	}
	return nil
}

// coefAt is coefficient k for neuron i.
func coefAt(cs []coef, buf [][]float64, k, i int) float64 {
	cf := cs[k]
	switch {
	case cf.isConst:
		return cf.value
	case cf.uniform:
		return buf[k][0]
	}
	return buf[k][i]
}

func (ex *exactUpdater) mAt(k, i int) float64 { return coefAt(ex.m, ex.mbuf, k, i) }
func (ex *exactUpdater) cAt(k, i int) float64 { return coefAt(ex.c, ex.cbuf, k, i) }

// propagatorFor returns E and Phi for the matrix m (n*n values).
func (ex *exactUpdater) propagatorFor(m []float64) (*propagator, error) {
	key := make([]byte, 0, 8*len(m))
	for _, x := range m {
		b := math.Float64bits(x)
		key = append(key, byte(b), byte(b>>8), byte(b>>16), byte(b>>24), byte(b>>32), byte(b>>40), byte(b>>48), byte(b>>56))
	}
	if p, ok := ex.cache[string(key)]; ok {
		return p, nil
	}
	e, phi, err := linearPropagator(m, ex.n, ex.dt)
	if err != nil {
		return nil, err
	}
	p := &propagator{e, phi}
	if len(ex.cache) > 1<<16 { // bound the memory for continuously varying M
		ex.cache = map[string]*propagator{}
	}
	ex.cache[string(key)] = p
	return p, nil
}

// step advances neurons [lo, hi); coefficients must be evaluated.
// Variables flagged (unless refractory) have dx/dt = 0 while a neuron is
// refractory (Brian2 multiplies their right-hand sides by
// int(not_refractory)): their rows of M and c are zero for those neurons,
// and they are not written (so they stay bit-identical).
func (ex *exactUpdater) step(lo, hi int, mu *lockedCache) error {
	if ex.fast != nil {
		ex.fast.step(ex, lo, hi)
		return nil
	}
	n := ex.n
	nn := n * n
	var x, y [8]float64
	xs, ys := x[:0], y[:0]
	if n > 8 {
		xs, ys = make([]float64, n), make([]float64, n)
	} else {
		xs, ys = x[:n], y[:n]
	}
	for i := lo; i < hi; i++ {
		lm := ex.lastM[i*nn : (i+1)*nn]
		p := ex.last[i]
		same := p != nil
		refr := ex.nr != nil && ex.nr[i] == 0
		for k := 0; k < nn; k++ {
			v := ex.mAt(k, i)
			if refr && ex.masked[k/n] {
				v = 0 // dx/dt = int(not_refractory)*(...) = 0
			}
			if v != lm[k] {
				same = false
				lm[k] = v
			}
		}
		if !same {
			var err error
			if p, err = mu.get(ex, lm); err != nil {
				return err
			}
			ex.last[i] = p
		}
		for r := 0; r < n; r++ {
			xs[r] = ex.state[r][i]
		}
		for r := 0; r < n; r++ {
			s := 0.0
			for q := 0; q < n; q++ {
				cq := ex.cAt(q, i)
				if refr && ex.masked[q] {
					cq = 0
				}
				s += float64(p.e[r*n+q]*xs[q]) + float64(p.phi[r*n+q]*cq)
			}
			ys[r] = s
		}
		for r := 0; r < n; r++ {
			if ex.masked[r] && ex.nr[i] == 0 {
				continue
			}
			ex.state[r][i] = ys[r]
		}
	}
	return nil
}
