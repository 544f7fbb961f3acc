package spiking

import (
	"fmt"
	"math"
	"slices"

	"github.com/gohears/hears/expr"
)

func (g *NeuronGroup) prepare(net *Network) ([]*operation, error) {
	clk := net.clockFor(g.opts.Dt)
	g.clock = clk
	for _, name := range g.vars.order {
		if v := g.vars.vars[name]; v.linked && v.linkedTo == "" {
			return nil, fmt.Errorf("the (linked) variable %s is not linked to a variable (NeuronGroup.LinkVariable)", name)
		}
	}
	// Recompiled at every run (a few ms), so that namespace values changed
	// between runs take effect, as Brian2 resolves names at every run.
	if err := g.build(clk.dt); err != nil {
		return nil, err
	}
	c := g.built
	g.rng.ensure(net, g.name, g.n+stateBlock, stateBlock) // last stream: events (threshold/reset rand())
	nb := len(c.envs)
	for b := range c.envs {
		c.envs[b].Rand = &g.rng.r[b]
	}
	evEnv := c.env
	evEnv.Rand = &g.rng.r[nb]
	var ops []*operation
	g.fused = false
	c.fxChosen = false
	g.finite = !net.noFiniteCheck
	if len(c.blockSpikes) != nb {
		c.blockSpikes = make([][]int32, nb)
	}
	if len(g.sys.vars) > 0 || g.hasRefr || len(g.codt) > 0 {
		ops = append(ops, &operation{name: g.name + "_stateupdater", when: SlotGroups, order: g.opts.Order, clock: clk,
			owner: g, fuseSafe: true, fuse: func(on bool) { g.fused = on && c.thr != nil && !c.thr.UsesRand() },
			run: func(s tick) error { return g.update(net, s) }})
	}
	if c.thr != nil {
		ops = append(ops, &operation{name: g.name + "_spike_thresholder", when: SlotThresholds, order: g.opts.Order, clock: clk,
			owner: g, fuseSafe: true, isThreshold: true,
			run: func(s tick) error { return g.threshold(&evEnv, s) }})
	}
	if c.reset != nil {
		ops = append(ops, &operation{name: g.name + "_spike_resetter", when: SlotResets, order: g.opts.Order, clock: clk,
			run: func(s tick) error { return g.resetSpikes(&evEnv, s) }})
	}
	ops = append(ops, g.eventOperations(clk, &evEnv)...)
	for _, r := range g.regular {
		op, err := r.prepare(net, &evEnv)
		if err != nil {
			return nil, err
		}
		ops = append(ops, op)
	}
	g.withLinkRefresh(ops)
	return ops, nil
}

// update is the state updater: refractoriness, constant-over-dt
// subexpressions, then the integration step, block by block.
func (g *NeuronGroup) update(net *Network, s tick) error {
	c := g.built
	g.tNow = s.T
	if c.exact != nil {
		if err := c.exact.evalUniform(&c.env); err != nil {
			return err
		}
	}
	if len(c.errs) != len(c.envs) {
		c.errs = make([]error, len(c.envs))
		c.blockFn = func(b, lo, hi int) {
			c.errs[b] = g.updateBlock(c, &c.envs[b], &g.rng.r[b], c.step, c.sqdt, lo, hi, &c.mu)
		}
	}
	if !c.fxChosen {
		c.fx, c.fxChosen = g.fusedExactOf(c), true
	}
	if c.fx != nil {
		c.fx.prepare(g, c.exact, s)
	}
	c.step, c.sqdt = s, math.Sqrt(s.Dt)
	net.parallel(g.n, stateBlock, parallelMin, c.blockFn)
	for _, err := range c.errs {
		if err != nil {
			return err
		}
	}
	return nil
}

