package sound_test

import (
	"fmt"
	"os"
	"path/filepath"

	"github.com/gohears/hears/sound"
)

// A 1 kHz tone at 60 dB SPL with 10 ms ramps.
func Example() {
	s, err := sound.Tone(1000, 0.1) // Hz, seconds; 44.1 kHz by default
	if err != nil {
		panic(err)
	}
	s, _ = s.AtLevel(60) // dB SPL
	s, _ = s.Ramped(sound.Both, 0.010, nil)
	fmt.Println(s)
	fmt.Printf("%.1f\n", float64(s.Level()[0]))
	// Output:
	// Sound: 4410 frames × 1 channel at 44100 Hz (0.1 s)
	// 59.4
}

// Reproducible noise, one seed per experiment.
func ExampleWhiteNoise() {
	a, _ := sound.WhiteNoise(0.01, sound.WithSeed(1), sound.WithRate(16000))
	b, _ := sound.WhiteNoise(0.01, sound.WithSeed(1), sound.WithRate(16000))
	fmt.Println(a.NumFrames(), a.At(5, 0) == b.At(5, 0))
	// Output: 160 true
}

// Stereo from two sounds, saved and loaded again.
func ExampleSaveWAV() {
	l, _ := sound.Tone(500, 0.05)
	r, _ := sound.Tone(600, 0.05)
	st, _ := sound.Stack(l.Scale(0.5), r.Scale(0.5))
	dir, _ := os.MkdirTemp("", "example")
	defer os.RemoveAll(dir)
	path := filepath.Join(dir, "stereo.wav")
	if err := sound.SaveWAV(path, st, sound.WAVOptions{Encoding: sound.PCM24}); err != nil {
		panic(err)
	}
	back, err := sound.LoadWAV(path)
	if err != nil {
		panic(err)
	}
	fmt.Println(back)
	// Output: Sound: 2205 frames × 2 channels at 44100 Hz (0.05 s)
}

// Resampling 44.1 kHz material to 48 kHz.
func ExampleSound_Resampled() {
	s, _ := sound.Vowel("a", 120, 0.5)
	y, err := s.Resampled(48000)
	if err != nil {
		panic(err)
	}
	fmt.Println(y.NumFrames(), y.SampleRate())
	// Output: 24000 48000
}

// An online source fed from a callback, read in blocks.
func ExampleNewOnline() {
	src, _ := sound.NewOnline(1, 1000, func(block []float64, start, n int) error {
		for i := range n {
			block[i] = float64(start + i)
		}
		return nil
	})
	sum := 0.0
	sound.Each(src, 100, 32, func(b []float64, start, n int) error {
		for _, v := range b {
			sum += v
		}
		return nil
	})
	fmt.Println(sum)
	// Output: 4950
}
