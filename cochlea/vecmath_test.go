package cochlea

import (
	"math"
	"math/rand/v2"
	"testing"
)

// TestVecMath checks expBatch and logBatch against math.Exp and math.Log
// (within 4e-16 and 6e-16 relative, 2–3 ulp; exp's arguments to ±708,
// log's over all exponents; ln 1 = 0 exactly) and that the SIMD path and the Go twins agree
// bit for bit, so that a channel's result does not depend on its position
// in a batch.
func TestVecMath(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 2))
	const n = 4099
	xs := make([]float64, n)
	for i := range xs {
		switch i % 3 {
		case 0:
			xs[i] = (rng.Float64() - 0.5) * 1416
		case 1:
			xs[i] = (rng.Float64() - 0.5) * 2
		default:
			xs[i] = (rng.Float64() - 0.5) * 1e-12
		}
	}
	xs[0], xs[1], xs[2], xs[3], xs[4] = 0, 1, -1, -708, 709
	got := append([]float64(nil), xs...)
	expBatch(got)
	for i, x := range xs {
		want := math.Exp(x)
		if d := math.Abs(got[i] - want); d > 4e-16*want {
			t.Errorf("exp(%v) = %v, want %v (relative %.3g)", x, got[i], want, d/want)
		}
		if tw := expPoly(x); math.Float64bits(tw) != math.Float64bits(got[i]) {
			t.Errorf("exp(%v): batch %v, twin %v", x, got[i], tw)
		}
	}
	if got := []float64{-800, 800}; true {
		expBatch(got)
		if got[0] != expPoly(-708) || got[1] != expPoly(709) {
			t.Errorf("exp(−800), exp(800) = %v, want the clamps e^−708, e^709", got)
		}
	}
	for i := range xs {
		switch i % 3 {
		case 0:
			xs[i] = math.Exp((rng.Float64() - 0.5) * 1400)
		case 1:
			xs[i] = 1 + (rng.Float64()-0.5)*0.2
		default:
			xs[i] = 1 + (rng.Float64()-0.5)*1e-9
		}
	}
	xs[0], xs[1], xs[2], xs[3], xs[4] = 1, math.MaxFloat64, 0x1p-1022, math.Nextafter(1, 2), math.Nextafter(1, 0)
	copy(got, xs)
	logBatch(got)
	for i, x := range xs {
		want := math.Log(x)
		if d := math.Abs(got[i] - want); d > 6e-16*math.Abs(want) {
			t.Errorf("log(%v) = %v, want %v (relative %.3g)", x, got[i], want, d/math.Abs(want))
		}
		if tw := logPoly(x); math.Float64bits(tw) != math.Float64bits(got[i]) {
			t.Errorf("log(%v): batch %v, twin %v", x, got[i], tw)
		}
	}
	if got[0] != 0 {
		t.Errorf("ln 1 = %v", got[0])
	}
	if got := []float64{0x1p-1074, 0}; true {
		logBatch(got)
		if want := math.Log(0x1p-1022); got[0] != want || got[1] != want {
			t.Errorf("ln of a subnormal and of 0 = %v, want the clamp ln 2^−1022 = %v", got, want)
		}
	}
}
