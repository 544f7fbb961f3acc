package spiking

import (
	"fmt"
	"maps"
	"slices"

	"github.com/gohears/hears/expr"
	"github.com/gohears/hears/units"
)

// Linked variables, Brian2's linked_var (brian2/groups/neurongroup.py,
// NeuronGroup.__setattr__, and Variables.add_referred_subexpression in
// brian2/core/variables.py): a (linked) parameter of one group shows a
// variable of another group, element k reading element index[k] of the
// source (index[k] = k without an index). Three forms of storage follow:
//
//   - same size, no index, a plain source: the variable is the source's
//     storage itself (no copy);
//   - one source element, or a shared source variable: a one-element view
//     read as a shared value;
//   - anything else (an index, a per-synapse endpoint, a source that is
//     itself linked through an index): a gather (gatherLink), copied into
//     the variable's buffer before each of the group's operations runs
//     and read through by monitors, Get and other groups' code.
//
// A link to a subexpression makes the variable a subexpression of the
// linking group, Brian2's add_referred_subexpression: the source's
// definition with each of the source's variables replaced by a hidden
// linked variable (named _<name>_<source>_<variable>) read through the
// same index, and each of the source's namespace constants by a hidden
// constant (_<name>_<constant>), so it is evaluated where it is used, at
// the state and time of the use (inside multi-stage integrators too).

// gatherLink says where the elements of an indexed link live: element k
// reads src[pos[k]].
type gatherLink struct {
	src []float64
	pos []int32
}

// fill copies the linked values into dst.
func (l *gatherLink) fill(dst []float64) {
	for k, p := range l.pos {
		dst[k] = l.src[p]
	}
}

// computeGather is the read-through compute of a gathered variable.
func computeGather(l *gatherLink) func(dst []float64, lo, hi int, t float64) error {
	return func(dst []float64, lo, hi int, _ float64) error {
		for k := lo; k < hi; k++ {
			dst[k] = l.src[l.pos[k]]
		}
		return nil
	}
}

// linkSource is the variable a link reads, resolved when linking.
type linkSource struct {
	label  string // "group.variable", for messages and linkedTo
	unit   string
	n      int  // number of source elements
	shared bool // one value: data[0]
	data   []float64
	off    int     // element e at data[off+e] when pos is nil
	pos    []int32 // element e at data[pos[e]]
	// perSynapse: the source is a synaptic endpoint (v_pre of a Synapses),
	// one element per synapse; Brian2 links it only through an index.
	perSynapse bool
	// A subexpression source: its definition with the owner's
	// subexpressions substituted, the group linked to (a NeuronGroup or a
	// subgroup of one) and its owner.
	def   expr.Node
	group Group
	owner *NeuronGroup
}

// at is the storage position of source element e.
func (ls *linkSource) at(e int) int32 {
	if ls.pos != nil {
		return ls.pos[e]
	}
	return int32(ls.off + e)
}

// resolveLinkSource finds variable name of src for a link.
func resolveLinkSource(src Group, name string) (*linkSource, error) {
	if src == nil {
		return nil, fmt.Errorf("nil source group")
	}
	if s, ok := src.(*Synapses); ok {
		return s.linkSourceOf(name)
	}
	v, off, err := src.groupVar(name)
	if err != nil {
		return nil, err
	}
	ls := &linkSource{label: src.Name() + "." + name, unit: v.unit, n: src.Size()}
	if v.linked && v.linkedTo == "" {
		return nil, fmt.Errorf("%s is a (linked) variable that is not linked yet: link it first", ls.label)
	}
	switch {
	case v.gather != nil:
		ls.data, ls.pos = v.gather.src, v.gather.pos[off:off+src.Size()]
	case v.data == nil:
		owner := ownerGroup(src)
		if owner == nil {
			return nil, fmt.Errorf("%s is computed: only subexpressions of a NeuronGroup can be linked", ls.label)
		}
		def, ok := owner.subexprs[name]
		if !ok {
			return nil, fmt.Errorf("%s is not a stored variable or a subexpression", ls.label)
		}
		if xi := noiseIn(owner.expand(def)); xi != "" {
			return nil, fmt.Errorf("%s contains the noise %s: it has no value outside its group's state update", ls.label, xi)
		}
		ls.def, ls.group, ls.owner = owner.expand(def), src, owner
	case v.shared:
		ls.shared, ls.data = true, v.data[:1]
	default:
		ls.data, ls.off = v.data, off
	}
	return ls, nil
}

