package filterbank

import (
	"math"
	"math/cmplx"
	"math/rand/v2"
	"slices"
	"strings"
	"testing"

	"github.com/gohears/hears/sound"
)

// timeVaryingRef runs the band-pass sample by sample, straight from the
// rule: frame n uses the coefficients of the centre frequency fc[m-1] where
// m is the start of n's block (fcInit for the first block).
func timeVaryingRef(x, fc []float64, fcInit, q, fs float64, interval int) []float64 {
	b, a := bandpassBiquad(fcInit, bandpassOctaves(q), fs)
	var z0, z1 float64
	y := make([]float64, len(x))
	for n, v := range x {
		// Each product rounded, as LinearKernel does (arm64 would fuse them).
		out := float64(b[0]*v) + z0
		z0 = float64(b[1]*v) + z1 - float64(a[1]*out)
		z1 = float64(b[2]*v) - float64(a[2]*out)
		y[n] = out
		if (n+1)%interval == 0 {
			b, a = bandpassBiquad(fc[n], bandpassOctaves(q), fs)
		}
	}
	return y
}

func tvSignals(n int, fs float64) (x, fc []float64) {
	r := rand.New(rand.NewPCG(7, 8))
	x, fc = make([]float64, n), make([]float64, n)
	for i := range x {
		x[i] = r.NormFloat64()
		fc[i] = 4000 + 1500*math.Sin(2*math.Pi*10*float64(i)/fs)
	}
	return x, fc
}

func TestTimeVaryingBandpassMatchesRule(t *testing.T) {
	const fs, q = 20000.0, 5.0
	x, fc := tvSignals(3000, fs)
	for _, interval := range []int{1, 4, 32} {
		src, _ := sound.New(x, 1, fs)
		ctl, _ := sound.New(fc, 1, fs)
		tv, err := TimeVaryingBandpass(src, ctl, []float64{5000}, q, interval)
		if err != nil {
			t.Fatal(err)
		}
		got, err := sound.ReadAll(tv, 100)
		if err != nil {
			t.Fatal(err)
		}
		want := timeVaryingRef(x, fc, 5000, q, fs, interval)
		if !slices.Equal(got.Data(), want) {
			m := 0.0
			for i := range want {
				m = max(m, math.Abs(got.Data()[i]-want[i]))
			}
			t.Errorf("interval %d: differs from the sample-by-sample rule (max |diff| %g)", interval, m)
		}
		// Any fetch pattern, and a rewind, give the same.
		r := rand.New(rand.NewPCG(uint64(interval), 1))
		var pieces []float64
		for p := 0; p < len(x); {
			e := min(len(x), p+1+r.IntN(70))
			blk, err := tv.Fetch(p, e)
			if err != nil {
				t.Fatal(err)
			}
			pieces = append(pieces, blk...)
			p = e
		}
		if !slices.Equal(pieces, want) {
			t.Errorf("interval %d: random fetch sizes or rewind change the output", interval)
		}
	}
}

func TestTimeVaryingBandpassConstantIsStatic(t *testing.T) {
	const fs = 20000.0
	x, _ := tvSignals(1000, fs)
	fc := make([]float64, 2*len(x))
	for i := range len(x) {
		fc[2*i], fc[2*i+1] = 1000, 3000
	}
	src, _ := sound.New(x, 1, fs)
	ctl, _ := sound.New(fc, 2, fs)
	tv, err := TimeVaryingBandpass(src, ctl, []float64{1000, 3000}, 2, 3)
	if err != nil {
		t.Fatal(err)
	}
	b, a := newCoefficients(2, 3, 1), newCoefficients(2, 3, 1)
	for c, f := range []float64{1000, 3000} {
		cb, ca, err := BandpassBiquad(f, 2, fs)
		if err != nil {
			t.Fatal(err)
		}
		for k := range 3 {
			b[c][k][0], a[c][k][0] = cb[k], ca[k]
		}
	}
	static, err := Linear(src, b, a)
	if err != nil {
		t.Fatal(err)
	}
	got, _ := sound.ReadAll(tv, 64)
	want, _ := sound.ReadAll(static, 64)
	if !slices.Equal(got.Data(), want.Data()) {
		t.Error("a constant control signal does not give the static filter")
	}
}

func TestBandpassBiquadResponse(t *testing.T) {
	// Constant skirt gain: the peak gain is about q (exactly q in the limit
	// w0 → 0, where w0/sin w0 → 1), and the response falls away from fc.
	const fs, fc, q = 44100.0, 2000.0, 4.0
	b, a, err := BandpassBiquad(fc, q, fs)
	if err != nil {
		t.Fatal(err)
	}
	h := func(f float64) float64 {
		w := 2 * math.Pi * f / fs
		z1 := complex(math.Cos(w), -math.Sin(w))
		z2 := z1 * z1
		return cmplx.Abs((complex(b[0], 0) + complex(b[1], 0)*z1 + complex(b[2], 0)*z2) /
			(1 + complex(a[1], 0)*z1 + complex(a[2], 0)*z2))
	}
	if g := h(fc); math.Abs(g-q) > 0.02*q || h(fc*1.01) > g || h(fc*0.99) > g {
		t.Errorf("gain at fc = %v, want a peak of about q = %v", g, q)
	}
	if g := h(fc * 1.5); g > 0.8*q {
		t.Errorf("gain half an octave up = %v, not a band-pass", g)
	}
	for _, bad := range [][3]float64{{0, 1, fs}, {fs / 2, 1, fs}, {1000, 0, fs}, {1000, math.Inf(1), fs}, {1000, 1, 0}} {
		if _, _, err := BandpassBiquad(bad[0], bad[1], bad[2]); err == nil {
			t.Errorf("BandpassBiquad%v accepted", bad)
		}
	}
}

func TestTimeVaryingBandpassErrors(t *testing.T) {
	const fs = 20000.0
	src, _ := sound.New(make([]float64, 100), 1, fs)
	bad := make([]float64, 100)
	for i := range bad {
		bad[i] = 1000
	}
	bad[41] = 15000
	ctl, _ := sound.New(bad, 1, fs)
	tv, err := TimeVaryingBandpass(src, ctl, []float64{1000}, 5, 2)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := tv.Fetch(0, 100); err == nil || !strings.Contains(err.Error(), "frame 41") {
		t.Errorf("out-of-range control value: %v", err)
	}
	stereo, _ := sound.New(make([]float64, 200), 2, fs)
	for name, err := range map[string]error{
		"3 filters, stereo control": second3(TimeVaryingBandpass(src, stereo, []float64{1, 2, 3}, 5, 1)),
		"no filters":                second3(TimeVaryingBandpass(src, ctl, nil, 5, 1)),
		"bad initial fc":            second3(TimeVaryingBandpass(src, ctl, []float64{-1}, 5, 1)),
		"bad q":                     second3(TimeVaryingBandpass(src, ctl, []float64{1000}, -5, 1)),
		"interval 0":                second3(TimeVaryingBandpass(src, ctl, []float64{1000}, 5, 0)),
		"nil control":               second3(TimeVaryingBandpass(src, nil, []float64{1000}, 5, 1)),
	} {
		if err == nil {
			t.Errorf("%s: no error", name)
		}
	}
}
