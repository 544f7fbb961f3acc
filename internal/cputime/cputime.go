// Package cputime reads the CPU time this process has used, for benchmarks
// that report CPU time beside wall time: on a shared machine, wall-clock
// figures depend on other processes; CPU time much less so.
package cputime

import "time"

// Process returns the user plus system CPU time used by this process so far,
// and whether the platform can tell (false, with 0, where it cannot).
func Process() (time.Duration, bool) { return process() }

// Since returns the CPU time used since start, a value of Process; 0 where
// the platform cannot tell.
func Since(start time.Duration) time.Duration {
	now, ok := process()
	if !ok {
		return 0
	}
	return now - start
}
