package spiking

import (
	"fmt"
	"math"
	"slices"
	"sort"
	"strings"

	"github.com/gohears/hears/expr"
)

// Integration methods of NeuronGroup (Brian2's names; "linear" is an alias
// of "exact"; "" chooses automatically like Brian2).
const (
	MethodAuto             = ""
	MethodExact            = "exact"
	MethodEuler            = "euler"
	MethodRK2              = "rk2"
	MethodRK4              = "rk4"
	MethodExponentialEuler = "exponential_euler"
	MethodHeun             = "heun"
	MethodMilstein         = "milstein"
)

// odeSystem is the system of differential equations of a group after
// substitution of subexpressions: dx/dt = f[x] + sum_k g[x][k]*xi_k.
type odeSystem struct {
	vars  []string               // state variables, sorted (Brian2's order)
	f     map[string]expr.Node   // drift
	g     map[string][]expr.Node // noise coefficient per noise variable (nil = 0)
	noise []string               // noise variables, sorted
	// free is the drift of (unless refractory) variables without the
	// factor int(not_refractory), for the exact method, which applies it
	// per neuron by choosing a propagator (see exactUpdater).
	free map[string]expr.Node
}

func (s *odeSystem) stochastic() bool { return len(s.noise) > 0 }

// setTerms splits the right-hand sides rhs of s.vars into the drift f
// (noise set to 0) and one coefficient per noise variable g (the
// derivative by it; the equations must be linear in the noise).
func (s *odeSystem) setTerms(rhs map[string]expr.Node) error {
	noise := map[string]bool{}
	for _, x := range s.vars {
		for _, name := range expr.Variables(rhs[x]) {
			if expr.IsNoise(name) {
				noise[name] = true
			}
		}
	}
	sort.Strings(s.vars)
	for xi := range noise {
		s.noise = append(s.noise, xi)
	}
	sort.Strings(s.noise)
	zero := map[string]expr.Node{}
	for _, xi := range s.noise {
		zero[xi] = expr.Num(0)
	}
	for _, x := range s.vars {
		r := rhs[x]
		s.f[x] = expr.Simplify(expr.Substitute(r, zero))
		if len(s.noise) == 0 {
			continue
		}
		gs := make([]expr.Node, len(s.noise))
		for k, xi := range s.noise {
			if !expr.DependsOn(r, xi) {
				continue
			}
			dg, err := expr.Derivative(r, xi)
			if err != nil {
				return fmt.Errorf("d%s/dt: %w", x, err)
			}
			for _, other := range s.noise {
				if expr.DependsOn(dg, other) {
					return fmt.Errorf("d%s/dt: the equation must be linear in the noise terms (%s)", x, xi)
				}
			}
			gs[k] = dg
		}
		s.g[x] = gs
	}
	return nil
}

// additive reports whether no noise coefficient depends on a state
// variable.
func (s *odeSystem) additive() bool {
	for _, x := range s.vars {
		for _, g := range s.g[x] {
			if g != nil && usesAny(g, s.vars) {
				return false
			}
		}
	}
	return true
}

// usesAny reports whether n refers to any of names.
func usesAny(n expr.Node, names []string) bool {
	found := false
	walk(n, func(m expr.Node) {
		if id, ok := m.(*expr.Name); ok && slices.Contains(names, id.Name) {
			found = true
		}
	})
	return found
}

// uses reports whether n refers to name.
func uses(n expr.Node, name string) bool { return usesAny(n, []string{name}) }

// walk calls fn on every node of n.
func walk(n expr.Node, fn func(expr.Node)) {
	if n == nil {
		return
	}
	fn(n)
	switch n := n.(type) {
	case *expr.Unary:
		walk(n.X, fn)
	case *expr.Binary:
		walk(n.X, fn)
		walk(n.Y, fn)
	case *expr.CallExpr:
		for _, a := range n.Args {
			walk(a, fn)
		}
	}
}

// subst replaces names by expressions.
func subst(n expr.Node, m map[string]expr.Node) expr.Node {
	if len(m) == 0 {
		return n
	}
	return expr.Substitute(n, m)
}

