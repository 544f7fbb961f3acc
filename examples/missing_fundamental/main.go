// Command missing_fundamental drives Poisson neurons with Brian Hears'
// auditory filterbank and finds the pitch of a missing fundamental with
// Licklider's (1951) delay lines, in spiking neurons: harmonics 3 to 8
// of 200 Hz (no energy at 200 Hz) go through 30 gammatone filters
// (ERB-spaced, 100 Hz–4 kHz) and half-wave rectification, as Brian Hears'
// examples build a cochlea; each channel drives a Poisson neuron whose
// rate follows the rectified output (a FilterbankGroup firing when
// rand() < rate·dt, Brian Hears' filterbank-driven Poisson neurons); and
// Licklider's delay lines compare each fibre with itself delayed by τ:
// a coincidence detector per channel and delay (1 to 10 ms in 0.25 ms)
// fires when the direct and the delayed spike arrive within about half a
// millisecond.
//
//	go run ./examples/missing_fundamental [-o missing_fundamental.png] [-seed 1] [-f0 200]
//	    [-brian2 examples/missing_fundamental/testdata/brian2hears_missing_fundamental.json]
//
// What to look for: summed over channels, the detectors fire most for the
// delay τ = 5 ms, the period of the missing fundamental — the pitch heard
// is 200 Hz although no channel is driven at 200 Hz. The picture shows the
// fibres' raster over this spiking "summary autocorrelogram" (with
// -brian2, beside the mean of brian2hears' runs of the same network at the
// same f0, written by the script in testdata/).
package main

import (
	"flag"
	"fmt"
	"log"

	"github.com/gohears/hears/examples/internal/brianref"
	"github.com/gohears/hears/examples/internal/netfig"
	"github.com/gohears/hears/filterbank"
	"github.com/gohears/hears/plot"
	"github.com/gohears/hears/sound"
	"github.com/gohears/hears/spiking"
)

const (
	f0       = 200.0   // Hz, the missing fundamental (default)
	rate     = 20000.0 // Hz
	duration = 0.5     // s
	channels = 30
)

// delays are the candidate periods, s.
func delays() []float64 {
	var d []float64
	for k := 4; k <= 40; k++ {
		d = append(d, float64(k)*0.25e-3)
	}
	return d
}

type result struct {
	f0      float64 // Hz
	cf      []float64
	i       []int
	t       []float64
	delays  []float64
	summary []float64 // coincidences per delay, summed over channels
	pitch   float64   // Hz, 1/(first delay of 2.5–10 ms near the largest count)
}

func run(seed uint64, f0 float64) (*result, error) {
	amps := []float64{0, 0, 1, 1, 1, 1, 1, 1}
	snd, err := sound.HarmonicComplex(f0, duration, amps, nil, sound.WithRate(rate))
	if err != nil {
		return nil, err
	}
	cf, err := filterbank.ERBSpace(100, 4000, channels)
	if err != nil {
		return nil, err
	}
	gt, err := filterbank.Gammatone(snd, cf)
	if err != nil {
		return nil, err
	}
	ihc, err := filterbank.ExprFunction([]sound.Source{gt}, "clip(x, 0, inf)")
	if err != nil {
		return nil, err
	}
	// Poisson fibres: rate = gain × rectified output, at most one spike a step.
	fibres, err := spiking.NewFilterbankGroup(ihc, "r", "r : 1", spiking.NeuronGroupOptions{
		GroupOptions: spiking.GroupOptions{Name: "fibres"},
		Threshold:    "rand() < gain*r*dt", Refractory: 1e-3, Namespace: map[string]any{"gain": "3000*Hz"}})
	if err != nil {
		return nil, err
	}
	ds := delays()
	nd := len(ds)
	det, err := spiking.NewNeuronGroup(channels*nd, "dv/dt = -v/(0.5*ms) : 1", spiking.NeuronGroupOptions{
		GroupOptions: spiking.GroupOptions{Name: "detectors"}, Threshold: "v > 1", Reset: "v = 0", Refractory: 0.5e-3})
	if err != nil {
		return nil, err
	}
	// Detector c·nd + k gets fibre c directly and delayed by ds[k].
	syn, err := spiking.NewSynapses(fibres, det, spiking.SynapsesOptions{GroupOptions: spiking.GroupOptions{Name: "lines"}, OnPre: "v_post += 0.6"})
	if err != nil {
		return nil, err
	}
	var pre, post []int
	var delay []float64
	for c := range channels {
		for k, d := range ds {
			pre, post, delay = append(pre, c, c), append(post, c*nd+k, c*nd+k), append(delay, 0, d)
		}
	}
	if err := syn.Connect(pre, post); err != nil {
		return nil, err
	}
	if err := syn.Set("delay", delay...); err != nil {
		return nil, err
	}
	fm, err := spiking.NewSpikeMonitor(fibres, nil, spiking.MonitorOptions{})
	if err != nil {
		return nil, err
	}
	dc, err := spiking.NewSpikeCounter(det, spiking.MonitorOptions{})
	if err != nil {
		return nil, err
	}
	net, err := spiking.NewNetwork(1/rate, fibres, det, syn, fm, dc)
	if err != nil {
		return nil, err
	}
	net.Seed(seed)
	if err := net.Run(duration); err != nil {
		return nil, err
	}
	r := &result{f0: f0, cf: cf, i: fm.I(), t: fm.T(), delays: ds, summary: make([]float64, nd)}
	for n, c := range dc.Count() {
		r.summary[n%nd] += float64(c)
	}
	// The pitch is the shortest delay in 2.5–10 ms whose count is within
	// 15 % of the largest there: multiples of the period peak as high.
	best := 0.0
	for k, d := range ds {
		if d >= 2.5e-3 {
			best = max(best, r.summary[k])
		}
	}
	for k, d := range ds {
		if d >= 2.5e-3 && r.summary[k] >= 0.85*best {
			r.pitch = 1 / d
			break
		}
	}
	return r, nil
}

