package plot

import (
	"fmt"
	"math"

	gplot "gonum.org/v1/plot"
)

// Axes labels and scales a picture's axes: each value is multiplied by its
// Scale before drawing (1e3 draws seconds as ms, volts as mV), and the
// labels should name the unit after scaling.
type Axes struct {
	XLabel, YLabel string
	XScale, YScale float64 // default 1
}

func (a Axes) scales() (xs, ys float64, err error) {
	xs, ys = a.XScale, a.YScale
	if xs == 0 {
		xs = 1
	}
	if ys == 0 {
		ys = 1
	}
	for _, v := range []float64{xs, ys} {
		if !(v > 0) || math.IsInf(v, 0) {
			return 0, 0, fmt.Errorf("plot: axis scale %v must be positive and finite", v)
		}
	}
	return xs, ys, nil
}

func scaled(xs []float64, k float64) []float64 {
	out := make([]float64, len(xs))
	for i, v := range xs {
		out[i] = v * k
	}
	return out
}

// TraceOptions tunes Traces.
type TraceOptions struct {
	Options
	// Axes default to "Time (ms)" (XScale 1e3) and "v (mV)" (YScale 1e3).
	Axes
	// Labels names each trace in the legend (e.g. "neuron 3").
	Labels []string
	// SpikeTop is the height, in the y unit after scaling, up to which a
	// spike is drawn from the trace; 0 puts it 10% of the traces' range
	// above their maximum.
	SpikeTop float64
}

// Traces draws state-variable traces of several neurons against time in
// one panel, each in its colour, with each neuron's spikes marked by a
// stroke from the trace up to SpikeTop (an integrate-and-fire trace resets
// at threshold and would otherwise show no spike). t holds the sample times
// in seconds (a StateMonitor's T), traces[k] the values of neuron k in SI
// units (Trace), spikes[k] its spike times (a SpikeMonitor's Train; nil or
// shorter than traces for none). A spike is drawn at the sample nearest to
// its time.
func Traces(t []float64, traces [][]float64, spikes [][]float64, opts *TraceOptions) (*Figure, error) {
	var o TraceOptions
	if opts != nil {
		o = *opts
	}
	if o.XLabel == "" && o.XScale == 0 {
		o.XLabel, o.XScale = "Time (ms)", 1e3
	}
	if o.YLabel == "" && o.YScale == 0 {
		o.YLabel, o.YScale = "v (mV)", 1e3
	}
	pn, err := TracePanel(t, traces, spikes, o)
	if err != nil {
		return nil, err
	}
	pn.p.Title.Text = "" // the figure's title, drawn once above it
	return Stack(&o.Options, ShareNone, pn)
}

// TracePanel is Traces as a panel, for figures of several panels.
func TracePanel(t []float64, traces [][]float64, spikes [][]float64, o TraceOptions) (*Panel, error) {
	xs, ys, err := o.Axes.scales()
	if err != nil {
		return nil, err
	}
	if len(traces) == 0 {
		return nil, fmt.Errorf("plot: traces: %w", errNoData)
	}
	if len(spikes) > len(traces) {
		return nil, fmt.Errorf("plot: spikes of %d neurons for %d traces", len(spikes), len(traces))
	}
	if o.Labels != nil && len(o.Labels) != len(traces) {
		return nil, fmt.Errorf("plot: %d labels for %d traces", len(o.Labels), len(traces))
	}
	if err := checkFinite("trace times", t); err != nil {
		return nil, err
	}
	for k := 1; k < len(t); k++ {
		if !(t[k] > t[k-1]) {
			return nil, fmt.Errorf("plot: trace times do not increase at sample %d (%g s after %g s)", k, t[k], t[k-1])
		}
	}
	pn := NewPanel(o.Title, o.XLabel, o.YLabel)
	top := o.SpikeTop
	if top == 0 {
		lo, hi := math.Inf(1), math.Inf(-1)
		for _, tr := range traces {
			for _, v := range tr {
				lo, hi = math.Min(lo, v*ys), math.Max(hi, v*ys)
			}
		}
		top = hi + 0.1*math.Max(hi-lo, math.Abs(hi)*0.1+1e-300)
	}
	tx := scaled(t, xs)
	for k, tr := range traces {
		label := ""
		if o.Labels != nil {
			label = o.Labels[k]
		}
		y := scaled(tr, ys)
		c, err := pn.Line(tx, y, label)
		if err != nil {
			return nil, fmt.Errorf("plot: trace %d: %w", k, err)
		}
		if k >= len(spikes) || len(spikes[k]) == 0 {
			continue
		}
		if err := checkFinite(fmt.Sprintf("spikes of trace %d", k), spikes[k]); err != nil {
			return nil, err
		}
		var st, sy []float64
		for _, s := range spikes[k] {
			j := nearestSample(t, s)
			if j < 0 {
				continue
			}
			st = append(st, s*xs)
			sy = append(sy, y[j])
		}
		if err := pn.SpikeMarks(st, sy, top, c); err != nil {
			return nil, err
		}
	}
	return pn, nil
}

