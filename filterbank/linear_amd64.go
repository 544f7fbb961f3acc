//go:build amd64

package filterbank

// SIMD levels of the biquad path on amd64.
const (
	simdNone = iota
	simdAVX2
	simdAVX512
)

// simdLevel is the biquad path in use, detected at start-up; tests lower it
// to compare the paths.
var simdLevel = detectSIMD()

// detectSIMD reads CPUID and XGETBV. gohears does this itself (about twenty
// lines) rather than through golang.org/x/sys/cpu so that the module needs
// no extra dependency for one feature test.
func detectSIMD() int {
	maxID, _, _, _ := cpuid(0, 0)
	if maxID < 7 {
		return simdNone
	}
	_, _, ecx1, _ := cpuid(1, 0)
	const osxsave, avx = 1 << 27, 1 << 28
	if ecx1&osxsave == 0 || ecx1&avx == 0 {
		return simdNone
	}
	xcr0, _ := xgetbv()
	_, ebx7, _, _ := cpuid(7, 0)
	const avx2, avx512f = 1 << 5, 1 << 16
	switch {
	case ebx7&avx512f != 0 && xcr0&0xe6 == 0xe6: // SSE, AVX, opmask, ZMM state enabled
		return simdAVX512
	case ebx7&avx2 != 0 && xcr0&0x6 == 0x6:
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

func cpuid(eax, ecx uint32) (a, b, c, d uint32)
func xgetbv() (eax, edx uint32)

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

//go:noescape
func first1AVX512(p *biquadArgs)

//go:noescape
func first1AVX2(p *biquadArgs)

func firstPass1(p *biquadArgs) {
	if simdLevel == simdAVX512 {
		first1AVX512(p)
	} else {
		first1AVX2(p)
	}
}

func biquadPass4(p *biquadArgs) {
	if simdLevel == simdAVX512 {
		biquad4AVX512(p)
	} else {
		biquad4AVX2(p)
	}
}

func biquadPass1(p *biquadArgs) {
	if simdLevel == simdAVX512 {
		biquad1AVX512(p)
	} else {
		biquad1AVX2(p)
	}
}

// simdCascade runs the full channel groups [g0, g1) of a first-order
// (2-tap) or biquad (3-tap) cascade on the SIMD path, chunk by chunk of
// frames; biquads go four stages per pass where they can, and passes after
// the first filter the output block in place. It reports false, doing
// nothing, when the CPU or the tap count has no SIMD path.
func (k *LinearKernel) simdCascade(out, x []float64, mono bool, frames, g0, g1 int) bool {
	if simdLevel == simdNone || (k.taps != 2 && k.taps != 3) {
		return false
	}
	cw, sw := k.ncoef*groupLanes, (k.taps-1)*groupLanes // coefficient and state floats per stage
	p := biquadArgs{
		ostride: uintptr(8 * k.nch),
		cstride: uintptr(8 * cw * k.stages),
		sstride: uintptr(8 * sw * k.stages),
		groups:  g1 - g0,
	}
	for f0 := 0; f0 < frames; f0 += linearChunk {
		n := min(linearChunk, frames-f0)
		p.frames = n
		for s := 0; s < k.stages; {
			p.out = &out[f0*k.nch+g0*groupLanes]
			switch {
			case s > 0:
				p.x, p.xstride, p.xgstep = p.out, uintptr(8*k.nch), 8*groupLanes
			case mono:
				p.x, p.xstride, p.xgstep = &x[f0], 8, 0
			default:
				p.x, p.xstride, p.xgstep = &x[f0*k.nch+g0*groupLanes], uintptr(8*k.nch), 8*groupLanes
			}
			p.coef = &k.coef[(g0*k.stages+s)*cw]
			p.state = &k.state[(g0*k.stages+s)*sw]
			switch {
			case k.taps == 2:
				firstPass1(&p)
				s++
			case k.stages-s >= 4:
				biquadPass4(&p)
				s += 4
			default:
				biquadPass1(&p)
				s++
			}
		}
	}
	return true
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
