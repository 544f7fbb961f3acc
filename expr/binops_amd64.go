//go:build amd64 && !purego

package expr

// AVX2 loops for +, -, *, / (binops_amd64.s). The Go compiler does not
// vectorise, and these four operators are most of a compiled program's
// operations (the COBAHH update code: ~55% of its time before).

//go:noescape
func addVV(dst, a, b *float64, n int)

//go:noescape
func addVS(dst, a *float64, y float64, n int)

//go:noescape
func addSV(dst, a *float64, y float64, n int)

//go:noescape
func subVV(dst, a, b *float64, n int)

//go:noescape
func subVS(dst, a *float64, y float64, n int)

//go:noescape
func subSV(dst, a *float64, y float64, n int)

//go:noescape
func mulVV(dst, a, b *float64, n int)

//go:noescape
func mulVS(dst, a *float64, y float64, n int)

//go:noescape
func mulSV(dst, a *float64, y float64, n int)

//go:noescape
func divVV(dst, a, b *float64, n int)

//go:noescape
func divVS(dst, a *float64, y float64, n int)

//go:noescape
func divSV(dst, a *float64, y float64, n int)

// binVVFast runs the AVX2 loop over the leading multiple of 8 elements
// of an arithmetic operation and returns how many it did.
func binVVFast(op opcode, dst, a, b []float64) int {
	n := len(dst) &^ 7
	if !useAVX2 || n == 0 {
		return 0
	}
	switch op {
	case cAdd:
		addVV(&dst[0], &a[0], &b[0], n)
	case cSub:
		subVV(&dst[0], &a[0], &b[0], n)
	case cMul:
		mulVV(&dst[0], &a[0], &b[0], n)
	case cDiv:
		divVV(&dst[0], &a[0], &b[0], n)
	default:
		return 0
	}
	return n
}

// binVSFast runs the AVX2 loop over the leading multiple of 8 elements
// of an arithmetic operation and returns how many it did.
func binVSFast(op opcode, dst, a []float64, y float64) int {
	n := len(dst) &^ 7
	if !useAVX2 || n == 0 {
		return 0
	}
	switch op {
	case cAdd:
		addVS(&dst[0], &a[0], y, n)
	case cSub:
		subVS(&dst[0], &a[0], y, n)
	case cMul:
		mulVS(&dst[0], &a[0], y, n)
	case cDiv:
		divVS(&dst[0], &a[0], y, n)
	default:
		return 0
	}
	return n
}

// binSVFast runs the AVX2 loop over the leading multiple of 8 elements
// of an arithmetic operation and returns how many it did.
func binSVFast(op opcode, dst []float64, x float64, b []float64) int {
	n := len(dst) &^ 7
	if !useAVX2 || n == 0 {
		return 0
	}
	switch op {
	case cAdd:
		addSV(&dst[0], &b[0], x, n)
	case cSub:
		subSV(&dst[0], &b[0], x, n)
	case cMul:
		mulSV(&dst[0], &b[0], x, n)
	case cDiv:
		divSV(&dst[0], &b[0], x, n)
	default:
		return 0
	}
	return n
}
