// Command wang2002 ports Brian2's Wang_2002.py, the decision-making network
// of Wang (2002, Neuron 36: 955–968): NE excitatory and NI = NE/4
// inhibitory leaky integrate-and-fire neurons, all to all, with AMPA, NMDA
// (saturating, voltage-dependent through the Mg²⁺ block) and GABA
// conductances and 2.4 kHz of Poisson background. Two selective
// populations of 15 % of the excitatory cells each excite themselves more
// strongly (w₊ = 1.7) and each other less (w₋); each receives a noisy
// Poisson stimulus, 40 Hz ± coherence·40 Hz with a new rate drawn for each
// neuron every 50 ms (standard deviation 4 Hz). The NMDA gating variable
// of each presynaptic cell is summed by population and fed back to every
// target (Brian2's summed variables), as in the script.
//
//	go run ./examples/wang2002 [-o wang2002.png] [-n 400] [-coherence 51.2] [-seed 1]
//
// By default the network is the reduced one the test compares with Brian2
// (400 neurons, 2.5 s, stimulus from 0.5 s to 2 s); -n 2000 -duration 4
// -on 1 -off 3 -coherence 12.8 is the script's full run.
//
// What to look for (Wang 2002, Fig. 3): before the stimulus both selective
// populations fire at a few Hz; during the stimulus they first rise
// together, then the one receiving the stronger input wins — its rate
// climbs to tens of Hz and stays there while the other stays at or below
// its spontaneous rate, a winner-take-all decision reached by slow NMDA
// reverberation.
package main

import (
	"encoding/json"
	"flag"
	"fmt"
	"log"
	"os"

	"github.com/gohears/hears/examples/internal/netfig"
	"github.com/gohears/hears/plot"
	"github.com/gohears/hears/spiking"
)

const (
	dt           = 0.1e-3 // s
	stimInterval = 50e-3  // s, how often the stimulus rates are redrawn
	binWidth     = 50e-3  // s, bins of the rates drawn and compared
)

// params are a run's settings.
type params struct {
	n         int     // neurons, 80 % excitatory
	duration  float64 // s
	on, off   float64 // stimulus onset and offset, s
	coherence float64 // per cent
	seed      uint64
}

// result holds the spikes of the two selective populations and their
// rates.
type result struct {
	p          params
	subN       int
	i1, i2     []int     // neuron (within its population) of each spike
	t1, t2     []float64 // time of each spike, s
	pre1, pre2 float64   // rates from 0.2 s to stimulus onset, Hz
	end1, end2 float64   // rates in the last 300 ms of the stimulus, Hz
	inh        float64   // inhibitory rate before the stimulus, Hz
}

const eqsE = `
label : integer (constant)
dV/dt = (- gLeakE * (V - El) - I_AMPA - I_NMDA - I_GABA - I_AMPA_ext + I_input) / CmE : volt (unless refractory)
I_AMPA = s_AMPA * (V - V_E) : amp
ds_AMPA / dt = - s_AMPA / tau_AMPA : siemens
I_NMDA = gEEN * s_NMDA_tot * (V - V_E) / ( 1 + exp(-0.062 * V/mvolt) * (C/mmole / 3.57) ) : amp
s_NMDA_tot : 1
I_GABA = s_GABA * (V - V_I) : amp
ds_GABA / dt = - s_GABA / tau_GABA : siemens
I_AMPA_ext = s_AMPA_ext * (V - V_E) : amp
ds_AMPA_ext / dt = - s_AMPA_ext / tau_AMPA : siemens
I_input : amp
ds_NMDA / dt = - s_NMDA / tau_NMDA_decay + alpha * x * (1 - s_NMDA) : 1
dx / dt = - x / tau_NMDA_rise : 1
`

const eqsI = `
dV/dt = (- gLeakI * (V - El) - I_AMPA - I_NMDA - I_GABA - I_AMPA_ext) / CmI : volt (unless refractory)
I_AMPA = s_AMPA * (V - V_E) : amp
ds_AMPA / dt = - s_AMPA / tau_AMPA : siemens
I_NMDA = gEIN * s_NMDA_tot * (V - V_E) / ( 1 + exp(-0.062 * V/mvolt) * (C/mmole / 3.57) ) : amp
s_NMDA_tot : 1
I_GABA = s_GABA * (V - V_I) : amp
ds_GABA / dt = - s_GABA / tau_GABA : siemens
I_AMPA_ext = s_AMPA_ext * (V - V_E) : amp
ds_AMPA_ext / dt = - s_AMPA_ext / tau_AMPA : siemens
`

