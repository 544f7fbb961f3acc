// Package figs holds the small drawing helpers shared by the ports of the
// Brian Hears examples: line plots (waveforms, impulse responses, frequency
// responses), panels laid out in a grid, and PNG output. Heat maps come from
// package plot (cochleagrams, spectrograms); this package only adds the line
// plots that Brian Hears' examples draw with matplotlib's plot(), and the
// subplot() layout, neither of which package plot offers.
package figs

import (
	"bytes"
	"errors"
	"flag"
	"fmt"
	"image"
	"image/color"
	"image/draw"
	"image/png"
	"math"
	"sort"
	"strconv"

	gplot "gonum.org/v1/plot"
	"gonum.org/v1/plot/font"
	"gonum.org/v1/plot/plotter"
	"gonum.org/v1/plot/vg"
	vgdraw "gonum.org/v1/plot/vg/draw"
	"gonum.org/v1/plot/vg/vgimg"

	"github.com/gohears/hears/internal/safefile"
)

// DPI is the resolution at which panels are rendered.
const DPI = 100

// Series is one curve of a line plot: Y against X (same length).
type Series struct {
	Label string // legend entry ("" for none)
	X, Y  []float64
	Color color.Color // nil: Palette(i)
	Dash  bool        // dashed line
}

// LineOptions configure a line plot.
type LineOptions struct {
	Title, XLabel, YLabel string
	LogX                  bool    // logarithmic x axis (all X > 0)
	YMin, YMax            float64 // y range; both zero: automatic
	XMin, XMax            float64 // x range; both zero: automatic
	NoYTicks              bool    // hide y tick labels (offset, normalised traces)
	LegendBottom          bool    // legend at the bottom instead of the top
	LegendLeft            bool    // legend on the left instead of the right
}

// sans is the typeface of package plot's pictures.
var sans = font.Font{Typeface: "Liberation", Variant: "Sans"}

// Palette returns the i-th of a set of distinguishable colours (Tableau 10).
func Palette(i int) color.Color {
	p := []color.RGBA{
		{31, 119, 180, 255}, {255, 127, 14, 255}, {44, 160, 44, 255},
		{214, 39, 40, 255}, {148, 103, 189, 255}, {140, 86, 75, 255},
		{227, 119, 194, 255}, {127, 127, 127, 255}, {188, 189, 34, 255},
		{23, 190, 207, 255},
	}
	return p[((i%len(p))+len(p))%len(p)]
}

// Ramp returns colour i of n along a blue-to-red ramp, for families of
// curves ordered by a parameter (e.g. centre frequency).
func Ramp(i, n int) color.Color {
	t := 0.0
	if n > 1 {
		t = float64(i) / float64(n-1)
	}
	return color.RGBA{uint8(30 + 200*t), uint8(60 + 60*math.Sin(math.Pi*t)), uint8(220 - 190*t), 255}
}

