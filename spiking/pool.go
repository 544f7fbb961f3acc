package spiking

import (
	"runtime"
	"sync/atomic"
	"time"
)

// pool is a set of persistent worker goroutines. A parallel phase hands out
// block indices through an atomic counter and ends when every worker has
// drained them.
//
// A simulation has one or a few parallel phases per time step and often
// 10^4–10^6 steps, with a few microseconds of serial work (spike
// propagation, monitors) between phases. Waking a parked goroutine through
// a channel costs 5–50 µs of futex and scheduler work per phase, as much as
// the phase itself for a 4000-neuron group (CUBA: 10 000 steps, 0.2–0.5 s
// of hand-offs). So workers and the caller first spin on atomics for up to
// spinFor, and park (a channel each) only after that: a run keeps its
// workers awake, an idle network costs nothing after spinFor.
type pool struct {
	workers int
	spin    bool // false when the workers outnumber the Ps: spinning would starve the caller
	gen     atomic.Uint64
	closed  atomic.Bool
	job     func(int)
	nblocks int64
	next    atomic.Int64
	pending atomic.Int64 // workers still draining the current job
	wake    []chan struct{}
	parked  []atomic.Bool
	done    chan struct{}
	waiting atomic.Bool   // the caller is parked on done
	budget  time.Duration // the caller's spin budget (see spinUntil)
}

// spinFor bounds the busy wait before a worker or the caller parks;
// minSpin is the shortest worth starting (see spinUntil).
const (
	spinFor = 50 * time.Microsecond
	minSpin = 2 * time.Microsecond
)

func newPool(workers int) *pool {
	p := &pool{workers: workers, spin: workers <= runtime.GOMAXPROCS(0), done: make(chan struct{}, 1), budget: spinFor}
	p.wake = make([]chan struct{}, workers-1)
	p.parked = make([]atomic.Bool, workers-1)
	for w := range p.wake {
		p.wake[w] = make(chan struct{}, 1)
		go p.worker(w)
	}
	return p
}

// spinUntil busy-waits until done() or *budget has passed; it reports
// whether done() became true. The budget (one per waiting goroutine)
// follows the waits: after a wait that spinning served it becomes twice
// that wait (at least minSpin, at most spinFor), after one that ended by
// parking it halves, and below minSpin the goroutine parks at once (the
// budget then creeps back by minSpin per wait). On a quiet machine, where
// a step's serial part takes microseconds, the hand-off stays a spin; on
// a machine shared with other work, where the other side is often
// descheduled, spinning wastes little and stops.
func (p *pool) spinUntil(done func() bool, budget *time.Duration) bool {
	if !p.spin || *budget < minSpin {
		if done() {
			return true
		}
		*budget += minSpin / 2
		return false
	}
	var start time.Time
	for i := 0; ; i++ {
		if done() {
			if i > 0 {
				*budget = min(spinFor, max(minSpin, 2*time.Since(start)))
			}
			return true
		}
		if i&63 == 0 {
			if i == 0 {
				start = time.Now()
			} else if time.Since(start) > *budget {
				*budget /= 2
				return false
			}
		}
	}
}

func (p *pool) worker(w int) {
	seen := uint64(0)
	budget := spinFor
	for {
		if !p.spinUntil(func() bool { return p.gen.Load() != seen }, &budget) {
			p.parked[w].Store(true)
			if p.gen.Load() == seen || !p.parked[w].CompareAndSwap(true, false) {
				// Nothing published yet (the caller will see parked and
				// send), or the caller saw parked and is sending.
				<-p.wake[w]
			}
		}
		if p.closed.Load() {
			return
		}
		seen = p.gen.Load()
		p.drain(p.job)
		if p.pending.Add(-1) == 0 && p.waiting.CompareAndSwap(true, false) {
			p.done <- struct{}{}
		}
	}
}

func (p *pool) drain(job func(int)) {
	for {
		b := p.next.Add(1) - 1
		if b >= p.nblocks {
			return
		}
		job(int(b))
	}
}

// run calls job(b) for b in [0, nblocks) on all workers and returns when
// all are done.
func (p *pool) run(nblocks int, job func(int)) {
	p.job, p.nblocks = job, int64(nblocks)
	p.next.Store(0)
	p.pending.Store(int64(len(p.wake)))
	p.gen.Add(1) // publishes job, nblocks, next and pending
	p.wakeParked()
	p.drain(job)
	if p.spinUntil(func() bool { return p.pending.Load() == 0 }, &p.budget) {
		return
	}
	p.waiting.Store(true)
	if p.pending.Load() == 0 && p.waiting.CompareAndSwap(true, false) {
		return // the last worker finished before it could see waiting
	}
	<-p.done
}

// wakeParked sends a wake-up to every worker that parked.
func (p *pool) wakeParked() {
	for w := range p.wake {
		if p.parked[w].CompareAndSwap(true, false) {
			p.wake[w] <- struct{}{}
		}
	}
}

func (p *pool) close() {
	p.closed.Store(true)
	p.gen.Add(1)
	p.wakeParked()
}
