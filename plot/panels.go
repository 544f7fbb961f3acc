package plot

import (
	"fmt"
	"image/color"
	"math"

	gplot "gonum.org/v1/plot"
	"gonum.org/v1/plot/font"
	"gonum.org/v1/plot/plotter"
	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"
)

// Palette is the colour cycle of lines, markers and groups: Okabe & Ito's
// (2008) colour-blind-safe set without its yellow, which vanishes on white.
var Palette = []color.Color{
	color.NRGBA{R: 0, G: 114, B: 178, A: 255},   // blue
	color.NRGBA{R: 213, G: 94, B: 0, A: 255},    // vermillion
	color.NRGBA{R: 0, G: 158, B: 115, A: 255},   // bluish green
	color.NRGBA{R: 204, G: 121, B: 167, A: 255}, // reddish purple
	color.NRGBA{R: 230, G: 159, B: 0, A: 255},   // orange
	color.NRGBA{R: 86, G: 180, B: 233, A: 255},  // sky blue
	color.NRGBA{R: 0, G: 0, B: 0, A: 255},       // black
}

// paletteColor returns colour k of the cycle.
func paletteColor(k int) color.Color { return Palette[k%len(Palette)] }

// Panel is one set of axes of a figure: lines, markers, bars, spike marks
// and rasters, with labelled axes. Add data with its methods, then make a
// figure of one or several panels with Arrange or Stack. The zero value is
// not usable: use NewPanel.
type Panel struct {
	// Weight is the panel's height relative to the others in its column
	// of a figure (default 1).
	Weight float64
	// XMin, XMax and YMin, YMax fix an axis range when Max > Min;
	// otherwise the range covers the data.
	XMin, XMax, YMin, YMax float64
	p                      *gplot.Plot
	n                      int // plotters added, for the colour cycle
	legend                 int // named plotters (legend entries)
	yTicks                 []gplot.Tick
	raster                 *spikes        // set by Raster; drawn at the figure's DPI
	logFreqX, logFreqY     *logFreqTicker // set by LogFrequencyX, LogFrequencyY
}

// NewPanel returns an empty panel with a title (may be empty) and axis
// labels, which should name the unit: "Time (s)", "v (mV)".
func NewPanel(title, xLabel, yLabel string) *Panel {
	p := newPlot(Options{Title: title})
	p.X.Label.Text = xLabel
	p.Y.Label.Text = yLabel
	p.Legend.TextStyle.Font = font.From(sans, 8)
	p.Legend.Top = true
	p.Legend.Left = true
	p.Legend.XOffs = 6
	return &Panel{Weight: 1, p: p}
}

// Plot returns the underlying gonum plot, for additions before Arrange.
func (pn *Panel) Plot() *gplot.Plot { return pn.p }

// nextColor returns the next colour of the cycle.
func (pn *Panel) nextColor() color.Color {
	c := paletteColor(pn.n)
	pn.n++
	return c
}

func xys(what string, x, y []float64) (plotter.XYs, error) {
	if len(x) != len(y) {
		return nil, fmt.Errorf("plot: %s has %d x values but %d y values", what, len(x), len(y))
	}
	if len(x) == 0 {
		return nil, fmt.Errorf("plot: %s: %w", what, errNoData)
	}
	if err := checkFinite(what+" x", x); err != nil {
		return nil, err
	}
	if err := checkFinite(what+" y", y); err != nil {
		return nil, err
	}
	pts := make(plotter.XYs, len(x))
	for k := range x {
		pts[k] = plotter.XY{X: x[k], Y: y[k]}
	}
	return pts, nil
}

func (pn *Panel) named(label string, th gplot.Thumbnailer) {
	if label != "" {
		pn.p.Legend.Add(label, th)
		pn.legend++
	}
}

// Line adds a line through the points (x[k], y[k]) in the next colour of
// the cycle, named label in the legend (none when empty). It returns the
// colour used.
func (pn *Panel) Line(x, y []float64, label string) (color.Color, error) {
	pts, err := xys("line "+label, x, y)
	if err != nil {
		return nil, err
	}
	l, err := plotter.NewLine(pts)
	if err != nil {
		return nil, fmt.Errorf("plot: %w", err)
	}
	c := pn.nextColor()
	l.Color, l.Width = c, 1.2
	pn.p.Add(l)
	pn.named(label, l)
	return c, nil
}

