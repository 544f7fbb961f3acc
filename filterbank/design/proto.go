package design

import (
	"errors"
	"fmt"
	"math"
	"math/cmplx"
)

// Analog low-pass prototypes, cutoff 1 rad/s, as scipy.signal's buttap,
// cheb1ap, cheb2ap, ellipap and besselap.

// Buttap returns the analog prototype of an order-n Butterworth low-pass
// filter: no zeros, n poles equally spaced on the left half of the unit
// circle, -3 dB at 1 rad/s, gain 1.
func Buttap(n int) (ZPK, error) {
	if err := checkOrder(n); err != nil {
		return ZPK{}, err
	}
	p := make([]complex128, n)
	for i := range p {
		m := float64(-n + 1 + 2*i)
		// The middle value m = 0 gives an exactly real pole -1.
		p[i] = -cmplx.Exp(complex(0, math.Pi*m/float64(2*n)))
	}
	return ZPK{Z: []complex128{}, P: p, K: 1}, nil
}

// Cheb1ap returns the analog prototype of an order-n Chebyshev type I
// low-pass filter with rp dB of pass-band ripple; the gain first drops below
// -rp dB at 1 rad/s.
func Cheb1ap(n int, rp float64) (ZPK, error) {
	if err := checkOrder(n); err != nil {
		return ZPK{}, err
	}
	if err := checkDB("pass-band ripple rp", rp); err != nil {
		return ZPK{}, err
	}
	eps := math.Sqrt(math.Pow(10, 0.1*rp) - 1)
	mu := 1 / float64(n) * math.Asinh(1/eps)
	p := make([]complex128, n)
	prod := complex(1, 0)
	for i := range p {
		theta := math.Pi * float64(-n+1+2*i) / float64(2*n)
		p[i] = -cmplx.Sinh(complex(mu, theta))
		prod *= -p[i]
	}
	k := real(prod)
	if n%2 == 0 {
		k /= math.Sqrt(1 + eps*eps)
	}
	return ZPK{Z: []complex128{}, P: p, K: k}, nil
}

// Cheb2ap returns the analog prototype of an order-n Chebyshev type II
// low-pass filter with at least rs dB of stop-band attenuation, reached
// first at 1 rad/s.
func Cheb2ap(n int, rs float64) (ZPK, error) {
	if err := checkOrder(n); err != nil {
		return ZPK{}, err
	}
	if err := checkDB("stop-band attenuation rs", rs); err != nil {
		return ZPK{}, err
	}
	de := 1 / math.Sqrt(math.Pow(10, 0.1*rs)-1)
	mu := math.Asinh(1/de) / float64(n)
	var m []float64
	for v := -n + 1; v < n; v += 2 {
		if n%2 == 1 && v == 0 {
			continue
		}
		m = append(m, float64(v))
	}
	z := make([]complex128, len(m))
	pz := complex(1, 0)
	for i, v := range m {
		z[i] = complex(0, 1) / complex(math.Sin(v*math.Pi/float64(2*n)), 0)
		pz *= -z[i]
	}
	p := make([]complex128, n)
	pp := complex(1, 0)
	for i := range p {
		theta := math.Pi * float64(-n+1+2*i) / float64(2*n)
		p[i] = -1 / cmplx.Sinh(complex(mu, theta))
		pp *= -p[i]
	}
	return ZPK{Z: z, P: p, K: real(pp / pz)}, nil
}

func pow10m1(x float64) float64 { return math.Expm1(math.Ln10 * x) }

