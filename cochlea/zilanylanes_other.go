//go:build !amd64 || purego

package cochlea

// zilanyLanesSIMD is false: without the AVX2 kernel, ZilanyIHCKernel runs
// one channel at a time.
var zilanyLanesSIMD = false

// zilanyLanes is never called where zilanyLanesSIMD is false; it returns
// f, handing every frame to ZilanyIHCKernel.frame.
func zilanyLanes(l *zLanes, in, y []float64, f, frames int) int { return f }
