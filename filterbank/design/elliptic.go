package design

import (
	"errors"
	"math"
	"math/cmplx"
)

// Complete elliptic integrals and Jacobi elliptic functions for the elliptic
// prototype. gonum's mathext has CompleteK, but only in the parameter m, so
// K(1-p) for tiny p (scipy's ellipkm1, which the elliptic degree equation
// needs to full precision) loses digits there; and it has no Jacobi sn, cn,
// dn. Both are written here with the arithmetic-geometric mean, which
// converges quadratically and is what scipy's Cephes routines do for ellipj
// (Abramowitz & Stegun 16.4); K(m) = π / (2·AGM(1, √(1-m))) (A&S 17.6).

const machEp = 1.11022302462515654042e-16 // Cephes MACHEP, 2⁻⁵³

// agm returns the arithmetic-geometric mean of a and b (a, b ≥ 0).
func agm(a, b float64) float64 {
	for i := 0; i < 64 && math.Abs(a-b) > 2*machEp*a; i++ {
		a, b = (a+b)/2, math.Sqrt(a*b)
	}
	return (a + b) / 2
}

// ellipK is the complete elliptic integral of the first kind K(m), parameter
// m = k² in [0, 1); +Inf at m = 1.
func ellipK(m float64) float64 {
	if m == 1 {
		return math.Inf(1)
	}
	return math.Pi / (2 * agm(1, math.Sqrt(1-m)))
}

// ellipKm1 is K(1-p), accurate for small p (scipy's ellipkm1).
func ellipKm1(p float64) float64 {
	if p == 0 {
		return math.Inf(1)
	}
	return math.Pi / (2 * agm(1, math.Sqrt(p)))
}

// ellipJ returns the Jacobi elliptic functions sn, cn, dn of real u with
// parameter m in [0, 1], following Cephes ellpj (the code behind
// scipy.special.ellipj): series near m = 0 and m = 1, the descending Landen /
// AGM scale and backward recurrence in between.
func ellipJ(u, m float64) (sn, cn, dn float64) {
	if m < 0 || m > 1 || math.IsNaN(m) {
		return math.NaN(), math.NaN(), math.NaN()
	}
	if m < 1e-9 {
		t, b := math.Sincos(u)
		ai := 0.25 * m * (u - t*b)
		return t - ai*b, b + ai*t, 1 - 0.5*m*t*t
	}
	if m >= 0.9999999999 {
		ai := 0.25 * (1 - m)
		b := math.Cosh(u)
		t := math.Tanh(u)
		phi := 1 / b
		twon := b * math.Sinh(u)
		sn = t + ai*(twon-u)/(b*b)
		ai *= t * phi
		cn = phi - ai*(twon-u)
		dn = phi + ai*(twon+u)
		return
	}
	var a, c [9]float64
	a[0] = 1
	b := math.Sqrt(1 - m)
	c[0] = math.Sqrt(m)
	twon := 1.0
	i := 0
	for math.Abs(c[i]/a[i]) > machEp {
		if i > 7 {
			break
		}
		ai := a[i]
		i++
		c[i] = (ai - b) / 2
		t := math.Sqrt(ai * b)
		a[i] = (ai + b) / 2
		b = t
		twon *= 2
	}
	phi := twon * a[i] * u
	for ; i > 0; i-- {
		t := c[i] * math.Sin(phi) / a[i]
		b = phi
		phi = (math.Asin(t) + phi) / 2
	}
	sn, cn = math.Sincos(phi)
	dn = cn / math.Cos(phi-b)
	return
}

// ellipdeg solves the degree equation n·K(m)/K'(m) = K(m1)/K'(m1) for m with
// nomes (Orfanidis, "Lecture Notes on Elliptic Filter Design", eq. 49), as
// scipy's _ellipdeg.
func ellipdeg(n int, m1 float64) float64 {
	const mmax = 7
	k1 := ellipK(m1)
	k1p := ellipKm1(m1)
	q1 := math.Exp(-math.Pi * k1p / k1)
	q := math.Pow(q1, 1/float64(n))
	num, den := 0.0, 0.0
	for m := 0; m <= mmax; m++ {
		num += math.Pow(q, float64(m*(m+1)))
	}
	for m := 1; m <= mmax+1; m++ {
		den += math.Pow(q, float64(m*m))
	}
	den = 1 + 2*den
	r := num / den
	return 16 * q * r * r * r * r
}

var errLanden = errors.New("design: Landen transformation not converging")

// arcJacSn solves w = sn(z, m) for complex z (Orfanidis eq. 56), as scipy's
// _arc_jac_sn.
func arcJacSn(w complex128, m float64) (complex128, error) {
	complement := func(kx complex128) complex128 { return cmplx.Sqrt((1 - kx) * (1 + kx)) }
	k := math.Sqrt(m)
	if k > 1 || math.IsNaN(k) {
		return cmplx.NaN(), errors.New("design: elliptic modulus above 1")
	}
	if k == 1 {
		return cmplx.Atanh(w), nil
	}
	ks := []float64{k}
	for ks[len(ks)-1] != 0 {
		kk := ks[len(ks)-1]
		kp := math.Sqrt((1 - kk) * (1 + kk))
		ks = append(ks, (1-kp)/(1+kp))
		if len(ks)-1 > 10 {
			return 0, errLanden
		}
	}
	capK := math.Pi / 2
	for _, v := range ks[1:] {
		capK *= 1 + v
	}
	wn := w
	for i := 0; i+1 < len(ks); i++ {
		kn, knext := ks[i], ks[i+1]
		wn = 2 * wn / (complex(1+knext, 0) * (1 + complement(complex(kn, 0)*wn)))
	}
	u := 2 / math.Pi * cmplx.Asin(wn)
	return complex(capK, 0) * u, nil
}

// arcJacSc1 solves w = sc(z, 1-m) for real z, as scipy's _arc_jac_sc1.
func arcJacSc1(w, m float64) (float64, error) {
	z, err := arcJacSn(complex(0, w), m)
	if err != nil {
		return 0, err
	}
	if math.Abs(real(z)) > 1e-14 {
		return 0, errors.New("design: inverse Jacobi sc did not come out real")
	}
	return imag(z), nil
}
