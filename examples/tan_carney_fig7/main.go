// Command tan_carney_fig7 redraws Fig. 7 of Tan & Carney (2003), the
// CF-dependence of compression, as Brian Hears' tan_carney_2003/
// tan_carney_Fig7.py example does: tones at CF (500, 1100, 2000, 4000 Hz;
// 50 ms, 2.5 ms ramps) from −10 to 100 dB SPL through the middle ear and the
// signal path of the model (TanCarneySignal, update interval 1), and the rms
// of the AC component of its output over 10–45 ms against level.
//
//	go run ./examples/tan_carney_fig7 [-o fig7.png]
//
// As in the Brian Hears example, the middle-ear gain of each CF above 500 Hz
// is first chosen (by linear interpolation over 50 gains from 0.1 to 1) so
// that its response to the −10 dB tone equals that of the 500 Hz fibre,
// so the curves start together and differ only in their compression.
//
// Reference: Tan, Q. & Carney, L. H. (2003), J. Acoust. Soc. Am. 114,
// 2007–2020, Fig. 7.
package main

import (
	"flag"
	"fmt"
	"log"
	"math"

	"github.com/gohears/hears/cochlea"
	"github.com/gohears/hears/filterbank"
	"github.com/gohears/hears/sound"
	"gonum.org/v1/plot"
	"gonum.org/v1/plot/plotter"
	"gonum.org/v1/plot/plotutil"
	"gonum.org/v1/plot/vg"
)

const (
	rate     = 50000.0 // Hz
	duration = 0.05    // s
)

// Steady-state window, frames (10 ms to 45 ms).
var winLo, winHi = int(0.010 * rate), int(0.045 * rate)

var cfs = []float64{500, 1100, 2000, 4000}

func main() {
	out := flag.String("o", "tan_carney_fig7.png", "PNG file to write")
	flag.Parse()
	levels := make([]float64, 0, 23)
	for l := -10.0; l <= 100; l += 5 {
		levels = append(levels, l)
	}
	rms, gains, err := run(cfs, levels)
	if err != nil {
		log.Fatal(err)
	}
	for i, cf := range cfs {
		fmt.Printf("CF %4.0f Hz (middle-ear gain %.3f):", cf, gains[i])
		for j := range levels {
			fmt.Printf(" %.3g", rms[i][j])
		}
		fmt.Println()
	}
	if err := draw(*out, levels, rms); err != nil {
		log.Fatal(err)
	}
}

// tones builds one ramped tone per (frequency, level) pair as channels.
func tones(freqs, levels []float64) (*sound.Sound, error) {
	chans := make([][]float64, len(freqs))
	for i, f := range freqs {
		s, err := sound.Tone(f, duration, sound.WithRate(rate))
		if err != nil {
			return nil, err
		}
		if err := s.Ramp(sound.Both, 2.5e-3, nil); err != nil {
			return nil, err
		}
		if err := s.SetLevel(sound.DB(levels[i])); err != nil {
			return nil, err
		}
		chans[i] = s.Data()
	}
	return sound.FromChannels(chans, rate)
}

// signalRMS runs the middle ear (gain per channel) and TanCarneySignal at cf
// on snd and returns each channel's AC rms over the steady-state window.
func signalRMS(snd *sound.Sound, gain, cf []float64) ([]float64, error) {
	me, err := filterbank.MiddleEar(snd, gain)
	if err != nil {
		return nil, err
	}
	fb, err := cochlea.TanCarneySignal(me, cf, 1, cochlea.DefaultTanCarneyParams())
	if err != nil {
		return nil, err
	}
	res, err := sound.ReadAll(fb, 0)
	if err != nil {
		return nil, err
	}
	nc := len(cf)
	y := res.Data()
	out := make([]float64, nc)
	for c := range nc {
		m := 0.0
		for f := winLo; f < winHi; f++ {
			m += y[f*nc+c]
		}
		m /= float64(winHi - winLo)
		s := 0.0
		for f := winLo; f < winHi; f++ {
			d := y[f*nc+c] - m
			s += d * d
		}
		out[c] = math.Sqrt(s / float64(winHi-winLo))
	}
	return out, nil
}

