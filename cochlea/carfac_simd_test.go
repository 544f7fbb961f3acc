package cochlea

import (
	"math"
	"testing"
	"time"
	"unsafe"
)

// TestCARFACVecsLayout checks the field offsets carfac_amd64.s uses.
func TestCARFACVecsLayout(t *testing.T) {
	var v carfacVecs
	for _, f := range []struct {
		name      string
		got, want uintptr
	}{{"g", unsafe.Offsetof(v.g), 0}, {"h", unsafe.Offsetof(v.h), 80}, {"hz", unsafe.Offsetof(v.hz), 88},
		{"inp", unsafe.Offsetof(v.inp), 96}, {"zy", unsafe.Offsetof(v.zy), 104}, {"nap", unsafe.Offsetof(v.nap), 128},
		{"accum0", unsafe.Offsetof(v.accum0), 160}, {"n", unsafe.Offsetof(v.n), 168}, {"vs", unsafe.Offsetof(v.vs), 176},
		{"ac", unsafe.Offsetof(v.ac), 192}, {"ds", unsafe.Offsetof(v.ds), 200}, {"out1", unsafe.Offsetof(v.out1), 208},
		{"rest", unsafe.Offsetof(v.rest), 256},
		{"keep", unsafe.Offsetof(v.keep), 264}, {"lg", unsafe.Offsetof(v.lg), 272}, {"noBM", unsafe.Offsetof(v.noBM), 280}} {
		if f.got != f.want {
			t.Errorf("carfacVecs.%s at offset %d, the assembly reads %d", f.name, f.got, f.want)
		}
	}
}

// TestCARFACSIMDBits checks that the AVX2 passes give the same bits as
// their Go twins, for every output, one and two ears, closed and open loop,
// linear and nonlinear, at two sample rates (skipped where there is no
// AVX2).
func TestCARFACSIMDBits(t *testing.T) {
	if !carfacSIMD {
		t.Skip("no AVX2 path on this machine")
	}
	defer func(v bool) { carfacSIMD = v }(carfacSIMD)
	for _, c := range []struct {
		fs     float64
		ears   int
		linear bool
		open   bool
	}{{22050, 1, false, false}, {48000, 2, false, false}, {22050, 1, true, true}, {16000, 2, false, true}} {
		n := int(c.fs / 10)
		x := make([]float64, n*c.ears)
		for k := range x {
			x[k] = 0.1*math.Sin(float64(k)*0.37) + 0.05*math.Sin(float64(k*k)*1e-3)
		}
		run := func(simd bool) CARFACRows {
			carfacSIMD = simd
			p := DefaultCARFACParams()
			p.LinearCAR, p.OpenLoop = c.linear, c.open
			m, err := NewCARFAC(c.fs, c.ears, p)
			if err != nil {
				t.Fatal(err)
			}
			w := n * c.ears * m.NumChannels()
			r := CARFACRows{NAP: make([]float64, w), BM: make([]float64, w), OHC: make([]float64, w), AGC: make([]float64, w)}
			if err := m.Run(x, n, r); err != nil {
				t.Fatal(err)
			}
			return r
		}
		a, b := run(true), run(false)
		for name, pair := range map[string][2][]float64{"nap": {a.NAP, b.NAP}, "bm": {a.BM, b.BM}, "ohc": {a.OHC, b.OHC}, "agc": {a.AGC, b.AGC}} {
			for i := range pair[0] {
				if math.Float64bits(pair[0][i]) != math.Float64bits(pair[1][i]) {
					t.Fatalf("%+v %s value %d: AVX2 %v, Go %v", c, name, i, pair[0][i], pair[1][i])
				}
			}
		}
	}
}

// TestCARFACWorkersBits checks that the pipeline on several workers
// (carfac_parallel.go) gives the single-threaded bits when one output
// alone is asked for (the NAP then goes straight into the output rows),
// at two sample rates, in blocks long enough to start the workers and in
// blocks too short to; and where the workers stop mid-block because the
// cores are busy (forced here) and the rest runs on one goroutine.
func TestCARFACWorkersBits(t *testing.T) {
	defer func(d time.Duration) { carfacBusyWait = d }(carfacBusyWait)
	defer carfacBusyUntil.Store(0)
	for _, busy := range []time.Duration{carfacBusyWait, -1} {
		carfacBusyWait = busy
		testCARFACWorkersBits(t)
	}
}

