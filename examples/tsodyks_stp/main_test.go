package main

import (
	"encoding/json"
	"math"
	"os"
	"path/filepath"
	"testing"
)

// TestAgainstBrian2 compares the amounts released and the membrane traces
// with Brian2 running the same synapses (testdata/brian2_stp.py).
func TestAgainstBrian2(t *testing.T) {
	b, err := os.ReadFile("testdata/brian2_stp.json")
	if err != nil {
		t.Fatal(err)
	}
	var ref struct {
		Times    []float64
		Released [2][]float64
		V        [2][]float64
	}
	if err := json.Unmarshal(b, &ref); err != nil {
		t.Fatal(err)
	}
	r, err := run()
	if err != nil {
		t.Fatal(err)
	}
	worst := 0.0
	for k := range 2 {
		for s, want := range ref.Released[k] {
			if got := r.released[k][s]; math.Abs(got-want) > 1e-12*want {
				t.Errorf("synapse %d spike %d released %.15g, Brian2 %.15g", k, s, got, want)
			}
		}
		if len(r.v[k]) != len(ref.V[k]) {
			t.Fatalf("%d samples, Brian2 %d", len(r.v[k]), len(ref.V[k]))
		}
		for s, want := range ref.V[k] {
			worst = math.Max(worst, math.Abs(r.v[k][s]-want))
		}
	}
	// PSPs of ~1–5 mV; Brian2 integrates with sympy's closed form, gohears
	// with a matrix exponential per step.
	t.Logf("largest difference of the membrane traces: %.3g V", worst)
	if worst > 1e-9 {
		t.Errorf("membrane traces differ from Brian2's by up to %.3g V", worst)
	}
	// Depression: the eighth spike releases less than an eighth of the
	// first; facilitation: the eighth releases more than four times the first.
	if d, f := r.released[0], r.released[1]; d[7] > d[0]/8 || f[7] < 4*f[0] {
		t.Errorf("released %v and %v", d, f)
	}
	if err := draw(r, filepath.Join(t.TempDir(), "stp.png")); err != nil {
		t.Fatal(err)
	}
}
