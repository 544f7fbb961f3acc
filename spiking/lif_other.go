//go:build !amd64 || purego

package spiking

// lif3ArithFast is lif3Arith where no assembly kernel exists.
func lif3ArithFast(s0, s1, s2, act, ls []float64, c *lifCoef, mask []uint8) bool {
	return lif3Arith(s0, s1, s2, act, ls, c, mask)
}

// lifKernelPath names the kernel lif3 uses ("go" here).
func lifKernelPath() string { return "go" }
