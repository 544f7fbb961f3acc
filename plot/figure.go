package plot

import (
	"bytes"
	"errors"
	"fmt"
	"image"
	"image/color"
	"image/png"
	"io"
	"math"
	"path/filepath"
	"strings"

	gplot "gonum.org/v1/plot"
	"gonum.org/v1/plot/font"
	"gonum.org/v1/plot/palette"
	"gonum.org/v1/plot/palette/moreland"
	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"
	"gonum.org/v1/plot/vg/vgimg"

	"github.com/gohears/hears/internal/safefile"
)

// FrequencyAxis chooses how channels are laid out on the vertical axis of a
// cochleagram.
type FrequencyAxis int

const (
	// LogFrequency draws the vertical axis on a logarithmic frequency scale:
	// each channel fills the band between the geometric midpoints to its
	// neighbours' centre frequencies.
	LogFrequency FrequencyAxis = iota
	// ChannelRows gives every channel a row of the same height, as Brian
	// Hears' imshow does: for channels spaced by filterbank.ERBSpace the axis
	// is an ERB-rate axis. Tick labels still read in Hz.
	ChannelRows
)

// Options tunes a picture. The zero value (or a nil *Options) gives sensible
// defaults.
type Options struct {
	// Title is drawn above the picture.
	Title string
	// Width and Height are the picture size in pixels at DPI (defaults 1200
	// × 600). For vector formats the same size is used in points × 72/DPI.
	Width, Height int
	// DPI is the resolution of raster output in dots per inch (default
	// 150); it sets the size of text relative to the picture.
	DPI int
	// ColorMap maps values to colours (default moreland.ExtendedBlackBody,
	// a perceptually uniform black–red–yellow–white map). Its Min and Max
	// are set by the picture.
	ColorMap palette.ColorMap
	// Min and Max fix the range of values mapped to colours; values outside
	// are clipped. When both are zero the range is that of the data drawn.
	Min, Max float64
	// ColorLabel labels the colour bar.
	ColorLabel string
	// FrequencyAxis lays out a cochleagram's channels (default
	// LogFrequency).
	FrequencyAxis FrequencyAxis
	// DynamicRange is the range in dB below the peak drawn by Spectrogram
	// (default 80 dB).
	DynamicRange float64
	// InputDB tells Spectrogram and SpectrumFigure that their power already
	// holds dB.
	InputDB bool
	// LogFrequencyAxis draws Spectrogram's frequency axis on a logarithmic
	// scale, ticked as Brian Hears' log_frequency_yaxis_labels (see
	// LogFrequencyTicks); the 0 Hz row is then left out. SpectrumFigure's
	// axis and Cochleagram's LogFrequency axis are logarithmic anyway; for
	// Curves set CurveOptions.FrequencyX, for a Panel LogFrequencyX/Y.
	LogFrequencyAxis bool
	// FrequencyTicks, when not nil, are the tick frequencies (Hz) of the
	// picture's frequency axis, linear or logarithmic: Spectrogram,
	// Cochleagram, SpectrumFigure and Curves with FrequencyX (Brian Hears'
	// freqs= argument of log_frequency_xaxis_labels). Ticks outside the
	// axis are left out.
	FrequencyTicks []float64
}

func (o *Options) withDefaults() Options {
	var r Options
	if o != nil {
		r = *o
	}
	if r.Width <= 0 {
		r.Width = 1200
	}
	if r.Height <= 0 {
		r.Height = 600
	}
	if r.DPI <= 0 {
		r.DPI = 150
	}
	if r.ColorMap == nil {
		r.ColorMap = moreland.ExtendedBlackBody()
	}
	if r.DynamicRange <= 0 {
		r.DynamicRange = 80
	}
	return r
}

// minPoints is the smallest side, in points (pixels × 72 / DPI), of a
// picture: below it the labels fill the picture and it draws blank. 100 px
// at the default 150 DPI is 48 points.
const minPoints = 36