func run(p params) (*result, error) {
	if p.n < 20 || p.n > 20000 {
		return nil, fmt.Errorf("wang2002: %d neurons, want 20 to 20000", p.n)
	}
	if !(p.on >= 0.2 && p.on < p.off && p.off <= p.duration && p.off-p.on >= 0.3) {
		return nil, fmt.Errorf("wang2002: stimulus %g–%g s in a %g s run: want 0.2 s ≤ onset, at least 0.3 s long, ending by the run's end", p.on, p.off, p.duration)
	}
	nE := p.n * 4 / 5
	nI := p.n - nE
	subN := nE * 15 / 100
	const fE, jp = 0.15, 1.7
	jm := 1 - fE*(jp-1)/(1-fE)
	scaleE, scaleI := 1600/float64(nE), 400/float64(nI)
	ns := map[string]any{
		"El": "-70*mV", "Vt": "-50*mV", "Vr": "-55*mV", "CmE": "0.5*nF", "CmI": "0.2*nF",
		"gLeakE": "25*nS", "gLeakI": "20*nS", "V_E": "0*mV", "V_I": "-70*mV",
		"tau_AMPA": "2*ms", "tau_NMDA_rise": "2*ms", "tau_NMDA_decay": "100*ms", "tau_GABA": "5*ms",
		"alpha": "0.5*kHz", "C": "1*mmole", // extracellular Mg²⁺
		"gextE": "2.1*nS", "gextI": "1.62*nS",
		"gEEA": fmt.Sprintf("%.17g*nS", 0.05*scaleE), "gEIA": fmt.Sprintf("%.17g*nS", 0.04*scaleE),
		"gEEN": fmt.Sprintf("%.17g*nS", 0.165*scaleE), "gEIN": fmt.Sprintf("%.17g*nS", 0.13*scaleE),
		"gIE": fmt.Sprintf("%.17g*nS", 1.3*scaleI), "gII": fmt.Sprintf("%.17g*nS", 1.0*scaleI),
		"Jp": jp, "Jm": jm,
	}
	popE, err := spiking.NewNeuronGroup(nE, eqsE, spiking.NeuronGroupOptions{GroupOptions: spiking.GroupOptions{Name: "popE"},
		Threshold: "V > Vt", Reset: "V = Vr", Refractory: 2e-3, Method: "euler", Namespace: ns})
	if err != nil {
		return nil, err
	}
	popI, err := spiking.NewNeuronGroup(nI, eqsI, spiking.NeuronGroupOptions{GroupOptions: spiking.GroupOptions{Name: "popI"},
		Threshold: "V > Vt", Reset: "V = Vr", Refractory: 1e-3, Method: "euler", Namespace: ns})
	if err != nil {
		return nil, err
	}
	label := make([]float64, nE)
	for k := range label {
		label[k] = 2
		if k < 2*subN {
			label[k] = float64(k / subN)
		}
	}
	if err := popE.Set("label", label...); err != nil {
		return nil, err
	}
	pop1, err := popE.Sub(0, subN)
	if err != nil {
		return nil, err
	}
	pop2, err := popE.Sub(subN, 2*subN)
	if err != nil {
		return nil, err
	}
	objs := []spiking.Object{popE, popI}
	syn := func(name string, src spiking.SpikeSource, tgt spiking.Group, o spiking.SynapsesOptions, j string) (*spiking.Synapses, error) {
		o.Name, o.Namespace = name, ns
		s, err := spiking.NewSynapses(src, tgt, o)
		if err != nil {
			return nil, err
		}
		if j == "" {
			err = s.ConnectAll()
		} else {
			err = s.ConnectGenerator(j, false)
		}
		objs = append(objs, s)
		return s, err
	}
	eeAMPA, err := syn("C_EE_AMPA", popE, popE, spiking.SynapsesOptions{Model: "w : siemens", OnPre: "s_AMPA += w", Delay: 0.5e-3}, "")
	if err != nil {
		return nil, err
	}
	for _, set := range [][2]string{{"", "gEEA"}, {"label_pre == label_post and label_pre < 2", "gEEA*Jp"}, {"label_pre != label_post and label_post < 2", "gEEA*Jm"}} {
		if err := eeAMPA.SetExprIf("w", set[0], set[1]); err != nil {
			return nil, err
		}
	}
	if _, err := syn("C_EI_AMPA", popE, popI, spiking.SynapsesOptions{OnPre: "s_AMPA += gEIA", Delay: 0.5e-3}, ""); err != nil {
		return nil, err
	}
	if _, err := syn("C_EE_NMDA", popE, popE, spiking.SynapsesOptions{OnPre: "x_pre += 1", Delay: 0.5e-3}, "i"); err != nil {
		return nil, err
	}
	sum, err := spiking.NewNeuronGroup(3, "s : 1", spiking.NeuronGroupOptions{GroupOptions: spiking.GroupOptions{Name: "NMDA_sum_group"}})
	if err != nil {
		return nil, err
	}
	objs = append(objs, sum)
	if _, err := syn("NMDA_sum", popE, sum, spiking.SynapsesOptions{Model: "s_post = s_NMDA_pre : 1 (summed)"}, "label_pre"); err != nil {
		return nil, err
	}
	totE, err := syn("NMDA_set_total_E", sum, popE, spiking.SynapsesOptions{Model: "w : 1 (constant)\ns_NMDA_tot_post = w*s_pre : 1 (summed)"}, "")
	if err != nil {
		return nil, err
	}
	for _, set := range [][2]string{{"", "1"}, {"i == label_post and label_post < 2", "Jp"}, {"i != label_post and label_post < 2", "Jm"}} {
		if err := totE.SetExprIf("w", set[0], set[1]); err != nil {
			return nil, err
		}
	}
	if _, err := syn("NMDA_set_total_I", sum, popI, spiking.SynapsesOptions{Model: "s_NMDA_tot_post = s_pre : 1 (summed)"}, ""); err != nil {
		return nil, err
	}
	if _, err := syn("C_IE", popI, popE, spiking.SynapsesOptions{OnPre: "s_GABA += gIE", Delay: 0.5e-3}, ""); err != nil {
		return nil, err
	}
	if _, err := syn("C_II", popI, popI, spiking.SynapsesOptions{OnPre: "s_GABA += gII", Delay: 0.5e-3}, ""); err != nil {
		return nil, err
	}
	for _, in := range []struct {
		g      spiking.Group
		weight string
	}{{popE, "gextE"}, {popI, "gextI"}} {
		pi, err := spiking.NewPoissonInput(in.g, "s_AMPA_ext", 1000, 2.4, in.weight, spiking.PoissonInputOptions{Namespace: ns})
		if err != nil {
			return nil, err
		}
		objs = append(objs, pi)
	}
	// The stimulus: every 50 ms each selective population's Poisson inputs
	// draw new rates around mu0 ± coherence·mu1 while the stimulus is on,
	// Brian2's PoissonGroup.run_regularly as in the script.
	stims := make([]*spiking.PoissonGroup, 2)
	for k, sign := range []string{"+", "-"} {
		if stims[k], err = spiking.NewPoissonGroup(subN, make([]float64, subN), spiking.GroupOptions{Name: fmt.Sprintf("stiminputE%d", k+1)}); err != nil {
			return nil, err
		}
		code := "rates = int(t > stim_on and t < stim_off) * (mu0 " + sign + " coh / 100.0 * mu1 + sigma*randn())"
		if err := stims[k].RunRegularly(code, spiking.RegularOptions{Dt: stimInterval, Namespace: map[string]any{
			"stim_on": fmt.Sprintf("%.17g*second", p.on), "stim_off": fmt.Sprintf("%.17g*second", p.off), "mu0": "40*Hz", "mu1": "40*Hz", "coh": p.coherence, "sigma": "4*Hz"}}); err != nil {
			return nil, err
		}
		target, err := popE.Sub(k*subN, (k+1)*subN)
		if err != nil {
			return nil, err
		}
		if _, err := syn(fmt.Sprintf("C_stimE%d", k+1), stims[k], target, spiking.SynapsesOptions{OnPre: "s_AMPA_ext += gextE"}, "i"); err != nil {
			return nil, err
		}
		objs = append(objs, stims[k])
	}
	for _, g := range []*spiking.NeuronGroup{popE, popI} {
		if err := g.Set("s_NMDA_tot", 0.2); err != nil { // tau_NMDA_decay * 10 Hz * 0.2
			return nil, err
		}
		if err := g.Set("V", -52e-3); err != nil { // Vt - 2 mV
			return nil, err
		}
	}
	m1, err := spiking.NewSpikeMonitor(pop1, nil, spiking.MonitorOptions{})
	if err != nil {
		return nil, err
	}
	m2, err := spiking.NewSpikeMonitor(pop2, nil, spiking.MonitorOptions{})
	if err != nil {
		return nil, err
	}
	mIm, err := spiking.NewSpikeMonitor(popI, nil, spiking.MonitorOptions{})
	if err != nil {
		return nil, err
	}
	net, err := spiking.NewNetwork(dt, append(objs, m1, m2, mIm)...)
	if err != nil {
		return nil, err
	}
	net.Seed(p.seed)
	if err := net.Run(p.duration); err != nil {
		return nil, err
	}
	r := &result{p: p, subN: subN, i1: m1.I(), t1: m1.T(), i2: m2.I(), t2: m2.T()}
	r.pre1 = windowRate(r.t1, subN, 0.2, p.on)
	r.pre2 = windowRate(r.t2, subN, 0.2, p.on)
	r.end1 = windowRate(r.t1, subN, p.off-0.3, p.off)
	r.end2 = windowRate(r.t2, subN, p.off-0.3, p.off)
	r.inh = windowRate(mIm.T(), nI, 0.2, p.on)
	return r, nil
}

