//go:build amd64 && !purego

package filterbank

import "golang.org/x/sys/cpu"

// simdLevel is the biquad path in use, detected at start-up; tests lower it
// to compare the paths.
var simdLevel = detectSIMD()

// haveAVX512DQ reports AVX-512DQ (64-bit integer/float conversions), which
// the vectorised cube root needs on top of simdAVX512.
var haveAVX512DQ = simdLevel == simdAVX512 && cpu.X86.HasAVX512DQ

// detectSIMD picks the widest biquad path the CPU and the OS support
// (golang.org/x/sys/cpu checks both the CPUID bits and that the OS saves
// the YMM/ZMM state).
func detectSIMD() int {
	switch {
	case cpu.X86.HasAVX512F:
		return simdAVX512
	case cpu.X86.HasAVX2:
		return simdAVX2
	}
	return simdNone
}

// SIMDPath names the vectorised path in use for biquad cascades: "avx512",
// "avx2", or "" when none (every channel then runs in pure Go).
func SIMDPath() string {
	switch simdLevel {
	case simdAVX512:
		return "avx512"
	case simdAVX2:
		return "avx2"
	}
	return ""
}

// The passes run args.groups groups of 8 channels over args.frames frames
// through four stages (biquad4*) or one stage (biquad1*), states in
// registers. Implemented in linear_amd64.s.
//
//go:noescape
func biquad4AVX512(p *biquadArgs)

//go:noescape
func biquad1AVX512(p *biquadArgs)

//go:noescape
func biquad4AVX2(p *biquadArgs)

//go:noescape
func biquad1AVX2(p *biquadArgs)

// biquad4SkewAVX2 is biquad4AVX2 software-pipelined across the stages
// (stage k on frame n-k+1), for args.frames >= 3; bit-identical results.
//
//go:noescape
func biquad4SkewAVX2(p *biquadArgs)

// biquad4SkewZAVX2 is biquad4SkewAVX2 for stages whose b2 are all +0,
// with b2*x taken from the sign of x instead of a multiply, checked, and
// redone exactly for a half group whose state turns non-finite (see
// linear_amd64.s); bit-identical results. The input must not alias the
// output, and args.frames >= 3.
//
//go:noescape
func biquad4SkewZAVX2(p *biquadArgs)

//go:noescape
func first1AVX512(p *biquadArgs)

//go:noescape
func first1AVX2(p *biquadArgs)

// first1x2AVX2 is first1AVX2 with the two halves of each group
// interleaved in one loop; bit-identical results.
//
//go:noescape
func first1x2AVX2(p *biquadArgs)

func firstPass1(p *biquadArgs) {
	switch {
	case simdLevel == simdAVX512:
		first1AVX512(p)
	case plainAVX2:
		first1AVX2(p)
	default:
		first1x2AVX2(p)
	}
}

// biquadPass4 runs four biquad stages; zeroB2 says that every b2 of them
// is +0 and the input is not the output.
func biquadPass4(p *biquadArgs, zeroB2 bool) {
	switch {
	case simdLevel == simdAVX512:
		biquad4AVX512(p)
	case p.frames >= 3 && zeroB2 && !plainAVX2 && !exactB2:
		biquad4SkewZAVX2(p)
	case p.frames >= 3 && !plainAVX2:
		biquad4SkewAVX2(p)
	default:
		biquad4AVX2(p)
	}
}

// plainAVX2 makes biquadPass4 and firstPass1 use the plain AVX2 loops
// (tests and benchmarks compare them with the faster forms).
var plainAVX2 = false

// exactB2 makes biquadPass4 multiply by b2 even where it is zero (tests
// and benchmarks compare the two).
var exactB2 = false

func biquadPass1(p *biquadArgs) {
	if simdLevel == simdAVX512 {
		biquad1AVX512(p)
	} else {
		biquad1AVX2(p)
	}
}