// LinePoints adds a line with a marker at every point, as f–I and rate–level
// curves are drawn.
func (pn *Panel) LinePoints(x, y []float64, label string) (color.Color, error) {
	pts, err := xys("curve "+label, x, y)
	if err != nil {
		return nil, err
	}
	l, s, err := plotter.NewLinePoints(pts)
	if err != nil {
		return nil, fmt.Errorf("plot: %w", err)
	}
	c := pn.nextColor()
	l.Color, l.Width = c, 1.2
	s.Color, s.Radius = c, 2.2
	pn.p.Add(l, s)
	pn.named(label, l)
	return c, nil
}

// Bars adds a histogram: bar k spans [edges[k], edges[k+1]) with height
// heights[k] (len(edges) = len(heights) + 1, edges increasing).
func (pn *Panel) Bars(edges, heights []float64, label string) (color.Color, error) {
	if len(edges) != len(heights)+1 || len(heights) == 0 {
		return nil, fmt.Errorf("plot: %d bar heights need %d edges, got %d", len(heights), len(heights)+1, len(edges))
	}
	if err := checkFinite("bar edges", edges); err != nil {
		return nil, err
	}
	if err := checkFinite("bar heights", heights); err != nil {
		return nil, err
	}
	bins := make([]plotter.HistogramBin, len(heights))
	for k := range heights {
		if !(edges[k+1] > edges[k]) {
			return nil, fmt.Errorf("plot: bar edges %g, %g do not increase", edges[k], edges[k+1])
		}
		bins[k] = plotter.HistogramBin{Min: edges[k], Max: edges[k+1], Weight: heights[k]}
	}
	c := pn.nextColor()
	r, g, b, _ := c.RGBA()
	h := &plotter.Histogram{Bins: bins, Width: edges[1] - edges[0],
		FillColor: color.NRGBA{R: uint8(r >> 8), G: uint8(g >> 8), B: uint8(b >> 8), A: 170}}
	h.LineStyle = draw.LineStyle{Color: c, Width: 0.5}
	pn.p.Add(h)
	pn.named(label, h)
	return c, nil
}

// SpikeMarks marks spikes on a trace drawn with Line: a vertical stroke at
// each spike time t[k] from y[k] (the trace's value there) up to top, in
// colour c — the picture of a spike that an integrate-and-fire trace lacks.
func (pn *Panel) SpikeMarks(t, y []float64, top float64, c color.Color) error {
	pts, err := xys("spike marks", t, y)
	if err != nil {
		if len(t) == 0 && len(y) == 0 {
			return nil
		}
		return err
	}
	if math.IsNaN(top) || math.IsInf(top, 0) {
		return fmt.Errorf("plot: spike mark top %v is not finite", top)
	}
	if c == nil {
		c = color.Black
	}
	pn.p.Add(&spikeMarks{pts: pts, top: top, style: draw.LineStyle{Color: c, Width: 1}})
	return nil
}

// spikeMarks draws vertical strokes from each point to a common top.
type spikeMarks struct {
	pts   plotter.XYs
	top   float64
	style draw.LineStyle
}

// DataRange implements plot.DataRanger.
func (s *spikeMarks) DataRange() (xmin, xmax, ymin, ymax float64) {
	xmin, xmax, ymin, ymax = plotter.XYRange(s.pts)
	return xmin, xmax, math.Min(ymin, s.top), math.Max(ymax, s.top)
}

// Plot implements plot.Plotter.
func (s *spikeMarks) Plot(c draw.Canvas, p *gplot.Plot) {
	tx, ty := p.Transforms(&c)
	for _, pt := range s.pts {
		x := tx(pt.X)
		c.StrokeLine2(s.style, x, ty(pt.Y), x, ty(s.top))
	}
}

// HLine adds a dashed horizontal reference line at y (a threshold, a mean
// rate), named label in the legend when not empty.
func (pn *Panel) HLine(y float64, label string) error {
	if math.IsNaN(y) || math.IsInf(y, 0) {
		return fmt.Errorf("plot: reference line at %v", y)
	}
	l := &hline{y: y, style: draw.LineStyle{Color: color.Gray{Y: 90}, Width: 0.8, Dashes: []vg.Length{4, 3}}}
	pn.p.Add(l)
	if label != "" {
		pn.p.Legend.Add(label, l)
		pn.legend++
	}
	return nil
}

