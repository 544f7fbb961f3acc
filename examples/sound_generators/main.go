// Command sound_generators extends Brian Hears' sounds.py example to the
// other generators of its Sound class, each drawn as a power spectrum: white,
// pink and brown noise (powerlawnoise), a harmonic complex, the artificial
// vowel /a/ (vowel) and iterated rippled noise (irns). Every sound lasts
// 0.5 s and is set to 60 dB SPL; the program prints their levels and writes
// them one after the other, with 100 ms gaps (sequence), to
// sound_generators.wav.
//
//	go run ./examples/sound_generators [-o sound_generators.png] [-wav sound_generators.wav]
//
// What to look for (spectra by Welch's method, 8192-point segments):
//   - noises: white is flat, pink falls by 3 dB and brown by 6 dB per octave
//     (dashed guides);
//   - the 200 Hz harmonic complex is a comb of equal lines at 200, 400,
//     600 Hz ...; the vowel /a/ (pitch 100 Hz) is a comb whose envelope peaks
//     at its first two formants, 730 and 1090 Hz (dashed; the third, at
//     2440 Hz, is a small bump on a steep slope);
//   - iterated rippled noise (delay 5 ms, gain 1, 8 iterations) is noise
//     whose spectrum ripples with peaks at multiples of 1/delay = 200 Hz, the
//     pitch it is heard at.
package main

import (
	"flag"
	"fmt"
	"log"
	"math"

	"github.com/gohears/hears/examples/internal/figs"
	"github.com/gohears/hears/sound"
)

const (
	duration = 0.5          // s, each sound
	level    = sound.DB(60) // dB SPL, each sound
	nfft     = 8192         // Welch segment, frames
	f0       = 200.0        // Hz, harmonic complex
	pitch    = 100.0        // Hz, vowel
	irnDelay = 0.005        // s
	irnIter  = 8
)

// item is one generated sound and its spectrum.
type item struct {
	name  string
	snd   *sound.Sound
	psd   []float64 // Pa²/Hz
	freqs []float64 // Hz
}

func main() {
	outPath := flag.String("o", "sound_generators.png", "picture to write (PNG)")
	wavPath := flag.String("wav", "sound_generators.wav", "sequence of all the sounds (WAV, peak-normalised); empty for none")
	flag.Parse()
	items, err := run(1)
	if err != nil {
		log.Fatal(err)
	}
	var seq []*sound.Sound
	gap, err := sound.Silence(0.1)
	if err != nil {
		log.Fatal(err)
	}
	for _, it := range items {
		fmt.Printf("%-20s %v, level %.1f dB SPL\n", it.name, it.snd, float64(it.snd.Level()[0]))
		seq = append(seq, it.snd, gap)
	}
	if *wavPath != "" {
		all, err := sound.Sequence(seq...)
		if err != nil {
			log.Fatal(err)
		}
		if err := sound.SaveWAV(*wavPath, all, sound.WAVOptions{Normalise: true}); err != nil {
			log.Fatal(err)
		}
	}
	if err := draw(items, *outPath); err != nil {
		log.Fatal(err)
	}
}

// run generates the sounds (noises seeded from seed) and their spectra.
func run(seed uint64) ([]*item, error) {
	type gen struct {
		name string
		make func() (*sound.Sound, error)
	}
	gens := []gen{
		{"white noise", func() (*sound.Sound, error) { return sound.WhiteNoise(duration, sound.WithSeed(seed)) }},
		{"pink noise", func() (*sound.Sound, error) { return sound.PinkNoise(duration, sound.WithSeed(seed+1)) }},
		{"brown noise", func() (*sound.Sound, error) { return sound.BrownNoise(duration, sound.WithSeed(seed+2)) }},
		{"harmonic complex", func() (*sound.Sound, error) { return sound.HarmonicComplex(f0, duration, nil, nil) }},
		{"vowel /a/", func() (*sound.Sound, error) { return sound.Vowel("a", pitch, duration) }},
		{"iterated rippled noise", func() (*sound.Sound, error) {
			return sound.IRNS(irnDelay, 1, irnIter, duration, sound.WithSeed(seed+3))
		}},
	}
	var items []*item
	for _, g := range gens {
		s, err := g.make()
		if err != nil {
			return nil, fmt.Errorf("%s: %w", g.name, err)
		}
		if err := s.SetLevel(level); err != nil {
			return nil, fmt.Errorf("%s: %w", g.name, err)
		}
		psd, freqs, err := s.Welch(sound.WelchOptions{NFFT: nfft})
		if err != nil {
			return nil, fmt.Errorf("%s: %w", g.name, err)
		}
		items = append(items, &item{name: g.name, snd: s, psd: psd, freqs: freqs})
	}
	return items, nil
}

