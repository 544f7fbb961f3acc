package cochlea

import (
	"math"
	"testing"
	"time"

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

// BenchmarkCARFACRun times the model alone (CARFAC.Run, no bank) on the
// same sound, reporting CPU ms per second of audio: "whole" writes the NAP
// of the whole second into one 12.5 MB buffer; "block441" streams it in
// 20 ms blocks (441 frames) into one reused buffer that stays in cache, as
// an online consumer would. Both run on one worker (the default);
// "-2workers" runs the pipeline on two (carfac_parallel.go). In blocks, it
// also reports the fastest block as a speed ("x-realtime-bestblock"): on a
// shared machine that is the speed when nothing else held the core, much
// steadier than the averages.
func BenchmarkCARFACRun(b *testing.B) {
	const fs = 22050
	snd := carfacBenchSound()
	for _, bc := range []struct {
		name           string
		block, workers int
	}{{"whole", fs, 0}, {"block441", 441, 0}, {"whole-2workers", fs, 2}, {"block441-2workers", 441, 2}} {
		block := bc.block
		b.Run(bc.name, func(b *testing.B) {
			m, err := NewCARFAC(fs, 1, DefaultCARFACParams())
			if err != nil {
				b.Fatal(err)
			}
			if bc.workers > 0 {
				if err := m.SetWorkers(bc.workers); err != nil {
					b.Fatal(err)
				}
			}
			nap := make([]float64, block*m.NumChannels())
			x := snd.Data()
			b.ReportAllocs()
			best := time.Duration(math.MaxInt64)
			c0 := cpuTime()
			b.ResetTimer()
			for range b.N {
				m.Reset()
				for k := 0; k < fs; k += block {
					t0 := time.Now()
					if err := m.Run(x[k:k+block], block, CARFACRows{NAP: nap}); err != nil {
						b.Fatal(err)
					}
					best = min(best, time.Since(t0))
				}
			}
			b.StopTimer()
			if block < fs {
				b.ReportMetric(float64(block)/fs/best.Seconds(), "x-realtime-bestblock")
			}
			cpu := float64(cpuTime()-c0) / float64(b.N)
			b.ReportMetric(cpu/1e6, "cpu-ms/s-audio")
			b.ReportMetric(1e9/cpu, "x-realtime-cpu")
			b.ReportMetric(float64(b.N)/b.Elapsed().Seconds(), "x-realtime-wall")
		})
	}
}

// BenchmarkCARFACPasses times each per-sample pass of one ear on its own
// (CARFAC v2 defaults at 22050 Hz: 71 channels, 18 groups of 4), as the
// fastest of many runs of 50 calls: ns per call of pass 1 (cascade and
// OHC), pass 2 (the ripple) and pass 3 (AC coupler and two_cap IHC), and
// the whole model per sample in Runs of 64 samples (with the AGC). The
// minimum is the speed when nothing else held the core, steady on a
// shared machine where averages are not.
func BenchmarkCARFACPasses(b *testing.B) {
	m, err := NewCARFAC(22050, 1, DefaultCARFACParams())
	if err != nil {
		b.Fatal(err)
	}
	x := carfacBenchSound().Data()
	nap := make([]float64, 441*m.NumChannels())
	if err := m.Run(x[:441], 441, CARFACRows{NAP: nap}); err != nil {
		b.Fatal(err)
	}
	v := &m.ears[0].vecs
	const calls = 50
	best := [4]time.Duration{math.MaxInt64, math.MaxInt64, math.MaxInt64, math.MaxInt64}
	for range b.N {
		t0 := time.Now()
		for range calls {
			carfacPhaseAAVX2(v)
		}
		t1 := time.Now()
		for range calls {
			carfacRippleAsm(v, 0.01)
		}
		t2 := time.Now()
		for range calls {
			carfacPhaseCAVX2(v)
		}
		t3 := time.Now()
		m.Reset()
		if err := m.Run(x[:64], 64, CARFACRows{NAP: nap}); err != nil {
			b.Fatal(err)
		}
		t4 := time.Now()
		for i, d := range []time.Duration{t1.Sub(t0), t2.Sub(t1), t3.Sub(t2), t4.Sub(t3)} {
			best[i] = min(best[i], d)
		}
	}
	b.ReportMetric(float64(best[0])/calls, "pass1-ns")
	b.ReportMetric(float64(best[1])/calls, "ripple-ns")
	b.ReportMetric(float64(best[2])/calls, "pass3-ns")
	b.ReportMetric(float64(best[3])/64, "run-ns/sample")
	b.ReportMetric(1e9/22050/(float64(best[3])/64), "x-realtime-best")
}