// ownerGroup is the NeuronGroup whose variables src shows, or nil.
func ownerGroup(src Group) *NeuronGroup {
	switch g := src.(type) {
	case *NeuronGroup:
		return g
	case *Subgroup:
		return ownerGroup(g.parent)
	}
	return nil
}

// linkSourceOf resolves name of the synapses for a link: a shared
// synaptic variable, or an endpoint variable (v_pre, v_post) seen per
// synapse, with the synapses as they are connected now (Brian2
// precomputes these indices when linking too). Per-synapse variables are
// refused as Brian2 refuses them: their number changes with Connect.
func (s *Synapses) linkSourceOf(name string) (*linkSource, error) {
	label := s.name + "." + name
	if d, ok := s.vars[name]; ok {
		if s.shared[name] {
			return &linkSource{label: label, unit: s.units[name], n: 1, shared: true, data: d[:1]}, nil
		}
		return nil, fmt.Errorf("%s is a synaptic variable, whose size changes with the connections: only variables of fixed size can be linked (Brian2 refuses it too)", label)
	}
	if _, ok := s.subexprs[name]; ok {
		return nil, fmt.Errorf("%s is a synaptic subexpression: only variables of fixed size can be linked", label)
	}
	if _, ok := s.linkDecl[name]; ok {
		return nil, fmt.Errorf("%s is a linked synaptic variable: link to what it shows instead", label)
	}
	v, off, kind, err := s.endpoint(name)
	if err != nil {
		return nil, fmt.Errorf("%s has no variable %q and its groups none of that name", s.name, name)
	}
	if v.data == nil && v.gather == nil {
		return nil, fmt.Errorf("%s is a subexpression of the synapses' group: link to the group's subexpression", label)
	}
	ls := &linkSource{label: label, unit: v.unit, n: len(s.pre), perSynapse: true}
	if v.shared {
		ls.shared, ls.data = true, v.data[:1]
		return ls, nil
	}
	idx := s.post
	if kind == 1 {
		idx = s.pre
	}
	ls.data, ls.pos = v.data, make([]int32, len(idx))
	if v.gather != nil {
		ls.data = v.gather.src
	}
	for e, k := range idx {
		p := off + int(k)
		if v.gather != nil {
			ls.pos[e] = v.gather.pos[p]
		} else {
			ls.pos[e] = int32(p)
		}
	}
	return ls, nil
}

// checkLinkIndex applies Brian2's rules to a link of a group of n
// elements to ls through index (indexed: an index was given).
func checkLinkIndex(ls *linkSource, n int, index []int, indexed bool) error {
	if indexed {
		if len(index) != n {
			return fmt.Errorf("the index has %d entries, it needs one per element of the group (%d)", len(index), n)
		}
		m := ls.n
		if ls.shared {
			m = 1
		}
		for k, x := range index {
			if x < 0 || x >= m {
				return fmt.Errorf("index[%d] = %d is outside the valid range [0, %d) of %s", k, x, m, ls.label)
			}
		}
		return nil
	}
	if ls.perSynapse && !ls.shared {
		return fmt.Errorf("%s has one value per synapse: give an index (the synapses to read, as Brian2 requires)", ls.label)
	}
	if !ls.shared && ls.n != n && ls.n != 1 {
		return fmt.Errorf("the size of %s does not match the group's (%d != %d): give an index to link groups of different sizes", ls.label, ls.n, n)
	}
	return nil
}

// bindLink points v, a variable of a group of n elements, at the stored
// source ls through index; it reports whether v is gathered.
func bindLink(v *variable, n int, ls *linkSource, index []int, indexed bool) bool {
	v.linkedTo = ls.label
	switch {
	case ls.shared:
		v.shared, v.data = true, ls.data[:1]
		return false
	case !indexed && ls.n == 1 && n != 1:
		// One source element: read as a shared value (Brian2's index '0').
		p := ls.at(0)
		v.shared, v.data = true, ls.data[p:p+1]
		return false
	case !indexed && ls.pos == nil:
		v.data = ls.data[ls.off : ls.off+n]
		return false
	}
	pos := make([]int32, n)
	for k := range pos {
		e := k
		if indexed {
			e = index[k]
		}
		pos[k] = ls.at(e)
	}
	v.gather = &gatherLink{src: ls.data, pos: pos}
	v.data = make([]float64, n)
	v.gather.fill(v.data)
	v.compute = computeGather(v.gather)
	return true
}

