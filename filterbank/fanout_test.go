package filterbank

import (
	"fmt"
	"math/rand/v2"
	"testing"

	"github.com/gohears/hears/sound"
)

// driveTwo reads consumers a and b of one upstream node alternately, a in
// blocks of na frames and b in blocks of nb, until both have read frames
// [0, n), checking each block against wantA and wantB (frame-major, nch
// channels). Consumers in different block sizes drift apart by |na-nb|
// frames per block: the upstream node must keep a history, not rewind.
func driveTwo(t testing.TB, a, b sound.Source, na, nb, n, nch int, wantA, wantB []float64) {
	t.Helper()
	pa, pb := 0, 0
	step := func(name string, src sound.Source, pos *int, block int, want []float64) {
		t.Helper()
		if *pos >= n {
			return
		}
		e := min(*pos+block, n)
		y, err := src.Fetch(*pos, e)
		if err != nil {
			t.Fatal(err)
		}
		for i, v := range y {
			if want != nil && v != want[*pos*nch+i] {
				t.Fatalf("consumer %s frame %d channel %d: %v, want %v", name, *pos+i/nch, i%nch, v, want[*pos*nch+i])
			}
		}
		*pos = e
	}
	for pa < n || pb < n {
		step("A", a, &pa, na, wantA)
		step("B", b, &pb, nb, wantB)
	}
}

// TestFanOutAnyBlockSize reads one bank through two consumers in blocks of
// 1024 and 1000 frames (and other pairs): every frame must be right and
// the upstream kernel must compute O(n) frames, with few rewinds, where the
// one-segment cache rewound to frame zero on almost every block (quadratic).
func TestFanOutAnyBlockSize(t *testing.T) {
	const n, nch = 200000, 2
	s := testSignal(n, nch, 5)
	want := expectedSum(s.Data(), nch, nch, 0, n)
	for _, bs := range [][2]int{{1024, 1000}, {1000, 1024}, {7, 4096}, {333, 32}, {1024, 1024}} {
		t.Run(fmt.Sprintf("%dvs%d", bs[0], bs[1]), func(t *testing.T) {
			up := newSumKernel(nch)
			ub, err := NewBank1(up, s, nch)
			if err != nil {
				t.Fatal(err)
			}
			a, err := Map(ub, func(v float64) float64 { return -v })
			if err != nil {
				t.Fatal(err)
			}
			b, err := Map(ub, func(v float64) float64 { return 2 * v })
			if err != nil {
				t.Fatal(err)
			}
			wantA := make([]float64, len(want))
			wantB := make([]float64, len(want))
			for i, w := range want {
				wantA[i], wantB[i] = -w, 2*w
			}
			driveTwo(t, a, b, bs[0], bs[1], n, nch, wantA, wantB)
			if up.frames > 3*n {
				t.Errorf("upstream computed %d frames for %d (%d rewinds): fan-out is not linear", up.frames, n, ub.Rewinds())
			}
			if ub.Rewinds() > 20 {
				t.Errorf("%d rewinds for two consumers drifting apart", ub.Rewinds())
			}
		})
	}
}

// TestFanOutBitwiseGammatone checks that a Gammatone bank read by two
// lagging consumers, with any worker count, gives bitwise the output of one
// straight pass.
func TestFanOutBitwiseGammatone(t *testing.T) {
	cf, err := ERBSpace(100, 8000, 40)
	if err != nil {
		t.Fatal(err)
	}
	r := rand.New(rand.NewPCG(1, 2))
	x := make([]float64, 30000)
	for i := range x {
		x[i] = r.NormFloat64()
	}
	s, err := sound.New(x, 1, 44100)
	if err != nil {
		t.Fatal(err)
	}
	ref, err := Gammatone(s, cf)
	if err != nil {
		t.Fatal(err)
	}
	want, err := sound.ReadAll(ref, 0)
	if err != nil {
		t.Fatal(err)
	}
	for _, w := range []int{1, 2} {
		g, err := Gammatone(s, cf)
		if err != nil {
			t.Fatal(err)
		}
		g.SetWorkers(w)
		a, err := Map(g, func(v float64) float64 { return v })
		if err != nil {
			t.Fatal(err)
		}
		b, err := Map(g, func(v float64) float64 { return v })
		if err != nil {
			t.Fatal(err)
		}
		driveTwo(t, a, b, 1024, 1000, len(x), len(cf), want.Data(), want.Data())
	}
}

// BenchmarkFanOut reads 10 s of sound at 44.1 kHz through a 64-channel
// Gammatone bank with two consumers in blocks of 1024 and 1000 frames
// (fanout) and with one consumer (single), for comparison.
func BenchmarkFanOut(b *testing.B) {
	cf, err := ERBSpace(100, 8000, 64)
	if err != nil {
		b.Fatal(err)
	}
	const n = 441000
	for _, two := range []bool{false, true} {
		name := "single"
		if two {
			name = "fanout-1024-1000"
		}
		b.Run(name, func(b *testing.B) {
			for b.Loop() {
				g, err := Gammatone(&noiseSource{rate: 44100}, cf)
				if err != nil {
					b.Fatal(err)
				}
				x, _ := Map(g, func(v float64) float64 { return v })
				y, _ := Map(g, func(v float64) float64 { return v })
				if !two {
					if err := sound.Each(x, n, 1024, func([]float64, int, int) error { return nil }); err != nil {
						b.Fatal(err)
					}
					continue
				}
				driveTwo(b, x, y, 1024, 1000, n, len(cf), nil, nil)
				b.ReportMetric(float64(g.Rewinds()), "rewinds")
			}
		})
	}
}

// TestControlFanOutAnyBlockSize is TestFanOutAnyBlockSize for a
// ControlBank: two consumers in blocks of 1000 and 1024 frames get the
// straight output, with few rewinds and linear work upstream.
func TestControlFanOutAnyBlockSize(t *testing.T) {
	const n, nch = 100000, 2
	s := testSignal(n, nch, 6)
	want := expectedSum(s.Data(), nch, nch, 0, n)
	up := newSumKernel(nch)
	ub, err := NewBank1(up, s, nch)
	if err != nil {
		t.Fatal(err)
	}
	updates := 0
	cb, err := Control(ub, []sound.Source{s}, []int{0}, func([][]float64, []int) error { updates++; return nil }, 64)
	if err != nil {
		t.Fatal(err)
	}
	a, err := Map(cb, func(v float64) float64 { return v })
	if err != nil {
		t.Fatal(err)
	}
	b, err := Map(cb, func(v float64) float64 { return v })
	if err != nil {
		t.Fatal(err)
	}
	driveTwo(t, a, b, 1000, 1024, n, nch, want, want)
	if up.frames > 3*n || cb.Rewinds() > 20 {
		t.Errorf("upstream computed %d frames for %d with %d rewinds: fan-out is not linear", up.frames, n, cb.Rewinds())
	}
}
