//go:build !amd64 || purego

package expr

func expKernel(dst, x []float64) uint64    { return expKernelGo(dst, x) }
func expm1Kernel(dst, x []float64) uint64  { return expm1KernelGo(dst, x) }
func exprelKernel(dst, x []float64) uint64 { return exprelKernelGo(dst, x) }

// vecExpPath names the kernel the vector exp uses ("go" here).
func vecExpPath() string { return "go" }
