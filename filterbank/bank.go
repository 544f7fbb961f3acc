// Package filterbank is the streaming engine of gohears and its filterbanks.
//
// A filterbank is a Bank: plumbing written once (caching of the last block for
// fan-out, replication of a mono input, source swapping, sequential and
// random-access fetches, splitting channels across cores) around a Kernel,
// the pure computation on blocks. Every bank is a sound.Source, so banks chain
// and fan out freely, and memory stays bounded by block size × channels
// whatever the duration.
package filterbank

import (
	"errors"
	"fmt"
	"runtime"
	"sync"
	"sync/atomic"
	"time"

	"github.com/gohears/hears/internal/spin"
	"github.com/gohears/hears/sound"
)

// Kernel is the computation of a filterbank on blocks, with its own state.
//
// Process computes frames output frames into out (frames × NumChannels(),
// frame-major) from one input block per source: in[k] holds frames ×
// InputChannels()[k] samples, frame-major. The Bank calls Process on
// consecutive segments in order from frame 0 on, and Reset before rewinding.
type Kernel interface {
	// NumChannels is the number of output channels.
	NumChannels() int
	// Process computes the next frames frames of output.
	Process(out []float64, in [][]float64, frames int) error
	// Reset returns the kernel's state to time zero.
	Reset()
}

// ChannelParallel is implemented by kernels whose output channels evolve
// independently, so the Bank may compute disjoint channel ranges on several
// cores. ProcessChannels computes output channels [lo, hi) only (reading any
// input it needs) and touches only the state of those channels; results must
// not depend on how channels are split. The Bank guarantees that lo and hi
// are multiples of ChannelAlign (or hi is NumChannels()).
type ChannelParallel interface {
	ProcessChannels(out []float64, in [][]float64, frames, lo, hi int) error
}

// ChannelAlign is the granularity, in channels, of the ranges handed to
// ChannelParallel kernels: the widest SIMD group gohears uses (8 float64 in
// an AVX-512 register; the linear, FIR and cochlear kernels all work in
// groups of 8 and check their ranges). Finer than that balances small banks
// better: 50 channels split 24 + 26, not 32 + 18.
const ChannelAlign = 8

// MonoInput is implemented by kernels that read a one-channel input block
// directly when that input would otherwise be replicated to every channel.
// The Bank then hands such a kernel the mono block unreplicated, saving a
// copy per channel; the kernel must give the same result as with the
// replicated block.
type MonoInput interface {
	// TakesMono reports whether input k may be passed with one channel.
	TakesMono(k int) bool
}

// parallelThreshold is the number of channel-samples in a block above which
// a ChannelParallel kernel is split across cores: below it, goroutine
// hand-off costs more than it saves.
const parallelThreshold = 1 << 15

// Bank is a filterbank: a Kernel with its sources and the plumbing around it.
// It implements sound.Source. A Bank is not safe for concurrent use.
type Bank struct {
	kernel   Kernel
	sources  []sound.Source
	inCh     []int // channels the kernel expects from each source
	rate     float64
	workers  int
	parallel ChannelParallel
	mono     MonoInput
	tuning   tuning // declared centre frequencies (frequencies.go)

	pos      int // next frame the kernel will compute
	cache    segmentCache
	repl     [][]float64
	inBlocks [][]float64
	errs     []error  // per-worker errors of runParallel, reused
	help     *helpers // persistent goroutines of runParallel, started on first use
}

