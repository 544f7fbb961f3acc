//go:build !unix

package main

// cpuTime is 0 where getrusage is missing: the benchmark's CPU metric is
// then not meaningful, its wall-clock figures are.
func cpuTime() float64 { return 0 }
