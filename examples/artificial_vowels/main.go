// Command artificial_vowels ports Brian Hears' artificial_vowels.py
// example: the noise-band "vowels" of Culling & Summerfield (1995), J.
// Acoust. Soc. Am. 98: 785–797 — white noise, 409.6 ms at 10 kHz, keeping
// only two 150 Hz-wide bands (the "formants") out of 225, 625, 975 and
// 1925 Hz: /ee/ = 225 + 1925, /ar/ = 625 + 975, /oo/ = 225 + 975,
// /er/ = 625 + 1925 Hz. Each vowel is ramped; /ee/ and /ar/ make a stereo
// pair. Brian Hears plays them and saves mono_sound.wav and
// stereo_sound.wav; this port writes those two files into -wavdir (none if
// empty) and draws the /ee/ waveform, its spectrogram and the spectra of
// all four vowels.
//
//	go run ./examples/artificial_vowels [-o artificial_vowels.png] [-wavdir .]
//
// What to look for: the waveform is noise whose envelope beats; the
// spectrogram holds two horizontal bands, at 225 and 1925 Hz, and nothing
// else; in the spectra each vowel is two flat-topped 150 Hz bands (the
// skirts around them come from the 10 ms ramps: before ramping, the power
// outside the bands is zero to rounding).
package main

import (
	"errors"
	"flag"
	"fmt"
	"log"
	"math"
	"path/filepath"

	"gonum.org/v1/gonum/dsp/fourier"

	"github.com/gohears/hears/examples/internal/figs"
	"github.com/gohears/hears/plot"
	"github.com/gohears/hears/sound"
)

// Parameters of the Brian Hears example.
const (
	duration = 0.4096 // s
	halfBand = 75.0   // Hz: half the 150 Hz band width
	rate     = 10000  // Hz
)

// formants of each vowel, Hz.
var (
	vowelNames = []string{"ee", "ar", "oo", "er"}
	formants   = map[string][]float64{
		"ee": {225, 1925},
		"ar": {625, 975},
		"oo": {225, 975},
		"er": {625, 1925},
	}
)

type result struct {
	vowels map[string]*sound.Sound // ramped, mono
	stereo *sound.Sound            // /ee/ left, /ar/ right
	spec   *sound.Spectrogram      // of /ee/
}

func main() {
	outPath := flag.String("o", "artificial_vowels.png", "picture to write (PNG)")
	wavDir := flag.String("wavdir", ".", "directory for mono_sound.wav and stereo_sound.wav (empty: none)")
	flag.Parse()
	r, err := run(1)
	if err != nil {
		log.Fatal(err)
	}
	for _, v := range vowelNames {
		in, err := bandFraction(r.vowels[v], formants[v], halfBand)
		if err != nil {
			log.Fatal(err)
		}
		fmt.Printf("/%s/: formants %v Hz, %.4f%% of the power within them\n", v, formants[v], 100*in)
	}
	if *wavDir != "" {
		opt := sound.WAVOptions{Normalise: true}
		if err := sound.SaveWAV(filepath.Join(*wavDir, "mono_sound.wav"), r.vowels["ee"], opt); err != nil {
			log.Fatal(err)
		}
		if err := sound.SaveWAV(filepath.Join(*wavDir, "stereo_sound.wav"), r.stereo, opt); err != nil {
			log.Fatal(err)
		}
	}
	if err := draw(r, *outPath); err != nil {
		log.Fatal(err)
	}
}

// vowel returns white noise (seed seed) keeping only the frequency bands
// within halfBand Hz of each formant: the FFT of the noise with every other
// bin set to zero, transformed back (Brian Hears' generate_vowel).
func vowel(formants []float64, seed uint64) (*sound.Sound, error) {
	x, err := sound.WhiteNoise(duration, sound.WithRate(rate), sound.WithSeed(seed))
	if err != nil {
		return nil, err
	}
	n := x.NumFrames()
	fft := fourier.NewFFT(n)
	coef := fft.Coefficients(nil, x.ChannelData(0))
	for k := range coef {
		f := float64(k) * rate / float64(n)
		keep := false
		for _, cf := range formants {
			keep = keep || (f > cf-halfBand && f < cf+halfBand)
		}
		if !keep {
			coef[k] = 0
		}
	}
	y := fft.Sequence(nil, coef)
	for i := range y {
		y[i] /= float64(n) // gonum's inverse is unnormalised
	}
	return sound.New(y, 1, rate)
}

