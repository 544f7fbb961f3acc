package spiking

import (
	"fmt"
	"math"
	"slices"
	"strings"

	"github.com/gohears/hears/expr"
	"github.com/gohears/hears/units"
)

// NeuronGroupOptions configure a NeuronGroup (Brian2's NeuronGroup
// arguments).
type NeuronGroupOptions struct {
	GroupOptions
	// Threshold is the spiking condition, e.g. "v > -40*mV" ("" = none).
	Threshold string
	// Reset are the statements run for neurons that spiked, e.g.
	// "v = Vr; w += b" ("" = none).
	Reset string
	// Refractory is the refractory period in seconds (0 = none unless
	// RefractoryExpr is set).
	Refractory float64
	// RefractoryExpr is a refractory period given as an expression with the
	// dimension of time (a per-neuron parameter such as "ref"), or a
	// condition ("v > -40*mV") during which a neuron that has spiked stays
	// refractory. It overrides Refractory.
	RefractoryExpr string
	// Method is the integration method: exact (alias linear), euler, rk2,
	// rk4, exponential_euler, heun, milstein, or "" for Brian2's automatic
	// choice (exact, else euler, else heun).
	Method string
	// Events are custom events, Brian2's events={'name': 'condition'}:
	// every step, in the after_thresholds slot (as Brian2), the neurons
	// for which the condition holds have the event (refractoriness does
	// not apply). See
	// RunOnEvent, MonitorOptions.Event and Pathway.Event.
	Events map[string]string
	// Namespace holds the external constants and functions of the model
	// (see the Namespace note in namespace.go): float64, units.Quantity,
	// "10*ms"-style strings, *TimedArray, *expr.Func.
	Namespace map[string]any
}

// NeuronGroup is a group of neurons defined by equations with units, like
// Brian2's NeuronGroup: state variables integrated every step, a threshold
// condition, reset statements and refractoriness.
type NeuronGroup struct {
	naming
	n    int
	opts NeuronGroupOptions
	eqs  *expr.Equations
	vars varTable
	spikeSpace

	// Linked variables (linked.go): subexpressions linked from other
	// groups (renamed definitions), the namespace constants they use, and
	// the variables linked through an index.
	linkSubs map[string]expr.Node
	linkNS   []nsLink
	gathered []*variable

	subexprs map[string]expr.Node // subexpression name -> definition (substituted)
	codt     []string             // "constant over dt" subexpressions, stored
	unless   map[string]bool      // variables flagged (unless refractory)
	sys      *odeSystem
	method   string
	hasRefr  bool
	refrCond bool // refractoriness is a condition

	built   *groupCode // code compiled for builtDt
	builtDt float64

	tNow   float64
	clock  *simClock // the clock of the last run (for Get of time-dependent subexpressions)
	fused  bool      // threshold evaluated in the state update pass
	finite bool      // check that state variables stay finite (Network.CheckFinite)
	rng    blockRNGs
	init   RNG // for SetExpr outside runs

	regular []*runRegularly
	onEvent []eventCode        // RunOnEvent
	evSpace map[string][]int32 // neurons with each custom event in the current step
	// noiseHook, when set (tests), supplies the standard normal numbers of
	// noise variable xi for all neurons in step k instead of the RNG.
	noiseHook func(k int64, xi string, dst []float64)
}

// stateBlock is the number of neurons per work unit and per random stream.
const stateBlock = 512

// parallelMin is the group size from which the state update is split
// across threads.
const parallelMin = 2048

// NewNeuronGroup creates n neurons with the model equations (Brian2
// syntax, one per line).
func NewNeuronGroup(n int, model string, opts NeuronGroupOptions) (*NeuronGroup, error) {
	return newNeuronGroup(n, model, opts, "neurongroup")
}