// draw writes the figure; ref, if not nil, is brian2hears' summary (mean
// of its runs), drawn as a second curve.
func draw(r *result, path string, ref []float64) error {
	rp := plot.NewPanel("", "Time (ms)", "Fibre")
	if err := rp.Raster([]plot.RasterGroup{{N: channels, Indices: r.i, Times: r.t, Color: plot.Palette[6]}}, duration, 1e3); err != nil {
		return err
	}
	ms := make([]float64, len(r.delays))
	for k, d := range r.delays {
		ms[k] = d * 1e3
	}
	curves, opts := [][]float64{r.summary}, plot.CurveOptions{Axes: plot.Axes{XLabel: "Delay τ (ms)", YLabel: "Coincidences"}}
	if ref != nil {
		if len(ref) != len(ms) {
			return fmt.Errorf("missing_fundamental: brian2hears' summary has %d delays, the run %d", len(ref), len(ms))
		}
		curves = append(curves, ref)
		opts.Labels = []string{"gohears", "brian2hears (mean of its runs)"}
	}
	sp, err := plot.CurvePanel(ms, curves, opts)
	if err != nil {
		return err
	}
	fig, err := plot.Stack(&plot.Options{Title: fmt.Sprintf("Harmonics 3–8 of %.0f Hz: the delay lines peak at %.2f ms, a pitch of %.0f Hz", r.f0, 1e3/r.pitch, r.pitch), Height: 800},
		plot.ShareNone, rp, sp)
	if err != nil {
		return err
	}
	return netfig.SaveFigure(fig, path)
}

func main() {
	out := flag.String("o", "missing_fundamental.png", "picture to write (PNG, SVG or PDF)")
	refPath := flag.String("brian2", "", "brianhears_missing_fundamental.json to draw brian2hears' summary from (same f0)")
	seed := flag.Uint64("seed", 1, "seed of the Poisson fibres")
	fund := flag.Float64("f0", f0, "fundamental of the harmonics 3–8, Hz")
	flag.Parse()
	r, err := run(*seed, *fund)
	if err != nil {
		log.Fatal(err)
	}
	fmt.Printf("%d fibre spikes; summary peak at τ = %.2f ms: pitch %.0f Hz (the missing fundamental is %.0f Hz)\n", len(r.i), 1e3/r.pitch, r.pitch, *fund)
	var ref []float64
	if *refPath != "" {
		runs, err := brianref.Load(*refPath)
		if err != nil {
			log.Fatal(err)
		}
		if ref = meanSummary(runs, *fund); ref == nil {
			log.Fatalf("%s has no run at f0 = %g Hz", *refPath, *fund)
		}
	}
	if err := draw(r, *out, ref); err != nil {
		log.Fatal(err)
	}
}

// meanSummary is the mean coincidences per delay of the runs at f0 (nil if
// none).
func meanSummary(runs *brianref.Runs, f0 float64) []float64 {
	var sum []float64
	n := 0
	for _, x := range runs.Runs {
		if x.F0 != f0 {
			continue
		}
		if sum == nil {
			sum = make([]float64, len(x.Summary))
		}
		if len(x.Summary) != len(sum) {
			return nil
		}
		for k, c := range x.Summary {
			sum[k] += c
		}
		n++
	}
	for k := range sum {
		sum[k] /= float64(n)
	}
	return sum
}
