// Command time_varying_filter2 is Brian Hears' time_varying_filter2
// example in Go: white noise through a band-pass filter (Q = 5) whose
// centre frequency follows a sinusoid, 4 kHz ± 1.5 kHz at 10 Hz, with the
// filter coefficients recomputed at every sample (update interval 1).
//
//	go run ./examples/time_varying_filter2 [-o dir] [-duration s]
//
// It writes time_varying_filter2.csv (time, centre frequency, output) and
// time_varying_filter2.png (the output's spectrogram) into dir.
//
// In Brian Hears the centre frequency comes from a FunctionFilterbank with
// a clock of its own, and a ControlFilterbank updater recomputes the
// LinearFilterbank's coefficients; here the control signal is a Sound and
// filterbank.TimeVaryingBandpass is that control loop. One difference: the
// Brian Hears example stores the biquad's a[0] = 1+α, which its
// LinearFilterbank never reads; gohears normalises the coefficients, so the
// filter is the band-pass the example describes.
package main

import (
	"math"

	tvcommon "github.com/gohears/hears/examples/time_varying_filter_common"
	"github.com/gohears/hears/filterbank"
	"github.com/gohears/hears/sound"
)

// Parameters of the Brian Hears example.
const (
	meanFC         = 4000.0 // Hz, centre of the oscillation
	amplitude      = 1500.0 // Hz
	modulation     = 10.0   // Hz, frequency of the oscillation
	updateInterval = 1      // frames between coefficient updates
)

func main() {
	tvcommon.Main("time_varying_filter2", run)
}

// run filters duration seconds of ramped noise and returns the output and
// the centre frequency in force at each frame (Hz).
func run(duration float64) (y, fcInForce []float64, err error) {
	noise, err := tvcommon.Noise(duration, 1)
	if err != nil {
		return nil, nil, err
	}
	n := noise.NumFrames()
	fc := make([]float64, n)
	for i := range fc {
		fc[i] = meanFC + amplitude*math.Sin(2*math.Pi*modulation*float64(i)/tvcommon.Rate)
	}
	control, err := sound.New(fc, 1, tvcommon.Rate)
	if err != nil {
		return nil, nil, err
	}
	bp, err := filterbank.TimeVaryingBandpass(noise, control, []float64{tvcommon.FCInit}, tvcommon.Q, updateInterval)
	if err != nil {
		return nil, nil, err
	}
	res, err := sound.ReadAll(bp, 0)
	if err != nil {
		return nil, nil, err
	}
	// Frame k runs with the centre frequency read at the end of the
	// previous block.
	fcInForce = make([]float64, n)
	for k := range fcInForce {
		fcInForce[k] = tvcommon.FCInit
		if b := k - k%updateInterval; b > 0 {
			fcInForce[k] = fc[b-1]
		}
	}
	return res.Data(), fcInForce, nil
}