// nearestSample returns the index of the sample of sorted times t nearest
// to s, or −1 when s lies outside [t[0], t[last]] by more than a sample.
func nearestSample(t []float64, s float64) int {
	if len(t) == 0 {
		return -1
	}
	lo, hi := 0, len(t)-1
	for hi-lo > 1 {
		m := (lo + hi) / 2
		if t[m] <= s {
			lo = m
		} else {
			hi = m
		}
	}
	j := lo
	if math.Abs(t[hi]-s) < math.Abs(t[lo]-s) {
		j = hi
	}
	step := 0.0
	if len(t) > 1 {
		step = (t[len(t)-1] - t[0]) / float64(len(t)-1)
	}
	if math.Abs(t[j]-s) > step+1e-12 {
		return -1
	}
	return j
}

// RasterRateOptions tunes RasterRate.
type RasterRateOptions struct {
	Options
	// TimeScale multiplies times on the axis (default 1e3: milliseconds).
	TimeScale float64
	// RateWeight is the rate panel's height relative to the raster's
	// (default 1/3).
	RateWeight float64
}

// RasterRate draws the rasters of groups over [0, duration) seconds, each
// group in its colour and named on the vertical axis, with the population
// rate rate[k] (Hz) at times t[k] (s) in a panel below sharing the time
// axis — what Brian2's examples draw from a SpikeMonitor and a
// PopulationRateMonitor (smooth the rate first, e.g. with
// analysis.SmoothRate). With no rate (nil t and rate) only the raster is
// drawn.
func RasterRate(groups []RasterGroup, duration float64, t, rate []float64, opts *RasterRateOptions) (*Figure, error) {
	var o RasterRateOptions
	if opts != nil {
		o = *opts
	}
	if o.TimeScale == 0 {
		o.TimeScale = 1e3
	}
	if o.RateWeight == 0 {
		o.RateWeight = 1.0 / 3
	}
	unit := "s"
	if o.TimeScale == 1e3 {
		unit = "ms"
	} else if o.TimeScale != 1 {
		unit = fmt.Sprintf("%g s", 1/o.TimeScale)
	}
	rp := NewPanel("", "Time ("+unit+")", "Neuron")
	if err := rp.Raster(groups, duration, o.TimeScale); err != nil {
		return nil, err
	}
	if t == nil && rate == nil {
		return Stack(&o.Options, ShareX, rp)
	}
	ratePn := NewPanel("", "Time ("+unit+")", "Rate (Hz)")
	ratePn.Weight = o.RateWeight
	ratePn.n = 6 // black
	if _, err := ratePn.Line(scaled(t, o.TimeScale), rate, ""); err != nil {
		return nil, fmt.Errorf("plot: population rate: %w", err)
	}
	ratePn.XMin, ratePn.XMax = 0, duration*o.TimeScale
	rp.Weight = 1
	return Stack(&o.Options, ShareX, rp, ratePn)
}

// HistogramOptions tunes Histogram.
type HistogramOptions struct {
	Options
	// Axes label and scale the bins (x) and the counts (y).
	Axes
	// Label names the histogram in a legend (none when empty).
	Label string
}

// Histogram draws bars: bar k spans [edges[k], edges[k+1]) with height
// counts[k] — an ISI histogram (edges in s, XScale 1e3 for ms), a weight
// distribution, any analysis.Histogram (Edges, Counts).
func Histogram(edges, counts []float64, opts *HistogramOptions) (*Figure, error) {
	var o HistogramOptions
	if opts != nil {
		o = *opts
	}
	pn, err := HistogramPanel(edges, counts, o)
	if err != nil {
		return nil, err
	}
	pn.p.Title.Text = "" // the figure's title, drawn once above it
	return Stack(&o.Options, ShareNone, pn)
}

