//go:build linux

package spiking

import "golang.org/x/sys/unix"

// osYield gives the processor to another runnable thread, if any
// (sched_yield; a raw system call: it does not block).
func osYield() { unix.RawSyscall(unix.SYS_SCHED_YIELD, 0, 0, 0) }
