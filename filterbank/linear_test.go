package filterbank

import (
	"encoding/json"
	"math"
	"math/rand/v2"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/gohears/hears/internal/refdata"
	"github.com/gohears/hears/sound"
)

// linCase loads a reference case copied into ../testdata.
func linCase(t testing.TB, name string) *refdata.Case {
	t.Helper()
	c, err := refdata.Load(filepath.Join("..", "testdata", name))
	if err != nil {
		t.Fatal(err)
	}
	return c
}

// linInput loads a case's input.csv as a Sound.
func linInput(t testing.TB, c *refdata.Case) *sound.Sound {
	t.Helper()
	s, err := c.Input()
	if err != nil {
		t.Fatal(err)
	}
	return s
}

// linCompareOutput reads src whole in blocks of 32 frames (brian2hears'
// buffersize) and compares it with output.csv at the suggested tolerance.
func linCompareOutput(t *testing.T, c *refdata.Case, src sound.Source) {
	t.Helper()
	rows, err := c.CSV("output.csv")
	if err != nil {
		t.Fatal(err)
	}
	want, nc := refdata.Flatten(rows)
	if nc != src.NumChannels() {
		t.Fatalf("reference has %d channels, bank %d", nc, src.NumChannels())
	}
	got, err := sound.ReadFrames(src, len(rows), 32)
	if err != nil {
		t.Fatal(err)
	}
	tol, err := c.SuggestedTolerance()
	if err != nil {
		t.Fatal(err)
	}
	m, err := refdata.Compare(got.Data(), want, tol)
	if err != nil {
		t.Fatalf("%s: %v", c.Dir, err)
	}
	t.Logf("%s: max |diff| %.3g (worst %.3g of tolerance)", filepath.Base(c.Dir), m.MaxAbs, m.Excess)
}

// linCoefficients loads filt_b and filt_a from a case's coefficients.json.
func linCoefficients(t testing.TB, c *refdata.Case) (b, a [][][]float64) {
	t.Helper()
	raw, err := os.ReadFile(c.File("coefficients.json"))
	if err != nil {
		t.Fatal(err)
	}
	var v struct {
		B [][][]float64 `json:"filt_b"`
		A [][][]float64 `json:"filt_a"`
	}
	if err := json.Unmarshal(raw, &v); err != nil {
		t.Fatal(err)
	}
	return v.B, v.A
}

// linSameCoefficients compares coefficient arrays element by element with a
// relative tolerance (exact for zeros).
func linSameCoefficients(t *testing.T, what string, got, want [][][]float64, rtol float64) {
	t.Helper()
	if len(got) != len(want) {
		t.Fatalf("%s: %d channels, want %d", what, len(got), len(want))
	}
	worst := 0.0
	for c := range want {
		for k := range want[c] {
			for s := range want[c][k] {
				g, w := got[c][k][s], want[c][k][s]
				d := math.Abs(g - w)
				if d > rtol*math.Abs(w) {
					t.Fatalf("%s[%d][%d][%d] = %.17g, want %.17g", what, c, k, s, g, w)
				}
				if w != 0 {
					worst = max(worst, d/math.Abs(w))
				}
			}
		}
	}
	t.Logf("%s: worst relative difference %.3g", what, worst)
}

// naiveLinear is an independent, plain implementation of the Brian Hears
// convention (the reference README's equations) used to check the kernel:
// coefficient set i applies from frame switchAt[i] on.
func naiveLinear(x []float64, xch int, frames int, bs, as [][][][]float64, switchAt []int) []float64 {
	b := bs[0]
	nch, m, S := len(b), len(b[0]), len(b[0][0])
	out := make([]float64, frames*nch)
	z := make([][][]float64, nch)
	for c := range z {
		z[c] = make([][]float64, S)
		for s := range z[c] {
			z[c][s] = make([]float64, max(m-1, 0))
		}
	}
	set := 0
	for f := range frames {
		for set+1 < len(switchAt) && f >= switchAt[set+1] {
			set++
		}
		b, a := bs[set], as[set]
		for c := range nch {
			v := x[f*xch]
			if xch > 1 {
				v = x[f*xch+c]
			}
			for s := range S {
				zs := z[c][s]
				var y float64
				if m == 1 {
					y = float64(b[c][0][s] * v)
				} else {
					y = float64(b[c][0][s]*v) + zs[0]
					for i := 0; i < m-2; i++ {
						zs[i] = (float64(b[c][i+1][s]*v) + zs[i+1]) - float64(a[c][i+1][s]*y)
					}
					zs[m-2] = float64(b[c][m-1][s]*v) - float64(a[c][m-1][s]*y)
				}
				v = y
			}
			out[f*nch+c] = v
		}
	}
	return out
}

