package spiking

import (
	"runtime"
	"slices"
	"sync"
	"sync/atomic"
	"testing"
	"time"
)

// TestPoolRuns: every block of every phase runs exactly once, with the
// bounds of its block, across thousands of back-to-back phases (spinning
// hand-offs), phases after the workers parked (a pause longer than
// spinFor), and more workers than blocks; each phase's plain writes are
// seen by the next (the race detector checks the hand-off); close ends
// the workers.
func TestPoolRuns(t *testing.T) {
	for _, workers := range []int{2, 3, 5} {
		p := newPool(workers)
		counts := make([]atomic.Int32, 16)
		data := make([]int, 16*7) // each phase writes its blocks; the next reads them all
		for phase := range 3000 {
			count := 1 + phase%(16*7)
			p.run(count, 7, func(b, lo, hi int) {
				counts[b].Add(1)
				if lo != 7*b || hi != min(count, lo+7) {
					t.Errorf("block %d: [%d, %d)", b, lo, hi)
				}
				for k := lo; k < hi; k++ {
					data[k] = phase
				}
			})
			for k := range count {
				if data[k] != phase {
					t.Fatalf("phase %d: element %d holds %d", phase, k, data[k])
				}
			}
			if phase%1000 == 999 {
				time.Sleep(3 * spinFor) // let the workers park
			}
		}
		for b := range counts {
			want := int32(0)
			for phase := range 3000 {
				if b < (1+phase%(16*7)+6)/7 {
					want++
				}
			}
			if got := counts[b].Load(); got != want {
				t.Errorf("%d workers: block %d ran %d times, want %d", workers, b, got, want)
			}
		}
		p.close()
	}
}

// TestPoolManyNetworks starts, runs and closes many networks at once
// (each with its own pool, more workers than cores) and checks that the
// results do not depend on the worker count or the interleaving, and that
// Close leaves no goroutine behind.
func TestPoolManyNetworks(t *testing.T) {
	before := runtime.NumGoroutine()
	run := func(workers int) []int {
		net, mon := cuba(t)
		noErr(t, net.SetWorkers(workers))
		for range 3 {
			noErr(t, net.Run(0.01))
			time.Sleep(2 * spinFor) // the workers park between runs
		}
		net.Close()
		return mon.I()
	}
	want := run(1)
	if len(want) == 0 {
		t.Fatal("no spikes")
	}
	var wg sync.WaitGroup
	for k := range 4 {
		wg.Go(func() {
			for r := range 2 {
				if got := run(2 + (k+r)%3); !slices.Equal(got, want) {
					t.Errorf("network %d, round %d: %d spikes, want %d", k, r, len(got), len(want))
				}
			}
		})
	}
	wg.Wait()
	for range 100 {
		if runtime.NumGoroutine() <= before {
			return
		}
		time.Sleep(10 * time.Millisecond)
	}
	t.Errorf("%d goroutines after closing every network, %d before", runtime.NumGoroutine(), before)
}

// BenchmarkPoolHandoff times one parallel call of two tiny blocks on a
// pool with GOMAXPROCS workers: the hand-off and the barrier (ns per
// call). Run with GOMAXPROCS=2 on an idle machine.
func BenchmarkPoolHandoff(b *testing.B) {
	p := newPool(runtime.GOMAXPROCS(0))
	defer p.close()
	var sink [2]int
	for b.Loop() {
		p.run(2, 1, func(blk, lo, hi int) { sink[blk] += hi - lo })
	}
}
