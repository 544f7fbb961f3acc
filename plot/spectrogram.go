package plot

import (
	"fmt"
	"image"
	"math"

	gplot "gonum.org/v1/plot"
	"gonum.org/v1/plot/plotter"
)

// Spectrogram draws a short-time power spectrum as a time × frequency heat
// map in dB with a colour bar, on a linear frequency axis. power[i][j] is the
// power (spectral density, any linear unit) at frequency freqs[i] (Hz,
// strictly increasing and evenly spaced) and time times[j] (s, the centre of
// segment j, strictly increasing and evenly spaced): the layout of
// sound.Spectrogram and Brian Hears' Sound.spectrogram. Options.
// LogFrequencyAxis draws frequency on a logarithmic axis instead, and
// Options.FrequencyTicks chooses the tick frequencies.
//
// Values are drawn as 10·log10(power) over the Options.DynamicRange dB
// below the peak (default 80 dB); if Options.InputDB is set, power already
// holds dB (sound.SpectrogramOptions.LogPower) and is drawn as it is. More
// segments than the picture is wide are averaged in power, in blocks, first.
func Spectrogram(power [][]float64, times, freqs []float64, opts *Options) (*Figure, error) {
	if err := opts.check(); err != nil {
		return nil, err
	}
	o := opts.withDefaults()
	nf, nt := len(freqs), len(times)
	if nf == 0 || nt == 0 {
		return nil, errNoData
	}
	if len(power) != nf {
		return nil, fmt.Errorf("plot: power has %d rows (frequencies) but there are %d frequencies", len(power), nf)
	}
	for i, row := range power {
		if len(row) != nt {
			return nil, fmt.Errorf("plot: power row %d has %d columns but there are %d times", i, len(row), nt)
		}
		if err := checkFinite(fmt.Sprintf("power[%d]", i), row); err != nil {
			return nil, err
		}
		if !o.InputDB {
			for j, v := range row {
				if v < 0 {
					return nil, fmt.Errorf("plot: power[%d][%d] = %g is negative (set InputDB for a matrix in dB)", i, j, v)
				}
			}
		}
	}
	df, err := evenStep("freqs", freqs)
	if err != nil {
		return nil, err
	}
	dt, err := evenStep("times", times)
	if err != nil {
		return nil, err
	}
	if freqs[0] < 0 {
		return nil, fmt.Errorf("plot: negative frequency %g Hz", freqs[0])
	}
	// Transpose to time-major and average whole segments in power.
	data := make([]float64, nt*nf)
	for i, row := range power {
		for j, v := range row {
			data[j*nf+i] = v
		}
	}
	d, err := NewDecimator(nf, nt, o.Width, 1/dt)
	if err != nil {
		return nil, err
	}
	if err := d.Add(data, nt); err != nil {
		return nil, err
	}
	g, err := d.Grid()
	if err != nil {
		return nil, err
	}
	g.Start, g.End = times[0]-dt/2, times[nt-1]+dt/2
	if !o.InputDB {
		peak := 0.0
		for _, v := range g.Data {
			peak = max(peak, v)
		}
		floor := 1e-300
		if peak > 0 {
			floor = peak * math.Pow(10, -o.DynamicRange/10)
		}
		for k, v := range g.Data {
			g.Data[k] = 10 * math.Log10(max(v, floor))
		}
		if opts == nil || (opts.Min == 0 && opts.Max == 0) {
			o.Min, o.Max = 10*math.Log10(max(floor, 1e-300)), 10*math.Log10(max(peak, 1e-300))
			if !(o.Max > o.Min) {
				o.Min = o.Max - o.DynamicRange
			}
		}
	}
	lo, hi := colorRange(o, g.Data)
	l, err := newLUT(o.ColorMap, lo, hi)
	if err != nil {
		return nil, err
	}
	p := newPlot(o)
	ylo, yhi := freqs[0]-df/2, freqs[nf-1]+df/2
	if nf == 1 {
		ylo, yhi = freqs[0]-0.5, freqs[0]+0.5
	}
	var img *image.NRGBA
	if o.LogFrequencyAxis {
		// Rows equally spaced in log10(f), each showing the nearest bin.
		first := 0
		for first < nf && !(freqs[first] > 0) {
			first++
		}
		if first == nf {
			return nil, fmt.Errorf("plot: a logarithmic frequency axis needs a positive frequency (all are 0 Hz)")
		}
		f1 := freqs[first]
		ylo, yhi = math.Log10(max(f1-df/2, f1/2)), math.Log10(freqs[nf-1]+df/2)
		if nf == 1 {
			ylo, yhi = math.Log10(f1)-0.05, math.Log10(f1)+0.05
		}
		rows := o.Height
		img = image.NewNRGBA(image.Rect(0, 0, g.Bins, rows))
		for r := range rows {
			f := math.Pow(10, ylo+(float64(r)+0.5)*(yhi-ylo)/float64(rows))
			i := min(max(int(math.Round((f-freqs[0])/df)), first), nf-1)
			for j := range g.Bins {
				img.SetNRGBA(j, rows-1-r, l.at(g.At(j, i)))
			}
		}
		p.Y.Tick.Marker = logFreqTicker{freqs: o.FrequencyTicks, log10: true}
	} else {
		img = image.NewNRGBA(image.Rect(0, 0, g.Bins, nf))
		for j := range g.Bins {
			for i := range nf {
				img.SetNRGBA(j, nf-1-i, l.at(g.At(j, i)))
			}
		}
		ts := hzTicks(linearTicks(ylo, yhi, 10))
		if o.FrequencyTicks != nil {
			ts = fixedHzTicks(o.FrequencyTicks, ylo, yhi, func(f float64) float64 { return f })
		}
		p.Y.Tick.Marker = gplot.ConstantTicks(ts)
	}
	p.Add(plotter.NewImage(img, g.Start, ylo, g.End, yhi))
	p.X.Label.Text = "Time (s)"
	p.X.Min, p.X.Max = g.Start, g.End
	p.X.Tick.Marker = gplot.ConstantTicks(linearTicks(g.Start, g.End, 10))
	p.Y.Label.Text = "Frequency (Hz)"
	p.Y.Min, p.Y.Max = ylo, yhi
	label := o.ColorLabel
	if label == "" {
		label = "Power (dB)"
	}
	return &Figure{width: o.Width, height: o.Height, dpi: o.DPI, plot: p, bar: newColorBar(l, label, p)}, nil
}

