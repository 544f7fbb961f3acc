// Command butterworth ports Brian Hears' butterworth.py example: 100 ms
// of ramped white noise at 50 dB SPL through two banks of 50 second-order
// Butterworth filters, band-pass filters centred from 100 Hz to 1 kHz
// (linearly spaced) with bandwidths growing from 50 to 300 Hz, and
// low-pass filters with cutoffs from 200 Hz to 1 kHz, each bank drawn as a
// cochleogram (one row per channel, as Brian Hears' imshow). A third panel
// adds the frequency responses of three channels of each bank.
//
//	go run ./examples/butterworth [-o butterworth.png]
//
// What to look for: in the band-pass bank the top rows ring faster and
// fluctuate faster (wider bands) than the bottom rows; in the low-pass bank
// every channel keeps the slow components, and higher cutoffs add finer
// detail and more power. In the frequency responses each band-pass filter
// is 3 dB down at its two band edges and each low-pass filter at its
// cutoff, falling at 12 dB per octave beyond it (order 2). The program
// prints those gains.
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
	order    = 2
)

// bank is one filterbank's response to the noise and its impulse responses.
type bank struct {
	freqs []float64   // centre or cutoff frequencies, Hz
	lo    []float64   // lower band edges (band-pass only), Hz
	hi    []float64   // upper band edges or cutoffs, Hz
	out   []float64   // frame-major response to the noise
	ir    [][]float64 // impulse responses, one per channel
}

type result struct {
	rate              float64
	bandpass, lowpass *bank
}

func main() {
	outPath, duration := figs.Flags("butterworth.png", 0.1, "the noise")
	r, err := run(duration, 1)
	if err != nil {
		log.Fatal(err)
	}
	bp, lp := r.bandpass, r.lowpass
	fmt.Println("band-pass: centre (Hz)   gain at lower edge, centre, upper edge (dB)")
	for _, c := range []int{0, 25, 49} {
		h := bp.ir[c]
		fmt.Printf("%22.0f %10.2f %7.2f %7.2f\n", bp.freqs[c], measure.GainDB(h, r.rate, bp.lo[c]), measure.GainDB(h, r.rate, bp.freqs[c]), measure.GainDB(h, r.rate, bp.hi[c]))
	}
	fmt.Println("low-pass: cutoff (Hz)   gain at 0 Hz, cutoff, 2 x cutoff (dB)")
	for _, c := range []int{0, 25, 49} {
		h := lp.ir[c]
		fmt.Printf("%21.0f %10.2f %7.2f %7.2f\n", lp.hi[c], measure.GainDB(h, r.rate, 0), measure.GainDB(h, r.rate, lp.hi[c]), measure.GainDB(h, r.rate, 2*lp.hi[c]))
	}
	if err := draw(r, outPath); err != nil {
		log.Fatal(err)
	}
}

// run builds both banks on duration seconds of noise (seed seed) and on a
// 200 ms unit impulse.
func run(duration float64, seed uint64) (*result, error) {
	noise, err := stim.Noise(duration, level, seed)
	if err != nil {
		return nil, err
	}
	rate := noise.SampleRate()

	centre := figs.Linspace(100, 1000, channels)
	width := figs.Linspace(50, 300, channels)
	bp := &bank{freqs: centre}
	for i := range centre {
		bp.lo = append(bp.lo, centre[i]-width[i]/2)
		bp.hi = append(bp.hi, centre[i]+width[i]/2)
	}
	lp := &bank{freqs: figs.Linspace(200, 1000, channels)}
	lp.hi = lp.freqs

	for _, b := range []struct {
		bank  *bank
		btype design.BandType
		fc    [][]float64
	}{
		{bp, design.Bandpass, [][]float64{bp.lo, bp.hi}},
		{lp, design.Lowpass, [][]float64{lp.hi}},
	} {
		build := func(src sound.Source) (sound.Source, error) {
			return filterbank.Butterworth(src, channels, order, b.btype, b.fc)
		}
		if b.bank.out, b.bank.ir, err = stim.Responses(noise, 0.2, build); err != nil {
			return nil, err
		}
	}
	return &result{rate: rate, bandpass: bp, lowpass: lp}, nil
}

func draw(r *result, path string) error {
	return bankfig.Draw(path, r.rate, [2]*bankfig.Bank{
		{Title: "Butterworth band-pass bank (order 2, 50-300 Hz wide): white noise", Name: "band-pass",
			Freqs: r.bandpass.freqs, Out: r.bandpass.out, IR: r.bandpass.ir},
		{Title: "Butterworth low-pass bank (order 2): white noise", Name: "low-pass", YLabel: "Cutoff frequency (Hz)",
			Freqs: r.lowpass.freqs, Out: r.lowpass.out, IR: r.lowpass.ir},
	})
}
