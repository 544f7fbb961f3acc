package cochlea

import "math"

// Batch natural exponentials and logarithms for the time-varying models
// (TanCarney, the Zhang synapse): they evaluate these several times per
// channel-sample inside feedback loops, which made math.Exp and math.Log
// most of their cost. expBatch and logBatch work on a channel group's
// values at once: on AVX-512 eight at a time (vecmath_amd64.s), elsewhere
// by expTable and logTable, their bitwise twins, so that a channel's result
// does not depend on where a worker's channel range or a group of eight
// starts. They use DRNL's power tables (compressK): ln x = ln 2·log2 x and
// e^x = 2^(x·log2 e), with the products split into exact high parts and
// FMA-computed low parts so that both are accurate to a few ulps (within
// 4e-16 relative of math.Exp and math.Log, TestVecMath).

// vecmathK holds the constants (offsets read by vecmath_amd64.s): log2 e
// and its low part, ln 2 split into a high part with 32 trailing zero bits
// (so that k·ln2Hi is exact) and a low part, ln 2 itself, and the
// logarithm's own tables (see newVecmathConsts).
var vecmathK = newVecmathConsts() // a value, not a pointer: the assembly reads it at its address

type vecmathConsts struct {
	log2e, log2eLo, ln2Hi, ln2Lo, ln2 float64 // offsets 0, 8, 16, 24, 32
	_                                 [3]float64
	invc                              [16]float64 // 64: 1/c_i
	logc                              [16]float64 // 192: log2 c_i, or log2(c_i/2) from i = 8 on
	kadd                              [16]float64 // 320: 1 from i = 8 on, else 0
	q                                 [14]float64 // 448: log2(1+r) = r·Σ q[j]·r^j: (−1)^j/((j+1)·ln 2)
}

// newVecmathConsts builds the logarithm's tables: x = 2^k·m, m in [1, 2),
// i the top 4 bits of m's fraction, log2 x = k + kadd[i] + logc[i] +
// log2(1 + r) with r = m·invc[i] − 1. The centres c_i are those of the
// sixteenths of [1, 2), except c_0 = 1 and c_15 = 2 (r = m − 1 and m/2 − 1,
// exact), and from i = 8 on the exponent takes one more and logc[i] is
// log2(c_i/2) < 0, so that the logarithm has no cancellation near x = 1 and
// ln 1 = 0 exactly; r then reaches 1/16, whence the Taylor series to r^14
// (its remainder below 2e-18).
func newVecmathConsts() vecmathConsts {
	k := vecmathConsts{log2e: math.Log2E, log2eLo: 2.0355273740931033e-17,
		ln2Hi: 6.93147180369123816490e-01, ln2Lo: 1.9082149292705877e-10, ln2: math.Ln2}
	for i := range 16 {
		switch i {
		case 0:
			k.invc[i] = 1
		case 15:
			k.invc[i], k.kadd[i] = 0.5, 1
		default:
			k.invc[i] = 1 / (1 + (float64(i)+0.5)/16)
			k.logc[i] = -math.Log2(k.invc[i])
			if i >= 8 {
				// m/c_i·(c_i/2) with kadd 1: log2 x = (k + 1) +
				// log2(c_i/2) + log2(1 + r), so that x just below 1
				// (k = −1) has no cancellation either.
				k.logc[i], k.kadd[i] = -math.Log1p(2*k.invc[i]-1)/math.Ln2, 1 // 2·invc − 1 exact; math.Log2 cancels here
			}
		}
	}
	for j := range k.q {
		k.q[j] = 1 / (float64(j+1) * math.Ln2)
		if j%2 == 1 {
			k.q[j] = -k.q[j]
		}
	}
	return k
}

// expTable returns e^x by vecmath_amd64.s's method, bitwise as it does
// (NaN for x not finite).
func expTable(x float64) float64 {
	if math.IsNaN(x) || math.IsInf(x, 0) {
		return math.NaN()
	}
	k := &compressK
	c := &vecmathK
	hi := float64(x * c.log2e)
	lo := math.FMA(x, c.log2e, -hi) + float64(x*c.log2eLo)
	n16 := math.RoundToEven(float64(hi*16)) / 16
	f := (hi - n16) + lo
	j := int64(n16*16) & 15
	p := k.expq[7]
	for d := 6; d >= 0; d-- {
		p = math.FMA(f, p, k.expq[d])
	}
	v := float64(k.exp2[j] * p)
	n := math.Floor(n16)
	if n >= -1022 && n <= 1023 {
		// Times an exact power of two: exact, as VSCALEFPD, unless the
		// product leaves the normal range, which Ldexp rounds as it does.
		if w := v * math.Float64frombits(uint64(int(n)+1023)<<52); w >= 0x1p-1022 && w <= math.MaxFloat64 {
			return w
		}
	}
	if n > 2100 {
		return math.Inf(1)
	}
	if n < -2100 {
		return 0
	}
	return math.Ldexp(v, int(n))
}

// logTable returns ln x for a finite x > 0 (subnormals included) by
// vecmath_amd64.s's method, bitwise as it does.
func logTable(x float64) float64 {
	k := &vecmathK
	bits := math.Float64bits(x)
	e := int(bits >> 52 & 0x7ff)
	if e == 0 { // subnormal: normalise, as VGETEXPPD and VGETMANTPD do
		bits = math.Float64bits(x * 0x1p52)
		e = int(bits>>52&0x7ff) - 52
	}
	m := math.Float64frombits(bits&(1<<52-1) | 1023<<52)
	i := bits >> 48 & 15
	kx := float64(float64(e-1023) + k.kadd[i])
	r := math.FMA(m, k.invc[i], -1)
	q := k.q[13]
	for d := 12; d >= 0; d-- {
		q = math.FMA(r, q, k.q[d])
	}
	l := math.FMA(r, q, k.logc[i]) // log2(m·invc[i]) − … : log2 x = kx + l
	b := math.FMA(l, k.ln2, float64(kx*k.ln2Lo))
	return float64(kx*k.ln2Hi) + b
}

// expBatch sets v[i] = e^v[i] (finite values).
func expBatch(v []float64) {
	n8 := 0
	if compressSIMD {
		n8 = len(v) &^ 7
		if n8 > 0 {
			expAVX512(&v[0], n8)
		}
	}
	for i := n8; i < len(v); i++ {
		v[i] = expTable(v[i])
	}
}

// logBatch sets v[i] = ln v[i] (finite values > 0).
func logBatch(v []float64) {
	n8 := 0
	if compressSIMD {
		n8 = len(v) &^ 7
		if n8 > 0 {
			logAVX512(&v[0], n8)
		}
	}
	for i := n8; i < len(v); i++ {
		v[i] = logTable(v[i])
	}
}
