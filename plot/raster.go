package plot

import (
	"fmt"
	"image"
	"image/color"
	"math"

	gplot "gonum.org/v1/plot"
	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"
)

// RasterOptions tunes a spike raster.
type RasterOptions struct {
	Options
	// Neurons is the number of neurons (rows); 0 means the largest index + 1.
	Neurons int
	// Duration is the time span drawn, in seconds from 0; 0 means up to the
	// last spike.
	Duration float64
	// CF optionally gives each neuron's characteristic frequency in Hz
	// (strictly increasing, one per neuron), as for neurons fed by the
	// channels of a filterbank: the vertical axis is then labelled in Hz.
	CF []float64
	// Color is the colour of spikes (default near-black).
	Color color.Color
}

// Raster draws spikes as a raster plot: spike k is neuron indices[k] firing
// at times[k] seconds, as recorded by a spike monitor. It takes plain slices
// so that any monitor can feed it.
//
// Spikes are drawn into a bitmap at the output resolution, one mark per
// neuron row and pixel column (darker where several spikes share a pixel),
// so millions of spikes draw as fast as a few.
func Raster(indices []int, times []float64, opts *RasterOptions) (*Figure, error) {
	var ro RasterOptions
	if opts != nil {
		ro = *opts
	}
	if err := ro.Options.check(); err != nil {
		return nil, err
	}
	o := ro.Options.withDefaults()
	if len(indices) != len(times) {
		return nil, fmt.Errorf("plot: %d spike indices but %d spike times", len(indices), len(times))
	}
	if err := checkFinite("times", times); err != nil {
		return nil, err
	}
	if ro.Neurons < 0 || ro.Duration < 0 || math.IsNaN(ro.Duration) || math.IsInf(ro.Duration, 0) {
		return nil, fmt.Errorf("plot: raster of %d neurons over %g s", ro.Neurons, ro.Duration)
	}
	n := ro.Neurons
	last := 0.0
	for k, i := range indices {
		if i < 0 || (ro.Neurons > 0 && i >= ro.Neurons) {
			return nil, fmt.Errorf("plot: spike %d is from neuron %d, outside [0, %d)", k, i, max(ro.Neurons, 1))
		}
		if times[k] < 0 {
			return nil, fmt.Errorf("plot: spike %d at negative time %g s", k, times[k])
		}
		if ro.Neurons == 0 {
			n = max(n, i+1)
		}
		last = max(last, times[k])
	}
	if n == 0 {
		return nil, fmt.Errorf("plot: a raster needs Neurons when there are no spikes")
	}
	dur := ro.Duration
	if dur == 0 {
		dur = last
		if dur == 0 {
			dur = 1
		}
		dur *= 1.0001 // keep the last spike inside the picture
		if math.IsInf(dur, 0) {
			return nil, fmt.Errorf("plot: spike times up to %g s are too large to draw", last)
		}
	}
	p := newPlot(o)
	sp := &spikes{idx: indices, t: times, n: n, dur: dur, dpi: o.DPI, color: ro.Color}
	if sp.color == nil {
		sp.color = color.NRGBA{R: 20, G: 20, B: 40, A: 255}
	}
	p.Add(sp)
	p.X.Label.Text = "Time (s)"
	p.X.Min, p.X.Max = 0, dur
	p.X.Tick.Marker = gplot.ConstantTicks(linearTicks(0, dur, 10))
	p.Y.Min, p.Y.Max = -0.5, float64(n)-0.5
	if ro.CF != nil {
		if len(ro.CF) != n {
			return nil, fmt.Errorf("plot: %d characteristic frequencies for %d neurons", len(ro.CF), n)
		}
		if err := checkCF(ro.CF); err != nil {
			return nil, err
		}
		ax := &freqLayout{cf: ro.CF, axis: ChannelRows, ylo: -0.5, yhi: float64(n) - 0.5}
		p.Y.Label.Text = "Characteristic frequency (Hz)"
		p.Y.Tick.Marker = gplot.ConstantTicks(ax.ticks())
	} else {
		p.Y.Label.Text = "Neuron"
		ts := linearTicks(-0.5, float64(n)-0.5, 8)
		var whole []gplot.Tick // neuron numbers are integers
		for _, t := range ts {
			if t.Value == math.Trunc(t.Value) {
				whole = append(whole, t)
			}
		}
		p.Y.Tick.Marker = gplot.ConstantTicks(whole)
	}
	return &Figure{width: o.Width, height: o.Height, dpi: o.DPI, plot: p}, nil
}

// spikes is the raster plotter: it rasterises the spikes at draw time, at
// the resolution of the canvas, and draws the bitmap.
type spikes struct {
	idx   []int
	t     []float64
	n     int
	dur   float64
	dpi   int // 0: the resolution of the canvas (72 dpi for vector output)
	color color.Color
	// rowColor, when set, gives each neuron (row) its own colour.
	rowColor []color.Color
}

// DataRange implements plot.DataRanger.
func (s *spikes) DataRange() (xmin, xmax, ymin, ymax float64) {
	return 0, s.dur, -0.5, float64(s.n) - 0.5
}

// Plot implements plot.Plotter.
func (s *spikes) Plot(c draw.Canvas, p *gplot.Plot) {
	dpi := float64(s.dpi)
	w := max(1, int(math.Round(float64((c.Max.X-c.Min.X)/vg.Inch)*dpi)))
	h := max(1, int(math.Round(float64((c.Max.Y-c.Min.Y)/vg.Inch)*dpi)))
	count := make([]uint16, w*h)
	var who []int32 // with rowColor: the neuron that marked each pixel last
	if s.rowColor != nil {
		who = make([]int32, w*h)
	}
	rowPx := float64(h) / float64(s.n)
	for k, i := range s.idx {
		// The axis may be wider than [0, dur] when shared with other panels.
		x := int(math.Floor(p.X.Norm(s.t[k]) * float64(w)))
		if x < 0 || x >= w {
			continue
		}
		// Neuron i fills [i, i+1) rows from the bottom; leave a one-pixel
		// gap between neurons when rows are tall enough to show it.
		y0 := float64(i) * rowPx
		y1 := y0 + rowPx
		if rowPx >= 4 {
			y0 += 1
		}
		r0, r1 := int(y0), max(int(math.Ceil(y1)), int(y0)+1)
		for r := r0; r < min(r1, h); r++ {
			if k := (h-1-r)*w + x; count[k] < math.MaxUint16 {
				count[k]++
				if who != nil {
					who[k] = int32(i)
				}
			}
		}
	}
	cr, cg, cb, _ := s.color.RGBA()
	img := image.NewNRGBA(image.Rect(0, 0, w, h))
	for k, m := range count {
		if m == 0 {
			continue
		}
		// Opacity 1-exp(-m): one spike is clearly visible, crowded pixels
		// darken towards the full colour.
		a := 1 - math.Exp(-1.5*float64(m))
		if who != nil {
			cr, cg, cb, _ = s.rowColor[who[k]].RGBA()
		}
		img.Pix[4*k] = uint8(cr >> 8)
		img.Pix[4*k+1] = uint8(cg >> 8)
		img.Pix[4*k+2] = uint8(cb >> 8)
		img.Pix[4*k+3] = uint8(math.Round(255 * a))
	}
	c.DrawImage(c.Rectangle, img)
}
