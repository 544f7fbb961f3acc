// Package vecmath evaluates exp and log over slices, four values at a time
// on AVX2 with FMA where the CPU has them, and otherwise in Go twins that
// give the same bits (TestTwinsAgree). The models' transcendental passes
// that have no feedback (the Zilany et al. 2014 IHC transduction and the
// synapse's soft rectifier) run through it.
//
// Why not math.Exp and math.Log: they take one value at a time. The
// algorithms here are the textbook ones (Muller, Elementary Functions, 3rd
// ed., ch. 11; Tang 1989 for the exponential's reduction): argument
// reduction by ln 2, then a polynomial (Taylor for exp on |r| ≤ ln2/2;
// for log, 2·atanh(s) with s = (m − 1)/(m + 1), m in [√½, √2)), and
// they stay within 2 ulp of math.Exp and math.Log on normal results
// (TestAccuracy; the worst cases measured: Exp(633.88), where math.Exp
// itself is 1.3 ulp from the true value and this 0.4, and Log(1.19851),
// 1.5 ulp from the true value, from rounding s and 2s). Arguments outside the polynomial's range (and NaN, ±Inf,
// zero, negatives and subnormals for Log) are handed to math.Exp and
// math.Log, so every special value is what package math gives.
package vecmath

import (
	"fmt"
	"math"
)

// Range of x where exp runs on the polynomial: its result 2^n·p stays a
// normal float64.
const (
	expLo = -707.0
	expHi = 709.0
)

const (
	log2e = 1.4426950408889634074 // 1/ln 2
	ln2hi = 6.93147180369123816490e-01
	ln2lo = 1.90821492927058770002e-10 // ln 2 − ln2hi
	magic = 6755399441055744.0         // 1.5·2^52: t + magic rounds t to an integer
	sqrt2 = 1.4142135623730951
)

// expC[k] = 1/k!, the Taylor coefficients of e^r to degree 13: the first
// omitted term is below 4e-18 for |r| ≤ ln2/2.
var expC = [14]float64{1, 1, 1.0 / 2, 1.0 / 6, 1.0 / 24, 1.0 / 120, 1.0 / 720, 1.0 / 5040,
	1.0 / 40320, 1.0 / 362880, 1.0 / 3628800, 1.0 / 39916800, 1.0 / 479001600, 1.0 / 6227020800}

// logC[j] = 1/(2j + 3): log m = 2s + 2s·z·Σ logC[j]·z^j, z = s², the series
// of 2·atanh(s); ten terms leave below 3e-18 for |s| ≤ 0.1716.
var logC = [10]float64{1.0 / 3, 1.0 / 5, 1.0 / 7, 1.0 / 9, 1.0 / 11, 1.0 / 13, 1.0 / 15, 1.0 / 17, 1.0 / 19, 1.0 / 21}

// Exp sets dst[i] = e^src[i] for every i. dst and src have the same length
// and must not overlap unless they are the same slice.
func Exp(dst, src []float64) error {
	if len(dst) != len(src) {
		return fmt.Errorf("vecmath: Exp of %d values into %d", len(src), len(dst))
	}
	for _, x := range src {
		if !(x >= expLo && x <= expHi) {
			// A block with arguments outside the polynomial's range goes
			// one value at a time (dst may be src).
			for i, x := range src {
				if x >= expLo && x <= expHi {
					expGo(dst[i:i+1], src[i:i+1])
				} else {
					dst[i] = math.Exp(x)
				}
			}
			return nil
		}
	}
	n := len(src) &^ 3
	expN(dst[:n], src[:n])
	expGo(dst[n:], src[n:])
	return nil
}

// logNormal reports whether x is a positive normal float64, the domain of
// the polynomial path of Log.
func logNormal(x float64) bool { return x >= 0x1p-1022 && x <= math.MaxFloat64 }

