// Command resampling shows sample-rate conversion, which Brian Hears does
// with Sound.resample (through libsamplerate) and gohears with
// Sound.Resampled and the streaming sound.Resampler: a 44.1 kHz sound made
// of white noise at 40 dB SPL, a 3 kHz tone and a 10 kHz tone (both at
// 70 dB SPL) is converted to 16 kHz, streamed block by block through a
// Resampler. At 16 kHz the Nyquist frequency is 8 kHz: the 10 kHz tone
// must be removed, not folded to 6 kHz (aliasing), while everything below
// 7.2 kHz (90 % of the Nyquist frequency) keeps its level.
//
//	go run ./examples/resampling [-o resampling.png]
//
// What to look for: the spectrum at 16 kHz (bottom) follows the original
// (top) up to 7.2 kHz, falls off a cliff before 8 kHz, and has no line at
// 6 kHz where the 10 kHz tone would have folded. The program prints the
// levels of the two tones before and after, the level at 6 kHz, and checks
// that the streamed result equals Sound.Resampled. (The 3 kHz line stands
// taller at 16 kHz only because 4096-point segments have narrower bins
// there; its level, the power under the line, is unchanged.)
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
	inRate  = 44100.0 // Hz
	outRate = 16000.0 // Hz
	nfft    = 4096    // Welch segment
)

type spectrum struct {
	psd, freqs []float64
}

type result struct {
	in, out   *sound.Sound
	inSpec    spectrum
	outSpec   spectrum
	maxStream float64 // largest |streamed − Sound.Resampled|
}

func main() {
	outPath := flag.String("o", "resampling.png", "picture to write (PNG)")
	duration := flag.Float64("duration", 1, "duration, s")
	flag.Parse()
	r, err := run(*duration, 1)
	if err != nil {
		log.Fatal(err)
	}
	fmt.Printf("%v -> %v\n", r.in, r.out)
	for _, f := range []float64{3000, 10000} {
		fmt.Printf("%5.0f Hz line: %6.1f dB before", f, lineDB(r.inSpec, f))
		if f < outRate/2 {
			fmt.Printf(", %6.1f dB after", lineDB(r.outSpec, f))
		}
		fmt.Println()
	}
	fmt.Printf("6 kHz (where 10 kHz would alias) after: %.1f dB; noise floor after, near 5 kHz: %.1f dB\n",
		lineDB(r.outSpec, 6000), lineDB(r.outSpec, 5000))
	fmt.Printf("largest difference between the streamed and the in-memory resampling: %g\n", r.maxStream)
	if err := draw(r, *outPath); err != nil {
		log.Fatal(err)
	}
}

// input returns noise at 40 dB SPL plus tones at 3 and 10 kHz at 70 dB SPL.
func input(duration float64, seed uint64) (*sound.Sound, error) {
	noise, err := sound.WhiteNoise(duration, sound.WithRate(inRate), sound.WithSeed(seed))
	if err != nil {
		return nil, err
	}
	if err := noise.SetLevel(40); err != nil {
		return nil, err
	}
	s := noise
	for _, f := range []float64{3000, 10000} {
		tone, err := sound.Tone(f, duration, sound.WithRate(inRate))
		if err != nil {
			return nil, err
		}
		if err := tone.SetLevel(70); err != nil {
			return nil, err
		}
		if s, err = s.Add(tone); err != nil {
			return nil, err
		}
	}
	return s, nil
}

func run(duration float64, seed uint64) (*result, error) {
	in, err := input(duration, seed)
	if err != nil {
		return nil, err
	}
	rs, err := sound.NewResampler(in, outRate)
	if err != nil {
		return nil, err
	}
	// Stream it, as a chain would read it, in 1000-frame blocks.
	out, err := sound.ReadAll(rs, 1000)
	if err != nil {
		return nil, err
	}
	whole, err := in.Resampled(outRate)
	if err != nil {
		return nil, err
	}
	r := &result{in: in, out: out}
	if whole.NumFrames() != out.NumFrames() {
		return nil, fmt.Errorf("streamed %d frames, in memory %d", out.NumFrames(), whole.NumFrames())
	}
	for k, v := range out.Data() {
		r.maxStream = max(r.maxStream, math.Abs(v-whole.Data()[k]))
	}
	for _, x := range []struct {
		s    *sound.Sound
		spec *spectrum
	}{{in, &r.inSpec}, {out, &r.outSpec}} {
		psd, freqs, err := x.s.Welch(sound.WelchOptions{NFFT: nfft})
		if err != nil {
			return nil, err
		}
		x.spec.psd, x.spec.freqs = psd, freqs
	}
	return r, nil
}

// lineDB returns the power within ±4 bins of f Hz, in dB SPL (the PSD
// summed over the bins, times the bin width, re (20 µPa)²): the level of a
// tone there, or of the noise in that band.
func lineDB(s spectrum, f float64) float64 {
	df := s.freqs[1] - s.freqs[0]
	p := 0.0
	for k, g := range s.freqs {
		if math.Abs(g-f) <= 4*df {
			p += s.psd[k] * df
		}
	}
	return 10 * math.Log10(p/(sound.ReferencePressure*sound.ReferencePressure))
}

func draw(r *result, path string) error {
	series := func(s spectrum) figs.Series {
		y := make([]float64, len(s.psd))
		for k, p := range s.psd {
			y[k] = 10 * math.Log10(max(p, 1e-30)/(sound.ReferencePressure*sound.ReferencePressure))
		}
		x := make([]float64, len(s.freqs))
		for k, f := range s.freqs {
			x[k] = f / 1000
		}
		return figs.Series{X: x, Y: y}
	}
	top := series(r.inSpec)
	bottom := series(r.outSpec)
	bottom.Color = figs.Palette(3)
	nyq := figs.Series{X: []float64{8, 8}, Y: []float64{-80, 60}, Dash: true, Color: figs.Palette(7)}
	tp, err := figs.Line(figs.LineOptions{Title: "At 44.1 kHz: noise at 40 dB SPL, tones at 3 and 10 kHz (dashed: 8 kHz)", XLabel: "Frequency (kHz)", YLabel: "PSD (dB SPL/Hz)", YMin: -80, YMax: 60, XMin: 0, XMax: 22.05}, top, nyq)
	if err != nil {
		return err
	}
	bp, err := figs.Line(figs.LineOptions{Title: "Resampled to 16 kHz: the 10 kHz tone is gone, not folded to 6 kHz", XLabel: "Frequency (kHz)", YLabel: "PSD (dB SPL/Hz)", YMin: -80, YMax: 60, XMin: 0, XMax: 22.05}, bottom, nyq)
	if err != nil {
		return err
	}
	img, err := figs.Grid(1, figs.Render(tp, 900, 320), figs.Render(bp, 900, 320))
	if err != nil {
		return err
	}
	return figs.SavePNG(path, img)
}
