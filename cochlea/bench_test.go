package cochlea

import (
	"fmt"
	"testing"

	"github.com/gohears/hears/internal/cputime"

	"github.com/gohears/hears/filterbank"
	"github.com/gohears/hears/sound"
)

// benchInput is 50 ms of white noise at 50 kHz, 60 dB SPL (0.02 Pa RMS),
// the brian2hears timing workload.
func benchInput() *sound.Sound { return testNoise(2500, 50000, 0.02) }

// cpuTime is this process's user+system CPU time in ns.
func cpuTime() int64 {
	t, _ := cputime.Process()
	return t.Nanoseconds()
}

// runBench reads all of src (in blocks of 2500 frames, so the bank may split
// channels across cores) once per iteration, reporting channel-samples per
// second and CPU ns per channel-sample.
func runBench(b *testing.B, src sound.Source, nch int) {
	b.Helper()
	frames := src.NumFrames()
	b.ReportAllocs()
	if err := src.Reset(); err != nil {
		b.Fatal(err)
	}
	c0 := cpuTime()
	b.ResetTimer()
	for range b.N {
		if err := src.Reset(); err != nil {
			b.Fatal(err)
		}
		if err := sound.Each(src, frames, frames, func([]float64, int, int) error { return nil }); err != nil {
			b.Fatal(err)
		}
	}
	b.StopTimer()
	cs := float64(b.N) * float64(frames*nch)
	b.ReportMetric(cs/b.Elapsed().Seconds()/1e6, "Mch-samples/s")
	b.ReportMetric(float64(cpuTime()-c0)/cs, "cpu-ns/ch-sample")
}

func benchCF(n int) []float64 {
	cf, err := filterbank.ERBSpace(100, 8000, n)
	if err != nil {
		panic(err)
	}
	return cf
}

func BenchmarkDRNL(b *testing.B) {
	for _, n := range []int{50, 1000} {
		b.Run(fmt.Sprintf("ch%d", n), func(b *testing.B) {
			fb, err := DRNL(benchInput(), benchCF(n), DRNLHuman())
			if err != nil {
				b.Fatal(err)
			}
			runBench(b, fb, n)
		})
	}
}

func BenchmarkTanCarney(b *testing.B) {
	for _, n := range []int{50, 1000} {
		for _, ui := range []int{1, 16} {
			b.Run(fmt.Sprintf("ch%d/ui%d", n, ui), func(b *testing.B) {
				me, err := filterbank.MiddleEar(benchInput(), []float64{1})
				if err != nil {
					b.Fatal(err)
				}
				fb, err := TanCarney(me, benchCF(n), ui, DefaultTanCarneyParams())
				if err != nil {
					b.Fatal(err)
				}
				runBench(b, fb, n)
			})
		}
	}
}

func BenchmarkDCGC(b *testing.B) {
	for _, n := range []int{50, 1000} {
		for _, ui := range []int{1, 16} {
			b.Run(fmt.Sprintf("ch%d/ui%d", n, ui), func(b *testing.B) {
				fb, err := DCGC(benchInput(), benchCF(n), ui, DefaultDCGCParams())
				if err != nil {
					b.Fatal(err)
				}
				runBench(b, fb, n)
			})
		}
	}
}

func BenchmarkZhangSynapseRate(b *testing.B) {
	for _, n := range []int{50, 1000} {
		b.Run(fmt.Sprintf("ch%d", n), func(b *testing.B) {
			cf := benchCF(n)
			ihc, err := sound.New(make([]float64, 2500*n), n, 50000)
			if err != nil {
				b.Fatal(err)
			}
			d := benchInput().Data()
			for f := range 2500 {
				for c := range n {
					ihc.Data()[f*n+c] = 0.5 * d[f]
				}
			}
			syn, err := ZhangSynapseRate(ihc, cf, DefaultZhangParams())
			if err != nil {
				b.Fatal(err)
			}
			runBench(b, syn, n)
		})
	}
}

// BenchmarkDRNLGeneral times DRNL's general path (biquad cascades through
// filterbank.LinearKernel), which runs for orders other than the published
// 3.
func BenchmarkDRNLGeneral(b *testing.B) {
	for _, n := range []int{50, 1000} {
		b.Run(fmt.Sprintf("ch%d", n), func(b *testing.B) {
			k, err := newDRNLKernel(benchCF(n), 50000, DRNLHuman(), false)
			if err != nil {
				b.Fatal(err)
			}
			fb, err := newBank("DRNL", k, benchInput(), n)
			if err != nil {
				b.Fatal(err)
			}
			runBench(b, fb, n)
		})
	}
}

// speechInput is testdata's espeak-ng utterance (0.74 s at 22.05 kHz) at
// 70 dB SPL: the speech-like workload of the 100-channel model benchmarks.
func speechInput(b *testing.B) *sound.Sound {
	b.Helper()
	s, err := sound.Load("../testdata/sound_files/espeak_hears.wav")
	if err != nil {
		b.Fatal(err)
	}
	if s, err = s.AtLevel(70); err != nil {
		b.Fatal(err)
	}
	return s
}

// BenchmarkModels100 times each level-dependent model as `hears
// cochleagram` runs it: 100 channels (ERB-spaced, 200 Hz–5.5 kHz for
// TanCarney, 50 Hz–5.5 kHz otherwise), update interval 1, on speech at
// 22.05 kHz, read in the default block size. TanCarney includes the
// resampling to 50 kHz, the middle ear and the Zhang synapse. The
// "x-realtime" metric is the sound's duration over the wall time.
func BenchmarkModels100(b *testing.B) {
	const n = 100
	cfs := func(lo float64) []float64 {
		cf, err := filterbank.ERBSpace(lo, 0.25*22050, n)
		if err != nil {
			b.Fatal(err)
		}
		return cf
	}
	models := []struct {
		name  string
		build func(s sound.Source) (sound.Source, error)
	}{
		{"drnl", func(s sound.Source) (sound.Source, error) { return DRNL(s, cfs(50), DRNLHuman()) }},
		{"dcgc", func(s sound.Source) (sound.Source, error) { return DCGC(s, cfs(50), 1, DefaultDCGCParams()) }},
		{"tancarney", func(s sound.Source) (sound.Source, error) {
			r, err := sound.NewResampler(s, 50000)
			if err != nil {
				return nil, err
			}
			me, err := filterbank.MiddleEar(r, []float64{1})
			if err != nil {
				return nil, err
			}
			cf := cfs(200)
			ihc, err := TanCarney(me, cf, 1, DefaultTanCarneyParams())
			if err != nil {
				return nil, err
			}
			return ZhangSynapseRate(ihc, cf, DefaultZhangParams())
		}},
	}
	for _, m := range models {
		b.Run(m.name, func(b *testing.B) {
			s := speechInput(b)
			src, err := m.build(s)
			if err != nil {
				b.Fatal(err)
			}
			frames := src.NumFrames()
			c0 := cpuTime()
			b.ResetTimer()
			for range b.N {
				if err := src.Reset(); err != nil {
					b.Fatal(err)
				}
				if err := sound.Each(src, frames, 0, func([]float64, int, int) error { return nil }); err != nil {
					b.Fatal(err)
				}
			}
			b.StopTimer()
			dur := float64(b.N) * s.Duration()
			b.ReportMetric(dur/b.Elapsed().Seconds(), "x-realtime")
			b.ReportMetric(dur/(float64(cpuTime()-c0)*1e-9), "x-realtime-cpu")
		})
	}
}
