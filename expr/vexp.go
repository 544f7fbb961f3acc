package expr

import (
	"math"
	"math/big"
)

// Vector exp, expm1 and exprel for the compiled programs' cExp, cExpm1 and
// cExprel operations.
//
// Written by hand (no library offers a chunked exp for Go): math.Exp is one
// call per element with branches for its special cases, which keeps the CPU
// from overlapping independent elements, and exp/exprel were ~45% of the
// COBAHH benchmark's time. Here every element of a chunk goes through the
// same branch-free arithmetic, so consecutive elements pipeline (and an
// AVX2 kernel, vexp_amd64.s, does 4 at a time with the same operations in the
// same order, giving bit-identical results):
//
//	x = k*ln2/N + r,  N = 128, |r| <= ln2/256
//	exp(x) = 2^(k/N) * exp(r) = s * (1 + tmp)
//	s   = 2^(k>>7) * T[k&127]       (table of 2^(j/128), exponent added as an integer)
//	tmp = tail[k&127] + r + r²(C2 + r C3) + r⁴(C4 + r C5)
//
// where tail is the rounding error of T relative to T and C2..C5 are the
// Taylor coefficients 1/2, 1/6, 1/24, 1/120 (truncation error below 1e-18
// for |r| <= ln2/256). This is the scheme of ARM's optimized-routines exp
// (also glibc's), with a Taylor polynomial in place of the minimax one.
// k is rounded with the 1.5*2^52 shift trick, so no float/int conversion is
// needed. Lanes with |x| >= 512 or NaN (overflow, underflow to subnormals
// or zero, ±Inf) are flagged during the pass and recomputed afterwards with
// math.Exp, so the special cases are exactly math.Exp's. Measured accuracy
// against math.Exp: see TestVecExpULP.

const (
	vexpBits = 7
	vexpN    = 1 << vexpBits

	vexpInvLn2N  = 0x1.71547652b82fep0 * vexpN // N/ln2
	vexpShift    = 0x1.8p52                    // adding it rounds to an integer in the low mantissa bits
	vexpNegLn2Hi = -0x1.62e42fefa0000p-8       // -ln2/N, high part (kd*hi exact for |kd| < 2^17)
	vexpNegLn2Lo = -0x1.cf79abc9e3b3ap-47      // -ln2/N, low part
	vexpC2       = 1.0 / 2
	vexpC3       = 1.0 / 6
	vexpC4       = 1.0 / 24
	vexpC5       = 1.0 / 120

	// vexpBound: lanes whose |x| bits exceed this (|x| >= 512, Inf, NaN)
	// take the scalar path.
	vexpBound = 0x407fffffffffffff
	// vexprelLow: exprel and expm1 lanes with |x| below 1e-5 take the
	// scalar path too (exprel's series, expm1's sign of zero).
	vexprelLow = 0x3ee4f8b588e368f1 // bits of 1e-5
)

var (
	// vexpTab[j] = bits(T[j]) - j<<45 with T[j] = 2^(j/128) rounded, so
	// that adding k<<45 gives the bits of 2^(k/128) (exponent k>>7).
	vexpTab [vexpN]uint64
	// vexpTail[j] = (2^(j/128) - T[j]) / T[j].
	vexpTail [vexpN]float64
)

func init() {
	const prec = 256
	two := new(big.Float).SetPrec(prec).SetInt64(2)
	root := new(big.Float).SetPrec(prec).Set(two)
	for range vexpBits {
		root.Sqrt(root)
	}
	t := new(big.Float).SetPrec(prec).SetInt64(1)
	d := new(big.Float).SetPrec(prec)
	for j := range vexpN {
		hi, _ := t.Float64()
		d.Sub(t, new(big.Float).SetPrec(prec).SetFloat64(hi))
		d.Quo(d, new(big.Float).SetPrec(prec).SetFloat64(hi))
		vexpTail[j], _ = d.Float64()
		vexpTab[j] = math.Float64bits(hi) - uint64(j)<<(52-vexpBits)
		t.Mul(t, root)
	}
}

