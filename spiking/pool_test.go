package spiking

import (
	"sync/atomic"
	"testing"
	"time"
)

// TestPoolRuns: every block of every phase runs exactly once, across
// thousands of back-to-back phases (spinning hand-offs), phases after
// the workers parked (a pause longer than spinFor), and more workers than
// blocks; close ends the workers.
func TestPoolRuns(t *testing.T) {
	for _, workers := range []int{2, 3} {
		p := newPool(workers)
		counts := make([]atomic.Int32, 16)
		for phase := range 3000 {
			nb := 1 + phase%16
			p.run(nb, func(b int) { counts[b].Add(1) })
			if phase%1000 == 999 {
				time.Sleep(150 * time.Microsecond) // let the workers park
			}
		}
		for b := range counts {
			want := int32(0)
			for phase := range 3000 {
				if b < 1+phase%16 {
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
