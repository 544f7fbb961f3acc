//go:build unix

package sound

import "syscall"

// cpuTime is the CPU time (user+system) this process has used, in ns. The
// shared benchmark machine is often oversubscribed, so the benchmarks also
// report CPU ns per operation, which contention inflates far less than wall
// time.
func cpuTime() int64 {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return 0
	}
	return ru.Utime.Nano() + ru.Stime.Nano()
}
