package spiking

import (
	"fmt"
	"math"
	"sort"
	"strconv"
)

// naming is the name of an object. A name given in the options is used as
// given; an automatic one is provisional (the base, e.g. "neurongroup")
// until the object first joins a Network, whose namer makes it unique
// within that network as Brian2's find_name does among live objects: base,
// base_1, base_2, ... (the smallest free suffix), in the order the objects
// are added. Names break ties in the schedule (Brian2 sorts equal slot and
// order by name, as strings, so "neurongroup_10" runs before
// "neurongroup_9", in Brian2 as here) and label random streams, so a
// network's results do not depend on what else the process created.
type naming struct {
	name string
	auto bool // provisional: assigned by the first Network it joins
}

func newNaming(base, given string) naming {
	if given != "" {
		return naming{name: given}
	}
	return naming{name: base, auto: true}
}

// namer assigns automatic names within one network.
func (n *Network) uniqueName(base string) string {
	if _, taken := n.byName[base]; !taken {
		return base
	}
	for k := 1; ; k++ {
		if c := base + "_" + strconv.Itoa(k); n.byName[c] == nil {
			return c
		}
	}
}

// autoNamed is implemented by objects with a naming.
type autoNamed interface{ objNaming() *naming }

func (nm *naming) objNaming() *naming { return nm }

// variable is one named quantity of a group: a vector with one value per
// element, or one shared value.
type variable struct {
	name     string
	unit     string // unit as written in the equations ("1" dimensionless)
	data     []float64
	shared   bool
	constant bool // may not be written by statements
	readOnly bool // may not be written at all (i, N, t ...)
	isBool   bool
	isInt    bool
	// linked marks a (linked) parameter; linkedTo names the variable it
	// shows ("" until NeuronGroup.LinkVariable).
	linked   bool
	linkedTo string
	// gather, for a variable linked through an index (linked.go), says
	// where each element's value lives; data is then a copy refreshed
	// before the group's code runs, and compute reads through.
	gather *gatherLink
	// compute evaluates a subexpression into dst[lo:hi] for elements
	// [lo, hi) at the current state and time t (seconds; NaN: the group's
	// clock time), for monitors and Get; nil for stored variables.
	compute func(dst []float64, lo, hi int, t float64) error
}

// varTable holds the variables of a group.
type varTable struct {
	size  int
	vars  map[string]*variable
	order []string
}

func newVarTable(size int) varTable {
	return varTable{size: size, vars: map[string]*variable{}}
}

func (vt *varTable) add(v *variable) *variable {
	if _, ok := vt.vars[v.name]; !ok {
		vt.order = append(vt.order, v.name)
	}
	vt.vars[v.name] = v
	return v
}

func (vt *varTable) addVector(name, unit string) *variable {
	return vt.add(&variable{name: name, unit: unit, data: make([]float64, vt.size)})
}

func (vt *varTable) addShared(name, unit string) *variable {
	return vt.add(&variable{name: name, unit: unit, data: make([]float64, 1), shared: true})
}

func (vt *varTable) lookup(owner, name string) (*variable, error) {
	v, ok := vt.vars[name]
	if !ok {
		known := append([]string(nil), vt.order...)
		sort.Strings(known)
		return nil, fmt.Errorf("spiking: %s has no variable %q (variables: %v)", owner, name, known)
	}
	return v, nil
}

// Group is a set of elements (neurons, inputs) with named variables that
// monitors can record and synapses can address.
type Group interface {
	Object
	// Size is the number of elements.
	Size() int
	// groupVar returns the variable name and the element offset of the
	// group inside the variable's storage (non-zero for subgroups).
	groupVar(name string) (*variable, int, error)
	// groupDt is the clock step of the group (0 = the network default).
	groupDt() float64
}

// SpikeSource is a group that emits spikes: neuron groups, Poisson groups,
// spike generators and their subgroups.
type SpikeSource interface {
	Group
	// currentSpikes returns the indices (relative to the source) of the
	// elements that spiked in the current time step, ascending for neuron
	// groups; valid after the thresholds slot until the next one.
	currentSpikes() []int32
	// spikeOwner is the object that owns the spike space (the group itself
	// for groups, the parent for subgroups), for scheduling monitors.
	spikeOwner() Object
}

// spikeSpace stores the spikes of the current step.
type spikeSpace struct {
	spikes []int32
}

func (s *spikeSpace) currentSpikes() []int32 { return s.spikes }

// checkValues validates values for a variable of size n: one value
// (broadcast) or n values, no NaN.
func checkValues(owner, name string, n int, values []float64) error {
	if len(values) != 1 && len(values) != n {
		return fmt.Errorf("spiking: %s.%s: got %d values, want 1 or %d", owner, name, len(values), n)
	}
	for k, x := range values {
		if math.IsNaN(x) {
			return fmt.Errorf("spiking: %s.%s: value %d is NaN", owner, name, k)
		}
	}
	return nil
}

// subSpikes returns the spikes of a parent spike list that fall in
// [lo, hi), shifted by -lo, using dst as storage. The parent list must be
// ascending.
func subSpikes(dst []int32, parent []int32, lo, hi int) []int32 {
	a := sort.Search(len(parent), func(k int) bool { return int(parent[k]) >= lo })
	b := sort.Search(len(parent), func(k int) bool { return int(parent[k]) >= hi })
	dst = dst[:0]
	for _, s := range parent[a:b] {
		dst = append(dst, s-int32(lo))
	}
	return dst
}