// Line builds a line plot of the series.
func Line(o LineOptions, series ...Series) (*gplot.Plot, error) {
	p := gplot.New()
	// The typeface and sizes of package plot's pictures, so that panels
	// stacked with its heat maps match.
	p.Title.Text = o.Title
	p.Title.TextStyle.Font = font.From(sans, 12)
	p.Title.Padding = 6
	for _, a := range []*gplot.Axis{&p.X, &p.Y} {
		a.Label.TextStyle.Font = font.From(sans, 10)
		a.Tick.Label.Font = font.From(sans, 9)
	}
	p.Legend.TextStyle.Font = font.From(sans, 9)
	p.X.Label.Text = o.XLabel
	p.Y.Label.Text = o.YLabel
	p.Add(plotter.NewGrid())
	p.X.Tick.Marker = niceTicks{}
	p.Y.Tick.Marker = niceTicks{}
	if o.LogX {
		p.X.Scale = gplot.LogScale{}
		p.X.Tick.Marker = logTicks{}
	}
	if o.NoYTicks {
		p.Y.Tick.Marker = gplot.ConstantTicks{}
	}
	legend := false
	for i, s := range series {
		if len(s.X) != len(s.Y) {
			return nil, fmt.Errorf("figs: series %q has %d x and %d y values", s.Label, len(s.X), len(s.Y))
		}
		if len(s.X) == 0 {
			continue
		}
		xy := make(plotter.XYs, len(s.X))
		for k := range s.X {
			if math.IsNaN(s.Y[k]) || math.IsInf(s.Y[k], 0) || math.IsNaN(s.X[k]) || math.IsInf(s.X[k], 0) {
				return nil, fmt.Errorf("figs: series %q has a non-finite point at %d", s.Label, k)
			}
			xy[k] = plotter.XY{X: s.X[k], Y: s.Y[k]}
		}
		l, err := plotter.NewLine(xy)
		if err != nil {
			return nil, err
		}
		l.Color = s.Color
		if l.Color == nil {
			l.Color = Palette(i)
		}
		l.Width = vg.Points(1.2)
		if s.Dash {
			l.Dashes = []vg.Length{vg.Points(5), vg.Points(3)}
		}
		p.Add(l)
		if s.Label != "" {
			p.Legend.Add(s.Label, l)
			legend = true
		}
	}
	if legend {
		p.Legend.Top = !o.LegendBottom
		p.Legend.Left = o.LegendLeft
	}
	if o.YMin != 0 || o.YMax != 0 {
		p.Y.Min, p.Y.Max = o.YMin, o.YMax
	}
	if o.XMin != 0 || o.XMax != 0 {
		p.X.Min, p.X.Max = o.XMin, o.XMax
	}
	return p, nil
}

// Render draws p on a width × height pixel image.
func Render(p *gplot.Plot, width, height int) image.Image {
	c := vgimg.NewWith(vgimg.UseWH(vg.Length(width)*vg.Inch/DPI, vg.Length(height)*vg.Inch/DPI), vgimg.UseDPI(DPI))
	dc := vgdraw.New(c)
	// White background: vgimg starts transparent.
	dc.SetColor(color.White)
	dc.Fill(dc.Rectangle.Path())
	p.Draw(dc)
	return c.Image()
}

// Grid lays panels out in rows of cols, left to right and top to bottom,
// on a white background; each row is as tall as its tallest panel and each
// column as wide as its widest.
func Grid(cols int, panels ...image.Image) (image.Image, error) {
	if cols < 1 || len(panels) == 0 {
		return nil, errors.New("figs: need at least one panel and one column")
	}
	rows := (len(panels) + cols - 1) / cols
	wcol, hrow := make([]int, cols), make([]int, rows)
	for i, p := range panels {
		b := p.Bounds()
		wcol[i%cols] = max(wcol[i%cols], b.Dx())
		hrow[i/cols] = max(hrow[i/cols], b.Dy())
	}
	x0, y0 := make([]int, cols+1), make([]int, rows+1)
	for c, w := range wcol {
		x0[c+1] = x0[c] + w
	}
	for r, h := range hrow {
		y0[r+1] = y0[r] + h
	}
	out := image.NewRGBA(image.Rect(0, 0, x0[cols], y0[rows]))
	draw.Draw(out, out.Bounds(), image.White, image.Point{}, draw.Src)
	for i, p := range panels {
		at := image.Pt(x0[i%cols], y0[i/cols])
		draw.Draw(out, p.Bounds().Sub(p.Bounds().Min).Add(at), p, p.Bounds().Min, draw.Over)
	}
	return out, nil
}

// MaxBytes is the size SavePNG tries to keep pictures under (the limit for
// pictures committed under docs/img).
const MaxBytes = 145 << 10

// SavePNG writes img to path as a compact PNG, through a temporary file
// renamed over path only when complete.
func SavePNG(path string, img image.Image) error {
	// Pictures of noise (every pixel different) compress badly: if the
	// file would exceed MaxBytes, colours are bucketed more coarsely.
	enc := png.Encoder{CompressionLevel: png.BestCompression}
	var buf bytes.Buffer
	for bits := uint(4); bits >= 2; bits-- {
		buf.Reset()
		if err := enc.Encode(&buf, flatten(img, bits)); err != nil {
			return err
		}
		if buf.Len() <= MaxBytes {
			break
		}
	}
	return writeFile(path, buf.Bytes())
}

