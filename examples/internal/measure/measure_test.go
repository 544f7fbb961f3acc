package measure

import (
	"math"
	"testing"
)

func TestZeroCrossingRate(t *testing.T) {
	const rate = 44100.0
	x := make([]float64, 4410)
	for k := range x {
		x[k] = math.Sin(2*math.Pi*437.3*float64(k)/rate + 0.3)
	}
	if f := ZeroCrossingRate(x, rate); math.Abs(f-437.3) > 1e-3 {
		t.Errorf("sine at 437.3 Hz: %.5f Hz", f)
	}
	if f := ZeroCrossingRate([]float64{1, 1, 1}, rate); f != 0 {
		t.Errorf("no crossings: %g", f)
	}
}

func TestResponseAndGain(t *testing.T) {
	const rate = 1000.0
	// A two-tap average: H(f) = (1 + e^{-iω})/2, |H| = |cos(ω/2)|.
	h := []float64{0.5, 0.5}
	for _, f := range []float64{0, 100, 250, 400} {
		want := 20 * math.Log10(math.Abs(math.Cos(math.Pi*f/rate)))
		if g := GainDB(h, rate, f); math.Abs(g-want) > 1e-12 {
			t.Errorf("%g Hz: %.15g dB, want %.15g", f, g, want)
		}
	}
	// A long delay keeps |H| = 1 (the phasor is renormalised).
	d := make([]float64, 5000)
	d[4999] = 1
	if g := GainDB(d, rate, 123.4); math.Abs(g) > 1e-12 {
		t.Errorf("delay: %.3g dB", g)
	}
	if g := GainCurve(h, rate, []float64{500}, -60); g[0] != -60 {
		t.Errorf("floor: %g", g[0])
	}
	best, err := BestFrequency([]float64{1, 0, -1}, rate, 10, 490, 1) // peak at rate/4
	if err != nil || best != 250 {
		t.Errorf("best frequency %g (%v), want 250", best, err)
	}
	if _, err := BestFrequency(h, rate, 10, 5, 1); err == nil {
		t.Error("empty range accepted")
	}
}

func TestEnvelopePeak(t *testing.T) {
	// A gamma envelope t³e^{-t/τ} peaks at 3τ whatever the carrier's phase.
	const rate, tau, f = 44100.0, 2e-3, 500.0
	for _, ph := range []float64{0, 0.7, 2} {
		x := make([]float64, 2000)
		for k := range x {
			tt := float64(k) / rate
			x[k] = tt * tt * tt * math.Exp(-tt/tau) * math.Cos(2*math.Pi*f*tt+ph)
		}
		if p := EnvelopePeak(x) / rate; math.Abs(p-3*tau) > 0.03*3*tau {
			t.Errorf("phase %g: peak at %.3f ms, want %.3f", ph, 1e3*p, 3e3*tau)
		}
	}
	if EnvelopePeak([]float64{1, 2}) != -1 {
		t.Error("no peak should give -1")
	}
}

func TestSmallHelpers(t *testing.T) {
	if c := Column([]float64{1, 2, 3, 4, 5, 6}, 3, 1); len(c) != 2 || c[0] != 2 || c[1] != 5 {
		t.Errorf("Column: %v", c)
	}
	if r := RMS([]float64{3, -3}); r != 3 {
		t.Errorf("RMS: %g", r)
	}
	if ArgMaxAbs([]float64{1, -5, 4}) != 1 || ArgMax([]float64{1, -5, 4}) != 2 {
		t.Error("ArgMax")
	}
}