// fixedHzTicks places ticks at the frequencies fs (Hz) that fall inside
// [lo, hi] in axis coordinates, pos mapping a frequency to its coordinate.
func fixedHzTicks(fs []float64, lo, hi float64, pos func(float64) float64) []gplot.Tick {
	var ts []gplot.Tick
	for _, f := range fs {
		if y := pos(f); y >= lo-1e-9*(hi-lo) && y <= hi+1e-9*(hi-lo) {
			ts = append(ts, gplot.Tick{Value: y, Label: hzLabel(f)})
		}
	}
	return ts
}

// hzTicks relabels linear ticks in Hz the hzLabel way (1k, 2.5k).
func hzTicks(ts []gplot.Tick) []gplot.Tick {
	for i, t := range ts {
		if t.Label != "" {
			ts[i].Label = hzLabel(t.Value)
		}
	}
	return ts
}

// evenStep checks that xs is finite, strictly increasing and evenly spaced
// (to 1e-6 of the step), and returns the step (1 for a single value).
func evenStep(what string, xs []float64) (float64, error) {
	if err := checkFinite(what, xs); err != nil {
		return 0, err
	}
	if len(xs) == 1 {
		return 1, nil
	}
	step := (xs[len(xs)-1] - xs[0]) / float64(len(xs)-1)
	if !(step > 0) {
		return 0, fmt.Errorf("plot: %s must increase", what)
	}
	for i := 1; i < len(xs); i++ {
		if d := xs[i] - xs[i-1]; math.Abs(d-step) > 1e-6*step {
			return 0, fmt.Errorf("plot: %s must be evenly spaced: step %g between %d and %d, %g on average", what, d, i-1, i, step)
		}
	}
	return step, nil
}
