package cochlea_test

import (
	"fmt"
	"math"

	"github.com/gohears/hears/cochlea"
	"github.com/gohears/hears/filterbank"
	"github.com/gohears/hears/sound"
)

// ExampleDRNL runs the dual-resonance nonlinear filterbank (Lopez-Poveda &
// Meddis 2001) on a 1 kHz tone at 60 dB SPL and reports the centre
// frequency of the channel that responds most (RMS over the last 50 ms).
func ExampleDRNL() {
	tone, err := sound.Tone(1000, 0.1, sound.WithRate(44100))
	if err != nil {
		panic(err)
	}
	tone, err = tone.AtLevel(60)
	if err != nil {
		panic(err)
	}
	cf, err := filterbank.ERBSpace(300, 3000, 30)
	if err != nil {
		panic(err)
	}
	bank, err := cochlea.DRNL(tone, cf, cochlea.DRNLHuman())
	if err != nil {
		panic(err)
	}
	sum := make([]float64, len(cf))
	frames := tone.NumFrames()
	err = sound.Each(bank, frames, 1024, func(block []float64, start, n int) error {
		for f := 0; f < n; f++ {
			if start+f < frames/2 {
				continue
			}
			for c := range cf {
				v := block[f*len(cf)+c]
				sum[c] += v * v
			}
		}
		return nil
	})
	if err != nil {
		panic(err)
	}
	best := 0
	for c := range cf {
		if sum[c] > sum[best] {
			best = c
		}
	}
	nearest := 0
	for c := range cf {
		if math.Abs(cf[c]-1000) < math.Abs(cf[nearest]-1000) {
			nearest = c
		}
	}
	fmt.Printf("loudest channel: %.0f Hz (the channel nearest 1 kHz: %.0f Hz)\n", cf[best], cf[nearest])
	// Output:
	// loudest channel: 1038 Hz (the channel nearest 1 kHz: 1038 Hz)
}
