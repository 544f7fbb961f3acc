package spiking

import (
	"errors"
	"fmt"
)

// Model is a neuron model written in Go: BrainPy's NeuGroup.update style,
// for dynamics that are clearer as code than as equations. A Model is run
// by a ModelGroup, which owns the per-neuron state in named arrays.
type Model interface {
	// Update advances neurons [lo, hi) by one time step, from s.T to
	// s.T + s.Dt, reading and writing the group's arrays (s.Var). It
	// must touch only elements lo..hi−1: groups of 2048 neurons or more
	// are updated in blocks of 512 on the network's workers at once.
	// Refractory neurons have s.Var("not_refractory")[i] == 0; honouring
	// it (as "(unless refractory)" does for equations) is the model's
	// choice.
	Update(s *ModelState, lo, hi int) error
}

// ModelState is what a Model's Update sees: the time and step, and the
// group's variables by name.
type ModelState struct {
	// T is the time at the start of the step and Dt the step, in seconds.
	T, Dt float64
	vars  map[string][]float64
}

// Var returns the values of variable name, one per neuron, in SI units
// (nil for a name the group does not store: subexpressions are not
// stored). The slice is the group's own array: writes go to the group.
func (s *ModelState) Var(name string) []float64 { return s.vars[name] }

// ModelGroup is a neuron group whose state update is a Go Model. It is a
// NeuronGroup in every other respect: its variables are declared with
// units as equations declare parameters ("v : volt", "I : amp"), and
// thresholds, resets, refractoriness, synapses (as source and target,
// summed variables included), monitors, subgroups, Get/Set, Store/Restore
// and the network's workers see them as they see any group's. The Go
// update runs in the groups slot, after the updater of any differential
// equations the declarations also hold (and after the refractoriness
// check), before the group's threshold.
//
// All of a model's state must live in declared variables: Store/Restore
// saves those, not fields of the Model value.
//
// Add the ModelGroup itself, not its NeuronGroup, to the Network.
type ModelGroup struct {
	*NeuronGroup
	model Model
	state ModelState
	errs  []error
}

// NewModelGroup creates n neurons stepped by model, with the variables
// declared in variables (Brian2 syntax; parameters, and differential
// equations integrated by the engine before the model's update) and the
// threshold, reset and refractoriness of opts.
func NewModelGroup(n int, variables string, model Model, opts NeuronGroupOptions) (*ModelGroup, error) {
	if model == nil {
		return nil, errors.New("spiking: ModelGroup: nil model")
	}
	g, err := newNeuronGroup(n, variables, opts, "modelgroup")
	if err != nil {
		return nil, err
	}
	return &ModelGroup{NeuronGroup: g, model: model}, nil
}

// wrapped makes the network accept references to the NeuronGroup (its
// spikes, subgroups, synapses from or to it) as references to the
// ModelGroup.
func (m *ModelGroup) wrapped() Object { return m.NeuronGroup }

// Model returns the group's model.
func (m *ModelGroup) Model() Model { return m.model }

func (m *ModelGroup) prepare(net *Network) ([]*operation, error) {
	ops, err := m.NeuronGroup.prepare(net)
	if err != nil {
		return nil, err
	}
	g := m.NeuronGroup
	m.state.vars = map[string][]float64{}
	for _, name := range g.vars.order {
		v := g.vars.vars[name]
		if v.data != nil && !v.shared && len(v.data) == g.n {
			m.state.vars[name] = v.data
		}
	}
	nb := (g.n + stateBlock - 1) / stateBlock
	m.errs = make([]error, nb)
	// The name sorts after the group's own state updater, which computes
	// not_refractory; owner g without fuseSafe keeps the threshold out of
	// that updater, so it sees the model's update.
	op := &operation{name: g.name + "_stateupdater_go", when: SlotGroups, order: g.opts.Order, clock: g.clock, owner: g,
		run: func(s tick) error {
			m.state.T, m.state.Dt = s.T, s.Dt
			net.parallel(g.n, stateBlock, parallelMin, func(b, lo, hi int) {
				m.errs[b] = m.model.Update(&m.state, lo, hi)
			})
			for _, err := range m.errs {
				if err != nil {
					return fmt.Errorf("spiking: %s: model update at t = %g s: %w", g.name, s.T, err)
				}
			}
			return nil
		}}
	return append(ops, op), nil
}
