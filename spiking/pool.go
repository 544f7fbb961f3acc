package spiking

import (
	"runtime"
	"sync"
	"sync/atomic"
	"time"

	"github.com/gohears/hears/internal/spin"
)

// pool is a set of persistent worker goroutines. A parallel phase hands out
// block indices through an atomic counter and ends when every block has
// been done (not when every worker has looked in: a worker that wakes
// late finds nothing left and costs the caller nothing).
//
// A simulation runs one parallel phase per time step (or a few) and often
// 10^4–10^6 steps, with a few microseconds of serial work (spike
// propagation, monitors) between phases. Waking a parked goroutine costs
// 5–50 µs of futex and scheduler work, as much as the phase itself for a
// 4000-neuron group (CUBA). So the workers and the caller first spin on
// atomics (budgets below) and only then park on a condition variable: a
// run keeps its workers awake, an idle network costs nothing once spinFor
// has passed.
//
// The protocol uses only sync/atomic (sequentially consistent) and a
// mutex, which the race detector understands:
//   - every phase is a new phase value, never changed after it is
//     published through cur except for its atomic counters, so a worker
//     that wakes late and still holds the previous phase reads only that
//     phase's fields and finds its blocks all taken;
//   - a worker calls job only for a block it claimed from next (b <
//     nblocks) and increments done after the call; run returns only when
//     done counts every block, so every access of this phase's jobs
//     happens before run returns;
//   - parking: a worker increments sleepers, then re-checks cur under mu
//     before it waits; run stores cur, then loads sleepers and broadcasts
//     under mu when it is nonzero. With sequentially consistent atomics
//     either run sees the sleeper (and the broadcast, under mu, comes after
//     the worker waits) or the worker sees the new phase: no wake-up is
//     lost. The caller parks on the same pattern (waiting, done).
type pool struct {
	workers int
	spin    bool // false when the workers outnumber the Ps: spinning would starve the caller

	cur      atomic.Pointer[phase]
	sleepers atomic.Int32 // workers parked or about to park on wake
	waiting  atomic.Bool  // the caller parked or about to park on finished

	mu       sync.Mutex
	wake     *sync.Cond // workers wait here for a new phase
	finished *sync.Cond // the caller waits here for the last block
	exit     sync.WaitGroup
}

// phase is one parallel call: job over [0, count) in blocks of block.
// Only its atomic counters change after it is published.
type phase struct {
	job     func(b, lo, hi int)
	count   int
	block   int
	nblocks int64
	closed  bool         // the pool is closing: workers return
	next    atomic.Int64 // next block to hand out
	done    atomic.Int64 // blocks done
}

// spinFor bounds the busy wait of a worker between phases (a step's
// serial part: about 2.5 µs in CUBA) and the shortest busy wait of the
// caller for the workers' last blocks, which spins for up to twice the
// time its own blocks took (maxSpin at most). Short budgets matter on a
// machine with more runnable threads than cores: the thread waited for
// may be descheduled, and a long spin only burns the waiter's share.
const (
	spinFor = 10 * time.Microsecond
	maxSpin = 100 * time.Microsecond
)

func newPool(workers int) *pool {
	p := &pool{workers: workers, spin: workers <= runtime.GOMAXPROCS(0)}
	p.wake = sync.NewCond(&p.mu)
	p.finished = sync.NewCond(&p.mu)
	idle := &phase{}
	p.cur.Store(idle)
	p.exit.Add(workers - 1)
	for range workers - 1 {
		go p.worker(idle)
	}
	return p
}

// spinUntil busy-waits for cond for at most budget (spin.Until) and
// reports whether it became true; it only checks once when the pool must
// not spin.
func (p *pool) spinUntil(cond func() bool, budget time.Duration) bool {
	if !p.spin {
		return cond()
	}
	return spin.Until(cond, budget)
}

// worker does the blocks of every phase published after last.
func (p *pool) worker(last *phase) {
	defer p.exit.Done()
	newPhase := func() bool { return p.cur.Load() != last }
	for {
		if !p.spinUntil(newPhase, spinFor) {
			p.mu.Lock()
			p.sleepers.Add(1)
			for !newPhase() {
				p.wake.Wait()
			}
			p.sleepers.Add(-1)
			p.mu.Unlock()
		}
		last = p.cur.Load()
		if last.closed {
			return
		}
		p.drain(last)
	}
}

// drain does blocks of ph until none is left and returns how many it did.
func (p *pool) drain(ph *phase) int {
	for n := 0; ; n++ {
		b := ph.next.Add(1) - 1
		if b >= ph.nblocks {
			return n
		}
		lo := int(b) * ph.block
		ph.job(int(b), lo, min(ph.count, lo+ph.block))
		if ph.done.Add(1) == ph.nblocks && p.waiting.Load() {
			p.mu.Lock()
			p.finished.Signal()
			p.mu.Unlock()
		}
	}
}

// run calls job(b, b*block, min(count, (b+1)*block)) for every block b of
// [0, count) on all workers and returns when all are done.
func (p *pool) run(count, block int, job func(b, lo, hi int)) {
	ph := &phase{job: job, count: count, block: block, nblocks: int64((count + block - 1) / block)}
	p.publish(ph)
	t0 := time.Now()
	budget := spinFor
	if n := p.drain(ph); n > 0 {
		budget = min(maxSpin, max(spinFor, 2*time.Since(t0)/time.Duration(n)))
	}
	allDone := func() bool { return ph.done.Load() == ph.nblocks }
	if !p.spinUntil(allDone, budget) {
		p.mu.Lock()
		p.waiting.Store(true)
		for !allDone() {
			p.finished.Wait()
		}
		p.waiting.Store(false)
		p.mu.Unlock()
	}
}

// publish makes ph the current phase and wakes the parked workers.
func (p *pool) publish(ph *phase) {
	p.cur.Store(ph)
	if p.sleepers.Load() > 0 {
		p.mu.Lock()
		p.wake.Broadcast()
		p.mu.Unlock()
	}
}

// close ends the workers and waits until they have returned.
func (p *pool) close() {
	p.publish(&phase{closed: true})
	p.exit.Wait()
}
