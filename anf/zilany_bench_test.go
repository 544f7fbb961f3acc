package anf

import (
	"testing"

	"github.com/gohears/hears/cochlea"
	"github.com/gohears/hears/internal/zilanyref"
	"github.com/gohears/hears/sound"
)

// BenchmarkZilany2014 is the speed case: 1 s of a 1 kHz tone at
// 60 dB SPL at 100 kHz through the whole model (cat, high spont,
// approximate power law, no fGn) at 100 CFs, mean rates only, in blocks of
// 4096 frames with the bank's default workers (GOMAXPROCS). One op is the
// whole second.
func BenchmarkZilany2014(b *testing.B) {
	x := zTone(1000, 60, 0, 1, 0)
	src, err := sound.New(x, 1, zFs)
	if err != nil {
		b.Fatal(err)
	}
	bank, err := Zilany2014(src, zilanyref.BenchCFs(), cochlea.DefaultZilanyParams(), DefaultZilanySynapseParams(), ZilanyMeanRate)
	if err != nil {
		b.Fatal(err)
	}
	b.ReportAllocs()
	for b.Loop() {
		if err := bank.Reset(); err != nil {
			b.Fatal(err)
		}
		for s := 0; s < len(x); s += 4096 {
			if _, err := bank.Fetch(s, min(s+4096, len(x))); err != nil {
				b.Fatal(err)
			}
		}
	}
	b.ReportMetric(float64(b.Elapsed().Seconds())/float64(b.N), "s/s-of-sound")
}