// randomStable returns random coefficients of stable filters: each stage's
// poles lie inside radius 0.97; a[0] is set to a junk value to check that it
// is never read.
func randomStable(r *rand.Rand, nch, taps, stages int) (b, a [][][]float64) {
	b = make([][][]float64, nch)
	a = make([][][]float64, nch)
	for c := range nch {
		b[c] = make([][]float64, taps)
		a[c] = make([][]float64, taps)
		for t := range taps {
			b[c][t] = make([]float64, stages)
			a[c][t] = make([]float64, stages)
			for s := range stages {
				b[c][t][s] = r.NormFloat64()
			}
		}
		for s := range stages {
			a[c][0][s] = 3.5 // never read
			// Product of first-order sections (1 - p z^-1) with real poles |p| < 0.97.
			poly := []float64{1}
			for range taps - 1 {
				p := (r.Float64()*2 - 1) * 0.97
				next := make([]float64, len(poly)+1)
				for i, v := range poly {
					next[i] += v
					next[i+1] -= p * v
				}
				poly = next
			}
			for t := 1; t < taps; t++ {
				a[c][t][s] = poly[t]
			}
		}
	}
	return b, a
}

func randomSignal(r *rand.Rand, n int) []float64 {
	x := make([]float64, n)
	for i := range x {
		x[i] = r.NormFloat64()
	}
	return x
}

func bitsEqual(t *testing.T, what string, got, want []float64) {
	t.Helper()
	if len(got) != len(want) {
		t.Fatalf("%s: length %d, want %d", what, len(got), len(want))
	}
	for i := range want {
		if math.Float64bits(got[i]) != math.Float64bits(want[i]) && !(got[i] == 0 && want[i] == 0) {
			t.Fatalf("%s: element %d = %.17g, want %.17g (bit-identical)", what, i, got[i], want[i])
		}
	}
}

// runKernel feeds x (xch channels) through k in blocks of block frames.
func runKernel(t *testing.T, k Kernel, x []float64, xch, frames, block int) []float64 {
	t.Helper()
	nch := k.NumChannels()
	out := make([]float64, frames*nch)
	for f0 := 0; f0 < frames; f0 += block {
		n := min(block, frames-f0)
		if err := k.Process(out[f0*nch:(f0+n)*nch], [][]float64{x[f0*xch : (f0+n)*xch]}, n); err != nil {
			t.Fatal(err)
		}
	}
	return out
}

// withSIMD runs fn with the biquad path forced to level (if the CPU has it).
func withSIMD(t testing.TB, level int, fn func()) bool {
	t.Helper()
	saved := simdLevel
	if level > saved {
		return false
	}
	simdLevel = level
	defer func() { simdLevel = saved }()
	fn()
	return true
}

func TestLinearMatchesNaive(t *testing.T) {
	r := rand.New(rand.NewPCG(1, 2))
	const frames = 300
	for _, taps := range []int{1, 2, 3, 4, 5} {
		for _, stages := range []int{1, 2, 4, 5} {
			for _, nch := range []int{1, 3, 8, 13} {
				for _, xch := range []int{1, nch} {
					b, a := randomStable(r, nch, taps, stages)
					x := randomSignal(r, frames*xch)
					k, err := NewLinearKernel(b, a)
					if err != nil {
						t.Fatal(err)
					}
					got := runKernel(t, k, x, xch, frames, 37)
					want := naiveLinear(x, xch, frames, [][][][]float64{b}, [][][][]float64{a}, []int{0})
					bitsEqual(t, "kernel vs naive", got, want)
				}
			}
		}
	}
}

