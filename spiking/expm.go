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
// A diagonal M (uncoupled equations) has the closed form
// E_ii = exp(m_ii h), Phi_ii = h·expm1(m_ii h)/(m_ii h). Otherwise M h is
// first scaled by a diagonal similarity D⁻¹ (M h) D (see diagonalScaling),
// so that couplings between variables of very different magnitudes (a
// resistance of 1 GΩ turning amperes into volts: 1e11 s⁻¹ beside 1e2 s⁻¹)
// do not dominate the matrix norm; then E and Phi come from one matrix
// exponential of the augmented matrix [[A, I], [0, 0]] with
// A = D⁻¹ M h D, whose exponential is [[exp(A), ∫_0^1 exp(A s) ds], [0, I]]
// (Van Loan 1978, "Computing integrals involving the matrix exponential",
// IEEE Trans. Autom. Control 23(3)), computed by gonum's Padé approximation
// with scaling and squaring. Without the scaling, the squarings (chosen
// from the 1-norm, dominated by the 1e11 coupling) lost 37% of v in that
// example.
//
// Unlike Brian2's symbolic formula X_new = E (X + M⁻¹c) − M⁻¹c, this needs
// neither distinct eigenvalues nor an invertible M: repeated time constants
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
	e, phi = make([]float64, n*n), make([]float64, n*n)
	if isDiagonal(m, n) {
		setExactDiagonal(e, phi, m, n, h)
		return e, phi, checkFinite(e, phi, h)
	}
	scale := diagonalScaling(m, n, h)
	a := mat.NewDense(2*n, 2*n, nil)
	for r := 0; r < n; r++ {
		for c := 0; c < n; c++ {
			// D⁻¹ A D: entry (r, c) times d_c/d_r, exact in powers of 2.
			a.Set(r, c, math.Ldexp(m[r*n+c]*h, scale[c]-scale[r]))
		}
		a.Set(r, n+r, 1)
	}
	var x mat.Dense
	x.Exp(a)
	for r := 0; r < n; r++ {
		for c := 0; c < n; c++ {
			// D exp(A) D⁻¹: entry (r, c) times d_r/d_c.
			e[r*n+c] = math.Ldexp(x.At(r, c), scale[r]-scale[c])
			phi[r*n+c] = h * math.Ldexp(x.At(r, n+c), scale[r]-scale[c])
		}
	}
	if isAcyclic(m, n) {
		// A triangular system (after reordering the variables): the
		// diagonal of exp(M h) is exp(m_rr h) exactly, where the Padé
		// result carries an absolute error of ~1e-16 of the largest entry
		// (e.g. 1e-17 in place of exp(-100) = 4e-44 for τ = 1 µs).
		setExactDiagonal(e, phi, m, n, h)
	}
	return e, phi, checkFinite(e, phi, h)
}

// setExactDiagonal writes the closed forms exp(m_rr h) and
// h·expm1(m_rr h)/(m_rr h) on the diagonals of E and Phi: exact for
// uncoupled and for (permuted) triangular systems.
func setExactDiagonal(e, phi, m []float64, n int, h float64) {
	for r := 0; r < n; r++ {
		a := m[r*n+r] * h
		e[r*n+r] = math.Exp(a)
		phi[r*n+r] = h * expm1Ratio(a)
	}
}

// isAcyclic reports whether the couplings of M (off-diagonal non-zeros,
// variable c driving variable r) form no cycle, i.e. whether some order of
// the variables makes M triangular (Kahn's algorithm).
func isAcyclic(m []float64, n int) bool {
	indeg := make([]int, n)
	for r := 0; r < n; r++ {
		for c := 0; c < n; c++ {
			if r != c && m[r*n+c] != 0 {
				indeg[r]++
			}
		}
	}
	done := make([]bool, n)
	for range n {
		k := -1
		for r := 0; r < n; r++ {
			if !done[r] && indeg[r] == 0 {
				k = r
				break
			}
		}
		if k < 0 {
			return false
		}
		done[k] = true
		for r := 0; r < n; r++ {
			if r != k && m[r*n+k] != 0 {
				indeg[r]--
			}
		}
	}
	return true
}

func checkFinite(e, phi []float64, h float64) error {
	for k := range e {
		if math.IsNaN(e[k]) || math.IsInf(e[k], 0) || math.IsNaN(phi[k]) || math.IsInf(phi[k], 0) {
			return fmt.Errorf("spiking: exp(M dt) overflows (coefficients too large for dt = %g s)", h)
		}
	}
	return nil
}

func isDiagonal(m []float64, n int) bool {
	for r := 0; r < n; r++ {
		for c := 0; c < n; c++ {
			if r != c && m[r*n+c] != 0 {
				return false
			}
		}
	}
	return true
}

// expm1Ratio is (exp(a) − 1)/a, 1 at a = 0, accurate near 0.
func expm1Ratio(a float64) float64 {
	if a == 0 {
		return 1
	}
	return math.Expm1(a) / a
}

// diagonalScaling returns the base-2 logarithms x_r of a diagonal
// similarity D = diag(2^x_r) that bounds every off-diagonal entry of
// D⁻¹ (M h) D, |a_rc| 2^(x_c − x_r), by L = max(1, max_r |a_rr|): the
// smallest x >= 0 with x_r >= x_c + log2|a_rc| − log2 L for every coupling,
// a longest-path problem on the graph of couplings solved by Bellman–Ford
// relaxation. LAPACK's balancing (dgebal) does not serve here: it leaves
// rows or columns without off-diagonal entries unscaled, and the badly
// scaled systems of neuron models are triangular (a current feeding a
// voltage). A cycle of couplings whose product exceeds L^k is an
// intrinsically fast coupling that no similarity removes; there the
// relaxation stops after n rounds and the exponential's own scaling and
// squaring deals with it.
func diagonalScaling(m []float64, n int, h float64) []int {
	l := 1.0
	for r := 0; r < n; r++ {
		l = max(l, math.Abs(m[r*n+r]*h))
	}
	logL := math.Log2(l)
	x := make([]int, n)
	for range n {
		changed := false
		for r := 0; r < n; r++ {
			for c := 0; c < n; c++ {
				a := m[r*n+c] * h
				if r == c || a == 0 {
					continue
				}
				need := x[c] + int(math.Ceil(math.Log2(math.Abs(a))-logL))
				if need > x[r] {
					x[r], changed = need, true
				}
			}
		}
		if !changed {
			break
		}
	}
	// Keep the exponents within what Ldexp scales without overflow of the
	// scaled entries' exponents (|x| < 1000 is far beyond physical models).
	for r := range x {
		x[r] = min(x[r], 1000)
	}
	return x
}