// vexpCore returns s and p with exp(x) = s*(1 + p) for |x| < 512, and
// non-zero bad if |x| >= 512 or x is NaN. The float64 conversions forbid
// fused multiply-adds, so the results match the AVX2 kernel bit for bit.
func vexpCore(x float64) (s, p float64) {
	kd := float64(x*vexpInvLn2N) + vexpShift
	ki := math.Float64bits(kd)
	kd -= vexpShift
	r := float64(x+float64(kd*vexpNegLn2Hi)) + float64(kd*vexpNegLn2Lo)
	j := ki & (vexpN - 1)
	r2 := float64(r * r)
	p = float64(float64(vexpTail[j]+r)+float64(r2*float64(vexpC2+float64(r*vexpC3)))) +
		float64(float64(r2*r2)*float64(vexpC4+float64(r*vexpC5)))
	return math.Float64frombits(vexpTab[j] + ki<<(52-vexpBits)), p
}

// expKernelGo writes the fast-path exp of x to dst (len(dst) == len(x), no
// aliasing needed by callers that fall back) and returns non-zero if some
// lane needs the scalar path (|x| >= 512 or NaN).
func expKernelGo(dst, x []float64) uint64 {
	x = x[:len(dst)]
	var bad uint64
	for i, xi := range x {
		bad |= (vexpBound - math.Float64bits(xi)&(1<<63-1)) >> 63
		s, p := vexpCore(xi)
		dst[i] = s + float64(s*p)
	}
	return bad
}

// expm1KernelGo is expKernelGo's expm1: (s - 1) + s*p, where s - 1 is exact
// for s in [1/2, 2] (Sterbenz) and s*p is at most about half of s - 1
// otherwise (no harmful cancellation). Lanes with |x| < 1e-5 are flagged
// too.
func expm1KernelGo(dst, x []float64) uint64 {
	x = x[:len(dst)]
	var bad uint64
	for i, xi := range x {
		ax := math.Float64bits(xi) & (1<<63 - 1)
		bad |= ((vexpBound - ax) | (ax - vexprelLow)) >> 63
		s, p := vexpCore(xi)
		dst[i] = float64(s-1) + float64(s*p)
	}
	return bad
}

// exprelKernelGo is expm1KernelGo's result divided by x.
func exprelKernelGo(dst, x []float64) uint64 {
	x = x[:len(dst)]
	var bad uint64
	for i, xi := range x {
		ax := math.Float64bits(xi) & (1<<63 - 1)
		bad |= ((vexpBound - ax) | (ax - vexprelLow)) >> 63
		s, p := vexpCore(xi)
		dst[i] = (float64(s-1) + float64(s*p)) / xi
	}
	return bad
}

// vecExp sets dst[i] = exp(x[i]) (math.Exp's special cases, within an ulp
// or two of it elsewhere). dst must not alias x.
func vecExp(dst, x []float64) {
	x = x[:len(dst)]
	if expKernel(dst, x) == 0 {
		return
	}
	for i, xi := range x {
		if !(math.Abs(xi) < 512) {
			dst[i] = math.Exp(xi)
		}
	}
}

// vecExpm1 sets dst[i] = expm1(x[i]). dst must not alias x.
func vecExpm1(dst, x []float64) {
	x = x[:len(dst)]
	if expm1Kernel(dst, x) == 0 {
		return
	}
	for i, xi := range x {
		if a := math.Abs(xi); !(a < 512 && a >= 1e-5) {
			dst[i] = math.Expm1(xi)
		}
	}
}

// vecExprel sets dst[i] = exprel(x[i]) = expm1(x)/x (1 at 0).
func vecExprel(dst, x []float64) {
	x = x[:len(dst)]
	if exprelKernel(dst, x) == 0 {
		return
	}
	for i, xi := range x {
		if a := math.Abs(xi); !(a < 512 && a >= 1e-5) {
			dst[i] = exprel(xi)
		}
	}
}