type hline struct {
	y     float64
	style draw.LineStyle
}

func (h *hline) Plot(c draw.Canvas, p *gplot.Plot) {
	_, ty := p.Transforms(&c)
	c.StrokeLine2(h.style, c.Min.X, ty(h.y), c.Max.X, ty(h.y))
}

func (h *hline) DataRange() (xmin, xmax, ymin, ymax float64) {
	return math.Inf(1), math.Inf(-1), h.y, h.y
}

func (h *hline) Thumbnail(c *draw.Canvas) {
	y := (c.Min.Y + c.Max.Y) / 2
	c.StrokeLine2(h.style, c.Min.X, y, c.Max.X, y)
}

// RasterGroup is one population of a raster: spike k is neuron Indices[k]
// (0 ≤ index < N) at Times[k] seconds.
type RasterGroup struct {
	// Name labels the group on the vertical axis.
	Name string
	// N is the number of neurons of the group (rows of the raster).
	N int
	// Indices and Times are the spikes, as a spike monitor records them.
	Indices []int
	Times   []float64
	// Color of the group's spikes; nil takes the next colour of Palette.
	Color color.Color
}

// Raster adds spike rasters of groups stacked bottom to top (the first
// group at the bottom), each in its colour, over [0, duration) seconds,
// scaled by timeScale on the time axis (1 for s, 1e3 for ms): the vertical
// axis then counts neurons, each group named at its middle.
func (pn *Panel) Raster(groups []RasterGroup, duration, timeScale float64) error {
	if len(groups) == 0 {
		return fmt.Errorf("plot: raster of no groups")
	}
	if !(duration > 0) || math.IsInf(duration, 0) || !(timeScale > 0) || math.IsInf(timeScale, 0) {
		return fmt.Errorf("plot: raster over %v s at time scale %v", duration, timeScale)
	}
	var idx []int
	var ts []float64
	var colors []color.Color
	var ticks []gplot.Tick
	base := 0
	for gi, g := range groups {
		if g.N <= 0 {
			return fmt.Errorf("plot: raster group %q has %d neurons", g.Name, g.N)
		}
		if len(g.Indices) != len(g.Times) {
			return fmt.Errorf("plot: raster group %q has %d indices but %d times", g.Name, len(g.Indices), len(g.Times))
		}
		if err := checkFinite("raster group "+g.Name+" times", g.Times); err != nil {
			return err
		}
		c := g.Color
		if c == nil {
			c = pn.nextColor()
		}
		for k, i := range g.Indices {
			if i < 0 || i >= g.N {
				return fmt.Errorf("plot: raster group %q: spike %d is from neuron %d, outside [0, %d)", g.Name, k, i, g.N)
			}
			idx = append(idx, base+i)
			ts = append(ts, g.Times[k]*timeScale)
		}
		for range g.N {
			colors = append(colors, c)
		}
		ticks = append(ticks, gplot.Tick{Value: float64(base) - 0.5})
		name := g.Name
		if name == "" {
			name = fmt.Sprint(gi)
		}
		ticks = append(ticks, gplot.Tick{Value: float64(base) + float64(g.N)/2 - 0.5, Label: name})
		base += g.N
	}
	ticks = append(ticks, gplot.Tick{Value: float64(base) - 0.5})
	if len(groups) == 1 && groups[0].Name == "" {
		// One unnamed group: number the neurons.
		ticks = nil
		for _, t := range linearTicks(-0.5, float64(base)-0.5, 8) {
			if t.Value == math.Trunc(t.Value) {
				ticks = append(ticks, t)
			}
		}
	}
	pn.raster = &spikes{idx: idx, t: ts, n: base, dur: duration * timeScale, color: colors[0], rowColor: colors}
	pn.p.Add(pn.raster)
	pn.yTicks = ticks
	pn.p.Y.Min, pn.p.Y.Max = -0.5, float64(base)-0.5
	if pn.XMax <= pn.XMin {
		pn.XMin, pn.XMax = 0, duration*timeScale
	}
	return nil
}

// Share says which axes the panels of a figure share.
type Share int

