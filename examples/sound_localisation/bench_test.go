package main

import (
	"testing"

	"github.com/gohears/hears/hrtf"
)

// BenchmarkSpikingLISTEN runs the spiking model on one 200 ms sound against
// the 187 directions of LISTEN 1002, the comparison point of
// hrtf.BenchmarkLocaliseLISTEN (see BENCHMARKS.md).
func BenchmarkSpikingLISTEN(b *testing.B) {
	set, err := hrtf.LoadSOFA("../../testdata/sofa/LISTEN_1002_IRC_1002_C_HRIR.sofa")
	if err != nil {
		b.Fatal(err)
	}
	c := config{set: set, truth: 60, duration: 0.2, cfN: 40, cfMin: 150, cfMax: 5000, seed: 1}
	for b.Loop() {
		if _, err := run(c); err != nil {
			b.Fatal(err)
		}
	}
}
