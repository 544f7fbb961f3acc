package design

import (
	"errors"
	"fmt"
	"math"
	"math/big"
	"math/cmplx"
	"sync"
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
	if rp >= rs {
		return ZPK{}, fmt.Errorf("design: pass-band ripple rp = %g dB must be smaller than the stop-band attenuation rs = %g dB", rp, rs)
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

// besselStep returns the Newton step y_n(x)/y_n'(x) of the ordinary Bessel
// polynomial, evaluated with the three-term recurrence
// y_k = (2k-1)·x·y_{k-1} + y_{k-2} (y_0 = 1, y_1 = 1 + x) in big.Float
// arithmetic. Near its zeros y_n is a sum of terms far larger than itself
// (about 1.5·n bits are lost), so float64 evaluation stalls orders of
// magnitude away from the zeros for n above about 10; scipy avoids this by
// evaluating exp(1/x)·K_{n+1/2}(1/x) with AMOS. Extended precision is the
// simplest way here to get zeros accurate to the last bit.
func besselStep(n int, x complex128, prec uint) complex128 {
	if n == 0 {
		return 0
	}
	nf := func() *big.Float { return new(big.Float).SetPrec(prec) }
	xr, xi := nf().SetFloat64(real(x)), nf().SetFloat64(imag(x))
	y0r, y0i, d0r, d0i := nf().SetInt64(1), nf(), nf(), nf()
	y1r, y1i := nf().SetFloat64(real(x)), nf().SetFloat64(imag(x))
	y1r.Add(y1r, y0r) // 1 + x, exactly
	d1r, d1i := nf().SetInt64(1), nf()
	y2r, y2i, d2r, d2i := nf(), nf(), nf(), nf()
	t1, t2, t3, c := nf(), nf(), nf(), nf()
	// mulAdd sets (zr, zi) = (ar + i·ai)·(xr + i·xi).
	mulX := func(zr, zi, ar, ai *big.Float) {
		t1.Mul(ar, xr)
		t2.Mul(ai, xi)
		t3.Mul(ar, xi)
		zi.Mul(ai, xr)
		zi.Add(zi, t3)
		zr.Sub(t1, t2)
	}
	for k := 2; k <= n; k++ {
		c.SetInt64(int64(2*k - 1))
		// d2 = c·(y1 + x·d1) + d0 (before y1 changes)
		mulX(d2r, d2i, d1r, d1i)
		d2r.Add(d2r, y1r)
		d2i.Add(d2i, y1i)
		d2r.Mul(d2r, c)
		d2i.Mul(d2i, c)
		d2r.Add(d2r, d0r)
		d2i.Add(d2i, d0i)
		// y2 = c·x·y1 + y0
		mulX(y2r, y2i, y1r, y1i)
		y2r.Mul(y2r, c)
		y2i.Mul(y2i, c)
		y2r.Add(y2r, y0r)
		y2i.Add(y2i, y0i)
		y0r, y0i, y1r, y1i, y2r, y2i = y1r, y1i, y2r, y2i, y0r, y0i
		d0r, d0i, d1r, d1i, d2r, d2i = d1r, d1i, d2r, d2i, d0r, d0i
	}
	// y1/d1 = y1·conj(d1)/|d1|².
	den := nf().Mul(d1r, d1r)
	den.Add(den, t1.Mul(d1i, d1i))
	if den.Sign() == 0 {
		return cmplx.NaN()
	}
	nr := nf().Mul(y1r, d1r)
	nr.Add(nr, t1.Mul(y1i, d1i))
	ni := nf().Mul(y1i, d1r)
	ni.Sub(ni, t1.Mul(y1r, d1i))
	re, _ := nr.Quo(nr, den).Float64()
	im, _ := ni.Quo(ni, den).Float64()
	return complex(re, im)
}

// besselZeros returns the zeros of the ordinary Bessel polynomial y_n in
// conjugate-symmetric order (scipy's _bessel_zeros): Aberth–Ehrlich
// iteration from Campos & Calderón's starting points, Newton steps in
// extended precision.
func besselZeros(n int) ([]complex128, error) {
	if v, ok := besselCache.Load(n); ok {
		return append([]complex128(nil), v.([]complex128)...), nil
	}
	prec := uint(64 + 3*n)
	x := camposZeros(n)
	alpha := make([]complex128, n)
	beta := make([]complex128, n)
	// aberth does one Aberth–Ehrlich sweep with the given Newton step and
	// returns the largest relative step.
	aberth := func(step func(complex128) complex128) (float64, error) {
		worst := 0.0
		for i := range x {
			alpha[i] = -step(x[i])
			worst = math.Max(worst, cmplx.Abs(alpha[i])/cmplx.Abs(x[i]))
		}
		for i := range x {
			beta[i] = 0
			for j := range x {
				if j != i {
					beta[i] += 1 / (x[i] - x[j])
				}
			}
		}
		for i := range x {
			x[i] += alpha[i] / (1 + alpha[i]*beta[i])
			if cmplx.IsNaN(x[i]) || cmplx.IsInf(x[i]) {
				return 0, errors.New("design: Bessel root finding failed")
			}
		}
		return worst, nil
	}
	// Float64 sweeps while the steps are well above the float64 noise of the
	// recurrence (about 2^(1.5n-53) relative), then extended-precision
	// sweeps to the last bit.
	noise := math.Max(1e-13, math.Pow(2, 2*float64(n)-52))
	for it := 0; it < 100 && noise < 1e-3; it++ {
		w, err := aberth(func(v complex128) complex128 { return besselStep64(n, v) })
		if err != nil {
			return nil, err
		}
		if w < noise {
			break
		}
	}
	// Convergence is cubic: once a sweep's steps are below 1e-9 the next one
	// lands on the last bit; steps of an ulp or so mean it already has.
	last := math.Inf(1)
	for it := 0; it < 100; it++ {
		w, err := aberth(func(v complex128) complex128 { return besselStep(n, v, prec) })
		if err != nil {
			return nil, err
		}
		if w <= 4.5e-16 || last < 1e-9 {
			break
		}
		last = w
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
	besselCache.Store(n, append([]complex128(nil), out...))
	return out, nil
}

// besselCache keeps the zeros of y_n by order: they cost milliseconds, and a
// bank designs the same order for every channel.
var besselCache sync.Map

// besselStep64 is besselStep in float64: good to about 1.5·n bits short of
// full precision, enough to bring the Aberth iteration close.
func besselStep64(n int, x complex128) complex128 {
	y0, d0 := complex(1, 0), complex(0, 0)
	y1, d1 := 1+x, complex(1, 0)
	for k := 2; k <= n; k++ {
		c := complex(float64(2*k-1), 0)
		y2 := c*x*y1 + y0
		d2 := c*(y1+x*d1) + d0
		y0, d0, y1, d1 = y1, d1, y2, d2
	}
	return y1 / d1
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
