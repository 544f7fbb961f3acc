package plot

import (
	"fmt"
	"image"
	"math"
	"sort"
	"strconv"

	gplot "gonum.org/v1/plot"
	"gonum.org/v1/plot/plotter"
)

// Cochleagram draws the response of a filterbank as a time × centre
// frequency heat map with a colour bar: data is frame-major (frames ×
// len(cf), channel c of frame f at data[f*len(cf)+c]) at rate Hz, and cf
// holds the channels' centre frequencies in Hz, strictly increasing (as
// filterbank.ERBSpace returns them). The frequency axis is logarithmic by
// default (see Options.FrequencyAxis), labelled in Hz (100, 200, 500, 1k,
// 2k, 5k…).
//
// The data are first reduced in time to the picture's width by block means
// (Decimate), so thousands of channels over many seconds draw quickly. To
// draw a long output without holding it in memory, stream it through a
// Decimator and call CochleagramGrid.
func Cochleagram(data, cf []float64, rate float64, opts *Options) (*Figure, error) {
	if err := opts.check(); err != nil {
		return nil, err
	}
	if len(cf) == 0 {
		return nil, fmt.Errorf("plot: no centre frequencies given")
	}
	if len(data)%len(cf) != 0 {
		return nil, fmt.Errorf("plot: %d values do not divide into %d channels (one per centre frequency)", len(data), len(cf))
	}
	if len(data) == 0 {
		return nil, errNoData
	}
	o := opts.withDefaults()
	g, err := Decimate(data, len(cf), rate, o.Width)
	if err != nil {
		return nil, err
	}
	return CochleagramGrid(g, cf, opts)
}

// CochleagramGrid draws a cochleagram from a Grid already reduced in time
// (from a Decimator or Decimate); cf holds the centre frequency in Hz of each
// of its channels, strictly increasing.
func CochleagramGrid(g *Grid, cf []float64, opts *Options) (*Figure, error) {
	if err := opts.check(); err != nil {
		return nil, err
	}
	if err := g.check(); err != nil {
		return nil, err
	}
	if len(cf) != g.Channels {
		return nil, fmt.Errorf("plot: %d centre frequencies for %d channels", len(cf), g.Channels)
	}
	if err := checkCF(cf); err != nil {
		return nil, err
	}
	o := opts.withDefaults()
	ax := newFreqLayout(cf, o.FrequencyAxis, o.Height)
	lo, hi := colorRange(o, g.Data)
	l, err := newLUT(o.ColorMap, lo, hi)
	if err != nil {
		return nil, err
	}
	img := image.NewNRGBA(image.Rect(0, 0, g.Bins, len(ax.rows)))
	R := len(ax.rows)
	for r, rw := range ax.rows {
		for j := range g.Bins {
			img.SetNRGBA(j, R-1-r, l.at(rw.value(g.Data[j*g.Channels:(j+1)*g.Channels])))
		}
	}
	p := newPlot(o)
	p.Add(plotter.NewImage(img, g.Start, ax.ylo, g.End, ax.yhi))
	p.X.Label.Text = "Time (s)"
	p.X.Min, p.X.Max = g.Start, g.End
	p.X.Tick.Marker = gplot.ConstantTicks(linearTicks(g.Start, g.End, 10))
	p.Y.Label.Text = "Centre frequency (Hz)"
	p.Y.Min, p.Y.Max = ax.ylo, ax.yhi
	if o.FrequencyTicks != nil {
		p.Y.Tick.Marker = gplot.ConstantTicks(fixedHzTicks(o.FrequencyTicks, ax.ylo, ax.yhi, ax.pos))
	} else {
		p.Y.Tick.Marker = gplot.ConstantTicks(ax.ticks())
	}
	label := o.ColorLabel
	return &Figure{width: o.Width, height: o.Height, dpi: o.DPI, plot: p, bar: newColorBar(l, label, p)}, nil
}

// checkCF validates centre frequencies: positive, finite, strictly
// increasing.
func checkCF(cf []float64) error {
	for i, f := range cf {
		if !(f > 0) || math.IsInf(f, 0) {
			return fmt.Errorf("plot: centre frequency %d is %v Hz (must be positive and finite)", i, f)
		}
		if i > 0 && !(f > cf[i-1]) {
			return fmt.Errorf("plot: centre frequencies must increase: cf[%d] = %g Hz follows cf[%d] = %g Hz", i, f, i-1, cf[i-1])
		}
	}
	return nil
}

// freqLayout places channels on the vertical axis. Its coordinate y is
// log10(f) for LogFrequency and the (fractional) channel index for
// ChannelRows; rows[r] says how image row r (row 0 at the bottom) is drawn
// from the channels.
type freqLayout struct {
	cf       []float64
	axis     FrequencyAxis
	ylo, yhi float64
	rows     []pixelRow
}