// NewBank wraps kernel with its sources. inChannels[k] is the number of
// channels the kernel reads from source k; a source with one channel is
// replicated to inChannels[k] channels, any other mismatch is an error. All
// sources must share one sample rate.
func NewBank(kernel Kernel, sources []sound.Source, inChannels []int) (*Bank, error) {
	if kernel == nil {
		return nil, errors.New("filterbank: nil kernel")
	}
	if kernel.NumChannels() <= 0 {
		return nil, fmt.Errorf("filterbank: kernel has %d output channels", kernel.NumChannels())
	}
	if len(sources) == 0 {
		return nil, errors.New("filterbank: a bank needs at least one source")
	}
	if len(inChannels) != len(sources) {
		return nil, fmt.Errorf("filterbank: %d sources but %d input channel counts", len(sources), len(inChannels))
	}
	for k, n := range inChannels {
		if n < 1 {
			return nil, fmt.Errorf("filterbank: the kernel reads %d channels from source %d; it must read at least 1", n, k)
		}
	}
	b := &Bank{kernel: kernel, inCh: append([]int(nil), inChannels...), workers: runtime.GOMAXPROCS(0)}
	b.cache.nc = kernel.NumChannels()
	b.parallel, _ = kernel.(ChannelParallel)
	b.mono, _ = kernel.(MonoInput)
	b.sources = make([]sound.Source, len(sources))
	b.repl = make([][]float64, len(sources))
	b.inBlocks = make([][]float64, len(sources))
	for k, s := range sources {
		if err := b.checkSource(k, s); err != nil {
			return nil, err
		}
		b.sources[k] = s
	}
	b.rate = sources[0].SampleRate()
	for k, s := range sources {
		if s.SampleRate() != b.rate {
			return nil, fmt.Errorf("filterbank: source %d runs at %g Hz but source 0 at %g Hz", k, s.SampleRate(), b.rate)
		}
	}
	b.invalidate()
	return b, nil
}

// NewBank1 wraps a kernel reading a single source with inChannels channels.
func NewBank1(kernel Kernel, source sound.Source, inChannels int) (*Bank, error) {
	return NewBank(kernel, []sound.Source{source}, []int{inChannels})
}

func (b *Bank) checkSource(k int, s sound.Source) error {
	if s == nil {
		return fmt.Errorf("filterbank: source %d is nil", k)
	}
	got, want := s.NumChannels(), b.inCh[k]
	if got != want && got != 1 {
		return fmt.Errorf("filterbank: source %d has %d channels, the bank needs %d (or 1, replicated)", k, got, want)
	}
	return nil
}

// Kernel returns the bank's kernel.
func (b *Bank) Kernel() Kernel { return b.kernel }

// Sources returns the bank's sources.
func (b *Bank) Sources() []sound.Source { return b.sources }

// NumChannels implements sound.Source.
func (b *Bank) NumChannels() int { return b.kernel.NumChannels() }

// SampleRate implements sound.Source (Hz).
func (b *Bank) SampleRate() float64 { return b.rate }

// NumFrames implements sound.Source: the shortest bounded source's length,
// or sound.Unbounded when every source is unbounded.
func (b *Bank) NumFrames() int {
	n := sound.Unbounded
	for _, s := range b.sources {
		if m := s.NumFrames(); m != sound.Unbounded && (n == sound.Unbounded || m < n) {
			n = m
		}
	}
	return n
}

// SetWorkers sets how many goroutines a ChannelParallel kernel may use
// (default GOMAXPROCS). Results do not depend on it.
func (b *Bank) SetWorkers(n int) {
	b.workers = max(n, 1)
}

// SetSource replaces source k (same channel rule and sample rate as at
// construction) and rewinds the bank to time zero.
func (b *Bank) SetSource(k int, s sound.Source) error {
	if k < 0 || k >= len(b.sources) {
		return fmt.Errorf("filterbank: no source %d (the bank has %d)", k, len(b.sources))
	}
	if err := b.checkSource(k, s); err != nil {
		return err
	}
	if s.SampleRate() != b.rate {
		return fmt.Errorf("filterbank: new source runs at %g Hz, the bank at %g Hz", s.SampleRate(), b.rate)
	}
	b.sources[k] = s
	b.rewind()
	return nil
}

// Reset implements sound.Source: it rewinds the kernel and every source.
func (b *Bank) Reset() error {
	b.rewind()
	for _, s := range b.sources {
		if err := s.Reset(); err != nil {
			return err
		}
	}
	return nil
}