func (g *NeuronGroup) updateBlock(c *groupCode, env *expr.Env, rng *RNG, s tick, sqdt float64, lo, hi int, mu *lockedCache) error {
	if c.fx != nil {
		b := lo / stateBlock
		var finite bool
		c.blockSpikes[b], finite = c.fx.step(g, c.exact, s, c.blockSpikes[b][:0], lo, hi)
		if !finite {
			return g.checkFinite(s, lo, hi)
		}
		return nil
	}
	if g.hasRefr {
		nr := g.vars.vars["not_refractory"].data
		ls := g.vars.vars["lastspike"].data
		switch {
		case c.refr == nil:
			r := timestep(g.opts.Refractory, s.Dt)
			// A neuron whose last spike is more than r+1 steps back is
			// certainly not refractory (a whole step of margin against
			// rounding): a comparison instead of Brian2's division for
			// almost every neuron, the same result.
			long := s.T - float64(r+1)*s.Dt
			for i := lo; i < hi; i++ {
				if ls[i] < long {
					nr[i] = 1
					continue
				}
				nr[i] = b2f(timestep(s.T-ls[i], s.Dt) >= r)
			}
		case g.refrCond:
			if err := evalProgram(c.refr, env, c.refrBuf, lo, hi); err != nil {
				return err
			}
			for i := lo; i < hi; i++ {
				if c.refrBuf[i] == 0 {
					nr[i] = 1
				}
			}
		default:
			if err := evalProgram(c.refr, env, c.refrBuf, lo, hi); err != nil {
				return err
			}
			for i := lo; i < hi; i++ {
				nr[i] = b2f(timestep(s.T-ls[i], s.Dt) >= timestep(c.refrBuf[i], s.Dt))
			}
		}
	}
	for k, name := range g.codt {
		if err := evalProgram(c.codt[k], env, g.vars.vars[name].data, lo, hi); err != nil {
			return err
		}
	}
	if c.exact != nil {
		if err := c.exact.evalCoefs(env, lo, hi); err != nil {
			return err
		}
		if err := c.exact.step(lo, hi, mu); err != nil {
			return err
		}
		if err := g.checkFinite(s, lo, hi); err != nil {
			return err
		}
		return g.fusedThreshold(c, env, s, lo, hi)
	}
	if c.upd == nil {
		return g.fusedThreshold(c, env, s, lo, hi)
	}
	for _, xi := range c.noise {
		buf := c.noiseBf[xi][lo:hi]
		if g.noiseHook == nil {
			rng.FillNormScaled(buf, sqdt)
			continue
		}
		if lo == 0 { // the hook fills all neurons at once (tests, one block)
			g.noiseHook(s.K, xi, c.noiseBf[xi])
		}
		for k := range buf {
			buf[k] *= sqdt
		}
	}
	if err := runProgram(c.upd, env, lo, hi); err != nil {
		return err
	}
	if len(c.newBufs) > 0 {
		nr := g.vars.vars["not_refractory"].data
		for name, buf := range c.newBufs {
			x := g.vars.vars[name].data
			for i := lo; i < hi; i++ {
				if nr[i] != 0 {
					x[i] = buf[i]
				}
			}
		}
	}
	if err := g.checkFinite(s, lo, hi); err != nil {
		return err
	}
	return g.fusedThreshold(c, env, s, lo, hi)
}

// checkFinite reports the first state variable of neurons [lo, hi) that
// is NaN or infinite after the update of step s.
func (g *NeuronGroup) checkFinite(s tick, lo, hi int) error {
	if !g.finite {
		return nil
	}
	for _, name := range g.sys.vars {
		xs := g.vars.vars[name].data[lo:hi]
		if k := firstNonFinite(xs); k >= 0 {
			return fmt.Errorf("variable %s of neuron %d became %g in the step from t = %g s to %g s (Network.CheckFinite(false) turns this check off)",
				name, lo+k, xs[k], s.T, s.T+s.Dt)
		}
	}
	return nil
}

// firstNonFinite returns the index of the first NaN or infinite value of
// xs, or -1. x - x is 0 for finite x and NaN otherwise, and NaN survives
// the sum, so four values cost one branch.
func firstNonFinite(xs []float64) int {
	k := 0
	for ; k+4 <= len(xs); k += 4 {
		a, b, c, d := xs[k], xs[k+1], xs[k+2], xs[k+3]
		if (a-a)+(b-b)+(c-c)+(d-d) != 0 {
			break
		}
	}
	for ; k < len(xs); k++ {
		if x := xs[k]; x-x != 0 {
			return k
		}
	}
	return -1
}

// fusedThreshold evaluates the threshold of neurons [lo, hi) right after
// their update, when the network found nothing scheduled in between that
// touches the group (see Network.prepare); the thresholder then only
// gathers the block spike lists.
func (g *NeuronGroup) fusedThreshold(c *groupCode, env *expr.Env, s tick, lo, hi int) error {
	if !g.fused {
		return nil
	}
	b := lo / stateBlock
	if c.thrFast != nil {
		c.blockSpikes[b] = c.thrFast.collect(g, c.blockSpikes[b][:0], s.T, lo, hi)
		return nil
	}
	if err := evalProgram(c.thr, env, c.thrBuf, lo, hi); err != nil {
		return err
	}
	c.blockSpikes[b] = g.collectSpikes(c.blockSpikes[b][:0], c.thrBuf, s.T, lo, hi)
	return nil
}

