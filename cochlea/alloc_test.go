package cochlea

import (
	"testing"

	"github.com/gohears/hears/filterbank"
)

// TestKernelsDoNotAllocate checks that the kernels' Process, including the
// per-sample coefficient updates of TanCarney and DCGC, allocates nothing.
func TestKernelsDoNotAllocate(t *testing.T) {
	cf, _ := filterbank.ERBSpace(200, 6000, 37)
	const frames = 300
	x := testNoise(frames*37, 50000, 0.05).Data()
	in := [][]float64{x}
	out := make([]float64, frames*37)
	dr, err := NewDRNLKernel(cf, 50000, DRNLHuman())
	if err != nil {
		t.Fatal(err)
	}
	tc, err := NewTanCarneyKernel(cf, 50000, 1, DefaultTanCarneyParams())
	if err != nil {
		t.Fatal(err)
	}
	dc, err := NewDCGCKernel(cf, 50000, 1, DefaultDCGCParams())
	if err != nil {
		t.Fatal(err)
	}
	zs, err := NewZhangSynapseKernel(cf, 50000, DefaultZhangParams())
	if err != nil {
		t.Fatal(err)
	}
	for name, k := range map[string]filterbank.Kernel{"DRNL": dr, "TanCarney": tc, "DCGC": dc, "ZhangSynapseRate": zs} {
		if n := testing.AllocsPerRun(5, func() {
			if err := k.Process(out, in, frames); err != nil {
				t.Fatal(err)
			}
		}); n != 0 {
			t.Errorf("%s: %v allocations per Process", name, n)
		}
	}
}
