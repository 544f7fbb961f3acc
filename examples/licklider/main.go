// Command licklider ports Brian2's Licklider example (examples/synapses/
// licklider.py): Licklider's (1951) pitch model, autocorrelation by delay
// lines, with spiking neurons. Two noisy "receptors" (leaky integrators,
// τ = 1 ms, refractory 2 ms) phase-lock to the sound 5 sin³(2π f t) with
// f = 200 + 200 t Hz, whose instantaneous frequency (the phase's
// derivative) rises from 200 to 400 Hz over the half second; 300 noisy
// coincidence detectors (τ = 1 ms, each receptor spike adding 0.5) receive
// receptor 0 directly and receptor 1 through a delay 1/f_j, with best
// frequencies f_j log-spaced from 50 Hz to 1 kHz. Euler, dt 0.02 ms.
//
//	go run ./examples/licklider [-o licklider.png] [-seed 1]
//
// What to look for: a detector fires when its delay is a whole number of
// periods, so the raster follows the rising pitch (the top line) and its
// halves, thirds and quarters (the lines below: the delay lines'
// ambiguity at multiples of the period). The program prints the fraction of spikes on
// these lines and how well the detectors at the pitch itself track it; the
// test compares both and the spike count with Brian2's runs.
package main

import (
	"flag"
	"fmt"
	"log"
	"math"

	"gonum.org/v1/gonum/stat"

	"github.com/gohears/hears/examples/internal/netfig"
	"github.com/gohears/hears/plot"
	"github.com/gohears/hears/spiking"
)

const (
	nNeurons = 300
	dt       = 0.02e-3 // s
	duration = 0.5     // s
	minFreq  = 50.0    // Hz
	maxFreq  = 1000.0  // Hz
)

type result struct {
	i []int
	t []float64
	// frac is the fraction of spikes from detectors whose best frequency
	// is within 5 % of the instantaneous frequency or of its half, third
	// or quarter; corr the correlation of log best frequency with log
	// instantaneous frequency over the spikes within 5 % of the frequency
	// itself.
	frac, corr float64
}

// bestFrequency is detector j's best frequency (Hz): 1/its delay.
func bestFrequency(j int) float64 {
	return math.Exp(math.Log(minFreq) + float64(j)/(nNeurons-1)*math.Log(maxFreq/minFreq))
}

// detector is the (fractional) index of the detector with best frequency f.
func detector(f float64) float64 {
	return (nNeurons - 1) * math.Log(f/minFreq) / math.Log(maxFreq/minFreq)
}

// instantaneous is the sound's instantaneous frequency at time t (s), Hz:
// the derivative of the phase 2π(200 + 200 t)t over 2π.
func instantaneous(t float64) float64 { return 200 + 400*t }

func run(seed uint64) (*result, error) {
	receptors, err := spiking.NewNeuronGroup(2, `
		dx/dt = (sound-x)/tau_ear+0.1*(2./tau_ear)**.5*xi : 1 (unless refractory)
		sound = 5*sin(2*pi*frequency*t)**3 : 1
		frequency = (200+200*t*Hz)*Hz : Hz`, spiking.NeuronGroupOptions{
		GroupOptions: spiking.GroupOptions{Name: "receptors"},
		Threshold:    "x>1", Reset: "x=0", Refractory: 2e-3, Method: "euler",
		Namespace: map[string]any{"tau_ear": "1*ms"}})
	if err != nil {
		return nil, err
	}
	neurons, err := spiking.NewNeuronGroup(nNeurons, "dv/dt = -v/tau+sigma*(2./tau)**.5*xi : 1",
		spiking.NeuronGroupOptions{GroupOptions: spiking.GroupOptions{Name: "neurons"},
			Threshold: "v>1", Reset: "v=0", Method: "euler", Namespace: map[string]any{"tau": "1*ms", "sigma": 0.1}})
	if err != nil {
		return nil, err
	}
	syn, err := spiking.NewSynapses(receptors, neurons, spiking.SynapsesOptions{OnPre: "v += 0.5"})
	if err != nil {
		return nil, err
	}
	if err := syn.ConnectAll(); err != nil { // synapse i·300 + j
		return nil, err
	}
	delays := make([]float64, 2*nNeurons) // receptor 0: none
	for j := range nNeurons {
		delays[nNeurons+j] = 1 / bestFrequency(j)
	}
	if err := syn.Set("delay", delays...); err != nil {
		return nil, err
	}
	mon, err := spiking.NewSpikeMonitor(neurons, nil, spiking.MonitorOptions{})
	if err != nil {
		return nil, err
	}
	net, err := spiking.NewNetwork(dt, receptors, neurons, syn, mon)
	if err != nil {
		return nil, err
	}
	net.Seed(seed)
	if err := net.Run(duration); err != nil {
		return nil, err
	}
	res := &result{i: mon.I(), t: mon.T()}
	var near int
	var lf, lfi []float64
	for k, j := range res.i {
		f, fi := bestFrequency(j), instantaneous(res.t[k])
		for m := 1.0; m <= 4; m++ {
			if math.Abs(f/(fi/m)-1) < 0.05 {
				near++
				break
			}
		}
		if math.Abs(f/fi-1) < 0.05 {
			lf, lfi = append(lf, math.Log(f)), append(lfi, math.Log(fi))
		}
	}
	if len(lf) < 3 {
		return nil, fmt.Errorf("licklider: %d spikes, %d at the pitch", len(res.i), len(lf))
	}
	res.frac = float64(near) / float64(len(res.i))
	res.corr = stat.Correlation(lf, lfi, nil)
	return res, nil
}

func draw(r *result, path string) error {
	pn := plot.NewPanel("", "Time (ms)", "Coincidence detector (best frequency 50 Hz → 1 kHz)")
	if err := pn.Raster([]plot.RasterGroup{{N: nNeurons, Indices: r.i, Times: r.t, Color: plot.Palette[6]}}, duration, 1e3); err != nil {
		return err
	}
	for m := 1.0; m <= 4; m++ {
		var tt, j []float64
		for k := range 501 {
			tt = append(tt, float64(k))
			j = append(j, detector(instantaneous(float64(k)*1e-3)/m))
		}
		if _, err := pn.Line(tt, j, ""); err != nil {
			return err
		}
	}
	fig, err := plot.Stack(&plot.Options{Title: fmt.Sprintf("Licklider's delay lines follow a rising pitch: %.0f %% of the spikes on f, f/2, f/3, f/4", 100*r.frac)}, plot.ShareNone, pn)
	if err != nil {
		return err
	}
	return netfig.SaveFigure(fig, path)
}

func main() {
	out := flag.String("o", "licklider.png", "picture to write (PNG, SVG or PDF)")
	seed := flag.Uint64("seed", 1, "seed of the noise")
	flag.Parse()
	r, err := run(*seed)
	if err != nil {
		log.Fatal(err)
	}
	fmt.Printf("%d spikes; %.1f %% on the pitch or its half, third or quarter; detectors at the pitch track it with correlation %.3f\n", len(r.i), 100*r.frac, r.corr)
	if err := draw(r, *out); err != nil {
		log.Fatal(err)
	}
}
