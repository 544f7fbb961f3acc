package filterbank

import (
	"fmt"
	"math"

	"gonum.org/v1/gonum/mat"

	"github.com/gohears/hears/filterbank/design"
	"github.com/gohears/hears/sound"
)

// CascadeCoefficients returns the coefficients of n copies of the linear
// filter (b, a) in series: shape [channel][tap][n·stages], the stages of
// (b, a) repeated n times in order. For the single-stage banks Brian Hears'
// Cascade is used with (LowPass, Butterworth, IIR), this is exactly its
// filt_b/filt_a; Brian Hears would keep only the first stage of a
// multi-stage bank, gohears cascades all of them.
func CascadeCoefficients(b, a [][][]float64, n int) (cb, ca [][][]float64, err error) {
	nch, taps, stages, err := checkCoefficientShape(b, a)
	if err != nil {
		return nil, nil, err
	}
	if n < 1 {
		return nil, nil, fmt.Errorf("filterbank: cascade of %d copies; need at least 1", n)
	}
	if err := checkSize("cascade coefficients", nch, taps, n, stages); err != nil {
		return nil, nil, err
	}
	if err := checkLinearMemory("cascade", nch, taps, n*stages); err != nil {
		return nil, nil, err
	}
	cb = newCoefficients(nch, taps, n*stages)
	ca = newCoefficients(nch, taps, n*stages)
	for c := range nch {
		for t := range taps {
			for r := range n {
				copy(cb[c][t][r*stages:], b[c][t])
				copy(ca[c][t][r*stages:], a[c][t])
			}
		}
	}
	return cb, ca, nil
}

// DecascadeCoefficients is Brian Hears' LinearFilterbank.decascade: it
// merges the stages of (b, a) (shape [channel][tap][stage]) into ncascade
// stages of higher order, each the product of stages/ncascade consecutive
// stages (numerators and denominators multiplied as polynomials in z⁻¹, then
// divided by the leading denominator coefficient). ncascade must divide the
// number of stages; ncascade equal to it returns a copy.
//
// The transfer function is unchanged, but high-order direct forms are
// numerically fragile (the reason Brian Hears and gohears keep gammatones as
// cascades of second-order sections): use it for compatibility or to trade
// accuracy for speed knowingly. Note that, unlike the kernels (which never
// read a[0]), merging normalises by the product of the a[0] of the merged
// stages, as Brian Hears does.
func DecascadeCoefficients(b, a [][][]float64, ncascade int) (db, da [][][]float64, err error) {
	nch, taps, stages, err := checkCoefficientShape(b, a)
	if err != nil {
		return nil, nil, err
	}
	if ncascade < 1 || stages%ncascade != 0 {
		return nil, nil, fmt.Errorf("filterbank: cannot merge %d stages into %d cascades: the number of cascades must divide the number of stages", stages, ncascade)
	}
	per := stages / ncascade
	ntaps := (taps-1)*per + 1
	db = newCoefficients(nch, ntaps, ncascade)
	da = newCoefficients(nch, ntaps, ncascade)
	pb := make([]float64, ntaps)
	pa := make([]float64, ntaps)
	tmp := make([]float64, ntaps)
	col := make([]float64, taps)
	for c := range nch {
		for k := range ncascade {
			pb, pa = pb[:1], pa[:1]
			pb[0], pa[0] = 1, 1
			for j := k * per; j < (k+1)*per; j++ {
				for t := range taps {
					col[t] = b[c][t][j]
				}
				pb = polyMulInto(tmp, pb, col, pb)
				for t := range taps {
					col[t] = a[c][t][j]
				}
				pa = polyMulInto(tmp, pa, col, pa)
			}
			a0 := pa[0]
			if a0 == 0 || math.IsNaN(a0) {
				return nil, nil, fmt.Errorf("filterbank: channel %d cascade %d: merged denominator has a[0] = %g", c, k, a0)
			}
			for t := range ntaps {
				db[c][t][k] = pb[t] / a0
				da[c][t][k] = pa[t] / a0
			}
		}
	}
	return db, da, nil
}

// SplitCoefficients is the inverse of DecascadeCoefficients: it factors
// every stage of (b, a) (shape [channel][tap][stage]) into second-order
// sections, returning coefficients of shape [channel][3][sections] that
// compute the same filter. Use it to run a high-order direct form, such as
// Brian Hears' Butterworth or IIRFilterbank coefficients or a decascaded
// bank, in the numerically robust form.
//
// Each stage is read as the kernels read it, with a[0] taken to be 1. Its
// zeros and poles are the roots of the numerator and denominator (found as
// the eigenvalues of their companion matrices, gonum's mat.Eigen), paired
// into sections by design.ZPK.SOS (scipy's zpk2sos, pairing "nearest"); a
// numerator starting with zero taps becomes a delay section. Channels that
// need fewer sections than others are padded with pass-through sections
// (b = a = [1, 0, 0]). Splitting is exact up to the rounding of the root
// finder, which grows with the order and with how tightly the roots cluster.
func SplitCoefficients(b, a [][][]float64) (sb, sa [][][]float64, err error) {
	nch, taps, stages, err := checkCoefficientShape(b, a)
	if err != nil {
		return nil, nil, err
	}
	chans := make([]design.SOS, nch)
	nsec := 1
	pb := make([]float64, taps)
	pa := make([]float64, taps)
	for c := range nch {
		for s := range stages {
			for t := range taps {
				pb[t], pa[t] = b[c][t][s], a[c][t][s]
			}
			pa[0] = 1
			secs, err := splitStage(pb, pa)
			if err != nil {
				return nil, nil, fmt.Errorf("filterbank: channel %d stage %d: %w", c, s, err)
			}
			chans[c] = append(chans[c], secs...)
		}
		nsec = max(nsec, len(chans[c]))
	}
	sb = newCoefficients(nch, 3, nsec)
	sa = newCoefficients(nch, 3, nsec)
	for c, secs := range chans {
		for k := range nsec {
			sec := design.Section{1, 0, 0, 1, 0, 0}
			if k < len(secs) {
				sec = secs[k]
			}
			for t := range 3 {
				sb[c][t][k], sa[c][t][k] = sec[t], sec[3+t]
			}
		}
	}
	return sb, sa, nil
}

