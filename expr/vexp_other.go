//go:build !amd64 || purego

package expr

func expKernel(dst, x []float64) uint64    { return expKernelGo(dst, x) }
func expm1Kernel(dst, x []float64) uint64  { return expm1KernelGo(dst, x) }
func exprelKernel(dst, x []float64) uint64 { return exprelKernelGo(dst, x) }

// vecExpPath names the kernel the vector exp uses ("go" here).
func vecExpPath() string { return "go" }

func binVVFast(op opcode, dst, a, b []float64) int                   { return 0 }
func binVSFast(op opcode, dst, a []float64, y float64) int           { return 0 }
func binSVFast(op opcode, dst []float64, x float64, b []float64) int { return 0 }

// setVecExpPath selects a kernel by name for tests: only "go" here.
func setVecExpPath(name string) (ok bool, restore func()) {
	return name == "go", func() {}
}
