package spiking

import (
	"slices"
	"testing"
)

// TestSpikeQueueOrder checks the queue against the definition: the
// events due at step k are, for each earlier or current step in order,
// each spiking element's synapses (in synapse order) whose delay ends at
// k. Row-ordered and shuffled connectivity, one shared delay and mixed
// delays, with and without direct (identity lists left unbuilt: the
// caller takes the ranges, as pathway.step does).
func TestSpikeQueueOrder(t *testing.T) {
	const n, m, steps, dt = 7, 60, 40, 1e-4
	r := NewRNG(5)
	for _, sorted := range []bool{true, false} {
		for _, mode := range []string{"zero", "three", "mixed"} {
			for _, direct := range []bool{false, true} {
				idx := make([]int32, m)
				for k := range idx {
					idx[k] = int32(r.Float64() * n)
				}
				if sorted {
					slices.Sort(idx)
				}
				delays := make([]float64, m)
				for k := range delays {
					switch mode {
					case "three":
						delays[k] = 3 * dt
					case "mixed":
						delays[k] = float64(int(r.Float64()*5)) * dt
					}
				}
				spikes := make([][]int32, steps)
				for k := range spikes {
					for e := range n {
						if r.Float64() < 0.3 {
							spikes[k] = append(spikes[k], int32(e))
						}
					}
				}
				var q spikeQueue
				q.arrange(idx, n, delays, dt, true, direct)
				if q.identity != sorted {
					t.Fatalf("sorted %v: identity %v", sorted, q.identity)
				}
				for k := range int64(steps) {
					var want []int32
					for k0 := int64(0); k0 <= k; k0++ {
						for _, e := range spikes[k0] {
							for s := range int32(m) {
								if idx[s] == e && k0+int64(delays[s]/dt+0.5) == k {
									want = append(want, s)
								}
							}
						}
					}
					var got []int32
					if direct && mode == "zero" {
						// the caller runs the events from the lists
						if sorted && q.syn != nil {
							t.Fatal("identity lists built for a direct caller")
						}
						for _, e := range spikes[k] {
							for s := q.start[e]; s < q.start[e+1]; s++ {
								if sorted {
									got = append(got, s)
								} else {
									got = append(got, q.syn[s])
								}
							}
						}
					} else if err := q.step(spikes[k], k, func(ev []int32) error {
						got = slices.Clone(ev)
						return nil
					}); err != nil {
						t.Fatal(err)
					}
					if !slices.Equal(got, want) {
						t.Fatalf("sorted %v delays %s direct %v step %d: events %v, want %v", sorted, mode, direct, k, got, want)
					}
				}
			}
		}
	}
}

// TestSpikeQueueKeepsListsUntilSynapsesChange checks the lists kept
// across runs: rebuilt when synapses are appended, or when the caller
// does not promise unchanged synapses.
func TestSpikeQueueKeepsListsUntilSynapsesChange(t *testing.T) {
	idx := make([]int32, 3, 8)
	idx[0], idx[1], idx[2] = 2, 0, 1
	delays := []float64{0, 0, 0}
	var q spikeQueue
	q.arrange(idx, 3, delays, 1e-4, true, false)
	if !slices.Equal(q.syn, []int32{1, 2, 0}) {
		t.Fatalf("syn %v", q.syn)
	}
	q.syn[0] = 99 // a kept list shows the mark
	q.arrange(idx, 3, delays, 1e-4, true, false)
	if q.syn[0] != 99 {
		t.Fatalf("lists rebuilt for unchanged synapses")
	}
	idx = append(idx, 0)
	q.arrange(idx, 3, append(delays, 0), 1e-4, true, false)
	if !slices.Equal(q.syn, []int32{1, 3, 2, 0}) {
		t.Fatalf("after adding a synapse: syn %v", q.syn)
	}
	q.syn[0] = 99
	q.arrange(idx, 3, append(delays, 0), 1e-4, false, false)
	if !slices.Equal(q.syn, []int32{1, 3, 2, 0}) {
		t.Fatalf("without the promise: syn %v", q.syn)
	}
}

// TestSpikeQueueKeepsEventsInTransit checks that events queued with long
// delays keep their due steps when a new run shortens every delay (a
// ring of the new length alone would fold them onto one slot).
func TestSpikeQueueKeepsEventsInTransit(t *testing.T) {
	const dt = 1e-4
	idx := []int32{0, 1, 2}
	var q spikeQueue
	q.arrange(idx, 3, []float64{5 * dt, 5 * dt, 5 * dt}, dt, true, false)
	for k := range int64(3) {
		if err := q.step([]int32{int32(k)}, k, func([]int32) error {
			t.Fatalf("step %d: an event before its delay", k)
			return nil
		}); err != nil {
			t.Fatal(err)
		}
	}
	for _, direct := range []bool{false, true} {
		var r spikeQueue
		r.arrange(idx, 3, []float64{5 * dt, 5 * dt, 5 * dt}, dt, true, false)
		r.load(q.save())
		r.arrange(idx, 3, []float64{0, 0, 0}, dt, true, direct)
		var got [][2]int64
		for k := int64(3); k < 12; k++ {
			if ev := r.dueNow(k); ev != nil {
				for _, s := range ev {
					got = append(got, [2]int64{k, int64(s)})
				}
				r.done(k)
			}
		}
		want := [][2]int64{{5, 0}, {6, 1}, {7, 2}}
		if !slices.Equal(got, want) {
			t.Fatalf("direct %v: events (step, synapse) %v, want %v", direct, got, want)
		}
	}
}
