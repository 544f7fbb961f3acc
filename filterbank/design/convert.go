package design

import (
	"cmp"
	"errors"
	"fmt"
	"math"
	"math/cmplx"
	"slices"
)

// rootsPoly returns the real coefficients of Π(x - r) for up to two roots
// (a real pair or a conjugate pair), as one section's zpk2tf.
func rootsPoly(r []complex128) []float64 {
	switch len(r) {
	case 0:
		return []float64{1}
	case 1:
		return []float64{1, real(-r[0])}
	}
	return []float64{1, real(-r[0] - r[1]), real(r[0] * r[1])}
}

// poly returns the coefficients (highest power first) of Π(x - r).
func poly(roots []complex128) []complex128 {
	a := make([]complex128, 1, len(roots)+1)
	a[0] = 1
	for _, r := range roots {
		a = append(a, 0)
		for i := len(a) - 1; i >= 1; i-- {
			a[i] += a[i-1] * -r
		}
	}
	return a
}

// TF returns the direct-form coefficients b, a (scipy's zpk2tf, powers of
// z⁻¹ for a digital filter, of s descending for an analog one): b = K·Π(x-Z),
// a = Π(x-P), with a[0] = 1. The imaginary parts, zero up to rounding for
// conjugate-paired roots, are dropped.
//
// For high orders with poles crowded near z = 1 these coefficients are badly
// conditioned (tiny relative changes move the poles a lot, even outside the
// unit circle); prefer SOS there. See docs/design.md.
func (f ZPK) TF() (b, a []float64) {
	pb := poly(f.Z)
	pa := poly(f.P)
	b = make([]float64, len(pb))
	a = make([]float64, len(pa))
	for i, v := range pb {
		b[i] = f.K * real(v)
	}
	for i, v := range pa {
		a[i] = real(v)
	}
	return b, a
}

// TF returns the direct-form b, a of the whole cascade (scipy's sos2tf):
// the products of the section polynomials.
func (s SOS) TF() (b, a []float64) {
	b, a = []float64{1}, []float64{1}
	for _, sec := range s {
		b = polymul(b, sec[:3])
		a = polymul(a, sec[3:])
	}
	return b, a
}

func polymul(x, y []float64) []float64 {
	out := make([]float64, len(x)+len(y)-1)
	for i, u := range x {
		for j, v := range y {
			out[i+j] += u * v
		}
	}
	return out
}

// cplxreal splits z into one member (positive imaginary part) of each
// conjugate pair, and the real elements, as scipy's _cplxreal.
func cplxreal(z []complex128) (zc []complex128, zr []float64, err error) {
	if len(z) == 0 {
		return nil, nil, nil
	}
	const tol = 100 * 2.220446049250313e-16
	s := append([]complex128(nil), z...)
	slices.SortStableFunc(s, func(x, y complex128) int {
		if c := cmp.Compare(real(x), real(y)); c != 0 {
			return c
		}
		return cmp.Compare(math.Abs(imag(x)), math.Abs(imag(y)))
	})
	var zp, zn []complex128
	for _, v := range s {
		if math.Abs(imag(v)) <= tol*cmplx.Abs(v) {
			zr = append(zr, real(v))
		} else if imag(v) > 0 {
			zp = append(zp, v)
		} else {
			zn = append(zn, v)
		}
	}
	if len(zp) != len(zn) {
		return nil, nil, errors.New("design: a complex zero or pole has no conjugate")
	}
	// Runs of (approximately) equal real part: sort each by |imag|.
	for start := 0; start < len(zp); {
		stop := start + 1
		for stop < len(zp) && real(zp[stop])-real(zp[stop-1]) <= tol*cmplx.Abs(zp[stop-1]) {
			stop++
		}
		if stop-start > 1 {
			for _, chunk := range [][]complex128{zp[start:stop], zn[start:stop]} {
				slices.SortStableFunc(chunk, func(x, y complex128) int {
					return cmp.Compare(math.Abs(imag(x)), math.Abs(imag(y)))
				})
			}
		}
		start = stop
	}
	for i := range zp {
		if cmplx.Abs(zp[i]-cmplx.Conj(zn[i])) > tol*cmplx.Abs(zn[i]) {
			return nil, nil, errors.New("design: a complex zero or pole has no conjugate")
		}
		zc = append(zc, (zp[i]+cmplx.Conj(zn[i]))/2)
	}
	return zc, zr, nil
}

