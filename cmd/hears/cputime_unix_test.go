//go:build unix

package main

import "syscall"

// cpuTime is this process's user + system CPU time in ns: on a shared
// machine, wall-clock figures depend on other processes; this does not.
func cpuTime() float64 {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return 0
	}
	return float64(ru.Utime.Nano() + ru.Stime.Nano())
}
