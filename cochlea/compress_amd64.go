//go:build amd64 && !purego

package cochlea

import (
	"github.com/gohears/hears/filterbank"
	"golang.org/x/sys/cpu"
)

// compressSIMD is true where the broken-stick compression runs on AVX-512:
// the same CPUs on which filterbank runs its AVX-512 biquads.
var compressSIMD = filterbank.SIMDPath() == "avx512"

// compressAVX512 applies the DRNL broken stick to n channels (n a multiple
// of 8) of rows frames, stride bytes apart: row[i] = sign·min(a|x|,
// b|x|^e), a|x| below the knee. |x|^e is computed as 2^(e·log2|x|) with
// 16-entry tables for both the logarithm and the power of two (looked up
// in registers) and short Taylor polynomials around them, relative error
// below 4e-15 (TestCompressSIMD), because math.Pow and math.Exp would cost
// most of DRNL's time. Implemented in compress_amd64.s; its constants are
// compressK.
//
//go:noescape
func compressAVX512(row, a, b, e, knee *float64, n, rows, stride int)

// addRowsAVX512 adds src to dst, n values (a multiple of 8) in each of rows
// rows, stride bytes apart in both (the sum of DRNL's two paths).
//
//go:noescape
func addRowsAVX512(dst, src *float64, n, rows, stride int)

// drnlPathsAVX512 runs, for one group of 8 channels, DRNL's linear path
// into p.out and its first nonlinear gammatone into p.nl (order-3 paths
// only; see drnl_amd64.s).
//
//go:noescape
func drnlPathsAVX512(p *drnlArgs)

// drnlNL2AVX512 runs, for one group of 8 channels, DRNL's second nonlinear
// gammatone and nonlinear-path low-passes on p.nl and adds the result to
// p.out.
//
//go:noescape
func drnlNL2AVX512(p *drnlArgs)

// vecmathSIMD is true where expBatch and logBatch run on AVX2 with FMA
// (a variable: TestVecMath compares the paths).
var vecmathSIMD = cpu.X86.HasAVX2 && cpu.X86.HasFMA

// expAVX2 sets v[i] = e^v[i] for n values (a multiple of 4); expPoly is
// its twin (vecmath.go).
//
//go:noescape
func expAVX2(v *float64, n int)

// logAVX2 sets v[i] = ln v[i] for n positive values (a multiple of 4);
// logPoly is its twin (vecmath.go).
//
//go:noescape
func logAVX2(v *float64, n int)

// sincosAVX2 sets sin[i] = sin x[i] and cos[i] = cos x[i] for n values (a
// multiple of 4); sincosPoly is its twin (vecmath.go).
//
//go:noescape
func sincosAVX2(x, sin, cos *float64, n int)

// tcSignalAVX2 runs TanCarney's signal path one frame for the 8 lanes of
// g (tancarney_amd64.s); tcSignalGo is its twin.
//
//go:noescape
func tcSignalAVX2(lanes *tcSigLanes, x, y *[8]float64)

// tcLowPassAVX2 runs sections [j0, j1) of TanCarney's low-passes (and the
// feedback section into fb, if fb is not nil) one frame for the 8 lanes
// (tancarney_amd64.s); tcLowPassGo is its twin.
//
//go:noescape
func tcLowPassAVX2(lanes *tcSigLanes, lp *tcLowPasses, v, fb *[8]float64, j0, j1 int)

// tcSignalCoefAVX2 sets TanCarney's signal-path coefficients of the 8
// lanes for the control values u (tancarney_amd64.s); tcSignalCoefGo is
// its twin.
//
//go:noescape
func tcSignalCoefAVX2(lanes *tcSigLanes, k *[5]float64, u *[8]float64)

// tcControlAVX2 runs TanCarney's control-path band-pass one frame for the
// 8 lanes (tancarney_amd64.s); tcControlGo is its twin.
//
//go:noescape
func tcControlAVX2(lanes *tcSigLanes, k *tcCtlK, x, u *[8]float64)

// tcControlCoefAVX2 sets TanCarney's control-path coefficients of the 8
// lanes for the feedback values fb (tancarney_amd64.s); tcControlCoefGo is
// its twin.
//
//go:noescape
func tcControlCoefAVX2(lanes *tcSigLanes, k *tcCtlK, fb *[8]float64)

// tcNonlinAVX2 computes nb.us from nb.cu (TanCarney's control-path
// nonlinearities) for the first nv·4 lanes, four per instruction
// (tancarney_amd64.s); tcNonlinGo is its twin.
//
//go:noescape
func tcNonlinAVX2(nb *tcNLBatch, k *tcNLK, nv int)

// tcIHCAVX2 runs TanCarney's inner-hair-cell saturation on the first nv·4
// lanes of ys (in place; nb's rows t and b2 are scratch), four per
// instruction (tancarney_amd64.s); tcIHCGo is its twin.
//
//go:noescape
func tcIHCAVX2(nb *tcNLBatch, k *tcNLK, ys *[tcBatch]float64, nv int)
