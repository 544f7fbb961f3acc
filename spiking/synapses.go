package spiking

import (
	"fmt"
	"math"
	"slices"
	"strings"

	"github.com/gohears/hears/expr"
	"github.com/gohears/hears/units"
)

// SynapsesOptions configure Synapses (Brian2's Synapses arguments).
type SynapsesOptions struct {
	GroupOptions
	// Model are the synaptic equations: parameters ("w : 1"), event-driven
	// or clock-driven differential equations, and summed variables
	// ("Igap_post = w*(v_pre - v_post) : 1 (summed)").
	Model string
	// OnPre and OnPost are the statements run for presynaptic and
	// postsynaptic spikes ("v_post += w").
	OnPre, OnPost string
	// Delay is the initial presynaptic delay of every synapse (seconds);
	// per-synapse delays are set with Set("delay", ...).
	Delay float64
	// Pathways are further named pathways, Brian2's on_pre={'up': ...,
	// 'down': ...} and on_post={...} with delay={'up': ..., ...}; OnPre
	// and OnPost are the pathways named "pre" and "post".
	Pathways []Pathway
	// Method integrates clock-driven equations (euler, rk2, rk4,
	// exponential_euler, heun, milstein; "" = euler, or heun with
	// multiplicative noise).
	Method string
	// Namespace as for NeuronGroup.
	Namespace map[string]any
}

// Synapses connect a source of spikes to a target group, Brian2's
// Synapses: per-synapse variables, on_pre/on_post statements with
// per-synapse delays (rounded to whole steps, half to even), event-driven
// and clock-driven equations, and summed variables. Names in the code:
// synaptic variables, x_pre / x_post for the source's / target's
// variables, an unsuffixed name that is not synaptic for the target's
// variable, i and j for the source and target indices, t, dt, N.
type Synapses struct {
	naming
	src    SpikeSource
	tgt    Group
	opts   SynapsesOptions
	eqs    *expr.Equations
	pre    []int32
	post   []int32
	vars   map[string][]float64
	order  []string
	units  map[string]string
	evDrv  []string // event-driven variables
	clkDrv []string // clock-driven variables
	summed []string // summed subexpression names (x_post)
	// subexprs are the other subexpressions, substituted into the code
	// (see expand).
	subexprs map[string]expr.Node
	method   string          // integration method of the clock-driven equations
	shared   map[string]bool // (shared) parameters: one value, s.vars[name][0]
	regular  []*synRegular   // RunRegularly
	rng      blockRNGs

	tNow     float64
	pathways []*pathway
	nConnect uint64             // ConnectExpr calls since initSeed was set (each draws from new streams)
	defaults map[string]float64 // initial value of new synapses' variables (delays), 0 if absent
	initSeed uint64             // seed of the random numbers drawn outside runs
	// Linked variables (linked_synapses.go): declared name -> unit, the
	// links made (hidden names of linked subexpressions included), what
	// each declared name shows, and the namespace constants of linked
	// subexpressions.
	linkDecl map[string]string
	links    map[string]*synLink
	linkedTo map[string]string
	linkNS   []nsLink
}

