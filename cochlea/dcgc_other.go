//go:build !amd64 || purego

package cochlea

func dcgcAsymAVX2(l *dcgcAsymLanes, base int, co *[dcgcCascades][5][8]float64) {
	panic("cochlea: no AVX2")
}

func dcgcPathsAVX2(lanes *dcgcLanes, x, xc, y, v2 *[8]float64) { panic("cochlea: no AVX2") }

func dcgcLevelAVX2(lanes *dcgcLanes, k *dcgcLevelK, v1, v2, lv *[8]float64) {
	panic("cochlea: no AVX2")
}

func dcgcPrepAVX2(lanes *dcgcLanes, k *dcgcPrepK, lv *[8]float64, l *dcgcAsymLanes, base int) {
	panic("cochlea: no AVX2")
}
