// Command tan_carney_simple_test is Brian Hears' tan_carney_2003/
// tan_carney_simple_test.py example in Go: the spiking output of a model
// auditory-nerve fibre with CF 1 kHz (middle ear, TanCarney with update
// interval 1, and the Zhang et al. (2001) synapse with spikes and
// refractoriness, anf.ZhangSynapse) for two-sample clicks at 40–120 dB peak
// SPL (25 ms, run for 37.5 ms) and for 60 ms tones at CF, 0–80 dB SPL with
// 10 ms ramps, followed by 30 ms of silence. Tan & Carney's AN3_test_click
// and AN3_test_tone scripts show the same responses.
//
//	go run ./examples/tan_carney_simple_test [-o tan_carney_simple_test.png]
//
// The picture has one row per stimulus (clicks above, tones below): on the
// left the synapse's discharge rate s (spikes/s) at each level, on the
// right the rate R = s·(1 − H) after the discharge history H (relative
// refractoriness), with the fibre's spikes marked above each trace. Look
// for: the click response's peak growing with level; the tone response
// rising from the spontaneous rate at 0 dB to saturation at 80 dB, with an
// onset peak, phase locking to 1 kHz, and a dip below the spontaneous rate
// after the tone ends; R pulled down after every spike.
//
// Reference: Tan, Q. & Carney, L. H. (2003), J. Acoust. Soc. Am. 114,
// 2007–2020; Zhang, X. et al. (2001), J. Acoust. Soc. Am. 109, 648–670.
package main

import (
	"flag"
	"fmt"
	"image"
	"image/color"
	"log"
	"math"

	"github.com/gohears/hears/anf"
	"github.com/gohears/hears/cochlea"
	"github.com/gohears/hears/examples/internal/figs"
	"github.com/gohears/hears/filterbank"
	"github.com/gohears/hears/sound"
	"github.com/gohears/hears/spiking"
	"gonum.org/v1/plot/plotter"
	gdraw "gonum.org/v1/plot/vg/draw"
)

const (
	rate = 50000.0 // Hz, as the Brian Hears example sets
	cf   = 1000.0  // Hz, the fibre's characteristic frequency
	seed = 1       // the network's random seed (the fibres' spikes)
)

// response holds one stimulus family's simulation: one trace per level.
type response struct {
	levels []float64   // dB SPL (peak SPL for clicks)
	t      []float64   // s, the recording times
	s, r   [][]float64 // spikes/s: discharge rate s and R = s·(1 − H), per level
	spikes [][]float64 // s: the spike times of each level's fibre
}

func main() {
	out := flag.String("o", "tan_carney_simple_test.png", "picture to write (PNG)")
	flag.Parse()
	clicks, err := clickResponses()
	if err != nil {
		log.Fatal(err)
	}
	tones, err := toneResponses()
	if err != nil {
		log.Fatal(err)
	}
	for _, x := range []struct {
		name string
		r    *response
	}{{"click", clicks}, {"tone", tones}} {
		for i, l := range x.r.levels {
			fmt.Printf("%s %3.0f dB: peak s %6.1f spikes/s, %d spikes\n", x.name, l, maxOf(x.r.s[i]), len(x.r.spikes[i]))
		}
	}
	if err := draw(*out, clicks, tones); err != nil {
		log.Fatal(err)
	}
}

// clickResponses simulates the click family: a click of two samples at
// each peak level (40–120 dB SPL), then silence to 25 ms; the run lasts
// 37.5 ms (1.5 times the duration, as in the Brian Hears example).
func clickResponses() (*response, error) {
	const duration = 0.025
	levels := []float64{40, 60, 80, 100, 120}
	var chans [][]float64
	for _, l := range levels {
		c, err := sound.Click(2/rate, sound.DB(l), sound.WithRate(rate))
		if err != nil {
			return nil, err
		}
		rest, err := sound.Silence(1.5*duration-2/rate, sound.WithRate(rate))
		if err != nil {
			return nil, err
		}
		s, err := sound.Sequence(c, rest)
		if err != nil {
			return nil, err
		}
		chans = append(chans, s.Data())
	}
	return simulate(chans, levels)
}

// toneResponses simulates the tone family: a 60 ms tone at CF at each
// level (0–80 dB SPL) with 10 ms sin² ramps, then 30 ms of silence.
func toneResponses() (*response, error) {
	const duration = 0.06
	levels := []float64{0, 20, 40, 60, 80}
	var chans [][]float64
	for _, l := range levels {
		tone, err := sound.Tone(cf, duration, sound.WithRate(rate))
		if err != nil {
			return nil, err
		}
		if err := tone.SetLevel(sound.DB(l)); err != nil {
			return nil, err
		}
		if err := tone.Ramp(sound.Both, 0.01, nil); err != nil {
			return nil, err
		}
		rest, err := sound.Silence(duration/2, sound.WithRate(rate))
		if err != nil {
			return nil, err
		}
		s, err := sound.Sequence(tone, rest)
		if err != nil {
			return nil, err
		}
		chans = append(chans, s.Data())
	}
	return simulate(chans, levels)
}

