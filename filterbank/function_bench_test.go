package filterbank

import (
	"fmt"
	"testing"

	"github.com/gohears/hears/sound"
)

// BenchmarkMapRectifyCubeRoot applies RectifyCubeRoot to 3000 channels
// over 1 s at 44.1 kHz (blocks of 128 frames of a looped input) with Map
// (one function call per sample) and with HalfWaveCubeRoot (vectorised).
func BenchmarkMapRectifyCubeRoot(b *testing.B) {
	const nch, frames = 3000, 44100
	src := loopedInput(b, nch)
	for _, c := range []struct {
		name string
		mk   func(sound.Source) (*Bank, error)
	}{
		{"map", func(s sound.Source) (*Bank, error) { return Map(s, RectifyCubeRoot) }},
		{"halfwavecuberoot", HalfWaveCubeRoot},
	} {
		for _, w := range []int{1, 2} {
			b.Run(fmt.Sprintf("%s/workers=%d", c.name, w), func(b *testing.B) {
				m, err := c.mk(src)
				if err != nil {
					b.Fatal(err)
				}
				benchBank(b, m, w, nch*frames, func(m *Bank) error { return drain(m, frames, 128) })
			})
		}
	}
}
