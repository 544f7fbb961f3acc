// Command noisewav writes 1 s of 44.1 kHz white noise (seed 1) as a 16-bit
// WAV file, the input of the `hears filter` timing in scripts/bench.
package main

import (
	"log"
	"os"

	"github.com/gohears/hears/sound"
)

func main() {
	if len(os.Args) != 2 {
		log.Fatal("usage: noisewav out.wav")
	}
	s, err := sound.WhiteNoise(1, sound.WithRate(44100), sound.WithSeed(1))
	if err != nil {
		log.Fatal(err)
	}
	if err := sound.SaveWAV(os.Args[1], s.Scale(0.1), sound.WAVOptions{}); err != nil {
		log.Fatal(err)
	}
}
