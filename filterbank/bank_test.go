package filterbank

import (
	"errors"
	"fmt"
	"math"
	"math/rand/v2"
	"runtime"
	"strings"
	"testing"
	"time"

	"github.com/gohears/hears/sound"
)

// sumKernel is a stateful test kernel: channel c of the output is the
// running sum of input channel c plus 1000·c. It counts its calls and
// frames, and records whether it was handed a mono block.
type sumKernel struct {
	nch        int
	takesMono  bool
	acc        []float64
	calls      int
	frames     int
	resets     int
	sawMono    bool
	sawChannel int // input channels seen on the last call
}

func newSumKernel(nch int) *sumKernel { return &sumKernel{nch: nch, acc: make([]float64, nch)} }

func (k *sumKernel) NumChannels() int { return k.nch }
func (k *sumKernel) Reset()           { clear(k.acc); k.resets++ }
func (k *sumKernel) Process(out []float64, in [][]float64, frames int) error {
	k.calls++
	k.frames += frames
	x := in[0]
	k.sawChannel = len(x) / max(frames, 1)
	k.sawMono = k.sawChannel == 1 && k.nch > 1
	for f := range frames {
		for c := range k.nch {
			v := x[f]
			if !k.sawMono {
				v = x[f*k.nch+c]
			}
			k.acc[c] += v
			out[f*k.nch+c] = k.acc[c] + 1000*float64(c)
		}
	}
	return nil
}

// monoSumKernel is sumKernel that accepts a mono input directly.
type monoSumKernel struct{ *sumKernel }

func (monoSumKernel) TakesMono(int) bool { return true }

// expectedSum is sumKernel's output for frames [start, end) of x (nch
// channels, or mono).
func expectedSum(x []float64, xch, nch, start, end int) []float64 {
	acc := make([]float64, nch)
	var out []float64
	for f := range end {
		for c := range nch {
			var v float64 // zero past the end of the sound
			switch {
			case f*xch >= len(x):
			case xch > 1:
				v = x[f*xch+c]
			default:
				v = x[f*xch]
			}
			acc[c] += v
			if f >= start {
				out = append(out, acc[c]+1000*float64(c))
			}
		}
	}
	return out
}

func testSignal(n, nch int, seed uint64) *sound.Sound {
	r := rand.New(rand.NewPCG(seed, 99))
	x := make([]float64, n*nch)
	for i := range x {
		x[i] = float64(r.IntN(21) - 10) // small integers: sums are exact
	}
	s, _ := sound.New(x, nch, 1000)
	return s
}

func fetchEqual(t *testing.T, b *Bank, start, end int, want []float64) {
	t.Helper()
	got, err := b.Fetch(start, end)
	if err != nil {
		t.Fatal(err)
	}
	if len(got) != len(want) {
		t.Fatalf("Fetch(%d, %d): %d samples, want %d", start, end, len(got), len(want))
	}
	for i := range want {
		if got[i] != want[i] {
			t.Fatalf("Fetch(%d, %d): sample %d = %v, want %v", start, end, i, got[i], want[i])
		}
	}
}

