package main

import (
	"math"
	"math/cmplx"
	"path/filepath"
	"testing"

	"github.com/gohears/hears/examples/internal/measure"
	"github.com/gohears/hears/filterbank"
)

func TestFractionalDelay(t *testing.T) {
	r, err := run()
	if err != nil {
		t.Fatal(err)
	}
	// Each channel is delayed by what was asked, to 1/1000 of a sample.
	for c, d := range delays {
		if e := math.Abs(r.measured[c]-d) * r.rate; e > 1e-3 {
			t.Errorf("channel %d: delay %.4f µs, want %.4f µs (%.2g samples off)", c, 1e6*r.measured[c], 1e6*d, e)
		}
	}
	// The pulses keep their shape: same peak height and energy as the input.
	e0, p0 := energy(r.in), r.in[measure.ArgMax(r.in)]
	for c, y := range r.out {
		if e := energy(y); math.Abs(e-e0) > 1e-5*e0 {
			t.Errorf("channel %d: energy %.9g, input %.9g", c, e, e0)
		}
		if p := y[measure.ArgMax(y)]; p > p0+1e-9 || p < 0.98*p0 {
			t.Errorf("channel %d: peak sample %.4f, input %.4f", c, p, p0)
		}
	}
	// The bank and Sound.ShiftedFractional agree.
	if r.shifted > 1e-12 {
		t.Errorf("bank and ShiftedFractional differ by %.3g", r.shifted)
	}
	// The half-sample filter: unit gain and half a sample of delay up to 20 kHz.
	h := filterbank.FractionalDelayResponse(0.5/r.rate, r.rate, r.taps)
	for f := 100.0; f <= 20000; f += 1990 {
		z := measure.Response(h, r.rate, f) * cmplx.Exp(complex(0, 2*math.Pi*f/r.rate*float64(r.taps/2)))
		if g := 20 * math.Log10(cmplx.Abs(z)); math.Abs(g) > 0.01 {
			t.Errorf("half-sample filter: %.4f dB at %.0f Hz", g, f)
		}
		if d := -cmplx.Phase(z) / (2 * math.Pi * f / r.rate); math.Abs(d-0.5) > 1e-3 {
			t.Errorf("half-sample filter: delay %.5f samples at %.0f Hz", d, f)
		}
	}
	if err := draw(r, filepath.Join(t.TempDir(), "f.png")); err != nil {
		t.Fatal(err)
	}
}

func energy(x []float64) float64 {
	s := 0.0
	for _, v := range x {
		s += v * v
	}
	return s
}
