// Command jeffress ports Brian2's Jeffress example (Jeffress 1948: sound
// localisation by delay lines and coincidence detectors). White noise
// reaches two ears 20 cm apart (up to 0.67 ms interaural delay at 300 m/s)
// from a source turning around the head once a second; each ear is a noisy
// leaky integrator that fires on the sound (τ = 1 ms, refractory 2.5 ms),
// and 30 coincidence detectors (noisy, τ = 1 ms, threshold 1, each ear's
// spike adding 0.5) receive both ears through delay lines graded in
// opposite directions over 1.1 × the largest interaural delay. Euler,
// dt 0.02 ms.
//
//	go run ./examples/jeffress [-o jeffress.png] [-seed 1]
//
// What to look for: the detector whose delay difference compensates the
// interaural delay fires most, so the raster traces the source's azimuth:
// neuron (N−1)(1 + sin θ/1.1)/2 at angle θ, a sine over the second (drawn
// as a line). The program prints the correlation between each spike's
// neuron and that prediction; the test compares it with Brian2's.
package main

import (
	"flag"
	"fmt"
	"log"
	"math"
	"math/rand/v2"

	"github.com/gohears/hears/examples/internal/netfig"
	"github.com/gohears/hears/plot"
	"github.com/gohears/hears/spiking"
)

const (
	nNeurons = 30
	dt       = 0.02e-3 // s
	maxDelay = 0.2 / 300.0
)

type result struct {
	i         []int
	t         []float64
	corr, mae float64
}

// preferred returns the detector that compensates the interaural delay of
// a source at angle 2π·t (one turn a second).
func preferred(t float64) float64 {
	return (nNeurons - 1) * (1 + math.Sin(2*math.Pi*t)/1.1) / 2
}

func run(seed uint64) (*result, error) {
	r := rand.New(rand.NewPCG(seed, 0x1948))
	noise := make([]float64, 50000)
	for k := range noise {
		noise[k] = 10 * r.NormFloat64()
	}
	sound, err := spiking.NewTimedArray("sound", noise, 1, dt)
	if err != nil {
		return nil, err
	}
	ears, err := spiking.NewNeuronGroup(2, `
		dx/dt = (sound(t-delay)-x)/tau_ear+sigma_ear*(2./tau_ear)**.5*xi : 1 (unless refractory)
		delay = distance*sin(theta) : second
		distance : second
		dtheta/dt = angular_speed : radian`, spiking.NeuronGroupOptions{
		GroupOptions: spiking.GroupOptions{Name: "ears"},
		Threshold:    "x>1", Reset: "x = 0", Refractory: 2.5e-3, Method: "euler",
		Namespace: map[string]any{"sound": sound, "tau_ear": "1*ms", "sigma_ear": 0.1, "angular_speed": "2*pi/second"}})
	if err != nil {
		return nil, err
	}
	if err := ears.Set("distance", -0.5*maxDelay, 0.5*maxDelay); err != nil {
		return nil, err
	}
	neurons, err := spiking.NewNeuronGroup(nNeurons, "dv/dt = -v / tau + sigma * (2 / tau)**.5 * xi : 1",
		spiking.NeuronGroupOptions{GroupOptions: spiking.GroupOptions{Name: "neurons"},
			Threshold: "v>1", Reset: "v = 0", Method: "euler", Namespace: map[string]any{"tau": "1*ms", "sigma": 0.1}})
	if err != nil {
		return nil, err
	}
	syn, err := spiking.NewSynapses(ears, neurons, spiking.SynapsesOptions{OnPre: "v += .5"})
	if err != nil {
		return nil, err
	}
	if err := syn.ConnectAll(); err != nil { // synapse i·30 + j
		return nil, err
	}
	delays := make([]float64, 2*nNeurons)
	for j := range nNeurons {
		delays[j] = float64(j) / (nNeurons - 1) * 1.1 * maxDelay
		delays[nNeurons+j] = float64(nNeurons-j-1) / (nNeurons - 1) * 1.1 * maxDelay
	}
	if err := syn.Set("delay", delays...); err != nil {
		return nil, err
	}
	mon, err := spiking.NewSpikeMonitor(neurons, nil, spiking.MonitorOptions{})
	if err != nil {
		return nil, err
	}
	net, err := spiking.NewNetwork(dt, ears, neurons, syn, mon)
	if err != nil {
		return nil, err
	}
	net.Seed(seed)
	if err := net.Run(1); err != nil {
		return nil, err
	}
	res := &result{i: mon.I(), t: mon.T()}
	if len(res.i) < 2 {
		return nil, fmt.Errorf("jeffress: %d output spikes", len(res.i))
	}
	x := make([]float64, len(res.i))
	y := make([]float64, len(res.i))
	for k := range x {
		x[k], y[k] = float64(res.i[k]), preferred(res.t[k])
		res.mae += math.Abs(x[k] - y[k])
	}
	res.mae /= float64(len(x))
	res.corr = pearson(x, y)
	return res, nil
}

// pearson returns the correlation coefficient of x and y.
func pearson(x, y []float64) float64 {
	var mx, my float64
	for k := range x {
		mx += x[k]
		my += y[k]
	}
	mx /= float64(len(x))
	my /= float64(len(y))
	var sxy, sxx, syy float64
	for k := range x {
		sxy += (x[k] - mx) * (y[k] - my)
		sxx += (x[k] - mx) * (x[k] - mx)
		syy += (y[k] - my) * (y[k] - my)
	}
	return sxy / math.Sqrt(sxx*syy)
}

func draw(r *result, path string) error {
	pn := plot.NewPanel("", "Time (ms)", "Coincidence detector")
	if err := pn.Raster([]plot.RasterGroup{{Name: "", N: nNeurons, Indices: r.i, Times: r.t, Color: plot.Palette[6]}}, 1, 1e3); err != nil {
		return err
	}
	var tt, pred []float64
	for k := range 1001 {
		tt = append(tt, float64(k))
		pred = append(pred, preferred(float64(k)*1e-3))
	}
	pn.Plot().Y.Label.Text = "Coincidence detector"
	if _, err := pn.Line(tt, pred, ""); err != nil {
		return err
	}
	fig, err := plot.Stack(&plot.Options{Title: fmt.Sprintf("Jeffress model: spikes and the compensating detector (line); correlation %.2f", r.corr)}, plot.ShareNone, pn)
	if err != nil {
		return err
	}
	return netfig.SaveFigure(fig, path)
}

func main() {
	out := flag.String("o", "jeffress.png", "picture to write (PNG, SVG or PDF)")
	seed := flag.Uint64("seed", 1, "seed of the sound and the noise")
	flag.Parse()
	r, err := run(*seed)
	if err != nil {
		log.Fatal(err)
	}
	fmt.Printf("%d spikes; correlation with the compensating detector %.3f, mean distance %.2f neurons\n", len(r.i), r.corr, r.mae)
	if err := draw(r, *out); err != nil {
		log.Fatal(err)
	}
}