// SOS converts a digital filter to second-order sections with scipy's
// zpk2sos, pairing "nearest": poles closest to the unit circle are paired
// with their nearest zeros and placed last; the gain goes into the first
// section. An odd order gets an extra pole and zero at the origin. Each
// section has a0 = 1.
func (f ZPK) SOS() (SOS, error) {
	if math.IsNaN(f.K) || math.IsInf(f.K, 0) {
		return nil, fmt.Errorf("design: gain %g is not finite", f.K)
	}
	if len(f.Z) == 0 && len(f.P) == 0 {
		return SOS{{f.K, 0, 0, 1, 0, 0}}, nil
	}
	z := append([]complex128(nil), f.Z...)
	p := append([]complex128(nil), f.P...)
	for len(p) < len(z) {
		p = append(p, 0)
	}
	for len(z) < len(p) {
		z = append(z, 0)
	}
	nSections := (len(p) + 1) / 2
	if len(p)%2 == 1 {
		p = append(p, 0)
		z = append(z, 0)
	}
	join := func(c []complex128, r []float64) []complex128 {
		out := append([]complex128(nil), c...)
		for _, v := range r {
			out = append(out, complex(v, 0))
		}
		return out
	}
	zc, zr, err := cplxreal(z)
	if err != nil {
		return nil, err
	}
	pc, pr, err := cplxreal(p)
	if err != nil {
		return nil, err
	}
	z, p = join(zc, zr), join(pc, pr)

	isReal := func(v complex128) bool { return imag(v) == 0 }
	// idxWorst is np.argmin(|1 - |p||) over p (onlyReal: over its real
	// elements): the first of the poles closest to the unit circle.
	idxWorst := func(v []complex128, onlyReal bool) int {
		best, bi := math.Inf(1), -1
		for i, x := range v {
			if onlyReal && !isReal(x) {
				continue
			}
			if d := math.Abs(1 - cmplx.Abs(x)); d < best {
				best, bi = d, i
			}
		}
		return bi
	}
	countReal := func(v []complex128) int {
		n := 0
		for _, x := range v {
			if isReal(x) {
				n++
			}
		}
		return n
	}
	del := func(v []complex128, i int) []complex128 { return append(v[:i], v[i+1:]...) }
	// nearest is scipy's _nearest_real_complex_idx: the element of fro
	// closest to "to" (the first of equals), restricted by which; -1 if none.
	nearest := func(fro []complex128, to complex128, which string) int {
		best, bi := math.Inf(1), -1
		for i, x := range fro {
			if (which == "real" && !isReal(x)) || (which == "complex" && isReal(x)) {
				continue
			}
			if d := cmplx.Abs(x - to); d < best {
				best, bi = d, i
			}
		}
		return bi
	}
	section := func(zs, ps []complex128) Section {
		var s Section
		b := rootsPoly(zs)
		a := rootsPoly(ps)
		copy(s[3-len(b):3], b)
		copy(s[6-len(a):6], a)
		return s
	}

	sos := make(SOS, nSections)
	for si := nSections - 1; si >= 0; si-- {
		i1 := idxWorst(p, false)
		p1 := p[i1]
		p = del(p, i1)
		switch {
		case isReal(p1) && countReal(p) == 0:
			iz := nearest(z, p1, "real")
			if iz < 0 {
				return nil, errors.New("design: cannot pair a real pole with a real zero")
			}
			z1 := z[iz]
			z = del(z, iz)
			sos[si] = section([]complex128{z1, 0}, []complex128{p1, 0})
		case len(p)+1 == len(z) && !isReal(p1) && countReal(p) == 1 && countReal(z) == 1:
			iz := nearest(z, p1, "complex")
			if iz < 0 {
				return nil, errors.New("design: cannot pair a complex pole with a complex zero")
			}
			z1 := z[iz]
			z = del(z, iz)
			sos[si] = section([]complex128{z1, cmplx.Conj(z1)}, []complex128{p1, cmplx.Conj(p1)})
		default:
			var p2 complex128
			if isReal(p1) {
				i2 := idxWorst(p, true)
				p2 = p[i2]
				p = del(p, i2)
			} else {
				p2 = cmplx.Conj(p1)
			}
			if len(z) > 0 {
				iz := nearest(z, p1, "any")
				z1 := z[iz]
				z = del(z, iz)
				if !isReal(z1) {
					sos[si] = section([]complex128{z1, cmplx.Conj(z1)}, []complex128{p1, p2})
				} else if len(z) > 0 {
					iz2 := nearest(z, p1, "real")
					if iz2 < 0 {
						return nil, errors.New("design: cannot pair a real zero")
					}
					z2 := z[iz2]
					z = del(z, iz2)
					sos[si] = section([]complex128{z1, z2}, []complex128{p1, p2})
				} else {
					sos[si] = section([]complex128{z1}, []complex128{p1, p2})
				}
			} else {
				sos[si] = section(nil, []complex128{p1, p2})
			}
		}
	}
	if len(p) != 0 || len(z) != 0 {
		return nil, errors.New("design: zeros and poles could not all be paired")
	}
	for i := 0; i < 3; i++ {
		sos[0][i] *= f.K
	}
	return sos, nil
}

