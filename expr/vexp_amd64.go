//go:build amd64 && !purego

package expr

import "golang.org/x/sys/cpu"

// useAVX2 selects the AVX2 kernels of vexp_amd64.s (4 lanes, the same
// operations in the same order as the Go kernels, no FMA: bit-identical
// results, TestVecExpKernelsAgree). Tests turn it off to compare.
var useAVX2 = detectAVX2()

// detectAVX2 reports AVX2 with OS support for the YMM state
// (golang.org/x/sys/cpu).
func detectAVX2() bool { return cpu.X86.HasAVX2 }

// vexpConsts are the kernels' constants, 4 copies each (offsets in
// vexp_amd64.s).
type vexpConsts struct {
	invLn2N, shift, negHi, negLo, c2, c3, c4, c5 [4]float64
	absMask, bound, low, idxMask                 [4]uint64
	one                                          [4]float64
}

var vexpK = func() *vexpConsts {
	k := new(vexpConsts)
	for i := range 4 {
		k.invLn2N[i], k.shift[i], k.negHi[i], k.negLo[i] = vexpInvLn2N, vexpShift, vexpNegLn2Hi, vexpNegLn2Lo
		k.c2[i], k.c3[i], k.c4[i], k.c5[i] = vexpC2, vexpC3, vexpC4, vexpC5
		k.absMask[i], k.bound[i], k.low[i], k.idxMask[i] = 1<<63-1, vexpBound, vexprelLow, vexpN-1
		k.one[i] = 1
	}
	return k
}()

// The AVX2 kernels process n elements (a multiple of 4) and return non-zero
// if a lane needs the scalar path.
//
//go:noescape
func expAVX2(dst, x, tail *float64, tab *uint64, k *vexpConsts, n int) uint64

//go:noescape
func expm1AVX2(dst, x, tail *float64, tab *uint64, k *vexpConsts, n int) uint64

//go:noescape
func exprelAVX2(dst, x, tail *float64, tab *uint64, k *vexpConsts, n int) uint64

func expKernel(dst, x []float64) uint64 {
	n := len(dst) &^ 3
	if !useAVX2 || n == 0 {
		return expKernelGo(dst, x)
	}
	x = x[:len(dst)]
	bad := expAVX2(&dst[0], &x[0], &vexpTail[0], &vexpTab[0], vexpK, n)
	return bad | expKernelGo(dst[n:], x[n:])
}

func expm1Kernel(dst, x []float64) uint64 {
	n := len(dst) &^ 3
	if !useAVX2 || n == 0 {
		return expm1KernelGo(dst, x)
	}
	x = x[:len(dst)]
	bad := expm1AVX2(&dst[0], &x[0], &vexpTail[0], &vexpTab[0], vexpK, n)
	return bad | expm1KernelGo(dst[n:], x[n:])
}

func exprelKernel(dst, x []float64) uint64 {
	n := len(dst) &^ 3
	if !useAVX2 || n == 0 {
		return exprelKernelGo(dst, x)
	}
	x = x[:len(dst)]
	bad := exprelAVX2(&dst[0], &x[0], &vexpTail[0], &vexpTab[0], vexpK, n)
	return bad | exprelKernelGo(dst[n:], x[n:])
}

// vecExpPath names the kernel the vector exp uses: "avx2" or "go".
func vecExpPath() string {
	if useAVX2 {
		return "avx2"
	}
	return "go"
}

// setVecExpPath selects a kernel by name ("avx2", "go") for tests and
// reports whether the CPU has it; it returns the function that restores the
// detected choice.
//
// There is no AVX-512 kernel: an 8-lane version measured only 8-11% faster
// (the table gathers bound both) and needs K1-K7 (and, with all constants
// in registers, Z16-Z31), which Go 1.26's compiler does not list as
// clobbered by calls (its callerSave set is the general registers and
// X0-X14). A version that left Z16-Z21 dirty made the Brian2 STDP reference
// test fail although its results matched the Go kernel bit for bit; zeroing
// them, or using Z0-Z15 only, fixed it. The cause was not found, so the
// kernel was dropped (the attempt is described in docs/bench/expr.md).
func setVecExpPath(name string) (ok bool, restore func()) {
	a2 := useAVX2
	restore = func() { useAVX2 = a2 }
	switch name {
	case "avx2":
		return a2, restore
	case "go":
		useAVX2 = false
		return true, restore
	}
	return false, restore
}