// HistogramPanel is Histogram as a panel.
func HistogramPanel(edges, counts []float64, o HistogramOptions) (*Panel, error) {
	xs, ys, err := o.Axes.scales()
	if err != nil {
		return nil, err
	}
	pn := NewPanel(o.Title, o.XLabel, o.YLabel)
	if _, err := pn.Bars(scaled(edges, xs), scaled(counts, ys), o.Label); err != nil {
		return nil, err
	}
	pn.XMin, pn.XMax = edges[0]*xs, edges[len(edges)-1]*xs
	lo := 0.0
	for _, c := range counts {
		lo = math.Min(lo, c*ys)
	}
	pn.YMin = lo
	return pn, nil
}

// Correlogram draws a correlogram (analysis.CrossCorrelogram's Edges, lags
// in s, and Counts, coincidence rates in Hz) with lags in ms.
func Correlogram(edges, rates []float64, opts *Options) (*Figure, error) {
	var o Options
	if opts != nil {
		o = *opts
	}
	return Histogram(edges, rates, &HistogramOptions{Options: o,
		Axes: Axes{XLabel: "Lag (ms)", XScale: 1e3, YLabel: "Coincidence rate (Hz)"}})
}

// PeriodHistogram draws a period histogram (analysis.PeriodHistogram's
// Edges, phases in cycles, and Counts, spikes per bin).
func PeriodHistogram(edges, counts []float64, opts *Options) (*Figure, error) {
	var o Options
	if opts != nil {
		o = *opts
	}
	return Histogram(edges, counts, &HistogramOptions{Options: o,
		Axes: Axes{XLabel: "Phase (cycles)", YLabel: "Spikes"}})
}

// CurveOptions tunes Curves.
type CurveOptions struct {
	Options
	// Axes label and scale x and y, e.g. "I (nA)" with XScale 1e9 and
	// "Rate (Hz)" for an f–I curve, "Level (dB SPL)" and "Rate (Hz)" for a
	// rate–level curve.
	Axes
	// Labels names each curve in the legend.
	Labels []string
	// LogX draws x on a logarithmic axis (x must be positive).
	LogX bool
	// FrequencyX says x is a frequency in Hz (tuning curves, rates or
	// thresholds against frequency): it is drawn on a logarithmic axis
	// ticked as Brian Hears' log_frequency_xaxis_labels, at
	// Options.FrequencyTicks when given (see LogFrequencyTicks).
	FrequencyX bool
}

// Curves draws curves ys[k] against x with a marker at each point: f–I
// curves (analysis.FICurve), rate–level and tuning curves.
func Curves(x []float64, ys [][]float64, opts *CurveOptions) (*Figure, error) {
	var o CurveOptions
	if opts != nil {
		o = *opts
	}
	pn, err := CurvePanel(x, ys, o)
	if err != nil {
		return nil, err
	}
	pn.p.Title.Text = "" // the figure's title, drawn once above it
	return Stack(&o.Options, ShareNone, pn)
}

// CurvePanel is Curves as a panel.
func CurvePanel(x []float64, ys [][]float64, o CurveOptions) (*Panel, error) {
	xs, yscale, err := o.Axes.scales()
	if err != nil {
		return nil, err
	}
	if len(ys) == 0 {
		return nil, fmt.Errorf("plot: curves: %w", errNoData)
	}
	if o.Labels != nil && len(o.Labels) != len(ys) {
		return nil, fmt.Errorf("plot: %d labels for %d curves", len(o.Labels), len(ys))
	}
	pn := NewPanel(o.Title, o.XLabel, o.YLabel)
	if o.FrequencyX {
		if err := pn.LogFrequencyX(o.FrequencyTicks...); err != nil {
			return nil, err
		}
	}
	if o.LogX || o.FrequencyX {
		for _, v := range x {
			if !(v > 0) {
				return nil, fmt.Errorf("plot: a logarithmic axis needs positive x, got %v", v)
			}
		}
		if !o.FrequencyX {
			pn.p.X.Scale = gplot.LogScale{}
			pn.p.X.Tick.Marker = gplot.LogTicks{Prec: -1}
		}
	}
	for k, y := range ys {
		label := ""
		if o.Labels != nil {
			label = o.Labels[k]
		}
		if _, err := pn.LinePoints(scaled(x, xs), scaled(y, yscale), label); err != nil {
			return nil, fmt.Errorf("plot: curve %d: %w", k, err)
		}
	}
	return pn, nil
}