// splitStage factors one stage b(z⁻¹)/a(z⁻¹) (a[0] = 1) into sections.
func splitStage(b, a []float64) (design.SOS, error) {
	d := 0
	for d < len(b) && b[d] == 0 {
		d++
	}
	if d == len(b) {
		return design.SOS{{0, 0, 0, 1, 0, 0}}, nil
	}
	zeros, err := polyRoots(trimTrailingZeros(b[d:]))
	if err != nil {
		return nil, fmt.Errorf("zeros: %w", err)
	}
	poles, err := polyRoots(trimTrailingZeros(a))
	if err != nil {
		return nil, fmt.Errorf("poles: %w", err)
	}
	secs, err := design.ZPK{Z: zeros, P: poles, K: b[d]}.SOS()
	if err != nil {
		return nil, err
	}
	// A numerator starting with d zero taps is a delay of d frames.
	for ; d > 0; d -= 2 {
		delay := design.Section{0, 1, 0, 1, 0, 0}
		if d >= 2 {
			delay = design.Section{0, 0, 1, 1, 0, 0}
		}
		secs = append(secs, delay)
	}
	return secs, nil
}

func trimTrailingZeros(p []float64) []float64 {
	n := len(p)
	for n > 1 && p[n-1] == 0 {
		n--
	}
	return p[:n]
}

// polyRoots returns the roots of p[0] xⁿ + p[1] xⁿ⁻¹ + ... + p[n] (p[0] ≠ 0)
// as the eigenvalues of its companion matrix, as numpy.roots.
func polyRoots(p []float64) ([]complex128, error) {
	n := len(p) - 1
	switch n {
	case 0:
		return nil, nil
	case 1:
		return []complex128{complex(-p[1]/p[0], 0)}, nil
	}
	m := mat.NewDense(n, n, nil)
	for j := range n {
		m.Set(0, j, -p[j+1]/p[0])
	}
	for i := 1; i < n; i++ {
		m.Set(i, i-1, 1)
	}
	var e mat.Eigen
	if !e.Factorize(m, mat.EigenNone) {
		return nil, fmt.Errorf("the eigenvalue solver did not converge for a polynomial of degree %d", n)
	}
	return e.Values(nil), nil
}

// polyMulInto sets dst (reusing its storage, of capacity ≥ len(p)+len(q)−1)
// to the product of polynomials p and q (coefficient lists in one order),
// using tmp as scratch. dst may alias p.
func polyMulInto(tmp, p, q, dst []float64) []float64 {
	n := len(p) + len(q) - 1
	tmp = tmp[:n]
	clear(tmp)
	for i, x := range p {
		for j, y := range q {
			tmp[i+j] += x * y
		}
	}
	dst = dst[:n]
	copy(dst, tmp)
	return dst
}

// linearCoefficients reads the coefficients of a linear kernel.
func linearCoefficients(k Kernel) (b, a [][][]float64, err error) {
	lc, ok := k.(interface {
		Coefficients() (b, a [][][]float64)
	})
	if !ok || k == nil {
		return nil, nil, fmt.Errorf("filterbank: %T is not a linear filter kernel (it has no coefficients)", k)
	}
	b, a = lc.Coefficients()
	return b, a, nil
}

// transformedLinear is a new linear bank on src running the coefficients
// of k transformed by tf.
func transformedLinear(src sound.Source, k Kernel, tf func(b, a [][][]float64) ([][][]float64, [][][]float64, error)) (*Bank, error) {
	b, a, err := linearCoefficients(k)
	if err != nil {
		return nil, err
	}
	if b, a, err = tf(b, a); err != nil {
		return nil, err
	}
	return Linear(src, b, a)
}

// Cascade is Brian Hears' Cascade: a new linear bank on src running n copies
// of the linear filters of k in series (k is a *LinearKernel, or the
// Kernel() of a bank built by Linear, LowPass, Butterworth, ...; its current
// coefficients are copied). See CascadeCoefficients.
func Cascade(src sound.Source, k Kernel, n int) (*Bank, error) {
	return transformedLinear(src, k, func(b, a [][][]float64) ([][][]float64, [][][]float64, error) {
		return CascadeCoefficients(b, a, n)
	})
}

// Decascade returns a new linear bank on src whose filters are those of k
// with their stages merged into ncascade higher-order stages (Brian Hears'
// decascade, see DecascadeCoefficients for the numerical caveat).
func Decascade(src sound.Source, k Kernel, ncascade int) (*Bank, error) {
	return transformedLinear(src, k, func(b, a [][][]float64) ([][][]float64, [][][]float64, error) {
		return DecascadeCoefficients(b, a, ncascade)
	})
}

// SplitCascade returns a new linear bank on src computing the filters of k
// as second-order sections (see SplitCoefficients): the inverse of
// Decascade, and the way to run a high-order direct-form bank robustly.
func SplitCascade(src sound.Source, k Kernel) (*Bank, error) {
	return transformedLinear(src, k, func(b, a [][][]float64) ([][][]float64, [][][]float64, error) {
		return SplitCoefficients(b, a)
	})
}