func (o *Options) check() error {
	if o == nil {
		return nil
	}
	if o.Width < 0 || o.Height < 0 || o.DPI < 0 {
		return fmt.Errorf("plot: negative picture size %d×%d px or DPI %d", o.Width, o.Height, o.DPI)
	}
	if d := o.withDefaults(); float64(min(d.Width, d.Height))*72/float64(d.DPI) < minPoints {
		return fmt.Errorf("plot: %d×%d px at %d DPI is %.3g×%.3g points, smaller than its own labels (at least %d points a side): lower the DPI",
			d.Width, d.Height, d.DPI, float64(d.Width)*72/float64(d.DPI), float64(d.Height)*72/float64(d.DPI), minPoints)
	}
	if o.Width > 20000 || o.Height > 20000 {
		return fmt.Errorf("plot: picture of %d×%d px is too large (at most 20000 px a side)", o.Width, o.Height)
	}
	for _, v := range []float64{o.Min, o.Max, o.DynamicRange} {
		if math.IsNaN(v) || math.IsInf(v, 0) {
			return fmt.Errorf("plot: option value %v is not finite", v)
		}
	}
	if (o.Min != 0 || o.Max != 0) && !(o.Max > o.Min) {
		return fmt.Errorf("plot: colour range [%g, %g] is empty", o.Min, o.Max)
	}
	if err := checkTickFreqs(o.FrequencyTicks); err != nil {
		return err
	}
	if o.FrequencyAxis != LogFrequency && o.FrequencyAxis != ChannelRows {
		return fmt.Errorf("plot: unknown frequency axis %d", o.FrequencyAxis)
	}
	return nil
}

// Figure is a finished picture, ready to be written in any format.
type Figure struct {
	width, height int // pixels
	dpi           int
	plot          *gplot.Plot
	bar           *colorBar // nil when the picture has no colour bar
	// drawFn, when set, draws the whole figure (figures of several
	// panels, panels.go); plot is then the first panel's.
	drawFn func(draw.Canvas)
}

// Size returns the picture size in pixels.
func (f *Figure) Size() (width, height int) { return f.width, f.height }

// Plot returns the underlying gonum plot, for adjustments before saving.
func (f *Figure) Plot() *gplot.Plot { return f.plot }

// lengths returns the picture size in vg lengths (points).
func (f *Figure) lengths() (w, h vg.Length) {
	return vg.Length(f.width) * vg.Inch / vg.Length(f.dpi), vg.Length(f.height) * vg.Inch / vg.Length(f.dpi)
}

// draw draws the figure on dc.
func (f *Figure) draw(dc draw.Canvas) {
	if f.drawFn != nil {
		f.drawFn(dc)
		return
	}
	if f.bar == nil {
		f.plot.Draw(dc)
		return
	}
	main := draw.Crop(dc, 0, -f.bar.width(), 0, 0)
	f.plot.Draw(main)
	f.bar.draw(dc, f.plot.DataCanvas(main))
}

// Image renders the figure as a raster image.
func (f *Figure) Image() image.Image {
	w, h := f.lengths()
	c := vgimg.NewWith(vgimg.UseWH(w, h), vgimg.UseDPI(f.dpi))
	f.draw(draw.New(c))
	return c.Image()
}

// Formats lists the file formats (extensions without the dot) that Encode
// and Save accept. EPS is not among them: gonum's EPS canvas cannot draw
// images (a cochleagram's heat map), it panics instead.
var Formats = []string{"png", "svg", "pdf", "jpg", "jpeg", "tif", "tiff"}

