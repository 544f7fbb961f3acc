//go:build !amd64 || purego

package cochlea

// zilanyLanesSIMD is false: without the AVX2 kernel, ZilanyIHCKernel runs
// one channel at a time.
var zilanyLanesSIMD = false

// zilanyLanes is never called where zilanyLanesSIMD is false; it returns
// f, handing every frame to ZilanyIHCKernel.frame.
func zilanyLanes(l *zLanes, in, y []float64, f, frames int) int { return f }

// zilanyLowpass4 is zilanyLowpassGo.
func zilanyLowpass4(st *[8][4]float64, x1, x2 []float64, frames int, c1, c2 float64) {
	zilanyLowpassGo(st, x1, x2, frames, c1, c2)
}
