package filterbank

import (
	"errors"
	"math/rand/v2"
	"slices"
	"testing"

	"github.com/gohears/hears/sound"
)

// leakyKernel is y[n] = x[n] + k·y[n-1] per channel, with k changed by a
// controller: a stateful kernel whose coefficient varies, small enough to
// compute by hand.
type leakyKernel struct {
	nc    int
	k     float64
	state []float64
}

func (l *leakyKernel) NumChannels() int { return l.nc }
func (l *leakyKernel) Reset()           { clear(l.state) }
func (l *leakyKernel) Process(out []float64, in [][]float64, frames int) error {
	x := in[0]
	for f := range frames {
		for c := range l.nc {
			y := x[f*l.nc+c] + l.k*l.state[c]
			l.state[c] = y
			out[f*l.nc+c] = y
		}
	}
	return nil
}

func mono(t *testing.T, x []float64) *sound.Sound {
	t.Helper()
	s, err := sound.New(x, 1, 1000)
	if err != nil {
		t.Fatal(err)
	}
	return s
}

// leakyControl builds source → leaky bank → control bank whose updater sets
// k to the last sample of the control block.
func leakyControl(t *testing.T, x, ctl []float64, k0 float64, interval int) (*ControlBank, *leakyKernel) {
	t.Helper()
	lk := &leakyKernel{nc: 1, k: k0, state: make([]float64, 1)}
	bank, err := NewBank1(lk, mono(t, x), 1)
	if err != nil {
		t.Fatal(err)
	}
	upd := func(in [][]float64, tg []*leakyKernel) error {
		blk := in[0]
		tg[0].k = blk[len(blk)-1]
		return nil
	}
	c, err := Control(bank, []sound.Source{mono(t, ctl)}, []*leakyKernel{lk}, upd, interval,
		ControlReset(func() error { lk.k = k0; return nil }))
	if err != nil {
		t.Fatal(err)
	}
	return c, lk
}

// TestControlTwoBlocks is the hand-computed example of the update rule:
// block 0 (frames 0-1) runs with k = 0.5; the updater then reads the last
// control sample of block 0 (0.25), which applies from frame 2 on, and the
// filter state (y[1] = 0.5) carries across the change.
func TestControlTwoBlocks(t *testing.T) {
	x := []float64{1, 0, 0, 0}
	ctl := []float64{9, 0.25, 9, 0.1}
	want := []float64{1, 0.5, 0.125, 0.03125}
	c, _ := leakyControl(t, x, ctl, 0.5, 2)
	got, err := c.Fetch(0, 4)
	if err != nil {
		t.Fatal(err)
	}
	if !slices.Equal(got, want) {
		t.Fatalf("got %v, want %v", got, want)
	}
	// One frame at a time gives the same.
	c2, _ := leakyControl(t, x, ctl, 0.5, 2)
	for f := range 4 {
		blk, err := c2.Fetch(f, f+1)
		if err != nil {
			t.Fatal(err)
		}
		if blk[0] != want[f] {
			t.Fatalf("frame %d fetched alone: got %v, want %v", f, blk[0], want[f])
		}
	}
}

// TestControlUpdaterSeesWholeBlock checks that the updater receives the
// whole last block of every input, even when the consumer's fetches cut
// blocks in pieces.
func TestControlUpdaterSeesWholeBlock(t *testing.T) {
	x := make([]float64, 20)
	ctl := make([]float64, 20)
	for i := range ctl {
		ctl[i] = float64(i)
	}
	var seen [][]float64
	lk := &leakyKernel{nc: 1, state: make([]float64, 1)}
	bank, _ := NewBank1(lk, mono(t, x), 1)
	c, err := Control(bank, []sound.Source{mono(t, ctl)}, []int(nil), func(in [][]float64, _ []int) error {
		seen = append(seen, slices.Clone(in[0]))
		return nil
	}, 3)
	if err != nil {
		t.Fatal(err)
	}
	for _, seg := range [][2]int{{0, 1}, {1, 5}, {5, 6}, {6, 13}} {
		if _, err := c.Fetch(seg[0], seg[1]); err != nil {
			t.Fatal(err)
		}
	}
	want := [][]float64{{0, 1, 2}, {3, 4, 5}, {6, 7, 8}, {9, 10, 11}}
	if len(seen) != len(want) {
		t.Fatalf("updater called %d times, want %d: %v", len(seen), len(want), seen)
	}
	for i := range want {
		if !slices.Equal(seen[i], want[i]) {
			t.Errorf("update %d saw %v, want %v", i, seen[i], want[i])
		}
	}
}

