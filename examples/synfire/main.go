// Command synfire ports Brian2's Diesmann_et_al_1999.py: a synfire chain
// (Diesmann, Gewaltig & Aertsen 1999). Ten groups of 100 noisy
// integrate-and-fire neurons with alpha-shaped synaptic currents,
//
//	dV/dt = (−(V − Vr) + x)/τm,  dx/dt = (−x + y)/τpsp,
//	dy/dt = −y/τpsp + 25.27 mV/ms + 39.24 mV/√ms · ξ,
//
// τm = 10 ms, τpsp = 0.325 ms, threshold −55 mV, reset −70 mV, refractory
// 1 ms; every neuron of a group excites every neuron of the next by 4.86 mV
// (on y). A packet of 85 spikes (times 50 ms ± 1 ms) enters the first group.
// Euler–Maruyama, dt 0.1 ms, 100 ms.
//
//	go run ./examples/synfire [-o synfire.png] [-seed 1]
//
// What to look for: the packet travels down the chain, group after group
// about half a millisecond apart (the synapses have no delay: the time to
// threshold sets the pace), and stays synchronous (every neuron of a group
// fires, within about half a millisecond) — a stable synfire propagation —
// over a background of sparse spontaneous spikes.
package main

import (
	"flag"
	"fmt"
	"log"
	"math"
	"math/rand/v2"
	"sort"

	"github.com/gohears/hears/examples/internal/netfig"
	"github.com/gohears/hears/plot"
	"github.com/gohears/hears/spiking"
)

const (
	nGroups   = 10
	groupSize = 100
	nInput    = 85
	dt        = 0.1e-3 // s
)

// packet is what a group does with the volley: its spikes within 5 ms of
// the median time of the group's spikes after 45 ms.
type packet struct {
	count    int
	sd, time float64 // s
}

type result struct {
	i       []int
	t       []float64
	packets []packet
	reached int // groups whose packet has at least 50 spikes
}

func run(seed uint64) (*result, error) {
	p, err := spiking.NewNeuronGroup(nGroups*groupSize, `
		dV/dt = (-(V-Vr)+x)*(1./taum) : volt
		dx/dt = (-x+y)*(1./taupsp) : volt
		dy/dt = -y*(1./taupsp)+25.27*mV/ms+(39.24*mV/ms**0.5)*xi : volt`,
		spiking.NeuronGroupOptions{GroupOptions: spiking.GroupOptions{Name: "P"},
			Threshold: "V>Vt", Reset: "V=Vr", Refractory: 1e-3, Method: "euler",
			Namespace: map[string]any{"Vr": "-70*mV", "Vt": "-55*mV", "taum": "10*ms", "taupsp": "0.325*ms"}})
	if err != nil {
		return nil, err
	}
	r := rand.New(rand.NewPCG(seed, 0x1999))
	idx := make([]int, nInput)
	ts := make([]float64, nInput)
	for k := range idx {
		idx[k], ts[k] = k, 50e-3+1e-3*r.NormFloat64()
	}
	in, err := spiking.NewSpikeGeneratorGroup(nInput, idx, ts, 0, spiking.GroupOptions{Name: "Pinput"})
	if err != nil {
		return nil, err
	}
	ns := map[string]any{"weight": "4.86*mV"}
	s, err := spiking.NewSynapses(p, p, spiking.SynapsesOptions{GroupOptions: spiking.GroupOptions{Name: "S"}, OnPre: "y+=weight", Namespace: ns})
	if err != nil {
		return nil, err
	}
	// Brian2: j='k for k in range((int(i/group_size)+1)*group_size,
	// (int(i/group_size)+2)*group_size) if i<N_pre-group_size'.
	if err := s.ConnectIf(func(i, j int) bool { return i < (nGroups-1)*groupSize && j/groupSize == i/groupSize+1 }); err != nil {
		return nil, err
	}
	first, err := p.Sub(0, groupSize)
	if err != nil {
		return nil, err
	}
	sin, err := spiking.NewSynapses(in, first, spiking.SynapsesOptions{GroupOptions: spiking.GroupOptions{Name: "Sinput"}, OnPre: "y+=weight", Namespace: ns})
	if err != nil {
		return nil, err
	}
	if err := sin.ConnectAll(); err != nil {
		return nil, err
	}
	p.SeedInit(seed)
	if err := p.SetExpr("V", "Vr + rand() * (Vt - Vr)"); err != nil {
		return nil, err
	}
	mon, err := spiking.NewSpikeMonitor(p, nil, spiking.MonitorOptions{})
	if err != nil {
		return nil, err
	}
	net, err := spiking.NewNetwork(dt, p, in, s, sin, mon)
	if err != nil {
		return nil, err
	}
	net.Seed(seed)
	if err := net.Run(0.1); err != nil {
		return nil, err
	}
	res := &result{i: mon.I(), t: mon.T()}
	res.packets = packets(res.i, res.t)
	for _, pk := range res.packets {
		if pk.count >= 50 {
			res.reached++
		}
	}
	return res, nil
}

// packets measures each group's packet as the Brian2 script in testdata
// does.
func packets(idx []int, ts []float64) []packet {
	out := make([]packet, nGroups)
	for g := range nGroups {
		var tg []float64
		for k, i := range idx {
			if i/groupSize == g && ts[k] >= 0.045 {
				tg = append(tg, ts[k])
			}
		}
		if len(tg) == 0 {
			continue
		}
		sort.Float64s(tg)
		m := tg[len(tg)/2]
		if len(tg)%2 == 0 {
			m = (tg[len(tg)/2-1] + tg[len(tg)/2]) / 2
		}
		var in []float64
		for _, t := range tg {
			if math.Abs(t-m) <= 0.005 {
				in = append(in, t)
			}
		}
		mean := 0.0
		for _, t := range in {
			mean += t
		}
		mean /= float64(len(in))
		v := 0.0
		for _, t := range in {
			v += (t - mean) * (t - mean)
		}
		out[g] = packet{count: len(in), sd: math.Sqrt(v / float64(len(in))), time: mean}
	}
	return out
}

func draw(r *result, path string) error {
	var gs []plot.RasterGroup
	for g := range nGroups {
		gs = append(gs, plot.RasterGroup{Name: fmt.Sprint(g + 1), N: groupSize, Color: plot.Palette[g%2]})
	}
	for k, i := range r.i {
		g := &gs[i/groupSize]
		g.Indices = append(g.Indices, i%groupSize)
		g.Times = append(g.Times, r.t[k])
	}
	pn := plot.NewPanel("", "Time (ms)", "Group")
	if err := pn.Raster(gs, 0.1, 1e3); err != nil {
		return err
	}
	fig, err := plot.Stack(&plot.Options{Title: fmt.Sprintf("Synfire chain (Diesmann et al. 1999): the packet reaches %d of %d groups", r.reached, nGroups)}, plot.ShareNone, pn)
	if err != nil {
		return err
	}
	return netfig.SaveFigure(fig, path)
}

func main() {
	out := flag.String("o", "synfire.png", "picture to write (PNG, SVG or PDF)")
	seed := flag.Uint64("seed", 1, "seed of the input packet, the initial state and the noise")
	flag.Parse()
	r, err := run(*seed)
	if err != nil {
		log.Fatal(err)
	}
	for g, pk := range r.packets {
		fmt.Printf("group %2d: %3d spikes at %5.1f ms, spread %.2f ms\n", g+1, pk.count, pk.time*1e3, pk.sd*1e3)
	}
	fmt.Printf("the packet reaches %d of %d groups\n", r.reached, nGroups)
	if err := draw(r, *out); err != nil {
		log.Fatal(err)
	}
}
