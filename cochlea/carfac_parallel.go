package cochlea

import (
	"fmt"
	"runtime"
	"sync"
	"sync/atomic"
	"time"
	"unsafe"
)

// CARFAC on several cores: a pipeline along the cascade.
//
// Within a sample the cascade is serial from the base to the apex (each
// stage's input is the previous stage's output of the same sample), but
// channel k at sample n depends only on channel k−1 at sample n and on
// its own past. So the channels are cut into contiguous parts (whole
// groups of 4, so that the ripple's grouping, and with it every rounding,
// is the one the single-threaded code uses), one per worker: worker w runs
// passes 1–3 on its part for sample n as soon as worker w−1 has passed it
// the output of its last stage for sample n, through a ring of samples.
// The workers run behind one another like a wavefront.
//
// The AGC couples all channels, and its update after sample n sets every
// channel's ramps for sample n+1: at those samples (every decimation[0]
// samples) worker 0 waits until every part has finished sample n and runs
// the AGC; no worker starts sample n+1 before worker 0 says that the AGC
// step of sample n has run. Each array element is written by one worker
// only, between these hand-offs, so the results are the single-threaded
// ones bit for bit, for any number of workers (TestCARFACWorkersBits,
// TestCARFACDigest).
//
// Where the cores are busy with other work, a worker waits for a
// descheduled partner: if worker 0 waits longer than carfacBusyWait at an
// AGC synchronisation, or longer than carfacSlowWait more than
// carfacSlowWaits times plus once per 256 synchronisations in a Run (an
// idle machine's interrupts cause a few), it stops the workers there and the Run
// goes on on one goroutine, as do the next carfacBusyFrames frames, after
// which the workers are tried again; each stop in a row doubles that wait
// (up to carfacBusyMax frames), and a Run that the workers finish resets
// it. A stop also keeps every CARFAC in the process on one goroutine for
// carfacBusyPause (a wait for a descheduled worker can cost a scheduler
// time slice, milliseconds, so each try is expensive where the cores are
// busy).

// carfacRing is how many samples a worker may run ahead of the next one
// (the ring of hand-offs); the AGC's synchronisation usually holds the
// lead to decimation[0] + 1 samples.
const carfacRing = 64

// carfacMinPart is the fewest channels a part may have: below that the
// hand-offs cost more than the work.
const carfacMinPart = 16

// carfacBusyWait is how long worker 0 waits at an AGC synchronisation
// before it takes the cores to be busy with other work (a normal wait is
// a fraction of a microsecond). Tests make it negative: the cores are
// then taken to be busy at the first synchronisation.
var carfacBusyWait = 200 * time.Microsecond

// carfacSlowWait and carfacSlowWaits: waits this long (a normal one
// takes well under a microsecond) more than this often in a Run also
// mean that the cores are busy.
const (
	carfacSlowWait  = 5 * time.Microsecond
	carfacSlowWaits = 4
)

// carfacBusyFrames is how many frames run on one goroutine after the
// workers stopped because the cores were busy (3 s at 22050 Hz).
const carfacBusyFrames = 1 << 16

// carfacBusyMax is the longest wait before the workers are tried again
// (about 13 minutes at 22050 Hz).
const carfacBusyMax = 1 << 24

// carfacBusyPause is how long after a stop no CARFAC of the process starts
// workers.
const carfacBusyPause = 2 * time.Second

// carfacBusyUntil is the time (Unix ns) before which no CARFAC starts
// workers.
var carfacBusyUntil atomic.Int64

// carfacMinFrames is the fewest frames a Run must have to start workers
// (a goroutine per worker per Run).
const carfacMinFrames = 64

// carfacPart is one worker's contiguous range of channels [lo, hi) (lo
// and hi multiples of 4) of ear 0.
type carfacPart struct {
	lo, hi int
	vecs   carfacVecs          // ear 0's arrays from lo on, n = hi − lo
	done   atomic.Int64        // samples whose passes 1–3 this part has finished
	ring   [carfacRing]float64 // the output of channel hi−1 of each sample, for part w+1
	_      [64]byte            // keep the next counter off this cache line
	agc    atomic.Int64        // part 0 only: the last sample the others may start (their ramps are set)
	stop   atomic.Int64        // part 0 only: the frame at which the workers stop (0: none)
	_      [64]byte
}

