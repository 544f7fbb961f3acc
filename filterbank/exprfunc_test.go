package filterbank

import (
	"math"
	"strings"
	"testing"

	"github.com/gohears/hears/internal/refdata"
	"github.com/gohears/hears/sound"
)

func TestExprFunctionReference(t *testing.T) {
	c, in, want, _ := loadFIRCase(t, "function_filterbank_rectify_cuberoot")
	tol, err := c.SuggestedTolerance()
	if err != nil {
		t.Fatal(err)
	}
	for _, text := range []string{"clip(x, 0, inf)**(1.0/3.0)", "clip(x0, 0, inf)**(1/3)"} {
		fb, err := ExprFunction([]sound.Source{in}, text)
		if err != nil {
			t.Fatal(err)
		}
		got := readBlocks(t, fb, in.NumFrames(), 32)
		if _, err := refdata.Compare(got, want, tol); err != nil {
			t.Errorf("%s: %v", text, err)
		}
	}
}

func TestExprFunctionSeveralSources(t *testing.T) {
	x, _ := sound.New([]float64{1, 2, 3, 4}, 2, 1000)
	m, _ := sound.New([]float64{10, 20}, 1, 1000)
	fb, err := ExprFunction([]sound.Source{x, m}, "x0 - 0.5*x1 + 3*clip(x0, 0, inf)**(1/3)")
	if err != nil {
		t.Fatal(err)
	}
	got := readBlocks(t, fb, 2, 1)
	for i, v := range []float64{1, 2, 3, 4} {
		mv := []float64{10, 20}[i/2]
		want := v - 0.5*mv + 3*math.Cbrt(v)
		if math.Abs(got[i]-want) > 1e-12 {
			t.Errorf("element %d = %v, want %v", i, got[i], want)
		}
	}
	for text, frag := range map[string]string{
		"x0 +":      "",
		"x2 * 2":    "x2",
		"y":         "y",
		"rand()*x0": "rand",
		"x0*mV":     "unit",
	} {
		_, err := ExprFunction([]sound.Source{x, m}, text)
		if err == nil || !strings.Contains(err.Error(), frag) {
			t.Errorf("%q: error %v, want one mentioning %q", text, err, frag)
		}
	}
	st, _ := sound.New(make([]float64, 6), 3, 1000)
	if _, err := ExprFunction([]sound.Source{x, st}, "x0+x1"); err == nil {
		t.Error("channel mismatch accepted")
	}
}