// NewSynapses creates synapses from source to target (no connections yet;
// see Connect and ConnectAll).
func NewSynapses(source SpikeSource, target Group, opts SynapsesOptions) (*Synapses, error) {
	if source == nil || target == nil {
		return nil, fmt.Errorf("spiking: NewSynapses: nil source or target")
	}
	if err := opts.check("Synapses"); err != nil {
		return nil, err
	}
	if opts.Delay < 0 || math.IsNaN(opts.Delay) || math.IsInf(opts.Delay, 0) {
		return nil, fmt.Errorf("spiking: NewSynapses: delay must be >= 0 and finite, got %g s", opts.Delay)
	}
	s := &Synapses{naming: newNaming("synapses", opts.Name), src: source, tgt: target, opts: opts,
		vars: map[string][]float64{}, units: map[string]string{}, initSeed: randomSeed(), subexprs: map[string]expr.Node{}, shared: map[string]bool{},
		linkDecl: map[string]string{}, linkedTo: map[string]string{}}
	eqs, err := expr.ParseEquations(opts.Model)
	if err != nil {
		return nil, fmt.Errorf("spiking: %s model: %w", s.name, err)
	}
	s.eqs = eqs
	add := func(name, unit string) {
		s.vars[name] = nil
		s.units[name] = unit
		s.order = append(s.order, name)
	}
	for _, e := range eqs.List {
		if slices.Contains([]string{"i", "j", "t", "dt", "N", "delay", "lastupdate", "N_incoming", "N_outgoing"}, e.Name) {
			return nil, fmt.Errorf("spiking: %s: line %d: %q is a reserved name", s.name, e.Line, e.Name)
		}
		switch e.Kind {
		case expr.Parameter:
			if e.HasFlag("linked") {
				// Brian2 2.5.1 refuses the flag here (see
				// Synapses.LinkVariable); like a NeuronGroup's, it takes
				// no other flag.
				if len(e.Flags) > 1 {
					return nil, fmt.Errorf("spiking: %s: line %d: the (linked) flag cannot be combined with other flags", s.name, e.Line)
				}
				s.linkDecl[e.Name] = e.UnitName
				continue
			}
			if e.HasFlag("shared") {
				// One value for all synapses, outside s.order (not resized).
				s.vars[e.Name], s.units[e.Name] = []float64{0}, e.UnitName
				s.shared[e.Name] = true
				continue
			}
			add(e.Name, e.UnitName)
		case expr.Differential:
			switch {
			case e.HasFlag("event-driven"):
				s.evDrv = append(s.evDrv, e.Name)
			case e.HasFlag("clock-driven") || len(e.Flags) == 0:
				s.clkDrv = append(s.clkDrv, e.Name)
			default:
				return nil, fmt.Errorf("spiking: %s: line %d: flags %v not supported for a synaptic equation", s.name, e.Line, e.Flags)
			}
			add(e.Name, e.UnitName)
		case expr.Subexpression:
			if !e.HasFlag("summed") {
				shared := e.HasFlag("shared")
				if len(e.Flags) > 1 || (len(e.Flags) == 1 && !shared) {
					return nil, fmt.Errorf("spiking: %s: line %d: flags %v not supported for a synaptic subexpression", s.name, e.Line, e.Flags)
				}
				if shared {
					// A shared subexpression (Spreizer et al. 2019's
					// J = -10*pA : amp (shared)) is substituted like any
					// other; it may not use per-synapse values.
					for _, name := range expr.Variables(e.Expr) {
						if name == "i" || name == "j" || strings.HasSuffix(name, "_pre") || strings.HasSuffix(name, "_post") || (slices.Contains(s.order, name) && !s.shared[name]) {
							return nil, fmt.Errorf("spiking: %s: line %d: the shared subexpression %s uses %s, which differs between synapses", s.name, e.Line, e.Name, name)
						}
					}
				}
				s.subexprs[e.Name] = e.Expr
				continue
			}
			if !strings.HasSuffix(e.Name, "_post") {
				return nil, fmt.Errorf("spiking: %s: line %d: a summed variable must be a postsynaptic variable (name_post)", s.name, e.Line)
			}
			s.summed = append(s.summed, e.Name)
		}
	}
	if len(s.evDrv) > 0 {
		add("lastupdate", "second")
	}
	add("delay", "second")
	s.vars["N_incoming"], s.vars["N_outgoing"] = []float64{}, []float64{}
	s.units["N_incoming"], s.units["N_outgoing"] = "1", "1"
	if err := s.addPathways(opts, add); err != nil {
		return nil, err
	}
	// Check the code now (with the default dt) for early errors.
	dt := opts.Dt
	if dt == 0 {
		dt = DefaultDt
	}
	if _, err := s.compileAll(dt); err != nil {
		return nil, fmt.Errorf("spiking: %s: %w", s.name, err)
	}
	return s, nil
}

// Connect adds synapses from source element i[k] to target element j[k].
func (s *Synapses) Connect(i, j []int) error {
	if len(i) != len(j) {
		return fmt.Errorf("spiking: %s.Connect: %d sources but %d targets", s.name, len(i), len(j))
	}
	for k := range i {
		if i[k] < 0 || i[k] >= s.src.Size() || j[k] < 0 || j[k] >= s.tgt.Size() {
			return fmt.Errorf("spiking: %s.Connect: synapse %d (%d -> %d) outside the groups (%d, %d elements)", s.name, k, i[k], j[k], s.src.Size(), s.tgt.Size())
		}
	}
	if err := checkSynapseCount(s.name+".Connect", len(s.pre), len(i)); err != nil {
		return err
	}
	pre, post := make([]int32, len(i)), make([]int32, len(j))
	for k := range i {
		pre[k], post[k] = int32(i[k]), int32(j[k])
	}
	s.addSynapses(pre, post)
	return nil
}

// addSynapses appends checked synapses pre[k] -> post[k], with zero
// synaptic variables and the default delay.
func (s *Synapses) addSynapses(pre, post []int32) {
	s.pre = append(s.pre, pre...)
	s.post = append(s.post, post...)
	defer s.countSynapses()
	for _, name := range s.order {
		v := s.defaults[name] // initial delays of the pathways, else 0
		d := slices.Grow(s.vars[name], len(pre))
		for range pre {
			d = append(d, v)
		}
		s.vars[name] = d
	}
}

// ConnectAll connects every source element to every target element
// (source index outer, target index inner), like Brian2's connect().
func (s *Synapses) ConnectAll() error {
	ns, nt := s.src.Size(), s.tgt.Size()
	if nt > 0 && ns > maxSynapses/nt {
		return fmt.Errorf("spiking: %s.ConnectAll: %d × %d synapses would be more than the limit of %d", s.name, ns, nt, maxSynapses)
	}
	if err := checkSynapseCount(s.name+".ConnectAll", len(s.pre), ns*nt); err != nil {
		return err
	}
	pre, post := make([]int32, 0, ns*nt), make([]int32, 0, ns*nt)
	for a := 0; a < ns; a++ {
		for b := 0; b < nt; b++ {
			pre, post = append(pre, int32(a)), append(post, int32(b))
		}
	}
	s.addSynapses(pre, post)
	return nil
}