// windowRate is the rate (Hz per neuron) of n neurons firing at times ts
// within [a, b) s.
func windowRate(ts []float64, n int, a, b float64) float64 {
	c := 0
	for _, t := range ts {
		if t >= a && t < b {
			c++
		}
	}
	return float64(c) / float64(n) / (b - a)
}

// binRates returns the rate (Hz per neuron) of n neurons firing at times ts
// in consecutive bins of width w s over [0, duration) s, and the bins'
// centres (s).
func binRates(ts []float64, n int, w, duration float64) (centres, rates []float64) {
	nb := int(duration/w + 1e-9)
	rates = make([]float64, nb)
	centres = make([]float64, nb)
	for k := range centres {
		centres[k] = (float64(k) + 0.5) * w
	}
	for _, t := range ts {
		if k := int(t / w); k >= 0 && k < nb {
			rates[k] += 1 / (float64(n) * w)
		}
	}
	return centres, rates
}

// draw writes the two selective populations' rasters above their rates in
// 50 ms bins; ref's non-nil entries add Brian2's rates of pop. 1 and 2
// (the mean over its seeds, same bins) as curves with markers.
func draw(r *result, ref [2][]float64, path string) error {
	title := fmt.Sprintf("Wang (2002), %d neurons, coherence %.1f %%: pop. 1 %.1f Hz, pop. 2 %.1f Hz at the stimulus' end",
		r.p.n, r.p.coherence, r.end1, r.end2)
	raster := plot.NewPanel("", "", "")
	if err := raster.Raster(netfig.Split([]netfig.Population{{Name: "pop. 1 (stronger input)", Start: 0, N: r.subN}, {Name: "pop. 2", Start: r.subN, N: r.subN}},
		append(append([]int{}, r.i1...), shift(r.i2, r.subN)...), append(append([]float64{}, r.t1...), r.t2...)), r.p.duration, 1e3); err != nil {
		return err
	}
	rate := plot.NewPanel("", "Time (ms)", "Rate (Hz, 50 ms bins)")
	c, y1 := binRates(r.t1, r.subN, binWidth, r.p.duration)
	_, y2 := binRates(r.t2, r.subN, binWidth, r.p.duration)
	ms := make([]float64, len(c))
	for k := range c {
		ms[k] = c[k] * 1e3
	}
	for k, y := range [][]float64{y1, y2} {
		if _, err := rate.Line(ms, y, fmt.Sprintf("pop. %d (gohears)", k+1)); err != nil {
			return err
		}
	}
	for k, y := range ref {
		if y == nil {
			continue
		}
		if len(y) != len(ms) {
			return fmt.Errorf("wang2002: Brian2's rates have %d bins, the run %d", len(y), len(ms))
		}
		if _, err := rate.LinePoints(ms, y, fmt.Sprintf("pop. %d (Brian2, mean of seeds)", k+1)); err != nil {
			return err
		}
	}
	fig, err := plot.Stack(&plot.Options{Title: title, Height: 800}, plot.ShareX, raster, rate)
	if err != nil {
		return err
	}
	return netfig.SaveFigure(fig, path)
}