func num(v float64) expr.Node       { return expr.Num(v) }
func id(name string) expr.Node      { return expr.Ident(name) }
func mul(xs ...expr.Node) expr.Node { return expr.Mul(xs...) }
func add(xs ...expr.Node) expr.Node { return expr.Add(xs...) }

var (
	dtN = id("dt")
	tN  = id("t")
)

// updateCode generates the abstract update code of method for the system,
// as Brian2 2.5.1 does (update_rules.md): temporaries first, then
// "x = _x" for every variable, so that all variables advance together.
// Noise increments are the names "xi" / "xi_*" holding dt**0.5*randn();
// the caller draws them. Exact integration is not generated here.
func updateCode(method string, s *odeSystem) ([]expr.Statement, error) {
	it, err := lookupIntegrator(method)
	if err != nil {
		return nil, err
	}
	if it.code == nil {
		return nil, fmt.Errorf("method %q has no generated update code", method)
	}
	return it.code(method, s)
}

// codeWriter collects update statements for one system.
type codeWriter struct {
	s    *odeSystem
	code []expr.Statement
}

func (w *codeWriter) assign(name string, v expr.Node) {
	w.code = append(w.code, expr.Assign(name, expr.Simplify(v)))
}

// finish writes x = _x for every variable.
func (w *codeWriter) finish() {
	for _, x := range w.s.vars {
		w.assign(x, id("_"+x))
	}
}

// stage replaces every state variable x by x + c*k_x and t by t + ct*dt.
func (w *codeWriter) stage(n expr.Node, kname func(string) string, c float64, ct float64) expr.Node {
	m := map[string]expr.Node{}
	for _, x := range w.s.vars {
		if c == 0 {
			continue
		}
		m[x] = add(id(x), mul(num(c), id(kname(x))))
	}
	if ct != 0 {
		m["t"] = add(tN, mul(num(ct), dtN))
	}
	return subst(n, m)
}

// eulerCode: x_new = x + dt*f + g*xi (Euler–Maruyama for additive noise).
func eulerCode(method string, s *odeSystem) ([]expr.Statement, error) {
	w := &codeWriter{s: s}
	assign, finish := w.assign, w.finish
	if s.stochastic() && !s.additive() {
		return nil, fmt.Errorf("method %q cannot integrate equations with multiplicative noise (use heun or milstein)", method)
	}
	for _, x := range s.vars {
		terms := []expr.Node{id(x), mul(dtN, s.f[x])}
		for k, g := range s.g[x] {
			if g != nil {
				terms = append(terms, mul(g, id(s.noise[k])))
			}
		}
		assign("_"+x, add(terms...))
	}
	finish()
	return w.code, nil
}

// rkCode: the midpoint method (rk2) and the classical Runge–Kutta method
// (rk4), for deterministic equations.
func rkCode(method string, s *odeSystem) ([]expr.Statement, error) {
	w := &codeWriter{s: s}
	assign, finish, stage := w.assign, w.finish, w.stage
	if s.stochastic() {
		return nil, fmt.Errorf("method %q cannot integrate stochastic equations (use euler, heun or milstein)", method)
	}
	if method == MethodRK2 {
		k := func(x string) string { return "__k_" + x }
		for _, x := range s.vars {
			assign(k(x), mul(dtN, s.f[x]))
		}
		for _, x := range s.vars {
			assign("_"+x, add(id(x), mul(dtN, stage(s.f[x], k, 0.5, 0.5))))
		}
		finish()
		return w.code, nil
	}
	kn := func(j int) func(string) string {
		return func(x string) string { return fmt.Sprintf("__k_%d_%s", j, x) }
	}
	for _, x := range s.vars {
		assign(kn(1)(x), mul(dtN, s.f[x]))
	}
	for j, c := range []float64{0.5, 0.5, 1} {
		for _, x := range s.vars {
			assign(kn(j+2)(x), mul(dtN, stage(s.f[x], kn(j+1), c, c)))
		}
	}
	for _, x := range s.vars {
		assign("_"+x, add(mul(num(1.0/6), id(kn(1)(x))), mul(num(1.0/3), id(kn(2)(x))),
			mul(num(1.0/3), id(kn(3)(x))), mul(num(1.0/6), id(kn(4)(x))), id(x)))
	}
	finish()
	return w.code, nil
}

