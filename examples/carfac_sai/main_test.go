package main

import (
	"math"
	"testing"
)

// TestCARFACSAIExample checks the example's numbers: a finite NAP of 71
// channels, and an SAI profile whose strongest peak past the zero-lag one
// is at the F0 period (110.25 samples at 200 Hz) or its double.
func TestCARFACSAIExample(t *testing.T) {
	r, err := run(200)
	if err != nil {
		t.Fatal(err)
	}
	if len(r.cf) != 71 || len(r.nap) != 3*882*71 {
		t.Fatalf("%d channels, %d NAP values", len(r.cf), len(r.nap))
	}
	for i, v := range r.nap {
		if math.IsNaN(v) || math.IsInf(v, 0) {
			t.Fatalf("NAP value %d is %v", i, v)
		}
	}
	zero := r.params.SAIWidth - r.params.FutureLags - 1
	best, at := math.Inf(-1), 0
	for j := zero + 20; j < r.params.SAIWidth; j++ {
		if r.profile[j] > best {
			best, at = r.profile[j], j-zero
		}
	}
	if p := 22050.0 / 200; math.Abs(float64(at)-p) > 1 && math.Abs(float64(at)-2*p) > 1 {
		t.Errorf("profile peak at lag %d samples, period %.2f", at, p)
	}
}
