package expr

import (
	"math"
	"math/rand/v2"
	"testing"
)

// TestBinopsFastPaths checks + - * / over vector-vector, vector-shared and
// shared-vector operands (the AVX2 loops on amd64, with their Go tails)
// against one scalar operation per element, bit for bit, for lengths around
// the 8-element blocks and with special values, also in place (dst = a).
func TestBinopsFastPaths(t *testing.T) {
	r := rand.New(rand.NewPCG(9, 10))
	special := []float64{0, math.Copysign(0, -1), 5e-324, -1e-310, math.Inf(1), math.Inf(-1), math.NaN(), 1e308, -3}
	gen := func(n int) []float64 {
		v := make([]float64, n)
		for k := range v {
			v[k] = r.NormFloat64() * math.Pow(10, float64(r.IntN(20)-10))
			if r.IntN(8) == 0 {
				v[k] = special[r.IntN(len(special))]
			}
		}
		return v
	}
	same := func(x, y float64) bool { return math.Float64bits(x) == math.Float64bits(y) || (x != x && y != y) }
	ops := map[opcode]func(x, y float64) float64{
		cAdd: func(x, y float64) float64 { return x + y },
		cSub: func(x, y float64) float64 { return x - y },
		cMul: func(x, y float64) float64 { return x * y },
		cDiv: func(x, y float64) float64 { return x / y },
	}
	for op, f := range ops {
		for _, n := range []int{0, 1, 7, 8, 9, 15, 16, 17, 31, 33, 255, 256} {
			a, b := gen(n), gen(n)
			s := special[r.IntN(len(special))]
			if r.IntN(2) == 0 {
				s = r.NormFloat64()
			}
			dst := make([]float64, n)
			binVV(op, dst, a, b)
			for k := range dst {
				if !same(dst[k], f(a[k], b[k])) {
					t.Fatalf("op %d VV n=%d k=%d: %v op %v = %v, want %v", op, n, k, a[k], b[k], dst[k], f(a[k], b[k]))
				}
			}
			binVS(op, dst, a, s)
			for k := range dst {
				if !same(dst[k], f(a[k], s)) {
					t.Fatalf("op %d VS n=%d k=%d: %v op %v = %v", op, n, k, a[k], s, dst[k])
				}
			}
			binSV(op, dst, s, b)
			for k := range dst {
				if !same(dst[k], f(s, b[k])) {
					t.Fatalf("op %d SV n=%d k=%d: %v op %v = %v", op, n, k, s, b[k], dst[k])
				}
			}
			in := append([]float64(nil), a...)
			binVV(op, in, in, b) // in place
			for k := range in {
				if !same(in[k], f(a[k], b[k])) {
					t.Fatalf("op %d VV in place n=%d k=%d", op, n, k)
				}
			}
		}
	}
}