// newNeuronGroup is NewNeuronGroup with the base of the automatic name.
func newNeuronGroup(n int, model string, opts NeuronGroupOptions, base string) (*NeuronGroup, error) {
	if err := checkGroupSize("NeuronGroup", n, 1); err != nil {
		return nil, err
	}
	if err := opts.check("NeuronGroup"); err != nil {
		return nil, err
	}
	if opts.Refractory < 0 || math.IsNaN(opts.Refractory) || math.IsInf(opts.Refractory, 0) {
		return nil, fmt.Errorf("spiking: NeuronGroup: refractory period must be >= 0 and finite, got %g s", opts.Refractory)
	}
	eqs, err := expr.ParseEquations(model)
	if err != nil {
		return nil, fmt.Errorf("spiking: NeuronGroup equations: %w", err)
	}
	// Per neuron: the model's variables, i, lastspike, not_refractory,
	// and the update's buffers (about one per variable).
	if err := checkGroupSize("NeuronGroup", n, 2*len(eqs.List)+4); err != nil {
		return nil, err
	}
	g := &NeuronGroup{naming: newNaming(base, opts.Name), n: n, opts: opts, eqs: eqs,
		vars: newVarTable(n), subexprs: map[string]expr.Node{}, unless: map[string]bool{}}
	g.init.Seed(streamSeed(randomSeed(), g.name, 1<<40))
	if err := g.declare(); err != nil {
		return nil, fmt.Errorf("spiking: %s: %w", g.name, err)
	}
	dt := opts.Dt
	if dt == 0 {
		dt = DefaultDt
	}
	if err := g.build(dt); err != nil {
		return nil, fmt.Errorf("spiking: %s: %w", g.name, err)
	}
	return g, nil
}

var reserved = []string{"t", "dt", "i", "N", "t_in_timesteps", "lastspike", "not_refractory"}

// declare creates the variables of the model.
func (g *NeuronGroup) declare() error {
	g.hasRefr = g.opts.Refractory > 0 || g.opts.RefractoryExpr != ""
	iv := g.vars.addVector("i", "1")
	iv.readOnly, iv.isInt = true, true
	for k := range iv.data {
		iv.data[k] = float64(k)
	}
	nv := g.vars.addShared("N", "1")
	nv.readOnly, nv.data[0] = true, float64(g.n)
	for _, e := range g.eqs.List {
		if slices.Contains(reserved, e.Name) || expr.IsNoise(e.Name) {
			return fmt.Errorf("line %d: %q is a reserved name", e.Line, e.Name)
		}
		for _, f := range e.Flags {
			switch f {
			case "constant", "shared", "unless refractory", "constant over dt", "linked":
			default:
				return fmt.Errorf("line %d: %s: unknown flag %q for a NeuronGroup", e.Line, e.Text, f)
			}
		}
		if e.HasFlag("linked") && (e.Kind != expr.Parameter || len(e.Flags) > 1) {
			return fmt.Errorf("line %d: %s: (linked) applies to parameters without other flags", e.Line, e.Text)
		}
		switch e.Kind {
		case expr.Differential, expr.Parameter:
			var v *variable
			if e.HasFlag("shared") {
				if e.Kind == expr.Differential {
					return fmt.Errorf("line %d: a differential equation cannot be shared", e.Line)
				}
				v = g.vars.addShared(e.Name, e.UnitName)
			} else {
				v = g.vars.addVector(e.Name, e.UnitName)
			}
			v.constant = e.HasFlag("constant")
			if e.HasFlag("linked") {
				v.readOnly, v.linked = true, true // set by LinkVariable
			}
			v.isBool, v.isInt = e.Type == "boolean", e.Type == "integer"
			if e.HasFlag("unless refractory") {
				if e.Kind != expr.Differential {
					return fmt.Errorf("line %d: (unless refractory) applies to differential equations only", e.Line)
				}
				g.unless[e.Name] = true
			}
		case expr.Subexpression:
			if e.HasFlag("constant over dt") {
				g.vars.addVector(e.Name, e.UnitName)
				g.codt = append(g.codt, e.Name)
			} else {
				g.vars.add(&variable{name: e.Name, unit: e.UnitName, readOnly: true})
			}
		}
	}
	if g.hasRefr || len(g.unless) > 0 {
		ls := g.vars.addVector("lastspike", "second")
		for k := range ls.data {
			ls.data[k] = -1e4
		}
		nr := g.vars.addVector("not_refractory", "boolean")
		nr.isBool = true
		for k := range nr.data {
			nr.data[k] = 1
		}
	}
	return nil
}

