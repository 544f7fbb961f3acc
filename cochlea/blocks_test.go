package cochlea

import (
	"fmt"
	"testing"

	"github.com/gohears/hears/filterbank"
	"github.com/gohears/hears/sound"
)

// TestBlocksAndWorkers checks, for every time-varying model at update
// intervals 1 and 16, that the output is bit-identical whatever the
// consumer's block size and the number of workers (48 channels, blocks up
// to 2000 frames, so that the bank splits channels across cores), and
// that Reset and a rewinding fetch reproduce it.
func TestBlocksAndWorkers(t *testing.T) {
	cf, _ := filterbank.ERBSpace(200, 6000, 48)
	snd := testNoise(2000, 50000, 0.05)
	build := map[string]func(ui int) (sound.Source, func(int), error){
		"TanCarney": func(ui int) (sound.Source, func(int), error) {
			me, err := filterbank.MiddleEar(snd, []float64{1})
			if err != nil {
				return nil, nil, err
			}
			b, err := TanCarney(me, cf, ui, DefaultTanCarneyParams())
			if err != nil {
				return nil, nil, err
			}
			return b, b.SetWorkers, nil
		},
		"DCGC": func(ui int) (sound.Source, func(int), error) {
			b, err := DCGC(snd, cf, ui, DefaultDCGCParams())
			if err != nil {
				return nil, nil, err
			}
			inner, ok := b.Inner().(*filterbank.Bank)
			if !ok {
				return nil, nil, fmt.Errorf("DCGC inner chain is a %T", b.Inner())
			}
			return b, inner.SetWorkers, nil
		},
		"ZhangSynapseRate": func(ui int) (sound.Source, func(int), error) {
			me, err := filterbank.MiddleEar(snd, []float64{1})
			if err != nil {
				return nil, nil, err
			}
			ihc, err := TanCarney(me, cf, ui, DefaultTanCarneyParams())
			if err != nil {
				return nil, nil, err
			}
			b, err := ZhangSynapseRate(ihc, cf, DefaultZhangParams())
			if err != nil {
				return nil, nil, err
			}
			return b, b.SetWorkers, nil
		},
	}
	for name, mk := range build {
		for _, ui := range []int{1, 16} {
			t.Run(fmt.Sprintf("%s/ui%d", name, ui), func(t *testing.T) {
				var ref []float64
				for _, w := range []int{1, 2} {
					for _, block := range []int{2000, 700, 32, 5} {
						src, setWorkers, err := mk(ui)
						if err != nil {
							t.Fatal(err)
						}
						setWorkers(w)
						got := readBlocks(t, src, 2000, block)
						if ref == nil {
							ref = got
							continue
						}
						if d := maxAbsDiff(got, ref); d != 0 {
							t.Fatalf("workers %d, block %d: differs by %g", w, block, d)
						}
					}
				}
				// Rewind: fetch a late segment, then an early one again.
				src, _, _ := mk(ui)
				if _, err := src.Fetch(1500, 2000); err != nil {
					t.Fatal(err)
				}
				nc := src.NumChannels()
				blk, err := src.Fetch(100, 200)
				if err != nil {
					t.Fatal(err)
				}
				if d := maxAbsDiff(blk, ref[100*nc:200*nc]); d != 0 {
					t.Fatalf("after rewinding: differs by %g", d)
				}
				if err := src.Reset(); err != nil {
					t.Fatal(err)
				}
				if d := maxAbsDiff(readBlocks(t, src, 2000, 2000), ref); d != 0 {
					t.Fatalf("after Reset: differs by %g", d)
				}
			})
		}
	}
}
