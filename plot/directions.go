package plot

import (
	"bytes"
	"errors"
	"fmt"
	"image"
	"image/color"
	"image/png"
	"math"
	"path/filepath"
	"strings"

	gplot "gonum.org/v1/plot"
	"gonum.org/v1/plot/font"
	"gonum.org/v1/plot/plotter"
	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"
	"gonum.org/v1/plot/vg/vgimg"
)

// Mark is a labelled point drawn over a DirectionMap: a true direction, an
// estimate.
type Mark struct {
	Azimuth, Elevation float64 // degrees
	Label              string
	// Cross draws an x instead of a +.
	Cross bool
	Color color.Color
}

// DirectionMap draws one value per source direction as a coloured dot on an
// azimuth × elevation plane (degrees; azimuth across from −180 to 180,
// +90 on the listener's left as in package hrtf) with a colour bar, and
// the marks on top: the picture of a localisation model's response over
// directions. azimuth, elevation and value have one entry per direction.
func DirectionMap(azimuth, elevation, value []float64, marks []Mark, opts *Options) (*Figure, error) {
	if err := opts.check(); err != nil {
		return nil, err
	}
	n := len(value)
	if n == 0 {
		return nil, errNoData
	}
	if len(azimuth) != n || len(elevation) != n {
		return nil, fmt.Errorf("plot: %d values but %d azimuths and %d elevations", n, len(azimuth), len(elevation))
	}
	for _, xs := range []struct {
		name string
		v    []float64
	}{{"azimuth", azimuth}, {"elevation", elevation}, {"value", value}} {
		if err := checkFinite(xs.name, xs.v); err != nil {
			return nil, err
		}
	}
	o := opts.withDefaults()
	lo, hi := colorRange(o, value)
	l, err := newLUT(o.ColorMap, lo, hi)
	if err != nil {
		return nil, err
	}
	p := newPlot(o)
	p.X.Label.Text = "Azimuth (°, +90 = left)"
	p.Y.Label.Text = "Elevation (°)"
	p.X.Min, p.X.Max = -185, 185
	elLo, elHi := math.Inf(1), math.Inf(-1)
	for _, e := range elevation {
		elLo, elHi = min(elLo, e), max(elHi, e)
	}
	p.Y.Min, p.Y.Max = elLo-8, elHi+8
	p.X.Tick.Marker = gplot.ConstantTicks(linearTicks(-180, 180, 13))
	p.Y.Tick.Marker = gplot.ConstantTicks(linearTicks(p.Y.Min, p.Y.Max, 8))
	p.Add(plotter.NewGrid())
	xy := make(plotter.XYs, n)
	for k := range n {
		xy[k].X, xy[k].Y = azimuth[k], elevation[k]
	}
	dots, err := plotter.NewScatter(xy)
	if err != nil {
		return nil, err
	}
	// Dots about a third of the typical spacing of a 5° grid.
	r := vg.Length(float64(o.Width)*72/float64(o.DPI)) / 170
	dots.GlyphStyleFunc = func(k int) draw.GlyphStyle {
		return draw.GlyphStyle{Color: l.at(value[k]), Radius: r, Shape: draw.CircleGlyph{}}
	}
	p.Add(dots)
	for _, m := range marks {
		if err := checkFinite("mark", []float64{m.Azimuth, m.Elevation}); err != nil {
			return nil, err
		}
		s, err := plotter.NewScatter(plotter.XYs{{X: m.Azimuth, Y: m.Elevation}})
		if err != nil {
			return nil, err
		}
		c := m.Color
		if c == nil {
			c = color.RGBA{0, 160, 255, 255}
		}
		s.GlyphStyle = draw.GlyphStyle{Color: c, Radius: 3 * r, Shape: ThickCross{Diagonal: m.Cross}}
		p.Add(s)
		if m.Label != "" {
			p.Legend.Add(m.Label, s)
		}
	}
	p.Legend.Top = true
	p.Legend.TextStyle.Font = font.From(sans, 10)
	return &Figure{width: o.Width, height: o.Height, dpi: o.DPI, plot: p, bar: newColorBar(l, o.ColorLabel, p)}, nil
}

// ThickCross is a glyph: a + (or, Diagonal, an x) drawn with a pen Width
// wide (0: 2 points), visible over coloured dots where gonum's PlusGlyph
// and CrossGlyph (0.5 points) are not.
type ThickCross struct {
	Diagonal bool
	Width    vg.Length
}

