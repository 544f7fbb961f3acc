//go:build !linux

package spiking

import "runtime"

// osYield lets other goroutines run where sched_yield is not called
// directly.
func osYield() { runtime.Gosched() }
