//go:build !amd64 || purego

package cochlea

const compressSIMD = false

func compressAVX512(row, a, b, e, knee *float64, n, rows, stride int) { panic("cochlea: no AVX-512") }

func addRowsAVX512(dst, src *float64, n, rows, stride int) { panic("cochlea: no AVX-512") }

func drnlPathsAVX512(p *drnlArgs) { panic("cochlea: no AVX-512") }

func drnlNL2AVX512(p *drnlArgs) { panic("cochlea: no AVX-512") }

var vecmathSIMD = false

func expAVX2(v *float64, n int) { panic("cochlea: no AVX2") }

func logAVX2(v *float64, n int) { panic("cochlea: no AVX2") }

func sincosAVX2(x, sin, cos *float64, n int) { panic("cochlea: no AVX2") }

func tcSignalAVX2(lanes *tcSigLanes, x, y *[8]float64) { panic("cochlea: no AVX2") }

func tcLowPassAVX2(lanes *tcSigLanes, lp *tcLowPasses, v, fb *[8]float64, j0, j1 int) {
	panic("cochlea: no AVX2")
}

func tcSignalCoefAVX2(lanes *tcSigLanes, k *[5]float64, u *[8]float64) { panic("cochlea: no AVX2") }

func tcControlAVX2(lanes *tcSigLanes, k *tcCtlK, x, u *[8]float64) { panic("cochlea: no AVX2") }

func tcControlCoefAVX2(lanes *tcSigLanes, k *tcCtlK, fb *[8]float64) { panic("cochlea: no AVX2") }

func tcNonlinAVX2(nb *tcNLBatch, k *tcNLK, nv int) { panic("cochlea: no AVX2") }

func tcIHCAVX2(nb *tcNLBatch, k *tcNLK, ys *[tcBatch]float64, nv int) { panic("cochlea: no AVX2") }
