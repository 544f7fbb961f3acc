//go:build !amd64 || purego

package spiking

// cpuRelax does nothing where no spin hint is implemented.
func cpuRelax() {}