// Encode writes the figure to w in format, one of Formats.
func (f *Figure) Encode(w io.Writer, format string) error {
	format = strings.ToLower(strings.TrimPrefix(format, "."))
	width, height := f.lengths()
	var c vg.CanvasWriterTo
	switch format {
	case "png":
		// gonum's PngCanvas deflates at the default level, which costs more
		// than drawing the picture; BestSpeed makes files ~1.5× larger.
		img := f.Image()
		enc := png.Encoder{CompressionLevel: png.BestSpeed}
		if err := enc.Encode(w, img); err != nil {
			return fmt.Errorf("plot: writing png: %w", err)
		}
		return nil
	case "jpg", "jpeg":
		c = vgimg.JpegCanvas{Canvas: vgimg.NewWith(vgimg.UseWH(width, height), vgimg.UseDPI(f.dpi))}
	case "tif", "tiff":
		c = vgimg.TiffCanvas{Canvas: vgimg.NewWith(vgimg.UseWH(width, height), vgimg.UseDPI(f.dpi))}
	case "svg", "pdf":
		var err error
		if c, err = draw.NewFormattedCanvas(width, height, format); err != nil {
			return fmt.Errorf("plot: %w", err)
		}
	default:
		return fmt.Errorf("plot: unknown picture format %q (use one of %s)", format, strings.Join(Formats, ", "))
	}
	f.draw(draw.New(c))
	if _, err := c.WriteTo(w); err != nil {
		return fmt.Errorf("plot: writing %s: %w", format, err)
	}
	return nil
}

// Save writes the figure to path in the format named by its extension (see
// Formats). The picture is rendered in memory and written to a temporary
// file in the same folder that is renamed to path only on success, so a
// failure never leaves a half-written picture behind.
func (f *Figure) Save(path string) error {
	ext := strings.TrimPrefix(filepath.Ext(path), ".")
	if ext == "" {
		return fmt.Errorf("plot: %s has no extension to choose a format (use one of %s)", path, strings.Join(Formats, ", "))
	}
	var buf bytes.Buffer
	if err := f.Encode(&buf, ext); err != nil {
		return err
	}
	return writeFileAtomic(path, buf.Bytes())
}

// writeFileAtomic writes data to path so that readers see either no file
// or the whole file (internal/safefile; /dev/null and pipes are written
// into, not replaced).
func writeFileAtomic(path string, data []byte) error {
	if err := safefile.WriteFile(path, data); err != nil {
		return fmt.Errorf("plot: writing %s: %w", path, err)
	}
	return nil
}

// sans is the typeface of every picture: sans-serif reads better at small
// sizes than gonum's default serif.
var sans = font.Font{Typeface: "Liberation", Variant: "Sans"}

// newPlot returns a gonum plot styled for gohears pictures.
func newPlot(o Options) *gplot.Plot {
	p := gplot.New()
	p.Title.Text = o.Title
	p.Title.TextStyle.Font = font.From(sans, 12)
	p.Title.Padding = 6
	for _, a := range []*gplot.Axis{&p.X, &p.Y} {
		a.Label.TextStyle.Font = font.From(sans, 10)
		a.Tick.Label.Font = font.From(sans, 9)
		a.Padding = 0
	}
	return p
}

// colorRange returns the value range to map to colours: the options' fixed
// range, or the range of data.
func colorRange(o Options, data []float64) (lo, hi float64) {
	if o.Min != 0 || o.Max != 0 {
		return o.Min, o.Max
	}
	lo, hi = math.Inf(1), math.Inf(-1)
	for _, v := range data {
		lo = min(lo, v)
		hi = max(hi, v)
	}
	if !(hi > lo) { // constant (or no) data: give the map a non-empty range
		if math.IsInf(lo, 0) {
			lo, hi = 0, 1
		} else {
			hi = lo + max(math.Abs(lo), 1)
		}
	}
	return lo, hi
}

// lut is a colour look-up table over [lo, hi]: evaluating a ColorMap per
// pixel costs an interpolation in CIELAB; 256 entries are indistinguishable.
type lut struct {
	lo, hi float64
	colors []color.NRGBA
}

func newLUT(cm palette.ColorMap, lo, hi float64) (*lut, error) {
	if d := hi - lo; math.IsInf(d, 0) || math.IsNaN(d) {
		return nil, fmt.Errorf("plot: colour range [%g, %g] is wider than float64 can hold: rescale the data or set Min and Max", lo, hi)
	}
	cm.SetMin(0)
	cm.SetMax(1)
	const n = 256
	l := &lut{lo: lo, hi: hi, colors: make([]color.NRGBA, n)}
	for i := range n {
		c, err := cm.At(float64(i) / (n - 1))
		if err != nil {
			return nil, fmt.Errorf("plot: colour map: %w", err)
		}
		l.colors[i] = color.NRGBAModel.Convert(c).(color.NRGBA)
	}
	return l, nil
}