// groupCode is everything compiled for one clock step.
type groupCode struct {
	decls   *expr.Decls
	tas     map[string]*TimedArray // by namespace name
	env     expr.Env
	envs    []expr.Env // one per block (own random stream)
	upd     *expr.Program
	exact   *exactUpdater
	newBufs map[string][]float64 // masked (unless refractory) new values
	noise   []string
	noiseBf map[string][]float64
	codt    []*expr.Program
	thr     *expr.Program
	thrBuf  []float64
	thrFast *simpleThreshold // "v > const" compared in place
	// fx is the one-pass update (exact_fused.go), chosen at the first
	// step of each run (fxChosen), once the network has fused the
	// threshold into the update.
	fx       *fusedExact
	fxChosen bool
	events   map[string]*expr.Program // custom event conditions
	onEvent  []*expr.Program          // statements of g.onEvent, compiled
	reset    *expr.Program
	refr     *expr.Program // refractory duration per neuron, or condition
	refrBuf  []float64
	subs     map[string]*expr.Program
	// blockSpikes are the spikes found per block by a fused threshold.
	blockSpikes [][]int32
	// per-step state of the parallel update (allocated once)
	errs    []error
	blockFn func(b, lo, hi int)
	step    tick
	sqdt    float64
	mu      lockedCache
}

func dimOfUnit(name string) (units.Dim, error) {
	switch name {
	case "boolean", "integer", "1", "":
		return units.Dimensionless(), nil
	}
	q, err := expr.ParseUnit(name)
	if err != nil {
		return units.Dim{}, err
	}
	return q.Dim, nil
}

// declsFor returns the declarations of the group's names for step dt.
func (g *NeuronGroup) declsFor(dt float64) (*expr.Decls, map[string]*TimedArray, error) {
	d := expr.NewDecls()
	tas, err := addNamespace(d, g.opts.Namespace, dt)
	if err != nil {
		return nil, nil, err
	}
	d.Scalar("t", units.DimTime())
	d.Constant("dt", dt, units.DimTime())
	d.Index("i")
	d.Constant("N", float64(g.n), units.Dimensionless())
	if err := declareNSLinks(d, g.linkNS, dt); err != nil {
		return nil, nil, err
	}
	for _, name := range g.vars.order {
		v := g.vars.vars[name]
		if name == "i" || name == "N" {
			continue
		}
		dim, err := dimOfUnit(v.unit)
		if err != nil {
			return nil, nil, fmt.Errorf("variable %s: unit %q: %w", name, v.unit, err)
		}
		switch {
		case v.data == nil: // subexpression: substituted, but declared for checks
			d.Vector(name, dim)
		case v.shared:
			d.Scalar(name, dim)
		default:
			d.Vector(name, dim)
		}
	}
	return d, tas, nil
}

// expand substitutes the (non-stored) subexpressions into n.
func (g *NeuronGroup) expand(n expr.Node) expr.Node {
	for k := 0; k <= len(g.subexprs); k++ {
		m := expr.Substitute(n, g.subexprs)
		if expr.Equal(m, n) {
			return m
		}
		n = m
	}
	return n
}