func TestBankSequentialRefetchSkipRewind(t *testing.T) {
	const nch = 3
	s := testSignal(200, nch, 1)
	x := s.Data()
	k := newSumKernel(nch)
	b, err := NewBank1(k, s, nch)
	if err != nil {
		t.Fatal(err)
	}
	want := func(a, e int) []float64 { return expectedSum(x, nch, nch, a, e) }

	// Sequential: each frame computed once.
	fetchEqual(t, b, 0, 10, want(0, 10))
	fetchEqual(t, b, 10, 25, want(10, 25))
	fetchEqual(t, b, 25, 60, want(25, 60))
	if k.frames != 60 {
		t.Fatalf("sequential fetches computed %d frames, want 60", k.frames)
	}
	// Refetch of the last segment and of a part of it: no computation.
	calls := k.calls
	fetchEqual(t, b, 25, 60, want(25, 60))
	fetchEqual(t, b, 30, 41, want(30, 41))
	fetchEqual(t, b, 59, 60, want(59, 60))
	if k.calls != calls {
		t.Fatalf("refetch ran the kernel %d times", k.calls-calls)
	}
	// Overlapping extension: only the new frames are computed.
	fetchEqual(t, b, 50, 70, want(50, 70))
	if k.frames != 70 {
		t.Fatalf("overlapping fetch computed up to %d frames, want 70", k.frames)
	}
	// Empty fetch.
	if got, err := b.Fetch(70, 70); err != nil || len(got) != 0 {
		t.Fatalf("empty fetch: %v, %v", got, err)
	}
	// Skip ahead past the end of the sound (zero-padded input).
	fetchEqual(t, b, 150, 230, want(150, 230))
	if k.frames != 230 || k.resets != 0 {
		t.Fatalf("skip ahead: %d frames, %d resets; want 230, 0", k.frames, k.resets)
	}
	// Rewind: recompute from zero.
	fetchEqual(t, b, 5, 12, want(5, 12))
	if k.resets != 1 {
		t.Fatalf("rewind: %d resets, want 1", k.resets)
	}
	// Skip ahead beyond skipBlock.
	fetchEqual(t, b, 9000, 9003, want(9000, 9003))
	// Reset and read again.
	if err := b.Reset(); err != nil {
		t.Fatal(err)
	}
	fetchEqual(t, b, 0, 7, want(0, 7))
	// Invalid segments.
	if _, err := b.Fetch(-1, 3); err == nil {
		t.Error("negative start accepted")
	}
	if _, err := b.Fetch(5, 4); err == nil {
		t.Error("end before start accepted")
	}
}

func TestBankMonoReplication(t *testing.T) {
	const nch = 4
	s := testSignal(50, 1, 2)
	x := s.Data()
	// A kernel without MonoInput gets a replicated block.
	k := newSumKernel(nch)
	b, err := NewBank1(k, s, nch)
	if err != nil {
		t.Fatal(err)
	}
	fetchEqual(t, b, 0, 50, expectedSum(x, 1, nch, 0, 50))
	if k.sawChannel != nch {
		t.Errorf("kernel without MonoInput saw %d input channels, want %d", k.sawChannel, nch)
	}
	// A kernel with MonoInput gets the mono block as is.
	mk := monoSumKernel{newSumKernel(nch)}
	mb, err := NewBank1(mk, s, nch)
	if err != nil {
		t.Fatal(err)
	}
	fetchEqual(t, mb, 0, 50, expectedSum(x, 1, nch, 0, 50))
	if !mk.sawMono {
		t.Error("MonoInput kernel was handed a replicated block")
	}
}

func TestBankChannelMismatchAndSetSource(t *testing.T) {
	two := testSignal(20, 2, 3)
	if _, err := NewBank1(newSumKernel(3), two, 3); err == nil || !strings.Contains(err.Error(), "has 2 channels, the bank needs 3") {
		t.Errorf("channel mismatch: %v", err)
	}
	if _, err := NewBank(newSumKernel(3), nil, nil); err == nil {
		t.Error("no sources accepted")
	}
	if _, err := NewBank(nil, []sound.Source{two}, []int{2}); err == nil {
		t.Error("nil kernel accepted")
	}
	if _, err := NewBank(newSumKernel(2), []sound.Source{two}, []int{2, 2}); err == nil {
		t.Error("mismatched inChannels accepted")
	}
	slow, _ := sound.New(make([]float64, 4), 2, 500)
	if _, err := NewBank(newSumKernel(2), []sound.Source{two, slow}, []int{2, 2}); err == nil {
		t.Error("mixed sample rates accepted")
	}

	a, b2 := testSignal(30, 2, 4), testSignal(30, 2, 5)
	k := newSumKernel(2)
	bank, err := NewBank1(k, a, 2)
	if err != nil {
		t.Fatal(err)
	}
	fetchEqual(t, bank, 0, 30, expectedSum(a.Data(), 2, 2, 0, 30))
	if err := bank.SetSource(0, b2); err != nil {
		t.Fatal(err)
	}
	// Same segment again: must be recomputed from the new source.
	fetchEqual(t, bank, 0, 30, expectedSum(b2.Data(), 2, 2, 0, 30))
	if bank.Sources()[0] != b2 {
		t.Error("Sources does not report the new source")
	}
	// A mono source may replace a 2-channel one.
	mono := testSignal(30, 1, 6)
	if err := bank.SetSource(0, mono); err != nil {
		t.Fatal(err)
	}
	fetchEqual(t, bank, 10, 20, expectedSum(mono.Data(), 1, 2, 10, 20))
	for _, bad := range []sound.Source{testSignal(30, 3, 7), slow, nil} {
		if err := bank.SetSource(0, bad); err == nil {
			t.Errorf("SetSource accepted %v", bad)
		}
	}
	if err := bank.SetSource(1, a); err == nil {
		t.Error("SetSource accepted source index 1 of 1")
	}
}