func (l *lut) at(v float64) color.NRGBA {
	t := (v - l.lo) / (l.hi - l.lo)
	i := int(math.Round(t * float64(len(l.colors)-1)))
	return l.colors[min(max(i, 0), len(l.colors)-1)]
}

// colorBar draws a vertical colour scale to the right of a plot's data area,
// aligned with it, ticks and labels on its right as readers expect.
type colorBar struct {
	lut   *lut
	label string
	tick  draw.TextStyle
	text  draw.TextStyle
}

func newColorBar(l *lut, label string, p *gplot.Plot) *colorBar {
	b := &colorBar{lut: l, label: label, tick: p.Y.Tick.Label, text: p.Y.Label.TextStyle}
	b.tick.XAlign, b.tick.YAlign = draw.XLeft, draw.YCenter
	b.text.XAlign, b.text.YAlign = draw.XCenter, draw.YBottom
	b.text.Rotation = math.Pi / 2
	return b
}

const (
	barGap   vg.Length = 10 // between the data area and the bar
	barWidth vg.Length = 11
	barTick  vg.Length = 3
)

func (b *colorBar) ticks() []gplot.Tick {
	return linearTicks(b.lut.lo, b.lut.hi, 6)
}

// width is the room the bar needs to the right of the plot.
func (b *colorBar) width() vg.Length {
	lw := vg.Length(0)
	for _, t := range b.ticks() {
		if t.Label != "" && t.Value >= b.lut.lo && t.Value <= b.lut.hi {
			lw = max(lw, b.tick.Width(t.Label))
		}
	}
	w := barGap + barWidth + barTick + 3 + lw + 6
	if b.label != "" {
		w += b.text.Height(b.label) + 4
	}
	return w
}

func (b *colorBar) draw(dc, data draw.Canvas) {
	x0 := data.Max.X + barGap
	rect := vg.Rectangle{Min: vg.Point{X: x0, Y: data.Min.Y}, Max: vg.Point{X: x0 + barWidth, Y: data.Max.Y}}
	n := len(b.lut.colors)
	img := image.NewNRGBA(image.Rect(0, 0, 1, n))
	for i, c := range b.lut.colors {
		img.SetNRGBA(0, n-1-i, c)
	}
	dc.DrawImage(rect, img)
	line := draw.LineStyle{Color: color.Black, Width: 0.5}
	dc.StrokeLines(line, []vg.Point{rect.Min, {X: rect.Max.X, Y: rect.Min.Y}, rect.Max, {X: rect.Min.X, Y: rect.Max.Y}, rect.Min})
	h := rect.Max.Y - rect.Min.Y
	for _, t := range b.ticks() {
		if t.Value < b.lut.lo || t.Value > b.lut.hi {
			continue
		}
		y := rect.Min.Y + h*vg.Length((t.Value-b.lut.lo)/(b.lut.hi-b.lut.lo))
		l := barTick
		if t.IsMinor() {
			l = barTick / 2
		}
		dc.StrokeLine2(line, rect.Max.X, y, rect.Max.X+l, y)
		if t.Label != "" {
			dc.FillText(b.tick, vg.Point{X: rect.Max.X + barTick + 3, Y: y}, t.Label)
		}
	}
	if b.label != "" {
		dc.FillText(b.text, vg.Point{X: dc.Max.X - 4, Y: (rect.Min.Y + rect.Max.Y) / 2}, b.label)
	}
}

// checkFinite reports the first NaN or infinity in xs, named what.
func checkFinite(what string, xs []float64) error {
	for i, v := range xs {
		if math.IsNaN(v) || math.IsInf(v, 0) {
			return fmt.Errorf("plot: %s[%d] is %v", what, i, v)
		}
	}
	return nil
}

var errNoData = errors.New("plot: no data to draw")