const (
	// ShareNone gives each panel its own axes.
	ShareNone Share = 0
	// ShareX gives the panels of a column one x range; only the bottom one
	// shows its tick labels and x label.
	ShareX Share = 1 << iota
	// ShareY gives the panels of a row one y range; only the leftmost one
	// shows its tick labels and y label.
	ShareY
)

// Stack makes a figure of panels stacked top to bottom (the first on top),
// their data areas aligned; share says whether they share the time axis.
func Stack(opts *Options, share Share, panels ...*Panel) (*Figure, error) {
	rows := make([][]*Panel, len(panels))
	for k, p := range panels {
		rows[k] = []*Panel{p}
	}
	return Arrange(opts, share, rows...)
}

// Arrange makes a figure of rows of panels (rows top to bottom, panels
// left to right; a nil panel leaves its cell empty), with data areas
// aligned along rows and columns, row heights in proportion to the largest
// Weight in each row, and the axes shared as share says. Options give the
// picture's size, resolution and title.
func Arrange(opts *Options, share Share, rows ...[]*Panel) (*Figure, error) {
	if err := opts.check(); err != nil {
		return nil, err
	}
	o := opts.withDefaults()
	if len(rows) == 0 {
		return nil, fmt.Errorf("plot: a figure of no panels")
	}
	cols := 0
	for _, r := range rows {
		cols = max(cols, len(r))
	}
	grid := make([][]*gplot.Plot, len(rows))
	weights := make([]float64, len(rows))
	var first *gplot.Plot
	for j, r := range rows {
		grid[j] = make([]*gplot.Plot, cols)
		for i, pn := range r {
			if pn == nil {
				continue
			}
			if !(pn.Weight > 0) || math.IsInf(pn.Weight, 0) {
				return nil, fmt.Errorf("plot: panel weight %v must be positive", pn.Weight)
			}
			if err := pn.finish(o.DPI); err != nil {
				return nil, err
			}
			grid[j][i] = pn.p
			weights[j] = max(weights[j], pn.Weight)
			if first == nil {
				first = pn.p
			}
		}
		if weights[j] == 0 {
			weights[j] = 1
		}
	}
	if first == nil {
		return nil, fmt.Errorf("plot: a figure of no panels")
	}
	if share&ShareX != 0 {
		for i := range cols {
			var col []*gplot.Plot
			for j := range rows {
				if grid[j][i] != nil {
					col = append(col, grid[j][i])
				}
			}
			shareAxis(col, func(p *gplot.Plot) *gplot.Axis { return &p.X })
			for k := 0; k+1 < len(col); k++ {
				col[k].X.Label.Text = ""
				col[k].X.Tick.Label.Color = color.Transparent
			}
		}
	}
	if share&ShareY != 0 {
		for j := range rows {
			var row []*gplot.Plot
			for i := range cols {
				if grid[j][i] != nil {
					row = append(row, grid[j][i])
				}
			}
			shareAxis(row, func(p *gplot.Plot) *gplot.Axis { return &p.Y })
			for k := 1; k < len(row); k++ {
				row[k].Y.Label.Text = ""
				row[k].Y.Tick.Label.Color = color.Transparent
			}
		}
	}
	title := o.Title
	f := &Figure{width: o.Width, height: o.Height, dpi: o.DPI, plot: first}
	f.drawFn = func(dc draw.Canvas) {
		if title != "" {
			ts := first.Title.TextStyle
			ts.XAlign, ts.YAlign = draw.XCenter, draw.YTop
			dc.FillText(ts, vg.Point{X: (dc.Min.X + dc.Max.X) / 2, Y: dc.Max.Y - 4}, title)
			dc = draw.Crop(dc, 0, 0, 0, -(ts.Height(title) + 10))
		}
		layout(grid, weights, dc)
	}
	return f, nil
}