// build analyses and compiles the model for clock step dt.
func (g *NeuronGroup) build(dt float64) error {
	d, tas, err := g.declsFor(dt)
	if err != nil {
		return err
	}
	// Subexpressions are checked as declared vectors, then substituted.
	if err := g.eqs.Check(d); err != nil {
		return err
	}
	g.subexprs = map[string]expr.Node{}
	for _, e := range g.eqs.List {
		if e.Kind == expr.Subexpression && !e.HasFlag("constant over dt") {
			g.subexprs[e.Name] = e.Expr
		}
	}
	for name, def := range g.linkSubs {
		g.subexprs[name] = def
	}
	c := &groupCode{decls: d, tas: tas, noiseBf: map[string][]float64{}, newBufs: map[string][]float64{}, subs: map[string]*expr.Program{}}
	// The checked declarations hold subexpressions as vectors; programs see
	// them substituted, so remove them.
	for name := range g.subexprs {
		delete(d.Vars, name)
	}
	// Environment.
	c.env.Vectors = map[string][]float64{}
	c.env.Scalars = map[string]*float64{"t": &g.tNow}
	for _, l := range g.linkNS {
		if l.time {
			c.env.Scalars[l.to] = &g.tNow
		}
	}
	for _, name := range g.vars.order {
		v := g.vars.vars[name]
		if v.data == nil || name == "i" || name == "N" {
			continue
		}
		if v.shared {
			c.env.Scalars[name] = &v.data[0]
		} else {
			c.env.Vectors[name] = v.data
		}
	}
	// Subexpressions for monitors.
	for name, def := range g.subexprs {
		if xi := noiseIn(g.expand(def)); xi != "" {
			// Brian2 substitutes such a subexpression into the equations
			// (Spreizer et al. 2019's noise = mu + sigma*sqrt(noise_dt)*xi_pop);
			// its value is a random draw inside the update, not readable.
			g.vars.vars[name].compute = func([]float64, int, int, float64) error {
				return fmt.Errorf("spiking: %s.%s contains the noise %s: it has no value outside the state update", g.name, name, xi)
			}
			continue
		}
		p, err := expr.CompileExpr(g.expand(def), d)
		if err != nil {
			return fmt.Errorf("subexpression %s: %w", name, err)
		}
		c.subs[name] = p
		v := g.vars.vars[name]
		v.compute = func(dst []float64, lo, hi int, t float64) error {
			if math.IsNaN(t) {
				t = 0
				if g.clock != nil {
					t = g.clock.T()
				}
			}
			g.tNow = t
			g.refreshLinks()
			return evalProgram(g.built.subs[name], &g.built.env, dst, lo, hi)
		}
	}
	// Constant-over-dt subexpressions, evaluated at the start of each step.
	for _, name := range g.codt {
		e, _ := g.eqs.Get(name)
		p, err := expr.CompileExpr(g.expand(e.Expr), d)
		if err != nil {
			return fmt.Errorf("subexpression %s: %w", name, err)
		}
		c.codt = append(c.codt, p)
	}
	// Differential equations.
	if err := g.buildSystem(); err != nil {
		return err
	}
	for _, x := range g.sys.vars {
		if err := g.checkTimedArrayColumns(c, g.sys.f[x]); err != nil {
			return fmt.Errorf("d%s/dt: %w", x, err)
		}
	}
	if len(g.sys.vars) > 0 {
		if err := g.buildUpdater(c, dt); err != nil {
			return err
		}
	}
	// Threshold.
	if g.opts.Threshold != "" {
		n, err := expr.ParseExpr(g.opts.Threshold)
		if err != nil {
			return fmt.Errorf("threshold %q: %w", g.opts.Threshold, err)
		}
		if c.thr, err = expr.CompileExpr(g.expand(n), d); err != nil {
			return fmt.Errorf("threshold %q: %w", g.opts.Threshold, err)
		}
		c.thrBuf = make([]float64, g.n)
		c.thrFast = g.simpleThresholdOf(g.expand(n), d)
	}
	if err := g.buildEvents(c, d); err != nil {
		return err
	}
	// Reset.
	if g.opts.Reset != "" {
		if g.opts.Threshold == "" {
			return fmt.Errorf("a reset needs a threshold")
		}
		st, err := expr.ParseStatements(g.opts.Reset)
		if err != nil {
			return fmt.Errorf("reset %q: %w", g.opts.Reset, err)
		}
		if err := g.checkTargets(st, "reset"); err != nil {
			return err
		}
		for k := range st {
			st[k].Value = g.expand(st[k].Value)
		}
		if c.reset, err = expr.Compile(st, d); err != nil {
			return fmt.Errorf("reset %q: %w", g.opts.Reset, err)
		}
	}
	// Refractoriness.
	if g.opts.RefractoryExpr != "" {
		n, err := expr.ParseExpr(g.opts.RefractoryExpr)
		if err != nil {
			return fmt.Errorf("refractory %q: %w", g.opts.RefractoryExpr, err)
		}
		dim, err := expr.DimOf(g.expand(n), d)
		if err != nil {
			return fmt.Errorf("refractory %q: %w", g.opts.RefractoryExpr, err)
		}
		switch {
		case dim == units.DimTime():
			g.refrCond = false
		case dim.IsDimensionless() && isCondition(n):
			g.refrCond = true
		default:
			return fmt.Errorf("refractory %q must be a time or a condition, it has dimension %s", g.opts.RefractoryExpr, dim)
		}
		if c.refr, err = expr.CompileExpr(g.expand(n), d); err != nil {
			return fmt.Errorf("refractory %q: %w", g.opts.RefractoryExpr, err)
		}
		c.refrBuf = make([]float64, g.n)
	}
	nb := (g.n + stateBlock - 1) / stateBlock
	c.envs = make([]expr.Env, nb)
	for b := range c.envs {
		c.envs[b] = c.env
	}
	g.built, g.builtDt = c, dt
	return nil
}