// run returns rms[cf][level] and the middle-ear gain used for each CF.
func run(cfs, levels []float64) (rms [][]float64, gains []float64, err error) {
	// Calibrate: the gain of each higher CF that matches the 500 Hz
	// response at the lowest level.
	ref, err := tones(cfs[:1], levels[:1])
	if err != nil {
		return nil, nil, err
	}
	r0, err := signalRMS(ref, []float64{1}, cfs[:1])
	if err != nil {
		return nil, nil, err
	}
	const ng = 50
	var fr, lv, g, cf []float64
	for _, f := range cfs[1:] {
		for k := range ng {
			fr, lv, cf = append(fr, f), append(lv, levels[0]), append(cf, f)
			g = append(g, 0.1+0.9*float64(k)/(ng-1))
		}
	}
	snd, err := tones(fr, lv)
	if err != nil {
		return nil, nil, err
	}
	rg, err := signalRMS(snd, g, cf)
	if err != nil {
		return nil, nil, err
	}
	gains = []float64{1}
	for i := range cfs[1:] {
		gains = append(gains, interpolate(rg[i*ng:(i+1)*ng], g[i*ng:(i+1)*ng], r0[0]))
	}
	// The level series.
	fr, lv, g, cf = nil, nil, nil, nil
	for i, f := range cfs {
		for _, l := range levels {
			fr, lv, cf, g = append(fr, f), append(lv, l), append(cf, f), append(g, gains[i])
		}
	}
	if snd, err = tones(fr, lv); err != nil {
		return nil, nil, err
	}
	r, err := signalRMS(snd, g, cf)
	if err != nil {
		return nil, nil, err
	}
	rms = make([][]float64, len(cfs))
	for i := range cfs {
		rms[i] = r[i*len(levels) : (i+1)*len(levels)]
	}
	return rms, gains, nil
}

// interpolate finds y at x = x0 on the piecewise-linear curve through
// (xs, ys), xs increasing (scipy's interp1d); outside the range it clamps.
func interpolate(xs, ys []float64, x0 float64) float64 {
	if x0 <= xs[0] {
		return ys[0]
	}
	for i := 1; i < len(xs); i++ {
		if x0 <= xs[i] {
			t := (x0 - xs[i-1]) / (xs[i] - xs[i-1])
			return ys[i-1] + t*(ys[i]-ys[i-1])
		}
	}
	return ys[len(ys)-1]
}

// draw writes the rms–level curves on a logarithmic rms axis.
func draw(path string, levels []float64, rms [][]float64) error {
	p := plot.New()
	p.Title.Text = "Tan & Carney (2003) Fig. 7: CF dependence of compression"
	p.X.Label.Text = "input signal SPL (dB)"
	p.Y.Label.Text = "rms of AC component of Fout"
	p.Y.Scale = plot.LogScale{}
	p.Y.Tick.Marker = plot.LogTicks{Prec: 1}
	p.X.Min, p.X.Max = -20, 100
	p.Y.Min, p.Y.Max = 1e-6, 1
	p.Legend.Top, p.Legend.Left = true, true
	p.Legend.XOffs, p.Legend.YOffs = vg.Points(10), -vg.Points(10)
	for i, cf := range cfs {
		pts := make(plotter.XYs, len(levels))
		for j, l := range levels {
			pts[j] = plotter.XY{X: l, Y: rms[i][j]}
		}
		line, err := plotter.NewLine(pts)
		if err != nil {
			return err
		}
		line.Color = plotutil.Color(i)
		line.Width = vg.Points(1.5)
		p.Add(line)
		p.Legend.Add(fmt.Sprintf("%.0f Hz", cf), line)
	}
	p.Add(plotter.NewGrid())
	return p.Save(6*vg.Inch, 4.5*vg.Inch, path)
}
