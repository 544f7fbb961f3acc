package main

import (
	"math"
	"testing"
)

// TestDCGCExample checks that the example's output is finite and nonzero,
// and that a coarser update interval changes it, but not grossly (the level
// estimate then samples the control path only every 16 samples, 0.32 ms,
// against its 0.5 ms half-life).
func TestDCGCExample(t *testing.T) {
	y1, cf, err := run(1)
	if err != nil {
		t.Fatal(err)
	}
	y16, _, err := run(16)
	if err != nil {
		t.Fatal(err)
	}
	peak, diff := 0.0, 0.0
	for i, v := range y1 {
		if math.IsNaN(v) || math.IsInf(v, 0) {
			t.Fatalf("sample %d is %v", i, v)
		}
		peak = max(peak, math.Abs(v))
		diff = max(diff, math.Abs(v-y16[i]))
	}
	if len(y1) != 2500*len(cf) || peak == 0 {
		t.Fatalf("%d samples, peak %g", len(y1), peak)
	}
	if diff == 0 || diff > 0.25*peak {
		t.Errorf("update interval 16 changes the output by %g of a %g peak, want a small nonzero change", diff, peak)
	}
}
