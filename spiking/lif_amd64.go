//go:build amd64 && !purego

package spiking

import "golang.org/x/sys/cpu"

// useLifAVX2 selects lif3AVX2 (lif_amd64.s) for the blocks' multiples of
// four neurons.
var useLifAVX2 = cpu.X86.HasAVX2

// lif3AVX2 is lif3Arith for n neurons, n a multiple of 4, four per
// instruction; it returns nonzero when a state became NaN or infinite.
//
//go:noescape
func lif3AVX2(v, q, r, act, ls *float64, c *lifCoef, mask *uint8, n int) uint64

// lif3ArithFast is lif3Arith, with the multiples of four neurons in AVX2
// when the processor has it and the refractory period is at least a step
// (see lif_amd64.s).
func lif3ArithFast(s0, s1, s2, act, ls []float64, c *lifCoef, mask []uint8) bool {
	n := len(s0)
	n4 := n &^ 3
	if !useLifAVX2 || n4 == 0 || c[lcRf][0] < 1 {
		return lif3Arith(s0, s1, s2, act, ls, c, mask)
	}
	s1, s2, act, ls, mask = s1[:n], s2[:n], act[:n], ls[:n], mask[:(n+3)/4]
	x := [3]*float64{&s0[0], &s1[0], &s2[0]}
	P, Q, R := lifSlots(int(c[lcP][0]))
	ok := lif3AVX2(x[P], x[Q], x[R], &act[0], &ls[0], c, &mask[0], n4) == 0
	if n4 < n {
		ok = lif3Arith(s0[n4:], s1[n4:], s2[n4:], act[n4:], ls[n4:], c, mask[n4/4:]) && ok
	}
	return ok
}

// lifKernelPath names the kernel lif3 uses.
func lifKernelPath() string {
	if useLifAVX2 {
		return "avx2"
	}
	return "go"
}
