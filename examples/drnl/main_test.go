package main

import (
	"math"
	"testing"

	"github.com/gohears/hears/cochlea"
)

// TestDRNLExample checks the example's overrides and that its output is
// finite and largest in the upper channels (50 dB noise, the nonlinear
// path compressing the louder high-CF channels less than the linear gain
// attenuates the low ones).
func TestDRNLExample(t *testing.T) {
	p, err := params()
	if err != nil {
		t.Fatal(err)
	}
	if got := p.C.At(500); math.Abs(got-0.2) > 1e-12 {
		t.Errorf("compression exponent %v, want 0.2", got)
	}
	if got := p.CFNL.At(700); math.Abs(got-700) > 1e-9 {
		t.Errorf("nonlinear CF %v at 700 Hz, want 700", got)
	}
	if p.G.At(1000) >= cochlea.DRNLHuman().G.At(1000) {
		t.Error("g_m override not applied")
	}
	y, cf, err := run()
	if err != nil {
		t.Fatal(err)
	}
	nc := len(cf)
	if len(y) != 2500*nc {
		t.Fatalf("%d samples, want %d", len(y), 2500*nc)
	}
	rms := make([]float64, nc)
	for i, v := range y {
		if math.IsNaN(v) || math.IsInf(v, 0) {
			t.Fatalf("sample %d is %v", i, v)
		}
		rms[i%nc] += v * v
	}
	if !(rms[nc-1] > rms[0]) || rms[0] == 0 {
		t.Errorf("energy in the 1 kHz channel (%g) not above the 100 Hz channel's (%g)", rms[nc-1], rms[0])
	}
}