// SeedInit seeds the random numbers drawn outside runs (ConnectExpr's p
// and rand()); see the seeding rules in seed.go. The calls of ConnectExpr
// that follow draw from streams derived from the seed, the synapses' name
// and their position after SeedInit.
func (s *Synapses) SeedInit(seed uint64) { s.initSeed, s.nConnect = seed, 0 }

// Name is the name of the synapses.
func (s *Synapses) Name() string { return s.name }

// Size is the number of synapses.
func (s *Synapses) Size() int { return len(s.pre) }

// I returns the source index of every synapse (Brian2's S.i), as a new
// copy each call: it costs O(Size()) time and memory, so call it once
// outside loops over synapses, or use IJ.
func (s *Synapses) I() []int32 { return slices.Clone(s.pre) }

// J returns the target index of every synapse (Brian2's S.j), as a new
// copy each call (see I).
func (s *Synapses) J() []int32 { return slices.Clone(s.post) }

// IJ returns the source and target index of synapse k (0 <= k < Size();
// like a slice index, k out of range panics), in constant time without
// copying.
func (s *Synapses) IJ(k int) (i, j int) { return int(s.pre[k]), int(s.post[k]) }

// groupVar returns a synaptic variable, or (for monitors, as Brian2's
// StateMonitor(S, 'v_post')) the source's or target's variable seen per
// synapse: x_pre, x_post or an unsuffixed target variable, read-only.
func (s *Synapses) groupVar(name string) (*variable, int, error) {
	if d, ok := s.vars[name]; ok {
		return &variable{name: name, unit: s.units[name], data: d, shared: s.shared[name]}, 0, nil
	}
	if _, ok := s.subexprs[name]; ok {
		v, err := s.subexprVar(name)
		if err != nil {
			return nil, 0, fmt.Errorf("spiking: %s: %w", s.name, err)
		}
		return v, 0, nil
	}
	v, off, kind, err := s.endpoint(name)
	if err != nil {
		return nil, 0, fmt.Errorf("spiking: %s has no synaptic variable %q and its groups none of that name (synaptic variables: %v)", s.name, name, s.order)
	}
	pre := kind == 1
	return &variable{name: name, unit: v.unit, readOnly: true, isBool: v.isBool, isInt: v.isInt,
		compute: func(dst []float64, lo, hi int, t float64) error {
			idx := s.post
			if pre {
				idx = s.pre
			}
			if v.shared {
				for k := lo; k < hi; k++ {
					dst[k] = v.data[0]
				}
				return nil
			}
			if g := v.gather; g != nil { // linked through an index
				for k := lo; k < hi; k++ {
					dst[k] = g.src[g.pos[off+int(idx[k])]]
				}
				return nil
			}
			if v.data == nil { // a subexpression of the group
				n := s.tgt.Size()
				if pre {
					n = s.src.Size()
				}
				buf := make([]float64, off+n)
				if err := v.compute(buf, off, off+n, t); err != nil {
					return err
				}
				for k := lo; k < hi; k++ {
					dst[k] = buf[off+int(idx[k])]
				}
				return nil
			}
			for k := lo; k < hi; k++ {
				dst[k] = v.data[off+int(idx[k])]
			}
			return nil
		}}, 0, nil
}
func (s *Synapses) groupDt() float64 { return s.opts.Dt }
func (s *Synapses) schedOrder() int  { return s.opts.Order }

// Set sets a synaptic variable: one value or one per synapse (SI).
func (s *Synapses) Set(name string, values ...float64) error {
	d, ok := s.vars[name]
	if !ok || synReadOnly(name) {
		return fmt.Errorf("spiking: %s has no settable variable %q (variables: %v)", s.name, name, s.order)
	}
	if s.shared[name] && len(values) != 1 {
		return fmt.Errorf("spiking: %s.%s is shared: give one value, got %d", s.name, name, len(values))
	}
	if err := checkValues(s.name, name, len(d), values); err != nil {
		return err
	}
	if len(values) == 1 {
		for k := range d {
			d[k] = values[0]
		}
		return nil
	}
	copy(d, values)
	return nil
}

// Get returns a copy of a synaptic variable, or the values of a
// synaptic subexpression.
func (s *Synapses) Get(name string) ([]float64, error) {
	if _, ok := s.subexprs[name]; ok {
		v, err := s.subexprVar(name)
		if err != nil {
			return nil, fmt.Errorf("spiking: %s: %w", s.name, err)
		}
		out := make([]float64, len(s.pre))
		return out, v.compute(out, 0, len(out), s.tNow)
	}
	d, ok := s.vars[name]
	if !ok {
		if _, linked := s.linkDecl[name]; linked {
			v, _, err := s.groupVar(name)
			if err != nil {
				return nil, err
			}
			out := make([]float64, len(s.pre))
			return out, v.compute(out, 0, len(out), s.tNow)
		}
		return nil, fmt.Errorf("spiking: %s has no variable %q (variables: %v)", s.name, name, s.order)
	}
	return slices.Clone(d), nil
}