// pixelRow is the mean of channels [c0, c1) when the row spans one or more
// channel centres; otherwise (c1 == c0+1, w > 0) it interpolates linearly
// between channels c0 and c1 with weight w on c1, so rows finer than the
// channel spacing shade smoothly instead of in steps.
type pixelRow struct {
	c0, c1 int
	w      float64
}

func (p pixelRow) value(frame []float64) float64 {
	if p.w > 0 {
		return (1-p.w)*frame[p.c0] + p.w*frame[p.c1]
	}
	s := 0.0
	for _, v := range frame[p.c0:p.c1] {
		s += v
	}
	return s / float64(p.c1-p.c0)
}

// newFreqLayout lays out cf for a picture about height pixels tall.
func newFreqLayout(cf []float64, axis FrequencyAxis, height int) *freqLayout {
	n := len(cf)
	a := &freqLayout{cf: cf, axis: axis}
	if axis == ChannelRows {
		a.ylo, a.yhi = -0.5, float64(n)-0.5
		R := min(n, height)
		for r := range R {
			a.rows = append(a.rows, pixelRow{c0: r * n / R, c1: max((r+1)*n/R, r*n/R+1)})
		}
		return a
	}
	// Band edges in log10 Hz: geometric midpoints between neighbours, the
	// outer edges mirrored (half an octave each side for a lone channel).
	lg := make([]float64, n)
	for i, f := range cf {
		lg[i] = math.Log10(f)
	}
	edges := make([]float64, n+1)
	for i := 1; i < n; i++ {
		edges[i] = (lg[i-1] + lg[i]) / 2
	}
	if n == 1 {
		edges[0], edges[1] = lg[0]-math.Log10(2)/2, lg[0]+math.Log10(2)/2
	} else {
		edges[0] = lg[0] - (edges[1] - lg[0])
		edges[n] = lg[n-1] + (lg[n-1] - edges[n-1])
	}
	a.ylo, a.yhi = edges[0], edges[n]
	R := max(height, 1)
	step := (a.yhi - a.ylo) / float64(R)
	for r := range R {
		lo, hi := a.ylo+float64(r)*step, a.ylo+float64(r+1)*step
		// Channels whose centre lies in the row are averaged; a row finer
		// than the channel spacing shows the channel whose band holds its
		// centre.
		c0 := sort.SearchFloat64s(lg, lo)
		c1 := sort.SearchFloat64s(lg, hi)
		if c1 > c0 {
			a.rows = append(a.rows, pixelRow{c0: c0, c1: c1})
			continue
		}
		mid := (lo + hi) / 2
		i := sort.SearchFloat64s(lg, mid) // first centre above mid
		switch {
		case i == 0:
			a.rows = append(a.rows, pixelRow{c0: 0, c1: 1})
		case i == n:
			a.rows = append(a.rows, pixelRow{c0: n - 1, c1: n})
		default:
			a.rows = append(a.rows, pixelRow{c0: i - 1, c1: i, w: (mid - lg[i-1]) / (lg[i] - lg[i-1])})
		}
	}
	return a
}

// pos returns the axis coordinate of frequency f (Hz).
func (a *freqLayout) pos(f float64) float64 {
	lf := math.Log10(f)
	if a.axis == LogFrequency {
		return lf
	}
	n := len(a.cf)
	if n == 1 {
		return lf - math.Log10(a.cf[0]) // one row per decade around channel 0
	}
	// Piecewise linear in log frequency between centre frequencies,
	// extended beyond the ends with the slope of the end pairs.
	i := sort.SearchFloat64s(a.cf, f) // first cf ≥ f
	i = min(max(i, 1), n-1)
	l0, l1 := math.Log10(a.cf[i-1]), math.Log10(a.cf[i])
	return float64(i-1) + (lf-l0)/(l1-l0)
}

