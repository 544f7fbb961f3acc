package brianref

import (
	"math"
	"os"
	"path/filepath"
	"testing"
)

func TestAgreeAndLoad(t *testing.T) {
	if m, s := MeanSD([]float64{1, 2, 3}); m != 2 || math.Abs(s-1) > 1e-15 {
		t.Errorf("MeanSD = %g, %g", m, s)
	}
	if ok, _ := Agree([]float64{5.5, 5.6}, []float64{5.55, 5.7}, 3, 0.1); !ok {
		t.Error("close samples disagree")
	}
	if ok, _ := Agree([]float64{5.5, 5.6}, []float64{7.5, 7.7}, 3, 0.1); ok {
		t.Error("distant samples agree")
	}
	p := filepath.Join(t.TempDir(), "r.json")
	_ = os.WriteFile(p, []byte(`{"brian2": "x", "runs": [{"seed": 1, "rate": 5.6, "mean_cv": 0.5, "wall_s": 3}]}`), 0o644)
	r, err := Load(p)
	if err != nil || r.Runs[0].Rate != 5.6 || r.Field(func(x Run) float64 { return x.MeanCV })[0] != 0.5 {
		t.Errorf("Load = %+v, %v", r, err)
	}
	_ = os.WriteFile(p, []byte(`{"runs": []}`), 0o644)
	if _, err := Load(p); err == nil {
		t.Error("no runs gave no error")
	}
}
