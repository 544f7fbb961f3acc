package cputime

import (
	"runtime"
	"testing"
)

// TestProcessAdvances burns CPU and checks that the process's CPU time grows
// by a plausible amount (it cannot shrink, and a busy loop of ~tens of ms
// must register).
func TestProcessAdvances(t *testing.T) {
	t0, ok := Process()
	if !ok {
		if runtime.GOOS == "linux" || runtime.GOOS == "darwin" || runtime.GOOS == "windows" {
			t.Fatalf("Process() not available on %s", runtime.GOOS)
		}
		t.Skipf("no process CPU time on %s", runtime.GOOS)
	}
	x := 1.0
	for i := 0; i < 50_000_000; i++ {
		x = x*1.0000001 + 1e-9
	}
	if x == 0 {
		t.Fatal("unreachable")
	}
	if d := Since(t0); d <= 0 {
		t.Fatalf("CPU time did not advance over a busy loop: %v", d)
	}
}
