package filterbank

import (
	"math"
	"math/rand/v2"
	"strings"
	"testing"

	"github.com/gohears/hears/internal/refdata"
	"github.com/gohears/hears/sound"
)

// loadFIRCase reads a reference case and returns it with its input as a
// Sound, its output (frame-major) and the impulse responses (one per column
// of impulse_response.csv), when present.
func loadFIRCase(t *testing.T, name string) (*refdata.Case, *sound.Sound, []float64, [][]float64) {
	t.Helper()
	c := linCase(t, name)
	in := linInput(t, c)
	want, _, err := c.Output()
	if err != nil {
		t.Fatal(err)
	}
	irs, err := c.Columns("impulse_response.csv")
	if err != nil {
		return c, in, want, nil
	}
	return c, in, want, irs
}

func readBlocks(t *testing.T, src sound.Source, frames, block int) []float64 {
	t.Helper()
	s, err := sound.ReadFrames(src, frames, block)
	if err != nil {
		t.Fatal(err)
	}
	return s.Data()
}

func TestFIRReference(t *testing.T) {
	for _, name := range []string{"fir_mono_replicated", "fir_stereo", "headless_hrtf_n13"} {
		c, in, want, irs := loadFIRCase(t, name)
		tol, err := c.SuggestedTolerance()
		if err != nil {
			t.Fatal(err)
		}
		for _, m := range []FIRMethod{FIRAuto, FIRDirect, FIRFFT} {
			for _, block := range []int{32, 1, 100, 1024} {
				fb, err := FIR(in, irs, FIRUse(m))
				if err != nil {
					t.Fatal(err)
				}
				got := readBlocks(t, fb, in.NumFrames(), block)
				if _, err := refdata.Compare(got, want, tol); err != nil {
					t.Errorf("%s method %v block %d: %v", name, m, block, err)
				}
			}
		}
	}
}

// directConv is the textbook causal convolution, for comparisons.
func directConv(x []float64, h []float64) []float64 {
	y := make([]float64, len(x))
	for t := range x {
		var s float64
		for j := 0; j < len(h) && j <= t; j++ {
			s += h[j] * x[t-j]
		}
		y[t] = s
	}
	return y
}

// TestFIRFFTMatchesDirect compares the FFT path and the automatic choice with
// direct convolution on random data, for many response lengths, block
// sizes, FFT sizes, mono and multi-channel inputs and shared responses.
func TestFIRFFTMatchesDirect(t *testing.T) {
	rng := rand.New(rand.NewPCG(7, 8))
	const frames = 3000
	for _, L := range []int{1, 2, 3, 17, 64, 255, 256, 257, 700} {
		for _, layout := range []string{"mono", "multi", "shared", "single"} {
			nc := 11
			inCh := nc
			nir := nc
			switch layout {
			case "mono":
				inCh = 1
			case "shared":
				nir = 1
			case "single":
				nc, inCh, nir = 1, 1, 1
			}
			irs := make([][]float64, nir)
			for c := range irs {
				irs[c] = make([]float64, L-c%2*min(L-1, 3)) // some shorter
				for j := range irs[c] {
					irs[c][j] = rng.NormFloat64() * math.Exp(-float64(j)/float64(L))
				}
			}
			x := make([]float64, frames*inCh)
			for i := range x {
				x[i] = rng.NormFloat64()
			}
			in, _ := sound.New(x, inCh, 1000)
			// reference: direct, per channel, textbook
			want := make([]float64, frames*nc)
			peak := 0.0
			for c := range nc {
				xc := make([]float64, frames)
				for f := range frames {
					xc[f] = x[f*inCh+c%inCh]
				}
				y := directConv(xc, irs[c%nir])
				for f, v := range y {
					want[f*nc+c] = v
					peak = max(peak, math.Abs(v))
				}
			}
			tol := refdata.Tolerance{Rtol: 1e-12, Atol: 1e-12 * peak}
			for _, m := range []FIRMethod{FIRAuto, FIRDirect, FIRFFT} {
				var sizes []int
				if m == FIRFFT {
					sizes = []int{0, nextPow2(L), 4 * nextPow2(L)}
				} else {
					sizes = []int{0}
				}
				for _, n := range sizes {
					for _, block := range []int{1, 7, 32, 500, 1024, frames} {
						if block == 1 && L > 64 {
							continue // covered by block 7; keeps the test fast
						}
						fb, err := FIR(in, irs, FIRUse(m), FIRFFTSize(n))
						if err != nil {
							t.Fatal(err)
						}
						got := readBlocks(t, fb, frames, block)
						if _, err := refdata.Compare(got, want, tol); err != nil {
							t.Fatalf("L=%d %s method %v fft %d block %d: %v", L, layout, m, fb.FIRKernel().FFTSize(), block, err)
						}
					}
				}
			}
		}
	}
}

// TestFIRParallel checks that results do not depend on the number of
// workers (bit for bit) with enough channels to split.
func TestFIRParallel(t *testing.T) {
	rng := rand.New(rand.NewPCG(3, 4))
	for _, inCh := range []int{1, 70} {
		nc := 70
		irs := make([][]float64, nc)
		for c := range irs {
			irs[c] = make([]float64, 300)
			for j := range irs[c] {
				irs[c][j] = rng.NormFloat64()
			}
		}
		x := make([]float64, 5000*inCh)
		for i := range x {
			x[i] = rng.NormFloat64()
		}
		in, _ := sound.New(x, inCh, 1000)
		var ref []float64
		for _, w := range []int{1, 2, 3, 8} {
			fb, err := FIR(in, irs)
			if err != nil {
				t.Fatal(err)
			}
			fb.SetWorkers(w)
			got := readBlocks(t, fb, 5000, 2500)
			if ref == nil {
				ref = got
				continue
			}
			for i := range got {
				if got[i] != ref[i] {
					t.Fatalf("input %d ch, %d workers: element %d differs: %v vs %v", inCh, w, i, got[i], ref[i])
				}
			}
		}
	}
}

