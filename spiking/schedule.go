package spiking

import (
	"fmt"
	"slices"
	"strings"
)

// Slot names of the default Brian2 schedule. Every slot s also has the
// variants "before_"+s and "after_"+s, which run just before and after it.
const (
	SlotStart      = "start"
	SlotGroups     = "groups"
	SlotThresholds = "thresholds"
	SlotSynapses   = "synapses"
	SlotResets     = "resets"
	SlotEnd        = "end"
)

// DefaultSchedule is Brian2's default schedule: the order of the slots
// within one time step. It is the one table of the schedule order.
var DefaultSchedule = []string{SlotStart, SlotGroups, SlotThresholds, SlotSynapses, SlotResets, SlotEnd}

// slotRank gives the position of when in the schedule: 3 ranks per slot
// (before_, slot, after_).
func slotRank(schedule []string, when string) (int, error) {
	base, off := when, 1
	if s, ok := strings.CutPrefix(when, "before_"); ok {
		base, off = s, 0
	} else if s, ok := strings.CutPrefix(when, "after_"); ok {
		base, off = s, 2
	}
	k := slices.Index(schedule, base)
	if k < 0 {
		return 0, fmt.Errorf("spiking: unknown schedule slot %q (slots: %s, each also with before_/after_)", when, strings.Join(schedule, ", "))
	}
	return 3*k + off, nil
}

// tick describes the time step an operation runs in.
type tick struct {
	// K is the step index of the operation's clock, T = float64(K)*Dt its
	// start time in seconds, Dt the clock step in seconds.
	K     int64
	T, Dt float64
}

// operation is one scheduled piece of an object (Brian2's code objects:
// state updater, thresholder, resetter, monitor, run_regularly ...).
type operation struct {
	name  string
	when  string
	order int
	clock *simClock
	run   func(s tick) error
	rank  int
	// Fusion of a neuron group's threshold into its state update (one
	// parallel pass, one barrier per step): owner is the object whose state
	// the operation writes (or, for spike monitors, whose spikes it reads);
	// fuseSafe marks operations that may sit between a state updater and
	// its thresholder without reading or writing that group's variables.
	owner       Object
	fuseSafe    bool
	isThreshold bool
	fuse        func(on bool)
	// summed, for a summed-variable updater, is the range of the target
	// variable it overwrites (Network.prepare refuses overlaps).
	summed *summedRange
}

// summedRange is the part [lo, hi) of variable v (named name in group
// group) that a summed-variable updater overwrites every step.
type summedRange struct {
	v           *variable
	lo, hi      int
	name, group string
}

// scheduled is implemented by every object a Network can run.
type scheduled interface {
	// Name is the unique name of the object.
	Name() string
	// prepare is called at the start of every Run, after all objects are
	// known; it compiles code and resolves references and returns the
	// operations of the object.
	prepare(net *Network) ([]*operation, error)
}

func sortOperations(ops []*operation) {
	slices.SortStableFunc(ops, func(a, b *operation) int {
		if a.rank != b.rank {
			return a.rank - b.rank
		}
		if a.order != b.order {
			return a.order - b.order
		}
		return strings.Compare(a.name, b.name)
	})
}
