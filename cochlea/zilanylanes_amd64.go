//go:build amd64 && !purego

package cochlea

import "golang.org/x/sys/cpu"

// zilanyLanesSIMD is true where the IHC stage's filters run four channels
// at a time on AVX2 with FMA (zilanylanes_amd64.s). Tests lower it to
// compare with ZilanyIHCKernel.frame.
var zilanyLanesSIMD = cpu.X86.HasAVX2 && cpu.X86.HasFMA

// zilanyLanesAVX2 runs frames f, f+1, … of the four lanes of l on input
// in (placed as l.inStride and l.mono say) into y (C1's 4 then C2's 4 values a frame) and
// returns the first frame it did not run: frames, or a frame that leaves
// the lanes' common path (see zilanylanes.go).
//
//go:noescape
func zilanyLanesAVX2(l *zLanes, in, y *float64, f, frames int) int

// zilanyLanes is zilanyLanesAVX2 with its slices' lengths checked: in
// must hold the frames' input as l.inStride and l.mono place it, y 8
// values a frame. Where they do not, it returns f (and frame computes).
func zilanyLanes(l *zLanes, in, y []float64, f, frames int) int {
	need := 4
	if l.mono != 0 {
		need = 1
	}
	if f >= frames || l.inStride <= 0 || l.inStride%8 != 0 || len(in) < (frames-1)*(l.inStride/8)+need || len(y) < 8*frames {
		return f
	}
	return zilanyLanesAVX2(l, &in[0], &y[0], f, frames)
}

// zilanyLowpassAVX2 is zilanyLowpassGo on AVX2 (the four lanes in one
// vector; zilanylowpass_amd64.s).
//
//go:noescape
func zilanyLowpassAVX2(st *[8][4]float64, x1, x2 *float64, frames int, c1, c2 float64)

// zilanyLowpass4 is zilanyLowpassGo, on AVX2 where the lanes run.
func zilanyLowpass4(st *[8][4]float64, x1, x2 []float64, frames int, c1, c2 float64) {
	if !zilanyLanesSIMD || frames <= 0 || len(x1) < 4*frames || len(x2) < 4*frames {
		zilanyLowpassGo(st, x1, x2, frames, c1, c2)
		return
	}
	zilanyLowpassAVX2(st, &x1[0], &x2[0], frames, c1, c2)
}
