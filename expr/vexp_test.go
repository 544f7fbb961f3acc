package expr

import (
	"math"
	"math/rand/v2"
	"testing"

	"github.com/gohears/hears/units"
)

// ulpDiff is the distance in units in the last place between a and b (0 if
// both are the same NaN class or equal, MaxUint64 if exactly one is NaN or
// the signs differ for non-zero values).
func ulpDiff(a, b float64) uint64 {
	if a == b || (a != a && b != b) {
		return 0
	}
	if a != a || b != b || math.Signbit(a) != math.Signbit(b) {
		return math.MaxUint64
	}
	ua, ub := math.Float64bits(a), math.Float64bits(b)
	if ua > ub {
		return ua - ub
	}
	return ub - ua
}

// vexpInputs returns n random inputs spread over [lo, hi) (uniform, plus a
// share concentrated near 0 where expm1/exprel are delicate) and edge values.
func vexpInputs(n int, lo, hi float64) []float64 {
	r := rand.New(rand.NewPCG(1, 2))
	x := make([]float64, 0, n+64)
	for k := range n {
		switch k % 4 {
		case 3: // log-uniform magnitudes 1e-8 .. 1e2, both signs
			v := math.Pow(10, -8+10*r.Float64())
			if r.IntN(2) == 0 {
				v = -v
			}
			x = append(x, v)
		default:
			x = append(x, lo+(hi-lo)*r.Float64())
		}
	}
	edges := []float64{0, math.Copysign(0, -1), 1e-300, -1e-300, 5e-324, 1e-5, -1e-5,
		math.Nextafter(1e-5, 0), math.Nextafter(-1e-5, 0), 1, -1, math.Ln2, -math.Ln2,
		math.Ln2 / 256, -math.Ln2 / 256, math.Ln2 / 128, 511.9999, 512, -512, -511.9999,
		709.782712893384, 709.7827128933841, 710, -708.3964185322641, -708.4, -745.1332191019411,
		-745.1332191019412, -746, 1000, -1000, math.MaxFloat64, -math.MaxFloat64,
		math.Inf(1), math.Inf(-1), math.NaN()}
	return append(x, edges...)
}

func maxULP(t *testing.T, name string, got, x []float64, ref func(float64) float64, limit uint64) {
	t.Helper()
	var worst uint64
	var at float64
	for i, xi := range x {
		want := ref(xi)
		if d := ulpDiff(got[i], want); d > worst {
			worst, at = d, xi
		}
	}
	t.Logf("%s: %d inputs, max %d ulp from the reference (at x = %v)", name, len(x), worst, at)
	if worst > limit {
		t.Errorf("%s: %d ulp at x = %v (reference %v), limit %d", name, worst, at, ref(at), limit)
	}
}

// TestVecExpULP checks the vector exp against math.Exp over the whole range,
// with exact special cases (overflow to +Inf, underflow to 0, NaN, ±Inf).
func TestVecExpULP(t *testing.T) {
	n := 4_000_000
	if testing.Short() {
		n = 200_000
	}
	x := vexpInputs(n, -745, 709.8)
	got := make([]float64, len(x))
	for c := 0; c < len(x); c += ChunkSize {
		e := min(c+ChunkSize, len(x))
		vecExp(got[c:e], x[c:e])
	}
	maxULP(t, "exp", got, x, math.Exp, 2)
	for i, xi := range x {
		if want := math.Exp(xi); (math.IsInf(want, 0) || want == 0 || want != want) && ulpDiff(got[i], want) != 0 {
			t.Fatalf("exp(%v) = %v, math.Exp gives %v", xi, got[i], want)
		}
	}
	x = vexpInputs(n, -50, 50)
	got = make([]float64, len(x))
	for c := 0; c < len(x); c += ChunkSize {
		e := min(c+ChunkSize, len(x))
		vecExp(got[c:e], x[c:e])
	}
	maxULP(t, "exp on [-50, 50]", got, x, math.Exp, 2)
}

func TestVecExpm1ExprelULP(t *testing.T) {
	n := 4_000_000
	if testing.Short() {
		n = 200_000
	}
	for _, rg := range [][2]float64{{-745, 709.8}, {-5, 5}, {-0.05, 0.05}} {
		x := vexpInputs(n, rg[0], rg[1])
		got := make([]float64, len(x))
		for c := 0; c < len(x); c += ChunkSize {
			e := min(c+ChunkSize, len(x))
			vecExpm1(got[c:e], x[c:e])
		}
		maxULP(t, "expm1", got, x, math.Expm1, 3) // 2 measured; 3 when math.Expm1 itself is compiled with FMA (GOAMD64=v3)
		for c := 0; c < len(x); c += ChunkSize {
			e := min(c+ChunkSize, len(x))
			vecExprel(got[c:e], x[c:e])
		}
		maxULP(t, "exprel", got, x, exprel, 4)
	}
}

// TestVecExpKernelsAgree checks that each kernel the CPU has (AVX-512,
// AVX2 on amd64) gives the same bits as the pure-Go kernel, for every
// length.
func TestVecExpKernelsAgree(t *testing.T) {
	t.Logf("kernel in use: %s", vecExpPath())
	for _, path := range []string{"avx2", "go"} {
		ok, restore := setVecExpPath(path)
		if !ok {
			restore()
			t.Logf("%s: not available on this CPU/build", path)
			continue
		}
		if path != vecExpPath() {
			t.Errorf("setVecExpPath(%q) selected %s", path, vecExpPath())
		}
		kernelsAgree(t)
		restore()
	}
}

