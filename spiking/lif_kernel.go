package spiking

import "math"

// The arithmetic of lif3 (exact_fused.go) as a kernel over a block:
// X ← E X + d for v and two decaying variables, v kept where a refractory
// neuron's v is (unless refractory), a running finite check, and one
// spike-candidate bit per neuron (v > limit and not refractory), four
// neurons per mask byte. lif3Arith is the pure-Go kernel; on amd64 with
// AVX2, lif3ArithFast (lif_amd64.s) does the same four neurons per
// instruction with the same IEEE operations in the same order, so the
// two give identical bits (TestLIF3KernelMatchesGo).

// lifCoef holds the kernel's constants, each repeated in four lanes (the
// layout the assembly loads).
type lifCoef [10][4]float64

const (
	lcE00 = iota
	lcE01
	lcE02
	lcD0
	lcE11
	lcD1
	lcE22
	lcD2
	lcLimit
	lcKeep // all bits set when v is (unless refractory), else 0
)

func newLifCoef(e, d []float64, keepV bool, limit float64) *lifCoef {
	var c lifCoef
	vals := [10]float64{e[0], e[1], e[2], d[0], e[4], d[1], e[8], d[2], limit, 0}
	if keepV {
		vals[lcKeep] = allOnes
	}
	for k, v := range vals {
		c[k] = [4]float64{v, v, v, v}
	}
	return &c
}

// allOnes is the float64 whose bits are all set (a NaN), the lane mask
// of a kept v.
var allOnes = math.Float64frombits(^uint64(0))

// lif3Arith runs the kernel on neurons [0, len(s0)) with len(s0) a
// multiple of 4 handled by mask bytes (and a last partial byte otherwise).
// act holds not_refractory (0 or 1). It returns false if a state became
// NaN or infinite.
func lif3Arith(s0, s1, s2, act []float64, c *lifCoef, mask []uint8) bool {
	n := len(s0)
	s1, s2, act = s1[:n], s2[:n], act[:n]
	e00, e01, e02, d0 := c[lcE00][0], c[lcE01][0], c[lcE02][0], c[lcD0][0]
	e11, d1, e22, d2 := c[lcE11][0], c[lcD1][0], c[lcE22][0], c[lcD2][0]
	limit, keep := c[lcLimit][0], c[lcKeep][0] != 0
	fin := 0.0
	for g := 0; g*4 < n; g++ {
		var m uint8
		for l := 0; l < 4 && g*4+l < n; l++ {
			k := g*4 + l
			a, b, cc := s0[k], s1[k], s2[k]
			na := e00*a + e01*b + e02*cc + d0
			nb := e11*b + d1
			nc := e22*cc + d2
			if act[k] == 0 && keep {
				na = a
			}
			s0[k], s1[k], s2[k] = na, nb, nc
			fin += (na - na) + (nb - nb) + (nc - nc)
			if na > limit && act[k] != 0 {
				m |= 1 << l
			}
		}
		mask[g] = m
	}
	return fin == 0
}