// writeFile writes data to path so that a reader never sees half a
// picture (internal/safefile; /dev/null and pipes are written into, not
// replaced).
func writeFile(path string, data []byte) error { return safefile.WriteFile(path, data) }

// flatten renders img on white and reduces it to at most 256 colours,
// so that the PNG is small (a third to a fifth of a true-colour file): the
// palette is the most frequent colours at bits bits per channel, and every
// pixel takes the nearest of them. Line plots have few colours anyway;
// heat maps keep their gradients to within a few levels. (image/draw's
// quantizers dither, which makes files larger, hence this.)
func flatten(img image.Image, bits uint) image.Image {
	b := img.Bounds()
	rgba := image.NewRGBA(b)
	draw.Draw(rgba, b, image.White, image.Point{}, draw.Src)
	draw.Draw(rgba, b, img, b.Min, draw.Over)
	sh := 8 - bits
	key := func(r, g, b uint8) int { return int(r>>sh)<<(2*bits) | int(g>>sh)<<bits | int(b>>sh) }
	var count [1 << 15]int
	var sum [1 << 15][3]int
	pix := rgba.Pix
	for i := 0; i < len(pix); i += 4 {
		k := key(pix[i], pix[i+1], pix[i+2])
		count[k]++
		sum[k][0] += int(pix[i])
		sum[k][1] += int(pix[i+1])
		sum[k][2] += int(pix[i+2])
	}
	keys := make([]int, 0, 1024)
	for k, n := range count {
		if n > 0 {
			keys = append(keys, k)
		}
	}
	sort.Slice(keys, func(i, j int) bool { return count[keys[i]] > count[keys[j]] })
	if len(keys) > 256 {
		keys = keys[:256]
	}
	pal := make(color.Palette, len(keys))
	for i, k := range keys {
		n := count[k]
		pal[i] = color.RGBA{uint8(sum[k][0] / n), uint8(sum[k][1] / n), uint8(sum[k][2] / n), 255}
	}
	out := image.NewPaletted(b, pal)
	var cache [1 << 15]int16
	for i := range cache {
		cache[i] = -1
	}
	for y := b.Min.Y; y < b.Max.Y; y++ {
		for x := b.Min.X; x < b.Max.X; x++ {
			i := rgba.PixOffset(x, y)
			k := key(pix[i], pix[i+1], pix[i+2])
			if cache[k] < 0 {
				cache[k] = int16(pal.Index(color.RGBA{pix[i], pix[i+1], pix[i+2], 255}))
			}
			out.SetColorIndex(x, y, uint8(cache[k]))
		}
	}
	return out
}

// Linspace returns n values from lo to hi inclusive.
func Linspace(lo, hi float64, n int) []float64 {
	v := make([]float64, n)
	for i := range v {
		if n == 1 {
			v[i] = lo
			continue
		}
		v[i] = lo + (hi-lo)*float64(i)/float64(n-1)
	}
	return v
}

// Times returns n sample times k/rate scaled by unit (e.g. 1000 for ms).
func Times(n int, rate, unit float64) []float64 {
	t := make([]float64, n)
	for k := range t {
		t[k] = float64(k) / rate * unit
	}
	return t
}

// niceTicks places about eight major ticks at multiples of 1, 2 or 5 × 10^k
// (gonum's default gives as few as two on some ranges).
type niceTicks struct{}

// Ticks implements gplot.Ticker.
func (niceTicks) Ticks(lo, hi float64) []gplot.Tick {
	if !(hi > lo) {
		return []gplot.Tick{{Value: lo, Label: strconv.FormatFloat(lo, 'g', 4, 64)}}
	}
	raw := (hi - lo) / 8
	mag := math.Pow(10, math.Floor(math.Log10(raw)))
	step := mag
	for _, m := range []float64{1, 2, 5, 10} {
		if m*mag >= raw {
			step = m * mag
			break
		}
	}
	var ticks []gplot.Tick
	for v := math.Ceil(lo/step) * step; v <= hi+step*1e-9; v += step {
		if math.Abs(v) < step*1e-9 {
			v = 0
		}
		ticks = append(ticks, gplot.Tick{Value: v, Label: strconv.FormatFloat(v, 'g', 6, 64)})
		for k := 1; k < 5; k++ { // minor ticks
			if m := v + float64(k)*step/5; m <= hi {
				ticks = append(ticks, gplot.Tick{Value: m})
			}
		}
	}
	return ticks
}

