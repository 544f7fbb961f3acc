package spiking

import (
	"fmt"
	"math"

	"github.com/gohears/hears/expr"
)

// synRegular is a run_regularly operation of Synapses.
type synRegular struct {
	k    int
	code string
	opts RegularOptions
	rng  blockRNGs
}

// RunRegularly runs code (statements on synaptic variables, e.g.
// "w = clip(w*0.99, 0, wmax)") for every synapse at every step of a clock
// with step opts.Dt, Brian2's Synapses.run_regularly. The code may use
// what on_pre code uses (synaptic variables, x_pre, x_post, i, j, t, the
// namespace, rand()); shared synaptic variables and the engine's
// (lastupdate, N_incoming, N_outgoing, delays) cannot be written.
func (s *Synapses) RunRegularly(code string, opts RegularOptions) error {
	if opts.Dt < 0 || math.IsNaN(opts.Dt) || math.IsInf(opts.Dt, 0) {
		return fmt.Errorf("spiking: %s.RunRegularly: bad dt %g s", s.name, opts.Dt)
	}
	r := &synRegular{k: len(s.regular), code: code, opts: opts}
	dt := s.opts.Dt
	if dt == 0 {
		dt = DefaultDt
	}
	if _, err := s.compileRegular(r, dt); err != nil {
		return err
	}
	s.regular = append(s.regular, r)
	return nil
}

func (s *Synapses) compileRegular(r *synRegular, dt float64) (*synCode, error) {
	fail := func(err error) (*synCode, error) {
		return nil, fmt.Errorf("spiking: %s.RunRegularly(%q): %w", s.name, r.code, err)
	}
	st, err := expr.ParseStatements(r.code)
	if err != nil {
		return fail(err)
	}
	var nodes []expr.Node
	var targets []string
	for k, x := range st {
		if _, syn := s.vars[x.Target]; !syn || s.shared[x.Target] || synReadOnly(x.Target) || x.Target == "delay" || x.Target == "i" || x.Target == "j" {
			return fail(fmt.Errorf("%q is not a synaptic variable the code may write", x.Target))
		}
		st[k].Value = s.expand(x.Value)
		nodes = append(nodes, st[k].Value)
		targets = append(targets, x.Target)
	}
	d, err := s.baseDecls(dt)
	if err != nil {
		return fail(err)
	}
	binds, err := s.resolve(d, nodes, targets)
	if err != nil {
		return fail(err)
	}
	p, err := expr.Compile(st, d)
	if err != nil {
		return fail(err)
	}
	return s.newCode(p, binds), nil
}

// regularOperations are the run_regularly operations of the synapses.
func (s *Synapses) regularOperations(net *Network, clk *simClock) ([]*operation, error) {
	var ops []*operation
	for _, r := range s.regular {
		c, err := s.compileRegular(r, clk.dt)
		if err != nil {
			return nil, err
		}
		name := regularName(s.name, r.opts.Name, r.k)
		r.rng.ensure(net, name, 1, 1)
		c.env.Rand = &r.rng.r[0]
		dt := r.opts.Dt
		if dt == 0 {
			dt = clk.dt
		}
		when, ord := r.opts.slot(s.opts.Order)
		all := make([]int32, len(s.pre)) // synapses cannot be added during a run
		for k := range all {
			all[k] = int32(k)
		}
		ops = append(ops, &operation{name: name, when: when, order: ord, clock: net.clockFor(dt),
			run: func(st tick) error {
				s.tNow = st.T
				s.gather(c, all)
				if err := runProgram(c.prog, &c.env, 0, len(all)); err != nil {
					return err
				}
				s.scatter(c, all)
				return nil
			}})
	}
	return ops, nil
}
