package filterbank

import (
	"fmt"
	"testing"
)

// stampParallel writes, for every output sample of its range, the block's
// frame times 1000 plus the channel index, and fails on channel fail
// during the block starting at failAt.
type stampParallel struct {
	nch    int
	start  int // first frame of the block in hand (set by the test)
	failAt int
	fail   int
}

func (k *stampParallel) NumChannels() int   { return k.nch }
func (k *stampParallel) Reset()             {}
func (k *stampParallel) TakesMono(int) bool { return true }
func (k *stampParallel) Process(out []float64, in [][]float64, frames int) error {
	return k.ProcessChannels(out, in, frames, 0, k.nch)
}
func (k *stampParallel) ProcessChannels(out []float64, in [][]float64, frames, lo, hi int) error {
	if k.start == k.failAt && lo <= k.fail && k.fail < hi {
		return fmt.Errorf("channel %d fails", k.fail)
	}
	for f := range frames {
		for c := lo; c < hi; c++ {
			out[f*k.nch+c] = float64(k.start+f)*1000 + float64(c)
		}
	}
	return nil
}

// TestBankHandoffManyBlocks runs thousands of small blocks through the
// spinning hand-off, changing the number of workers on the way, and checks
// that every sample of every block was written by its range's worker for
// that block (a stale or missed hand-off leaves another block's stamp), and
// that an error in a helper's range reaches the caller. Run under -race it
// also checks the hand-off's synchronisation.
func TestBankHandoffManyBlocks(t *testing.T) {
	const nch = 96
	frames := parallelThreshold/nch + 3
	k := &stampParallel{nch: nch, failAt: -1}
	b, err := NewBank1(k, &noiseSource{rate: 44100}, nch)
	if err != nil {
		t.Fatal(err)
	}
	blocks := 3000
	if testing.Short() {
		blocks = 300
	}
	workers := []int{2, 3, 2, 4, 1, 2}
	for i := range blocks {
		b.SetWorkers(workers[i*len(workers)/blocks])
		start := i * frames
		k.start = start
		blk, err := b.Fetch(start, start+frames)
		if err != nil {
			t.Fatal(err)
		}
		for f := range frames {
			for c := range nch {
				if want := float64(start+f)*1000 + float64(c); blk[f*nch+c] != want {
					t.Fatalf("block %d (%d workers): frame %d channel %d holds %v, want %v", i, b.workers, f, c, blk[f*nch+c], want)
				}
			}
		}
	}
	b.SetWorkers(3)
	start := blocks * frames
	k.start, k.failAt, k.fail = start, start, 8
	if _, err := b.Fetch(start, start+frames); err == nil || err.Error() != "channel 8 fails" {
		t.Fatalf("a helper's error: got %v, want channel 8 fails", err)
	}
}
