package filterbank

import (
	"fmt"
	"testing"

	"github.com/gohears/hears/sound"
)

// BenchmarkLowPass3000 runs 3000 first-order low-pass channels (10 Hz, the
// cochleagram smoother) over 1 s of 3000-channel input at 44.1 kHz, read in
// blocks of 128 frames.
func BenchmarkLowPass3000(b *testing.B) {
	const nch, frames = 3000, 44100
	src := loopedInput(b, nch)
	for _, p := range benchPaths {
		for _, w := range []int{1, 2} {
			b.Run(fmt.Sprintf("%s/workers=%d", p.name, w), func(b *testing.B) {
				benchWithSIMD(b, p.level, p.name, func() {
					bank, err := LowPass(src, 10)
					if err != nil {
						b.Fatal(err)
					}
					benchBank(b, bank, w, nch*frames, func(bank *Bank) error { return drain(bank, frames, 128) })
				})
			})
		}
	}
}

// loopedInput is an unbounded nch-channel input at 44.1 kHz repeating one
// 128-frame block of small integers.
func loopedInput(b *testing.B, nch int) *loopSource {
	x := make([]float64, 128*nch)
	for i := range x {
		x[i] = float64(i%17) - 8
	}
	blk, err := sound.New(x, nch, 44100)
	if err != nil {
		b.Fatal(err)
	}
	return &loopSource{blk}
}

// loopSource repeats one 128-frame block forever (an unbounded
// multi-channel input that costs nothing to produce).
type loopSource struct{ blk *sound.Sound }

func (l *loopSource) NumChannels() int    { return l.blk.NumChannels() }
func (l *loopSource) SampleRate() float64 { return l.blk.SampleRate() }
func (l *loopSource) NumFrames() int      { return sound.Unbounded }
func (l *loopSource) Reset() error        { return nil }
func (l *loopSource) Fetch(start, end int) ([]float64, error) {
	n := l.blk.NumFrames()
	if start%n != 0 || end-start > n {
		return nil, fmt.Errorf("loopSource serves aligned blocks of up to %d frames", n)
	}
	return l.blk.Fetch(0, end-start)
}
