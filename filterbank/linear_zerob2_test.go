package filterbank

import (
	"math"
	"math/rand/v2"
	"testing"
)

// bitsIdentical fails unless got and want have the same bit patterns,
// signed zeros and NaN payloads included.
func bitsIdentical(t *testing.T, what string, got, want []float64) {
	t.Helper()
	if len(got) != len(want) {
		t.Fatalf("%s: length %d, want %d", what, len(got), len(want))
	}
	for i := range want {
		if math.Float64bits(got[i]) != math.Float64bits(want[i]) {
			t.Fatalf("%s: element %d = %v (%#016x), want %v (%#016x)", what, i, got[i], math.Float64bits(got[i]), want[i], math.Float64bits(want[i]))
		}
	}
}

// sameValues fails unless got and want are bit-identical or both NaN (the
// pure-Go path may propagate a different NaN payload where two NaNs meet).
func sameValues(t *testing.T, what string, got, want []float64) {
	t.Helper()
	for i := range want {
		if math.Float64bits(got[i]) != math.Float64bits(want[i]) && !(math.IsNaN(got[i]) && math.IsNaN(want[i])) {
			t.Fatalf("%s: element %d = %v (%#016x), want %v (%#016x)", what, i, got[i], math.Float64bits(got[i]), want[i], math.Float64bits(want[i]))
		}
	}
}

// hardSignal is noise with the values that tell b2*x from its sign-copy
// shortcut apart: a run of −0 from the zero state, runs of +0 and −0 (silence, where the state decays
// through subnormals to signed zeros), negative and positive subnormals,
// the smallest subnormals (whose products underflow to signed zeros),
// huge values whose filtered output overflows to ±Inf, and, if nonFinite,
// single Inf, −Inf and NaN samples.
func hardSignal(r *rand.Rand, n int, nonFinite bool) []float64 {
	x := make([]float64, n)
	for i := range x {
		x[i] = r.NormFloat64()
	}
	put := func(at, length int, v func() float64) {
		for i := at; i < min(at+length, n); i++ {
			x[i] = v()
		}
	}
	put(0, n/20, func() float64 { return math.Copysign(0, -1) }) // from the zero state
	put(n/20, n/20, func() float64 { return math.Copysign(5e-324, r.NormFloat64()) })
	put(n/10, n/5, func() float64 { return 0 })
	put(n/3, n/8, func() float64 { return math.Copysign(0, -1) })
	put(n/2, n/16, func() float64 { return r.NormFloat64() * 1e-310 })
	if nonFinite {
		put(3*n/5, 3, func() float64 { return 1e308 })
		x[7*n/10] = math.Inf(1)
		x[7*n/10+40] = math.Inf(-1)
		x[4*n/5] = math.Float64frombits(0x7ff8dead00000001)
	}
	return x
}

// TestLinearZeroB2BitIdentical checks the AVX2 pass that skips b2*x for
// stages whose b2 are all +0 (Gammatone's) against the pass that
// multiplies, bit for bit (signed zeros and NaN payloads included), and
// against the pure-Go path: inputs with silences of +0 and −0, subnormals,
// overflow to Inf, Inf and NaN samples (after which a half group is redone
// by the exact pass), block sizes across the chunk size, mono and
// multi-channel input, 4 to 9 stages (only the first pass of 4 reads an
// input other than its output), and banks where one lane's b2 is −0 or
// non-zero (the whole pass must then multiply).
func TestLinearZeroB2BitIdentical(t *testing.T) {
	if simdLevel != simdAVX2 {
		t.Skip("the b2 = +0 pass is AVX2 only; this CPU uses another path")
	}
	r := rand.New(rand.NewPCG(16, 2))
	const frames = 700
	cf, err := ERBSpace(50, 20000, 37)
	if err != nil {
		t.Fatal(err)
	}
	gb, ga, err := GammatoneCoefficients(cf, 44100)
	if err != nil {
		t.Fatal(err)
	}
	type bank struct {
		name string
		b, a [][][]float64
	}
	banks := []bank{{"gammatone", gb, ga}}
	for _, stages := range []int{4, 5, 9} {
		b, a := randomStable(r, 21, 3, stages)
		for c := range b {
			for s := range stages {
				b[c][2][s] = 0
			}
		}
		banks = append(banks, bank{"random", b, a})
		for _, odd := range []float64{math.Copysign(0, -1), 1e-300} {
			bo, ao := randomStable(r, 21, 3, stages)
			for c := range bo {
				for s := range stages {
					bo[c][2][s] = 0
				}
			}
			bo[13][2][stages-1] = odd
			banks = append(banks, bank{"one lane not +0", bo, ao})
		}
	}
	for _, bk := range banks {
		nch := len(bk.b)
		for _, nonFinite := range []bool{false, true} {
			for _, xch := range []int{1, nch} {
				x := hardSignal(r, frames*xch, nonFinite)
				for _, block := range []int{1, 3, 4, 7, 128, 129, 700} {
					run := func(level int, exact bool) []float64 {
						var got []float64
						withSIMD(t, level, func() {
							exactB2 = exact
							defer func() { exactB2 = false }()
							k, err := NewLinearKernel(bk.b, bk.a)
							if err != nil {
								t.Fatal(err)
							}
							got = runKernel(t, k, x, xch, frames, block)
						})
						return got
					}
					want := run(simdAVX2, true)
					got := run(simdAVX2, false)
					bitsIdentical(t, bk.name+": b2 skipped vs multiplied", got, want)
					sameValues(t, bk.name+": AVX2 vs pure Go", got, run(simdNone, false))
				}
			}
		}
	}
}

// TestLinearZeroB2Flags checks which group-stages the kernel marks as
// having b2 = +0, after construction and after coefficient changes.
func TestLinearZeroB2Flags(t *testing.T) {
	r := rand.New(rand.NewPCG(16, 3))
	b, a := randomStable(r, 12, 3, 4)
	for c := range b {
		for s := range 4 {
			b[c][2][s] = 0
		}
	}
	k, err := NewLinearKernel(b, a)
	if err != nil {
		t.Fatal(err)
	}
	if !k.b2Zero(0, 2, 0) {
		t.Fatal("all b2 are +0 but the kernel does not say so")
	}
	b[9][2][2] = math.Copysign(0, -1)
	if err := k.SetChannelCoefficients(9, b[9], a[9]); err != nil {
		t.Fatal(err)
	}
	if k.b2Zero(0, 2, 0) || !k.b2Zero(0, 1, 0) {
		t.Fatal("channel 9's b2 = −0 must clear group 1's flag only")
	}
	b[9][2][2] = 0
	if err := k.SetCoefficients(b, a); err != nil {
		t.Fatal(err)
	}
	if !k.b2Zero(0, 2, 0) {
		t.Fatal("b2 back to +0 but the flag stays clear")
	}
}