// nsLink is a namespace constant of a linked subexpression's source
// group, declared in the linking group as to; or, with time set, the
// source's t: the time at the start of the step, which Brian2 does not
// move to the stage times of multi-stage integrators (its t is renamed to
// a reference to the source's clock, which they do not substitute).
type nsLink struct {
	ns       map[string]any
	from, to string
	time     bool
	// fn: a function (TimedArray, *expr.Func) the subexpression calls,
	// declared under its own name when the linking group's namespace has
	// none of that name (Brian2 resolves it in the linking group's).
	fn bool
}

// declareNSLinks declares the linked namespace constants in d (resolved
// at every build, as namespaces are).
func declareNSLinks(d *expr.Decls, links []nsLink, dt float64) error {
	for _, l := range links {
		if l.time {
			d.Scalar(l.to, units.DimTime())
			continue
		}
		if _, has := d.Funcs[l.to]; l.fn && has {
			continue
		}
		tmp := expr.NewDecls()
		if _, err := addNamespace(tmp, l.ns, dt); err != nil {
			return err
		}
		if f, ok := tmp.Funcs[l.from]; ok && l.fn {
			d.Func(l.to, f)
		}
		if v, ok := tmp.Vars[l.from]; ok && !l.fn {
			d.Vars[l.to] = v
		}
	}
	return nil
}

// renameLinkedSubexpr rewrites the definition of the subexpression
// source ls for the linking variable name (Brian2's
// add_referred_subexpression): each variable x of the source group
// becomes the hidden linked variable _<name>_<owner>_x, made by hidden
// from its own source; i becomes the source's element index (counted
// from the start of a subgroup) and N its size; each namespace constant c
// of the owner becomes _<name>_c, and t the time at the start of the
// step (nsLink). dt and units are the linking group's; functions are
// the linking group's, else the owner's of that name.
func renameLinkedSubexpr(ls *linkSource, name string, hidden func(hiddenName string, hs *linkSource) error) (expr.Node, []nsLink, error) {
	repl := map[string]expr.Node{}
	var ns []nsLink
	for _, id := range expr.Variables(ls.def) {
		h := "_" + name + "_" + ls.owner.name + "_" + id
		switch {
		case id == "N":
			repl[id] = expr.Num(float64(ls.n))
			continue
		case id == "i":
			idx := make([]float64, ls.n)
			for k := range idx {
				idx[k] = float64(k)
			}
			if err := hidden(h, &linkSource{label: ls.group.Name() + ".i", unit: "1", n: ls.n, data: idx}); err != nil {
				return nil, nil, err
			}
		case id == "t":
			ns = append(ns, nsLink{to: h, time: true})
		case id == "dt":
			continue
		default:
			if _, ok := ls.owner.vars.vars[id]; ok {
				hs, err := resolveLinkSource(ls.group, id)
				if err != nil {
					return nil, nil, err
				}
				if err := hidden(h, hs); err != nil {
					return nil, nil, err
				}
			} else if _, ok := ls.owner.opts.Namespace[id]; ok {
				h = "_" + name + "_" + id
				ns = append(ns, nsLink{ns: ls.owner.opts.Namespace, from: id, to: h})
			} else {
				continue // a unit, pi, or a name of the linking group
			}
		}
		repl[id] = expr.Ident(h)
	}
	for _, f := range expr.Functions(ls.def) {
		if _, ok := ls.owner.opts.Namespace[f]; ok {
			ns = append(ns, nsLink{ns: ls.owner.opts.Namespace, from: f, to: f, fn: true})
		}
	}
	return expr.Substitute(ls.def, repl), ns, nil
}

// LinkVariable makes the (linked) parameter name of the group show
// variable srcVar of src, Brian2's G.name = linked_var(src, srcVar): the
// group reads the other group's values and cannot write them. src must
// have as many elements as the group (a subgroup of a larger group serves
// to link a part), or one element, whose value every element then reads
// (Brian2's examples/reliability.py: N neurons driven by one input
// neuron's x), or srcVar must be shared. srcVar may be a stored variable
// of a NeuronGroup, subgroup, PoissonGroup or SpikeGeneratorGroup, another
// linked variable, a subexpression of a NeuronGroup (evaluated where it
// is used, read-only), or a shared variable of Synapses; LinkVariableIndex
// links groups of different sizes. Errors as Brian2's: a variable not
// declared (linked), an unknown source variable, another dimension, a
// size mismatch; a variable can be linked once (Brian2 keeps the first
// link silently, or fails, when linked again).
func (g *NeuronGroup) LinkVariable(name string, src Group, srcVar string) error {
	return g.link(name, src, srcVar, nil, false)
}

