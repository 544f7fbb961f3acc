package figs

import (
	"flag"
	"image"
	"image/color"
	"image/png"
	"math"
	"os"
	"path/filepath"
	"testing"
)

func TestGrid(t *testing.T) {
	a := image.NewRGBA(image.Rect(0, 0, 30, 10))
	b := image.NewRGBA(image.Rect(0, 0, 20, 40))
	c := image.NewRGBA(image.Rect(0, 0, 10, 10))
	g, err := Grid(2, a, b, c)
	if err != nil {
		t.Fatal(err)
	}
	if got := g.Bounds(); got.Dx() != 50 || got.Dy() != 50 {
		t.Errorf("grid %v, want 50×50 (columns 30+20, rows 40+10)", got)
	}
	if _, err := Grid(0, a); err == nil {
		t.Error("zero columns accepted")
	}
}

func TestSavePNG(t *testing.T) {
	p, err := Line(LineOptions{Title: "t", LogX: true}, Series{Label: "a", X: []float64{1, 10, 100}, Y: []float64{0, 1, 0}})
	if err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(t.TempDir(), "x.png")
	if err := SavePNG(path, Render(p, 300, 200)); err != nil {
		t.Fatal(err)
	}
	img := readPNG(t, path)
	if img.Bounds().Dx() != 300 || img.Bounds().Dy() != 200 {
		t.Errorf("size %v", img.Bounds())
	}
	// Random pixels, which no quantization brings under MaxBytes, end at the
	// coarsest buckets: 2 bits per channel, at most 64 colours.
	n := image.NewRGBA(image.Rect(0, 0, 900, 700))
	s := uint32(1)
	for i := range n.Pix {
		s = s*1664525 + 1013904223
		n.Pix[i] = uint8(s >> 24)
	}
	if err := SavePNG(path, n); err != nil {
		t.Fatal(err)
	}
	noisy := readPNG(t, path)
	if pal, ok := noisy.ColorModel().(color.Palette); !ok || len(pal) > 64 {
		t.Errorf("random picture saved with colour model %T (%d colours), want a palette of at most 64", noisy.ColorModel(), len(pal))
	}
	if _, err := Line(LineOptions{}, Series{X: []float64{1}, Y: []float64{math.NaN()}}); err == nil {
		t.Error("NaN accepted")
	}
	if _, err := Line(LineOptions{}, Series{X: []float64{1, 2}, Y: []float64{1}}); err == nil {
		t.Error("ragged series accepted")
	}
}

func TestTicks(t *testing.T) {
	ticks := niceTicks{}.Ticks(0, 30)
	var labels []string
	for _, tk := range ticks {
		if tk.Label != "" {
			labels = append(labels, tk.Label)
		}
	}
	if len(labels) < 4 || labels[0] != "0" {
		t.Errorf("labels on [0, 30]: %v", labels)
	}
	var logLabels []string
	for _, tk := range (logTicks{}).Ticks(20, 20000) {
		if tk.Label != "" {
			logLabels = append(logLabels, tk.Label)
		}
	}
	want := []string{"20", "50", "100", "200", "500", "1k", "2k", "5k", "10k", "20k"}
	if len(logLabels) != len(want) {
		t.Fatalf("log labels %v, want %v", logLabels, want)
	}
	for i := range want {
		if logLabels[i] != want[i] {
			t.Errorf("log labels %v, want %v", logLabels, want)
			break
		}
	}
}

func TestStacked(t *testing.T) {
	s := Stacked([]float64{0, 1}, [][]float64{{2, -4}, {0, 0}}, []string{"a", "b"})
	if s[0].Y[1] != -1 || s[0].Y[0] != 0.5 || s[1].Y[0] != 2.2 || s[0].Label != "a" {
		t.Errorf("stacked %+v", s)
	}
	if Palette(-1) == (color.RGBA{}) || Ramp(0, 1) == nil {
		t.Error("colours")
	}
}

func TestPickImpulsePanelSaveBelow(t *testing.T) {
	if got := Pick([]float64{10, 20, 30}, []int{2, 0}); len(got) != 2 || got[0] != 30 || got[1] != 10 {
		t.Errorf("Pick gave %v", got)
	}
	if _, err := ImpulsePanel("none", 1000, nil, nil); err == nil {
		t.Error("ImpulsePanel accepted no impulse responses")
	}
	p, err := ImpulsePanel("two", 1000, [][]float64{{1, 0.5, 0}, {0, 2, 1}}, []string{"a", "b"})
	if err != nil {
		t.Fatal(err)
	}
	if p.X.Label.Text != "Time (ms)" || p.Title.Text != "two" {
		t.Errorf("axis %q, title %q", p.X.Label.Text, p.Title.Text)
	}
	path := filepath.Join(t.TempDir(), "below.png")
	top := image.NewRGBA(image.Rect(0, 0, 50, 30))
	if err := SaveBelow(path, top, p, 200, 100); err != nil {
		t.Fatal(err)
	}
	if b := readPNG(t, path).Bounds(); b.Dx() != 200 || b.Dy() != 130 {
		t.Errorf("picture %d × %d, want 200 × 130", b.Dx(), b.Dy())
	}
}

func TestFlags(t *testing.T) {
	saved, args := flag.CommandLine, os.Args
	defer func() { flag.CommandLine, os.Args = saved, args }()
	flag.CommandLine = flag.NewFlagSet("x", flag.ContinueOnError)
	os.Args = []string{"x", "-o", "y.png"}
	path, d := Flags("x.png", 0.1, "the noise")
	if path != "y.png" || d != 0.1 {
		t.Errorf("got %q, %v", path, d)
	}
	if u := flag.Lookup("duration").Usage; u != "duration of the noise, s" {
		t.Errorf("usage %q", u)
	}
}

// readPNG decodes the PNG file at path.
func readPNG(t *testing.T, path string) image.Image {
	t.Helper()
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	img, err := png.Decode(f)
	if err != nil {
		t.Fatal(err)
	}
	return img
}

// TestSavePNGFile: a picture of a few colours survives SavePNG exactly (its
// palette holds them all), no temporary file is left beside it, and a
// missing folder is an error.
func TestSavePNGFile(t *testing.T) {
	img := image.NewRGBA(image.Rect(0, 0, 3, 2))
	cols := []color.RGBA{{255, 0, 0, 255}, {0, 128, 255, 255}, {255, 255, 255, 255}}
	for y := range 2 {
		for x := range 3 {
			img.Set(x, y, cols[(x+y)%3])
		}
	}
	dir := t.TempDir()
	path := filepath.Join(dir, "few.png")
	if err := SavePNG(path, img); err != nil {
		t.Fatal(err)
	}
	back := readPNG(t, path)
	for y := range 2 {
		for x := range 3 {
			r0, g0, b0, a0 := img.At(x, y).RGBA()
			r1, g1, b1, a1 := back.At(x, y).RGBA()
			if r0 != r1 || g0 != g1 || b0 != b1 || a0 != a1 {
				t.Fatalf("pixel (%d, %d) changed", x, y)
			}
		}
	}
	if left, _ := filepath.Glob(filepath.Join(dir, ".figs-*")); len(left) != 0 {
		t.Errorf("temporary files left: %v", left)
	}
	if err := SavePNG(filepath.Join(dir, "no", "such", "dir.png"), img); err == nil {
		t.Error("write into a missing folder succeeded")
	}
}
