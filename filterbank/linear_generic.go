//go:build !amd64 || purego

package filterbank

// simdLevel is always simdNone here (a variable so that tests may set it).
var simdLevel = simdNone

// simdCascade reports false: this architecture has no assembly path, and
// the pure-Go path computes every channel.
func (k *LinearKernel) simdCascade(out, x []float64, mono bool, frames, lo, hi int) bool {
	return false
}

// SIMDPath names the vectorised path in use for biquad cascades ("" when
// none: every channel runs in pure Go).
func SIMDPath() string { return "" }

// plainAVX2 has no effect here (no assembly path); tests set it.
var plainAVX2 = false

// exactB2 has no effect here (no assembly path); tests set it.
var exactB2 = false