func testCARFACWorkersBits(t *testing.T) {
	for _, fs := range []float64{22050, 48000} {
		n := int(fs / 5)
		x := make([]float64, n)
		for k := range x {
			x[k] = 0.1*math.Sin(float64(k)*0.37) + 0.05*math.Sin(float64(k*k)*1e-3)
		}
		// The reference: every output asked for, one worker.
		m, err := NewCARFAC(fs, 1, DefaultCARFACParams())
		if err != nil {
			t.Fatal(err)
		}
		if err := m.SetWorkers(1); err != nil {
			t.Fatal(err)
		}
		w := n * m.NumChannels()
		all := CARFACRows{NAP: make([]float64, w), BM: make([]float64, w), OHC: make([]float64, w), AGC: make([]float64, w)}
		if err := m.Run(x, n, all); err != nil {
			t.Fatal(err)
		}
		for _, pick := range []func(r *CARFACRows, o []float64) []float64{
			func(r *CARFACRows, o []float64) []float64 { r.NAP = o; return all.NAP },
			func(r *CARFACRows, o []float64) []float64 { r.BM = o; return all.BM },
		} {
			want := pick(&CARFACRows{}, nil)
			for _, workers := range []int{1, 2, 4} {
				for _, block := range []int{n, 700, 50} {
					carfacBusyUntil.Store(0) // a forced stop pauses every model's workers
					m, err := NewCARFAC(fs, 1, DefaultCARFACParams())
					if err != nil {
						t.Fatal(err)
					}
					if err := m.SetWorkers(workers); err != nil {
						t.Fatal(err)
					}
					nc := m.NumChannels()
					got := make([]float64, n*nc)
					for k := 0; k < n; k += block {
						b := min(block, n-k)
						var r CARFACRows
						pick(&r, got[k*nc:])
						if err := m.Run(x[k:], b, r); err != nil {
							t.Fatal(err)
						}
					}
					for i := range want {
						if math.Float64bits(got[i]) != math.Float64bits(want[i]) {
							t.Fatalf("fs %v, %d workers, blocks of %d: value %d is %v, want %v", fs, workers, block, i, got[i], want[i])
						}
					}
				}
			}
		}
	}
}

// TestCARFACPhaseCLengths checks pass 3 on AVX2 against its Go twin for 1
// to 7 groups of 4 channels (the vector pass is software-pipelined over
// the groups, with its own start and end for one, two, an even and an odd
// number of groups), storing the BM or not.
func TestCARFACPhaseCLengths(t *testing.T) {
	if !carfacSIMD {
		t.Skip("no AVX2 path on this machine")
	}
	m, err := NewCARFAC(22050, 1, DefaultCARFACParams())
	if err != nil {
		t.Fatal(err)
	}
	base := m.ears[0].vecs
	for groups := 1; groups <= 7; groups++ {
		for noBM := 0; noBM <= 1; noBM++ {
			n := 4 * groups
			var arrays [2][8][]float64 // zy, acc, bm, nap, cap1, cap2, lpf1, accum
			for side := range arrays {
				for j := range arrays[side] {
					a := make([]float64, n)
					for i := range a {
						x := float64(i*8 + j)
						switch j {
						case 0: // zy: both signs, past the detector's offset
							a[i] = 0.3 * math.Sin(1.7*x)
						case 4, 5: // capacitor voltages in (0, 1)
							a[i] = 0.5 + 0.4*math.Sin(0.9*x)
						default:
							a[i] = 0.01 * math.Cos(1.3*x)
						}
					}
					arrays[side][j] = a
				}
			}
			vecs := func(a [8][]float64) *carfacVecs {
				v := base
				v.zy, v.acc, v.bm, v.nap = &a[0][0], &a[1][0], &a[2][0], &a[3][0]
				v.cap1, v.cap2, v.lpf1, v.accum0 = &a[4][0], &a[5][0], &a[6][0], &a[7][0]
				v.n, v.noBM = n, noBM
				return &v
			}
			carfacPhaseCAVX2(vecs(arrays[0]))
			carfacPhaseCGo(vecs(arrays[1]))
			for j := range arrays[0] {
				for i := range n {
					if a, b := arrays[0][j][i], arrays[1][j][i]; math.Float64bits(a) != math.Float64bits(b) {
						t.Fatalf("%d groups, noBM %d: array %d, channel %d: AVX2 %v, Go %v", groups, noBM, j, i, a, b)
					}
				}
			}
		}
	}
}