// bandDB returns the PSD of it averaged over the band [lo, hi) Hz, in dB re
// 1 Pa²/Hz.
func (it *item) bandDB(lo, hi float64) float64 {
	s, n := 0.0, 0
	for k, f := range it.freqs {
		if f >= lo && f < hi {
			s += it.psd[k]
			n++
		}
	}
	return 10 * math.Log10(s/float64(n))
}

// slope returns the least-squares slope, dB per octave, of the PSD of it
// averaged in third-octave bands from lo to hi Hz.
func (it *item) slope(lo, hi float64) float64 {
	var sx, sy, sxx, sxy, n float64
	for f := lo; f*math.Cbrt(2) <= hi; f *= math.Cbrt(2) {
		x := math.Log2(f)
		y := it.bandDB(f, f*math.Cbrt(2))
		sx, sy, sxx, sxy, n = sx+x, sy+y, sxx+x*x, sxy+x*y, n+1
	}
	return (n*sxy - sx*sy) / (n*sxx - sx*sx)
}

// dB returns the PSD of it in dB re 1 Pa²/Hz between lo and hi Hz.
func (it *item) dB(lo, hi float64) (x, y []float64) {
	for k, f := range it.freqs {
		if f >= lo && f <= hi {
			x = append(x, f)
			y = append(y, 10*math.Log10(max(it.psd[k], 1e-30)))
		}
	}
	return x, y
}

func draw(items []*item, path string) error {
	// Noises with slope guides through their 1 kHz value.
	var noise []figs.Series
	for i, it := range items[:3] {
		// Third-octave smoothing for readability.
		var bx, by []float64
		for f := 20.0; f*math.Cbrt(2) <= 20000; f *= math.Cbrt(2) {
			bx = append(bx, f*math.Pow(2, 1.0/6))
			by = append(by, it.bandDB(f, f*math.Cbrt(2)))
		}
		noise = append(noise, figs.Series{Label: it.name, X: bx, Y: by, Color: figs.Palette(i)})
		at1k := it.bandDB(891, 1122)
		slope := []float64{0, -3, -6}[i]
		noise = append(noise, figs.Series{X: []float64{20, 20000}, Y: []float64{at1k + slope*math.Log2(20.0/1000), at1k + slope*math.Log2(20)}, Dash: true, Color: figs.Palette(7)})
	}
	np, err := figs.Line(figs.LineOptions{Title: "Noises (third-octave bands): 0, -3, -6 dB per octave", XLabel: "Frequency (Hz)", YLabel: "PSD (dB re 1 Pa²/Hz)", LogX: true, LegendBottom: true, LegendLeft: true}, noise...)
	if err != nil {
		return err
	}
	hx, hy := items[3].dB(50, 4000)
	hp, err := figs.Line(figs.LineOptions{Title: "Harmonic complex, f0 = 200 Hz", XLabel: "Frequency (Hz)", YLabel: "PSD (dB)", YMin: -120, YMax: -20}, figs.Series{X: hx, Y: hy, Color: figs.Palette(3)})
	if err != nil {
		return err
	}
	vx, vy := items[4].dB(50, 4000)
	vowel := []figs.Series{{X: vx, Y: vy, Color: figs.Palette(4)}}
	for _, f := range sound.VowelFormants["a"] {
		vowel = append(vowel, figs.Series{X: []float64{f, f}, Y: []float64{-120, -20}, Dash: true, Color: figs.Palette(7)})
	}
	vp, err := figs.Line(figs.LineOptions{Title: "Vowel /a/, pitch 100 Hz (formants dashed)", XLabel: "Frequency (Hz)", YLabel: "PSD (dB)", YMin: -120, YMax: -20}, vowel...)
	if err != nil {
		return err
	}
	ix, iy := items[5].dB(50, 2000)
	ip, err := figs.Line(figs.LineOptions{Title: "Iterated rippled noise, delay 5 ms: peaks every 200 Hz", XLabel: "Frequency (Hz)", YLabel: "PSD (dB)"}, figs.Series{X: ix, Y: iy, Color: figs.Palette(5)})
	if err != nil {
		return err
	}
	img, err := figs.Grid(2, figs.Render(np, 450, 330), figs.Render(hp, 450, 330), figs.Render(vp, 450, 330), figs.Render(ip, 450, 330))
	if err != nil {
		return err
	}
	return figs.SavePNG(path, img)
}
