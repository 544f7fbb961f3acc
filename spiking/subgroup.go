package spiking

import (
	"fmt"
	"math"
	"slices"
)

// Subgroup is a contiguous range [lo, hi) of a group's elements, like
// Brian2's G[lo:hi]: a view that shares the parent's variables and spikes
// (indices relative to the subgroup). Monitors (and synapses) accept it
// wherever a group is accepted; it runs as part of its parent, so adding it
// to a Network is allowed but not needed.
type Subgroup struct {
	parent SpikeSource
	lo, hi int
	buf    []int32
}

// Sub returns the subgroup of neurons [lo, hi).
func (g *NeuronGroup) Sub(lo, hi int) (*Subgroup, error) { return newSubgroup(g, lo, hi) }

// Sub returns the subgroup of elements [lo, hi).
func (g *PoissonGroup) Sub(lo, hi int) (*Subgroup, error) { return newSubgroup(g, lo, hi) }

// Sub returns the subgroup of elements [lo, hi).
func (g *SpikeGeneratorGroup) Sub(lo, hi int) (*Subgroup, error) { return newSubgroup(g, lo, hi) }

func newSubgroup(p SpikeSource, lo, hi int) (*Subgroup, error) {
	if lo < 0 || hi > p.Size() || lo >= hi {
		return nil, fmt.Errorf("spiking: %s: subgroup [%d, %d) is empty or outside [0, %d)", p.Name(), lo, hi, p.Size())
	}
	return &Subgroup{parent: p, lo: lo, hi: hi}, nil
}

// Name is the name of the subgroup (parent_subgroup_lo_hi).
func (s *Subgroup) Name() string {
	return fmt.Sprintf("%s_subgroup_%d_%d", s.parent.Name(), s.lo, s.hi)
}

// Size is the number of elements.
func (s *Subgroup) Size() int { return s.hi - s.lo }

// Range returns the parent indices [lo, hi) of the subgroup.
func (s *Subgroup) Range() (lo, hi int) { return s.lo, s.hi }

func (s *Subgroup) groupVar(name string) (*variable, int, error) {
	v, off, err := s.parent.groupVar(name)
	return v, off + s.lo, err
}
func (s *Subgroup) groupDt() float64   { return s.parent.groupDt() }
func (s *Subgroup) schedOrder() int    { return groupOrder(s.parent) }
func (s *Subgroup) spikeOwner() Object { return s.parent.spikeOwner() }

func (s *Subgroup) currentSpikes() []int32 {
	s.buf = subSpikes(s.buf, s.parent.currentSpikes(), s.lo, s.hi)
	return s.buf
}

func (s *Subgroup) prepare(net *Network) ([]*operation, error) {
	owner := s.parent.spikeOwner()
	if !net.holds(owner) {
		return nil, fmt.Errorf("subgroup of %s, which is not in the network", owner.Name())
	}
	return nil, nil
}

// Get returns a copy of a variable's values for the subgroup's elements.
func (s *Subgroup) Get(name string) ([]float64, error) {
	v, off, err := s.groupVar(name)
	if err != nil {
		return nil, err
	}
	if v.shared {
		return slices.Clone(v.data), nil
	}
	if v.compute != nil {
		out := make([]float64, off+s.Size())
		if err := v.compute(out, off, off+s.Size(), math.NaN()); err != nil {
			return nil, err
		}
		return out[off:], nil
	}
	return slices.Clone(v.data[off : off+s.Size()]), nil
}

// Set sets a variable of the subgroup's neurons (one value or one per
// element); only for subgroups of a NeuronGroup.
func (s *Subgroup) Set(name string, values ...float64) error {
	g, ok := s.parent.(*NeuronGroup)
	if !ok {
		return fmt.Errorf("spiking: %s: only subgroups of neuron groups can be set", s.Name())
	}
	return g.setRange(name, s.lo, s.hi, values)
}

// SetExpr sets a variable of the subgroup's neurons from an expression;
// as in Brian2, i counts from 0 at the subgroup's first element and N is
// the subgroup's size.
func (s *Subgroup) SetExpr(name, code string) error {
	g, ok := s.parent.(*NeuronGroup)
	if !ok {
		return fmt.Errorf("spiking: %s: only subgroups of neuron groups can be set", s.Name())
	}
	return g.setExprRange(name, code, s.lo, s.hi)
}