// rewind returns the kernel to time zero and empties the cache: after an
// error, whose partial work may have advanced some of the kernel's state,
// the next Fetch recomputes from frame zero.
func (b *Bank) rewind() {
	b.kernel.Reset()
	b.invalidate()
}

func (b *Bank) invalidate() {
	b.pos = 0
	b.cache.empty(0)
}

// Fetch implements sound.Source. Sequential fetches ([0,n), [n,m), ...)
// compute each frame once; refetching frames still held (the last segment
// and the history kept for lagging consumers) is free; a fetch that starts
// later skips ahead; one that starts before the frames held rewinds the
// kernel and recomputes from frame zero, which Rewinds counts, and the
// history then grows so that consumers reading one bank in different block
// sizes or with a lag (fan-out) cost linear work, whatever their block
// sizes, and memory proportional to their lag (at most 2^24 values).
func (b *Bank) Fetch(start, end int) ([]float64, error) {
	if err := b.cache.check(start, end); err != nil {
		return nil, err
	}
	if blk, ok := b.cache.lookup(start, end); ok {
		return blk, nil
	}
	if start < b.pos && !b.cache.continues(start, b.pos) {
		b.cache.missed(start, end)
		b.rewind()
	}
	if err := b.skip(b.cache.from(start, b.pos)); err != nil {
		b.rewind()
		return nil, err
	}
	fresh := b.cache.begin(start, end)
	if err := b.compute(fresh, b.pos, end); err != nil {
		b.rewind()
		return nil, err
	}
	return b.cache.commit(start, end), nil
}

// Rewinds returns how many fetches found their frames no longer held and
// recomputed the bank from frame zero (a fetch back in time by one consumer
// while others read ahead by more than the history, or after Reset by the
// caller is not counted). Consumers reading sequentially, together or with
// a bounded lag, cause at most a few rewinds in total.
func (b *Bank) Rewinds() int { return b.cache.rewinds }

// skipBlock bounds the scratch memory used while skipping ahead.
const skipBlock = 4096

// skip advances the kernel to frame to, discarding the output.
func (b *Bank) skip(to int) error {
	var scratch []float64
	nc := b.kernel.NumChannels()
	for b.pos < to {
		n := min(to-b.pos, skipBlock)
		if cap(scratch) < n*nc {
			scratch = make([]float64, n*nc)
		}
		if err := b.compute(scratch[:n*nc], b.pos, b.pos+n); err != nil {
			return err
		}
	}
	if scratch != nil {
		b.cache.empty(b.pos)
	}
	return nil
}

// compute runs the kernel over frames [start, end) (start == b.pos) into out.
func (b *Bank) compute(out []float64, start, end int) error {
	frames := end - start
	if frames == 0 {
		return nil
	}
	for k, s := range b.sources {
		blk, err := s.Fetch(start, end)
		if err != nil {
			return err
		}
		if sc := s.NumChannels(); len(blk) != frames*sc {
			return fmt.Errorf("filterbank: source %d returned %d samples for frames [%d, %d) of %d channels, want %d", k, len(blk), start, end, sc, frames*sc)
		}
		want := b.inCh[k]
		if s.NumChannels() == 1 && want > 1 && (b.mono == nil || !b.mono.TakesMono(k)) {
			blk = replicate(&b.repl[k], blk, frames, want)
		}
		b.inBlocks[k] = blk
	}
	var err error
	nc := b.kernel.NumChannels()
	if b.parallel != nil && b.workers > 1 && frames*nc >= parallelThreshold && nc >= 2*ChannelAlign {
		err = b.runParallel(out, frames, nc)
	} else {
		err = b.kernel.Process(out, b.inBlocks, frames)
	}
	if err != nil {
		return err
	}
	b.pos = end
	return nil
}

