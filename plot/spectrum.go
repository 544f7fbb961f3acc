package plot

import (
	"fmt"
	"math"

	"gonum.org/v1/plot/plotter"
)

// Spectrum draws a sound's spectrum as Brian Hears'
// Sound.spectrum(display=True) does: power in dB (top) and unwrapped phase
// in radians (bottom) against frequency on a logarithmic axis shared by
// both, ticked as log_frequency_xaxis_labels (Options.FrequencyTicks
// overrides the tick frequencies). freqs (Hz, ascending), power and phase
// are the fields of sound.Spectrum; bins at 0 Hz are left out, as Brian
// Hears leaves them out. power is |X_k|² and is drawn as 10·log10, floored
// at 1e-20 (-200 dB) as Brian Hears floors it; with Options.InputDB it
// already holds dB (sound.SpectrumOptions.LogPower).
func Spectrum(freqs, power, phase []float64, opts *Options) (*Figure, error) {
	if err := opts.check(); err != nil {
		return nil, err
	}
	o := opts.withDefaults()
	if len(power) != len(freqs) || len(phase) != len(freqs) {
		return nil, fmt.Errorf("plot: spectrum of %d frequencies, %d powers and %d phases", len(freqs), len(power), len(phase))
	}
	for _, c := range []struct {
		what string
		xs   []float64
	}{{"frequencies", freqs}, {"power", power}, {"phase", phase}} {
		if err := checkFinite(c.what, c.xs); err != nil {
			return nil, err
		}
	}
	var f, db, ph []float64
	for k, v := range freqs {
		if k > 0 && !(v > freqs[k-1]) {
			return nil, fmt.Errorf("plot: spectrum frequencies must increase: %g Hz follows %g Hz", v, freqs[k-1])
		}
		if !(v > 0) {
			continue
		}
		p := power[k]
		if !o.InputDB {
			if p < 0 {
				return nil, fmt.Errorf("plot: power at %g Hz is negative (%g; set InputDB for dB)", v, p)
			}
			p = 10 * math.Log10(max(p, 1e-20))
		}
		f, db, ph = append(f, v), append(db, p), append(ph, phase[k])
	}
	if len(f) == 0 {
		return nil, fmt.Errorf("plot: spectrum: %w above 0 Hz", errNoData)
	}
	top := NewPanel("", "Frequency (Hz)", "Power (dB)")
	bottom := NewPanel("", "Frequency (Hz)", "Phase (rad)")
	for _, pn := range []struct {
		p *Panel
		y []float64
	}{{top, db}, {bottom, ph}} {
		if _, err := pn.p.Line(f, pn.y, ""); err != nil {
			return nil, err
		}
		if err := pn.p.LogFrequencyX(o.FrequencyTicks...); err != nil {
			return nil, err
		}
		pn.p.XMin, pn.p.XMax = f[0], f[len(f)-1]
	}
	if len(f) == 1 { // one bin: an octave around it
		top.XMin, top.XMax = f[0]/2, f[0]*2
		bottom.XMin, bottom.XMax = f[0]/2, f[0]*2
	}
	top.p.Add(plotter.NewGrid())
	bottom.p.Add(plotter.NewGrid())
	return Stack(&o, ShareX, top, bottom)
}
