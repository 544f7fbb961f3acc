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

// FuzzExprFunction checks that any text either is rejected with an error or
// gives a bank that runs, never a panic.
func FuzzExprFunction(f *testing.F) {
	for _, s := range []string{"3*clip(x, 0, inf)**(1/3)", "x0 - 0.5*x1", "exp(-x**2)", "x +", "abs(x0)*sign(x1)", "1/x"} {
		f.Add(s)
	}
	x, _ := sound.New([]float64{-1, 0.5, 2, 3}, 2, 1000)
	y, _ := sound.New([]float64{4, -5}, 1, 1000)
	f.Fuzz(func(t *testing.T, text string) {
		for _, srcs := range [][]sound.Source{{x}, {x, y}} {
			fb, err := ExprFunction(srcs, text)
			if err != nil {
				continue
			}
			if _, err := fb.Fetch(0, 2); err != nil {
				t.Logf("%q: %v", text, err)
			}
		}
	})
}