// runParallel splits the channels into one aligned range per worker; the
// calling goroutine computes the last range itself, the Bank's helper
// goroutines the others (helper i always range i, so that each range's
// filter state stays in the cache of the core that runs it).
func (b *Bank) runParallel(out []float64, frames, nc int) error {
	w := min(b.workers, nc/ChannelAlign)
	per := (nc/ChannelAlign + w - 1) / w * ChannelAlign
	if cap(b.errs) < w {
		b.errs = make([]error, w)
	}
	errs := b.errs[:w]
	clear(errs)
	if b.help == nil || b.help.n < w-1 {
		if b.help != nil {
			b.help.stop()
		}
		b.help = startHelpers(w-1, w <= runtime.GOMAXPROCS(0))
		runtime.AddCleanup(b, (*helpers).stop, b.help)
	}
	h := b.help
	mine := w - 1 // the range the caller computes: the last non-empty one
	for i := range w - 1 {
		if i*per >= nc || (i+1)*per >= nc {
			mine = i
			break
		}
	}
	for i := range mine {
		h.jobs[i] = parallelJob{k: b.parallel, out: out, in: b.inBlocks, frames: frames, lo: i * per, hi: (i + 1) * per, err: &errs[i]}
	}
	h.publish(mine)
	errs[mine] = b.parallel.ProcessChannels(out, b.inBlocks, frames, mine*per, nc)
	h.wait()
	return errors.Join(errs...)
}

// helpers are the goroutines that compute a Bank's channel ranges in
// parallel. They live as long as the Bank (a cleanup stops them once it is
// unreachable, so they hold no reference to it): starting a goroutine per
// block instead cost about 16 allocations per block.
//
// The hand-off spins before it parks. Waking a parked goroutine costs
// 10–150 µs on this kind of machine (futex, the Go scheduler, and under a
// hypervisor an idle virtual CPU leaving its halt), and every block of a
// bank needs a wake-up each way: at 3000 channels and 128-frame blocks
// (345 blocks a second of 44.1 kHz sound) that was 40–55 ms of a 140 ms
// run, and the woken goroutines changed cores each block, taking their
// ranges' filter state with them (docs/bench/throughput.md). So a helper
// waiting for the next block, and the caller waiting for the helpers,
// first spin on atomics for up to a budget; the budget adapts as in
// spinWait, so a loaded machine, or a consumer that takes long between
// blocks, soon makes them park at once.
//
// The protocol: the caller writes jobs[i], sets pending, then increments
// seq[i] (publishing job i); helper i runs jobs[i] when it sees seq[i]
// change, then decrements pending. A helper reads only its own slot, and
// the caller writes a slot again only after pending has fallen to zero.
// Parking uses the flag-then-check pattern on both sides (the sleeper sets parked, then rechecks its condition; the
// waker changes the condition, then reads parked and sends a token to a
// one-slot channel), which Go's sequentially consistent atomics make
// free of lost wake-ups; a token left over from an earlier wait only makes
// the sleeper recheck its condition.
type helpers struct {
	n       int
	spin    bool            // false when the workers outnumber the Ps: spinning would starve the caller
	seq     []atomic.Uint64 // per helper: jobs published to it
	pending atomic.Int64    // helpers still running the current block
	closed  atomic.Bool
	jobs    []parallelJob // written by the caller before seq is incremented
	wake    []chan struct{}
	parked  []atomic.Bool
	done    chan struct{}
	waiting atomic.Bool // the caller is parked on done
	budget  time.Duration
	once    sync.Once
}

// parallelJob is one channel range of one block.
type parallelJob struct {
	k              ChannelParallel
	out            []float64
	in             [][]float64
	frames, lo, hi int
	err            *error
}

// spinBudget bounds the busy wait of a hand-off before the waiting
// goroutine parks: the caller waiting for its helpers' ranges (which are
// being computed, so it rarely waits long).
const spinBudget = 50 * time.Microsecond