// TestLinearSIMDBitIdentical checks that the AVX-512, AVX2 (software-
// pipelined and plain) and pure-Go paths give bit-identical results: odd channel counts (partial groups), 1 to 9
// stages (4-stage and 1-stage passes), mono and multi-channel input, block
// sizes across the chunk size.
func TestLinearSIMDBitIdentical(t *testing.T) {
	if simdLevel == simdNone {
		t.Skip("no SIMD path on this CPU")
	}
	r := rand.New(rand.NewPCG(3, 4))
	const frames = 700
	for _, nch := range []int{1, 5, 8, 9, 16, 17, 31, 40, 67} {
		for _, st := range []struct{ taps, stages int }{{3, 1}, {3, 3}, {3, 4}, {3, 5}, {3, 9}, {2, 1}, {2, 4}, {4, 2}} {
			for _, xch := range []int{1, nch} {
				b, a := randomStable(r, nch, st.taps, st.stages)
				x := randomSignal(r, frames*xch)
				for _, block := range []int{1, 2, 3, 4, 7, 128, 129, 700} {
					var ref []float64
					// simdAVX2+10: the AVX2 path with its plain (not
					// software-pipelined) 4-stage loop.
					for _, level := range []int{simdNone, simdAVX2, simdAVX2 + 10, simdAVX512} {
						plain := level == simdAVX2+10
						if plain {
							level = simdAVX2
						}
						withSIMD(t, level, func() {
							plainAVX2 = plain
							defer func() { plainAVX2 = false }()
							k, err := NewLinearKernel(b, a)
							if err != nil {
								t.Fatal(err)
							}
							got := runKernel(t, k, x, xch, frames, block)
							if ref == nil {
								ref = got
								return
							}
							bitsEqual(t, SIMDPath(), got, ref)
						})
					}
				}
			}
		}
	}
}

func TestLinearBlockSizeIndependent(t *testing.T) {
	r := rand.New(rand.NewPCG(5, 6))
	b, a := randomStable(r, 21, 3, 4)
	x := randomSignal(r, 2000)
	s, _ := sound.New(x, 1, 44100)
	var ref []float64
	for _, block := range []int{1, 7, 32, 1000} {
		bank, err := Linear(s, b, a)
		if err != nil {
			t.Fatal(err)
		}
		got, err := sound.ReadAll(bank, block)
		if err != nil {
			t.Fatal(err)
		}
		if ref == nil {
			ref = got.Data()
			continue
		}
		bitsEqual(t, "block size", got.Data(), ref)
	}
}

func TestLinearCoefficientChange(t *testing.T) {
	r := rand.New(rand.NewPCG(7, 8))
	const frames, nch = 500, 19
	for _, taps := range []int{2, 3} {
		b1, a1 := randomStable(r, nch, taps, 4)
		b2, a2 := randomStable(r, nch, taps, 4)
		b3, a3 := randomStable(r, nch, taps, 4)
		x := randomSignal(r, frames)
		k, err := NewLinearKernel(b1, a1)
		if err != nil {
			t.Fatal(err)
		}
		out := make([]float64, frames*nch)
		steps := []struct {
			at   int
			b, a [][][]float64
		}{{0, b1, a1}, {100, b2, a2}, {333, b3, a3}, {frames, nil, nil}}
		for i := 0; i+1 < len(steps); i++ {
			if i > 0 {
				if err := k.SetCoefficients(steps[i].b, steps[i].a); err != nil {
					t.Fatal(err)
				}
			}
			lo, hi := steps[i].at, steps[i+1].at
			if err := k.Process(out[lo*nch:hi*nch], [][]float64{x[lo:hi]}, hi-lo); err != nil {
				t.Fatal(err)
			}
		}
		want := naiveLinear(x, 1, frames, [][][][]float64{b1, b2, b3}, [][][][]float64{a1, a2, a3}, []int{0, 100, 333})
		bitsEqual(t, "coefficient change", out, want)

		// One channel at a time, and Coefficients round trip.
		gb, ga := k.Coefficients()
		for c := range nch {
			if err := k.SetChannelCoefficients(c, b1[c], a1[c]); err != nil {
				t.Fatal(err)
			}
		}
		nb, na := k.Coefficients()
		for c := range nch {
			for tp := range taps {
				for s := range 4 {
					if gb[c][tp][s] != b3[c][tp][s] || nb[c][tp][s] != b1[c][tp][s] || (tp > 0 && (ga[c][tp][s] != a3[c][tp][s] || na[c][tp][s] != a1[c][tp][s])) {
						t.Fatalf("coefficients round trip differs at [%d][%d][%d]", c, tp, s)
					}
				}
			}
		}
	}
}