// finish sets the panel's ranges and ticks before drawing.
func (pn *Panel) finish(dpi int) error {
	p := pn.p
	if pn.raster != nil {
		pn.raster.dpi = dpi
	}
	if pn.XMax > pn.XMin {
		p.X.Min, p.X.Max = pn.XMin, pn.XMax
	}
	if pn.YMax > pn.YMin {
		p.Y.Min, p.Y.Max = pn.YMin, pn.YMax
	} else if pn.legend > 0 && p.Y.Max > p.Y.Min {
		// Headroom for the legend, drawn in the top left corner.
		p.Y.Max += 0.09 * float64(pn.legend+1) * (p.Y.Max - p.Y.Min)
	}
	if pn.logFreqX != nil {
		if err := applyLogFrequency(&p.X, pn.logFreqX, "x"); err != nil {
			return err
		}
	} else if _, log := p.X.Scale.(gplot.LogScale); !log {
		p.X.Tick.Marker = gplot.ConstantTicks(linearTicks(p.X.Min, p.X.Max, 8))
	}
	switch {
	case pn.logFreqY != nil:
		if err := applyLogFrequency(&p.Y, pn.logFreqY, "y"); err != nil {
			return err
		}
	case pn.yTicks != nil:
		p.Y.Tick.Marker = gplot.ConstantTicks(pn.yTicks)
	default:
		p.Y.Tick.Marker = gplot.ConstantTicks(linearTicks(p.Y.Min, p.Y.Max, 6))
	}
	p.Legend.Padding = 2
	return nil
}

// shareAxis gives the axes one range, the union of theirs, and the same
// ticks.
func shareAxis(ps []*gplot.Plot, axis func(*gplot.Plot) *gplot.Axis) {
	if len(ps) < 2 {
		return
	}
	lo, hi := math.Inf(1), math.Inf(-1)
	for _, p := range ps {
		a := axis(p)
		lo, hi = math.Min(lo, a.Min), math.Max(hi, a.Max)
	}
	for _, p := range ps {
		a := axis(p)
		a.Min, a.Max = lo, hi
		if _, log := a.Scale.(gplot.LogScale); !log {
			a.Tick.Marker = gplot.ConstantTicks(linearTicks(lo, hi, 8))
		}
	}
}

// layout draws a grid of plots on dc: rows share the height in proportion
// to weights, columns share the width equally, and the data areas of each
// row and column line up (the widest axis of a column sets its margin).
func layout(grid [][]*gplot.Plot, weights []float64, dc draw.Canvas) {
	const pad = vg.Length(6)
	rows, cols := len(grid), len(grid[0])
	type margin struct{ lo, hi vg.Length }
	colM := make([]margin, cols)
	rowM := make([]margin, rows)
	// Margins do not depend on the canvas size: measure them on dc itself.
	for j := range rows {
		for i := range cols {
			p := grid[j][i]
			if p == nil {
				continue
			}
			d := p.DataCanvas(dc)
			colM[i].lo = max(colM[i].lo, d.Min.X-dc.Min.X)
			colM[i].hi = max(colM[i].hi, dc.Max.X-d.Max.X)
			rowM[j].lo = max(rowM[j].lo, d.Min.Y-dc.Min.Y)
			rowM[j].hi = max(rowM[j].hi, dc.Max.Y-d.Max.Y)
		}
	}
	width, height := dc.Max.X-dc.Min.X-pad, dc.Max.Y-dc.Min.Y-pad
	for _, m := range colM {
		width -= m.lo + m.hi + pad
	}
	wsum := 0.0
	for j, m := range rowM {
		height -= m.lo + m.hi + pad
		wsum += weights[j]
	}
	dataW := max(width/vg.Length(cols), 1)
	x0 := make([]vg.Length, cols) // left edge of each column's data area
	x := dc.Min.X + pad
	for i, m := range colM {
		x0[i] = x + m.lo
		x = x0[i] + dataW + m.hi + pad
	}
	y := dc.Max.Y - pad
	for j, m := range rowM {
		dataH := max(height*vg.Length(weights[j]/wsum), 1)
		top := y - m.hi // top of the row's data area
		for i := range cols {
			p := grid[j][i]
			if p == nil {
				continue
			}
			d := p.DataCanvas(dc)
			own := margin{lo: d.Min.X - dc.Min.X, hi: dc.Max.X - d.Max.X}
			ownY := margin{lo: d.Min.Y - dc.Min.Y, hi: dc.Max.Y - d.Max.Y}
			c := dc
			c.Rectangle = vg.Rectangle{
				Min: vg.Point{X: x0[i] - own.lo, Y: top - dataH - ownY.lo},
				Max: vg.Point{X: x0[i] + dataW + own.hi, Y: top + ownY.hi},
			}
			p.Draw(c)
		}
		y = top - dataH - m.lo - pad
	}
}