// kernelsAgree compares the selected kernels with the Go kernels.
func kernelsAgree(t *testing.T) {
	x := vexpInputs(100_000, -745, 709.8)
	a := make([]float64, len(x))
	b := make([]float64, len(x))
	for _, k := range []struct {
		name      string
		fast, gok func([]float64, []float64) uint64
	}{{"exp", expKernel, expKernelGo}, {"expm1", expm1Kernel, expm1KernelGo}, {"exprel", exprelKernel, exprelKernelGo}} {
		for n := 0; n <= 35; n++ {
			ba, bb := k.fast(a[:n], x[len(x)-n:]), k.gok(b[:n], x[len(x)-n:])
			if (ba != 0) != (bb != 0) {
				t.Fatalf("%s: bad flag %d vs %d for n = %d", k.name, ba, bb, n)
			}
		}
		for c := 0; c < len(x); c += ChunkSize {
			e := min(c+ChunkSize, len(x))
			ba, bb := k.fast(a[c:e], x[c:e]), k.gok(b[c:e], x[c:e])
			if (ba != 0) != (bb != 0) {
				t.Fatalf("%s: bad flag %d vs %d in chunk %d", k.name, ba, bb, c)
			}
		}
		for i := range x {
			if math.Float64bits(a[i]) != math.Float64bits(b[i]) && !(a[i] != a[i] && b[i] != b[i]) {
				t.Fatalf("%s(%v): kernel %v, Go %v", k.name, x[i], a[i], b[i])
			}
		}
	}
}

func benchVec(b *testing.B, f func(dst, x []float64)) {
	x := make([]float64, ChunkSize)
	r := rand.New(rand.NewPCG(3, 4))
	for i := range x {
		x[i] = -10 + 20*r.Float64()
	}
	dst := make([]float64, ChunkSize)
	b.ResetTimer()
	for range b.N {
		f(dst, x)
	}
	b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N*ChunkSize), "ns/element")
}

// Benchmarks over one 256-element chunk of x uniform in [-10, 10).
func BenchmarkVecExp(b *testing.B)    { benchVec(b, vecExp) }
func BenchmarkVecExpGo(b *testing.B)  { benchVec(b, func(d, x []float64) { expKernelGo(d, x) }) }
func BenchmarkVecExprel(b *testing.B) { benchVec(b, vecExprel) }
func BenchmarkVecExprelGo(b *testing.B) {
	benchVec(b, func(d, x []float64) { exprelKernelGo(d, x) })
}
func BenchmarkMathExp(b *testing.B) {
	benchVec(b, func(d, x []float64) {
		for i, v := range x {
			d[i] = math.Exp(v)
		}
	})
}
func BenchmarkScalarExprel(b *testing.B) {
	benchVec(b, func(d, x []float64) {
		for i, v := range x {
			d[i] = exprel(v)
		}
	})
}

// TestCompiledExpSpecialLanes runs compiled exp, expm1 and exprel over
// chunks that mix ordinary and special inputs, including the case where the
// result overwrites its input (x = exp(x)), so the fallback lanes must still
// see the original values.
func TestCompiledExpSpecialLanes(t *testing.T) {
	special := []float64{0, math.Copysign(0, -1), 1e-7, -3e-6, 600, -600, 710, -746, -1000,
		math.Inf(1), math.Inf(-1), math.NaN(), 1e308}
	const n = 3*ChunkSize + 5
	r := rand.New(rand.NewPCG(5, 6))
	x0 := make([]float64, n)
	for k := range x0 {
		x0[k] = -30 + 60*r.Float64()
		if k%7 == 3 {
			x0[k] = special[(k/7)%len(special)]
		}
	}
	for _, c := range []struct {
		src string
		ref func(float64) float64
	}{
		{"x = exp(x)", math.Exp}, {"x = expm1(x)", math.Expm1}, {"x = exprel(x)", exprel},
		{"y = exp(x)", math.Exp}, {"y = exprel(x)", exprel},
		{"y = exp(2*x) + 0", func(v float64) float64 { return math.Exp(2 * v) }},
	} {
		stmts, err := ParseStatements(c.src)
		if err != nil {
			t.Fatal(err)
		}
		d := NewDecls().Vector("x", units.Dimensionless()).Vector("y", units.Dimensionless())
		prog, err := Compile(stmts, d)
		if err != nil {
			t.Fatal(err)
		}
		x := append([]float64(nil), x0...)
		y := make([]float64, n)
		if err := prog.Run(&Env{Vectors: map[string][]float64{"x": x, "y": y}}, 0, n); err != nil {
			t.Fatal(err)
		}
		got := y
		if c.src[0] == 'x' {
			got = x
		}
		var worst uint64
		for k, v := range x0 {
			want := c.ref(v)
			d := ulpDiff(got[k], want)
			if (want != want || math.IsInf(want, 0) || want == 0 || v != v || math.Abs(v) >= 512) && d != 0 {
				t.Fatalf("%s: x = %v gave %v, want %v exactly", c.src, v, got[k], want)
			}
			worst = max(worst, d)
		}
		if worst > 4 {
			t.Errorf("%s: %d ulp from the scalar function", c.src, worst)
		}
	}
}