// DrawGlyph implements draw.GlyphDrawer.
func (t ThickCross) DrawGlyph(c *draw.Canvas, sty draw.GlyphStyle, pt vg.Point) {
	w := t.Width
	if w <= 0 {
		w = vg.Points(2)
	}
	c.SetLineStyle(draw.LineStyle{Color: sty.Color, Width: w})
	r := sty.Radius
	dx, dy := [2]vg.Length{0, r}, [2]vg.Length{r, 0}
	if t.Diagonal {
		d := r / vg.Length(math.Sqrt2)
		dx, dy = [2]vg.Length{d, d}, [2]vg.Length{d, -d}
	}
	for _, v := range [][2]vg.Length{dx, dy} {
		var path vg.Path
		path.Move(vg.Point{X: pt.X - v[0], Y: pt.Y - v[1]})
		path.Line(vg.Point{X: pt.X + v[0], Y: pt.Y + v[1]})
		c.Stroke(path)
	}
}

// Line is one curve of a LinePlot: y against x, in plot units.
type Line struct {
	Label string
	X, Y  []float64
}

// LinePlot draws curves against a shared x axis, with axis labels and a
// legend (e.g. an HRTF set's ITD and ILD against azimuth). opts' colour
// settings are ignored.
func LinePlot(lines []Line, xLabel, yLabel string, opts *Options) (*Figure, error) {
	if err := opts.check(); err != nil {
		return nil, err
	}
	if len(lines) == 0 {
		return nil, errNoData
	}
	o := opts.withDefaults()
	p := newPlot(o)
	p.X.Label.Text, p.Y.Label.Text = xLabel, yLabel
	p.Add(plotter.NewGrid())
	palette := []color.Color{color.RGBA{31, 119, 180, 255}, color.RGBA{214, 39, 40, 255}, color.RGBA{44, 160, 44, 255}, color.RGBA{148, 103, 189, 255}}
	for i, ln := range lines {
		if len(ln.X) != len(ln.Y) || len(ln.X) == 0 {
			return nil, fmt.Errorf("plot: line %q has %d x and %d y values", ln.Label, len(ln.X), len(ln.Y))
		}
		if err := checkFinite(ln.Label+" x", ln.X); err != nil {
			return nil, err
		}
		if err := checkFinite(ln.Label+" y", ln.Y); err != nil {
			return nil, err
		}
		xy := make(plotter.XYs, len(ln.X))
		for k := range ln.X {
			xy[k].X, xy[k].Y = ln.X[k], ln.Y[k]
		}
		lp, sp, err := plotter.NewLinePoints(xy)
		if err != nil {
			return nil, err
		}
		c := palette[i%len(palette)]
		lp.Color, lp.Width = c, vg.Points(1.2)
		sp.Color, sp.Radius, sp.Shape = c, vg.Points(1.5), draw.CircleGlyph{}
		p.Add(lp, sp)
		if ln.Label != "" {
			p.Legend.Add(ln.Label, lp)
		}
	}
	p.Legend.Top = true
	p.Legend.TextStyle.Font = font.From(sans, 10)
	return &Figure{width: o.Width, height: o.Height, dpi: o.DPI, plot: p}, nil
}