func TestControlBlockSizeIndependent(t *testing.T) {
	r := rand.New(rand.NewPCG(1, 2))
	n := 1000
	x, ctl := make([]float64, n), make([]float64, n)
	for i := range x {
		x[i] = r.NormFloat64()
		ctl[i] = 0.3 + 0.6*r.Float64()
	}
	for _, interval := range []int{1, 2, 7, 32, 100} {
		ref, _ := leakyControl(t, x, ctl, 0.5, interval)
		all, err := ref.Fetch(0, n)
		if err != nil {
			t.Fatal(err)
		}
		all = slices.Clone(all)
		for trial := range 5 {
			c, _ := leakyControl(t, x, ctl, 0.5, interval)
			var got []float64
			for p := 0; p < n; {
				q := min(n, p+1+r.IntN(3+trial*40))
				blk, err := c.Fetch(p, q)
				if err != nil {
					t.Fatal(err)
				}
				got = append(got, blk...)
				p = q
			}
			if !slices.Equal(got, all) {
				t.Fatalf("interval %d trial %d: random block sizes change the output", interval, trial)
			}
		}
		// Skip ahead, refetch from the cache, and rewind.
		c, _ := leakyControl(t, x, ctl, 0.5, interval)
		for _, seg := range [][2]int{{300, 420}, {350, 420}, {420, 500}, {10, 90}, {0, n}} {
			blk, err := c.Fetch(seg[0], seg[1])
			if err != nil {
				t.Fatal(err)
			}
			if !slices.Equal(blk, all[seg[0]:seg[1]]) {
				t.Fatalf("interval %d: fetch %v differs from a single fetch", interval, seg)
			}
		}
		if err := c.Reset(); err != nil {
			t.Fatal(err)
		}
		blk, err := c.Fetch(0, n)
		if err != nil || !slices.Equal(blk, all) {
			t.Fatalf("interval %d: output after Reset differs (err %v)", interval, err)
		}
	}
}

func TestControlErrors(t *testing.T) {
	s := mono(t, make([]float64, 10))
	upd := func([][]float64, []int) error { return nil }
	if _, err := Control[int](nil, nil, nil, upd, 1); err == nil {
		t.Error("nil source accepted")
	}
	if _, err := Control[int](s, nil, nil, nil, 1); err == nil {
		t.Error("nil updater accepted")
	}
	if _, err := Control(s, nil, []int(nil), upd, 0); err == nil {
		t.Error("interval 0 accepted")
	}
	other, _ := sound.New(make([]float64, 10), 1, 2000)
	if _, err := Control(s, []sound.Source{other}, []int(nil), upd, 1); err == nil {
		t.Error("input at another sample rate accepted")
	}
	if _, err := Control(s, []sound.Source{nil}, []int(nil), upd, 1); err == nil {
		t.Error("nil input accepted")
	}
	if _, err := IntervalFrames(0.0001, 1000); err == nil {
		t.Error("interval below one frame accepted")
	}
	if n, err := IntervalFrames(0.0025, 1000); err != nil || n != 2 {
		t.Errorf("IntervalFrames(2.5 ms, 1 kHz) = %d, %v; want 2 (round half to even)", n, err)
	}

	// An updater error reaches the caller; the next fetch starts afresh.
	calls := 0
	boom := errors.New("boom")
	lk := &leakyKernel{nc: 1, k: 0.5, state: make([]float64, 1)}
	bank, _ := NewBank1(lk, s, 1)
	c, err := Control(bank, []sound.Source{s}, []int(nil), func([][]float64, []int) error {
		calls++
		if calls == 2 {
			return boom
		}
		return nil
	}, 2)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := c.Fetch(0, 6); !errors.Is(err, boom) {
		t.Fatalf("updater error not returned: %v", err)
	}
	if _, err := c.Fetch(0, 6); err != nil {
		t.Fatalf("fetch after a failed one: %v", err)
	}
	if _, err := c.Fetch(3, 1); err == nil {
		t.Error("invalid segment accepted")
	}
}

func TestControlNoInputs(t *testing.T) {
	x := []float64{1, 1, 1, 1, 1, 1}
	lk := &leakyKernel{nc: 1, k: 0, state: make([]float64, 1)}
	bank, _ := NewBank1(lk, mono(t, x), 1)
	calls := 0
	c, err := Control(bank, nil, []*leakyKernel{lk}, func(in [][]float64, tg []*leakyKernel) error {
		calls++
		tg[0].k = 1 // integrate from the second block on
		return nil
	}, 3)
	if err != nil {
		t.Fatal(err)
	}
	got, err := c.Fetch(0, 6)
	if err != nil {
		t.Fatal(err)
	}
	if want := []float64{1, 1, 1, 2, 3, 4}; !slices.Equal(got, want) || calls != 2 {
		t.Fatalf("got %v after %d updates, want %v after 2", got, calls, want)
	}
	if c.NumFrames() != 6 || c.NumChannels() != 1 || c.SampleRate() != 1000 || c.Interval() != 3 {
		t.Error("wrong stream properties")
	}
}
