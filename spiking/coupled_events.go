package spiking

import (
	"fmt"
	"math"

	"github.com/gohears/hears/expr"
)

// coupledDecay advances coupled event-driven equations (a trace driving
// another, dB/dt = (A - B)/tau_b, as Brian2 accepts them: linear with
// constant coefficients) exactly over the time since each synapse's last
// update, X ← exp(M Δ) X + Φ(Δ) c, before the pathway's statements. Δ is a
// whole number of steps; the propagator of each Δ is computed once
// (linearPropagator) and cached.
type coupledDecay struct {
	vars  []string
	m, c  []float64
	dt    float64
	cache map[int64]*propagator
}

// coupledEventDriven returns the coupled system of the event-driven
// equations, or nil when each depends only on itself (then the closed
// forms of compileAll are used).
func (s *Synapses) coupledEventDriven(d *expr.Decls) (*coupledDecay, error) {
	coupled := false
	for _, x := range s.evDrv {
		e, _ := s.eqs.Get(x)
		for _, y := range s.evDrv {
			if y != x && expr.DependsOn(s.expand(e.Expr), y) {
				coupled = true
			}
		}
	}
	if !coupled {
		return nil, nil
	}
	n := len(s.evDrv)
	cd := &coupledDecay{vars: s.evDrv, m: make([]float64, n*n), c: make([]float64, n), cache: map[int64]*propagator{}}
	if v, ok := d.ConstantValue("dt"); ok {
		cd.dt = v
	}
	for r, x := range s.evDrv {
		e, _ := s.eqs.Get(x)
		rest := s.expand(e.Expr)
		for q, y := range s.evDrv {
			a, b, ok := expr.SplitLinear(rest, y)
			if !ok {
				return nil, fmt.Errorf("event-driven equation d%s/dt = %s is not linear in %s", x, e.Expr, y)
			}
			v, err := constantValue(a, d)
			if err != nil {
				return nil, fmt.Errorf("event-driven equation d%s/dt = %s: the coefficient of %s must be constant: %w", x, e.Expr, y, err)
			}
			cd.m[r*n+q], rest = v, b
		}
		v, err := constantValue(rest, d)
		if err != nil {
			return nil, fmt.Errorf("event-driven equation d%s/dt = %s: the constant term must be constant: %w", x, e.Expr, err)
		}
		cd.c[r] = v
	}
	return cd, nil
}

// apply advances the event-driven variables of synapses ks to time t.
func (cd *coupledDecay) apply(s *Synapses, ks []int32, t float64) error {
	n := len(cd.vars)
	data := make([][]float64, n)
	for r, x := range cd.vars {
		data[r] = s.vars[x]
	}
	last := s.vars["lastupdate"]
	x, y := make([]float64, n), make([]float64, n)
	for _, k := range ks {
		steps := int64(math.Round((t - last[k]) / cd.dt))
		if steps <= 0 {
			continue
		}
		p := cd.cache[steps]
		if p == nil {
			e, phi, err := linearPropagator(cd.m, n, float64(steps)*cd.dt)
			if err != nil {
				return err
			}
			if len(cd.cache) > 1<<12 {
				clear(cd.cache)
			}
			p = &propagator{e, phi}
			cd.cache[steps] = p
		}
		for r := range n {
			x[r] = data[r][k]
		}
		for r := range n {
			v := 0.0
			for q := range n {
				v += p.e[r*n+q]*x[q] + p.phi[r*n+q]*cd.c[q]
			}
			y[r] = v
		}
		for r := range n {
			data[r][k] = y[r]
		}
	}
	return nil
}
