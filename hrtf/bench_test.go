package hrtf

import (
	"os"
	"testing"
	"time"

	"github.com/gohears/hears/internal/cputime"

	"github.com/gohears/hears/sound"
)

// BenchmarkSetFilterbankMIT applies the whole MIT KEMAR set (710
// directions × 2 ears = 1420 channels × 512 taps) to 1 s of 44.1 kHz white
// noise, read in 8192-frame blocks; one op is the whole second. It also
// reports channel-samples/s and the process's CPU time per op.
func BenchmarkSetFilterbankMIT(b *testing.B) {
	s := loadMIT(b)
	benchSet(b, s)
}

// BenchmarkSetFilterbankMIT187 is the same with 187 directions of the MIT
// set (every direction with elevation ≤ 0 and azimuth a multiple of 10°,
// trimmed to 187) — 374 channels, the size of the LISTEN set BENCHMARKS.md
// compares with brian2hears.
func BenchmarkSetFilterbankMIT187(b *testing.B) {
	s := loadMIT(b)
	n := 0
	sub, err := s.Subset(func(Coordinate) bool { n++; return n <= 187 })
	if err != nil || sub.Len() != 187 {
		b.Fatal(err)
	}
	benchSet(b, sub)
}

func benchSet(b *testing.B, s *Set) {
	noise, err := sound.WhiteNoise(1, sound.WithRate(44100), sound.WithSeed(1))
	if err != nil {
		b.Fatal(err)
	}
	fb, err := s.Filterbank(noise)
	if err != nil {
		b.Fatal(err)
	}
	frames := noise.NumFrames()
	cpu0, _ := cputime.Process()
	b.ReportAllocs()
	b.ResetTimer()
	for range b.N {
		if err := fb.Reset(); err != nil {
			b.Fatal(err)
		}
		if err := sound.Each(fb, frames, 8192, func([]float64, int, int) error { return nil }); err != nil {
			b.Fatal(err)
		}
	}
	b.StopTimer()
	cpu := cputime.Since(cpu0) / time.Duration(b.N)
	b.ReportMetric(float64(cpu.Nanoseconds()), "cpu-ns/op")
	b.ReportMetric(float64(frames*fb.NumChannels())*float64(b.N)/b.Elapsed().Seconds(), "ch-samples/s")
}

// BenchmarkLoadSOFA loads each real set (LoadSOFA: read, check every
// checksum, inflate, build the Set); MB/s is the file's size per second.
// docs/bench/sofa.md sets it beside h5py reading the same variables.
func BenchmarkLoadSOFA(b *testing.B) {
	for _, name := range []string{"LISTEN_1002_IRC_1002_C_HRIR", "MIT_KEMAR_normal_pinna", "MIT_KEMAR_large_pinna", "Pulse"} {
		p := "../testdata/sofa/" + name + ".sofa"
		st, err := os.Stat(p)
		if err != nil {
			b.Fatal(err)
		}
		b.Run(name, func(b *testing.B) {
			b.SetBytes(st.Size())
			b.ReportAllocs()
			cpu0, _ := cputime.Process()
			for range b.N {
				if _, err := LoadSOFA(p); err != nil {
					b.Fatal(err)
				}
			}
			b.ReportMetric(float64(cputime.Since(cpu0).Nanoseconds())/float64(b.N), "cpu-ns/op")
		})
	}
}

// BenchmarkRefuseDelayBomb: refusing testdata/sofa/synthetic/delay_bomb.sofa
// (Pulse with Data.Delay = 65536 samples), which once allocated 1.3 GB.
func BenchmarkRefuseDelayBomb(b *testing.B) {
	b.ReportAllocs()
	for range b.N {
		if _, err := LoadSOFA("../testdata/sofa/synthetic/delay_bomb.sofa"); err == nil {
			b.Fatal("no error")
		}
	}
}