// BankTF lays out the direct forms of several digital filters (one per
// channel) in Brian Hears' LinearFilterbank shape b[channel][tap][stage],
// a[channel][tap][stage] with one stage, as Brian Hears' IIRFilterbank and
// Butterworth do: shorter designs are zero-padded at the end to the longest.
func BankTF(filters []ZPK) (b, a [][][]float64) {
	n := 0
	bs := make([][]float64, len(filters))
	as := make([][]float64, len(filters))
	for i, f := range filters {
		bs[i], as[i] = f.TF()
		n = max(n, len(bs[i]), len(as[i]))
	}
	b = make([][][]float64, len(filters))
	a = make([][][]float64, len(filters))
	for i := range filters {
		b[i] = make([][]float64, n)
		a[i] = make([][]float64, n)
		for t := 0; t < n; t++ {
			b[i][t] = []float64{0}
			a[i][t] = []float64{0}
			if t < len(bs[i]) {
				b[i][t][0] = bs[i][t]
			}
			if t < len(as[i]) {
				a[i][t][0] = as[i][t]
			}
		}
	}
	return b, a
}

// BankSOS lays out the second-order sections of several digital filters (one
// per channel) in Brian Hears' LinearFilterbank cascade shape
// b[channel][tap][stage], a[channel][tap][stage]: three taps, one stage per
// section. A channel with fewer sections than the longest is padded with
// pass-through stages (b = a = [1, 0, 0]). This is the form to run
// high-order designs in (see docs/design.md).
func BankSOS(filters []ZPK) (b, a [][][]float64, err error) {
	secs := make([]SOS, len(filters))
	n := 0
	for i, f := range filters {
		s, err := f.SOS()
		if err != nil {
			return nil, nil, fmt.Errorf("channel %d: %w", i, err)
		}
		secs[i] = s
		n = max(n, len(s))
	}
	b = make([][][]float64, len(filters))
	a = make([][][]float64, len(filters))
	for i, s := range secs {
		b[i] = make([][]float64, 3)
		a[i] = make([][]float64, 3)
		for t := 0; t < 3; t++ {
			b[i][t] = make([]float64, n)
			a[i][t] = make([]float64, n)
			for k := 0; k < n; k++ {
				if k < len(s) {
					b[i][t][k] = s[k][t]
					a[i][t][k] = s[k][3+t]
				} else if t == 0 {
					b[i][t][k], a[i][t][k] = 1, 1
				}
			}
		}
	}
	return b, a, nil
}