func run(seed uint64) (*result, error) {
	r := &result{vowels: map[string]*sound.Sound{}}
	for i, name := range vowelNames {
		v, err := vowel(formants[name], seed+uint64(i))
		if err != nil {
			return nil, err
		}
		if err := v.Ramp(sound.Both, 0.01, nil); err != nil {
			return nil, err
		}
		r.vowels[name] = v
	}
	var err error
	if r.stereo, err = sound.Stack(r.vowels["ee"], r.vowels["ar"]); err != nil {
		return nil, err
	}
	if r.spec, err = r.vowels["ee"].Spectrogram(sound.SpectrogramOptions{NFFT: 256}); err != nil {
		return nil, err
	}
	return r, nil
}

// bandFraction returns the fraction of the power of s (mono) that lies
// within halfBand Hz of the formants, from its spectrum.
func bandFraction(s *sound.Sound, formants []float64, halfBand float64) (float64, error) {
	sp, err := s.Spectrum(sound.SpectrumOptions{})
	if err != nil {
		return 0, err
	}
	in, all := 0.0, 0.0
	for k, f := range sp.Freqs {
		all += sp.Power[k]
		for _, cf := range formants {
			if math.Abs(f-cf) < halfBand {
				in += sp.Power[k]
				break
			}
		}
	}
	if all == 0 {
		return 0, errors.New("silent sound")
	}
	return in / all, nil
}

func draw(r *result, path string) error {
	ee := r.vowels["ee"]
	wave, err := figs.Line(figs.LineOptions{Title: "/ee/ (noise bands at 225 and 1925 Hz)", XLabel: "Time (s)", YLabel: "Pressure (Pa)"},
		figs.Series{X: figs.Times(ee.NumFrames(), rate, 1), Y: ee.ChannelData(0)})
	if err != nil {
		return err
	}
	spec, err := plot.Spectrogram(r.spec.Power, r.spec.Times, r.spec.Freqs, &plot.Options{
		Title: "/ee/: spectrogram", Width: 900, Height: 300, DPI: 100, DynamicRange: 60,
	})
	if err != nil {
		return err
	}
	var series []figs.Series
	for i, name := range vowelNames {
		sp, err := r.vowels[name].Spectrum(sound.SpectrumOptions{High: 2500, LogPower: true})
		if err != nil {
			return err
		}
		peak := math.Inf(-1)
		for _, p := range sp.Power {
			peak = max(peak, p)
		}
		// Smooth over 9 bins (22 Hz) so that the bands read as bands.
		y := make([]float64, len(sp.Power))
		for k := range y {
			s, n := 0.0, 0
			for j := max(0, k-4); j <= min(len(y)-1, k+4); j++ {
				s += math.Pow(10, (sp.Power[j]-peak)/10)
				n++
			}
			y[k] = max(10*math.Log10(s/float64(n)), -60) - 70*float64(i)
		}
		series = append(series, figs.Series{Label: "/" + name + "/", X: sp.Freqs, Y: y})
	}
	spectra, err := figs.Line(figs.LineOptions{Title: "Spectra of the four vowels (dB re peak, 60 dB floor, offset by 70 dB)", XLabel: "Frequency (Hz)",
		YLabel: "Power (dB)", NoYTicks: true}, series...)
	if err != nil {
		return err
	}
	img, err := figs.Grid(1, figs.Render(wave, 900, 240), spec.Image(), figs.Render(spectra, 900, 360))
	if err != nil {
		return err
	}
	return figs.SavePNG(path, img)
}
