// Command cobahh ports Brian2's COBAHH example (examples/COBAHH.py):
// benchmark 3 of Brette et al. (2007), 4000 Hodgkin–Huxley neurons in the
// form of Traub & Miles (1991) (models.HodgkinHuxley's channels), 3200
// excitatory and 800 inhibitory, connected with probability 2 % through
// exponential conductances (we = 6 nS, τe = 5 ms, Ee = 0 mV; wi = 67 nS,
// τi = 10 ms, Ei = −80 mV). A spike is v crossing −20 mV, refractory 3 ms;
// initial v = El + (5·randn − 5) mV, ge = (1.5·randn + 4)·10 nS,
// gi = (12·randn + 20)·10 nS. exponential_euler, dt 0.1 ms.
//
//	go run ./examples/cobahh [-o cobahh.png] [-duration 1] [-seed 1]
//
// What to look for: self-sustained activity at a few tens of Hz (Brian2
// and gohears both about 35–40 Hz in the first second), the population
// rate fluctuating by about ±20 % around its mean after a 30 ms onset.
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

// equations are Brian2's COBAHH model, the rates as subexpressions.
const equations = `
dv/dt = (gl*(El-v)+ge*(Ee-v)+gi*(Ei-v)-g_na*(m*m*m)*h*(v-ENa)-g_kd*(n*n*n*n)*(v-EK))/Cm : volt
dm/dt = alpha_m*(1-m)-beta_m*m : 1
dn/dt = alpha_n*(1-n)-beta_n*n : 1
dh/dt = alpha_h*(1-h)-beta_h*h : 1
dge/dt = -ge*(1./taue) : siemens
dgi/dt = -gi*(1./taui) : siemens
alpha_m = 0.32*(mV**-1)*4*mV/exprel((13*mV-v+VT)/(4*mV))/ms : Hz
beta_m = 0.28*(mV**-1)*5*mV/exprel((v-VT-40*mV)/(5*mV))/ms : Hz
alpha_h = 0.128*exp((17*mV-v+VT)/(18*mV))/ms : Hz
beta_h = 4./(1+exp((40*mV-v+VT)/(5*mV)))/ms : Hz
alpha_n = 0.032*(mV**-1)*5*mV/exprel((15*mV-v+VT)/(5*mV))/ms : Hz
beta_n = .5*exp((10*mV-v+VT)/(40*mV))/ms : Hz`

var namespace = map[string]any{
	"Cm": "(1*ufarad*cm**-2) * (20000*umetre**2)", "gl": "(5e-5*siemens*cm**-2) * (20000*umetre**2)",
	"El": "-60*mV", "EK": "-90*mV", "ENa": "50*mV",
	"g_na": "(100*msiemens*cm**-2) * (20000*umetre**2)", "g_kd": "(30*msiemens*cm**-2) * (20000*umetre**2)",
	"VT": "-63*mV", "taue": "5*ms", "taui": "10*ms", "Ee": "0*mV", "Ei": "-80*mV", "we": "6*nS", "wi": "67*nS",
}

type result struct {
	duration float64
	i        []int
	t        []float64
	rate     []float64 // Hz
	stats    netfig.Stats
}

func run(duration float64, seed uint64) (*result, error) {
	p, err := spiking.NewNeuronGroup(nNeurons, equations, spiking.NeuronGroupOptions{
		GroupOptions: spiking.GroupOptions{Name: "P"},
		Threshold:    "v>-20*mV", Refractory: 3e-3, Method: "exponential_euler", Namespace: namespace})
	if err != nil {
		return nil, err
	}
	pe, err := p.Sub(0, nExc)
	if err != nil {
		return nil, err
	}
	pi, err := p.Sub(nExc, nNeurons)
	if err != nil {
		return nil, err
	}
	ce, err := spiking.NewSynapses(pe, p, spiking.SynapsesOptions{GroupOptions: spiking.GroupOptions{Name: "Ce"}, OnPre: "ge+=we", Namespace: namespace})
	if err != nil {
		return nil, err
	}
	ci, err := spiking.NewSynapses(pi, p, spiking.SynapsesOptions{GroupOptions: spiking.GroupOptions{Name: "Ci"}, OnPre: "gi+=wi", Namespace: namespace})
	if err != nil {
		return nil, err
	}
	for _, s := range []*spiking.Synapses{ce, ci} {
		s.SeedInit(seed)
		if err := s.ConnectExpr("", spiking.ConnectOptions{P: "0.02"}); err != nil {
			return nil, err
		}
	}
	p.SeedInit(seed)
	for _, init := range [][2]string{{"v", "El + (randn() * 5 - 5)*mV"}, {"ge", "(randn() * 1.5 + 4) * 10.*nS"}, {"gi", "(randn() * 12 + 20) * 10.*nS"}} {
		if err := p.SetExpr(init[0], init[1]); err != nil {
			return nil, err
		}
	}
	rec, err := netfig.Simulate(dt, duration, seed, p, p, ce, ci)
	if err != nil {
		return nil, err
	}
	r := &result{duration: duration, i: rec.I, t: rec.T, rate: rec.Rate, stats: rec.Stats}
	return r, nil
}

func draw(r *result, path string) error {
	return netfig.Save(path, fmt.Sprintf("COBAHH: %d neurons, %.1f Hz", nNeurons, r.stats.Rate),
		[]netfig.Population{{Name: "exc.", Start: 0, N: nExc}, {Name: "inh.", Start: nExc, N: nNeurons - nExc}},
		r.i, r.t, r.duration, dt, r.rate, 2e-3)
}

func main() {
	out := flag.String("o", "cobahh.png", "picture to write (PNG, SVG or PDF)")
	duration := flag.Float64("duration", 1, "simulated time, s")
	seed := flag.Uint64("seed", 1, "seed of the initial state and connections")
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
