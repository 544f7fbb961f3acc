//go:build !amd64 || purego

package filterbank

// Without assembly the FFT stages and the mono spectral product are the
// pure-Go loops of fir_fft.go and fir.go.

func difStage(re, im []float64, h int, wr, wi []float64) { difStageGo(re, im, h, wr, wi) }

func ditStage(re, im []float64, h int, wr, wi []float64) { ditStageGo(re, im, h, wr, wi) }

func monoMul(re, im, xr, xi, gr, gi []float64) { monoMulGo(re, im, xr, xi, gr, gi) }

func scatterFull(out []float64, nc int, re, im []float64, rows int) {
	scatterFullGo(out, nc, re, im, rows)
}

func ditPair(re, im []float64, h int, war, wai, wbr, wbi []float64) {
	ditStageGo(re, im, h, war, wai)
	ditStageGo(re, im, 2*h, wbr, wbi)
}

func difPair(re, im []float64, h int, war, wai, wbr, wbi []float64) {
	difStageGo(re, im, 2*h, war, wai)
	difStageGo(re, im, h, wbr, wbi)
}

func gatherRows(re, im, x []float64, nc, rows int) { gatherRowsGo(re, im, x, nc, rows) }

func separate(re, im, pr, pi, qr, qi []float64, pairs, mirror []int32) {
	separateGo(re, im, pr, pi, qr, qi, pairs, mirror)
}

func mulDitPair(re, im, xr, xi, gr, gi, war, wai, wbr, wbi []float64) bool { return false }
