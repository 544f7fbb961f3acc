package plot

import (
	"fmt"
	"math"
	"strconv"

	gplot "gonum.org/v1/plot"
)

// logFrequencyRanges are Brian Hears' tick sets for a logarithmic frequency
// axis (log_frequency_axis_labels, brian2hears/plotting.py): the first set
// whose span covers the axis gives the ticks.
var logFrequencyRanges = [][]float64{
	{1, 2, 4, 8, 16, 32, 64},
	{50, 75, 100, 150, 200, 300, 400},
	{10, 20, 40, 80, 160, 320},
	{1, 2, 4, 8, 16, 32, 64, 100, 200, 400, 800},
	{125, 250, 500, 1000, 2000, 4000, 8000, 16000},
	{100, 250, 500, 1000, 2500, 5000, 10000, 25000, 50000},
}

// LogFrequencyTicks returns the tick frequencies, in Hz, of a logarithmic
// frequency axis spanning [lo, hi] Hz, as Brian Hears'
// log_frequency_xaxis_labels and log_frequency_yaxis_labels choose them:
// freqs when given (the override; those inside [lo, hi] are kept), else the
// first of Brian Hears' tick sets (1, 2, 4 … 64; 50, 75, 100 … 400; 10, 20
// … 320; 1 … 800; 125, 250 … 16000; 100, 250, 500 … 50000) whose ends
// contain the axis (to 1e-4), else the powers of 2 inside it (Brian Hears'
// LogLocator(base=2); gohears thins them to every 2nd, 3rd … power to keep
// at most 11 labels). Ticks outside [lo, hi] are not returned. lo must be
// positive and below hi.
func LogFrequencyTicks(lo, hi float64, freqs []float64) ([]float64, error) {
	if !(lo > 0) || !(hi > lo) || math.IsInf(hi, 0) {
		return nil, fmt.Errorf("plot: a logarithmic frequency axis needs 0 < low < high, got [%v, %v] Hz", lo, hi)
	}
	in := func(f float64) bool { return f >= lo*(1-1e-9) && f <= hi*(1+1e-9) }
	var out []float64
	if freqs != nil {
		if err := checkTickFreqs(freqs); err != nil {
			return nil, err
		}
		for _, f := range freqs {
			if in(f) {
				out = append(out, f)
			}
		}
		return out, nil
	}
	for _, r := range logFrequencyRanges {
		if lo >= r[0]*0.9999 && hi <= r[len(r)-1]*1.0001 {
			for _, f := range r {
				if in(f) {
					out = append(out, f)
				}
			}
			return out, nil
		}
	}
	k0, k1 := int(math.Ceil(math.Log2(lo)-1e-9)), int(math.Floor(math.Log2(hi)+1e-9))
	step := 1
	for (k1-k0)/step+1 > 11 {
		step++
	}
	for k := k0; k <= k1; k += step {
		out = append(out, math.Ldexp(1, k))
	}
	return out, nil
}

func checkTickFreqs(freqs []float64) error {
	for i, f := range freqs {
		if !(f > 0) || math.IsInf(f, 0) {
			return fmt.Errorf("plot: tick frequency %d is %v Hz (must be positive and finite)", i, f)
		}
	}
	return nil
}

// logFreqTicker labels a frequency axis with LogFrequencyTicks. With
// log10 set, the axis coordinate is log10(f) (images drawn in log
// frequency); otherwise it is f on a gplot.LogScale axis.
type logFreqTicker struct {
	freqs []float64 // override, or nil
	log10 bool
}

// Ticks implements gplot.Ticker.
func (t logFreqTicker) Ticks(min, max float64) []gplot.Tick {
	lo, hi := min, max
	if t.log10 {
		lo, hi = math.Pow(10, min), math.Pow(10, max)
	}
	fs, err := LogFrequencyTicks(lo, hi, t.freqs)
	if err != nil {
		return nil
	}
	ts := make([]gplot.Tick, len(fs))
	for i, f := range fs {
		v := f
		if t.log10 {
			v = math.Log10(f)
		}
		ts[i] = gplot.Tick{Value: v, Label: logFreqLabel(f)}
	}
	return ts
}

// logFreqLabel is hzLabel, except that frequencies of 1 kHz and more that
// are not multiples of 10 Hz (the powers of 2 of the fallback ticks) are
// written whole, as Brian Hears' ScalarFormatter writes them: "1024", not
// "1.024k".
func logFreqLabel(f float64) string {
	if f >= 1000 && f == math.Trunc(f) && math.Mod(f, 10) != 0 {
		return strconv.FormatFloat(f, 'f', 0, 64)
	}
	return hzLabel(f)
}

// LogFrequencyX draws the panel's x axis as a logarithmic frequency axis
// in Hz, ticked as Brian Hears' log_frequency_xaxis_labels (see
// LogFrequencyTicks); freqs, when given, are the tick frequencies. Every x
// value of the panel must be positive: the figure reports an error
// otherwise.
func (pn *Panel) LogFrequencyX(freqs ...float64) error {
	if err := checkTickFreqs(freqs); err != nil {
		return err
	}
	pn.logFreqX = &logFreqTicker{freqs: nilIfEmpty(freqs)}
	return nil
}

// LogFrequencyY is LogFrequencyX for the y axis (Brian Hears'
// log_frequency_yaxis_labels).
func (pn *Panel) LogFrequencyY(freqs ...float64) error {
	if err := checkTickFreqs(freqs); err != nil {
		return err
	}
	pn.logFreqY = &logFreqTicker{freqs: nilIfEmpty(freqs)}
	return nil
}

func nilIfEmpty(xs []float64) []float64 {
	if len(xs) == 0 {
		return nil
	}
	return append([]float64(nil), xs...)
}

// applyLogFrequency puts a panel axis on a log scale with log-frequency
// ticks, after its range is known.
func applyLogFrequency(a *gplot.Axis, t *logFreqTicker, name string) error {
	if !(a.Min > 0) {
		return fmt.Errorf("plot: the %s axis is a logarithmic frequency axis but reaches %v Hz (values must be positive)", name, a.Min)
	}
	if !(a.Max > a.Min) {
		a.Min, a.Max = a.Min/2, a.Min*2
	}
	a.Scale = gplot.LogScale{}
	a.Tick.Marker = *t
	return nil
}