// isCondition reports whether n is a comparison or logical expression.
func isCondition(n expr.Node) bool {
	switch m := n.(type) {
	case *expr.Binary:
		return m.Op.IsComparison() || m.Op == expr.OpAnd || m.Op == expr.OpOr
	case *expr.Unary:
		return m.Op == expr.OpNot
	}
	return false
}

// checkTargets rejects statements writing read-only, constant or
// subexpression variables.
func (g *NeuronGroup) checkTargets(st []expr.Statement, what string) error {
	for _, s := range st {
		if v, ok := g.vars.vars[s.Target]; ok && v.linked {
			return fmt.Errorf("%s: line %d: %q is a linked variable: it cannot be written (write what it shows)", what, s.Line, s.Target)
		}
		if strings.HasPrefix(s.Target, "_") {
			continue
		}
		v, ok := g.vars.vars[s.Target]
		if !ok {
			return fmt.Errorf("%s: line %d: %q is not a variable of the group", what, s.Line, s.Target)
		}
		if v.readOnly || v.data == nil {
			return fmt.Errorf("%s: line %d: %q cannot be written", what, s.Line, s.Target)
		}
		if v.constant {
			return fmt.Errorf("%s: line %d: %q is constant", what, s.Line, s.Target)
		}
	}
	return nil
}

// buildSystem derives the ODE system (drift and noise terms).
func (g *NeuronGroup) buildSystem() error {
	s := &odeSystem{f: map[string]expr.Node{}, g: map[string][]expr.Node{}, free: map[string]expr.Node{}}
	rhs := map[string]expr.Node{}
	for _, e := range g.eqs.List {
		if e.Kind != expr.Differential {
			continue
		}
		r := g.expand(e.Expr)
		if g.unless[e.Name] {
			s.free[e.Name] = expr.Simplify(r)
			r = expr.Mul(expr.Call("int", expr.Ident("not_refractory")), r)
		}
		rhs[e.Name] = r
		s.vars = append(s.vars, e.Name)
	}
	if err := s.setTerms(rhs); err != nil {
		return err
	}
	g.sys = s
	return nil
}

// chooseMethod returns the method to use, following Brian2 2.5.1: the
// requested one (an alias such as "linear" gives its registry name), or
// the first automatic entry of the registry (integrators) that can
// integrate the system.
func (g *NeuronGroup) chooseMethod(c *groupCode, dt float64) (string, error) {
	if g.opts.Method != MethodAuto {
		it, err := lookupIntegrator(g.opts.Method)
		if err != nil {
			return "", err
		}
		return it.name, nil
	}
	for _, it := range integrators {
		if !it.auto {
			continue
		}
		var err error
		if it.code == nil {
			_, err = g.linearSystem(c, dt)
		} else {
			_, err = it.code(it.name, g.sys)
		}
		if err == nil {
			return it.name, nil
		}
	}
	return "", fmt.Errorf("no integration method of the automatic choice can integrate these equations")
}

