package spiking

import (
	"sync"
	"sync/atomic"
)

// pool is a set of persistent worker goroutines. A parallel phase hands out
// block indices through an atomic counter and ends with one barrier.
type pool struct {
	workers int
	start   []chan func(int)
	wg      sync.WaitGroup
	next    atomic.Int64
	nblocks int64
	job     func(int)
}

func newPool(workers int) *pool {
	p := &pool{workers: workers}
	p.start = make([]chan func(int), workers-1)
	for w := range p.start {
		ch := make(chan func(int))
		p.start[w] = ch
		go func() {
			for job := range ch {
				p.drain(job)
				p.wg.Done()
			}
		}()
	}
	return p
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
	p.next.Store(0)
	p.nblocks = int64(nblocks)
	p.wg.Add(len(p.start))
	for _, ch := range p.start {
		ch <- job
	}
	p.drain(job)
	p.wg.Wait()
}

func (p *pool) close() {
	for _, ch := range p.start {
		close(ch)
	}
	p.start = nil
}