func TestLinearErrors(t *testing.T) {
	ok := [][][]float64{{{1}, {0.5}}}
	okA := [][][]float64{{{1}, {-0.5}}}
	nan := [][][]float64{{{math.NaN()}, {0.5}}}
	short := [][][]float64{{{1}}}
	cases := []struct {
		name string
		b, a [][][]float64
		msg  string
	}{
		{"empty", nil, nil, "no channels"},
		{"channel count", ok, [][][]float64{okA[0], okA[0]}, "channels"},
		{"tap count", ok, short, "taps"},
		{"stage count", ok, [][][]float64{{{1, 1}, {0.5, 0.5}}}, "stages"},
		{"NaN", nan, okA, "NaN"},
		{"Inf a", ok, [][][]float64{{{1}, {math.Inf(1)}}}, "+Inf"},
	}
	for _, c := range cases {
		_, err := NewLinearKernel(c.b, c.a)
		if err == nil || !strings.Contains(err.Error(), c.msg) {
			t.Errorf("%s: error %v, want one mentioning %q", c.name, err, c.msg)
		}
	}
	// a[0] may be anything, even NaN: it is never read.
	if _, err := NewLinearKernel(ok, [][][]float64{{{math.NaN()}, {-0.5}}}); err != nil {
		t.Errorf("a[0] NaN rejected: %v", err)
	}
	k, err := NewLinearKernel(ok, okA)
	if err != nil {
		t.Fatal(err)
	}
	if err := k.SetCoefficients([][][]float64{{{1, 1}, {0, 0}}}, [][][]float64{{{1, 1}, {0, 0}}}); err == nil {
		t.Error("SetCoefficients accepted a new shape")
	}
	if err := k.SetChannelCoefficients(1, ok[0], okA[0]); err == nil {
		t.Error("SetChannelCoefficients accepted channel 1 of 1")
	}
	if err := k.Process(make([]float64, 4), [][]float64{make([]float64, 3)}, 4); err == nil {
		t.Error("input block of 3 samples for 4 frames accepted")
	}
	if err := k.Process(make([]float64, 2), [][]float64{make([]float64, 4)}, 4); err == nil {
		t.Error("short output block accepted")
	}
	// Channel mismatch between the source and the bank.
	two, _ := sound.New(make([]float64, 20), 2, 1000)
	three := [][][]float64{ok[0], ok[0], ok[0]}
	if _, err := Linear(two, three, [][][]float64{okA[0], okA[0], okA[0]}); err == nil || !strings.Contains(err.Error(), "2 channels") {
		t.Errorf("channel mismatch: %v", err)
	}
}

// TestLinearCascadeLowPass checks a 4-stage first-order cascade
// (brian2hears Cascade of LowPass ×4) built from LowPassCoefficients.
func TestLinearCascadeLowPass(t *testing.T) {
	c := linCase(t, "cascade_lowpass_x4")
	fc, err := c.Floats("parameters", "fc", "value")
	if err != nil {
		t.Fatal(err)
	}
	in := linInput(t, c)
	b1, a1, err := LowPassCoefficients(fc, in.SampleRate())
	if err != nil {
		t.Fatal(err)
	}
	b := make([][][]float64, len(fc))
	a := make([][][]float64, len(fc))
	for ch := range fc {
		b[ch] = [][]float64{{}, {}}
		a[ch] = [][]float64{{}, {}}
		for range 4 {
			for tp := range 2 {
				b[ch][tp] = append(b[ch][tp], b1[ch][tp][0])
				a[ch][tp] = append(a[ch][tp], a1[ch][tp][0])
			}
		}
	}
	wb, wa := linCoefficients(t, c)
	linSameCoefficients(t, "filt_b", b, wb, 1e-12)
	linSameCoefficients(t, "filt_a", a, wa, 1e-12)
	bank, err := Linear(in, b, a)
	if err != nil {
		t.Fatal(err)
	}
	linCompareOutput(t, c, bank)
}

// polyFromRoots returns a1 … an of ∏(1 − r z⁻¹) over the roots r (complex
// ones given once, their conjugates added).
func polyFromRoots(reals []float64, cplx []complex128) []float64 {
	p := []complex128{1}
	mul := func(r complex128) {
		q := make([]complex128, len(p)+1)
		for i, v := range p {
			q[i] += v
			q[i+1] -= r * v
		}
		p = q
	}
	for _, r := range reals {
		mul(complex(r, 0))
	}
	for _, r := range cplx {
		mul(r)
		mul(complex(real(r), -imag(r)))
	}
	a := make([]float64, len(p)-1)
	for i := range a {
		a[i] = real(p[i+1])
	}
	return a
}