// binding says where a name of synaptic code reads from.
type binding struct {
	name string
	kind int // 0 synaptic, 1 pre, 2 post, 3 i, 4 j, 5 shared synaptic
	v    *variable
	off  int
}

// synCode is a compiled program with its bindings and gather buffers.
type synCode struct {
	prog    *expr.Program
	binds   []binding
	written []bool
	env     expr.Env
	bufs    [][]float64
	usesPre bool
	usesPos bool
	acc     *accumulation // fast path of "x_post += value" pathways
}

// endpoint resolves a name of synaptic code that is neither synaptic nor
// i or j: x_pre is variable x of the source (kind 1), x_post and an
// unsuffixed x are variables of the target (kind 2). off is the element
// offset of the group in the variable's storage.
func (s *Synapses) endpoint(name string) (v *variable, off, kind int, err error) {
	if l, ok := s.links[name]; ok {
		return l.v, l.off, l.kind, nil
	}
	var g Group
	base, kind := name, 2
	switch {
	case strings.HasSuffix(name, "_pre"):
		g, base, kind = s.src, strings.TrimSuffix(name, "_pre"), 1
	case strings.HasSuffix(name, "_post"):
		g, base = s.tgt, strings.TrimSuffix(name, "_post")
	default:
		g = s.tgt
	}
	v, off, err = g.groupVar(base)
	return v, off, kind, err
}

// resolve declares in d the names used by nodes and returns their bindings.
func (s *Synapses) resolve(d *expr.Decls, nodes []expr.Node, targets []string) ([]binding, error) {
	seen := map[string]bool{}
	var out []binding
	var names []string
	for _, n := range nodes {
		names = append(names, expr.Variables(n)...)
	}
	names = append(names, targets...)
	for _, name := range names {
		if seen[name] {
			continue
		}
		seen[name] = true
		if _, ok := d.Vars[name]; ok {
			continue // t, dt, N or namespace constant
		}
		if _, ok := s.vars[name]; ok {
			dim, err := dimOfUnit(s.units[name])
			if err != nil {
				return nil, err
			}
			if s.shared[name] {
				d.Scalar(name, dim)
				out = append(out, binding{name: name, kind: 5})
				continue
			}
			d.Vector(name, dim)
			out = append(out, binding{name: name, kind: 0})
			continue
		}
		if name == "i" || name == "j" {
			d.Vector(name, units.Dimensionless())
			out = append(out, binding{name: name, kind: map[string]int{"i": 3, "j": 4}[name]})
			continue
		}
		if s.linkedDecl(d, name) {
			continue // not linked yet: checked, run refused (checkLinked)
		}
		v, off, kind, err := s.endpoint(name)
		if err != nil {
			if _, isUnit := units.Lookup(name); isUnit || expr.IsNoise(name) {
				continue
			}
			continue // left to dimension checking, which names it
		}
		if v.data == nil && v.gather == nil {
			return nil, fmt.Errorf("%s: subexpressions of other groups cannot be used in synaptic code yet", name)
		}
		dim, err := dimOfUnit(v.unit)
		if err != nil {
			return nil, err
		}
		d.Vector(name, dim)
		out = append(out, binding{name: name, kind: kind, v: v, off: off})
	}
	return out, nil
}

func (s *Synapses) baseDecls(dt float64) (*expr.Decls, error) {
	d := expr.NewDecls()
	if _, err := addNamespace(d, s.opts.Namespace, dt); err != nil {
		return nil, err
	}
	d.Scalar("t", units.DimTime()).Constant("dt", dt, units.DimTime()).Constant("N", float64(len(s.pre)), units.Dimensionless())
	if err := declareNSLinks(d, s.linkNS, dt); err != nil {
		return nil, err
	}
	return d, nil
}

func (s *Synapses) newCode(p *expr.Program, binds []binding) *synCode {
	c := &synCode{prog: p, env: expr.Env{Vectors: map[string][]float64{}, Scalars: map[string]*float64{"t": &s.tNow}}}
	for _, l := range s.linkNS {
		if l.time {
			c.env.Scalars[l.to] = &s.tNow
		}
	}
	for _, b := range binds {
		if b.kind == 5 {
			c.env.Scalars[b.name] = &s.vars[b.name][0]
		}
	}
	names, written := p.Inputs()
	for k, name := range names {
		for _, b := range binds {
			if b.name == name {
				c.binds = append(c.binds, b)
				c.written = append(c.written, written[k])
				c.bufs = append(c.bufs, nil)
				c.usesPre = c.usesPre || b.kind == 1
				c.usesPos = c.usesPos || b.kind == 2
			}
		}
	}
	return c
}

