//go:build amd64

package filterbank

// The FFT stages and the mono spectral product run in AVX assembly
// (fir_amd64.s) when the CPU has AVX2 (simdLevel, detected in
// linear_amd64.go), bit-identical to the pure-Go loops.

//go:noescape
func difStageAVX(re, im *float64, nbytes, h int, wr, wi *float64)

//go:noescape
func ditStageAVX(re, im *float64, nbytes, h int, wr, wi *float64)

//go:noescape
func monoMulAVX(re, im, xr, xi, gr, gi *float64, n int)

func difStage(re, im []float64, h int, wr, wi []float64) {
	if simdLevel >= simdAVX2 {
		difStageAVX(&re[0], &im[0], 8*len(re), h, &wr[0], &wi[0])
		return
	}
	difStageGo(re, im, h, wr, wi)
}

func ditStage(re, im []float64, h int, wr, wi []float64) {
	if simdLevel >= simdAVX2 {
		ditStageAVX(&re[0], &im[0], 8*len(re), h, &wr[0], &wi[0])
		return
	}
	ditStageGo(re, im, h, wr, wi)
}

func monoMul(re, im, xr, xi, gr, gi []float64) {
	n := len(xr)
	if simdLevel >= simdAVX2 {
		_, _, _, _ = re[n*fftLanes-1], im[n*fftLanes-1], gr[n*fftLanes-1], gi[n*fftLanes-1]
		_ = xi[n-1]
		monoMulAVX(&re[0], &im[0], &xr[0], &xi[0], &gr[0], &gi[0], n)
		return
	}
	monoMulGo(re, im, xr, xi, gr, gi)
}
