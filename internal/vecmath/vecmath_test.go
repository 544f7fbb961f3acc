package vecmath

import (
	"math"
	"math/rand/v2"
	"testing"
)

// ulps is the distance of a from b in units in the last place of b.
func ulps(a, b float64) float64 {
	if a == b {
		return 0
	}
	return math.Abs(a-b) / (math.Nextafter(math.Abs(b), math.Inf(1)) - math.Abs(b))
}

// samples returns arguments spread over [lo, hi] plus the end points.
func samples(lo, hi float64, n int, logScale bool) []float64 {
	r := rand.New(rand.NewPCG(1, 2))
	x := []float64{lo, hi}
	for range n {
		if logScale {
			x = append(x, math.Exp(math.Log(lo)+(math.Log(hi)-math.Log(lo))*r.Float64()))
		} else {
			x = append(x, lo+(hi-lo)*r.Float64())
		}
	}
	return x
}

// TestAccuracy: within 2 ulp of math.Exp and math.Log over their ranges
// (which are themselves up to 1.3 ulp from the truth), and to the bit on
// special values and outside the polynomials' ranges.
func TestAccuracy(t *testing.T) {
	for _, simd := range []bool{false, true} {
		if simd && !useSIMD {
			continue
		}
		defer func(v bool) { useSIMD = v }(useSIMD)
		useSIMD = simd
		var xe []float64
		xe = append(xe, samples(-707, 709, 200000, false)...)
		xe = append(xe, samples(-1, 1, 100000, false)...)
		xe = append(xe, samples(-1e-10, 1e-10, 10000, false)...)
		xe = append(xe, 0, math.Copysign(0, -1), 1, -1, 708, 709.5, 710, -708, -745, -746, -1000, math.Inf(1), math.Inf(-1), math.NaN())
		got := make([]float64, len(xe))
		if err := Exp(got, xe); err != nil {
			t.Fatal(err)
		}
		worst := 0.0
		for i, x := range xe {
			want := math.Exp(x)
			if math.IsNaN(want) != math.IsNaN(got[i]) || (!math.IsNaN(want) && ulps(got[i], want) > 2) {
				t.Fatalf("simd %v: Exp(%v) = %v, math.Exp %v", simd, x, got[i], want)
			}
			if !math.IsNaN(want) {
				worst = max(worst, ulps(got[i], want))
			}
		}
		t.Logf("simd %v: Exp within %.2f ulp of math.Exp", simd, worst)

		var xl []float64
		xl = append(xl, samples(1e-300, 1e300, 200000, true)...)
		xl = append(xl, samples(0.5, 2, 100000, false)...)
		xl = append(xl, samples(1-1e-9, 1+1e-9, 10000, false)...)
		xl = append(xl, 1, 2, math.Sqrt2, math.Nextafter(math.Sqrt2, 3), 0x1p-1022, math.MaxFloat64, 5e-324, 0, -1, math.Inf(1), math.NaN())
		got = make([]float64, len(xl))
		if err := Log(got, xl); err != nil {
			t.Fatal(err)
		}
		worst = 0
		for i, x := range xl {
			want := math.Log(x)
			if math.IsNaN(want) != math.IsNaN(got[i]) || (!math.IsNaN(want) && ulps(got[i], want) > 2) {
				t.Fatalf("simd %v: Log(%v) = %v, math.Log %v", simd, x, got[i], want)
			}
			if !math.IsNaN(want) {
				worst = max(worst, ulps(got[i], want))
			}
		}
		t.Logf("simd %v: Log within %.2f ulp of math.Log", simd, worst)
	}
}

// TestTwinsAgree: the AVX2 passes give the bits of their Go twins, in
// place and not, for every length 0–11 (the tails run in Go).
func TestTwinsAgree(t *testing.T) {
	if !useSIMD {
		t.Skip("no AVX2 path on this machine")
	}
	defer func(v bool) { useSIMD = v }(useSIMD)
	r := rand.New(rand.NewPCG(3, 4))
	for n := range 12 {
		for range 2000 {
			xe, xl := make([]float64, n), make([]float64, n)
			for i := range n {
				xe[i] = (r.Float64() - 0.5) * 1500
				xl[i] = math.Exp((r.Float64() - 0.5) * 1500)
			}
			var res [2][2][]float64
			for k, simd := range []bool{false, true} {
				useSIMD = simd
				e, l := make([]float64, n), append([]float64(nil), xl...)
				if err := Exp(e, xe); err != nil {
					t.Fatal(err)
				}
				if err := Log(l, l); err != nil { // in place
					t.Fatal(err)
				}
				res[k] = [2][]float64{e, l}
			}
			for i := range n {
				for j, name := range []string{"Exp", "Log"} {
					a, b := res[0][j][i], res[1][j][i]
					if math.Float64bits(a) != math.Float64bits(b) {
						t.Fatalf("%s: Go %v, AVX2 %v (n %d, i %d)", name, a, b, n, i)
					}
				}
			}
		}
	}
}

// TestExp1: the scalar Exp1 is within 2 ulp of math.Exp, special values
// to the bit.
func TestExp1(t *testing.T) {
	x := samples(-750, 750, 200000, false)
	x = append(x, samples(-1, 1, 100000, false)...)
	x = append(x, 0, 1, -707, 709, 710, -746, math.Inf(1), math.Inf(-1), math.NaN())
	worst := 0.0
	for _, v := range x {
		got, want := Exp1(v), math.Exp(v)
		if math.IsNaN(want) {
			if !math.IsNaN(got) {
				t.Fatalf("Exp1(%v) = %v, want NaN", v, got)
			}
			continue
		}
		u := ulps(got, want)
		if u > 2 {
			t.Fatalf("Exp1(%v) = %v, math.Exp %v", v, got, want)
		}
		worst = max(worst, u)
	}
	t.Logf("Exp1 within %.2f ulp of math.Exp", worst)
}

func TestLengthMismatch(t *testing.T) {
	if Exp(make([]float64, 2), make([]float64, 3)) == nil || Log(make([]float64, 3), make([]float64, 2)) == nil {
		t.Fatal("no error for slices of different lengths")
	}
}

func BenchmarkExp(b *testing.B) {
	x := samples(-20, 20, 4094, false)
	y := make([]float64, len(x))
	for b.Loop() {
		_ = Exp(y, x)
	}
}

func BenchmarkLog(b *testing.B) {
	x := samples(1e-5, 1e5, 4094, true)
	y := make([]float64, len(x))
	for b.Loop() {
		_ = Log(y, x)
	}
}

func BenchmarkMathExpLog(b *testing.B) {
	x := samples(-20, 20, 4094, false)
	y := make([]float64, len(x))
	for b.Loop() {
		for i, v := range x {
			y[i] = math.Log(math.Exp(v))
		}
	}
}

// TestNoAllocs: neither function allocates, with or without values
// outside the polynomials' ranges.
func TestNoAllocs(t *testing.T) {
	x := samples(-20, 20, 1000, false)
	y := make([]float64, len(x))
	x[7], x[500] = -800, math.NaN()
	if n := testing.AllocsPerRun(10, func() { _ = Exp(y, x); _ = Log(y, y) }); n != 0 {
		t.Fatalf("%v allocations per call", n)
	}
}