// Log sets dst[i] = ln src[i] for every i. dst and src have the same
// length and must not overlap unless they are the same slice.
func Log(dst, src []float64) error {
	if len(dst) != len(src) {
		return fmt.Errorf("vecmath: Log of %d values into %d", len(src), len(dst))
	}
	for _, x := range src {
		if !logNormal(x) {
			for i, x := range src {
				if logNormal(x) {
					logGo(dst[i:i+1], src[i:i+1])
				} else {
					dst[i] = math.Log(x)
				}
			}
			return nil
		}
	}
	n := len(src) &^ 3
	logN(dst[:n], src[:n])
	logGo(dst[n:], src[n:])
	return nil
}

// Exp1 is e^x for one value, for loops whose feedback leaves no block to
// vectorise: the reduction of Exp, then the same polynomial evaluated by
// Estrin's scheme (pairs of terms, then powers r², r⁴, r⁸) instead of
// Horner's, so that its chain of dependent operations is 7 deep instead
// of 13: a recurrence that waits on each exponential waits less. Within 2
// ulp of math.Exp like Exp, but not always to Exp's bits.
func Exp1(x float64) float64 {
	if !(x >= expLo && x <= expHi) {
		return math.Exp(x)
	}
	t := math.FMA(x, log2e, magic)
	n := t - magic
	r := math.FMA(-n, ln2hi, x)
	r = math.FMA(-n, ln2lo, r)
	// e^r = 1 + r + r²·P(r), P of degree 11 by Estrin; the large terms
	// 1 and r are added last, so that P's roundings shrink by r².
	r2 := r * r
	r4 := r2 * r2
	r8 := r4 * r4
	q0 := math.FMA(expC[3], r, expC[2])
	q1 := math.FMA(expC[5], r, expC[4])
	q2 := math.FMA(expC[7], r, expC[6])
	q3 := math.FMA(expC[9], r, expC[8])
	q4 := math.FMA(expC[11], r, expC[10])
	q5 := math.FMA(expC[13], r, expC[12])
	s0 := math.FMA(q1, r2, q0)
	s1 := math.FMA(q3, r2, q2)
	s2 := math.FMA(q5, r2, q4)
	pr := math.FMA(s2, r8, math.FMA(s1, r4, s0))
	p := math.FMA(r2, pr, r) + 1
	return math.Float64frombits(math.Float64bits(p) + math.Float64bits(t)<<52)
}

// expGo is the Go twin of expAVX2: the same operations in the same order,
// math.FMA where the assembly fuses. Arguments outside [expLo, expHi] give
// garbage (Exp replaces them).
func expGo(dst, src []float64) {
	for i, x := range src {
		x = min(max(x, expLo), expHi)
		t := math.FMA(x, log2e, magic)
		n := t - magic
		r := math.FMA(-n, ln2hi, x)
		r = math.FMA(-n, ln2lo, r)
		p := expC[13]
		for k := 12; k >= 0; k-- {
			p = math.FMA(p, r, expC[k])
		}
		dst[i] = math.Float64frombits(math.Float64bits(p) + math.Float64bits(t)<<52)
	}
}

// logGo is the Go twin of logAVX2. Arguments that are not positive normal
// numbers give garbage (Log replaces them).
func logGo(dst, src []float64) {
	for i, x := range src {
		b := math.Float64bits(x)
		// The exponent as a float64: 2^52 + e − (2^52 + 1023), exact.
		k := math.Float64frombits(b>>52|0x4330000000000000) - (0x1p52 + 1023)
		m := math.Float64frombits(b&(1<<52-1) | 0x3ff0000000000000)
		if m > sqrt2 {
			m *= 0.5
			k++
		}
		f := m - 1
		s := f / (f + 2)
		hs := s + s
		z := s * s
		q := logC[9]
		for j := 8; j >= 0; j-- {
			q = math.FMA(q, z, logC[j])
		}
		hz := hs * z
		y := math.FMA(hz, q, hs)
		dst[i] = math.FMA(k, ln2hi, math.FMA(k, ln2lo, y))
	}
}
