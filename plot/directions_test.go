package plot

import (
	"image/color"
	"math"
	"path/filepath"
	"testing"
)

// HeatMap puts each value in its cell: with a 2 × 3 grid whose largest value
// is in the top-right cell, the brightest pixel of the right column lies in
// the top half of the data area, and of the left column in the bottom half.
func TestHeatMapCells(t *testing.T) {
	values := [][]float64{{0, 1, 0}, {2, 1, 10}} // y = 0 row, y = 1 row
	f, err := HeatMap(values, []float64{1, 2, 3}, []float64{0, 1}, "x", "y", &Options{Width: 600, Height: 400})
	if err != nil {
		t.Fatal(err)
	}
	img := f.Image()
	d := dataRect(f)
	right := d.Max.X - d.Dx()/6
	if y := brightestRow(img, d, right); y > (d.Min.Y+d.Max.Y)/2 {
		t.Errorf("right column: brightest at row %d, below the middle of %v", y, d)
	}
	left := d.Min.X + d.Dx()/6
	if y := brightestRow(img, d, left); y > (d.Min.Y+d.Max.Y)/2 {
		t.Errorf("left column: brightest at row %d, below the middle of %v (2 > 0)", y, d)
	}
	for name, fn := range map[string]func() error{
		"rows":       func() error { _, err := HeatMap(values, []float64{1, 2, 3}, []float64{0}, "", "", nil); return err },
		"columns":    func() error { _, err := HeatMap(values, []float64{1, 2}, []float64{0, 1}, "", "", nil); return err },
		"decreasing": func() error { _, err := HeatMap(values, []float64{3, 2, 1}, []float64{0, 1}, "", "", nil); return err },
		"NaN": func() error {
			_, err := HeatMap([][]float64{{math.NaN()}}, []float64{1}, []float64{1}, "", "", nil)
			return err
		},
		"empty": func() error { _, err := HeatMap(nil, nil, nil, "", "", nil); return err },
	} {
		if fn() == nil {
			t.Errorf("%s: no error", name)
		}
	}
}

func TestDirectionMapAndSheet(t *testing.T) {
	az := []float64{-90, 0, 90, 180}
	el := []float64{0, 0, 0, 45}
	v := []float64{0, 0.5, 1, 0.2}
	f, err := DirectionMap(az, el, v, []Mark{{Azimuth: 180, Elevation: 45, Label: "estimate", Cross: true}, {Azimuth: 0, Color: color.Black}}, &Options{Width: 800, Height: 400, Min: 0, Max: 2})
	if err != nil {
		t.Fatal(err)
	}
	// The dot at +90° is drawn in the map's top colour, at -90° in its bottom one.
	img := f.Image()
	d := dataRect(f)
	x := func(a float64) int { return d.Min.X + int(math.Round((a+185)/370*float64(d.Dx()))) }
	y0 := d.Min.Y + int(math.Round((53.0-0)/(53+8)*float64(d.Dy()))) // elevation 0 in [-8, 53]
	l1, l0 := lum(img, x(90), y0), lum(img, x(-90), y0)
	white := lum(img, x(-45), y0) // between dots: background
	if !(l1 > l0) || !(white > l1) {
		t.Errorf("luminance at +90° %g, at -90° %g, background %g: want the larger value brighter, both darker than the background", l1, l0, white)
	}
	lp, err := LinePlot([]Line{{Label: "ITD", X: az, Y: v}}, "Azimuth", "ITD", &Options{Width: 800, Height: 300})
	if err != nil {
		t.Fatal(err)
	}
	s, err := NewSheet(f, lp)
	if err != nil {
		t.Fatal(err)
	}
	if w, h := s.Size(); w != 800 || h != 700 {
		t.Errorf("sheet %d×%d, want 800×700", w, h)
	}
	if b := s.Image().Bounds(); b.Dx() != 800 || b.Dy() != 700 {
		t.Errorf("sheet image %v", b)
	}
	dir := t.TempDir()
	if err := s.Save(filepath.Join(dir, "s.png")); err != nil {
		t.Fatal(err)
	}
	if err := s.Save(filepath.Join(dir, "s.svg")); err == nil {
		t.Error("a sheet saved as SVG")
	}
	if _, err := DirectionMap(az, el[:2], v, nil, nil); err == nil {
		t.Error("mismatched lengths: no error")
	}
	if _, err := LinePlot([]Line{{X: az, Y: v[:1]}}, "", "", nil); err == nil {
		t.Error("line with mismatched x and y: no error")
	}
	if _, err := NewSheet(); err == nil {
		t.Error("empty sheet: no error")
	}
}
