package cochlea

import (
	"math"
	"math/rand/v2"
	"testing"
)

// TestVecMath checks expBatch and logBatch against math.Exp and math.Log
// (within 4e-16 relative; ln 1 = 0 exactly; exp's arguments to ±700 and the subnormal range,
// log's over all exponents, subnormals included) and, on AVX-512, that the
// assembly and the Go twins agree bit for bit, so that a channel's result
// does not depend on its position in a batch.
func TestVecMath(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 2))
	const n = 4099
	xs := make([]float64, n)
	for i := range xs {
		switch i % 4 {
		case 0:
			xs[i] = (rng.Float64() - 0.5) * 1400
		case 1:
			xs[i] = (rng.Float64() - 0.5) * 2
		case 2:
			xs[i] = (rng.Float64() - 0.5) * 1e-12
		default:
			xs[i] = -708 - rng.Float64()*36 // subnormal results
		}
	}
	xs[0], xs[1], xs[2] = 0, 1, -1
	got := append([]float64(nil), xs...)
	expBatch(got)
	for i, x := range xs {
		want := math.Exp(x)
		tol := 4e-16 * want
		if want < 0x1p-1022 {
			tol = 0x1p-1074 // subnormal: within one unit
		}
		if d := math.Abs(got[i] - want); d > tol {
			t.Errorf("exp(%v) = %v, want %v (relative %.3g)", x, got[i], want, d/want)
		}
		if tw := expTable(x); math.Float64bits(tw) != math.Float64bits(got[i]) {
			t.Errorf("exp(%v): batch %v, twin %v", x, got[i], tw)
		}
	}
	for i := range xs {
		switch i % 3 {
		case 0:
			xs[i] = math.Exp((rng.Float64() - 0.5) * 1400)
		case 1:
			xs[i] = 1 + (rng.Float64()-0.5)*0.2
		default:
			xs[i] = math.Float64frombits(rng.Uint64() & (1<<52 - 1)) // subnormal
		}
		if xs[i] == 0 {
			xs[i] = 1
		}
	}
	xs[0], xs[1], xs[2], xs[3], xs[4] = 1, math.MaxFloat64, 0x1p-1074, math.Nextafter(1, 2), math.Nextafter(1, 0)
	copy(got, xs)
	logBatch(got)
	for i, x := range xs {
		want := math.Log(x)
		if x < 0x1p-1022 {
			// math.Log is wrong for subnormals on amd64 (its assembly
			// does not normalise them): compare with ln(2^52·x) − 52 ln 2.
			want = math.Log(x*0x1p52) - 52*math.Ln2
		}
		if d := math.Abs(got[i] - want); d > 4e-16*math.Abs(want) {
			t.Errorf("log(%v) = %v, want %v (error %.3g)", x, got[i], want, d)
		}
		if tw := logTable(x); math.Float64bits(tw) != math.Float64bits(got[i]) {
			t.Errorf("log(%v): batch %v, twin %v", x, got[i], tw)
		}
	}
}