func shift(idx []int, by int) []int {
	out := make([]int, len(idx))
	for k, i := range idx {
		out[k] = i + by
	}
	return out
}

// brian2Runs is testdata/brian2_wang2002.json, written by the Brian2
// script beside it.
type brian2Runs struct {
	Brian2    string  `json:"brian2"`
	N         int     `json:"N"`
	Coherence float64 `json:"coherence_percent"`
	On        float64 `json:"stim_on_s"`
	Off       float64 `json:"stim_off_s"`
	Runtime   float64 `json:"runtime_s"`
	Bin       float64 `json:"bin_s"`
	Runs      []struct {
		Seed  int       `json:"seed"`
		Pre1  float64   `json:"pre1"`
		Pre2  float64   `json:"pre2"`
		End1  float64   `json:"end1"`
		End2  float64   `json:"end2"`
		Inh   float64   `json:"inh"`
		Bins1 []float64 `json:"bins1"`
		Bins2 []float64 `json:"bins2"`
		Wall  float64   `json:"wall_s"`
	} `json:"runs"`
}

// readBrian2 reads a brian2_wang2002.json file.
func readBrian2(path string) (*brian2Runs, error) {
	b, err := os.ReadFile(path)
	if err != nil {
		return nil, err
	}
	var r brian2Runs
	if err := json.Unmarshal(b, &r); err != nil {
		return nil, fmt.Errorf("wang2002: %s: %w", path, err)
	}
	if len(r.Runs) == 0 {
		return nil, fmt.Errorf("wang2002: %s holds no Brian2 runs", path)
	}
	for _, x := range r.Runs {
		if len(x.Bins1) != len(r.Runs[0].Bins1) || len(x.Bins2) != len(x.Bins1) {
			return nil, fmt.Errorf("wang2002: %s: Brian2 seed %d has %d and %d rate bins, seed %d %d", path, x.Seed, len(x.Bins1), len(x.Bins2), r.Runs[0].Seed, len(r.Runs[0].Bins1))
		}
	}
	return &r, nil
}