// gather copies the inputs of events ks into the buffers.
func (s *Synapses) gather(c *synCode, ks []int32) {
	for b, bd := range c.binds {
		buf := c.bufs[b]
		if cap(buf) < len(ks) {
			buf = make([]float64, len(ks), 2*len(ks)+16)
		}
		if len(c.bufs[b]) != len(ks) || cap(c.bufs[b]) != cap(buf) {
			c.env.Vectors[bd.name] = buf[:len(ks)] // the program reads this map entry
		}
		buf = buf[:len(ks)]
		c.bufs[b] = buf
		switch bd.kind {
		case 0:
			d := s.vars[bd.name]
			for e, k := range ks {
				buf[e] = d[k]
			}
		case 1, 2:
			idx := s.post
			if bd.kind == 1 {
				idx = s.pre
			}
			if bd.v.shared {
				for e := range ks {
					buf[e] = bd.v.data[0]
				}
				continue
			}
			if g := bd.v.gather; g != nil { // linked through an index
				for e, k := range ks {
					buf[e] = g.src[g.pos[bd.off+int(idx[k])]]
				}
				continue
			}
			for e, k := range ks {
				buf[e] = bd.v.data[bd.off+int(idx[k])]
			}
		case 3:
			for e, k := range ks {
				buf[e] = float64(s.pre[k])
			}
		case 4:
			for e, k := range ks {
				buf[e] = float64(s.post[k])
			}
		}
	}
}

// scatter writes the written buffers back.
func (s *Synapses) scatter(c *synCode, ks []int32) {
	for b, bd := range c.binds {
		if !c.written[b] {
			continue
		}
		buf := c.bufs[b]
		switch bd.kind {
		case 0:
			d := s.vars[bd.name]
			for e, k := range ks {
				d[k] = buf[e]
			}
		case 1, 2:
			idx := s.post
			if bd.kind == 1 {
				idx = s.pre
			}
			if bd.v.shared {
				if len(ks) > 0 {
					bd.v.data[0] = buf[len(ks)-1]
				}
				continue
			}
			for e, k := range ks {
				bd.v.data[bd.off+int(idx[k])] = buf[e]
			}
		}
	}
}

// compiled holds everything compiled for one dt.
type synCompiled struct {
	pathways []*synCode
	summed   []*synCode
	sumTgt   []binding
	clock    *synCode
	noise    []string // noise variables of the clock-driven equations
	coupled  *coupledDecay
}

