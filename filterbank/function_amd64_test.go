//go:build amd64 && !purego

package filterbank

import (
	"math"
	"math/rand/v2"
	"testing"
)

// TestRectCbrtVectorBitPatterns runs the vector cube roots of this CPU on
// random bit patterns spread over every exponent of the core's range (and
// past its ends, subnormals included, and negative) and checks each written sample bit for bit
// against RectifyCubeRoot: the integer-built conversions of the AVX2 form
// must round exactly as the Go conversions do.
func TestRectCbrtVectorBitPatterns(t *testing.T) {
	type path struct {
		name string
		fn   func(out, in *float64, n int) int
	}
	var paths []path
	if simdLevel >= simdAVX2 {
		paths = append(paths, path{"avx2", rectCbrtAVX2})
	}
	if simdLevel == simdAVX512 && haveAVX512DQ {
		paths = append(paths, path{"avx512", rectCbrtAVX512})
	}
	if len(paths) == 0 {
		t.Skip("no vector path on this CPU")
	}
	r := rand.New(rand.NewPCG(7, 8))
	const n = 1 << 16
	in := make([]float64, n)
	for i := range in {
		exp := uint64(100 + r.IntN(1850)) // 2^-923 .. 2^926
		if r.IntN(16) == 0 {
			exp = uint64(r.IntN(130)) // subnormals and tiny numbers
		}
		bits := exp<<52 | r.Uint64()&(1<<52-1)
		if r.IntN(8) == 0 {
			bits |= 1 << 63
		}
		in[i] = math.Float64frombits(bits)
	}
	for _, p := range paths {
		out := make([]float64, n)
		done, checked := 0, 0
		for done+8 <= n {
			k := p.fn(&out[done], &in[done], n-done)
			if k%8 != 0 {
				t.Fatalf("%s wrote %d samples, not a multiple of 8", p.name, k)
			}
			for i := done; i < done+k; i++ {
				if want := RectifyCubeRoot(in[i]); math.Float64bits(out[i]) != math.Float64bits(want) {
					t.Fatalf("%s: cube root of %v (bits %#x) = %v, want %v", p.name, in[i], math.Float64bits(in[i]), out[i], want)
				}
			}
			checked += k
			done += k + 8 // skip the group it stopped before
		}
		if checked < n/2 {
			t.Errorf("%s: only %d of %d samples went through the vector path", p.name, checked, n)
		}
	}
}

// TestRectCbrtAVX2TakesTiny: the AVX2 path computes tiny and subnormal
// samples itself (scaled by 2^300, as RectifyCubeRoot does) rather than
// leaving them to scalar Go: the decaying tails after silences are full of
// them.
func TestRectCbrtAVX2TakesTiny(t *testing.T) {
	if simdLevel < simdAVX2 {
		t.Skip("no AVX2")
	}
	var in, out [24]float64
	for i := range in {
		in[i] = math.Ldexp(1+float64(i)/24, -1074+40*i) // 2^-1074 (subnormal) .. 2^-154
	}
	if n := rectCbrtAVX2(&out[0], &in[0], len(in)); n != len(in) {
		t.Fatalf("wrote %d of %d tiny samples", n, len(in))
	}
	for i, v := range in {
		if want := RectifyCubeRoot(v); math.Float64bits(out[i]) != math.Float64bits(want) {
			t.Errorf("cube root of %v = %v, want %v", v, out[i], want)
		}
	}
}