// SetWorkers sets how many goroutines Run may use for one ear (default 1;
// each worker takes at least carfacMinPart channels). Results do not
// depend on it. Several ears, the one_cap and just_hwr IHCs and the delay
// buffer run on one goroutine.
//
// Whether more workers are faster depends on how fast two cores can hand
// each other a cache line: the pipeline synchronises twice every
// decimation[0] (8) samples, about every 2 µs of work at 22050 Hz with 71
// channels. On the development machine (a 2-vCPU KVM guest, where a round
// trip between the cores takes 0.7 µs or more) two workers were 45%
// slower than one (docs/bench/carfac.md), hence the default.
func (c *CARFAC) SetWorkers(k int) error {
	if k < 1 {
		return fmt.Errorf("cochlea: CARFAC SetWorkers(%d): need at least 1", k)
	}
	c.workers = k
	c.parts = nil
	return nil
}

// partition cuts ear 0's padded channels into the workers' parts, or
// returns nil where one goroutine runs the model.
func (c *CARFAC) partition() []carfacPart {
	d := c.d
	if c.workers < 2 || len(c.ears) != 1 || d.ihc.style != 2 || d.delayBuf {
		return nil
	}
	if until := carfacBusyUntil.Load(); until != 0 && time.Now().UnixNano() < until {
		return nil
	}
	np := c.ears[0].vecs.n
	w := min(c.workers, np/carfacMinPart)
	if w < 2 {
		return nil
	}
	if len(c.parts) == w {
		return c.parts
	}
	parts := make([]carfacPart, w)
	groups := np / 4
	for i := range parts {
		p := &parts[i]
		p.lo, p.hi = 4*(i*groups/w), 4*((i+1)*groups/w)
		p.vecs = c.ears[0].vecs.offset(p.lo, p.hi-p.lo)
	}
	c.parts = parts
	return parts
}

// offset returns the vecs of channels [lo, lo+n).
func (v carfacVecs) offset(lo, n int) carfacVecs {
	at := func(p *float64) *float64 { return (*float64)(unsafe.Add(unsafe.Pointer(p), lo*8)) }
	w := v
	for _, p := range []**float64{&w.g, &w.dg, &w.zb, &w.dzb, &w.z1, &w.z2, &w.za, &w.r1, &w.a0, &w.c0, &w.h,
		&w.hz, &w.inp, &w.zy, &w.acc, &w.bm, &w.nap, &w.cap1, &w.cap2, &w.lpf1, &w.accum0} {
		*p = at(*p)
	}
	w.n = n
	return w
}

// carfacWait returns once a reaches v: it spins (a hand-off takes well
// under a microsecond), yielding to the scheduler between polls after a
// while. It returns how long it waited, roughly: 0 if it never yielded.
func carfacWait(a *atomic.Int64, v int64) time.Duration {
	var t0 time.Time
	for i := 0; a.Load() < v; i++ {
		if i < 256 {
			continue
		}
		if i == 256 {
			t0 = time.Now()
		}
		runtime.Gosched()
	}
	if t0.IsZero() {
		return 0
	}
	return time.Since(t0)
}

// runParallel is Run on the parts (one ear, two_cap IHC, no delay buffer;
// x already checked finite). It returns the number of frames run: frames,
// or fewer where the workers stopped because the cores were busy.
func (c *CARFAC) runParallel(parts []carfacPart, x []float64, frames int, out CARFACRows) int {
	for i := range parts {
		parts[i].done.Store(0)
	}
	// Up to the first AGC update the ramps are set.
	parts[0].agc.Store(int64(c.d.agc[0].decimation - 1 - c.phase[0]))
	parts[0].stop.Store(0)
	var wg sync.WaitGroup
	for w := 1; w < len(parts); w++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			c.runPart(parts, w, x, frames, out)
		}()
	}
	k := c.runPart(parts, 0, x, frames, out)
	wg.Wait()
	if k == frames {
		c.busyBackoff = carfacBusyFrames
	}
	return k
}