func (s *Synapses) compileAll(dt float64) (*synCompiled, error) {
	out := &synCompiled{}
	// Check the model's dimensions.
	d, err := s.baseDecls(dt)
	if err != nil {
		return nil, err
	}
	var nodes []expr.Node
	for _, e := range s.eqs.List {
		if e.Expr != nil {
			nodes = append(nodes, s.expand(e.Expr))
		}
	}
	if _, err := s.resolve(d, nodes, nil); err != nil {
		return nil, err
	}
	for _, e := range s.eqs.List {
		if e.Expr == nil || e.HasFlag("summed") { // summed: checked against the target's unit below
			continue
		}
		got, err := expr.DimOf(s.expand(e.Expr), d)
		if err != nil {
			return nil, fmt.Errorf("line %d: %s: %w", e.Line, e.Text, err)
		}
		want, _ := dimOfUnit(e.UnitName)
		if e.Kind == expr.Subexpression {
			if got != want {
				return nil, fmt.Errorf("line %d: %s: the expression has dimension %s, the unit %s", e.Line, e.Text, got, want)
			}
			continue
		}
		if got != want.Div(units.DimTime()) {
			return nil, fmt.Errorf("line %d: %s: the right-hand side has dimension %s, d%s/dt needs %s", e.Line, e.Text, got, e.Name, want.Div(units.DimTime()))
		}
	}
	// Event-driven decays: x = x*exp(A*(t - lastupdate)) for uncoupled
	// linear homogeneous equations (the form Brian2's exact solution takes
	// for STDP traces).
	var decay []expr.Statement
	coupled, err := s.coupledEventDriven(d)
	if err != nil {
		return nil, err
	}
	out.coupled = coupled
	for _, x := range s.evDrv {
		if coupled != nil {
			break // all event-driven variables advance together (coupledDecay)
		}
		e, _ := s.eqs.Get(x)
		a, b, ok := expr.SplitLinear(s.expand(e.Expr), x)
		if !ok {
			return nil, fmt.Errorf("event-driven equation d%s/dt = %s is not linear in %s", x, e.Expr, x)
		}
		for _, y := range s.order {
			if expr.DependsOn(a, y) || expr.DependsOn(b, y) {
				return nil, fmt.Errorf("event-driven equation d%s/dt = %s: its coefficients depend on the synaptic variable %s (coupled event-driven equations are not supported)", x, e.Expr, y)
			}
		}
		// The exact solution over the time since the last update, Brian2's
		// closed forms: x*exp(A*Δ) (dx/dt = A*x), x + B*Δ (dx/dt = B), and
		// -B/A + (x + B/A)*exp(A*Δ) (dx/dt = A*x + B, e.g. the recovery
		// dx/dt = (1 - x)/taud of short-term plasticity).
		elapsed := expr.Sub(expr.Ident("t"), expr.Ident("lastupdate"))
		var sol expr.Node
		switch {
		case isZero(b):
			sol = expr.Mul(expr.Ident(x), expr.Call("exp", expr.Mul(a, elapsed)))
		case isZero(a):
			sol = expr.Add(expr.Ident(x), expr.Mul(b, elapsed))
		default:
			ba := expr.Div(b, a)
			sol = expr.Sub(expr.Mul(expr.Add(expr.Ident(x), ba), expr.Call("exp", expr.Mul(a, elapsed))), ba)
		}
		decay = append(decay, expr.Assign(x, sol))
	}
	for _, pw := range s.pathways {
		st, err := expr.ParseStatements(pw.code)
		if err != nil {
			return nil, fmt.Errorf("%s %q: %w", pw.label(), pw.code, err)
		}
		for k, x := range st {
			if s.shared[x.Target] {
				return nil, fmt.Errorf("%s: the shared variable %q cannot be written by per-synapse code (set it with Set)", pw.label(), x.Target)
			}
			if _, linked := s.linkDecl[x.Target]; linked || s.links[x.Target] != nil {
				return nil, fmt.Errorf("%s: %q is a linked variable: it cannot be written", pw.label(), x.Target)
			}
			if _, sub := s.subexprs[x.Target]; sub || x.Target == "i" || x.Target == "j" || x.Target == "delay" || synReadOnly(x.Target) {
				return nil, fmt.Errorf("%s: %q cannot be written", pw.label(), x.Target)
			}
			st[k].Value = s.expand(x.Value)
		}
		all := append(slices.Clone(decay), st...)
		if len(s.evDrv) > 0 {
			all = append(all, expr.Assign("lastupdate", expr.Ident("t")))
		}
		d, err := s.baseDecls(dt)
		if err != nil {
			return nil, err
		}
		var nodes []expr.Node
		var targets []string
		for _, x := range all {
			nodes = append(nodes, x.Value)
			targets = append(targets, x.Target)
		}
		binds, err := s.resolve(d, nodes, targets)
		if err != nil {
			return nil, fmt.Errorf("%s: %w", pw.label(), err)
		}
		p, err := expr.Compile(all, d)
		if err != nil {
			return nil, fmt.Errorf("%s %q: %w", pw.label(), pw.code, err)
		}
		c := s.newCode(p, binds)
		if len(all) == 1 {
			c.acc = s.accumulationOf(all[0], binds, d)
		}
		out.pathways = append(out.pathways, c)
	}
	for _, name := range s.summed {
		e, _ := s.eqs.Get(name)
		d, err := s.baseDecls(dt)
		if err != nil {
			return nil, err
		}
		sumExpr := s.expand(e.Expr)
		binds, err := s.resolve(d, []expr.Node{sumExpr}, nil)
		if err != nil {
			return nil, err
		}
		p, err := expr.CompileExpr(sumExpr, d)
		if err != nil {
			return nil, fmt.Errorf("summed variable %s: %w", name, err)
		}
		base := strings.TrimSuffix(name, "_post")
		v, off, err := s.tgt.groupVar(base)
		if err != nil {
			return nil, fmt.Errorf("summed variable %s: %w", name, err)
		}
		if v.data == nil || v.shared || v.readOnly {
			return nil, fmt.Errorf("summed variable %s: the target's %s must be a per-neuron parameter", name, base)
		}
		want, _ := dimOfUnit(v.unit)
		if p.ResultDim() != want {
			return nil, fmt.Errorf("summed variable %s: the expression has dimension %s, the target variable %s", name, p.ResultDim(), want)
		}
		out.summed = append(out.summed, s.newCode(p, binds))
		out.sumTgt = append(out.sumTgt, binding{name: base, v: v, off: off})
	}
	if len(s.clkDrv) > 0 {
		sys := &odeSystem{f: map[string]expr.Node{}, g: map[string][]expr.Node{}}
		rhs := map[string]expr.Node{}
		for _, x := range s.clkDrv {
			e, _ := s.eqs.Get(x)
			sys.vars = append(sys.vars, x)
			rhs[x] = s.expand(e.Expr)
		}
		if err := sys.setTerms(rhs); err != nil {
			return nil, fmt.Errorf("clock-driven equations: %w", err)
		}
		d, err := s.baseDecls(dt)
		if err != nil {
			return nil, err
		}
		code, method, err := s.clockCode(sys, d, dt)
		if err != nil {
			return nil, err
		}
		s.method = method
		var nodes []expr.Node
		var targets []string
		for _, x := range code {
			nodes = append(nodes, x.Value)
			if !strings.HasPrefix(x.Target, "_") {
				targets = append(targets, x.Target)
			}
		}
		binds, err := s.resolve(d, nodes, targets)
		if err != nil {
			return nil, err
		}
		d.NoUnitCheck = true
		for _, xi := range sys.noise {
			d.Vars[xi] = expr.Var{Kind: expr.Vector} // sqrt(dt)*randn() per synapse, drawn each step
		}
		p, err := expr.Compile(code, d)
		if err != nil {
			return nil, fmt.Errorf("clock-driven equations: %w", err)
		}
		out.clock = s.newCode(p, binds)
		out.noise = sys.noise
	}
	return out, nil
}