// exponentialEulerCode: x_new = -B/A + (x + B/A)*exp(A*dt) for
// dx/dt = A*x + B, A and B taken at the old values of the other variables.
func exponentialEulerCode(method string, s *odeSystem) ([]expr.Statement, error) {
	w := &codeWriter{s: s}
	assign, finish := w.assign, w.finish
	if s.stochastic() {
		return nil, fmt.Errorf("method %q cannot integrate stochastic equations (use euler, heun or milstein)", method)
	}
	for _, x := range s.vars {
		a, b, ok := conditionallyLinear(s.f[x], x)
		if !ok {
			return nil, fmt.Errorf("method %q: the right-hand side of d%s/dt, %s, is not linear in %s", method, x, s.f[x], x)
		}
		switch {
		case isZero(a):
			assign("_"+x, add(id(x), mul(dtN, b)))
		case isZero(b):
			assign("_"+x, mul(id(x), expr.Call("exp", mul(a, dtN))))
		default:
			ba := "_BA_" + x
			assign(ba, expr.Div(b, a))
			assign("_"+x, expr.Sub(mul(add(id(x), id(ba)), expr.Call("exp", mul(a, dtN))), id(ba)))
		}
	}
	finish()
	return w.code, nil
}

// conditionallyLinear writes f as a*x + b in Brian2 2.5.1's sense for
// exponential Euler (get_conditionally_linear_system: sympy's expand, then
// collect on the symbol x): x counts only where it appears as a
// polynomial factor; inside function arguments (exp, exprel...), in
// denominators other than x itself and in bases of negative or
// fractional powers it is part of the coefficients, evaluated at the old
// value. So dv/dt = -gNa*m(v)**3*h*(v - ENa)/Cm, with m a rational
// function of exponentials of v, is "linear" with a = -gNa*m(v)**3*h/Cm
// (Wang & Buzsáki 1996 runs, as in Brian2), while v**2 or 1/v is not.
func conditionallyLinear(f expr.Node, x string) (a, b expr.Node, ok bool) {
	const frozen = "__exp_euler_frozen"
	g := freezeOpaque(f, x, frozen, false)
	a, b, ok = expr.SplitLinear(g, x)
	if !ok {
		return nil, nil, false
	}
	back := map[string]expr.Node{frozen: id(x)}
	return expr.Simplify(expr.Substitute(a, back)), expr.Simplify(expr.Substitute(b, back)), true
}

// freezeOpaque renames x to frozen where it is not a polynomial factor
// (see conditionallyLinear); opaque is true inside such a context.
func freezeOpaque(n expr.Node, x, frozen string, opaque bool) expr.Node {
	switch m := n.(type) {
	case *expr.Name:
		if opaque && m.Name == x {
			return id(frozen)
		}
		return n
	case *expr.Unary:
		return &expr.Unary{Op: m.Op, X: freezeOpaque(m.X, x, frozen, opaque)}
	case *expr.CallExpr:
		args := make([]expr.Node, len(m.Args))
		for k, a := range m.Args {
			args[k] = freezeOpaque(a, x, frozen, true)
		}
		c := *m
		c.Args = args
		return &c
	case *expr.Binary:
		c := *m
		c.X = freezeOpaque(m.X, x, frozen, opaque)
		switch m.Op {
		case expr.OpDiv:
			c.Y = freezeOpaque(m.Y, x, frozen, opaque || !isPowerOf(m.Y, x))
		case expr.OpPow:
			if k, isNum := m.Y.(*expr.Number); !isNum || k.Value != math.Trunc(k.Value) || k.Value < 1 {
				c.X = freezeOpaque(m.X, x, frozen, opaque || !isPowerOf(m.X, x))
			}
			c.Y = freezeOpaque(m.Y, x, frozen, true)
		default:
			c.Y = freezeOpaque(m.Y, x, frozen, opaque)
		}
		return &c
	}
	return n
}

// isPowerOf reports whether n is x or x**k.
func isPowerOf(n expr.Node, x string) bool {
	switch m := n.(type) {
	case *expr.Name:
		return m.Name == x
	case *expr.Binary:
		return m.Op == expr.OpPow && isPowerOf(m.X, x)
	}
	return false
}