// runPart runs worker w's part for every frame, or up to the frame at
// which worker 0 stops the workers; it returns the frames it ran.
func (c *CARFAC) runPart(parts []carfacPart, w int, x []float64, frames int, out CARFACRows) int {
	ear := &c.ears[0]
	p := &parts[w]
	last := w == len(parts)-1
	n := c.d.nCh
	hi := min(p.hi, n) // the real channels of the part
	v := p.vecs
	v.noBM = ear.vecs.noBM
	slow, syncs := 0, 0 // worker 0's slow waits and AGC synchronisations
	// The last values read of the counters this worker waits on, so that
	// it reads another worker's cache line only when it must.
	ramps, behind := int64(-1), int64(0)
	for k := range frames {
		in := x[k]
		if w > 0 {
			if int64(k) > ramps { // this sample's ramps must be set
				carfacWait(&parts[0].agc, int64(k))
				ramps = parts[0].agc.Load()
				if s := parts[0].stop.Load(); s != 0 && int64(k) >= s {
					return k
				}
			}
			carfacWait(&parts[w-1].done, int64(k+1))
			in = parts[w-1].ring[k%carfacRing]
		}
		if !last && int64(k+1-carfacRing) > behind { // the ring slot must have been read by the next part
			carfacWait(&parts[w+1].done, int64(k+1-carfacRing))
			behind = parts[w+1].done.Load()
		}
		row := k * n
		direct := out.NAP != nil && !last
		if direct {
			v.nap = &out.NAP[row+p.lo]
		}
		if carfacSIMD {
			carfacPhaseAAVX2(&v)
		} else {
			carfacPhaseAGo(&v)
		}
		if carfacSIMD {
			carfacRippleAsm(&v, in)
			carfacPhaseCAVX2(&v)
		} else {
			carfacRipple(&v, in, false, v.n)
			carfacPhaseCGo(&v)
		}
		if !last {
			p.ring[k%carfacRing] = ear.zy[p.hi-1]
		}
		if out.NAP != nil && !direct {
			copy(out.NAP[row+p.lo:row+hi], ear.nap[p.lo:hi])
		}
		if out.BM != nil {
			if c.d.version1 {
				copy(out.BM[row+p.lo:row+hi], ear.zy[p.lo:hi])
			} else {
				copy(out.BM[row+p.lo:row+hi], ear.bm[p.lo:hi])
			}
		}
		if out.OHC != nil {
			copy(out.OHC[row+p.lo:row+hi], ear.za[p.lo:hi])
		}
		if out.AGC != nil {
			copy(out.AGC[row+p.lo:row+hi], ear.zb[p.lo:hi])
		}
		p.done.Store(int64(k + 1))
		if w == 0 && !c.agcDue() {
			// No AGC update after this sample: agcDue moved the phase.
		} else if w == 0 {
			// The AGC updates after this sample: it reads every part's
			// AGC input and state and sets every part's ramps, so every
			// part must have finished the sample, and none may start the
			// next before it has run.
			busy := carfacBusyWait < 0
			syncs++
			for i := 1; i < len(parts); i++ {
				d := carfacWait(&parts[i].done, int64(k+1))
				if d > carfacSlowWait {
					slow++
				}
				busy = busy || d > carfacBusyWait || slow > carfacSlowWaits+syncs/256
			}
			c.agcStep()
			if busy && k+1 < frames {
				// Stop here: the others read the stop with the ramps
				// of the next sample.
				p.stop.Store(int64(k + 1))
				p.agc.Store(int64(k + 1))
				c.serialFrames = c.busyBackoff
				c.busyBackoff = min(2*c.busyBackoff, carfacBusyMax)
				carfacBusyUntil.Store(time.Now().Add(carfacBusyPause).UnixNano())
				return k + 1
			}
			// The ramps are set up to the next update.
			p.agc.Store(int64(k + c.d.agc[0].decimation))
		}
	}
	return frames
}