// countingSource counts fetches, to prove fan-out computes once.
type countingSource struct {
	sound.Source
	fetches int
}

func (c *countingSource) Fetch(s, e int) ([]float64, error) {
	c.fetches++
	return c.Source.Fetch(s, e)
}

func TestFIRFanOut(t *testing.T) {
	x := make([]float64, 256)
	x[3] = 1
	snd, _ := sound.New(x, 1, 1000)
	cs := &countingSource{Source: snd}
	fb, err := FIR(cs, [][]float64{{1, 2, 3}, {0, 0, 0, 1}})
	if err != nil {
		t.Fatal(err)
	}
	a, _ := FIR(fb, [][]float64{{1}})
	b, _ := FIR(fb, [][]float64{{2}})
	for start := 0; start < 256; start += 64 {
		ya, err := a.Fetch(start, start+64)
		if err != nil {
			t.Fatal(err)
		}
		yb, err := b.Fetch(start, start+64)
		if err != nil {
			t.Fatal(err)
		}
		for i := range ya {
			if yb[i] != 2*ya[i] {
				t.Fatalf("consumer outputs disagree at %d", i)
			}
		}
	}
	if cs.fetches != 4 {
		t.Errorf("source fetched %d times for 4 blocks read by two consumers", cs.fetches)
	}
	y, _ := a.Fetch(0, 8)
	if y[3*2] != 1 || y[4*2] != 2 || y[5*2] != 3 || y[6*2+1] != 1 {
		t.Errorf("impulse response wrong: %v", y)
	}
}

func TestFIRErrors(t *testing.T) {
	st, _ := sound.New(make([]float64, 20), 2, 1000)
	cases := []struct {
		name string
		irs  [][]float64
		opts []FIROption
		want string
	}{
		{"none", nil, nil, "at least one"},
		{"empty", [][]float64{{}}, nil, "empty"},
		{"nan", [][]float64{{1, math.NaN()}}, nil, "tap 1"},
		{"inf", [][]float64{{1}, {math.Inf(1)}}, nil, "response 1"},
		{"mismatch", [][]float64{{1}, {1}, {1}}, nil, "3 impulse responses for a 2-channel"},
		{"fftsize", [][]float64{{1, 2, 3}}, []FIROption{FIRFFTSize(2)}, "power of two"},
		{"fftsize2", [][]float64{{1, 2, 3}}, []FIROption{FIRFFTSize(12)}, "power of two"},
		{"method", [][]float64{{1}}, []FIROption{FIRUse(FIRMethod(9))}, "unknown"},
	}
	for _, c := range cases {
		_, err := FIR(st, c.irs, c.opts...)
		if err == nil || !strings.Contains(err.Error(), c.want) {
			t.Errorf("%s: error %v, want one containing %q", c.name, err, c.want)
		}
	}
	if _, err := FIR(nil, [][]float64{{1}}); err == nil {
		t.Error("nil source accepted")
	}
	k, _ := NewFIRKernel([][]float64{{1}}, 20)
	if err := k.ProcessChannels(make([]float64, 40), [][]float64{make([]float64, 40)}, 2, 4, 20); err == nil {
		t.Error("unaligned channel range accepted")
	}
}

func TestFIRImpulseResponsesAndSetSource(t *testing.T) {
	irs := [][]float64{{1, 0.5}, {0, 1}}
	mono, _ := sound.New([]float64{1, 0, 0, 0}, 1, 1000)
	fb, err := FIR(mono, irs)
	if err != nil {
		t.Fatal(err)
	}
	got := fb.ImpulseResponses()
	got[0][0] = 99 // a copy
	if r := fb.ImpulseResponses(); r[0][0] != 1 || r[1][1] != 1 || len(r) != 2 {
		t.Errorf("ImpulseResponses = %v", r)
	}
	y := readBlocks(t, fb, 4, 2)
	if y[0] != 1 || y[2] != 0.5 || y[3] != 1 {
		t.Errorf("mono output %v", y)
	}
	// switch to a stereo source: channel k through response k
	st, _ := sound.New([]float64{0, 1, 1, 0, 0, 0, 0, 0}, 2, 1000)
	if err := fb.SetSource(0, st); err != nil {
		t.Fatal(err)
	}
	y = readBlocks(t, fb, 4, 3)
	want := []float64{0, 0, 1, 1, 0.5, 0, 0, 0}
	for i := range want {
		if y[i] != want[i] {
			t.Fatalf("stereo output %v, want %v", y, want)
		}
	}
}

// TestFIRLongResponse checks a response longer than the largest default FFT
// size still uses the FFT and matches direct convolution.
func TestFIRLongResponse(t *testing.T) {
	L := maxFFTSize + 3
	h := make([]float64, L)
	h[0], h[L-1] = 1, 0.5
	x := make([]float64, L+100)
	for i := range x {
		x[i] = float64(i%7) - 3
	}
	in, _ := sound.New(x, 1, 1000)
	fb, err := FIR(in, [][]float64{h}, FIRUse(FIRFFT))
	if err != nil {
		t.Fatal(err)
	}
	if fb.FIRKernel().FFTSize() == 0 {
		t.Fatal("no FFT size for a long response")
	}
	got := readBlocks(t, fb, len(x), 40000)
	for i := range x {
		want := x[i]
		if i >= L-1 {
			want += 0.5 * x[i-L+1]
		}
		if math.Abs(got[i]-want) > 1e-9 {
			t.Fatalf("frame %d: %v, want %v", i, got[i], want)
		}
	}
}
