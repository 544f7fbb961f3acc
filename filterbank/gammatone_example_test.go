package filterbank_test

import (
	"fmt"
	"math"

	"github.com/gohears/hears/filterbank"
	"github.com/gohears/hears/sound"
)

// A cochleagram pipeline: 1 kHz tone → 64-channel gammatone bank →
// half-wave rectification and cube-root compression → 10 Hz low-pass,
// streamed block by block; the loudest channel is the one tuned nearest
// 1 kHz.
func ExampleGammatone() {
	const rate = 44100.0
	x := make([]float64, 22050) // 0.5 s
	for i := range x {
		x[i] = math.Sin(2 * math.Pi * 1000 * float64(i) / rate)
	}
	tone, _ := sound.New(x, 1, rate)

	cf, _ := filterbank.ERBSpace(100, 8000, 64)
	gt, err := filterbank.Gammatone(tone, cf)
	if err != nil {
		panic(err)
	}
	ihc, _ := filterbank.Map(gt, filterbank.RectifyCubeRoot)
	smooth, _ := filterbank.LowPass(ihc, 10)

	var last []float64
	err = sound.Each(smooth, tone.NumFrames(), 0, func(block []float64, start, n int) error {
		last = append(last[:0], block[(n-1)*smooth.NumChannels():]...)
		return nil
	})
	if err != nil {
		panic(err)
	}
	best := 0
	for c, v := range last {
		if v > last[best] {
			best = c
		}
	}
	fmt.Printf("%d channels; loudest at %.0f Hz\n", smooth.NumChannels(), cf[best])
	// Output: 64 channels; loudest at 1013 Hz
}
