package cochlea

import "math"

// Batch natural exponentials and logarithms for the time-varying models
// (TanCarney, the Zhang synapse, DCGC): they evaluate several per
// channel-sample inside feedback loops, which made math.Exp and math.Log
// most of their cost. expBatch and logBatch work on a channel group's
// values at once: on AVX2 four at a time (vecmath_amd64.s), elsewhere by
// expPoly and logPoly, their bitwise twins, so that a channel's result does
// not depend on where a worker's channel range or a group of four starts.
// They are within 4e-16 and 6e-16 relative of math.Exp and math.Log
// (TestVecMath);
// they are written here rather than taken from a library because no Go
// library evaluates them several lanes at a time.
//
//   - e^x, x clamped to [−708, 709] (e^−708 ≈ 3.3e-308 stands for the
//     smaller values, which the models only add to 1 or to larger terms):
//     n = round(x·log2 e), r = x − n·ln 2 (in two parts, exact) with
//     |r| ≤ 0.347, e^r by its Taylor series to r^13 (remainder below
//     5e-18), times 2^n built in the exponent bits.
//   - ln x, x clamped to at least 2^−1022 (the smallest normal): x =
//     2^k·m with m in [√½, √2), f = m − 1 (exact), s = f/(2 + f),
//     ln(1 + f) = 2·atanh s = s·Σ 2s^(2j)/(2j + 1) to j = 11 (|s| ≤ 0.172,
//     remainder below 1e-18), plus k·ln 2 in two parts (k·ln2Hi exact).
//     No cancellation near x = 1; ln 1 = 0 exactly.
//   - sin x and cos x (|x| below about 1e5): q = round(2x/π), r = x − q·π/2
//     in three parts (|r| ≤ π/4), sin r and cos r by their Taylor series
//     to r^17 and r^18 (remainders below 1e-19), placed by q mod 4.

// vecmathK holds the constants, each four times (one AVX2 vector; the
// assembly reads vector i at offset 32·i, see the vm* indices).
var vecmathK = newVecmathConsts() // a value, not a pointer: the assembly reads it at its address

// Indices into vecmathK (offset 32·index in vecmath_amd64.s).
const (
	vmLog2E, vmLn2Hi, vmLn2Lo, vmExpMin, vmExpMax, vmMagic, vmBias = 0, 1, 2, 3, 4, 5, 6
	vmExpC                                                         = 7 // 14 values: 1/j!, j = 0…13
	vmMinNormal, vmMantMask, vmOneBits, vmTwo52Bits, vmTwo52Bias   = 21, 22, 23, 24, 25
	vmSqrt2, vmHalf, vmOne, vmTwo                                  = 26, 27, 28, 29
	vmLogC                                                         = 30 // 12 values: 2/(2j + 1), j = 0…11
	vmTwoOverPi, vmPio2Hi, vmPio2Mid, vmPio2Lo                     = 42, 43, 44, 45
	vmSinC                                                         = 46 // 8 values: (−1)^j/(2j + 1)!, j = 1…8
	vmCosC                                                         = 54 // 9 values: (−1)^j/(2j)!, j = 1…9
	vmCount                                                        = 63
)

const (
	ln2Hi = 6.93147180369123816490e-01 // ln 2 with 32 trailing zero bits
	ln2Lo = 1.9082149292705877e-10     // ln 2 − ln2Hi
)

func newVecmathConsts() [vmCount][4]float64 {
	var k [vmCount][4]float64
	set := func(i int, v float64) { k[i] = [4]float64{v, v, v, v} }
	set(vmLog2E, math.Log2E)
	set(vmLn2Hi, ln2Hi)
	set(vmLn2Lo, ln2Lo)
	set(vmExpMin, -708)
	set(vmExpMax, 709)
	set(vmMagic, 0x1.8p52)
	bias := int64(1023 - 1<<51)
	set(vmBias, math.Float64frombits(uint64(bias)))
	f := 1.0
	for j := range 14 {
		set(vmExpC+j, 1/f)
		f *= float64(j + 1)
	}
	set(vmMinNormal, 0x1p-1022)
	set(vmMantMask, math.Float64frombits(1<<52-1))
	set(vmOneBits, 1)
	set(vmTwo52Bits, 0x1p52)
	set(vmTwo52Bias, 0x1p52+1023)
	set(vmSqrt2, math.Sqrt2)
	set(vmHalf, 0.5)
	set(vmOne, 1)
	set(vmTwo, 2)
	for j := range 12 {
		set(vmLogC+j, 2/float64(2*j+1))
	}
	set(vmTwoOverPi, 2/math.Pi)
	set(vmPio2Hi, 1.57079632673412561417e+00)  // π/2's first 33 bits
	set(vmPio2Mid, 6.07710050630396597660e-11) // the next 33
	set(vmPio2Lo, 2.02226624879595063154e-21)  // the rest
	f = 1.0
	for j := 1; j <= 18; j++ {
		f *= float64(j) // j!
		sign := 1.0
		if (j/2)%2 == 1 {
			sign = -1
		}
		if j%2 == 1 && j >= 3 {
			set(vmSinC+(j-3)/2, sign/f)
		} else if j%2 == 0 {
			set(vmCosC+j/2-1, sign/f)
		}
	}
	return k
}

