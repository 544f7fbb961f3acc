package cochlea

import (
	"math"
	"testing"

	"github.com/gohears/hears/filterbank"
)

// TestLaneKernelsAnyRange runs the TanCarney and DCGC kernels directly on
// channel counts that are not multiples of 8 (so that lane groups are
// partial or padded) over channel ranges that need not start at a lane
// group (lo not a multiple of 8, as no Bank asks but ProcessChannels
// allows), with the AVX2 kernels and with their Go twins, and checks that
// every channel's output is bitwise the one of the whole range on the Go
// twins: a channel's result depends neither on the path nor on where its
// range or lane group starts.
func TestLaneKernelsAnyRange(t *testing.T) {
	const frames = 600
	simd := vecmathSIMD
	defer func() { vecmathSIMD = simd }()
	in := testNoise(frames, 50000, 0.05).Data()
	type kernel interface {
		ProcessChannels(out []float64, in [][]float64, frames, lo, hi int) error
		Reset()
	}
	for _, nc := range []int{1, 5, 9, 13, 40} {
		cf := []float64{1000}
		if nc > 1 {
			var err error
			if cf, err = filterbank.ERBSpace(300, 6000, nc); err != nil {
				t.Fatal(err)
			}
		}
		builds := map[string]func() (kernel, []float64, error){
			"TanCarney": func() (kernel, []float64, error) {
				k, err := NewTanCarneyKernel(cf, 50000, 1, DefaultTanCarneyParams())
				return k, in, err // mono input, read by every channel
			},
			"DCGC": func() (kernel, []float64, error) {
				k, err := NewDCGCKernel(cf, 50000, 1, DefaultDCGCParams())
				x := make([]float64, frames*nc) // a passive-gammachirp-like input per channel
				for f := range frames {
					for c := range nc {
						x[f*nc+c] = in[f] * float64(c+1) / float64(nc)
					}
				}
				return k, x, err
			},
		}
		for name, build := range builds {
			run := func(useSIMD bool, ranges [][2]int) []float64 {
				vecmathSIMD = useSIMD && simd
				k, x, err := build()
				if err != nil {
					t.Fatal(err)
				}
				out := make([]float64, frames*nc)
				for _, r := range ranges {
					// two blocks, so that states carry across calls
					for _, b := range [][2]int{{0, frames / 3}, {frames / 3, frames}} {
						blk := make([]float64, (b[1]-b[0])*nc)
						xb := x[b[0]*len(x)/frames : b[1]*len(x)/frames]
						if err := k.ProcessChannels(blk, [][]float64{xb}, b[1]-b[0], r[0], r[1]); err != nil {
							t.Fatal(err)
						}
						for f := range b[1] - b[0] {
							copy(out[(b[0]+f)*nc+r[0]:(b[0]+f)*nc+r[1]], blk[f*nc+r[0]:f*nc+r[1]])
						}
					}
				}
				return out
			}
			want := run(false, [][2]int{{0, nc}})
			splits := [][][2]int{{{0, nc}}}
			if nc > 3 {
				splits = append(splits, [][2]int{{0, 3}, {3, nc}}, [][2]int{{0, nc / 2}, {nc / 2, nc - 1}, {nc - 1, nc}})
			}
			if nc > 8 {
				splits = append(splits, [][2]int{{0, 8}, {8, nc}})
			}
			for _, useSIMD := range []bool{false, true} {
				for _, split := range splits {
					got := run(useSIMD, split)
					for i := range want {
						if math.Float64bits(got[i]) != math.Float64bits(want[i]) {
							t.Errorf("%s, %d channels, AVX2 %v, ranges %v: channel %d frame %d is %v, want %v (whole range, Go twins)",
								name, nc, useSIMD && simd, split, i%nc, i/nc, got[i], want[i])
							break
						}
					}
				}
			}
		}
	}
}
