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

// rectCbrtAVX2 is rectCbrtAVX512 on AVX2, 16 samples (four registers) per
// step: it writes multiples of 16, and stops before a group of 16 holding
// a special value, or when fewer than 16 samples remain. Implemented in
// function_amd64.s.
//
//go:noescape
func rectCbrtAVX2(out, in *float64, n int) int

// rectifyCubeRootBlock sets out[i] = RectifyCubeRoot(in[i]).
func rectifyCubeRootBlock(out, in []float64) {
	n := len(in)
	out = out[:n]
	i := 0
	vector := rectCbrtAVX2
	if simdLevel == simdAVX512 && haveAVX512DQ {
		vector = rectCbrtAVX512
	}
	if simdLevel != simdNone {
		for n-i >= 16 {
			i += vector(&out[i], &in[i], n-i)
			if n-i >= 16 { // a group with a special value: 8 samples in Go
				for j := i; j < i+8; j++ {
					out[j] = RectifyCubeRoot(in[j])
				}
				i += 8
			}
		}
		if i < n {
			// The last few samples (rows of a channel range are short: a
			// 36-channel tile would leave 4 of them in scalar Go, a tenth of
			// its time) go through the vector path zero-padded to 16.
			var buf [2][16]float64
			copy(buf[0][:], in[i:])
			if vector(&buf[1][0], &buf[0][0], 16) == 16 {
				copy(out[i:], buf[1][:n-i])
				i = n
			}
		}
	}
	for ; i < n; i++ {
		out[i] = RectifyCubeRoot(in[i])
	}
}
