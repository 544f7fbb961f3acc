package spiking

import (
	"fmt"
	"math"

	"gonum.org/v1/gonum/mat"
)

// linearPropagator computes, for the n×n matrix M (row-major) and step h,
// E = exp(M h) and Phi = ∫_0^h exp(M s) ds, so that the linear system
// dX/dt = M X + c with M, c constant over the step advances exactly as
// X(t+h) = E X(t) + Phi c.
//
// Both come from one matrix exponential of the augmented matrix
// [[M h, I h], [0, 0]] = [[E, Phi], [0, I]] (Van Loan 1978), computed by
// gonum's Padé approximation with scaling and squaring. Unlike Brian2's
// symbolic formula X_new = E (X + M⁻¹c) − M⁻¹c, this needs neither
// distinct eigenvalues nor an invertible M: repeated time constants
// (taue = taum) and pure integrators (dv/dt = I/C) are exact too.
func linearPropagator(m []float64, n int, h float64) (e, phi []float64, err error) {
	if len(m) != n*n {
		return nil, nil, fmt.Errorf("spiking: matrix of %d values is not %d×%d", len(m), n, n)
	}
	for _, x := range m {
		if math.IsNaN(x) || math.IsInf(x, 0) {
			return nil, nil, fmt.Errorf("spiking: linear system has a non-finite coefficient %g", x)
		}
	}
	a := mat.NewDense(2*n, 2*n, nil)
	for r := 0; r < n; r++ {
		for c := 0; c < n; c++ {
			a.Set(r, c, m[r*n+c]*h)
		}
		a.Set(r, n+r, h)
	}
	var x mat.Dense
	x.Exp(a)
	e, phi = make([]float64, n*n), make([]float64, n*n)
	for r := 0; r < n; r++ {
		for c := 0; c < n; c++ {
			e[r*n+c] = x.At(r, c)
			phi[r*n+c] = x.At(r, n+c)
		}
	}
	for k := range e {
		if math.IsNaN(e[k]) || math.IsInf(e[k], 0) || math.IsNaN(phi[k]) || math.IsInf(phi[k], 0) {
			return nil, nil, fmt.Errorf("spiking: exp(M dt) overflows (coefficients too large for dt = %g s)", h)
		}
	}
	return e, phi, nil
}
