package cochlea

import (
	"testing"

	"github.com/gohears/hears/sound"
)

// carfacBenchSound is the benchmark's sound: 1 s at 22050 Hz of the
// reference's harmonic complex (F0 200 Hz, harmonics 1–20 in cosine phase,
// 60 dB SPL), which the NumPy timing in docs/bench/carfac.md generates by
// the same formula.
func carfacBenchSound() *sound.Sound {
	s, err := sound.New(harmonicComplex(200, 20, 22050, 22050, 60), 1, 22050)
	if err != nil {
		panic(err)
	}
	return s
}

// BenchmarkCARFAC runs CARFAC v2 (defaults: 71 channels at 22050 Hz, one
// ear, two_cap IHC, closed loop) on carfacBenchSound, streaming the NAP
// (or the BM) through the bank in one fetch; it reports how many times
// faster than real time that is, by wall and by CPU time. The NumPy
// reference on the same sound is in docs/bench/carfac.md.
func BenchmarkCARFAC(b *testing.B) {
	for _, o := range []CARFACOutput{CARFACNAP, CARFACBM} {
		b.Run(o.String(), func(b *testing.B) {
			bank, cf, err := CARFACBank(carfacBenchSound(), DefaultCARFACParams(), o)
			if err != nil {
				b.Fatal(err)
			}
			if len(cf) != 71 {
				b.Fatalf("%d channels", len(cf))
			}
			c0 := cpuTime()
			runBench(b, bank, len(cf))
			b.ReportMetric(float64(b.N)/b.Elapsed().Seconds(), "x-realtime-wall")
			b.ReportMetric(float64(b.N)*1e9/float64(cpuTime()-c0), "x-realtime-cpu")
		})
	}
}

// BenchmarkCARFACRun times the model alone (CARFAC.Run into a NAP buffer,
// no bank) on the same sound, reporting CPU ms per second of audio.
func BenchmarkCARFACRun(b *testing.B) {
	const fs = 22050
	snd := carfacBenchSound()
	m, err := NewCARFAC(fs, 1, DefaultCARFACParams())
	if err != nil {
		b.Fatal(err)
	}
	nap := make([]float64, fs*m.NumChannels())
	b.ReportAllocs()
	c0 := cpuTime()
	b.ResetTimer()
	for range b.N {
		m.Reset()
		if err := m.Run(snd.Data(), fs, CARFACRows{NAP: nap}); err != nil {
			b.Fatal(err)
		}
	}
	b.StopTimer()
	b.ReportMetric(float64(cpuTime()-c0)/float64(b.N)/1e6, "cpu-ms/s-audio")
	b.ReportMetric(float64(b.N)/b.Elapsed().Seconds(), "x-realtime-wall")
}
