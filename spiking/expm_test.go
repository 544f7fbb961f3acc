package spiking

import (
	"math"
	"testing"
)

// TestLinearPropagatorScalar: dv/dt = -v/tau + c gives E = exp(-h/tau),
// Phi = tau*(1-exp(-h/tau)).
func TestLinearPropagatorScalar(t *testing.T) {
	tau, h := 0.01, 1e-4
	e, phi, err := linearPropagator([]float64{-1 / tau}, 1, h)
	if err != nil {
		t.Fatal(err)
	}
	if d := math.Abs(e[0] - math.Exp(-h/tau)); d > 3e-16 {
		t.Errorf("E off by %g", d)
	}
	if d := math.Abs(phi[0]/(tau*-math.Expm1(-h/tau)) - 1); d > 1e-14 {
		t.Errorf("Phi relative error %g", d)
	}
	// Pure integrator: M = 0, Phi = h.
	e, phi, _ = linearPropagator([]float64{0}, 1, h)
	if e[0] != 1 || math.Abs(phi[0]-h) > 1e-20 {
		t.Errorf("integrator: E %g Phi %g", e[0], phi[0])
	}
}

// TestLinearPropagatorDegenerate: dv/dt = (ge - v)/tau, dge/dt = -ge/tau
// (repeated eigenvalue): v(h) = v e^{-h/tau} + ge h/tau e^{-h/tau}, the
// Jordan-block solution Brian2 derives only when both constants share a name.
func TestLinearPropagatorDegenerate(t *testing.T) {
	tau, h := 0.02, 1e-4
	e, _, err := linearPropagator([]float64{-1 / tau, 1 / tau, 0, -1 / tau}, 2, h)
	if err != nil {
		t.Fatal(err)
	}
	x := math.Exp(-h / tau)
	want := []float64{x, h / tau * x, 0, x}
	for k := range want {
		if math.Abs(e[k]-want[k]) > 1e-15 {
			t.Errorf("E[%d] = %.17g want %.17g", k, e[k], want[k])
		}
	}
	if _, _, err := linearPropagator([]float64{math.NaN()}, 1, h); err == nil {
		t.Error("NaN accepted")
	}
}
