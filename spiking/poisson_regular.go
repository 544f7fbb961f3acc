package spiking

import (
	"fmt"
	"math"

	"github.com/gohears/hears/expr"
	"github.com/gohears/hears/units"
)

// poissonRegular is a run_regularly operation of a PoissonGroup.
type poissonRegular struct {
	g     *PoissonGroup
	k     int
	code  string
	opts  RegularOptions
	stmts []expr.Statement
	rng   blockRNGs
	tNow  float64
}

// RunRegularly runs code (statements writing rates, e.g.
// "rates = (1 + sin(2*pi*t/(100*ms)))*10*Hz") for all elements at every
// step of a clock with step opts.Dt, Brian2's PoissonGroup.run_regularly:
// rates that change during a run. The code may use rates, i, N, t, dt,
// opts.Namespace, units and rand(). Not for groups with expression rates
// (NewPoissonGroupExpr), whose rates are recomputed every step anyway.
func (g *PoissonGroup) RunRegularly(code string, opts RegularOptions) error {
	st, err := expr.ParseStatements(code)
	if err != nil {
		return fmt.Errorf("spiking: %s.RunRegularly(%q): %w", g.name, code, err)
	}
	for _, s := range st {
		if s.Target != "rates" {
			return fmt.Errorf("spiking: %s.RunRegularly(%q): only rates can be written, not %q", g.name, code, s.Target)
		}
	}
	if g.rateFn != nil {
		return fmt.Errorf("spiking: %s.RunRegularly: the rates are an expression; put the change in it", g.name)
	}
	if opts.Dt < 0 || math.IsNaN(opts.Dt) || math.IsInf(opts.Dt, 0) {
		return fmt.Errorf("spiking: %s.RunRegularly: bad dt %g s", g.name, opts.Dt)
	}
	r := &poissonRegular{g: g, k: len(g.regular), code: code, opts: opts, stmts: st}
	if _, err := r.compile(DefaultDt); err != nil {
		return err
	}
	g.regular = append(g.regular, r)
	return nil
}

func (r *poissonRegular) name() string { return regularName(r.g.name, r.opts.Name, r.k) }

func (r *poissonRegular) compile(dt float64) (*expr.Program, error) {
	d := expr.NewDecls()
	if _, err := addNamespace(d, r.opts.Namespace, dt); err != nil {
		return nil, fmt.Errorf("spiking: %s.RunRegularly(%q): %w", r.g.name, r.code, err)
	}
	d.Scalar("t", units.DimTime()).Constant("dt", dt, units.DimTime()).Constant("N", float64(r.g.n), units.Dimensionless())
	d.Vector("i", units.Dimensionless()).Vector("rates", units.DimFrequency())
	p, err := expr.Compile(r.stmts, d)
	if err != nil {
		return nil, fmt.Errorf("spiking: %s.RunRegularly(%q): %w", r.g.name, r.code, err)
	}
	return p, nil
}

func (r *poissonRegular) prepare(net *Network, groupClock *simClock) (*operation, error) {
	g := r.g
	dt := r.opts.Dt
	if dt == 0 {
		dt = groupClock.dt
	}
	p, err := r.compile(groupClock.dt)
	if err != nil {
		return nil, err
	}
	r.rng.ensure(net, r.name(), 1, 1)
	iv, _ := g.vars.lookup(g.name, "i")
	env := &expr.Env{Vectors: map[string][]float64{"i": iv.data, "rates": g.rates.data},
		Scalars: map[string]*float64{"t": &r.tNow}, Rand: &r.rng.r[0]}
	when, ord := r.opts.slot(g.opts.Order)
	return &operation{name: r.name(), when: when, order: ord, clock: net.clockFor(dt),
		run: func(s tick) error {
			r.tNow = s.T
			if err := runProgram(p, env, 0, g.n); err != nil {
				return err
			}
			for k, x := range g.rates.data {
				if !(x >= 0) || math.IsInf(x, 0) {
					return fmt.Errorf("rate %d became %g Hz (must be >= 0 and finite)", k, x)
				}
			}
			g.skip.valid = false // new gaps from this step on
			return nil
		}}, nil
}
