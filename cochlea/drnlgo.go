package cochlea

import "math"

// The Go twins of drnl_amd64.s and compress_amd64.s: the same operations in
// the same order, so that their results are bit-identical to the assembly
// (TestDRNLGoTwins). They run DRNL's order-3 path on every CPU without
// AVX-512 (other amd64 CPUs, arm64, -tags purego). Products are wrapped in
// float64() so that the compiler does not fuse them into FMAs where the
// assembly does not; math.FMA stands for the assembly's FMAs.
//
// Memory layout as in drnl_amd64.s: per group of 8 channels, coefficient i
// of lane l at coef[i*8+l], state i at state[i*8+l], the nonlinear-path
// scratch at nl[f*8+l]. Only lanes [0, lanes) are computed.

// drnlPathsGo is drnlPathsAVX512: the linear path of x into out (frame f,
// lane l at out[f*ostride+l]) and the first nonlinear gammatone into nl.
// x is read at x[f*xstride+l], or x[f*xstride] if mono.
func drnlPathsGo(out []float64, ostride int, x []float64, xstride int, mono bool, nl, coef, state []float64, frames, lanes int) {
	for l := range lanes {
		gL, b1L, nb2L, rL, pL := coef[l], coef[8+l], coef[16+l], coef[24+l], coef[32+l]
		g1, b1N, nb2N, rN := coef[40+l], coef[48+l], coef[56+l], coef[64+l]
		s := state[l:]
		a0, a1, b0, b1, c0, c1 := s[0], s[8], s[16], s[24], s[32], s[40]
		p1, p2, p3, p4 := s[48], s[56], s[64], s[72]
		d0, d1, e0, e1, h0, h1 := s[80], s[88], s[96], s[104], s[112], s[120]
		xo := l
		if mono {
			xo = 0
		}
		for f := range frames {
			xv := x[f*xstride+xo]
			u := float64(gL * xv)
			v := float64(g1 * xv)
			u, a0, a1 = section(u, a0, a1, rL, b1L, nb2L)
			u, b0, b1 = section(u, b0, b1, rL, b1L, nb2L)
			u, c0, c1 = section(u, c0, c1, rL, b1L, nb2L)
			v, d0, d1 = section(v, d0, d1, rN, b1N, nb2N)
			v, e0, e1 = section(v, e0, e1, rN, b1N, nb2N)
			v, h0, h1 = section(v, h0, h1, rN, b1N, nb2N)
			nl[f*8+l] = v
			// Low-passes: y = u + p·y1.
			p1 = u + float64(pL*p1)
			p2 = p1 + float64(pL*p2)
			p3 = p2 + float64(pL*p3)
			p4 = p3 + float64(pL*p4)
			out[f*ostride+l] = p4
		}
		s[0], s[8], s[16], s[24], s[32], s[40] = a0, a1, b0, b1, c0, c1
		s[48], s[56], s[64], s[72] = p1, p2, p3, p4
		s[80], s[88], s[96], s[104], s[112], s[120] = d0, d1, e0, e1, h0, h1
	}
}

// section runs one gammatone section with its gain taken out, in
// transposed direct form II as drnl_amd64.s's SEC: y = u + z0,
// z0 = (r·u + z1) − b1·y, z1 = nb2·y. It returns y and the new state.
func section(u, z0, z1, r, b1, nb2 float64) (y, nz0, nz1 float64) {
	y = u + z0
	return y, (float64(r*u) + z1) - float64(b1*y), float64(nb2 * y)
}

// drnlNL2Go is drnlNL2AVX512: the second nonlinear gammatone and the
// nonlinear-path low-passes of nl, added to out.
func drnlNL2Go(out []float64, ostride int, nl, coef, state []float64, frames, lanes int) {
	for l := range lanes {
		b1N, nb2N, rN, g2, pN := coef[48+l], coef[56+l], coef[64+l], coef[72+l], coef[80+l]
		s := state[128+l:]
		a0, a1, b0, b1, c0, c1 := s[0], s[8], s[16], s[24], s[32], s[40]
		p1, p2, p3 := s[48], s[56], s[64]
		for f := range frames {
			u := float64(g2 * nl[f*8+l])
			u, a0, a1 = section(u, a0, a1, rN, b1N, nb2N)
			u, b0, b1 = section(u, b0, b1, rN, b1N, nb2N)
			u, c0, c1 = section(u, c0, c1, rN, b1N, nb2N)
			p1 = u + float64(pN*p1)
			p2 = p1 + float64(pN*p2)
			p3 = p2 + float64(pN*p3)
			out[f*ostride+l] += p3
		}
		s[0], s[8], s[16], s[24], s[32], s[40] = a0, a1, b0, b1, c0, c1
		s[48], s[56], s[64] = p1, p2, p3
	}
}