// TestBankFanOut: two banks reading one upstream bank segment by segment
// compute the upstream once per segment.
func TestBankFanOut(t *testing.T) {
	s := testSignal(100, 2, 8)
	up := newSumKernel(2)
	ub, err := NewBank1(up, s, 2)
	if err != nil {
		t.Fatal(err)
	}
	neg := func(out []float64, in [][]float64, frames int) error {
		for i, v := range in[0] {
			out[i] = -v
		}
		return nil
	}
	d1, err := Function([]sound.Source{ub}, 2, neg)
	if err != nil {
		t.Fatal(err)
	}
	d2, err := Map(ub, func(v float64) float64 { return 2 * v })
	if err != nil {
		t.Fatal(err)
	}
	want := expectedSum(s.Data(), 2, 2, 0, 100)
	for start := 0; start < 100; start += 25 {
		y1, err := d1.Fetch(start, start+25)
		if err != nil {
			t.Fatal(err)
		}
		y2, err := d2.Fetch(start, start+25)
		if err != nil {
			t.Fatal(err)
		}
		for i := range y1 {
			w := want[start*2+i]
			if y1[i] != -w || y2[i] != 2*w {
				t.Fatalf("fan-out frame %d: %v %v, want %v %v", start+i/2, y1[i], y2[i], -w, 2*w)
			}
		}
	}
	if up.calls != 4 || up.frames != 100 {
		t.Errorf("upstream ran %d times over %d frames, want 4 over 100", up.calls, up.frames)
	}
}

// countParallel is a ChannelParallel kernel recording which channels were
// computed, to check that the split covers every channel exactly once.
type countParallel struct {
	nch    int
	hits   []int
	ranges [][2]int
}

func (k *countParallel) NumChannels() int { return k.nch }
func (k *countParallel) Reset()           {}
func (k *countParallel) Process(out []float64, in [][]float64, frames int) error {
	return k.ProcessChannels(out, in, frames, 0, k.nch)
}
func (k *countParallel) ProcessChannels(out []float64, in [][]float64, frames, lo, hi int) error {
	for c := lo; c < hi; c++ {
		k.hits[c]++ // each goroutine owns its channels
	}
	return nil
}

func TestBankParallelSplit(t *testing.T) {
	for _, nch := range []int{32, 40, 80, 95, 100, 3000} {
		for _, w := range []int{2, 3, 4, 7} {
			k := &countParallel{nch: nch, hits: make([]int, nch)}
			frames := parallelThreshold/nch + 1
			s := testSignal(frames, 1, 9)
			b, err := NewBank1(k, s, nch)
			if err != nil {
				t.Fatal(err)
			}
			b.SetWorkers(w)
			if _, err := b.Fetch(0, frames); err != nil {
				t.Fatal(err)
			}
			for c, h := range k.hits {
				if h != 1 {
					t.Fatalf("%d channels, %d workers: channel %d computed %d times", nch, w, c, h)
				}
			}
		}
	}
}

// TestBankParallelIdentical: a gammatone bank gives bit-identical output
// with 1 and 2 workers (channel counts with partial SIMD groups).
func TestBankParallelIdentical(t *testing.T) {
	for _, nch := range []int{37, 301} {
		cf, err := ERBSpace(50, 15000, nch)
		if err != nil {
			t.Fatal(err)
		}
		s, _ := sound.New(testSignal(3000, 1, 10).Data(), 1, 44100)
		var ref []float64
		for _, w := range []int{1, 2, 3} {
			b, err := Gammatone(s, cf)
			if err != nil {
				t.Fatal(err)
			}
			b.SetWorkers(w)
			y, err := sound.ReadAll(b, 1500)
			if err != nil {
				t.Fatal(err)
			}
			if ref == nil {
				ref = y.Data()
				continue
			}
			bitsEqual(t, "workers", y.Data(), ref)
		}
	}
}