// simulate runs one fibre per channel of chans (sound pressure in Pa at
// rate) through the middle ear, TanCarney and the Zhang synapse, recording
// s, R and the spikes at every step.
func simulate(chans [][]float64, levels []float64) (*response, error) {
	snd, err := sound.FromChannels(chans, rate)
	if err != nil {
		return nil, err
	}
	cfs := make([]float64, len(chans))
	for i := range cfs {
		cfs[i] = cf
	}
	me, err := filterbank.MiddleEar(snd, []float64{1})
	if err != nil {
		return nil, err
	}
	ihc, err := cochlea.TanCarney(me, cfs, 1, cochlea.DefaultTanCarneyParams())
	if err != nil {
		return nil, err
	}
	fibres, _, err := anf.ZhangSynapse(ihc, cfs, 1, cochlea.DefaultZhangParams())
	if err != nil {
		return nil, err
	}
	states, err := spiking.NewStateMonitor(fibres, []string{"s", "R"}, spiking.StateMonitorOptions{})
	if err != nil {
		return nil, err
	}
	spikes, err := spiking.NewSpikeMonitor(fibres, nil, spiking.MonitorOptions{})
	if err != nil {
		return nil, err
	}
	net, err := spiking.NewNetwork(1/rate, fibres, states, spikes)
	if err != nil {
		return nil, err
	}
	defer net.Close()
	net.Seed(seed)
	if err := net.Run(float64(snd.NumFrames()) / rate); err != nil {
		return nil, err
	}
	res := &response{levels: levels, t: states.T(), spikes: spikes.Trains()}
	for i := range chans {
		s, err := states.Trace("s", i)
		if err != nil {
			return nil, err
		}
		r, err := states.Trace("R", i)
		if err != nil {
			return nil, err
		}
		res.s = append(res.s, s)
		res.r = append(res.r, r)
	}
	return res, nil
}

// maxOf returns the largest value of x.
func maxOf(x []float64) float64 {
	m := math.Inf(-1)
	for _, v := range x {
		m = max(m, v)
	}
	return m
}

// draw writes the four panels: s and R (with spikes) for clicks and tones.
func draw(path string, clicks, tones *response) error {
	var panels []image.Image
	for _, x := range []struct {
		title string
		r     *response
		xmax  float64 // ms
	}{{"Click responses", clicks, 25}, {"CF = 1000 Hz: response to a tone at CF", tones, 90}} {
		for _, withSpikes := range []bool{false, true} {
			traces := x.r.s
			title := x.title + ": rate s"
			if withSpikes {
				traces = x.r.r
				title = x.title + ": R = s(1 − H), spikes ×"
			}
			ms := make([]float64, len(x.r.t))
			for k, t := range x.r.t {
				ms[k] = 1e3 * t
			}
			var series []figs.Series
			// Each level's trace is offset above the previous one by the
			// family's largest value, so that the levels do not overlap.
			step := 0.0
			for _, tr := range traces {
				step = max(step, maxOf(tr))
			}
			step *= 1.1
			for i, tr := range traces {
				y := make([]float64, len(tr))
				for k, v := range tr {
					y[k] = v + step*float64(i)
				}
				series = append(series, figs.Series{Label: fmt.Sprintf("%.0f dB", x.r.levels[i]), X: ms, Y: y,
					Color: figs.Ramp(i, len(traces))})
			}
			p, err := figs.Line(figs.LineOptions{Title: title, XLabel: "time (ms)",
				YLabel: fmt.Sprintf("spikes/s, levels offset by %.0f", step), XMin: 0, XMax: x.xmax}, series...)
			if err != nil {
				return err
			}
			if withSpikes {
				marks, err := plotter.NewScatter(spikeMarks(x.r, step))
				if err != nil {
					return err
				}
				marks.Shape = gdraw.CrossGlyph{}
				marks.Color = color.RGBA{214, 39, 40, 255}
				p.Add(marks)
				p.X.Min, p.X.Max = 0, x.xmax // the marks would widen the axis
			}
			panels = append(panels, figs.Render(p, 700, 500))
		}
	}
	img, err := figs.Grid(2, panels...)
	if err != nil {
		return err
	}
	return figs.SavePNG(path, img)
}

// spikeMarks returns one point per spike of r: at the spike's time (ms),
// just above its level's trace (offset by step per level, as drawn).
func spikeMarks(r *response, step float64) plotter.XYs {
	var pts plotter.XYs
	for i, train := range r.spikes {
		y := maxOf(r.r[i]) + step*float64(i)
		for _, t := range train {
			pts = append(pts, plotter.XY{X: 1e3 * t, Y: y})
		}
	}
	return pts
}
