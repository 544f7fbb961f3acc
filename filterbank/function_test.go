package filterbank

import (
	"errors"
	"math"
	"math/rand/v2"
	"testing"

	"github.com/gohears/hears/sound"
)

func TestFunctionReference(t *testing.T) {
	c := linCase(t, "function_filterbank_rectify_cuberoot")
	in := linInput(t, c)
	// As brian2hears: np.clip(v, 0, inf)**(1/3), here through Function.
	fb, err := Function([]sound.Source{in}, in.NumChannels(), func(out []float64, x [][]float64, frames int) error {
		for i, v := range x[0] {
			out[i] = math.Pow(max(v, 0), 1.0/3.0)
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	linCompareOutput(t, c, fb)
	// And through Map with RectifyCubeRoot, and HalfWaveCubeRoot.
	m, err := Map(in, RectifyCubeRoot)
	if err != nil {
		t.Fatal(err)
	}
	linCompareOutput(t, c, m)
	h, err := HalfWaveCubeRoot(in)
	if err != nil {
		t.Fatal(err)
	}
	linCompareOutput(t, c, h)
}

func TestFunctionSeveralSources(t *testing.T) {
	x, _ := sound.New([]float64{1, 2, 3, 4, 5, 6}, 2, 100)
	y, _ := sound.New([]float64{10, 20, 30}, 1, 100)
	// out = x0 + x1 - y
	fb, err := Function([]sound.Source{x, y}, 1, func(out []float64, in [][]float64, frames int) error {
		for f := range frames {
			out[f] = in[0][2*f] + in[0][2*f+1] - in[1][f]
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	got, err := sound.ReadAll(fb, 2)
	if err != nil {
		t.Fatal(err)
	}
	want := []float64{-7, -13, -19}
	for i, v := range want {
		if got.Data()[i] != v {
			t.Fatalf("got %v, want %v", got.Data(), want)
		}
	}
	// Errors from the function travel to the caller.
	boom := errors.New("boom")
	bad, err := Function([]sound.Source{x}, 2, func([]float64, [][]float64, int) error { return boom })
	if err != nil {
		t.Fatal(err)
	}
	if _, err := bad.Fetch(0, 2); !errors.Is(err, boom) {
		t.Errorf("function error: got %v", err)
	}
	z, _ := sound.New([]float64{1, 2}, 1, 200)
	if _, err := Function([]sound.Source{x, z}, 1, func([]float64, [][]float64, int) error { return nil }); err == nil {
		t.Error("sources at different rates accepted")
	}
	if _, err := Function([]sound.Source{x}, 0, func([]float64, [][]float64, int) error { return nil }); err == nil {
		t.Error("0 output channels accepted")
	}
	if _, err := Function([]sound.Source{x}, 1, nil); err == nil {
		t.Error("nil function accepted")
	}
	if _, err := Map(x, nil); err == nil {
		t.Error("nil map function accepted")
	}
}

func TestMapParallel(t *testing.T) {
	const nch, frames = 70, 1000
	x := make([]float64, nch*frames)
	for i := range x {
		x[i] = math.Sin(float64(i))
	}
	s, _ := sound.New(x, nch, 1000)
	var outs [][]float64
	for _, w := range []int{1, 2} {
		m, err := Map(s, RectifyCubeRoot)
		if err != nil {
			t.Fatal(err)
		}
		m.SetWorkers(w)
		y, err := sound.ReadAll(m, 1000)
		if err != nil {
			t.Fatal(err)
		}
		outs = append(outs, y.Data())
	}
	bitsEqual(t, "map 2 workers", outs[1], outs[0])
	for i, v := range x {
		if outs[0][i] != RectifyCubeRoot(v) {
			t.Fatalf("sample %d: %v, want %v", i, outs[0][i], RectifyCubeRoot(v))
		}
	}
	if !math.IsNaN(RectifyCubeRoot(math.NaN())) || RectifyCubeRoot(-2) != 0 || RectifyCubeRoot(8) != 2 {
		t.Error("RectifyCubeRoot special values")
	}
}

// TestRectifyCubeRootAccuracy: within 8 ulp of math.Cbrt over the whole
// double range, subnormals included, and the special values.
func TestRectifyCubeRootAccuracy(t *testing.T) {
	r := rand.New(rand.NewPCG(11, 12))
	worst := 0.0
	for range 200000 {
		v := math.Ldexp(1+r.Float64(), r.IntN(2098)-1074)
		got, want := RectifyCubeRoot(v), math.Cbrt(v)
		ulp := math.Nextafter(want, math.Inf(1)) - want
		worst = max(worst, math.Abs(got-want)/ulp)
	}
	t.Logf("worst error %.3g ulp", worst)
	if worst > 8 {
		t.Errorf("cube root off by %.3g ulp", worst)
	}
	for _, c := range []struct{ v, want float64 }{
		{0, 0}, {math.Copysign(0, -1), 0}, {-8, 0}, {math.Inf(-1), 0}, {math.Inf(1), math.Inf(1)},
		{8, 2}, {27, 3}, {1e-300, 1e-100}, {math.MaxFloat64, math.Cbrt(math.MaxFloat64)},
		{math.SmallestNonzeroFloat64, math.Cbrt(math.SmallestNonzeroFloat64)},
	} {
		got := RectifyCubeRoot(c.v)
		if math.Abs(got-c.want) > 8*(math.Nextafter(c.want, math.Inf(1))-c.want) || math.Signbit(got) {
			t.Errorf("RectifyCubeRoot(%v) = %v, want %v", c.v, got, c.want)
		}
	}
	if !math.IsNaN(RectifyCubeRoot(math.NaN())) {
		t.Error("RectifyCubeRoot(NaN) is not NaN")
	}
}

// TestHalfWaveCubeRootMatchesMap: the vectorised bank gives bit-identical
// results to Map(src, RectifyCubeRoot), special values included, on every
// path and with 1 or 2 workers.
func TestHalfWaveCubeRootMatchesMap(t *testing.T) {
	r := rand.New(rand.NewPCG(13, 14))
	specials := []float64{math.NaN(), math.Inf(1), math.Inf(-1), 0, math.Copysign(0, -1), 1e-310, 0x1p-900, 0x1p900, 1e307, -1e-310}
	for _, nch := range []int{1, 7, 64, 301} {
		const frames = 200
		x := make([]float64, nch*frames)
		for i := range x {
			x[i] = r.NormFloat64() * math.Pow(10, float64(r.IntN(40)-20))
			if r.IntN(50) == 0 {
				x[i] = specials[r.IntN(len(specials))]
			}
		}
		s := newRawSource(x, nch, 1000)
		m, err := Map(s, RectifyCubeRoot)
		if err != nil {
			t.Fatal(err)
		}
		want, err := sound.ReadAll(m, 64)
		if err != nil {
			t.Fatal(err)
		}
		for _, level := range []int{simdNone, simdAVX2, simdAVX512} {
			for _, w := range []int{1, 2} {
				withSIMD(t, level, func() {
					h, err := HalfWaveCubeRoot(s)
					if err != nil {
						t.Fatal(err)
					}
					h.SetWorkers(w)
					got, err := sound.ReadAll(h, frames)
					if err != nil {
						t.Fatal(err)
					}
					for i, v := range want.Data() {
						g := got.Data()[i]
						if math.Float64bits(g) != math.Float64bits(v) && !(math.IsNaN(g) && math.IsNaN(v)) {
							t.Fatalf("%d channels, level %d, %d workers: sample %d (input %v) = %v, Map gives %v", nch, level, w, i, x[i], g, v)
						}
					}
				})
			}
		}
	}
	if _, err := HalfWaveCubeRoot(nil); err == nil {
		t.Error("nil source accepted")
	}
}
