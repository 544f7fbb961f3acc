//go:build amd64 && !purego

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

//go:noescape
func scatterAVX(out *float64, rowBytes int, re, im *float64, rows int)

// scatterFull writes rows frames of a full batch (firBatch channels) from
// lane arrays to out, row after row nc channels apart.
func scatterFull(out []float64, nc int, re, im []float64, rows int) {
	if simdLevel >= simdAVX2 && rows > 0 {
		_ = out[(rows-1)*nc+firBatch-1]
		_, _ = re[rows*fftLanes-1], im[rows*fftLanes-1]
		scatterAVX(&out[0], 8*nc, &re[0], &im[0], rows)
		return
	}
	scatterFullGo(out, nc, re, im, rows)
}

//go:noescape
func ditPairAVX(re, im *float64, nbytes, h int, war, wai, wbr, wbi *float64)

//go:noescape
func difPairAVX(re, im *float64, nbytes, h int, war, wai, wbr, wbi *float64)

// ditPair runs the DIT stages of half-span h (twiddles wa) and 2h (wb).
func ditPair(re, im []float64, h int, war, wai, wbr, wbi []float64) {
	if simdLevel >= simdAVX2 {
		_, _, _, _ = war[h-1], wai[h-1], wbr[2*h-1], wbi[2*h-1]
		ditPairAVX(&re[0], &im[0], 8*len(re), h, &war[0], &wai[0], &wbr[0], &wbi[0])
		return
	}
	ditStageGo(re, im, h, war, wai)
	ditStageGo(re, im, 2*h, wbr, wbi)
}

// difPair runs the DIF stages of half-span 2h (twiddles wa) and h (wb).
func difPair(re, im []float64, h int, war, wai, wbr, wbi []float64) {
	if simdLevel >= simdAVX2 {
		_, _, _, _ = war[2*h-1], wai[2*h-1], wbr[h-1], wbi[h-1]
		difPairAVX(&re[0], &im[0], 8*len(re), h, &war[0], &wai[0], &wbr[0], &wbi[0])
		return
	}
	difStageGo(re, im, 2*h, war, wai)
	difStageGo(re, im, h, wbr, wbi)
}

//go:noescape
func gatherRowsAVX(re, im, x *float64, rowBytes, rows int)

//go:noescape
func separateAVX(re, im, pr, pi, qr, qi *float64, pairs, mirror *int32, npairs int)

// gatherRows reads rows frames of a full batch (firBatch channels, nc
// apart in x) into lane arrays.
func gatherRows(re, im, x []float64, nc, rows int) {
	if simdLevel >= simdAVX2 && rows > 0 {
		_ = x[(rows-1)*nc+firBatch-1]
		_, _ = re[rows*fftLanes-1], im[rows*fftLanes-1]
		gatherRowsAVX(&re[0], &im[0], &x[0], 8*nc, rows)
		return
	}
	gatherRowsGo(re, im, x, nc, rows)
}

// separate applies the two responses of each lane to its two packed
// channels (see separateGo).
func separate(re, im, pr, pi, qr, qi []float64, pairs, mirror []int32) {
	if simdLevel >= simdAVX2 && len(pairs) > 0 {
		n := len(mirror) * fftLanes
		_, _, _, _, _, _ = re[n-1], im[n-1], pr[n-1], pi[n-1], qr[n-1], qi[n-1]
		separateAVX(&re[0], &im[0], &pr[0], &pi[0], &qr[0], &qi[0], &pairs[0], &mirror[0], len(pairs))
		return
	}
	separateGo(re, im, pr, pi, qr, qi, pairs, mirror)
}

//go:noescape
func ditPairMulAVX(re, im *float64, nbytes int, xr, xi, gr, gi, war, wai, wbr, wbi *float64)

// mulDitPair runs the first inverse sweep (stages 1 and 2) on the product
// x·g formed on the fly, reporting false when there is no assembly for it
// (the caller then runs monoMul and the plain sweeps: the same values).
func mulDitPair(re, im, xr, xi, gr, gi, war, wai, wbr, wbi []float64) bool {
	n := len(xr)
	if simdLevel < simdAVX2 || n < 4 || n%4 != 0 {
		return false
	}
	_, _, _, _, _ = re[n*fftLanes-1], im[n*fftLanes-1], gr[n*fftLanes-1], gi[n*fftLanes-1], xi[n-1]
	_, _, _, _ = war[0], wai[0], wbr[1], wbi[1]
	ditPairMulAVX(&re[0], &im[0], 8*n*fftLanes, &xr[0], &xi[0], &gr[0], &gi[0], &war[0], &wai[0], &wbr[0], &wbi[0])
	return true
}
