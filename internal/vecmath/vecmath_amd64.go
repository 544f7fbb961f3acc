//go:build amd64 && !purego

package vecmath

import "golang.org/x/sys/cpu"

// useSIMD is true where the passes run on AVX2 with FMA (the CPU and the OS
// support them). Tests lower it to compare with the Go twins.
var useSIMD = cpu.X86.HasAVX2 && cpu.X86.HasFMA

// expAVX2 is expGo on 4 values per vector over n values (a multiple of 4).
//
//go:noescape
func expAVX2(dst, src *float64, n int)

// logAVX2 is logGo on 4 values per vector over n values (a multiple of 4).
//
//go:noescape
func logAVX2(dst, src *float64, n int)

// expN is expGo over len(src), a multiple of 4, on AVX2 where it can.
func expN(dst, src []float64) {
	if useSIMD && len(src) > 0 {
		expAVX2(&dst[0], &src[0], len(src))
		return
	}
	expGo(dst, src)
}

// logN is logGo over len(src), a multiple of 4, on AVX2 where it can.
func logN(dst, src []float64) {
	if useSIMD && len(src) > 0 {
		logAVX2(&dst[0], &src[0], len(src))
		return
	}
	logGo(dst, src)
}
