package anf_test

import (
	"fmt"
	"math"

	"github.com/gohears/hears/anf"
	"github.com/gohears/hears/cochlea"
	"github.com/gohears/hears/sound"
)

// Zilany2014Rates gives the mean discharge rate of high-spontaneous-rate
// fibres (Zilany, Bruce & Carney 2014, cat): near the spontaneous rate in
// silence and far above it during a 1 kHz tone at 50 dB SPL at their
// characteristic frequency.
func ExampleZilany2014Rates() {
	silence, err := sound.Silence(0.05, sound.WithRate(100000))
	if err != nil {
		panic(err)
	}
	tone, err := sound.Tone(1000, 0.05, sound.WithRate(100000))
	if err != nil {
		panic(err)
	}
	if tone, err = tone.AtLevel(50); err != nil {
		panic(err)
	}
	both, err := sound.Sequence(silence, tone)
	if err != nil {
		panic(err)
	}
	rates, err := anf.Zilany2014Rates(both, []float64{1000}, cochlea.DefaultZilanyParams(), anf.DefaultZilanySynapseParams())
	if err != nil {
		panic(err)
	}
	r, err := sound.ReadAll(rates, 4096)
	if err != nil {
		panic(err)
	}
	mean := func(from, to float64) float64 {
		s := 0.0
		a, b := int(from*r.SampleRate()), int(to*r.SampleRate())
		for _, v := range r.Data()[a:b] {
			s += v
		}
		return s / float64(b-a)
	}
	tens := func(x float64) float64 { return 10 * math.Round(x/10) }
	fmt.Printf("silence (30–50 ms): about %.0f spikes/s\n", tens(mean(0.03, 0.05)))
	fmt.Printf("tone (80–100 ms):   about %.0f spikes/s\n", tens(mean(0.08, 0.1)))
	// Output:
	// silence (30–50 ms): about 100 spikes/s
	// tone (80–100 ms):   about 310 spikes/s
}