// expPoly returns e^x by vecmath_amd64.s's method, bitwise as it does (x
// not NaN).
func expPoly(x float64) float64 {
	k := &vecmathK
	x = min(max(x, k[vmExpMin][0]), k[vmExpMax][0])
	n := math.RoundToEven(float64(x * k[vmLog2E][0]))
	r := math.FMA(-n, k[vmLn2Hi][0], x)
	r = math.FMA(-n, k[vmLn2Lo][0], r)
	p := k[vmExpC+13][0]
	for j := 12; j >= 0; j-- {
		p = math.FMA(p, r, k[vmExpC+j][0])
	}
	return float64(p * math.Float64frombits(uint64(int64(n)+1023)<<52))
}

// logPoly returns ln x for x > 0 (not NaN, not +Inf) by
// vecmath_amd64.s's method, bitwise as it does.
func logPoly(x float64) float64 {
	k := &vecmathK
	x = max(x, k[vmMinNormal][0])
	bits := math.Float64bits(x)
	kx := float64(bits>>52) - 1023
	m := math.Float64frombits(bits&(1<<52-1) | 1023<<52)
	if m > math.Sqrt2 {
		m, kx = float64(m*0.5), kx+1
	}
	f := m - 1
	s := f / float64(2+f)
	z := float64(s * s)
	q := k[vmLogC+11][0]
	for j := 10; j >= 0; j-- {
		q = math.FMA(q, z, k[vmLogC+j][0])
	}
	b := math.FMA(s, q, float64(kx*ln2Lo))
	return float64(kx*ln2Hi) + b
}

// sincosPoly returns sin x and cos x by vecmath_amd64.s's method, bitwise
// as it does (|x| below about 1e5, where the three-part π/2 keeps the
// reduction exact to an ulp).
func sincosPoly(x float64) (sin, cos float64) {
	k := &vecmathK
	q := math.RoundToEven(float64(x * k[vmTwoOverPi][0]))
	r := math.FMA(-q, k[vmPio2Hi][0], x)
	r = math.FMA(-q, k[vmPio2Mid][0], r)
	r = math.FMA(-q, k[vmPio2Lo][0], r)
	z := float64(r * r)
	p := k[vmSinC+7][0]
	for j := 6; j >= 0; j-- {
		p = math.FMA(p, z, k[vmSinC+j][0])
	}
	s := math.FMA(float64(r*z), p, r)
	c := k[vmCosC+8][0]
	for j := 7; j >= 0; j-- {
		c = math.FMA(c, z, k[vmCosC+j][0])
	}
	c = math.FMA(z, c, 1)
	qi := int64(q) & 3
	if qi&1 != 0 {
		s, c = c, s
	}
	if qi&2 != 0 {
		s = -s
	}
	if (qi>>1^qi)&1 != 0 {
		c = -c
	}
	return s, c
}

// sincosBatch sets sin[i] = sin x[i] and cos[i] = cos x[i] (|x[i]| below
// about 1e5); sin and cos have at least len(x) values.
func sincosBatch(x, sin, cos []float64) {
	n4 := 0
	sin, cos = sin[:len(x)], cos[:len(x)]
	if vecmathSIMD {
		n4 = len(x) &^ 3
		if n4 > 0 {
			sincosAVX2(&x[0], &sin[0], &cos[0], n4)
		}
	}
	for i := n4; i < len(x); i++ {
		sin[i], cos[i] = sincosPoly(x[i])
	}
}

// expBatch sets v[i] = e^v[i] (v[i] not NaN).
func expBatch(v []float64) { batch(v, expAVX2, expPoly) }

// logBatch sets v[i] = ln v[i] (v[i] > 0, not NaN, not +Inf).
func logBatch(v []float64) { batch(v, logAVX2, logPoly) }

// batch applies a function to v in place: simd to the first multiple of 4
// values where AVX2 serves, twin (its bitwise equal) to the rest.
func batch(v []float64, simd func(*float64, int), twin func(float64) float64) {
	n4 := 0
	if vecmathSIMD {
		n4 = len(v) &^ 3
		if n4 > 0 {
			simd(&v[0], n4)
		}
	}
	for i := n4; i < len(v); i++ {
		v[i] = twin(v[i])
	}
}