// compressGo is compressAVX512 on lanes values of each of rows rows, stride
// values apart: buf[r*stride+l] = sign·min(a|x|, b|x|^e), a|x| below the
// knee, with parameters a[l], b[l], e[l], knee[l].
func compressGo(buf []float64, stride int, a, b, e, knee []float64, rows, lanes int) {
	k := &compressK
	for r := range rows {
		row := buf[r*stride : r*stride+lanes]
		for l, v := range row {
			av := math.Abs(v)
			y := float64(a[l] * av)
			if !(av < knee[l]) {
				y = minLin(y, float64(b[l]*powTable(k, av, e[l])))
			}
			row[l] = math.Float64frombits(math.Float64bits(y) | math.Float64bits(v)&(1<<63))
		}
	}
}

// minLin is VMINPD's choice: lin if lin < pw, else pw (NaN if pw is).
func minLin(lin, pw float64) float64 {
	if lin < pw {
		return lin
	}
	return pw
}

// powTable returns x^e for a normal x > 0 by compress_amd64.s's method
// (its comment gives the algorithm); NaN for x infinite or NaN, as there.
func powTable(k *compressConsts, x, e float64) float64 {
	if !(x <= math.MaxFloat64) {
		return math.NaN()
	}
	bits := math.Float64bits(x)
	kx := float64(int(bits>>52&0x7ff) - 1023)
	m := math.Float64frombits(bits&(1<<52-1) | 1023<<52)
	i := bits >> 48 & 15
	r := math.FMA(m, k.invc[i], -1)
	q := k.logq[8]
	for d := 7; d >= 0; d-- {
		q = math.FMA(r, q, k.logq[d])
	}
	lf := math.FMA(r, q, k.logc[i])
	hi := float64(e * kx)
	lo := math.FMA(e, kx, -hi)
	el := float64(e * lf)
	n16 := math.RoundToEven(float64((hi+el)*16)) / 16
	f := ((hi - n16) + el) + lo
	j := int64(n16*16) & 15
	p := k.expq[7]
	for d := 6; d >= 0; d-- {
		p = math.FMA(f, p, k.expq[d])
	}
	v := float64(k.exp2[j] * p)
	if n := int(math.Floor(n16)); n >= -1022 && n <= 1023 {
		// Times an exact power of two: exact, as VSCALEFPD, unless the
		// product leaves the normal range, which Ldexp rounds as it does.
		if w := v * math.Float64frombits(uint64(n+1023)<<52); w >= 0x1p-1022 && w <= math.MaxFloat64 {
			return w
		}
	}
	return math.Ldexp(v, int(math.Floor(n16)))
}

// compressK holds compressAVX512's (and compressGo's) tables and polynomial coefficients
// (field offsets are used by compress_amd64.s).
var compressK = newCompressConsts() // a value, not a pointer: the assembly reads it at its address

type compressConsts struct {
	invc    [16]float64 // 1/c_i, c_i = 1 + (i+½)/16 the centre of the i-th sixteenth of [1, 2)
	logc    [16]float64 // −log2(invc[i])
	exp2    [16]float64 // 2^(i/16)
	logq    [9]float64  // log2(1+r) = r·Σ logq[j]·r^j: (−1)^j/((j+1)·ln 2)
	expq    [8]float64  // 2^f = Σ expq[j]·f^j: (ln 2)^j/j!
	abs     uint64      // clears the sign bit
	sign    uint64      // keeps the sign bit
	sixteen float64
	one     float64
}

func newCompressConsts() compressConsts {
	k := compressConsts{abs: 1<<63 - 1, sign: 1 << 63, sixteen: 16, one: 1}
	for i := range 16 {
		k.invc[i] = 1 / (1 + (float64(i)+0.5)/16)
		k.logc[i] = -math.Log2(k.invc[i])
		k.exp2[i] = math.Exp2(float64(i) / 16)
	}
	for j := range k.logq {
		k.logq[j] = 1 / (float64(j+1) * math.Ln2)
		if j%2 == 1 {
			k.logq[j] = -k.logq[j]
		}
	}
	f := 1.0
	for j := range k.expq {
		k.expq[j] = f
		f *= math.Ln2 / float64(j+1)
	}
	return k
}
