// Command sounds ports Brian Hears' sounds.py example, the basic use of
// sounds: a 1 kHz tone plus white noise, 1 s long, ramped on and off
// (10 ms sin² ramps); its first 20 ms as a waveform, and its spectrogram
// (matplotlib specgram's scaling, as Sound.spectrogram; here 512-point
// segments overlapping by a quarter instead of 256 overlapping by half,
// for finer frequency resolution, drawn up to 8 kHz). Brian Hears
// also plays the sound; this port writes it as sounds.wav instead (peak
// normalised) and prints its level.
//
//	go run ./examples/sounds [-o sounds.png] [-wav sounds.wav]
//
// What to look for: the waveform starts at zero (the ramp) and shows a
// 1 ms-period sine buried in noise of twice its power (the tone's RMS is
// 1/√2 Pa, the noise's 1 Pa); the spectrogram shows a flat noise floor
// with a horizontal line at 1 kHz from 0 to 1 s, the tone's power
// concentrated in one bin standing well above the noise's, spread over all.
package main

import (
	"flag"
	"fmt"
	"log"
	"math"

	"github.com/gohears/hears/examples/internal/figs"
	"github.com/gohears/hears/plot"
	"github.com/gohears/hears/sound"
)

const (
	toneFreq = 1000.0 // Hz
	nfft     = 512    // spectrogram segment, frames
)

type result struct {
	snd   *sound.Sound       // tone + noise, ramped
	start *sound.Sound       // its first 20 ms
	spec  *sound.Spectrogram // PSD, Pa²/Hz
}

func main() {
	outPath := flag.String("o", "sounds.png", "picture to write (PNG)")
	wavPath := flag.String("wav", "sounds.wav", "sound to write (WAV, peak-normalised); empty for none")
	duration := flag.Float64("duration", 1, "duration, s")
	flag.Parse()
	r, err := run(*duration, 1)
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println(r.snd)
	fmt.Printf("level: %.1f dB SPL (tone alone: %.1f dB, noise alone about %.1f dB)\n",
		float64(r.snd.Level()[0]), float64(sound.SPL(1/math.Sqrt2)), float64(sound.SPL(1)))
	if *wavPath != "" {
		if err := sound.SaveWAV(*wavPath, r.snd, sound.WAVOptions{Normalise: true}); err != nil {
			log.Fatal(err)
		}
	}
	if err := draw(r, *outPath); err != nil {
		log.Fatal(err)
	}
}

func run(duration float64, seed uint64) (*result, error) {
	tone, err := sound.Tone(toneFreq, duration)
	if err != nil {
		return nil, err
	}
	noise, err := sound.WhiteNoise(duration, sound.WithSeed(seed))
	if err != nil {
		return nil, err
	}
	snd, err := tone.Add(noise)
	if err != nil {
		return nil, err
	}
	if err := snd.Ramp(sound.Both, 0.01, nil); err != nil {
		return nil, err
	}
	start, err := snd.Slice(0, 0.02)
	if err != nil {
		return nil, err
	}
	spec, err := snd.Spectrogram(sound.SpectrogramOptions{NFFT: nfft, Overlap: nfft / 4, High: 8000})
	if err != nil {
		return nil, err
	}
	return &result{snd: snd, start: start, spec: spec}, nil
}

func draw(r *result, path string) error {
	wave, err := figs.Line(figs.LineOptions{Title: "First 20 ms: 1 kHz tone + white noise", XLabel: "Time (ms)", YLabel: "Pressure (Pa)"},
		figs.Series{X: figs.Times(r.start.NumFrames(), r.start.SampleRate(), 1000), Y: r.start.ChannelData(0)})
	if err != nil {
		return err
	}
	spec, err := plot.Spectrogram(r.spec.Power, r.spec.Times, r.spec.Freqs, &plot.Options{
		Title: "Spectrogram", Width: 900, Height: 380, DPI: 100, DynamicRange: 40, ColorLabel: "dB re 1 Pa²/Hz",
	})
	if err != nil {
		return err
	}
	img, err := figs.Grid(1, figs.Render(wave, 900, 300), spec.Image())
	if err != nil {
		return err
	}
	return figs.SavePNG(path, img)
}