type failingSource struct{ *sound.Sound }

var errFail = errors.New("source failed")

func (f failingSource) Fetch(start, end int) ([]float64, error) {
	if end > 10 {
		return nil, errFail
	}
	return f.Sound.Fetch(start, end)
}

func TestBankSourceError(t *testing.T) {
	s := testSignal(20, 1, 11)
	k := newSumKernel(1)
	b, err := NewBank1(k, failingSource{s}, 1)
	if err != nil {
		t.Fatal(err)
	}
	fetchEqual(t, b, 0, 5, expectedSum(s.Data(), 1, 1, 0, 5))
	if _, err := b.Fetch(5, 15); !errors.Is(err, errFail) {
		t.Fatalf("source error: %v", err)
	}
	// After an error the bank recomputes from zero and stays correct.
	fetchEqual(t, b, 2, 8, expectedSum(s.Data(), 1, 1, 2, 8))
	if n := b.NumFrames(); n != 20 {
		t.Errorf("NumFrames %d, want 20", n)
	}
}

// flakySource is a Sound whose Fetch fails while *fail is set.
type flakySource struct {
	*sound.Sound
	fail *bool
}

var errFlaky = errors.New("flaky source failed")

func (f flakySource) Fetch(start, end int) ([]float64, error) {
	if *f.fail {
		return nil, errFlaky
	}
	return f.Sound.Fetch(start, end)
}

// TestFetchErrorPropagates builds every kind of bank on a source whose Fetch
// fails on demand: the error must reach the caller whether the failing
// fetch continues, skips ahead or rewinds, and once the source recovers a
// Fetch from frame 0 must give exactly what a fresh bank gives.
func TestFetchErrorPropagates(t *testing.T) {
	const frames = 6000 // beyond skipBlock, so that skipping runs in pieces
	x := testSignal(frames, 2, 5)
	cf := []float64{50, 120}
	builds := map[string]func(src sound.Source) (sound.Source, error){
		"Linear":  func(src sound.Source) (sound.Source, error) { return Gammatone(src, cf) },
		"LowPass": func(src sound.Source) (sound.Source, error) { return LowPass(src, 30) },
		"FIR": func(src sound.Source) (sound.Source, error) {
			return FIR(src, [][]float64{{0.5, 0.25, 0.125}, {1, -1}})
		},
		"FractionalDelay": func(src sound.Source) (sound.Source, error) { return FractionalDelay(src, []float64{0.0005, 0}, 33) },
		"Control": func(src sound.Source) (sound.Source, error) {
			g, err := Gammatone(src, cf)
			if err != nil {
				return nil, err
			}
			lin := g.Kernel().(*LinearKernel)
			b0, a0 := lin.Coefficients()
			return Control(g, []sound.Source{src}, []*LinearKernel{lin}, func(in [][]float64, k []*LinearKernel) error {
				b, a := k[0].Coefficients()
				b[0][0][0] = b0[0][0][0] * (1 + 1e-3*in[0][0])
				return k[0].SetCoefficients(b, a)
			}, 7, ControlReset(func() error { return lin.SetCoefficients(b0, a0) }))
		},
		"Combined": func(src sound.Source) (sound.Source, error) {
			return Combined(src, func(in sound.Source) (sound.Source, error) {
				g, err := Gammatone(in, cf)
				if err != nil {
					return nil, err
				}
				return Scale(g, 2)
			})
		},
		"Restructure": func(src sound.Source) (sound.Source, error) { return Interleave(src, src) },
		"Sum":         func(src sound.Source) (sound.Source, error) { return Sum([]sound.Source{src, src}, []float64{1, -0.5}) },
		"Function": func(src sound.Source) (sound.Source, error) {
			return Function([]sound.Source{src}, 1, func(out []float64, in [][]float64, frames int) error {
				for f := range frames {
					out[f] = in[0][2*f] - in[0][2*f+1]
				}
				return nil
			})
		},
		"Map":              func(src sound.Source) (sound.Source, error) { return Map(src, math.Abs) },
		"ExprFunction":     func(src sound.Source) (sound.Source, error) { return ExprFunction([]sound.Source{src}, "2*x + 1") },
		"HalfWaveCubeRoot": func(src sound.Source) (sound.Source, error) { return HalfWaveCubeRoot(src) },
		"Identity":         func(src sound.Source) (sound.Source, error) { return Identity(src) },
	}
	for name, build := range builds {
		t.Run(name, func(t *testing.T) {
			fresh, err := build(x)
			if err != nil {
				t.Fatal(err)
			}
			want, err := fresh.Fetch(0, frames)
			if err != nil {
				t.Fatal(err)
			}
			want = append([]float64(nil), want...)
			fail := false
			b, err := build(flakySource{x, &fail})
			if err != nil {
				t.Fatal(err)
			}
			// Continue, overlap the cache, skip ahead, skip far, rewind.
			for _, seg := range [][2]int{{100, 200}, {80, 120}, {150, 250}, {5000, 5100}, {10, 20}} {
				if err := b.Reset(); err != nil {
					t.Fatal(err)
				}
				for _, s := range [][2]int{{0, 50}, {50, 100}} {
					if _, err := b.Fetch(s[0], s[1]); err != nil {
						t.Fatal(err)
					}
				}
				fail = true
				_, err := b.Fetch(seg[0], seg[1])
				fail = false
				if !errors.Is(err, errFlaky) {
					t.Fatalf("Fetch(%d, %d) with a failing source: %v, want the source's error", seg[0], seg[1], err)
				}
				got, err := b.Fetch(0, frames)
				if err != nil {
					t.Fatalf("after the error: %v", err)
				}
				bitsEqual(t, fmt.Sprintf("after a failed Fetch(%d, %d)", seg[0], seg[1]), got, want)
			}
		})
	}
}