// logTicks labels 1, 2 and 5 × 10^k on a logarithmic axis, with unlabelled
// ticks at the other integers × 10^k.
type logTicks struct{}

// Ticks implements gplot.Ticker.
func (logTicks) Ticks(lo, hi float64) []gplot.Tick {
	var ticks []gplot.Tick
	for e := math.Floor(math.Log10(lo)); e <= math.Ceil(math.Log10(hi)); e++ {
		d := math.Pow(10, e)
		for m := 1.0; m < 10; m++ {
			v := m * d
			if v < lo*(1-1e-9) || v > hi*(1+1e-9) {
				continue
			}
			t := gplot.Tick{Value: v}
			if m == 1 || m == 2 || m == 5 {
				t.Label = strconv.FormatFloat(v, 'g', 6, 64)
				if v >= 1000 && math.Mod(v, 1000) == 0 {
					t.Label = strconv.FormatFloat(v/1000, 'g', 6, 64) + "k"
				}
			}
			ticks = append(ticks, t)
		}
	}
	return ticks
}

// Stacked returns one series per trace against x, each normalised to its
// largest absolute value and offset by 2.2 per trace from the bottom, with
// colours along Ramp: the layout for families of impulse responses.
// labels may be nil.
func Stacked(x []float64, traces [][]float64, labels []string) []Series {
	var series []Series
	for i, h := range traces {
		peak := 0.0
		for _, v := range h {
			peak = max(peak, math.Abs(v))
		}
		if peak == 0 {
			peak = 1
		}
		y := make([]float64, len(h))
		for k, v := range h {
			y[k] = v/peak + 2.2*float64(i)
		}
		s := Series{X: x[:len(h)], Y: y, Color: Ramp(i, len(traces))}
		if labels != nil {
			s.Label = labels[i]
		}
		series = append(series, s)
	}
	return series
}

// Pick returns v[i] for each index i of idx, in order (the parameters of the
// channels whose impulse responses an example draws).
func Pick(v []float64, idx []int) []float64 {
	out := make([]float64, len(idx))
	for k, i := range idx {
		out[k] = v[i]
	}
	return out
}

// ImpulsePanel is the line plot of a family of impulse responses sampled at
// rate Hz, against time in ms, each normalised to its peak and offset
// (Stacked); labels may be nil.
func ImpulsePanel(title string, rate float64, ir [][]float64, labels []string) (*gplot.Plot, error) {
	if len(ir) == 0 {
		return nil, errors.New("figs: no impulse responses to draw")
	}
	series := Stacked(Times(len(ir[0]), rate, 1000), ir, labels)
	return Line(LineOptions{Title: title, XLabel: "Time (ms)", YLabel: "Response", NoYTicks: true}, series...)
}

// SaveBelow writes to path the picture top (e.g. a cochleagram from
// package plot) with the plot p rendered width × height pixels below it.
func SaveBelow(path string, top image.Image, p *gplot.Plot, width, height int) error {
	img, err := Grid(1, top, Render(p, width, height))
	if err != nil {
		return err
	}
	return SavePNG(path, img)
}

// Flags parses the command line shared by the examples that draw one
// picture from a stimulus: -o, the picture to write (default picture), and
// -duration, that of the stimulus in seconds (default duration; usage
// "duration of <what>, s", e.g. what "the noise"). It returns the two values.
func Flags(picture string, duration float64, what string) (path string, seconds float64) {
	flag.StringVar(&path, "o", picture, "picture to write (PNG)")
	flag.Float64Var(&seconds, "duration", duration, "duration of "+what+", s")
	flag.Parse()
	return path, seconds
}
