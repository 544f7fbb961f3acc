// Command tan_carney_fig11 redraws Fig. 11 of Tan & Carney (2003), the
// rate and phase response areas of a model fibre with CF 2200 Hz, as Brian
// Hears' tan_carney_2003/tan_carney_Fig11.py example does: 50 ms tones from
// 250 to 3500 Hz in 50 Hz steps at 10, 30, 50, 70 and 90 dB SPL (2.5 ms
// ramps) through the middle ear, TanCarney (update interval 2) and the
// Zhang et al. (2001) synapse; the upper panel is the mean discharge rate
// s, the lower the phase of s at the tone frequency relative to its phase
// at 90 dB (1100–2900 Hz).
//
//	go run ./examples/tan_carney_fig11 [-o fig11.png]
//
// Reference: Tan, Q. & Carney, L. H. (2003), J. Acoust. Soc. Am. 114,
// 2007–2020, Fig. 11.
package main

import (
	"flag"
	"fmt"
	"image"
	"image/draw"
	"log"
	"math"
	"math/cmplx"

	"github.com/gohears/hears/cochlea"
	"github.com/gohears/hears/examples/internal/figs"
	"github.com/gohears/hears/filterbank"
	"github.com/gohears/hears/sound"
	"gonum.org/v1/plot"
	"gonum.org/v1/plot/plotter"
	"gonum.org/v1/plot/plotutil"
	"gonum.org/v1/plot/vg"
	gdraw "gonum.org/v1/plot/vg/draw"
	"gonum.org/v1/plot/vg/vgimg"
)

const (
	rate     = 50000.0 // Hz
	duration = 0.05    // s
	cf       = 2200.0  // Hz
)

var levels = []float64{10, 30, 50, 70, 90}

func main() {
	out := flag.String("o", "tan_carney_fig11.png", "PNG file to write")
	flag.Parse()
	var freqs []float64
	for f := 250.0; f <= 3500; f += 50 {
		freqs = append(freqs, f)
	}
	r, ph, err := run(freqs, levels)
	if err != nil {
		log.Fatal(err)
	}
	for i, f := range freqs {
		fmt.Printf("%4.0f Hz: rate %5.1f %5.1f %5.1f %5.1f %5.1f spikes/s\n", f, r[i][0], r[i][1], r[i][2], r[i][3], r[i][4])
	}
	if err := drawFigure(*out, freqs, r, ph); err != nil {
		log.Fatal(err)
	}
}

// run returns the mean rate (spikes/s) and the phase (rad) of the rate at
// the tone frequency, indexed [frequency][level].
func run(freqs, levels []float64) (rate_, phase [][]float64, err error) {
	var chans [][]float64
	var cfs []float64
	for _, f := range freqs {
		for _, l := range levels {
			s, err := sound.Tone(f, duration, sound.WithRate(rate))
			if err != nil {
				return nil, nil, err
			}
			if err := s.SetLevel(sound.DB(l)); err != nil {
				return nil, nil, err
			}
			if err := s.Ramp(sound.Both, 2.5e-3, nil); err != nil {
				return nil, nil, err
			}
			chans = append(chans, s.Data())
			cfs = append(cfs, cf)
		}
	}
	snd, err := sound.FromChannels(chans, rate)
	if err != nil {
		return nil, nil, err
	}
	me, err := filterbank.MiddleEar(snd, []float64{1})
	if err != nil {
		return nil, nil, err
	}
	ihc, err := cochlea.TanCarney(me, cfs, 2, cochlea.DefaultTanCarneyParams())
	if err != nil {
		return nil, nil, err
	}
	syn, err := cochlea.ZhangSynapseRate(ihc, cfs, cochlea.DefaultZhangParams())
	if err != nil {
		return nil, nil, err
	}
	n := snd.NumFrames()
	nc := len(cfs)
	rate_ = make([][]float64, len(freqs))
	phase = make([][]float64, len(freqs))
	sum := make([]float64, nc)
	z := make([]complex128, nc)
	// Stream the synapse output; only per-channel sums are kept.
	err = sound.Each(syn, n, 0, func(b []float64, start, frames int) error {
		for k := range frames {
			t := float64(start+k) / rate
			for c := range nc {
				v := b[k*nc+c]
				f := freqs[c/len(levels)]
				sum[c] += v
				z[c] += cmplx.Rect(v, 2*math.Pi*math.Mod(t, 1/f)*f)
			}
		}
		return nil
	})
	if err != nil {
		return nil, nil, err
	}
	for i := range freqs {
		rate_[i] = make([]float64, len(levels))
		phase[i] = make([]float64, len(levels))
		for j := range levels {
			c := i*len(levels) + j
			rate_[i][j] = sum[c] / float64(n)
			phase[i][j] = cmplx.Phase(z[c])
		}
	}
	return rate_, phase, nil
}

// relPhase is the phase at level j relative to 90 dB, wrapped to (−π, π],
// in units of π.
func relPhase(ph []float64, j int) float64 {
	return math.Remainder(ph[j]-ph[len(ph)-1], 2*math.Pi) / math.Pi
}

// drawFigure writes the two panels, one above the other.
func drawFigure(path string, freqs []float64, r, ph [][]float64) error {
	top := plot.New()
	top.Title.Text = fmt.Sprintf("Tan & Carney (2003) Fig. 11: response areas, CF %.0f Hz", cf)
	top.Y.Label.Text = "Spikes/sec"
	top.X.Min, top.X.Max, top.Y.Min, top.Y.Max = 0, 4000, 0, 250
	bot := plot.New()
	bot.X.Label.Text = "Frequency (Hz)"
	bot.Y.Label.Text = "Phase re 90 dB (π radians)"
	bot.X.Min, bot.X.Max, bot.Y.Min, bot.Y.Max = 0, 4000, -0.5, 0.75
	for j, l := range levels {
		var rp, pp plotter.XYs
		for i, f := range freqs {
			rp = append(rp, plotter.XY{X: f, Y: r[i][j]})
			if f >= 1100 && f <= 2900 {
				pp = append(pp, plotter.XY{X: f, Y: relPhase(ph[i], j)})
			}
		}
		for _, x := range []struct {
			p   *plot.Plot
			pts plotter.XYs
		}{{top, rp}, {bot, pp}} {
			line, err := plotter.NewLine(x.pts)
			if err != nil {
				return err
			}
			line.Color = plotutil.Color(j)
			line.Width = vg.Points(1.5)
			x.p.Add(line)
			x.p.Legend.Add(fmt.Sprintf("%.0f dB", l), line)
		}
	}
	for _, p := range []*plot.Plot{top, bot} {
		p.Add(plotter.NewGrid())
		p.Legend.Top = true
	}
	const w, h = 7 * vg.Inch, 4 * vg.Inch
	img := image.NewRGBA(image.Rect(0, 0, int(w.Dots(150)), 2*int(h.Dots(150))))
	for k, p := range []*plot.Plot{top, bot} {
		c := vgimg.NewWith(vgimg.UseWH(w, h), vgimg.UseDPI(150))
		p.Draw(gdraw.New(c))
		draw.Draw(img, img.Bounds().Add(image.Pt(0, k*int(h.Dots(150)))), c.Image(), image.Point{}, draw.Src)
	}
	return figs.SavePNG(path, img)
}
