// Package spin is the busy wait of the hand-offs between a caller and its
// worker goroutines (filterbank's bank helpers, spiking's worker pool).
//
// Waking a parked goroutine costs 5–150 µs on a virtual machine (futex,
// the Go scheduler, an idle virtual CPU leaving its halt), as much as the
// work handed over when a block or a time step is small. So both sides
// first spin on atomics for a bounded time, then park; the callers choose
// the budgets (docs/bench/throughput.md, docs/bench/spiking.md).
package spin

import (
	"runtime"
	"time"
)

// Until busy-waits until cond() or budget has passed, and reports whether
// cond() became true. Every 256 checks the goroutine yields its processor
// (runtime.Gosched), so that a goroutine the wait depends on, queued on
// the same P, can run; the clock is read every 64 checks. There is no
// PAUSE between checks: on this project's 2-core AVX2 benchmark machine
// (no SMT siblings to leave the core to) it made the gammatone bank's
// two-worker hand-off 30–40% slower and the spiking pool no faster
// (docs/bench/spiking.md).
func Until(cond func() bool, budget time.Duration) bool {
	if cond() {
		return true
	}
	start := time.Now()
	for i := 1; ; i++ {
		if cond() {
			return true
		}
		if i&255 == 0 {
			runtime.Gosched()
		}
		if i&63 == 0 && time.Since(start) > budget {
			return false
		}
	}
}