// Ellipap returns the analog prototype of an order-n elliptic (Cauer)
// low-pass filter with rp dB of pass-band ripple and rs dB of stop-band
// attenuation; the gain first drops below -rp dB at 1 rad/s. The algorithm
// is scipy's (Orfanidis' nome series for the degree equation, Landen
// iterations for the inverse Jacobi functions).
func Ellipap(n int, rp, rs float64) (ZPK, error) {
	if err := checkOrder(n); err != nil {
		return ZPK{}, err
	}
	if err := checkDB("pass-band ripple rp", rp); err != nil {
		return ZPK{}, err
	}
	if err := checkDB("stop-band attenuation rs", rs); err != nil {
		return ZPK{}, err
	}
	if n == 1 {
		p := -math.Sqrt(1 / pow10m1(0.1*rp))
		return ZPK{Z: []complex128{}, P: []complex128{complex(p, 0)}, K: -p}, nil
	}
	epsSq := pow10m1(0.1 * rp)
	eps := math.Sqrt(epsSq)
	ck1Sq := epsSq / pow10m1(0.1*rs)
	if ck1Sq == 0 {
		return ZPK{}, fmt.Errorf("design: cannot design an elliptic filter with rp = %g dB and rs = %g dB", rp, rs)
	}
	val0 := ellipK(ck1Sq)
	m := ellipdeg(n, ck1Sq)
	capk := ellipK(m)

	var s, c, d []float64
	for j := 1 - n%2; j < n; j += 2 {
		sj, cj, dj := ellipJ(float64(j)*capk/float64(n), m)
		s, c, d = append(s, sj), append(c, cj), append(d, dj)
	}
	const epsilon = 2e-16
	var z []complex128
	for _, sv := range s {
		if math.Abs(sv) > epsilon {
			z = append(z, complex(0, 1/(math.Sqrt(m)*sv)))
		}
	}
	nz := len(z)
	for i := 0; i < nz; i++ {
		z = append(z, cmplx.Conj(z[i]))
	}

	r, err := arcJacSc1(1/eps, ck1Sq)
	if err != nil {
		return ZPK{}, err
	}
	v0 := capk * r / (float64(n) * val0)
	sv, cv, dv := ellipJ(v0, 1-m)
	p := make([]complex128, len(s))
	for i := range s {
		den := 1 - (d[i]*sv)*(d[i]*sv)
		p[i] = -complex(c[i]*d[i]*sv*cv, s[i]*dv) / complex(den, 0)
	}
	if n%2 == 1 {
		var norm float64
		for _, v := range p {
			norm += real(v * cmplx.Conj(v))
		}
		lim := epsilon * math.Sqrt(norm)
		np := len(p)
		for i := 0; i < np; i++ {
			if math.Abs(imag(p[i])) > lim {
				p = append(p, cmplx.Conj(p[i]))
			}
		}
	} else {
		np := len(p)
		for i := 0; i < np; i++ {
			p = append(p, cmplx.Conj(p[i]))
		}
	}
	pp, pz := complex(1, 0), complex(1, 0)
	for _, v := range p {
		pp *= -v
	}
	for _, v := range z {
		pz *= -v
	}
	k := real(pp / pz)
	if n%2 == 0 {
		k /= math.Sqrt(1 + epsSq)
	}
	if len(p) != n {
		return ZPK{}, fmt.Errorf("design: elliptic prototype of order %d came out with %d poles (rp = %g, rs = %g dB)", n, len(p), rp, rs)
	}
	return ZPK{Z: z, P: p, K: k}, nil
}

// MaxBesselOrder is the highest order Besselap accepts: beyond it the
// coefficients of the Bessel polynomial overflow float64.
const MaxBesselOrder = 100

// Besselap returns the analog prototype of an order-n Bessel (Thomson)
// low-pass filter, normalised as norm says (see BesselNorm). As scipy, the
// poles are the inverted zeros of the ordinary Bessel polynomial y_n, found
// with the Aberth–Ehrlich method from Campos & Calderón's closed-form starting
// points and polished with Newton's method.
func Besselap(n int, norm BesselNorm) (ZPK, error) {
	if err := checkOrder(n); err != nil {
		return ZPK{}, err
	}
	if n > MaxBesselOrder {
		return ZPK{}, fmt.Errorf("design: Bessel order %d exceeds MaxBesselOrder = %d", n, MaxBesselOrder)
	}
	x, err := besselZeros(n)
	if err != nil {
		return ZPK{}, err
	}
	p := make([]complex128, n)
	for i, v := range x {
		p[i] = 1 / v
	}
	// a_last = (2n)! / (n! 2^n), the constant term of the reverse polynomial.
	logALast := 0.0
	for i := n + 1; i <= 2*n; i++ {
		logALast += math.Log10(float64(i))
	}
	logALast -= float64(n) * math.Log10(2)
	aLast := math.Pow(10, logALast)
	var k float64
	switch norm {
	case BesselDelay, BesselMag:
		k = aLast
		if norm == BesselMag {
			nf, err := besselNormFactor(p, k)
			if err != nil {
				return ZPK{}, err
			}
			for i := range p {
				p[i] /= complex(nf, 0)
			}
			k = math.Pow(nf, -float64(n)) * aLast
		}
	case BesselPhase:
		f := math.Pow(10, -logALast/float64(n))
		for i := range p {
			p[i] *= complex(f, 0)
		}
		k = 1
	default:
		return ZPK{}, fmt.Errorf("design: unknown Bessel normalisation %v", norm)
	}
	return ZPK{Z: []complex128{}, P: p, K: k}, nil
}

