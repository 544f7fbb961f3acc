// Command homeostatic_stdp ports Brian2's example
// examples/synapses/homeostatic_stdp_at_inhibitory_synapes.py (Paul
// Brodersen 2025) line by line: the homeostatic STDP rule for inhibitory
// synapses onto excitatory neurons of Zenke, Agnes & Gerstner (2015,
// Nat. Commun. 6:6922, supplementary information). The magnitude and
// sign of the STDP kernel are modulated by a global factor G = H − γ, the
// difference between the excitatory population's rate H (1000 Poisson
// neurons whose rate steps through 0, 2.5, 5, 7.5 and 10 Hz, one epoch of
// 1 s each, low-pass filtered with τ_H = 0.1 s) and a target rate γ = 5 Hz.
// One presynaptic and one postsynaptic neuron fire a pair (pre, then post
// 1 ms later) in the middle of each epoch; the synapse (traces zi, zj with
// τ = 20 ms, η = 1 nS·s) reads G through a linked variable, Brian2's
// synapse.variables.add_reference('G', group=global_factor, index='0'),
// here the (linked) parameter G of the synapses linked with
// Synapses.LinkVariable(..., spiking.LinkOne).
//
//	go run ./examples/homeostatic_stdp [-o homeostatic_stdp.png] [-seed 1]
//
// What to look for: G climbs from −5 Hz to about +5 Hz over the five
// epochs; each pairing changes the weight by about η·G·(1 + e^(−1/20)) —
// depression while the population fires below the target rate,
// potentiation above it, none at the target. The picture shows G and the
// weight against time and the weight change of each pairing against G.
// Brian2's analysis subtracts the weight after a pairing from the one
// before (its figure shows −Δw); here Δw is after minus before.
package main

import (
	"flag"
	"fmt"
	"log"
	"math"

	"github.com/gohears/hears/examples/internal/netfig"
	"github.com/gohears/hears/plot"
	"github.com/gohears/hears/spiking"
	"github.com/gohears/hears/units"
)

const (
	epochLength    = 1.0 // s
	populationSize = 1000
	totalEpochs    = 5
)

type result struct {
	t, g, w    []float64 // monitor (1 ms): time (s), G (Hz), wij (S)
	pairings   []float64 // pre spike times, s
	gAt, dw    []float64 // per pairing: G (Hz) and weight change (nS)
	populRates []float64 // epoch rates, Hz
}