// collectSpikes appends the neurons of [lo, hi) whose threshold value is
// true (and that are not refractory) and marks them refractory.
func (g *NeuronGroup) collectSpikes(dst []int32, thr []float64, t float64, lo, hi int) []int32 {
	if g.hasRefr {
		nr := g.vars.vars["not_refractory"].data
		ls := g.vars.vars["lastspike"].data
		for i := lo; i < hi; i++ {
			if thr[i] != 0 && nr[i] != 0 {
				dst = append(dst, int32(i))
				nr[i] = 0
				ls[i] = t
			}
		}
		return dst
	}
	for i := lo; i < hi; i++ {
		if thr[i] != 0 {
			dst = append(dst, int32(i))
		}
	}
	return dst
}

func b2f(b bool) float64 {
	if b {
		return 1
	}
	return 0
}

// threshold finds the neurons that spike in this step.
func (g *NeuronGroup) threshold(env *expr.Env, s tick) error {
	c := g.built
	g.tNow = s.T
	g.spikes = g.spikes[:0]
	if g.fused {
		for _, b := range c.blockSpikes {
			g.spikes = append(g.spikes, b...)
		}
		return nil
	}
	if c.thrFast != nil {
		g.spikes = c.thrFast.collect(g, g.spikes, s.T, 0, g.n)
		return nil
	}
	if err := evalProgram(c.thr, env, c.thrBuf, 0, g.n); err != nil {
		return err
	}
	g.spikes = g.collectSpikes(g.spikes, c.thrBuf, s.T, 0, g.n)
	return nil
}

// resetSpikes runs the reset statements for the neurons that spiked, one
// contiguous run of indices at a time.
func (g *NeuronGroup) resetSpikes(env *expr.Env, s tick) error {
	g.tNow = s.T
	sp := g.spikes
	for a := 0; a < len(sp); {
		b := a + 1
		for b < len(sp) && sp[b] == sp[b-1]+1 {
			b++
		}
		if err := runProgram(g.built.reset, env, int(sp[a]), int(sp[b-1])+1); err != nil {
			return err
		}
		a = b
	}
	return nil
}

// Get returns a copy of the values of a variable (one per neuron; one
// value for a shared variable). Subexpressions are evaluated.
func (g *NeuronGroup) Get(name string) ([]float64, error) {
	v, err := g.vars.lookup(g.name, name)
	if err != nil {
		return nil, err
	}
	if v.compute != nil {
		out := make([]float64, g.n)
		return out, v.compute(out, 0, g.n, math.NaN())
	}
	return slices.Clone(v.data), nil
}

// Set sets a variable from one value (all neurons) or one value per neuron,
// in SI units.
func (g *NeuronGroup) Set(name string, values ...float64) error {
	return g.setRange(name, 0, g.n, values)
}

func (g *NeuronGroup) setRange(name string, lo, hi int, values []float64) error {
	v, err := g.vars.lookup(g.name, name)
	if err != nil {
		return err
	}
	if v.linked {
		return fmt.Errorf("spiking: %s.%s is a linked variable (%s): it cannot be set; set what it shows", g.name, name, v.linkedTo)
	}
	if v.readOnly || v.data == nil {
		return fmt.Errorf("spiking: %s.%s cannot be set", g.name, name)
	}
	if v.shared {
		if len(values) != 1 {
			return fmt.Errorf("spiking: %s.%s is shared: give one value, got %d", g.name, name, len(values))
		}
		if math.IsNaN(values[0]) {
			return fmt.Errorf("spiking: %s.%s: value is NaN", g.name, name)
		}
		v.data[0] = values[0]
		return nil
	}
	if err := checkValues(g.name, name, hi-lo, values); err != nil {
		return err
	}
	if len(values) == 1 {
		for k := lo; k < hi; k++ {
			v.data[k] = values[0]
		}
		return nil
	}
	copy(v.data[lo:hi], values)
	return nil
}

// SetExpr sets a variable from an expression evaluated for every neuron,
// e.g. g.SetExpr("v", "El + rand()*5*mV") or g.SetExpr("Vcut", "VT + 5*DeltaT").
// The expression may use the group's variables, i, N, the namespace, units
// and rand()/randn() (seeded by NeuronGroup.SeedInit, else randomly; see
// the seeding rules in seed.go).
func (g *NeuronGroup) SetExpr(name, code string) error {
	return g.setExprRange(name, code, 0, g.n)
}

// SeedInit seeds the random numbers used by SetExpr (outside runs); the
// numbers drawn depend on the seed and the group's name.
func (g *NeuronGroup) SeedInit(seed uint64) { g.init.Seed(streamSeed(seed, g.name, 1<<40)) }

