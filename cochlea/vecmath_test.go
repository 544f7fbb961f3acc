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

// TestSincosBatch checks sincosBatch against math.Sincos (within 2 ulp of
// 1, absolute, and 4e-16 relative away from the zeros) over ±1e4, and the
// SIMD path against sincosPoly bit for bit.
func TestSincosBatch(t *testing.T) {
	rng := rand.New(rand.NewPCG(3, 4))
	const n = 4099
	xs := make([]float64, n)
	for i := range xs {
		switch i % 3 {
		case 0:
			xs[i] = (rng.Float64() - 0.5) * 2e4
		case 1:
			xs[i] = (rng.Float64() - 0.5) * 8
		default:
			xs[i] = (rng.Float64() - 0.5) * 1e-6
		}
	}
	xs[0], xs[1], xs[2], xs[3] = 0, math.Pi/2, math.Pi, -math.Pi/4
	sn, cs := make([]float64, n), make([]float64, n)
	sincosBatch(xs, sn, cs)
	for i, x := range xs {
		ws, wc := math.Sincos(x)
		if d := math.Abs(sn[i] - ws); d > 4e-16*math.Abs(ws) && d > 2.3e-16 {
			t.Errorf("sin(%v) = %v, want %v", x, sn[i], ws)
		}
		if d := math.Abs(cs[i] - wc); d > 4e-16*math.Abs(wc) && d > 2.3e-16 {
			t.Errorf("cos(%v) = %v, want %v", x, cs[i], wc)
		}
		ts, tc := sincosPoly(x)
		if math.Float64bits(ts) != math.Float64bits(sn[i]) || math.Float64bits(tc) != math.Float64bits(cs[i]) {
			t.Errorf("sincos(%v): batch %v %v, twin %v %v", x, sn[i], cs[i], ts, tc)
		}
	}
	if sn[0] != 0 || cs[0] != 1 {
		t.Errorf("sincos(0) = %v, %v", sn[0], cs[0])
	}
}

// TestTCSignalTwin checks that TanCarney's signal path, its coefficient
// update and the low-passes in assembly and their Go twins agree bit for bit over 200 frames of random
// coefficients and input (a channel's result must not depend on which one
// runs it).
func TestTCSignalTwin(t *testing.T) {
	if !vecmathSIMD {
		t.Skip("no AVX2 path on this machine")
	}
	rng := rand.New(rand.NewPCG(5, 6))
	var a tcSigLanes
	for p := range a.co {
		for m := range a.co[p] {
			for l := range 8 {
				a.co[p][m][l] = rng.Float64() - 0.5
			}
		}
	}
	for l := range 8 {
		a.gain[l] = rng.Float64()
	}
	for l := range 8 {
		a.negRgain[l], a.ta[l] = -1000*rng.Float64(), 3000*rng.Float64()
		for j := range 3 {
			a.pim[j][l], a.zb[j][l] = -2e4*rng.Float64(), 1e5*(rng.Float64()-0.5)
		}
	}
	fs2 := 1e5
	coefK := [5]float64{fs2, fs2 * fs2, -2, 0.5, 1}
	var lp tcLowPasses
	for j := range lp {
		lp[j] = [3]float64{rng.Float64(), rng.Float64(), rng.Float64() - 0.5}
	}
	b := a
	var x, ya, yb, fa, fb [8]float64
	for range 200 {
		for l := range x {
			x[l] = rng.NormFloat64()
		}
		tcSignalAVX2(&a, &x, &ya)
		tcSignalGo(&b, &x, &yb, 0, 8)
		if ya != yb || a != b {
			t.Fatalf("signal path: assembly %v, Go %v", ya, yb)
		}
		tcLowPassAVX2(&a, &lp, &ya, &fa, 0, 3)
		tcLowPassGo(&b, &lp, &yb, &fb, 0, 3, 0, 8)
		tcLowPassAVX2(&a, &lp, &ya, nil, 4, tcLowPassStages)
		tcLowPassGo(&b, &lp, &yb, nil, 4, tcLowPassStages, 0, 8)
		if ya != yb || fa != fb || a != b {
			t.Fatalf("low-passes: assembly %v %v, Go %v %v", ya, fa, yb, fb)
		}
		tcSignalCoefAVX2(&a, &coefK, &x)
		tcSignalCoefGo(&b, &coefK, &x, 0, 8)
		if a != b {
			t.Fatalf("signal coefficients: assembly %v, Go %v", a.co, b.co)
		}
	}
}