// pathway is the on_pre or on_post code with its spike queue.
type pathway struct {
	s        *Synapses
	pre      bool
	code     string
	pwName   string        // "pre", "post" or the name given (Pathway.Name)
	delayVar string        // synaptic variable holding its delays
	coupled  *coupledDecay // coupled event-driven equations, advanced before the code
	event    string        // triggering event ("" = spike)
	events   func() []int32
	spikeQueue
	// batch bookkeeping
	stampPre, stampPost []int32
	batch               int32
}

func (p *pathway) label() string {
	side := "on_post"
	if p.pre {
		side = "on_pre"
	}
	if p.pwName == "pre" || p.pwName == "post" {
		return side
	}
	return side + "[" + p.pwName + "]"
}

// name is Brian2's name of the pathway object: synapses_pre,
// synapses_post, synapses_<name>.
func (p *pathway) name() string { return p.s.name + "_" + p.pwName }

// arrange builds the per-source synapse lists and the delays in steps;
// the lists are kept from the last run when no synapse was added.
func (p *pathway) arrange(dt float64, direct bool) {
	s := p.s
	idx, n := s.pre, s.src.Size()
	if !p.pre {
		idx, n = s.post, s.tgt.Size()
	}
	p.spikeQueue.arrange(idx, n, s.vars[p.delayVar], dt, true, direct)
}

// step pushes the spikes of this step and runs the events due now.
func (p *pathway) step(c *synCode, st tick) error {
	s := p.s
	spikes := p.events()
	s.tNow = st.T
	if c.acc != nil && p.oneDelay == 0 {
		// No delay: the events of this step follow those already due now,
		// spike by spike in synapse order; apply them straight from the
		// synapse lists, in that order, without queueing them.
		if ev := p.dueNow(st.K); ev != nil {
			c.acc.apply(s, ev)
			p.done(st.K)
		}
		for _, i := range spikes {
			if p.identity {
				c.acc.applyRange(s, int(p.start[i]), int(p.start[i+1]))
			} else {
				c.acc.apply(s, p.syn[p.start[i]:p.start[i+1]])
			}
		}
		return nil
	}
	p.enqueue(spikes, st.K)
	ev := p.dueNow(st.K)
	if ev == nil {
		return nil
	}
	if c.acc != nil {
		c.acc.apply(s, ev)
		p.done(st.K)
		return nil
	}
	// Run the events in batches in which no source or target element
	// repeats, so that each batch is a vector operation with the same result
	// as running the events one after the other in queue order.
	if len(p.stampPre) != s.src.Size() {
		p.stampPre = make([]int32, s.src.Size())
	}
	if len(p.stampPost) != s.tgt.Size() {
		p.stampPost = make([]int32, s.tgt.Size())
	}
	a := 0
	for a < len(ev) {
		if p.batch == math.MaxInt32 {
			clear(p.stampPre)
			clear(p.stampPost)
			p.batch = 0
		}
		p.batch++
		batch := p.batch
		b := a
		for b < len(ev) {
			k := ev[b]
			if (c.usesPre && p.stampPre[s.pre[k]] == batch) || (c.usesPos && p.stampPost[s.post[k]] == batch) {
				break
			}
			p.stampPre[s.pre[k]] = batch
			p.stampPost[s.post[k]] = batch
			b++
		}
		ks := ev[a:b]
		if p.coupled != nil {
			if err := p.coupled.apply(s, ks, st.T); err != nil {
				return err
			}
		}
		s.gather(c, ks)
		if err := runProgram(c.prog, &c.env, 0, len(ks)); err != nil {
			return err
		}
		s.scatter(c, ks)
		a = b
	}
	p.done(st.K)
	return nil
}