// TestHighOrderStability checks the Schur–Cohn test of stages of order 3 to
// 10 against their roots: 400 random denominators with every pole inside
// radius 0.999 are accepted, and with one pole beyond 1.001 refused, naming
// the channel and stage; poles exactly on the circle (an integrator, a
// Nyquist pole) next to stable ones are accepted, as at low orders.
func TestHighOrderStability(t *testing.T) {
	r := rand.New(rand.NewPCG(3, 4))
	build := func(a []float64) error {
		taps := len(a) + 1
		b := [][][]float64{make([][]float64, taps), make([][]float64, taps)}
		aa := [][][]float64{make([][]float64, taps), make([][]float64, taps)}
		for t := range taps {
			b[0][t], b[1][t] = []float64{0}, []float64{0}
			aa[0][t], aa[1][t] = []float64{0}, []float64{0}
		}
		b[0][0][0], b[1][0][0], aa[0][0][0], aa[1][0][0] = 1, 1, 1, 1
		for t, v := range a {
			aa[1][t+1][0] = v // channel 1 carries the denominator under test
		}
		_, err := NewLinearKernel(b, aa)
		return err
	}
	for trial := range 400 {
		order := 3 + r.IntN(8)
		var re []float64
		var cx []complex128
		for n := order; n > 0; {
			rad := 0.999 * math.Sqrt(r.Float64())
			if n >= 2 && r.IntN(2) == 0 {
				th := math.Pi * r.Float64()
				cx = append(cx, complex(rad*math.Cos(th), rad*math.Sin(th)))
				n -= 2
			} else {
				re = append(re, rad*float64(1-2*r.IntN(2)))
				n--
			}
		}
		if err := build(polyFromRoots(re, cx)); err != nil {
			t.Fatalf("trial %d: stable order %d refused: %v", trial, order, err)
		}
		// One pole moved outside: a real one beyond 1.001, or a complex
		// pair at radius 1.001–1.5.
		if len(re) > 0 {
			re[0] = (1.001 + 0.5*r.Float64()) * float64(1-2*r.IntN(2))
		} else {
			th := math.Pi * r.Float64()
			rad := 1.001 + 0.5*r.Float64()
			cx[0] = complex(rad*math.Cos(th), rad*math.Sin(th))
		}
		err := build(polyFromRoots(re, cx))
		if err == nil || !strings.Contains(err.Error(), "channel 1 stage 0 is unstable") {
			t.Fatalf("trial %d: unstable order %d: %v", trial, order, err)
		}
	}
	for _, roots := range [][]float64{{1, 0.5, -0.3}, {-1, 0.9, 0.2, 0.1}, {1, -1, 0.5, 0.5}} {
		if err := build(polyFromRoots(roots, nil)); err != nil {
			t.Errorf("poles %v (on the circle) refused: %v", roots, err)
		}
	}
}

// TestDirectFormGammatoneStability: an 8th-order gammatone in direct form
// (DecascadeCoefficients, ncascade 1) at 44.1 kHz is unstable at 100 Hz
// once its coefficients are rounded to float64 (exact Schur–Cohn: k6 =
// −1.00015; run directly it reaches NaN within seconds) and stable, but
// barely, at 150 Hz (all |k| < 1, the closest 0.99999; bounded over 30 s of
// noise); a float64 root finder or step-down gets 150 Hz wrong (pole radius
// 1.0008, k = −1.0004). The kernel refuses the first and accepts the
// second.
func TestDirectFormGammatoneStability(t *testing.T) {
	for _, c := range []struct {
		cf     float64
		stable bool
	}{{100, false}, {150, true}, {1000, true}} {
		b, a, err := GammatoneCoefficients([]float64{c.cf}, 44100)
		if err != nil {
			t.Fatal(err)
		}
		db, da, err := DecascadeCoefficients(b, a, 1)
		if err != nil {
			t.Fatal(err)
		}
		_, err = NewLinearKernel(db, da)
		if (err == nil) != c.stable {
			t.Errorf("%g Hz: stable %v, got error %v", c.cf, c.stable, err)
		}
	}
}