// HeatMap draws values[i][j] at x[j] (across) and y[i] (up) as a heat map
// with a colour bar: x and y strictly increasing, one cell per value (cells
// reach halfway to the neighbours; the picture's pixels are filled by the
// nearest cell). E.g. an HRTF set's magnitude response (dB) against
// frequency and elevation.
func HeatMap(values [][]float64, x, y []float64, xLabel, yLabel string, opts *Options) (*Figure, error) {
	if err := opts.check(); err != nil {
		return nil, err
	}
	if len(x) == 0 || len(y) == 0 {
		return nil, errNoData
	}
	if len(values) != len(y) {
		return nil, fmt.Errorf("plot: %d rows of values for %d y values", len(values), len(y))
	}
	var all []float64
	for i, row := range values {
		if len(row) != len(x) {
			return nil, fmt.Errorf("plot: row %d has %d values for %d x values", i, len(row), len(x))
		}
		if err := checkFinite(fmt.Sprintf("values[%d]", i), row); err != nil {
			return nil, err
		}
		all = append(all, row...)
	}
	edges := func(name string, v []float64) ([]float64, error) {
		if err := checkFinite(name, v); err != nil {
			return nil, err
		}
		e := make([]float64, len(v)+1)
		for i := 1; i < len(v); i++ {
			if !(v[i] > v[i-1]) {
				return nil, fmt.Errorf("plot: %s must increase: %s[%d] = %g follows %g", name, name, i, v[i], v[i-1])
			}
			e[i] = (v[i] + v[i-1]) / 2
		}
		if len(v) == 1 {
			e[0], e[1] = v[0]-0.5, v[0]+0.5
		} else {
			e[0] = v[0] - (e[1] - v[0])
			e[len(v)] = v[len(v)-1] + (v[len(v)-1] - e[len(v)-1])
		}
		return e, nil
	}
	xe, err := edges("x", x)
	if err != nil {
		return nil, err
	}
	ye, err := edges("y", y)
	if err != nil {
		return nil, err
	}
	o := opts.withDefaults()
	lo, hi := colorRange(o, all)
	l, err := newLUT(o.ColorMap, lo, hi)
	if err != nil {
		return nil, err
	}
	w, h := min(o.Width, 2000), min(o.Height, 2000)
	img := image.NewNRGBA(image.Rect(0, 0, w, h))
	find := func(e []float64, v float64) int {
		i := 0
		for i < len(e)-2 && v >= e[i+1] {
			i++
		}
		return i
	}
	for py := range h {
		yv := ye[0] + (float64(h-1-py)+0.5)/float64(h)*(ye[len(ye)-1]-ye[0])
		i := find(ye, yv)
		for px := range w {
			xv := xe[0] + (float64(px)+0.5)/float64(w)*(xe[len(xe)-1]-xe[0])
			img.SetNRGBA(px, py, l.at(values[i][find(xe, xv)]))
		}
	}
	p := newPlot(o)
	p.Add(plotter.NewImage(img, xe[0], ye[0], xe[len(xe)-1], ye[len(ye)-1]))
	p.X.Label.Text, p.Y.Label.Text = xLabel, yLabel
	p.X.Min, p.X.Max = xe[0], xe[len(xe)-1]
	p.Y.Min, p.Y.Max = ye[0], ye[len(ye)-1]
	p.X.Tick.Marker = gplot.ConstantTicks(linearTicks(p.X.Min, p.X.Max, 10))
	p.Y.Tick.Marker = gplot.ConstantTicks(linearTicks(p.Y.Min, p.Y.Max, 8))
	return &Figure{width: o.Width, height: o.Height, dpi: o.DPI, plot: p, bar: newColorBar(l, o.ColorLabel, p)}, nil
}

// Sheet is several figures stacked top to bottom in one picture, each
// keeping its own height; all are drawn at the first figure's width and DPI.
type Sheet struct {
	figs []*Figure
}

// NewSheet stacks figs (at least one) into one picture.
func NewSheet(figs ...*Figure) (*Sheet, error) {
	if len(figs) == 0 {
		return nil, errors.New("plot: a sheet needs at least one figure")
	}
	for i, f := range figs {
		if f == nil {
			return nil, fmt.Errorf("plot: sheet figure %d is nil", i)
		}
	}
	return &Sheet{figs: figs}, nil
}

// Size returns the sheet's size in pixels.
func (s *Sheet) Size() (width, height int) {
	width = s.figs[0].width
	for _, f := range s.figs {
		height += f.height
	}
	return width, height
}

// Image renders the sheet as a raster image.
func (s *Sheet) Image() image.Image {
	w, h := s.Size()
	dpi := s.figs[0].dpi
	wl := vg.Length(w) * vg.Inch / vg.Length(dpi)
	hl := vg.Length(h) * vg.Inch / vg.Length(dpi)
	c := vgimg.NewWith(vgimg.UseWH(wl, hl), vgimg.UseDPI(dpi))
	dc := draw.New(c)
	top := hl
	for _, f := range s.figs {
		fh := vg.Length(f.height) * vg.Inch / vg.Length(dpi)
		tile := dc
		tile.Min.Y, tile.Max.Y = top-fh, top
		f.draw(tile)
		top -= fh
	}
	return c.Image()
}

// Save writes the sheet as a PNG (the only format of a sheet) through a
// temporary file, as Figure.Save does.
func (s *Sheet) Save(path string) error {
	if ext := strings.ToLower(filepath.Ext(path)); ext != ".png" {
		return fmt.Errorf("plot: a sheet is written as PNG; %s ends in %q", path, ext)
	}
	var buf bytes.Buffer
	if err := (&png.Encoder{CompressionLevel: png.BestSpeed}).Encode(&buf, s.Image()); err != nil {
		return fmt.Errorf("plot: writing png: %w", err)
	}
	return writeFileAtomic(path, buf.Bytes())
}