func (s *Synapses) prepare(net *Network) ([]*operation, error) {
	clk := net.clockFor(s.opts.Dt)
	owners := []Object{s.src.spikeOwner()}
	if ss, ok := s.tgt.(SpikeSource); ok {
		owners = append(owners, ss.spikeOwner())
	} else {
		owners = append(owners, s.tgt)
	}
	for _, o := range owners {
		if !net.holds(o) {
			return nil, fmt.Errorf("%s is not in the network", o.Name())
		}
	}
	if err := s.checkLinked(); err != nil {
		return nil, err
	}
	comp, err := s.compileAll(clk.dt)
	if err != nil {
		return nil, err
	}
	var ops []*operation
	var all []int32 // every synapse, for the summed variables and clock-driven equations
	if len(s.summed) > 0 || comp.clock != nil {
		all = make([]int32, len(s.pre))
		for k := range all {
			all[k] = int32(k)
		}
	}
	for k, name := range s.summed {
		c, tgt := comp.summed[k], comp.sumTgt[k]
		buf := make([]float64, len(s.pre))
		ops = append(ops, &operation{name: s.name + "_summed_variable_" + name, when: SlotGroups, order: groupOrder(s.tgt) - 1, clock: clk,
			summed: &summedRange{v: tgt.v, lo: tgt.off, hi: tgt.off + s.tgt.Size(), name: tgt.name, group: s.tgt.Name()},
			run: func(st tick) error {
				s.tNow = st.T
				s.gather(c, all)
				if err := evalProgram(c.prog, &c.env, buf, 0, len(all)); err != nil {
					return err
				}
				d := tgt.v.data[tgt.off : tgt.off+s.tgt.Size()]
				clear(d)
				for k, j := range s.post {
					d[j] += buf[k]
				}
				return nil
			}})
	}
	if comp.clock != nil {
		c := comp.clock
		s.rng.ensure(net, s.name, len(all), poissonBlock)
		noise := map[string][]float64{}
		for _, xi := range comp.noise {
			noise[xi] = make([]float64, len(all))
			c.env.Vectors[xi] = noise[xi]
		}
		ops = append(ops, &operation{name: s.name + "_stateupdater", when: SlotGroups, order: s.opts.Order, clock: clk,
			run: func(st tick) error {
				s.tNow = st.T
				for _, xi := range comp.noise { // one stream per block of synapses
					buf := noise[xi]
					for b := 0; b*poissonBlock < len(buf); b++ {
						s.rng.r[b].FillNormScaled(buf[b*poissonBlock:min(len(buf), (b+1)*poissonBlock)], math.Sqrt(st.Dt))
					}
				}
				s.gather(c, all)
				if err := runProgram(c.prog, &c.env, 0, len(all)); err != nil {
					return err
				}
				s.scatter(c, all)
				return nil
			}})
	}
	regOps, err := s.regularOperations(net, clk)
	if err != nil {
		return nil, err
	}
	ops = append(ops, regOps...)
	for k, pw := range s.pathways {
		pw.arrange(clk.dt, comp.pathways[k].acc != nil)
		pw.coupled = comp.coupled
		src := s.src
		if !pw.pre {
			src = s.tgt.(SpikeSource)
		}
		if pw.events, err = eventsOf(src, pw.event); err != nil {
			return nil, fmt.Errorf("%s: %w", pw.label(), err)
		}
		c := comp.pathways[k]
		ord := -1
		if !pw.pre {
			ord = 1
		}
		pw := pw
		ops = append(ops, &operation{name: pw.name(), when: SlotSynapses, order: ord, clock: clk,
			run: func(st tick) error { return pw.step(c, st) }})
	}
	return ops, nil
}

type synSnap struct {
	rng    blockRNGs
	vars   map[string][]float64
	queues []queueState
}

func (s *Synapses) snapshot() any {
	sn := synSnap{vars: map[string][]float64{}, rng: s.rng.clone()}
	for k, v := range s.vars {
		sn.vars[k] = slices.Clone(v)
	}
	for _, p := range s.pathways {
		sn.queues = append(sn.queues, p.save())
	}
	return sn
}

func (s *Synapses) restore(a any) error {
	sn, ok := a.(synSnap)
	if !ok {
		return fmt.Errorf("wrong snapshot type %T", a)
	}
	s.rng = sn.rng.clone()
	for k, v := range sn.vars {
		if len(s.vars[k]) != len(v) {
			return fmt.Errorf("the number of synapses changed since the state was stored")
		}
		copy(s.vars[k], v)
	}
	for k, p := range s.pathways {
		p.load(sn.queues[k])
	}
	return nil
}

// ConnectIf connects every pair (i, j) of source and target elements for
// which cond(i, j) is true (source index outer, target index inner), like
// Brian2's connect(condition=...) with the condition written in Go.
func (s *Synapses) ConnectIf(cond func(i, j int) bool) error {
	if cond == nil {
		return fmt.Errorf("spiking: %s.ConnectIf: nil condition", s.name)
	}
	var is, js []int
	for a := 0; a < s.src.Size(); a++ {
		for b := 0; b < s.tgt.Size(); b++ {
			if cond(a, b) {
				if err := checkSynapseCount(s.name+".ConnectIf", len(s.pre), len(is)+1); err != nil {
					return err
				}
				is, js = append(is, a), append(js, b)
			}
		}
	}
	return s.Connect(is, js)
}

// ConnectRandom connects each pair (i, j) independently with probability
// p (0..1), using a random stream derived from seed and the synapses'
// name; selfConnections false skips i == j (for recurrent synapses).
func (s *Synapses) ConnectRandom(p float64, seed uint64, selfConnections bool) error {
	if !(p >= 0 && p <= 1) {
		return fmt.Errorf("spiking: %s.ConnectRandom: probability %g outside [0, 1]", s.name, p)
	}
	r := NewRNG(streamSeed(seed, s.name, 1<<41))
	return s.ConnectIf(func(i, j int) bool {
		u := r.Float64()
		return u < p && (selfConnections || i != j)
	})
}
