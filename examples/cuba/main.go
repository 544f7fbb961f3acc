// Command cuba ports Brian2's CUBA example (examples/CUBA.py): the
// current-based network of Vogels & Abbott (2005) as benchmarked by Brette
// et al. (2007). 4000 leaky integrate-and-fire neurons, 3200 excitatory and
// 800 inhibitory, each connected to every other with probability 2 %,
//
//	dv/dt = (ge + gi − (v − El))/τm   (unless refractory)
//	dge/dt = −ge/τe,  dgi/dt = −gi/τi
//
// with τm = 20 ms, τe = 5 ms, τi = 10 ms, El = −49 mV, threshold −50 mV,
// reset −60 mV, refractory 5 ms; a spike adds we = 1.62 mV (excitatory) or
// wi = −9 mV (inhibitory) to ge or gi of its targets. Initial v uniform in
// [Vr, Vt]. Integrated exactly (method "exact", as Brian2 picks), dt 0.1 ms.
//
//	go run ./examples/cuba [-o cuba.png] [-duration 1] [-seed 1]
//
// What to look for: asynchronous irregular activity — the raster shows no
// stripes, the population rate fluctuates around its mean (about 5–6 Hz in
// Brian2 and here) and single neurons fire irregularly (the neurons' mean
// CV of the interspike intervals about 0.5; pooled over neurons, whose
// rates differ, about 1).
package main

import (
	"flag"
	"fmt"
	"log"

	"github.com/gohears/hears/examples/internal/netfig"
	"github.com/gohears/hears/spiking"
)

const (
	nNeurons = 4000
	nExc     = 3200
	dt       = 0.1e-3 // s
)

type result struct {
	duration float64
	i        []int
	t        []float64
	rate     []float64 // Hz, population rate per step
	stats    netfig.Stats
}

func run(duration float64, seed uint64) (*result, error) {
	g, err := spiking.NewNeuronGroup(nNeurons, `
		dv/dt  = (ge+gi-(v-El))/taum : volt (unless refractory)
		dge/dt = -ge/taue : volt
		dgi/dt = -gi/taui : volt`,
		spiking.NeuronGroupOptions{
			GroupOptions: spiking.GroupOptions{Name: "P"}, Threshold: "v>Vt", Reset: "v = Vr", Refractory: 5e-3, Method: "exact",
			Namespace: map[string]any{"taum": "20*ms", "taue": "5*ms", "taui": "10*ms",
				"Vt": "-50*mV", "Vr": "-60*mV", "El": "-49*mV"},
		})
	if err != nil {
		return nil, err
	}
	g.SeedInit(seed)
	if err := g.SetExpr("v", "Vr + rand() * (Vt - Vr)"); err != nil {
		return nil, err
	}
	ns := map[string]any{"we": "(60*0.27/10)*mV", "wi": "(-20*4.5/10)*mV"}
	ce, err := spiking.NewSynapses(g, g, spiking.SynapsesOptions{GroupOptions: spiking.GroupOptions{Name: "Ce"}, OnPre: "ge += we", Namespace: ns})
	if err != nil {
		return nil, err
	}
	ci, err := spiking.NewSynapses(g, g, spiking.SynapsesOptions{GroupOptions: spiking.GroupOptions{Name: "Ci"}, OnPre: "gi += wi", Namespace: ns})
	if err != nil {
		return nil, err
	}
	ce.SeedInit(seed)
	if err := ce.ConnectExpr("i<3200", spiking.ConnectOptions{P: "0.02"}); err != nil {
		return nil, err
	}
	ci.SeedInit(seed)
	if err := ci.ConnectExpr("i>=3200", spiking.ConnectOptions{P: "0.02"}); err != nil {
		return nil, err
	}
	rec, err := netfig.Simulate(dt, duration, seed, g, g, ce, ci)
	if err != nil {
		return nil, err
	}
	r := &result{duration: duration, i: rec.I, t: rec.T, rate: rec.Rate, stats: rec.Stats}
	return r, nil
}

func draw(r *result, path string) error {
	return netfig.Save(path, fmt.Sprintf("CUBA: %d neurons, %.2f Hz, mean CV %.2f", nNeurons, r.stats.Rate, r.stats.MeanCV),
		[]netfig.Population{{Name: "exc.", Start: 0, N: nExc}, {Name: "inh.", Start: nExc, N: nNeurons - nExc}},
		r.i, r.t, r.duration, dt, r.rate, 2e-3)
}

func main() {
	out := flag.String("o", "cuba.png", "picture to write (PNG, SVG or PDF)")
	duration := flag.Float64("duration", 1, "simulated time, s")
	seed := flag.Uint64("seed", 1, "seed of the initial state, connections and noise")
	flag.Parse()
	r, err := run(*duration, *seed)
	if err != nil {
		log.Fatal(err)
	}
	fmt.Printf("%g s: %v\n", r.duration, r.stats)
	if err := draw(r, *out); err != nil {
		log.Fatal(err)
	}
}
