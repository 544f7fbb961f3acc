//go:build !amd64 || purego

package vecmath

// useSIMD is false where there is no assembly: the Go twins run.
var useSIMD = false

// expN and logN run the Go twins (n a multiple of 4).
func expN(dst, src []float64) { expGo(dst, src) }
func logN(dst, src []float64) { logGo(dst, src) }
