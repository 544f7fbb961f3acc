package filterbank

import (
	"strings"
	"testing"

	"github.com/gohears/hears/internal/refdata"
	"github.com/gohears/hears/sound"
)

// caseSources splits a reference case's input into its column groups
// (X, Y, Z or X, Z, W) as separate Sounds.
func caseSources(t *testing.T, c *refdata.Case, in *sound.Sound) map[string]*sound.Sound {
	t.Helper()
	g, err := c.Get("input", "column_groups")
	if err != nil {
		t.Fatal(err)
	}
	out := map[string]*sound.Sound{}
	for name := range g.(map[string]any) {
		cols, err := c.Floats("input", "column_groups", name)
		if err != nil {
			t.Fatal(err)
		}
		chans := make([][]float64, len(cols))
		for i, col := range cols {
			chans[i] = in.ChannelData(int(col))
		}
		s, err := sound.FromChannels(chans, in.SampleRate())
		if err != nil {
			t.Fatal(err)
		}
		out[name] = s
	}
	return out
}

func TestRestructureReference(t *testing.T) {
	cases := map[string]func(s map[string]*sound.Sound) (*Bank, error){
		"restructure_repeat": func(s map[string]*sound.Sound) (*Bank, error) { return Repeat(s["X"], 3) },
		"restructure_tile":   func(s map[string]*sound.Sound) (*Bank, error) { return Tile(s["X"], 2) },
		"restructure_join":   func(s map[string]*sound.Sound) (*Bank, error) { return Join(s["X"], s["Y"]) },
		"restructure_interleave": func(s map[string]*sound.Sound) (*Bank, error) {
			return Interleave(s["X"], s["Z"])
		},
		"restructure_indexmapping": func(s map[string]*sound.Sound) (*Bank, error) {
			return Restructure([]sound.Source{s["X"]}, 1, JoinSerial, 1, []int{2, 0, 0, 1})
		},
		"sum_filterbank_weights": func(s map[string]*sound.Sound) (*Bank, error) {
			return Sum([]sound.Source{s["X"], s["Z"]}, []float64{1, -1})
		},
	}
	for name, mk := range cases {
		c, in, want, _ := loadFIRCase(t, name)
		tol, err := c.SuggestedTolerance()
		if err != nil {
			t.Fatal(err)
		}
		fb, err := mk(caseSources(t, c, in))
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		for _, block := range []int{32, 5, 1000} {
			got := readBlocks(t, fb, in.NumFrames(), block)
			if _, err := refdata.Compare(got, want, tol); err != nil {
				t.Errorf("%s block %d: %v", name, block, err)
			}
		}
		if strings.HasPrefix(name, "restructure") {
			// exact copies: bit for bit, and the documented column map
			got := readBlocks(t, fb, in.NumFrames(), 7)
			for i := range got {
				if got[i] != want[i] {
					t.Fatalf("%s: element %d = %v, want %v exactly", name, i, got[i], want[i])
				}
			}
			cols, err := c.Floats("values", "output_column_from_input_column", "value")
			if err != nil {
				t.Fatal(err)
			}
			if fb.NumChannels() != len(cols) {
				t.Errorf("%s: %d channels, want %d", name, fb.NumChannels(), len(cols))
			}
		}
	}
}

func TestRestructureCombined(t *testing.T) {
	// AB and CD, numrepeat 2, serial, numtile 3 -> AABBCCDD ×3 (brian2hears doc)
	got, err := RestructureMapping([]int{2, 2}, 2, JoinSerial, 3)
	if err != nil {
		t.Fatal(err)
	}
	want := []int{0, 0, 1, 1, 2, 2, 3, 3}
	for i, g := range got {
		if g != want[i%8] || len(got) != 24 {
			t.Fatalf("mapping %v", got)
		}
	}
	got, _ = RestructureMapping([]int{2, 2}, 1, JoinInterleave, 1)
	if len(got) != 4 || got[0] != 0 || got[1] != 2 || got[2] != 1 || got[3] != 3 {
		t.Errorf("interleave mapping %v, want ACBD = [0 2 1 3]", got)
	}
}

func TestRestructureErrors(t *testing.T) {
	a, _ := sound.New(make([]float64, 6), 3, 1000)
	b, _ := sound.New(make([]float64, 4), 2, 1000)
	c, _ := sound.New(make([]float64, 4), 2, 2000)
	for name, f := range map[string]func() (*Bank, error){
		"interleave unequal": func() (*Bank, error) { return Interleave(a, b) },
		"repeat 0":           func() (*Bank, error) { return Repeat(a, 0) },
		"tile -1":            func() (*Bank, error) { return Tile(a, -1) },
		"no sources":         func() (*Bank, error) { return Join() },
		"bad index":          func() (*Bank, error) { return Restructure([]sound.Source{a}, 1, JoinSerial, 1, []int{3}) },
		"bad type":           func() (*Bank, error) { return Restructure([]sound.Source{a}, 1, JoinType(7), 1, nil) },
		"rates":              func() (*Bank, error) { return Join(b, c) },
		"nil":                func() (*Bank, error) { return Join(a, nil) },
	} {
		if _, err := f(); err == nil {
			t.Errorf("%s: no error", name)
		}
	}
}