// buildUpdater compiles the state updater.
func (g *NeuronGroup) buildUpdater(c *groupCode, dt float64) error {
	m, err := g.chooseMethod(c, dt)
	if err != nil {
		return err
	}
	g.method = m
	d := c.decls
	if m == MethodExact {
		ex, err := g.linearSystem(c, dt)
		if err != nil {
			return fmt.Errorf("method exact: %w", err)
		}
		c.exact = ex
		return nil
	}
	code, err := updateCode(m, g.sys)
	if err != nil {
		return err
	}
	for k := range code {
		code[k].Value = expr.FoldConstants(code[k].Value, d.ConstantValue)
	}
	// Noise buffers (xi holds sqrt(dt)*randn() in the update code) and
	// masked writes for (unless refractory) variables.
	ud := *d
	ud.Vars = map[string]expr.Var{}
	for k, v := range d.Vars {
		ud.Vars[k] = v
	}
	ud.NoUnitCheck = true
	for _, xi := range g.sys.noise {
		ud.Vars[xi] = expr.Var{Kind: expr.Vector}
		buf := make([]float64, g.n)
		c.noiseBf[xi] = buf
		c.env.Vectors[xi] = buf
		c.noise = append(c.noise, xi)
	}
	for k, st := range code {
		if g.unless[st.Target] && st.Value.String() == "_"+st.Target {
			nb := "__new_" + st.Target
			ud.Vars[nb] = expr.Var{Kind: expr.Vector}
			buf := make([]float64, g.n)
			c.newBufs[st.Target] = buf
			c.env.Vectors[nb] = buf
			code[k].Target = nb
		}
	}
	p, err := expr.Compile(code, &ud)
	if err != nil {
		return fmt.Errorf("method %s: compiling the update code: %w", m, err)
	}
	c.upd = p
	return nil
}

// Name is the name of the group.
func (g *NeuronGroup) Name() string { return g.name }

// Size is the number of neurons.
func (g *NeuronGroup) Size() int { return g.n }

// Method is the integration method in use (after automatic choice).
func (g *NeuronGroup) Method() string { return g.method }

func (g *NeuronGroup) groupVar(name string) (*variable, int, error) {
	v, err := g.vars.lookup(g.name, name)
	return v, 0, err
}
func (g *NeuronGroup) groupDt() float64   { return g.opts.Dt }
func (g *NeuronGroup) schedOrder() int    { return g.opts.Order }
func (g *NeuronGroup) spikeOwner() Object { return g }

// Variables returns the names of the group's variables (not the hidden
// ones, starting with _, of linked subexpressions).
func (g *NeuronGroup) Variables() []string {
	return slices.DeleteFunc(slices.Clone(g.vars.order), func(n string) bool { return strings.HasPrefix(n, "_") })
}

// UpdateCode returns the abstract update code of the state updater, as
// Brian2 prints it (one statement per line), for inspection.
func (g *NeuronGroup) UpdateCode() string {
	if g.built == nil {
		return ""
	}
	if g.built.exact != nil {
		return g.built.exact.String()
	}
	if g.built.upd != nil {
		return g.built.upd.String()
	}
	return ""
}

// checkTimedArrayColumns rejects ta(t, i) when the group has more neurons
// than the 2-D array has columns (the lookup would be out of range).
func (g *NeuronGroup) checkTimedArrayColumns(c *groupCode, n expr.Node) error {
	var err error
	walk(n, func(m expr.Node) {
		call, ok := m.(*expr.CallExpr)
		if !ok || err != nil {
			return
		}
		ta := c.tas[call.Func]
		if ta == nil {
			return
		}
		if len(call.Args) != 2 && ta.cols > 1 {
			err = fmt.Errorf("%s has %d columns: call it as %s(t, i)", call.Func, ta.cols, call.Func)
			return
		}
		if len(call.Args) == 2 {
			if id, ok := call.Args[1].(*expr.Name); ok && id.Name == "i" && ta.cols < g.n {
				err = fmt.Errorf("%s(t, i): the array has %d columns but the group has %d neurons", call.Func, ta.cols, g.n)
			}
		}
	})
	return err
}

// noiseIn returns the first noise symbol (xi, xi_*) of n, or "".
func noiseIn(n expr.Node) string {
	for _, name := range expr.Variables(n) {
		if expr.IsNoise(name) {
			return name
		}
	}
	return ""
}
