// Command iir_filterbank ports Brian Hears' IIRfilterbank.py example:
// 100 ms of ramped white noise at 50 dB SPL through two banks of 50
// Chebyshev type I filters designed from specifications (scipy's iirdesign:
// the lowest order that loses at most 1 dB in the pass band and attenuates
// at least 10 dB in the stop band), drawn as cochleograms with one row per
// channel. The first bank has pass bands cf ± bw/2 and stop bands outside
// cf ± 1.1·bw, with cf from 200 Hz to 1 kHz and bw from 50 to 300 Hz; the
// second is low-pass, pass band to fc − w/2 and stop band from fc + w/2,
// with fc from 100 Hz to 1 kHz and transition widths w from 50 to 300 Hz.
// A third panel adds frequency responses of three channels of each.
//
//	go run ./examples/iir_filterbank [-o iir_filterbank.png]
//
// Brian Hears' script asks for 'bandstop'; as in Brian Hears (and scipy),
// the kind of filter follows from the edges, and a pass band inside the
// stop band makes these band-pass filters.
//
// What to look for: the same picture as the Butterworth example, with
// Chebyshev filters: ripple (at most 1 dB) across each pass band and a
// steeper fall beyond it. The program prints the gains at the band edges:
// at least −1 dB at the pass-band edges, at most −10 dB at the stop-band
// edges.
package main

import (
	"fmt"
	"log"

	"github.com/gohears/hears/examples/internal/bankfig"
	"github.com/gohears/hears/examples/internal/figs"
	"github.com/gohears/hears/examples/internal/measure"
	"github.com/gohears/hears/examples/internal/stim"
	"github.com/gohears/hears/filterbank"
	"github.com/gohears/hears/filterbank/design"
	"github.com/gohears/hears/sound"
)

// Parameters of the Brian Hears example.
const (
	level    = sound.DB(50) // dB SPL
	channels = 50
	gpass    = 1.0  // dB, largest pass-band loss
	gstop    = 10.0 // dB, least stop-band attenuation
)

// bank is one filterbank's specification, response and impulse responses.
type bank struct {
	freqs    []float64   // centre or cutoff frequencies, Hz
	passband [][]float64 // Brian Hears' shape: one row (low-pass) or two (lower, upper edges), Hz
	stopband [][]float64
	out      []float64   // frame-major response to the noise
	ir       [][]float64 // impulse responses
}

type result struct {
	rate              float64
	bandpass, lowpass *bank
}

func main() {
	outPath, duration := figs.Flags("iir_filterbank.png", 0.1, "the noise")
	r, err := run(duration, 1)
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println("bank        channel   pass-band edge gains (dB)   stop-band edge gains (dB)")
	for _, b := range []struct {
		name string
		b    *bank
	}{{"band-pass", r.bandpass}, {"low-pass", r.lowpass}} {
		for _, c := range []int{0, 25, 49} {
			fmt.Printf("%-10s %8d", b.name, c)
			for _, row := range b.b.passband {
				fmt.Printf(" %8.2f", measure.GainDB(b.b.ir[c], r.rate, row[c]))
			}
			fmt.Print("         ")
			for _, row := range b.b.stopband {
				fmt.Printf(" %8.2f", measure.GainDB(b.b.ir[c], r.rate, row[c]))
			}
			fmt.Println()
		}
	}
	if err := draw(r, outPath); err != nil {
		log.Fatal(err)
	}
}

func run(duration float64, seed uint64) (*result, error) {
	noise, err := stim.Noise(duration, level, seed)
	if err != nil {
		return nil, err
	}
	rate := noise.SampleRate()

	cf := figs.Linspace(200, 1000, channels)
	bw := figs.Linspace(50, 300, channels)
	bp := &bank{freqs: cf, passband: [][]float64{nil, nil}, stopband: [][]float64{nil, nil}}
	for i := range cf {
		bp.passband[0] = append(bp.passband[0], cf[i]-bw[i]/2)
		bp.passband[1] = append(bp.passband[1], cf[i]+bw[i]/2)
		bp.stopband[0] = append(bp.stopband[0], cf[i]-1.1*bw[i])
		bp.stopband[1] = append(bp.stopband[1], cf[i]+1.1*bw[i])
	}
	fc := figs.Linspace(100, 1000, channels)
	w := figs.Linspace(50, 300, channels)
	lp := &bank{freqs: fc, passband: [][]float64{nil}, stopband: [][]float64{nil}}
	for i := range fc {
		lp.passband[0] = append(lp.passband[0], fc[i]-w[i]/2)
		lp.stopband[0] = append(lp.stopband[0], fc[i]+w[i]/2)
	}

	for _, b := range []struct {
		bank  *bank
		btype design.BandType
	}{{bp, design.Bandstop}, {lp, design.Lowpass}} {
		build := func(src sound.Source) (sound.Source, error) {
			return filterbank.IIR(src, channels, b.bank.passband, b.bank.stopband, []float64{gpass}, []float64{gstop}, b.btype, design.Chebyshev1)
		}
		if b.bank.out, b.bank.ir, err = stim.Responses(noise, 0.3, build); err != nil {
			return nil, err
		}
	}
	return &result{rate: rate, bandpass: bp, lowpass: lp}, nil
}

func draw(r *result, path string) error {
	return bankfig.Draw(path, r.rate, [2]*bankfig.Bank{
		{Title: "Chebyshev I band-pass bank (1 dB ripple, 10 dB stop band): white noise", Name: "band-pass",
			Freqs: r.bandpass.freqs, Out: r.bandpass.out, IR: r.bandpass.ir},
		{Title: "Chebyshev I low-pass bank: white noise", Name: "low-pass", YLabel: "Cutoff frequency (Hz)",
			Freqs: r.lowpass.freqs, Out: r.lowpass.out, IR: r.lowpass.ir},
	})
}