// LinkVariableIndex is LinkVariable through an index, Brian2's
// linked_var(src, srcVar, index=index): element k of the group reads
// element index[k] of the source (len(index) = the group's size, every
// entry in [0, source size)). With Synapses as src, srcVar may be an
// endpoint variable (v_pre, v_post): index then picks synapses, and
// element k reads the source or target neuron of synapse index[k] as
// the synapses are connected when linking (Brian2 precomputes it too).
func (g *NeuronGroup) LinkVariableIndex(name string, src Group, srcVar string, index []int) error {
	return g.link(name, src, srcVar, index, true)
}

func (g *NeuronGroup) link(name string, src Group, srcVar string, index []int, indexed bool) error {
	fail := func(format string, a ...any) error {
		return fmt.Errorf("spiking: %s.LinkVariable(%q): "+format, append([]any{g.name, name}, a...)...)
	}
	v, err := g.vars.lookup(g.name, name)
	if err != nil {
		return fail("%w", err)
	}
	if !v.linked {
		return fail("%s has to be declared as a linked variable with (linked) in the equations", name)
	}
	if v.linkedTo != "" || v.data == nil {
		return fail("%s is already linked to %s (a link cannot be changed)", name, v.linkedTo)
	}
	ls, err := resolveLinkSource(src, srcVar)
	if err != nil {
		return fail("%w", err)
	}
	du, _ := dimOfUnit(v.unit)
	ds, _ := dimOfUnit(ls.unit)
	if du != ds {
		return fail("%s has dimension %s, %s has %s", ls.label, ds, name, du)
	}
	if err := checkLinkIndex(ls, g.n, index, indexed); err != nil {
		return fail("%w", err)
	}
	// Undone if the group's code no longer compiles.
	saved, savedVars, savedOrder := *v, maps.Clone(g.vars.vars), slices.Clone(g.vars.order)
	savedSubs, savedNS, savedGathered := maps.Clone(g.linkSubs), slices.Clone(g.linkNS), slices.Clone(g.gathered)
	if ls.def == nil {
		if bindLink(v, g.n, ls, index, indexed) {
			g.gathered = append(g.gathered, v)
		}
	} else {
		def, ns, err := renameLinkedSubexpr(ls, name, func(h string, hs *linkSource) error {
			if _, taken := g.vars.vars[h]; taken {
				return fmt.Errorf("the hidden name %s is taken", h)
			}
			hv := g.vars.add(&variable{name: h, unit: hs.unit, readOnly: true, linked: true})
			if bindLink(hv, g.n, hs, index, indexed) {
				g.gathered = append(g.gathered, hv)
			}
			return nil
		})
		if err != nil {
			*v, g.vars.vars, g.vars.order, g.gathered = saved, savedVars, savedOrder, savedGathered
			return fail("%w", err)
		}
		if g.linkSubs == nil {
			g.linkSubs = map[string]expr.Node{}
		}
		g.linkSubs[name] = def
		g.linkNS = append(g.linkNS, ns...)
		v.data, v.shared, v.linkedTo = nil, false, ls.label
	}
	dt := g.opts.Dt
	if dt == 0 {
		dt = DefaultDt
	}
	if err := g.build(dt); err != nil { // rebind the compiled code to the linked storage
		*v, g.vars.vars, g.vars.order = saved, savedVars, savedOrder
		g.linkSubs, g.linkNS, g.gathered = savedSubs, savedNS, savedGathered
		if berr := g.build(dt); berr != nil {
			return fail("%w (and the group no longer builds: %v)", err, berr)
		}
		return fail("%w", err)
	}
	return nil
}

// refreshLinks copies the values of the group's gathered links.
func (g *NeuronGroup) refreshLinks() {
	for _, v := range g.gathered {
		v.gather.fill(v.data)
	}
}

// withLinkRefresh makes each operation refresh the group's gathered links
// before it runs, so that it reads the sources' current values.
func (g *NeuronGroup) withLinkRefresh(ops []*operation) {
	if len(g.gathered) == 0 {
		return
	}
	for _, op := range ops {
		run := op.run
		op.run = func(s tick) error {
			g.refreshLinks()
			return run(s)
		}
	}
}
