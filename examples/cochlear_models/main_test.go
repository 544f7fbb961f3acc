package main

import (
	"math"
	"os"
	"path/filepath"
	"testing"
)

// TestCochlearModels runs the three models and draws the comparison.
func TestCochlearModels(t *testing.T) {
	outs, cf, err := run()
	if err != nil {
		t.Fatal(err)
	}
	if len(outs) != 3 {
		t.Fatalf("%d outputs", len(outs))
	}
	for i, y := range outs {
		if len(y) != 2500*len(cf) {
			t.Fatalf("%s: %d samples", models[i].name, len(y))
		}
		peak := 0.0
		for _, v := range y {
			if math.IsNaN(v) || math.IsInf(v, 0) {
				t.Fatalf("%s: non-finite output", models[i].name)
			}
			peak = max(peak, math.Abs(v))
		}
		if peak == 0 {
			t.Errorf("%s: silent", models[i].name)
		}
	}
	path := filepath.Join(t.TempDir(), "models.png")
	if err := drawPanels(path, outs, cf); err != nil {
		t.Fatal(err)
	}
	if st, err := os.Stat(path); err != nil || st.Size() == 0 {
		t.Fatalf("PNG not written: %v", err)
	}
}