// simdCascade computes channels [lo, hi) of a first-order (2-tap) or
// biquad (3-tap) cascade on the SIMD path, chunk by chunk of frames. A
// partial last group of channels runs through a padded scratch block (its
// padding lanes have zero coefficients). It reports false, doing nothing,
// when the CPU or the tap count has no SIMD path.
func (k *LinearKernel) simdCascade(out, x []float64, mono bool, frames, lo, hi int) bool {
	if simdLevel == simdNone || (k.taps != 2 && k.taps != 3) {
		return false
	}
	const gl = groupLanes
	nch := k.nch
	g0, g1 := lo/gl, hi/gl
	rem := hi - g1*gl
	if rem > 0 && len(k.tail) == 0 {
		k.tail = make([]float64, 2*linearChunk*gl)
	}
	for f0 := 0; f0 < frames; f0 += linearChunk {
		n := min(linearChunk, frames-f0)
		if g1 > g0 {
			if mono {
				k.simdPasses(&out[f0*nch+g0*gl], uintptr(8*nch), &x[f0], 8, 0, n, g0, g1-g0)
			} else {
				k.simdPasses(&out[f0*nch+g0*gl], uintptr(8*nch), &x[f0*nch+g0*gl], uintptr(8*nch), 8*gl, n, g0, g1-g0)
			}
		}
		if rem == 0 {
			continue
		}
		tout, tin := k.tail[:linearChunk*gl], k.tail[linearChunk*gl:]
		if mono {
			k.simdPasses(&tout[0], 8*gl, &x[f0], 8, 0, n, g1, 1)
		} else {
			for f := range n {
				row := tin[f*gl : (f+1)*gl]
				copy(row, x[(f0+f)*nch+g1*gl:(f0+f)*nch+hi])
				clear(row[rem:])
			}
			k.simdPasses(&tout[0], 8*gl, &tin[0], 8*gl, 8*gl, n, g1, 1)
		}
		for f := range n {
			copy(out[(f0+f)*nch+g1*gl:(f0+f)*nch+hi], tout[f*gl:f*gl+rem])
		}
	}
	return true
}

// simdPasses runs every stage of groups groups from group g0 over frames
// frames: biquads four stages per pass where they can; passes after the
// first filter the output in place.
func (k *LinearKernel) simdPasses(out *float64, ostride uintptr, x *float64, xstride, xgstep uintptr, frames, g0, groups int) {
	cw, sw := k.ncoef*groupLanes, (k.taps-1)*groupLanes // coefficient and state floats per stage
	p := biquadArgs{
		out:     out,
		ostride: ostride,
		cstride: uintptr(8 * cw * k.stages),
		sstride: uintptr(8 * sw * k.stages),
		frames:  frames,
		groups:  groups,
	}
	for s := 0; s < k.stages; {
		if s == 0 {
			p.x, p.xstride, p.xgstep = x, xstride, xgstep
		} else {
			p.x, p.xstride, p.xgstep = out, ostride, 8*groupLanes
		}
		p.coef = &k.coef[(g0*k.stages+s)*cw]
		p.state = &k.state[(g0*k.stages+s)*sw]
		switch {
		case k.taps == 2:
			firstPass1(&p)
			s++
		case k.stages-s >= 4:
			biquadPass4(&p, s == 0 && k.b2Zero(g0, groups, s))
			s += 4
		default:
			biquadPass1(&p)
			s++
		}
	}
}

// biquadArgs is the argument block of the assembly passes (field offsets
// are used by linear_amd64.s).
type biquadArgs struct {
	out     *float64 // first output sample of the first group
	ostride uintptr  // bytes between output frames
	x       *float64 // first input sample of the first group
	xstride uintptr  // bytes between input frames
	xgstep  uintptr  // bytes between the inputs of consecutive groups; 0 broadcasts a mono input
	coef    *float64 // coefficients of the first stage of the first group
	cstride uintptr  // bytes between the coefficients of consecutive groups
	state   *float64 // state of the first stage of the first group
	sstride uintptr  // bytes between the states of consecutive groups
	frames  int      // frames to run
	groups  int      // groups of 8 channels to run
}
