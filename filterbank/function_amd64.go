//go:build amd64 && !purego

package filterbank

// rectCbrtAVX512 writes RectifyCubeRoot of in[0:n] to out, 8 samples at a
// time, as long as every sample of a group of 8 is zero, negative, or a
// normal number in [2^-900, 2^900]; it stops before the first group with
// another value (NaN, +Inf, tiny or huge) and returns how many samples it
// wrote (a multiple of 8). Implemented in function_amd64.s.
//
//go:noescape
func rectCbrtAVX512(out, in *float64, n int) int

// rectCbrtAVX2 is rectCbrtAVX512 on AVX2, 24 samples (six registers) per
// step, which also takes the tiny positive samples (below 2^-900,
// subnormals included, scaled by 2^300 as RectifyCubeRoot does): it writes
// multiples of 24, and stops before a group of 24 holding NaN, +Inf or a
// sample above 2^900, or when fewer than 24 samples remain.
//
//go:noescape
func rectCbrtAVX2(out, in *float64, n int) int

// rectifyCubeRootBlock sets out[i] = RectifyCubeRoot(in[i]).
func rectifyCubeRootBlock(out, in []float64) {
	n := len(in)
	out = out[:n]
	i := 0
	vector, step := rectCbrtAVX2, 24
	if simdLevel == simdAVX512 && haveAVX512DQ {
		vector, step = rectCbrtAVX512, 8
	}
	if simdLevel != simdNone {
		for n-i >= step {
			i += vector(&out[i], &in[i], n-i)
			if n-i >= step { // a group with a special value: 8 samples in Go
				for j := i; j < i+8; j++ {
					out[j] = RectifyCubeRoot(in[j])
				}
				i += 8
			}
		}
		if i < n {
			// The last few samples (rows of a channel range are short: a
			// 36-channel tile would leave 12 of them in scalar Go, a third
			// of its time) go through the vector path zero-padded to a step.
			var buf [2][24]float64
			copy(buf[0][:], in[i:])
			if vector(&buf[1][0], &buf[0][0], step) == step {
				copy(out[i:], buf[1][:n-i])
				i = n
			}
		}
	}
	for ; i < n; i++ {
		out[i] = RectifyCubeRoot(in[i])
	}
}