func (g *NeuronGroup) setExprRange(name, code string, lo, hi int) error {
	v, err := g.vars.lookup(g.name, name)
	if err != nil {
		return err
	}
	if v.linked {
		return fmt.Errorf("spiking: %s.%s is a linked variable (%s): it cannot be set; set what it shows", g.name, name, v.linkedTo)
	}
	if v.readOnly || v.data == nil {
		return fmt.Errorf("spiking: %s.%s cannot be set", g.name, name)
	}
	n, err := expr.ParseExpr(code)
	if err != nil {
		return fmt.Errorf("spiking: %s.%s = %q: %w", g.name, name, code, err)
	}
	n = g.expand(n)
	if lo != 0 || hi != g.n {
		// In a subgroup, i counts from the subgroup's start and N is its
		// size, as in Brian2.
		n = expr.Substitute(n, map[string]expr.Node{
			"i": expr.Sub(expr.Ident("i"), expr.Num(float64(lo))),
			"N": expr.Num(float64(hi - lo)),
		})
	}
	c := g.built
	p, err := expr.CompileExpr(n, c.decls)
	if err != nil {
		return fmt.Errorf("spiking: %s.%s = %q: %w", g.name, name, code, err)
	}
	want, err := dimOfUnit(v.unit)
	if err != nil {
		return err
	}
	if got := p.ResultDim(); got != want && !isZero(n) {
		return fmt.Errorf("spiking: %s.%s = %q: the expression has dimension %s, the variable %s", g.name, name, code, got, want)
	}
	env := c.env
	env.Rand = &g.init
	g.refreshLinks()
	g.tNow = 0
	if g.clock != nil {
		g.tNow = g.clock.T() // t is the time reached by the last run
	}
	if v.shared {
		lo, hi = 0, 1
	}
	out := make([]float64, hi)
	if err := evalProgram(p, &env, out, lo, hi); err != nil {
		return err
	}
	for k := lo; k < hi; k++ {
		if math.IsNaN(out[k]) {
			return fmt.Errorf("spiking: %s.%s = %q gives NaN for neuron %d", g.name, name, code, k)
		}
	}
	copy(v.data[lo:hi], out[lo:hi])
	return nil
}

// Value returns the value of a shared variable (or of neuron 0).
func (g *NeuronGroup) Value(name string) (float64, error) {
	x, err := g.Get(name)
	if err != nil {
		return 0, err
	}
	return x[0], nil
}

type groupSnap struct {
	data   map[string][]float64
	spikes []int32
	rng    blockRNGs
	init   RNG
}

func (g *NeuronGroup) snapshot() any {
	s := groupSnap{data: map[string][]float64{}, spikes: slices.Clone(g.spikes), rng: g.rng.clone(), init: g.init}
	for name, v := range g.vars.vars {
		if v.data != nil && !v.readOnly {
			s.data[name] = slices.Clone(v.data)
		}
	}
	return s
}

func (g *NeuronGroup) restore(a any) error {
	s, ok := a.(groupSnap)
	if !ok {
		return fmt.Errorf("wrong snapshot type %T", a)
	}
	for name, d := range s.data {
		copy(g.vars.vars[name].data, d)
	}
	g.spikes = slices.Clone(s.spikes)
	g.rng = s.rng.clone()
	g.init = s.init
	if g.built != nil {
		// propagator caches stay valid; envs must point at the restored streams.
		for b := range g.built.envs {
			if b < len(g.rng.r) {
				g.built.envs[b].Rand = &g.rng.r[b]
			}
		}
	}
	return nil
}

// RegularOptions configure RunRegularly.
type RegularOptions struct {
	Dt    float64 // clock step in seconds (0 = the group's)
	When  string  // schedule slot ("" = start)
	Order *int    // order within the slot (nil = the group's order)
	Name  string  // "" = <group>_run_regularly, _1, ...
	// Namespace holds the constants of the code for groups without a
	// namespace of their own (PoissonGroup); a NeuronGroup's code uses the
	// group's namespace.
	Namespace map[string]any
}

// slot returns the schedule slot (default start) and order (default the
// group's, groupOrder) of a run_regularly operation.
func (o RegularOptions) slot(groupOrder int) (string, int) {
	w, ord := o.When, groupOrder
	if w == "" {
		w = SlotStart
	}
	if o.Order != nil {
		ord = *o.Order
	}
	return w, ord
}

