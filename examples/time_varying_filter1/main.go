// Command time_varying_filter1 is Brian Hears' time_varying_filter1
// example in Go: white noise through a band-pass filter (Q = 5) whose centre
// frequency follows an Ornstein–Uhlenbeck process (mean 5 kHz, standard
// deviation 1.2 kHz, time constant 100 ms), the coefficients updated every 4
// samples by a filterbank.Control updater.
//
//	go run ./examples/time_varying_filter1 [-o dir] [-duration s]
//
// It writes time_varying_filter1.csv (time, centre frequency, output) and
// time_varying_filter1.png (the output's spectrogram) into dir.
//
// As in Brian Hears, the process's noise comes from a second source (the
// control input) and the updater reads the last sample of each block. Two
// corrections to the Brian Hears example: it scales the noise with Brian's
// default clock step (0.1 ms) but the decay with the sample period (0.05 ms)
// and steps the process once per 4-sample block as if one sample had
// passed, so its process drifts towards 10 kHz (the Nyquist frequency)
// instead of 5 kHz; here each update advances the process by the block's
// duration, dfc = (fc_init − fc)/τ·dt + σ·√dt·N(0,1), σ = √2·s/√τ. And it
// stores the biquad's a[0] = 1+α, which its LinearFilterbank never reads;
// here the coefficients are normalised (filterbank.BandpassBiquad).
package main

import (
	"math"

	tvcommon "github.com/gohears/hears/examples/time_varying_filter_common"
	"github.com/gohears/hears/filterbank"
	"github.com/gohears/hears/sound"
)

// Parameters of the Brian Hears example.
const (
	sI             = 1200.0 // Hz, standard deviation of the process
	tauI           = 0.1    // s, time constant of the process
	updateInterval = 4      // frames between coefficient updates
)

func main() {
	tvcommon.Main("time_varying_filter1", func(d float64) ([]float64, []float64, error) { return run(d, 2) })
}

// ouUpdater advances the Ornstein–Uhlenbeck centre frequency by one block
// and sets the band-pass coefficients from it.
type ouUpdater struct {
	fc       float64   // current centre frequency, Hz
	history  []float64 // centre frequency after each update, Hz
	b, a     [][][]float64
	dt       float64 // block duration, s
	sigma    float64 // Hz/√s
	low, top float64 // Hz: the process is kept inside the filter's range
}

func (u *ouUpdater) update(inputs [][]float64, targets []*filterbank.LinearKernel) error {
	noise := inputs[0][len(inputs[0])-1] // the last sample of the block, as in Brian Hears
	u.fc += (tvcommon.FCInit-u.fc)/tauI*u.dt + u.sigma*math.Sqrt(u.dt)*noise
	u.fc = min(max(u.fc, u.low), u.top)
	u.history = append(u.history, u.fc)
	b, a, err := filterbank.BandpassBiquad(u.fc, tvcommon.Q, tvcommon.Rate)
	if err != nil {
		return err
	}
	for t := range 3 {
		u.b[0][t][0], u.a[0][t][0] = b[t], a[t]
	}
	return targets[0].SetCoefficients(u.b, u.a)
}

// run filters duration seconds of ramped noise and returns the output and
// the centre frequency in force at each frame (Hz); seed seeds the
// process's noise.
func run(duration float64, seed uint64) (y, fcInForce []float64, err error) {
	noise, err := tvcommon.Noise(duration, 1)
	if err != nil {
		return nil, nil, err
	}
	// The process's noise: a standard normal sample per frame (Brian Hears
	// draws it in a FunctionFilterbank).
	drive, err := sound.WhiteNoise(duration, sound.WithRate(tvcommon.Rate), sound.WithSeed(seed))
	if err != nil {
		return nil, nil, err
	}
	b0, a0, err := filterbank.BandpassBiquad(tvcommon.FCInit, tvcommon.Q, tvcommon.Rate)
	if err != nil {
		return nil, nil, err
	}
	coef := func(v [3]float64) [][][]float64 { return [][][]float64{{{v[0]}, {v[1]}, {v[2]}}} }
	bp, err := filterbank.Linear(noise, coef(b0), coef(a0))
	if err != nil {
		return nil, nil, err
	}
	k := bp.Kernel().(*filterbank.LinearKernel)
	u := &ouUpdater{
		b: coef(b0), a: coef(a0),
		dt:    updateInterval / tvcommon.Rate,
		sigma: math.Sqrt2 * sI / math.Sqrt(tauI),
		low:   50, top: 0.45 * tvcommon.Rate,
	}
	reset := func() error {
		u.fc, u.history = tvcommon.FCInit, u.history[:0]
		return k.SetCoefficients(coef(b0), coef(a0))
	}
	if err := reset(); err != nil {
		return nil, nil, err
	}
	control, err := filterbank.Control(bp, []sound.Source{drive}, []*filterbank.LinearKernel{k}, u.update, updateInterval, filterbank.ControlReset(reset))
	if err != nil {
		return nil, nil, err
	}
	res, err := sound.ReadAll(control, 0)
	if err != nil {
		return nil, nil, err
	}
	n := res.NumFrames()
	fcInForce = make([]float64, n)
	for f := range fcInForce {
		fcInForce[f] = tvcommon.FCInit
		if blk := f / updateInterval; blk > 0 {
			fcInForce[f] = u.history[blk-1]
		}
	}
	return res.Data(), fcInForce, nil
}
