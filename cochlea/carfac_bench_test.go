package cochlea

import (
	"math"
	"testing"
)

// BenchmarkCARFAC runs CARFAC v2 (defaults: 71 channels at 22050 Hz, one
// ear, two_cap IHC, closed loop) on 1 s of white noise at 70 dB SPL (rms
// 10^(−34/20) in model units), streaming the NAP through the bank in
// blocks of 2205 frames; it reports how many times faster than real time
// that is. The same workload for the NumPy reference is in BENCHMARKS.md.
func BenchmarkCARFAC(b *testing.B) {
	for _, o := range []CARFACOutput{CARFACNAP, CARFACBM} {
		b.Run(o.String(), func(b *testing.B) {
			const fs = 22050
			snd := testNoise(fs, fs, math.Pow(10, -34.0/20))
			bank, cf, err := CARFACBank(snd, DefaultCARFACParams(), o)
			if err != nil {
				b.Fatal(err)
			}
			if len(cf) != 71 {
				b.Fatalf("%d channels", len(cf))
			}
			runBench(b, bank, len(cf))
			b.ReportMetric(float64(b.N)/b.Elapsed().Seconds(), "x-realtime")
		})
	}
}

// BenchmarkCARFACRun times the model alone (CARFAC.Run into a NAP buffer,
// no bank) on the same 1 s of noise, reporting CPU ms per second of audio.
func BenchmarkCARFACRun(b *testing.B) {
	const fs = 22050
	snd := testNoise(fs, fs, math.Pow(10, -34.0/20))
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
	b.ReportMetric(float64(b.N)/b.Elapsed().Seconds(), "x-realtime")
}