// helperSpinBudget bounds a helper's busy wait for its next block. It is
// shorter: in a chain of banks the next block of this bank comes only
// after the other banks' work, and a helper spinning meanwhile holds a P
// on which another bank's woken helper cannot start (Go queues a woken
// goroutine on the waker's P, and a busy P is not stolen from), which
// serialised the DRNL's banks with a 50 µs budget.
const helperSpinBudget = 10 * time.Microsecond

// minSpin is the shortest busy wait: long enough for the other side's
// next step (a few microseconds between blocks), short enough to waste
// little where it does not come.
const minSpin = 3 * time.Microsecond

func startHelpers(n int, spin bool) *helpers {
	h := &helpers{n: n, spin: spin, seq: make([]atomic.Uint64, n), jobs: make([]parallelJob, n), wake: make([]chan struct{}, n),
		parked: make([]atomic.Bool, n), done: make(chan struct{}, 1), budget: spinBudget}
	for i := range n {
		h.wake[i] = make(chan struct{}, 1)
		go helperLoop(h, i)
	}
	return h
}

// publish hands jobs[0:active] to helpers 0..active-1.
func (h *helpers) publish(active int) {
	h.pending.Store(int64(active))
	for i := range active {
		h.seq[i].Add(1)
		if h.parked[i].Load() {
			select {
			case h.wake[i] <- struct{}{}:
			default: // a token is already there
			}
		}
	}
}

// wait returns when every helper given a job by publish has finished it.
func (h *helpers) wait() {
	done := func() bool { return h.pending.Load() == 0 }
	if spinWait(h.spin, done, &h.budget, spinBudget) {
		return
	}
	h.waiting.Store(true)
	for !done() {
		<-h.done
	}
	h.waiting.Store(false)
}

// helperLoop is helper i: it runs jobs[i] of every block that has one.
func helperLoop(h *helpers, i int) {
	var seen uint64
	budget := helperSpinBudget
	ready := func() bool { return h.seq[i].Load() != seen || h.closed.Load() }
	for {
		if !spinWait(h.spin, ready, &budget, helperSpinBudget) {
			h.parked[i].Store(true)
			for !ready() {
				<-h.wake[i]
			}
			h.parked[i].Store(false)
		}
		if h.closed.Load() {
			return
		}
		seen = h.seq[i].Load()
		j := h.jobs[i]
		h.jobs[i] = parallelJob{} // drop the references to the block
		*j.err = j.k.ProcessChannels(j.out, j.in, j.frames, j.lo, j.hi)
		if h.pending.Add(-1) == 0 && h.waiting.Load() {
			select {
			case h.done <- struct{}{}:
			default:
			}
		}
	}
}

// spinWait busy-waits until cond() or *budget has passed, and reports
// whether cond() became true. The budget (one per waiting goroutine)
// adapts between minSpin and most: it doubles after every wait that
// spinning served and halves after every wait that ended by parking. On a
// machine shared with other work, where the other side of a hand-off is
// often descheduled for milliseconds, each wait then wastes at most
// minSpin; on a quiet one the hand-off spins.
func spinWait(canSpin bool, cond func() bool, budget *time.Duration, most time.Duration) bool {
	if cond() {
		return true
	}
	if !canSpin {
		return false
	}
	if spin.Until(cond, *budget) {
		*budget = min(most, 2**budget)
		return true
	}
	*budget = max(minSpin, *budget/2)
	return false
}

// stop ends the helper goroutines (they finish any job in hand first).
func (h *helpers) stop() {
	h.once.Do(func() {
		h.closed.Store(true)
		for _, c := range h.wake {
			select {
			case c <- struct{}{}:
			default:
			}
		}
	})
}

// replicate copies a mono block to n channels into *buf.
func replicate(buf *[]float64, mono []float64, frames, n int) []float64 {
	if cap(*buf) < frames*n {
		*buf = make([]float64, frames*n)
	}
	out := (*buf)[:frames*n]
	for f := range frames {
		v := mono[f]
		row := out[f*n : (f+1)*n]
		for c := range row {
			row[c] = v
		}
	}
	return out
}
