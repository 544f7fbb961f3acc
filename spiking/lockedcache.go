package spiking

import "sync"

// lockedCache serialises access to an exactUpdater's propagator cache when
// blocks of neurons are updated in parallel.
type lockedCache struct{ mu sync.Mutex }

func (l *lockedCache) get(ex *exactUpdater, m []float64) (*propagator, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	return ex.propagatorFor(m)
}