func TestSumAndArithmetic(t *testing.T) {
	x, _ := sound.New([]float64{1, 2, 3, 4, 5, 6}, 2, 1000) // 3 frames × 2
	y, _ := sound.New([]float64{10, 20, 30, 40, 50, 60}, 2, 1000)
	m, _ := sound.New([]float64{2, 4, 8}, 1, 1000) // mono
	check := func(name string, b *Bank, err error, want []float64) {
		t.Helper()
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		got := readBlocks(t, b, 3, 2)
		for i := range want {
			if got[i] != want[i] {
				t.Fatalf("%s = %v, want %v", name, got, want)
			}
		}
	}
	b, err := Sum([]sound.Source{x, y, m}, []float64{1, 0.5, -1})
	check("sum", b, err, []float64{1 + 5 - 2, 2 + 10 - 2, 3 + 15 - 4, 4 + 20 - 4, 5 + 25 - 8, 6 + 30 - 8})
	b, err = Sum([]sound.Source{x, y}, nil)
	check("sum ones", b, err, []float64{11, 22, 33, 44, 55, 66})
	b, err = Add(x, y)
	check("add", b, err, []float64{11, 22, 33, 44, 55, 66})
	b, err = Sub(x, m)
	check("sub mono", b, err, []float64{-1, 0, -1, 0, -3, -2})
	b, err = Mul(m, y)
	check("mul mono", b, err, []float64{20, 40, 120, 160, 400, 480})
	b, err = Div(y, x)
	check("div", b, err, []float64{10, 10, 10, 10, 10, 10})
	b, err = Scale(x, 3)
	check("scale", b, err, []float64{3, 6, 9, 12, 15, 18})
	b, err = Offset(x, -1)
	check("offset", b, err, []float64{0, 1, 2, 3, 4, 5})
	b, err = DivScalar(x, 2)
	check("divscalar", b, err, []float64{0.5, 1, 1.5, 2, 2.5, 3})
	b, err = ScalarSub(10, x)
	check("scalarsub", b, err, []float64{9, 8, 7, 6, 5, 4})
	b, err = ScalarDiv(12, x)
	check("scalardiv", b, err, []float64{12, 6, 4, 3, 12.0 / 5, 2})

	z, _ := sound.New(make([]float64, 9), 3, 1000)
	if _, err := Add(x, z); err == nil || !strings.Contains(err.Error(), "channels") {
		t.Errorf("channel mismatch: %v", err)
	}
	if _, err := Sum([]sound.Source{x, z}, nil); err == nil {
		t.Error("Sum channel mismatch accepted")
	}
	if _, err := Sum([]sound.Source{x, y}, []float64{1}); err == nil {
		t.Error("Sum weight count mismatch accepted")
	}
	if _, err := Scale(x, nanValue()); err == nil {
		t.Error("NaN scalar accepted")
	}
}

func nanValue() float64 { var z float64; return z / z }

func TestIdentity(t *testing.T) {
	x, _ := sound.New([]float64{1, 2, 3, 4, 5, 6}, 2, 1000)
	b, err := Identity(x)
	if err != nil {
		t.Fatal(err)
	}
	got := readBlocks(t, b, 3, 2)
	for i, v := range x.Data() {
		if got[i] != v {
			t.Fatalf("identity %v", got)
		}
	}
	if _, err := Identity(nil); err == nil {
		t.Error("nil accepted")
	}
}

func TestCombinedSurvivesSetSource(t *testing.T) {
	x, _ := sound.New([]float64{1, 2, 3, 4}, 1, 1000)
	y, _ := sound.New([]float64{10, 20, 30, 40}, 1, 1000)
	builds := 0
	cb, err := Combined(x, func(in sound.Source) (sound.Source, error) {
		builds++
		g, err := FIR(in, [][]float64{{1, 1}})
		if err != nil {
			return nil, err
		}
		return Scale(g, 2)
	})
	if err != nil {
		t.Fatal(err)
	}
	check := func(want []float64) {
		t.Helper()
		got := readBlocks(t, cb, len(want)/cb.NumChannels(), 3)
		for i := range want {
			if got[i] != want[i] {
				t.Fatalf("combined output %v, want %v", got, want)
			}
		}
	}
	check([]float64{2, 6, 10, 14})
	if err := cb.SetSource(0, y); err != nil {
		t.Fatal(err)
	}
	check([]float64{20, 60, 100, 140})
	if builds != 1 {
		t.Errorf("re-pointing rebuilt the chain (%d builds)", builds)
	}
	// a stereo source: rebuilt
	st, _ := sound.New([]float64{1, 100, 2, 200}, 2, 1000)
	if err := cb.SetSource(0, st); err != nil {
		t.Fatal(err)
	}
	if builds != 2 || cb.NumChannels() != 2 || cb.Source() != sound.Source(st) {
		t.Errorf("after stereo SetSource: builds %d, channels %d", builds, cb.NumChannels())
	}
	check([]float64{2, 200, 6, 600})
	if err := cb.SetSource(1, st); err == nil {
		t.Error("SetSource(1) accepted")
	}
	if _, err := Combined(x, func(sound.Source) (sound.Source, error) { return nil, nil }); err == nil {
		t.Error("nil inner chain accepted")
	}
	if _, err := Combined(x, func(sound.Source) (sound.Source, error) { var b *Bank; return b, nil }); err == nil {
		t.Error("typed nil inner chain accepted")
	}
	if _, err := Combined(x, nil); err == nil {
		t.Error("nil build accepted")
	}
}
