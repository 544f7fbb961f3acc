package main

import (
	"strings"

	"github.com/gohears/hears/chain"
	"testing"

	"github.com/gohears/hears/internal/cputime"

	"github.com/gohears/hears/filterbank"
	"github.com/gohears/hears/sound"
)

// BenchmarkCochleagramPipeline measures the streamed cochleagram without
// drawing: 3000 gammatone channels (ERB-spaced 20 Hz-20 kHz) over 1 s of
// 44.1 kHz noise, rectified, cube-rooted, low-passed and decimated to 1200
// bins as in `hears cochleagram --channels 3000`.
func BenchmarkCochleagramPipeline(b *testing.B) {
	s, err := sound.WhiteNoise(1, sound.WithRate(44100), sound.WithSeed(1))
	if err != nil {
		b.Fatal(err)
	}
	cf, err := filterbank.ERBSpace(20, 20000, 3000)
	if err != nil {
		b.Fatal(err)
	}
	mdl, _ := chain.LookupCochlearModel("gammatone")
	b.ResetTimer()
	cpu0 := cpuTime()
	for range b.N {
		if _, _, _, err := cochleagramGrid(s, mdl, cf, 10, 1200, csvPlan{}, nil); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric((cpuTime()-cpu0)/(float64(s.NumFrames()*len(cf))*float64(b.N)), "cpu-ns/ch-sample")
	b.ReportMetric(float64(s.NumFrames()*len(cf))*float64(b.N)/b.Elapsed().Seconds(), "channel-samples/s")
}

// FuzzParseArgs checks that no command line makes the flag parsing of a
// command panic, and that positional arguments come back in order.
func FuzzParseArgs(f *testing.F) {
	f.Add("a.wav\x00-o\x00x.png\x00--channels\x0064")
	f.Add("--\x00-n")
	f.Add("-h")
	f.Add("--fmin=\x00a\x00--mono=false\x00b")
	f.Fuzz(func(t *testing.T, joined string) {
		args := strings.Split(joined, "\x00")
		c, err := cochleagramCommand()
		if err != nil {
			t.Fatal(err)
		}
		if err := c.ParseFlags(args); err != nil {
			return
		}
		if len(c.Flags().Args()) > len(args) {
			t.Fatalf("%d positional arguments from %d", len(c.Flags().Args()), len(args))
		}
	})
}

// cpuTime is this process's user + system CPU time in ns: on a shared
// machine, wall-clock figures depend on other processes; this does not.
func cpuTime() float64 {
	t, _ := cputime.Process()
	return float64(t.Nanoseconds())
}