// shortSource returns one frame too few from every Fetch.
type shortSource struct{ *sound.Sound }

func (s shortSource) Fetch(start, end int) ([]float64, error) {
	blk, err := s.Sound.Fetch(start, end)
	if err != nil || end == start {
		return blk, err
	}
	return blk[:len(blk)-s.NumChannels()], nil
}

// TestBankShortBlock: a source that returns the wrong number of samples is
// an error naming it, not an index panic in the kernel.
func TestBankShortBlock(t *testing.T) {
	x := shortSource{testSignal(100, 2, 3)}
	for name, build := range map[string]func() (*Bank, error){
		"Linear": func() (*Bank, error) { return Gammatone(x, []float64{50, 120}) },
		"Sum":    func() (*Bank, error) { return Sum([]sound.Source{x}, nil) },
		"Map":    func() (*Bank, error) { return Map(x, math.Abs) },
	} {
		b, err := build()
		if err != nil {
			t.Fatal(err)
		}
		func() {
			defer func() {
				if r := recover(); r != nil {
					t.Fatalf("%s: panic: %v", name, r)
				}
			}()
			if _, err := b.Fetch(0, 10); err == nil || !strings.Contains(err.Error(), "source 0 returned 18 samples") {
				t.Errorf("%s: error %v, want one naming the short block", name, err)
			}
		}()
	}
}

// failAfterKernel is sumKernel that fails, after updating its state, once
// it has processed more than limit frames.
type failAfterKernel struct {
	*sumKernel
	limit int
}

func (k failAfterKernel) Process(out []float64, in [][]float64, frames int) error {
	if err := k.sumKernel.Process(out, in, frames); err != nil {
		return err
	}
	if k.frames > k.limit {
		return errFail
	}
	return nil
}

