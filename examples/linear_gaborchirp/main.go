// Command linear_gaborchirp shows Brian Hears' LinearGaborchirp
// filterbank, the companion of LinearGammachirp (see the
// linear_gammachirp example): FIR filters whose impulse responses are
// Gabor chirps, a Gaussian envelope exp(−(t/2σ)²) under a tone whose
// frequency sweeps linearly, f + c·t (Wagner et al. 2009). Three channels
// at f = 1 kHz with σ = 1 ms glide down (c = −10⁵ Hz/s, i.e. −100 Hz per
// ms), not at all, and up (c = +10⁵ Hz/s). The picture shows the impulse
// responses, and the instantaneous frequency read from their zero crossings
// against the straight lines f + c·t.
//
//	go run ./examples/linear_gaborchirp [-o linear_gaborchirp.png]
//
// What to look for: Gaussian envelopes centred on t = 0 (the middle of
// the response), with crossings that crowd towards the end for the upward
// glide and towards the start for the downward one; the measured
// frequencies lie on the three lines, 1 kHz at t = 0 for all. The program
// prints the fitted slopes.
package main

import (
	"flag"
	"fmt"
	"log"
	"math"

	"github.com/gohears/hears/examples/internal/figs"
	"github.com/gohears/hears/filterbank"
	"github.com/gohears/hears/sound"
)

const (
	freq  = 1000.0 // Hz
	sigma = 1e-3   // s
)

var glides = []float64{-1e5, 0, 1e5} // Hz/s

type result struct {
	rate float64
	t    []float64   // time of each tap, s (0 at the envelope's centre)
	ir   [][]float64 // impulse responses
	zt   [][]float64 // times of instantaneous-frequency estimates, s
	zf   [][]float64 // instantaneous frequencies, Hz
}

func main() {
	outPath := flag.String("o", "linear_gaborchirp.png", "picture to write (PNG)")
	flag.Parse()
	r, err := run()
	if err != nil {
		log.Fatal(err)
	}
	for c, g := range glides {
		slope, at0 := fit(r.zt[c], r.zf[c])
		fmt.Printf("c = %+8.0f Hz/s: fitted slope %+9.0f Hz/s, frequency at t = 0: %.1f Hz\n", g, slope, at0)
	}
	if err := draw(r, *outPath); err != nil {
		log.Fatal(err)
	}
}

func run() (*result, error) {
	// The bank on a silent source: only its impulse responses are used.
	src, err := sound.Silence(0.01)
	if err != nil {
		return nil, err
	}
	f := []float64{freq, freq, freq}
	fb, err := filterbank.LinearGaborchirp(src, f, glides, []float64{sigma}, nil)
	if err != nil {
		return nil, err
	}
	r := &result{rate: src.SampleRate(), ir: fb.ImpulseResponses()}
	n := len(r.ir[0])
	start := -6 * sigma // brian2hears' time axis
	for k := range n {
		r.t = append(r.t, start+float64(k)/r.rate)
	}
	for _, h := range r.ir {
		zt, zf := instantaneous(h, r.t, r.rate)
		r.zt, r.zf = append(r.zt, zt), append(r.zf, zf)
	}
	return r, nil
}

// instantaneous returns the instantaneous frequency of h between each pair
// of consecutive zero crossings, 1/(2·interval), at the interval's middle,
// where the envelope is above a tenth of its peak.
func instantaneous(h, t []float64, rate float64) (times, freqs []float64) {
	peak := 0.0
	for _, v := range h {
		peak = max(peak, math.Abs(v))
	}
	var prev float64
	have := false
	for k := 1; k < len(h); k++ {
		if (h[k-1] < 0) == (h[k] < 0) {
			continue
		}
		z := t[k-1] + h[k-1]/(h[k-1]-h[k])/rate
		if have {
			mid := (prev + z) / 2
			env := math.Exp(-math.Pow(mid/(2*sigma), 2))
			if env > 0.1 {
				times = append(times, mid)
				freqs = append(freqs, 1/(2*(z-prev)))
			}
		}
		prev, have = z, true
	}
	return times, freqs
}

// fit returns the least-squares line through (t, f): slope (Hz/s) and the
// value at t = 0 (Hz).
func fit(t, f []float64) (slope, at0 float64) {
	var st, sf, stt, stf float64
	n := float64(len(t))
	for i := range t {
		st, sf, stt, stf = st+t[i], sf+f[i], stt+t[i]*t[i], stf+t[i]*f[i]
	}
	slope = (n*stf - st*sf) / (n*stt - st*st)
	return slope, (sf - slope*st) / n
}

func draw(r *result, path string) error {
	ms := make([]float64, len(r.t))
	for k, v := range r.t {
		ms[k] = 1e3 * v
	}
	var irs, inst []figs.Series
	for c, h := range r.ir {
		name := fmt.Sprintf("c = %+.0f Hz/ms", glides[c]/1e3)
		tr := figs.Stacked(ms, [][]float64{h}, []string{name})[0]
		for k := range tr.Y {
			tr.Y[k] += 2.2 * float64(c)
		}
		tr.Color = figs.Palette(c)
		irs = append(irs, tr)
		zt := make([]float64, len(r.zt[c]))
		for k, v := range r.zt[c] {
			zt[k] = 1e3 * v
		}
		inst = append(inst, figs.Series{Label: name, X: zt, Y: r.zf[c], Color: figs.Palette(c)})
		inst = append(inst, figs.Series{X: []float64{-4, 4}, Y: []float64{freq - 4e-3*glides[c], freq + 4e-3*glides[c]}, Dash: true, Color: figs.Palette(7)})
	}
	ip, err := figs.Line(figs.LineOptions{Title: "Gabor chirp impulse responses, f = 1 kHz, σ = 1 ms", XLabel: "Time (ms)", YLabel: "Response", NoYTicks: true, LegendLeft: true}, irs...)
	if err != nil {
		return err
	}
	fp, err := figs.Line(figs.LineOptions{Title: "Instantaneous frequency from zero crossings (dashed: f + c·t)", XLabel: "Time (ms)", YLabel: "Frequency (Hz)", XMin: -4, XMax: 4, LegendLeft: true}, inst...)
	if err != nil {
		return err
	}
	img, err := figs.Grid(1, figs.Render(ip, 900, 400), figs.Render(fp, 900, 320))
	if err != nil {
		return err
	}
	return figs.SavePNG(path, img)
}