// besselPoly evaluates y_n(x) = Σ (n+k)!/((n-k)! k!) (x/2)^k and its derivative.
func besselPoly(c []float64, x complex128) (f, fp complex128) {
	for k := len(c) - 1; k >= 0; k-- {
		fp = fp*x + f
		f = f*x + complex(c[k], 0)
	}
	return
}

// besselZeros returns the zeros of the ordinary Bessel polynomial y_n in
// conjugate-symmetric order (scipy's _bessel_zeros).
func besselZeros(n int) ([]complex128, error) {
	c := make([]float64, n+1) // coefficients of x^k
	c[0] = 1
	for k := 0; k < n; k++ {
		c[k+1] = c[k] * float64(n+k+1) * float64(n-k) / float64(k+1) / 2
	}
	x := camposZeros(n)
	// Aberth–Ehrlich iteration.
	for it := 0; it < 100; it++ {
		alpha := make([]complex128, n)
		done := true
		for i := range x {
			f, fp := besselPoly(c, x[i])
			alpha[i] = -f / fp
			if cmplx.Abs(alpha[i]) > 1e-15 {
				done = false
			}
		}
		for i := range x {
			var beta complex128
			for j := range x {
				if j != i {
					beta += 1 / (x[i] - x[j])
				}
			}
			x[i] += alpha[i] / (1 + alpha[i]*beta)
			if cmplx.IsNaN(x[i]) || cmplx.IsInf(x[i]) {
				return nil, errors.New("design: Bessel root finding failed")
			}
		}
		if done {
			break
		}
	}
	// Newton polish.
	for i := range x {
		for it := 0; it < 50; it++ {
			f, fp := besselPoly(c, x[i])
			d := f / fp
			x[i] -= d
			if cmplx.Abs(d) <= 1e-16*cmplx.Abs(x[i]) {
				break
			}
		}
	}
	// Average conjugates so they are exactly symmetric.
	out := make([]complex128, n)
	var sum complex128
	for i := range x {
		out[i] = (x[i] + cmplx.Conj(x[n-1-i])) / 2
		sum += out[i]
	}
	if cmplx.Abs(sum+1) > 1e-13 {
		return nil, fmt.Errorf("design: Bessel zeros of order %d inaccurate (sum %v, want -1)", n, sum)
	}
	return out, nil
}

// camposZeros gives approximate zeros of y_n (Campos & Calderón 2011).
func camposZeros(n int) []complex128 {
	if n == 1 {
		return []complex128{-1}
	}
	N := float64(n)
	pv := func(c ...float64) float64 { // c0 + c1 N + c2 N² + ...
		v := 0.0
		for i := len(c) - 1; i >= 0; i-- {
			v = v*N + c[i]
		}
		return v
	}
	s := pv(0, 0, 2, 0, -3, 1)
	b3 := pv(16, -8) / s
	b2 := pv(-24, -12, 12) / s
	b1 := pv(8, 24, -12, -2) / s
	b0 := pv(0, -6, 0, 5, -1) / s
	r := pv(0, 0, 2, 1)
	a1 := pv(-6, -6) / r
	a2 := 6 / r
	out := make([]complex128, n)
	for i := range out {
		k := float64(i + 1)
		out[i] = complex(a1*k+a2*k*k, b0+b1*k+b2*k*k+b3*k*k*k)
	}
	return out
}

// besselNormFactor finds w where |k / Π(jw - p)| = 1/√2 (scipy's _norm_factor),
// by the secant method from 1.5 as scipy, iterated to full precision.
func besselNormFactor(p []complex128, k float64) (float64, error) {
	g := func(w float64) float64 {
		prod := complex(1, 0)
		for _, v := range p {
			prod *= complex(0, w) - v
		}
		return math.Abs(k/cmplx.Abs(prod)) - 1/math.Sqrt2
	}
	p0 := 1.5
	p1 := p0*(1+1e-4) + 1e-4
	q0, q1 := g(p0), g(p1)
	if math.Abs(q1) < math.Abs(q0) {
		p0, p1, q0, q1 = p1, p0, q1, q0
	}
	for it := 0; it < 100; it++ {
		if q1 == q0 {
			return p1, nil
		}
		var pn float64
		if math.Abs(q1) > math.Abs(q0) {
			pn = (-q0/q1*p1 + p0) / (1 - q0/q1)
		} else {
			pn = (-q1/q0*p0 + p1) / (1 - q1/q0)
		}
		if math.Abs(pn-p1) <= 4e-16*math.Abs(pn) {
			return pn, nil
		}
		p0, q0 = p1, q1
		p1 = pn
		q1 = g(p1)
		if math.IsNaN(q1) {
			break
		}
	}
	return 0, errors.New("design: Bessel magnitude normalisation did not converge")
}
