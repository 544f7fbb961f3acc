package spiking

import (
	"math"
	"slices"
	"sort"
	"unsafe"
)

// spikeQueue is one pathway's spike queue, shared by Synapses' pathways
// and Connection: a spike of element e becomes the events of e's
// synapses (in synapse order), each due after its synapse's delay, and
// the events due at a step are handed out in the order they were queued
// (Brian2's SpikeQueue semantics).
type spikeQueue struct {
	// by element: synapses in synapse order (CSR), syn[start[e]:start[e+1]];
	// when identity (synapses made row by row, as Connect* make them) they
	// are start[e] .. start[e+1]-1 and syn is built only if events are
	// queued (see arrange)
	start    []int32
	syn      []int32
	identity bool
	// delay holds each synapse's delay in steps; nil when they share one,
	// oneDelay (>= 0; -1 otherwise): a spike's synapses are then queued as
	// one slice.
	delay    []int64
	oneDelay int64
	// ring of slots: slot r holds the events due at step due[r]
	ring [][]int32
	due  []int64
	// the connectivity start and syn were built from (cache key)
	builtFrom *int32
	builtLen  int
	builtN    int
}

// arrange builds the per-element synapse lists (idx: each synapse's
// element, n elements) and the delays in steps (delays in seconds, one per
// synapse, step dt), keeping the events in transit at their due steps.
// With sameSynapses the caller promises that idx has not changed since
// the last call if its length and storage are the same: the lists are
// then kept (Synapses only append synapses). With direct the caller runs
// undelayed events straight from the lists (a range of synapses when
// identity) and never queues them, so when every delay is 0 an identity
// syn is not built.
func (q *spikeQueue) arrange(idx []int32, n int, delays []float64, dt float64, sameSynapses, direct bool) {
	var from *int32
	if len(idx) > 0 {
		from = unsafe.SliceData(idx)
	}
	if !sameSynapses || q.start == nil || from != q.builtFrom || len(idx) != q.builtLen || n != q.builtN {
		q.buildLists(idx, n)
		q.builtFrom, q.builtLen, q.builtN = from, len(idx), n
		if !sameSynapses {
			q.builtFrom = nil
		}
	}
	maxD := q.arrangeDelays(delays, dt)
	if q.identity && q.syn == nil && !(direct && q.oneDelay == 0) {
		q.syn = make([]int32, q.builtLen)
		for k := range q.syn {
			q.syn[k] = int32(k)
		}
	}
	// A ring longer than the longest delay keeps working (so events in
	// transit keep their slots when delays shrink); else rebuild it with
	// the pending events at their due steps (they span less than the old
	// length, so they never share a slot).
	if len(q.ring) > int(maxD) {
		return
	}
	type slot struct {
		due int64
		ev  []int32
	}
	var pending []slot
	for r, ev := range q.ring {
		if len(ev) > 0 {
			pending = append(pending, slot{q.due[r], ev})
		}
	}
	sort.Slice(pending, func(a, b int) bool { return pending[a].due < pending[b].due })
	L := int(maxD) + 1
	q.ring, q.due = make([][]int32, L), make([]int64, L)
	for r := range q.due {
		q.due[r] = -1
	}
	for _, p := range pending {
		q.push(p.due, p.ev...)
	}
}

// buildLists builds start and syn from idx. When idx is non-decreasing
// syn would be the identity: it is left nil (see arrange).
func (q *spikeQueue) buildLists(idx []int32, n int) {
	q.start = make([]int32, n+1)
	sorted := true
	prev := int32(math.MinInt32)
	for _, e := range idx {
		q.start[e+1]++
		sorted = sorted && e >= prev
		prev = e
	}
	for e := range n {
		q.start[e+1] += q.start[e]
	}
	q.syn, q.identity = nil, sorted
	if sorted {
		return
	}
	q.syn = make([]int32, len(idx))
	fill := slices.Clone(q.start[:n])
	for k, e := range idx {
		q.syn[fill[e]] = int32(k)
		fill[e]++
	}
}

// arrangeDelays converts the delays to steps and returns the longest.
// When every synapse has the same delay (in seconds, or after rounding to
// steps) the per-synapse array is dropped and oneDelay holds it.
func (q *spikeQueue) arrangeDelays(delays []float64, dt float64) int64 {
	q.oneDelay = -1
	if len(delays) == 0 {
		q.delay = nil
		return 0
	}
	d0 := delays[0]
	if !slices.ContainsFunc(delays, func(d float64) bool { return d != d0 }) {
		q.delay = nil
		q.oneDelay = int64(math.RoundToEven(d0 / dt))
		return q.oneDelay
	}
	if len(q.delay) != len(delays) {
		q.delay = make([]int64, len(delays))
	}
	maxD := int64(0)
	for k, d := range delays {
		q.delay[k] = int64(math.RoundToEven(d / dt))
		maxD = max(maxD, q.delay[k])
	}
	if !slices.ContainsFunc(q.delay, func(d int64) bool { return d != q.delay[0] }) {
		q.oneDelay = q.delay[0]
		q.delay = nil
	}
	return maxD
}

func (q *spikeQueue) push(due int64, ev ...int32) {
	L := int64(len(q.ring))
	r := int(((due % L) + L) % L)
	if q.due[r] != due {
		q.ring[r] = q.ring[r][:0]
		q.due[r] = due
	}
	q.ring[r] = append(q.ring[r], ev...)
}

// enqueue queues the events of the spikes of step k.
func (q *spikeQueue) enqueue(spikes []int32, k int64) {
	for _, e := range spikes {
		if q.oneDelay >= 0 {
			q.push(k+q.oneDelay, q.syn[q.start[e]:q.start[e+1]]...)
			continue
		}
		for _, s := range q.syn[q.start[e]:q.start[e+1]] {
			q.push(k+q.delay[s], s)
		}
	}
}

// dueNow returns the events due at step k (nil if none); done empties
// their slot once they have been run.
func (q *spikeQueue) dueNow(k int64) []int32 {
	r := int(k % int64(len(q.ring)))
	if q.due[r] != k || len(q.ring[r]) == 0 {
		return nil
	}
	return q.ring[r]
}

func (q *spikeQueue) done(k int64) {
	r := int(k % int64(len(q.ring)))
	q.ring[r], q.due[r] = q.ring[r][:0], -1
}

// step queues the synapses of the spikes of step k and passes the events
// due now, if any, to deliver.
func (q *spikeQueue) step(spikes []int32, k int64, deliver func(ev []int32) error) error {
	q.enqueue(spikes, k)
	ev := q.dueNow(k)
	if ev == nil {
		return nil
	}
	err := deliver(ev)
	q.done(k)
	return err
}

// queueState is a spikeQueue's events in transit, for snapshots.
type queueState struct {
	ring [][]int32
	due  []int64
}

func (q *spikeQueue) save() queueState {
	return queueState{ring: cloneRing(q.ring), due: slices.Clone(q.due)}
}

func (q *spikeQueue) load(st queueState) {
	q.ring, q.due = cloneRing(st.ring), slices.Clone(st.due)
}

func cloneRing(r [][]int32) [][]int32 {
	out := make([][]int32, len(r))
	for k := range r {
		out[k] = slices.Clone(r[k])
	}
	return out
}