// meanBins returns Brian2's rates of populations 1 and 2 in 50 ms bins,
// averaged over its seeds.
func (b *brian2Runs) meanBins() [2][]float64 {
	var m [2][]float64
	for p := range m {
		m[p] = make([]float64, len(b.Runs[0].Bins1))
	}
	for _, r := range b.Runs {
		for k := range m[0] {
			m[0][k] += r.Bins1[k] / float64(len(b.Runs))
			m[1][k] += r.Bins2[k] / float64(len(b.Runs))
		}
	}
	return m
}

func main() {
	var p params
	out := flag.String("o", "wang2002.png", "picture to write (PNG, SVG or PDF)")
	flag.IntVar(&p.n, "n", 400, "neurons (80 % excitatory); the paper has 2000")
	flag.Float64Var(&p.duration, "duration", 2.5, "simulated time, s")
	flag.Float64Var(&p.on, "on", 0.5, "stimulus onset, s")
	flag.Float64Var(&p.off, "off", 2, "stimulus offset, s")
	flag.Float64Var(&p.coherence, "coherence", 51.2, "coherence of the stimulus, per cent (population 1 gets 40 Hz·(1 + c/100), population 2 40 Hz·(1 − c/100))")
	flag.Uint64Var(&p.seed, "seed", 1, "seed of the noise")
	brian2 := flag.String("brian2", "", "Brian2's runs (examples/wang2002/testdata/brian2_wang2002.json) to draw beside this run's rates; the run should use their settings")
	flag.Parse()
	var ref [2][]float64
	if *brian2 != "" {
		b, err := readBrian2(*brian2)
		if err != nil {
			log.Fatal(err)
		}
		ref = b.meanBins()
	}
	r, err := run(p)
	if err != nil {
		log.Fatal(err)
	}
	fmt.Printf("before the stimulus: pop. 1 %.2f Hz, pop. 2 %.2f Hz, inhibitory %.2f Hz; last 300 ms of the stimulus: pop. 1 %.2f Hz, pop. 2 %.2f Hz\n",
		r.pre1, r.pre2, r.inh, r.end1, r.end2)
	if err := draw(r, ref, *out); err != nil {
		log.Fatal(err)
	}
}