// heunMilsteinCode: the stochastic Heun (Stratonovich) and derivative-free
// Milstein (Itô) methods.
func heunMilsteinCode(method string, s *odeSystem) ([]expr.Statement, error) {
	w := &codeWriter{s: s}
	assign, finish := w.assign, w.finish
	// Brian2 2.5.1 (stateupdaters/explicit.py):
	//   heun:     x_support = x + g*dW; g_support = g(x_support, t + dt)
	//             x_new = x + dt*f + 0.5*dW*(g + g_support)
	//   milstein: x_support = x + dt*f + dt**0.5*g; g_support = g(x_support, t)
	//             k = (g_support - g)*dW**2/(2*dt**0.5); x_new = x + dt*f + g*dW + k
	// with one support point per noise variable.
	extra := map[string][]expr.Node{}
	for k, xi := range s.noise {
		sup := func(x string) string { return "__x_support_" + x + "_" + xi }
		gsup := func(x string) string { return "__g_support_" + x + "_" + xi }
		m := map[string]expr.Node{}
		for _, x := range s.vars {
			g := s.g[x][k]
			if g == nil {
				g = num(0)
			}
			if method == MethodHeun {
				assign(sup(x), add(id(x), mul(g, id(xi))))
			} else {
				assign(sup(x), add(id(x), mul(dtN, s.f[x]), mul(expr.Pow(dtN, num(0.5)), g)))
			}
			m[x] = id(sup(x))
		}
		if method == MethodHeun {
			m["t"] = add(tN, dtN)
		}
		for _, x := range s.vars {
			g := s.g[x][k]
			if g == nil {
				continue
			}
			assign(gsup(x), subst(g, m))
			if method == MethodHeun {
				extra[x] = append(extra[x], mul(num(0.5), id(xi), add(g, id(gsup(x)))))
			} else {
				kk := "__k_" + x + "_" + xi
				assign(kk, expr.Div(mul(expr.Sub(id(gsup(x)), g), expr.Pow(id(xi), num(2))), mul(num(2), expr.Pow(dtN, num(0.5)))))
				extra[x] = append(extra[x], mul(g, id(xi)), id(kk))
			}
		}
	}
	for _, x := range s.vars {
		terms := append([]expr.Node{id(x), mul(dtN, s.f[x])}, extra[x]...)
		assign("_"+x, add(terms...))
	}
	finish()
	return w.code, nil
}

func isZero(n expr.Node) bool {
	c, ok := n.(*expr.Number)
	return ok && c.Value == 0
}

// integrator is one entry of the registry of integration methods
// (Brian2's StateUpdateMethod.stateupdaters): its name and aliases,
// whether the automatic choice tries it, and the generator of its update
// code (nil for exact, which exactUpdater integrates).
type integrator struct {
	name    string
	aliases []string
	auto    bool
	code    func(method string, s *odeSystem) ([]expr.Statement, error)
}

// integrators is the registry, the one list of the methods. Its order is
// the order of Brian2 2.5.1's automatic choice among the auto entries:
// exact where the system is linear, else euler (also for additive noise),
// else heun.
var integrators = []integrator{
	{name: MethodExact, aliases: []string{"linear"}, auto: true},
	{name: MethodEuler, auto: true, code: eulerCode},
	{name: MethodRK2, code: rkCode},
	{name: MethodRK4, code: rkCode},
	{name: MethodExponentialEuler, code: exponentialEulerCode},
	{name: MethodHeun, auto: true, code: heunMilsteinCode},
	{name: MethodMilstein, code: heunMilsteinCode},
}

// lookupIntegrator returns the registry entry of name (or an alias).
func lookupIntegrator(name string) (*integrator, error) {
	for k := range integrators {
		it := &integrators[k]
		if it.name == name || slices.Contains(it.aliases, name) {
			return it, nil
		}
	}
	return nil, fmt.Errorf("unknown integration method %q (methods: %s)", name, strings.Join(IntegrationMethods(), ", "))
}

// IntegrationMethods returns the names (and aliases) of the integration
// methods, in the registry's order.
func IntegrationMethods() []string {
	var out []string
	for _, it := range integrators {
		out = append(out, it.name)
		out = append(out, it.aliases...)
	}
	return out
}