// TestBankKernelErrorWhileSkipping: a kernel that fails during a skip ahead
// may have advanced its state; the bank must not continue from it.
func TestBankKernelErrorWhileSkipping(t *testing.T) {
	s := testSignal(3*skipBlock, 1, 4)
	k := failAfterKernel{newSumKernel(1), skipBlock + 10}
	b, err := NewBank1(k, s, 1)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := b.Fetch(2*skipBlock+5, 2*skipBlock+6); !errors.Is(err, errFail) {
		t.Fatalf("skip through a failing kernel: %v", err)
	}
	k.limit = math.MaxInt
	b.kernel = k
	fetchEqual(t, b, skipBlock, skipBlock+20, expectedSum(s.Data(), 1, 1, skipBlock, skipBlock+20))
}

// TestBankHelpersStop: the goroutines a Bank starts for parallel work end
// once the Bank is unreachable, and a Bank whose worker count grows replaces
// them; several fetches reuse them.
func TestBankHelpersStop(t *testing.T) {
	// Helpers are counted by their function in the goroutine dump, not as
	// a difference of runtime.NumGoroutine: other tests' banks, collected
	// at any moment, move that total (under -race this made the test fail
	// with "2 helper goroutines for 4 workers"); and the banks earlier
	// tests dropped are collected first, so that none of theirs stops
	// during the count.
	base := settledHelperGoroutines()
	func() {
		for _, w := range []int{2, 4, 3} {
			k := &countParallel{nch: 64, hits: make([]int, 64)}
			frames := parallelThreshold/64 + 1
			b, err := NewBank1(k, testSignal(3*frames, 1, 9), 64)
			if err != nil {
				t.Fatal(err)
			}
			b.SetWorkers(w)
			for f := range 3 {
				if _, err := b.Fetch(f*frames, (f+1)*frames); err != nil {
					t.Fatal(err)
				}
			}
			b.SetWorkers(w + 2)
			if _, err := b.Fetch(0, frames); err != nil {
				t.Fatal(err)
			}
			if n := countHelperGoroutines() - base; n < w+1 {
				t.Fatalf("%d helper goroutines for %d workers", n, w+2)
			}
			// The bank must outlive the count: once unreachable it may be
			// collected and its helpers stopped before the count runs.
			runtime.KeepAlive(b)
		}
	}()
	deadline := time.Now().Add(5 * time.Second)
	for countHelperGoroutines() > base {
		if time.Now().After(deadline) {
			t.Fatalf("%d helper goroutines still running after the banks were dropped", countHelperGoroutines()-base)
		}
		runtime.GC()
		time.Sleep(10 * time.Millisecond)
	}
}

// settledHelperGoroutines collects garbage until the number of bank
// helpers stops falling (at most 2 s), and returns it.
func settledHelperGoroutines() int {
	n := countHelperGoroutines()
	for range 200 {
		runtime.GC()
		time.Sleep(10 * time.Millisecond)
		m := countHelperGoroutines()
		if m == n && m == 0 {
			break
		}
		n = m
	}
	return n
}

// countHelperGoroutines is the number of goroutines running a bank's
// helperLoop, read from a dump of every goroutine's stack.
func countHelperGoroutines() int {
	buf := make([]byte, 1<<20)
	for {
		n := runtime.Stack(buf, true)
		if n < len(buf) {
			return strings.Count(string(buf[:n]), "filterbank.helperLoop(")
		}
		buf = make([]byte, 2*len(buf))
	}
}

// TestBankFetchAllocatesNothing: in the steady state a sequential Fetch,
// split across two workers or not, allocates nothing (no per-block
// goroutine, no message formatted in advance).
func TestBankFetchAllocatesNothing(t *testing.T) {
	cf, err := ERBSpace(100, 8000, 64)
	if err != nil {
		t.Fatal(err)
	}
	const block = 1024 // 64 × 1024 channel-samples: above parallelThreshold
	for _, w := range []int{1, 2} {
		src := &noiseSource{rate: 44100}
		b, err := Gammatone(src, cf)
		if err != nil {
			t.Fatal(err)
		}
		b.SetWorkers(w)
		pos := 0
		fetch := func() {
			if _, err := b.Fetch(pos, pos+block); err != nil {
				t.Fatal(err)
			}
			pos += block
		}
		fetch()
		fetch()
		if n := testing.AllocsPerRun(20, fetch); n != 0 {
			t.Errorf("%d workers: %v allocations per Fetch", w, n)
		}
	}
}