// ticks returns the frequency ticks: 1-2-5 steps labelled in Hz (100, 200,
// 500, 1k, …) with unlabelled minor ticks at the other integers × 10^k;
// all integers × 10^k are labelled when the range is too narrow for two
// 1-2-5 labels.
func (a *freqLayout) ticks() []gplot.Tick {
	in := func(y float64) bool { return y >= a.ylo-1e-9 && y <= a.yhi+1e-9 }
	build := func(labelAll bool) ([]gplot.Tick, int) {
		var ts []gplot.Tick
		labelled := 0
		for k := -1; k <= 6; k++ {
			for m := 1; m <= 9; m++ {
				f := float64(m) * math.Pow10(k)
				y := a.pos(f)
				if !in(y) {
					continue
				}
				t := gplot.Tick{Value: y}
				if labelAll || m == 1 || m == 2 || m == 5 {
					t.Label = hzLabel(f)
					labelled++
				}
				ts = append(ts, t)
			}
		}
		return ts, labelled
	}
	ts, n := build(false)
	if n >= 2 {
		return a.thin(ts)
	}
	if ts, n = build(true); n >= 2 {
		return a.thin(ts)
	}
	// A very narrow band: linear ticks in Hz.
	flo, fhi := a.freqAt(a.ylo), a.freqAt(a.yhi)
	ts = ts[:0]
	for _, t := range (gplot.DefaultTicks{}).Ticks(flo, fhi) {
		if t.Value > 0 && in(a.pos(t.Value)) {
			ts = append(ts, gplot.Tick{Value: a.pos(t.Value), Label: t.Label})
		}
	}
	return ts
}

// thin drops labels that would crowd each other (on an ERB-rate axis the
// low decades are short): labels at 1×10^k are kept first, then 5×, then
// 2×, each only if at least minLabelGap of the axis from every kept label;
// minor ticks too close to a kept label are dropped as well.
func (a *freqLayout) thin(ts []gplot.Tick) []gplot.Tick {
	const minLabelGap, minTickGap = 0.045, 0.012
	span := a.yhi - a.ylo
	rank := func(t gplot.Tick) int {
		switch t.Label[0] {
		case '1':
			return 0
		case '5':
			return 1
		}
		return 2
	}
	var kept []gplot.Tick
	far := func(y, gap float64) bool {
		for _, k := range kept {
			if math.Abs(k.Value-y) < gap*span {
				return false
			}
		}
		return true
	}
	for r := range 3 {
		for _, t := range ts {
			if t.Label != "" && rank(t) == r && far(t.Value, minLabelGap) {
				kept = append(kept, t)
			}
		}
	}
	var minor []gplot.Tick
	for _, t := range ts {
		switch {
		case t.Label == "" && far(t.Value, minTickGap):
			minor = append(minor, t)
		case t.Label != "" && far(t.Value, 1e-12): // a label dropped: keep its mark
			minor = append(minor, gplot.Tick{Value: t.Value})
		}
	}
	return append(kept, minor...)
}

// linearTicks returns ticks for a linear axis over [lo, hi] with at most
// most labelled steps of 1, 2 or 5 × 10^k and unlabelled minor ticks
// between them: gonum's default aims at three labels, too few to read times
// off a long picture.
func linearTicks(lo, hi float64, most int) []gplot.Tick {
	span := hi - lo
	if !(span > 0) {
		return nil
	}
	mag := math.Pow10(int(math.Floor(math.Log10(span / float64(most)))))
	step := mag
	for _, m := range []float64{1, 2, 5, 10} {
		if span/(m*mag) <= float64(most) {
			step = m * mag
			break
		}
	}
	minor := step / 5
	if r := step / mag; r == 2 || r == 20 {
		minor = step / 4
	}
	prec := max(0, -int(math.Floor(math.Log10(step)+1e-9)))
	var ts []gplot.Tick
	for i := math.Ceil(lo/minor - 1e-9); i*minor <= hi+1e-9*span; i++ {
		v := i * minor
		if v == 0 {
			v = 0 // not -0, which would print as "-0.0"
		}
		t := gplot.Tick{Value: v}
		if k := v / step; math.Abs(k-math.Round(k)) < 1e-6 {
			t.Label = strconv.FormatFloat(v, 'f', prec, 64)
			if step >= 1e6 || step < 1e-4 { // "2e+09", not ten digits or more
				t.Label = strconv.FormatFloat(v, 'g', 6, 64)
			}
		}
		ts = append(ts, t)
	}
	return ts
}

// freqAt inverts pos (Hz at axis coordinate y).
func (a *freqLayout) freqAt(y float64) float64 {
	if a.axis == LogFrequency {
		return math.Pow(10, y)
	}
	n := len(a.cf)
	if n == 1 {
		return a.cf[0] * math.Pow(10, y)
	}
	i := min(max(int(math.Floor(y))+1, 1), n-1)
	l0, l1 := math.Log10(a.cf[i-1]), math.Log10(a.cf[i])
	return math.Pow(10, l0+(y-float64(i-1))*(l1-l0))
}

// hzLabel writes a frequency the way hearing scientists label axes: 50,
// 100, 500, 1k, 2.5k, 10k.
func hzLabel(f float64) string {
	if f >= 1000 {
		return strconv.FormatFloat(f/1000, 'g', 4, 64) + "k"
	}
	return strconv.FormatFloat(f, 'g', 4, 64)
}