// name is opts.Name, or the group's name + "_run_regularly" (+ "_k" after
// the first), Brian2's automatic name.
func (r *runRegularly) name() string { return regularName(r.g.name, r.opts.Name, r.k) }

// regularName is the name of the k-th run_regularly operation of group:
// the given one, or Brian2's <group>_run_regularly, _1, ...
func regularName(group, given string, k int) string {
	if given != "" {
		return given
	}
	if k == 0 {
		return group + "_run_regularly"
	}
	return fmt.Sprintf("%s_run_regularly_%d", group, k)
}

// runRegularly runs statements on a group on its own clock.
type runRegularly struct {
	g     *NeuronGroup
	k     int // position among the group's run_regularly operations
	code  string
	opts  RegularOptions
	stmts []expr.Statement
}

// RunRegularly runs code (statements) for all neurons at every step of a
// clock with step opts.Dt, like Brian2's run_regularly, e.g.
// g.RunRegularly("I = I_ta(t)", RegularOptions{Dt: 10*units.Millisecond}).
// Statements that assign shared variables are evaluated once per step.
func (g *NeuronGroup) RunRegularly(code string, opts RegularOptions) error {
	st, err := expr.ParseStatements(code)
	if err != nil {
		return fmt.Errorf("spiking: %s.RunRegularly(%q): %w", g.name, code, err)
	}
	if err := g.checkTargets(st, "run_regularly"); err != nil {
		return fmt.Errorf("spiking: %s: %w", g.name, err)
	}
	if opts.Dt < 0 || math.IsNaN(opts.Dt) {
		return fmt.Errorf("spiking: %s.RunRegularly: bad dt %g s", g.name, opts.Dt)
	}
	r := &runRegularly{g: g, k: len(g.regular), code: code, opts: opts, stmts: st}
	if _, err := r.compile(); err != nil {
		return err
	}
	g.regular = append(g.regular, r)
	return nil
}

// regularStep is one compiled piece of a run_regularly block.
type regularStep struct {
	shared string        // target of a shared assignment ("" = vector block)
	op     string        // its operator
	value  *expr.Program // its value
	block  *expr.Program // a block of per-neuron statements
}

func (r *runRegularly) compile() ([]regularStep, error) {
	g := r.g
	d := g.built.decls
	var steps []regularStep
	var pending []expr.Statement
	flush := func() error {
		if len(pending) == 0 {
			return nil
		}
		p, err := expr.Compile(pending, d)
		if err != nil {
			return fmt.Errorf("spiking: %s.RunRegularly(%q): %w", g.name, r.code, err)
		}
		steps = append(steps, regularStep{block: p})
		pending = nil
		return nil
	}
	for _, s := range r.stmts {
		s.Value = g.expand(s.Value)
		if v, ok := g.vars.vars[s.Target]; ok && v.shared {
			if err := flush(); err != nil {
				return nil, err
			}
			p, err := expr.CompileExpr(s.Value, d)
			if err != nil {
				return nil, fmt.Errorf("spiking: %s.RunRegularly(%q): %w", g.name, r.code, err)
			}
			want, _ := dimOfUnit(v.unit)
			if p.ResultDim() != want && !isZero(s.Value) {
				return nil, fmt.Errorf("spiking: %s.RunRegularly(%q): %s has dimension %s, the value %s", g.name, r.code, s.Target, want, p.ResultDim())
			}
			steps = append(steps, regularStep{shared: s.Target, op: s.Op, value: p})
			continue
		}
		pending = append(pending, s)
	}
	return steps, flush()
}

func (r *runRegularly) prepare(net *Network, env *expr.Env) (*operation, error) {
	g := r.g
	steps, err := r.compile()
	if err != nil {
		return nil, err
	}
	dt := r.opts.Dt
	if dt == 0 {
		dt = g.opts.Dt
	}
	w, ord := r.opts.slot(g.opts.Order)
	one := make([]float64, 1)
	return &operation{name: r.name(), when: w, order: ord, clock: net.clockFor(dt),
		run: func(s tick) error {
			g.tNow = s.T
			for _, st := range steps {
				if st.block != nil {
					if err := runProgram(st.block, env, 0, g.n); err != nil {
						return err
					}
					continue
				}
				if err := evalProgram(st.value, env, one, 0, 1); err != nil {
					return err
				}
				p := &g.vars.vars[st.shared].data[0]
				switch st.op {
				case "=":
					*p = one[0]
				case "+=":
					*p += one[0]
				case "-=":
					*p -= one[0]
				case "*=":
					*p *= one[0]
				case "/=":
					*p /= one[0]
				}
			}
			return nil
		}}, nil
}
