//go:build amd64

package cochlea

import (
	"math"

	"github.com/gohears/hears/filterbank"
)

// compressSIMD is true where the broken-stick compression runs on AVX-512:
// the same CPUs on which filterbank runs its AVX-512 biquads.
var compressSIMD = filterbank.SIMDPath() == "avx512"

// compressAVX512 applies the DRNL broken stick to n channels (n a multiple
// of 8) of rows frames, stride bytes apart: row[i] = sign·min(a|x|,
// b|x|^e), a|x| below the knee. |x|^e is computed as 2^(e·log2|x|) with
// 16-entry tables for both the logarithm and the power of two (looked up
// in registers) and short Taylor polynomials around them, relative error
// below 1e-14 (TestCompressSIMD), because math.Pow and math.Exp would cost
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

// compressK holds compressAVX512's tables and polynomial coefficients
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
