package spiking

import (
	"fmt"
	"maps"
	"slices"

	"github.com/gohears/hears/expr"
)

// LinkIndex says which element of a linked variable's source each synapse
// reads (Synapses.LinkVariable).
type LinkIndex string

// The indices of Synapses.LinkVariable, Brian2's index names of
// Variables.add_reference.
const (
	// LinkPresynaptic: synapse k reads the source element of its
	// presynaptic neuron i (Brian2's '_presynaptic_idx'); the source has as
	// many elements as the synapses' source.
	LinkPresynaptic LinkIndex = "i"
	// LinkPostsynaptic: synapse k reads the element of its postsynaptic
	// neuron j (Brian2's '_postsynaptic_idx').
	LinkPostsynaptic LinkIndex = "j"
	// LinkOne: every synapse reads the one element of the source (a
	// one-element group, or a shared variable), Brian2's '0'.
	LinkOne LinkIndex = "0"
)

// synLink is where a linked synaptic name reads: as an endpoint variable
// (kind 1 through the presynaptic index, 2 the postsynaptic one) of a
// view of the source's storage.
type synLink struct {
	v    *variable
	off  int
	kind int
}

// LinkVariable makes the (linked) synaptic parameter name show variable
// srcVar of src, every synapse reading the source element index says.
// It is the construct of Brian2's
// examples/synapses/homeostatic_stdp_at_inhibitory_synapes.py,
// S.variables.add_reference('G', group=global_factor, index='0'), given
// the (linked) flag that NeuronGroups use: Brian2 2.5.1 refuses (linked)
// in Synapses ("Equations of type 'parameter' cannot have a flag
// 'linked'") and offers add_reference instead, which gohears makes a
// declared, checked link. srcVar is a stored variable, a shared one or a
// subexpression (evaluated where it is used, read-only) of a
// NeuronGroup, a subgroup of one or another group; the source must have
// as many elements as the synapses' source (LinkPresynaptic) or target
// (LinkPostsynaptic), or one (LinkOne). Linked synaptic variables can be
// read by the synapses' code and monitors, not written, and linked once.
func (s *Synapses) LinkVariable(name string, src Group, srcVar string, index LinkIndex) error {
	fail := func(format string, a ...any) error {
		return fmt.Errorf("spiking: %s.LinkVariable(%q): "+format, append([]any{s.name, name}, a...)...)
	}
	unit, ok := s.linkDecl[name]
	if !ok {
		if _, known := s.vars[name]; known {
			return fail("%s has to be declared as a linked variable with (linked) in the model", name)
		}
		return fail("the synapses have no variable %q (declare it with (linked) in the model)", name)
	}
	if to, done := s.linkedTo[name]; done {
		return fail("%s is already linked to %s (a link cannot be changed)", name, to)
	}
	want, kind := 0, 1
	switch index {
	case LinkPresynaptic:
		want = s.src.Size()
	case LinkPostsynaptic:
		want, kind = s.tgt.Size(), 2
	case LinkOne:
		want = 1
	default:
		return fail("unknown index %q (LinkPresynaptic, LinkPostsynaptic or LinkOne)", index)
	}
	ls, err := resolveLinkSource(src, srcVar)
	if err != nil {
		return fail("%w", err)
	}
	du, _ := dimOfUnit(unit)
	ds, _ := dimOfUnit(ls.unit)
	if du != ds {
		return fail("%s has dimension %s, %s has %s", ls.label, ds, name, du)
	}
	if ls.perSynapse {
		return fail("%s has one value per synapse of other synapses", ls.label)
	}
	if !ls.shared && ls.n != want {
		return fail("%s has %d elements; index %q needs %d", ls.label, ls.n, index, want)
	}
	savedLinks, savedSubs, savedNS := maps.Clone(s.links), maps.Clone(s.subexprs), slices.Clone(s.linkNS)
	if s.links == nil {
		s.links = map[string]*synLink{}
	}
	if ls.def == nil {
		s.links[name] = synLinkOf(ls, kind, want)
	} else {
		def, ns, err := renameLinkedSubexpr(ls, name, func(h string, hs *linkSource) error {
			s.links[h] = synLinkOf(hs, kind, want)
			return nil
		})
		if err != nil {
			s.links = savedLinks
			return fail("%w", err)
		}
		s.subexprs[name] = def
		s.linkNS = append(s.linkNS, ns...)
	}
	dt := s.opts.Dt
	if dt == 0 {
		dt = DefaultDt
	}
	if _, err := s.compileAll(dt); err != nil {
		s.links, s.subexprs, s.linkNS = savedLinks, savedSubs, savedNS
		return fail("%w", err)
	}
	s.linkedTo[name] = ls.label
	return nil
}

// synLinkOf is the endpoint view of a stored source ls with want
// elements, read through the index kind.
func synLinkOf(ls *linkSource, kind, want int) *synLink {
	switch {
	case ls.shared:
		return &synLink{v: &variable{unit: ls.unit, data: ls.data[:1], shared: true}, kind: 1}
	case want == 1:
		p := ls.at(0)
		return &synLink{v: &variable{unit: ls.unit, data: ls.data[p : p+1], shared: true}, kind: 1}
	case ls.pos == nil:
		return &synLink{v: &variable{unit: ls.unit, data: ls.data}, off: ls.off, kind: kind}
	}
	g := &gatherLink{src: ls.data, pos: ls.pos}
	return &synLink{v: &variable{unit: ls.unit, gather: g, compute: computeGather(g)}, kind: kind}
}

// linkedDecl declares the linked synaptic names that are not linked yet
// (their dimension is known, their values are not) and reports whether
// name is one.
func (s *Synapses) linkedDecl(d *expr.Decls, name string) bool {
	unit, ok := s.linkDecl[name]
	if !ok {
		return false
	}
	if _, linked := s.links[name]; linked {
		return false
	}
	dim, _ := dimOfUnit(unit)
	d.Vector(name, dim)
	return true
}

// checkLinked refuses a run with a declared but unlinked variable.
func (s *Synapses) checkLinked() error {
	for _, name := range slices.Sorted(maps.Keys(s.linkDecl)) {
		if _, ok := s.linkedTo[name]; !ok {
			return fmt.Errorf("the (linked) variable %s is not linked to a variable (Synapses.LinkVariable)", name)
		}
	}
	return nil
}
