package spiking

import "fmt"

// LinkVariable makes the (linked) parameter name of the group show
// variable srcVar of src, Brian2's G.name = linked_var(src, srcVar): the
// group reads the other group's values (no copy: they are the same
// storage), and cannot write them. src must have as many elements as the
// group (a subgroup of a larger group serves to link a part) or one
// element, whose value every element then reads (Brian2's
// examples/reliability.py: N neurons driven by one input neuron's x; Get
// returns that one value). Brian2's index= form, linking element k to
// element index[k], is not supported.
// src's variable must be a stored per-element variable of the same unit.
func (g *NeuronGroup) LinkVariable(name string, src Group, srcVar string) error {
	fail := func(format string, a ...any) error {
		return fmt.Errorf("spiking: %s.LinkVariable(%q): "+format, append([]any{g.name, name}, a...)...)
	}
	v, err := g.vars.lookup(g.name, name)
	if err != nil {
		return fail("%w", err)
	}
	if !v.linked {
		return fail("%s is not declared (linked) in the equations", name)
	}
	if src == nil {
		return fail("nil source group")
	}
	if src.Size() != g.n && src.Size() != 1 {
		return fail("%s has %d elements, the group %d (link to a subgroup of the same size, or to one element)", src.Name(), src.Size(), g.n)
	}
	sv, off, err := src.groupVar(srcVar)
	if err != nil {
		return fail("%w", err)
	}
	if sv.data == nil || sv.shared || sv.linked {
		return fail("%s of %s is not a stored per-element variable", srcVar, src.Name())
	}
	du, _ := dimOfUnit(v.unit)
	ds, _ := dimOfUnit(sv.unit)
	if du != ds {
		return fail("%s of %s has dimension %s, %s has %s", srcVar, src.Name(), ds, name, du)
	}
	// One source element: the code reads it as a shared value.
	v.shared = src.Size() == 1 && g.n != 1
	v.data = sv.data[off : off+src.Size()]
	v.linkedTo = src.Name() + "." + srcVar
	dt := g.opts.Dt
	if dt == 0 {
		dt = DefaultDt
	}
	return g.build(dt) // rebind the compiled code to the linked storage
}