func run(seed uint64) (*result, error) {
	res := &result{}
	// excitatory neuron population
	spikeRate := make([]float64, totalEpochs) // np.arange(0, 12.5, 2.5)
	for k := range spikeRate {
		spikeRate[k] = 2.5 * float64(k)
	}
	res.populRates = spikeRate
	populationSpikeRate, err := spiking.NewTimedArray("population_spike_rate", spikeRate, 1, epochLength)
	if err != nil {
		return nil, err
	}
	populationSpikeRate.SetUnit(units.DimFrequency()) // spike_rate * b2.Hz
	spikeGenerators, err := spiking.NewPoissonGroupExpr(populationSize, "population_spike_rate(t)", spiking.GroupOptions{},
		map[string]any{"population_spike_rate": populationSpikeRate})
	if err != nil {
		return nil, err
	}
	// global factor G
	ns := map[string]any{"gamma": "5*Hz", "tau_H": "0.1*second", "population_size": populationSize,
		"tau_stdp": "20.*msecond", "eta": "1.*nsiemens*second"}
	globalFactor, err := spiking.NewNeuronGroup(1, `
G = H - gamma    : Hz
dH/dt = -H/tau_H : Hz
`, spiking.NeuronGroupOptions{Namespace: ns})
	if err != nil {
		return nil, err
	}
	spikeAggregator, err := spiking.NewSynapses(spikeGenerators, globalFactor, spiking.SynapsesOptions{
		OnPre: "H_post += 1/(tau_H * population_size)", Namespace: ns})
	if err != nil {
		return nil, err
	}
	if err := spikeAggregator.ConnectAll(); err != nil {
		return nil, err
	}
	// pre-synaptic neuron
	spikeTimes := make([]float64, totalEpochs)
	spikeIndices := make([]int, totalEpochs)
	for k := range spikeTimes {
		spikeTimes[k] = epochLength * (float64(k) + 0.5)
	}
	res.pairings = spikeTimes
	presynapticNeuron, err := spiking.NewSpikeGeneratorGroup(1, spikeIndices, spikeTimes, 0, spiking.GroupOptions{})
	if err != nil {
		return nil, err
	}
	// postsynaptic neuron
	const delay = 1e-3 // s
	postTimes := make([]float64, totalEpochs)
	for k := range postTimes {
		postTimes[k] = spikeTimes[k] + delay
	}
	postsynapticNeuron, err := spiking.NewSpikeGeneratorGroup(1, spikeIndices, postTimes, 0, spiking.GroupOptions{})
	if err != nil {
		return nil, err
	}
	// synapse; Brian2 adds G by add_reference, gohears declares it (linked)
	synapse, err := spiking.NewSynapses(presynapticNeuron, postsynapticNeuron, spiking.SynapsesOptions{
		Model: `
wij : siemens
dzi/dt = -zi / tau_stdp : 1 (event-driven)
dzj/dt = -zj / tau_stdp : 1 (event-driven)
G : Hz (linked)
`, OnPre: `
zi += 1.
wij += eta * G * zj
`, OnPost: `
zj += 1.
wij += eta * G * (zi + 1)
`, Namespace: ns})
	if err != nil {
		return nil, err
	}
	if err := synapse.Connect([]int{0}, []int{0}); err != nil {
		return nil, err
	}
	if err := synapse.LinkVariable("G", globalFactor, "G", spiking.LinkOne); err != nil {
		return nil, err
	}
	if err := synapse.Set("wij", 0); err != nil {
		return nil, err
	}
	// monitor
	monitor, err := spiking.NewStateMonitor(synapse, []string{"G", "wij"}, spiking.StateMonitorOptions{Dt: 1e-3})
	if err != nil {
		return nil, err
	}
	net, err := spiking.NewNetwork(0, spikeGenerators, globalFactor, spikeAggregator, presynapticNeuron, postsynapticNeuron, synapse, monitor)
	if err != nil {
		return nil, err
	}
	net.Seed(seed)
	// run
	if err := net.Run(totalEpochs * epochLength); err != nil {
		return nil, err
	}
	// analysis
	res.t = monitor.T()
	if res.g, err = monitor.Trace("G", 0); err != nil {
		return nil, err
	}
	if res.w, err = monitor.Trace("wij", 0); err != nil {
		return nil, err
	}
	nearest := func(x float64) int { // np.argmin(np.abs(time - x))
		best := 0
		for k, t := range res.t {
			if math.Abs(t-x) < math.Abs(res.t[best]-x) {
				best = k
			}
		}
		return best
	}
	for _, st := range spikeTimes {
		res.gAt = append(res.gAt, res.g[nearest(st)])
		after, before := res.w[nearest(st+10e-3)], res.w[nearest(st-10e-3)]
		res.dw = append(res.dw, (after-before)*1e9)
	}
	return res, nil
}

func draw(r *result, path string) error {
	gp, err := plot.TracePanel(r.t, [][]float64{r.g}, nil, plot.TraceOptions{Axes: plot.Axes{XLabel: "Time (ms)", XScale: 1e3, YLabel: "G (Hz)"}})
	if err != nil {
		return err
	}
	pair := [][]float64{r.pairings} // marked on the weight trace
	wp, err := plot.TracePanel(r.t, [][]float64{r.w}, pair, plot.TraceOptions{Axes: plot.Axes{XLabel: "Time (ms)", XScale: 1e3, YLabel: "Weight (nS)", YScale: 1e9},
		Labels: []string{"weight (strokes: pre/post pairings)"}})
	if err != nil {
		return err
	}
	cp, err := plot.CurvePanel(r.gAt, [][]float64{r.dw}, plot.CurveOptions{Axes: plot.Axes{XLabel: "G (Hz)", YLabel: "Δweight (nS)"}})
	if err != nil {
		return err
	}
	fig, err := plot.Arrange(&plot.Options{Title: "Homeostatic STDP at inhibitory synapses (Zenke et al. 2015): weight change per pairing against G", Height: 900},
		plot.ShareNone, []*plot.Panel{gp}, []*plot.Panel{wp}, []*plot.Panel{cp})
	if err != nil {
		return err
	}
	return netfig.SaveFigure(fig, path)
}

func main() {
	out := flag.String("o", "homeostatic_stdp.png", "picture to write (PNG, SVG or PDF)")
	seed := flag.Uint64("seed", 1, "seed of the Poisson population")
	flag.Parse()
	r, err := run(*seed)
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println("pairing  population rate (Hz)  G (Hz)  Δweight (nS)")
	for k := range r.gAt {
		fmt.Printf("%7d  %21.1f  %6.3f  %12.4f\n", k+1, r.populRates[k], r.gAt[k], r.dw[k])
	}
	if err := draw(r, *out); err != nil {
		log.Fatal(err)
	}
}
