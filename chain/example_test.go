package chain_test

import (
	"fmt"

	"github.com/gohears/hears/chain"
	"github.com/gohears/hears/sound"
)

// A chain file describes a graph of banks; Build connects it to a sound.
// Here: 8 gammatone channels ERB-spaced from 100 Hz to 4 kHz, half-wave
// rectified and compressed.
func Example() {
	spec, err := chain.ParseBytes([]byte(`{"nodes": [
		{"class": "Gammatone", "name": "bm", "cf": {"erbspace": [100, 4000, 8]}},
		{"class": "FunctionFilterbank", "expr": "clip(x, 0, inf)**(1/3)"}
	]}`))
	if err != nil {
		fmt.Println(err)
		return
	}
	noise, err := sound.WhiteNoise(0.01, sound.WithRate(16000))
	if err != nil {
		panic(err)
	}
	g, err := spec.Build(noise)
	if err != nil {
		fmt.Println(err)
		return
	}
	out := g.Output
	fmt.Println(out.NumChannels(), "channels at", out.SampleRate(), "Hz")
	// Output:
	// 8 channels at 16000 Hz
}
