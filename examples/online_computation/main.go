// Command online_computation ports Brian Hears' online_computation.py
// example: online processing with Filterbank.process(func). A 1 kHz tone
// plus white noise, 100 ms, ramped, at 60 dB SPL, goes through 3000
// gammatone filters ERB-spaced from 20 Hz to 20 kHz; instead of storing the
// 3000-channel output, each block is folded into a running sum of squares
// as it is computed (sound.Each, in memory bounded by the block size), and
// the RMS of every channel is plotted against its centre frequency, with
// the RMS of the sound itself as a dashed line.
//
//	go run ./examples/online_computation [-o online_computation.png] [-channels 3000] [-pushed]
//
// What to look for: a peak at 1 kHz, where the tone passes at unit gain
// (the channel's RMS is the tone's, 1/√3 of the sound's, plus a little
// noise), on a floor of noise that rises with centre frequency as
// √ERB(cf), since each gammatone passes noise power over one ERB (its
// equivalent noise bandwidth with b = 1.019). Every channel stays below the
// sound's RMS.
//
// With -pushed the sound reaches the filterbank as it would from a sound
// card: pushed block by block by another goroutine into an unbounded
// online source (Brian Hears' OnlineSound); the result is the same.
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

// Parameters of the Brian Hears example.
const (
	toneFreq = 1000.0       // Hz
	level    = sound.DB(60) // dB SPL of tone + noise
	fLow     = 20.0         // Hz
	fHigh    = 20000.0      // Hz
)

type result struct {
	cf       []float64 // Hz
	rms      []float64 // RMS of each channel's output, Pa
	soundRMS float64   // RMS of the input, Pa
	noisePSD float64   // one-sided PSD of the noise in the input, Pa²/Hz
}

func main() {
	outPath := flag.String("o", "online_computation.png", "picture to write (PNG)")
	channels := flag.Int("channels", 3000, "number of gammatone channels")
	duration := flag.Float64("duration", 0.1, "duration, s")
	pushed := flag.Bool("pushed", false, "feed the sound through a pushed online source (as from an audio input)")
	flag.Parse()
	r, err := run(*duration, *channels, 1, *pushed)
	if err != nil {
		log.Fatal(err)
	}
	peak := 0
	for c, v := range r.rms {
		if v > r.rms[peak] {
			peak = c
		}
	}
	fmt.Printf("sound RMS %.4f Pa; largest channel RMS %.4f Pa at cf %.0f Hz\n", r.soundRMS, r.rms[peak], r.cf[peak])
	if err := draw(r, *outPath); err != nil {
		log.Fatal(err)
	}
}

// input returns the ramped tone plus noise at 60 dB SPL and the noise's
// one-sided power spectral density after the level is set, Pa²/Hz.
func input(duration float64, seed uint64) (*sound.Sound, float64, error) {
	tone, err := sound.Tone(toneFreq, duration)
	if err != nil {
		return nil, 0, err
	}
	noise, err := sound.WhiteNoise(duration, sound.WithSeed(seed))
	if err != nil {
		return nil, 0, err
	}
	s, err := tone.Add(noise)
	if err != nil {
		return nil, 0, err
	}
	if err := s.Ramp(sound.Both, 0.01, nil); err != nil {
		return nil, 0, err
	}
	before := s.RMS()[0]
	if err := s.SetLevel(level); err != nil {
		return nil, 0, err
	}
	g := s.RMS()[0] / before
	// Unit-variance noise, scaled by g, spread over 0..rate/2.
	return s, g * g / (s.SampleRate() / 2), nil
}

// run computes the RMS of every channel online. With pushed, the sound
// does not feed the filterbank directly: a goroutine pushes it, 512 frames
// at a time, into a sound.NewPushed source, as an audio input callback
// would, and the filterbank reads that unbounded source.
func run(duration float64, channels int, seed uint64, pushed bool) (*result, error) {
	s, psd, err := input(duration, seed)
	if err != nil {
		return nil, err
	}
	cf, err := filterbank.ERBSpace(fLow, fHigh, channels)
	if err != nil {
		return nil, err
	}
	var src sound.Source = s
	if pushed {
		live, err := sound.NewPushed(1, s.SampleRate())
		if err != nil {
			return nil, err
		}
		go func() {
			defer live.Close()
			data := s.Data()
			for k := 0; k < len(data); k += 512 {
				if live.Push(data[k:min(k+512, len(data))]) != nil {
					return
				}
			}
		}()
		src = live
	}
	fb, err := filterbank.Gammatone(src, cf)
	if err != nil {
		return nil, err
	}
	// Brian Hears' sum_of_squares(input, running): the running value is
	// updated block by block; nothing else is kept.
	sum := make([]float64, channels)
	n := s.NumFrames()
	err = sound.Each(fb, n, 0, func(block []float64, _, frames int) error {
		for f := range frames {
			row := block[f*channels : (f+1)*channels]
			for c, v := range row {
				sum[c] += v * v
			}
		}
		return nil
	})
	if err != nil {
		return nil, err
	}
	r := &result{cf: cf, rms: make([]float64, channels), noisePSD: psd}
	for c := range sum {
		r.rms[c] = math.Sqrt(sum[c] / float64(n))
	}
	// sqrt(mean(sound**2)), as the Brian Hears script (not mean-removed).
	ss := 0.0
	for _, v := range s.Data() {
		ss += v * v
	}
	r.soundRMS = math.Sqrt(ss / float64(n))
	return r, nil
}

func draw(r *result, path string) error {
	floor := make([]float64, len(r.cf))
	for c, f := range r.cf {
		floor[c] = math.Sqrt(r.noisePSD * filterbank.ERB(f))
	}
	p, err := figs.Line(figs.LineOptions{
		Title:  fmt.Sprintf("RMS of %d gammatone channels, computed online: 1 kHz tone + noise at 60 dB SPL", len(r.cf)),
		XLabel: "Centre frequency (Hz)", YLabel: "RMS (Pa)", LogX: true, YMin: 0, YMax: 0.025,
	},
		figs.Series{Label: "channel RMS", X: r.cf, Y: r.rms},
		figs.Series{Label: "sound RMS", X: []float64{r.cf[0], r.cf[len(r.cf)-1]}, Y: []float64{r.soundRMS, r.soundRMS}, Dash: true, Color: figs.Palette(3)},
		figs.Series{Label: "noise through one ERB", X: r.cf, Y: floor, Dash: true, Color: figs.Palette(7)},
	)
	if err != nil {
		return err
	}
	p.Legend.Left = true
	return figs.SavePNG(path, figs.Render(p, 900, 450))
}
