package anf

import (
	"fmt"
	"math"
	"math/rand/v2"

	"github.com/gohears/hears/cochlea"
	"github.com/gohears/hears/filterbank"
	"github.com/gohears/hears/sound"
)

// Refractoriness of the Zilany et al. (2009) spike generator: an absolute
// dead time of 0.75 ms, then a relative refractory function c0·exp(−t/s0) +
// c1·exp(−t/s1) that scales the rate.
const (
	zRefC0 = 0.5
	zRefS0 = 0.001 // s
	zRefC1 = 0.5
	zRefS1 = 0.0125 // s
)

// zFibre is the state of one spike generator: a time-warped unit-rate
// Poisson process (B. S. Jackson's method): the rate, scaled by the
// refractory function, is summed until it passes the next exponential
// interval.
type zFibre struct {
	uniform  func() float64 // random numbers in (0, 1]
	started  bool
	done     bool    // a bounded input has ended
	xsum     float64 // time-warped sum since the last spike (normalised by the step)
	interval float64 // current unit-rate interval (normalised by the step)
	r0, r1   float64 // the two terms of the relative refractory function
	time     float64 // the generator's clock (s), accumulated step by step
	frame    int     // frames processed before the current block
	skip     int     // frames left in the dead time
	pending  bool    // the last spike's bin is the next frame
	times    []float64
}

// ZilanySpikesKernel generates spikes from the synapse output synout
// (spikes/s; ZilanySynapse with ZilanySynOut): perChannel fibres per
// channel, each writing 1 in the frame where it fires and 0 elsewhere.
// Between blocks, a spike whose bin is the next frame is carried over.
type ZilanySpikesKernel struct {
	fib        []zFibre
	perChannel int
	nc         int
	tdres      float64
	dur        float64 // duration of a bounded input (s), or +Inf
	deadIndex  int     // whole samples in the dead time
	m0, m1     float64 // per-step decay of the refractory terms
	seed       uint64
	record     bool

	// uniformFor, when set, supplies fibre i's random numbers (the tests
	// feed the reference's rand.csv through it).
	uniformFor func(fibre int) func() float64
}

// zSpikesValuesPerFibre is the most float64 values a spike generator holds
// per fibre besides its blocks (its state and random number generator):
// TestMemoryPerUnit measures 19. Recorded spike times grow with the number
// of spikes, as a monitor's do.
const zSpikesValuesPerFibre = 24

// NewZilanySpikesKernel builds spike generators for channels channels of
// synout at sample rate fs (Hz), perChannel fibres each; total is the
// input's length in frames when bounded (sound.Unbounded otherwise): as in
// the authors' code, no spike is generated once the generator's clock
// reaches the end. Fibre c·perChannel + j reads channel c and draws its
// random numbers from PCG(seed, c·perChannel + j), so results depend
// neither on block sizes nor on the number of workers.
func NewZilanySpikesKernel(channels, perChannel int, fs float64, total int, seed uint64) (*ZilanySpikesKernel, error) {
	if channels < 1 || perChannel < 1 {
		return nil, fmt.Errorf("anf: Zilany2014 spikes: %d channels × %d fibres per channel; need at least 1 of each", channels, perChannel)
	}
	if perChannel > sound.MaxSamples/channels {
		return nil, fmt.Errorf("anf: Zilany2014 spikes: %d channels × %d fibres per channel is more than the limit of %d fibres", channels, perChannel, sound.MaxSamples/zSpikesValuesPerFibre)
	}
	if err := checkMemory("Zilany2014 spikes", "fibres", channels*perChannel, zSpikesValuesPerFibre); err != nil {
		return nil, err
	}
	if !(fs > 0) || math.IsInf(fs, 0) {
		return nil, fmt.Errorf("anf: Zilany2014 spikes: sample rate %v Hz is not a positive finite number", fs)
	}
	tdres := 1 / fs
	k := &ZilanySpikesKernel{fib: make([]zFibre, channels*perChannel), perChannel: perChannel, nc: channels,
		tdres: tdres, dur: math.Inf(1), deadIndex: int(math.Floor(zDead / tdres)),
		m0: 1 - tdres/zRefS0, m1: 1 - tdres/zRefS1, seed: seed}
	if total != sound.Unbounded {
		k.dur = float64(total) * tdres
	}
	k.Reset()
	return k, nil
}

// NumChannels implements filterbank.Kernel: one output per fibre.
func (k *ZilanySpikesKernel) NumChannels() int { return len(k.fib) }

// Reset implements filterbank.Kernel: every fibre starts afresh, with its
// random numbers from the start.
func (k *ZilanySpikesKernel) Reset() {
	for i := range k.fib {
		var u func() float64
		if k.uniformFor != nil {
			u = k.uniformFor(i)
		} else {
			r := rand.New(rand.NewPCG(k.seed, uint64(i)))
			u = func() float64 { return 1 - r.Float64() }
		}
		k.fib[i] = zFibre{uniform: u, times: k.fib[i].times[:0]}
	}
}

// Process implements filterbank.Kernel.
func (k *ZilanySpikesKernel) Process(out []float64, in [][]float64, frames int) error {
	return k.ProcessChannels(out, in, frames, 0, len(k.fib))
}

// ProcessChannels implements filterbank.ChannelParallel (over fibres).
func (k *ZilanySpikesKernel) ProcessChannels(out []float64, in [][]float64, frames, lo, hi int) error {
	if len(in) != 1 || len(in[0]) < frames*k.nc {
		return fmt.Errorf("anf: Zilany2014 spikes read 1 input of %d frames × %d channels", frames, k.nc)
	}
	nf := len(k.fib)
	if len(out) < frames*nf {
		return fmt.Errorf("anf: Zilany2014 spikes: output block has %d samples, want %d", len(out), frames*nf)
	}
	x := in[0]
	for i := lo; i < hi; i++ {
		k.run(&k.fib[i], out[i:], nf, x[i/k.perChannel:], k.nc, frames)
	}
	return nil
}

func (k *ZilanySpikesKernel) run(g *zFibre, out []float64, stride int, x []float64, xs int, frames int) {
	tdres := k.tdres
	for f := range frames {
		out[f*stride] = 0
		if g.pending {
			out[f*stride] = 1
			g.pending = false
		}
		r := x[f*xs]
		if !g.started {
			// A spike before time zero: the end of its dead time and the
			// refractory state and warped sum it leaves at time zero.
			g.started = true
			end := math.Max(0, math.Log(g.uniform())/r+zDead)
			g.r0 = zRefC0 * math.Exp(end/zRefS0)
			g.r1 = zRefC1 * math.Exp(end/zRefS1)
			g.xsum = r * (-end + zRefC0*zRefS0*(math.Exp(end/zRefS0)-1) + zRefC1*zRefS1*(math.Exp(end/zRefS1)-1))
			g.interval = -math.Log(g.uniform()) / tdres
			g.time = tdres
		}
		if g.skip > 0 {
			g.skip--
			continue
		}
		if g.done || !(g.time < k.dur) {
			g.done = true
			continue
		}
		if r > 0 {
			g.xsum += r * (1 - g.r0 - g.r1)
			if g.xsum >= g.interval {
				// The spike time is the generator's clock; its bin,
				// floor(t/tdres), is this frame or, when the clock has
				// drifted a hair above a whole step, the next one.
				if k.record {
					g.times = append(g.times, g.time)
				}
				if math.Floor(g.time/tdres) > float64(g.frame+f) {
					g.pending = true
				} else {
					out[f*stride] = 1
				}
				g.interval = -math.Log(g.uniform()) / tdres
				g.xsum = 0
				g.skip = k.deadIndex
				g.time += float64(k.deadIndex) * tdres
				g.r0, g.r1 = zRefC0, zRefC1
			}
		}
		g.time += tdres
		g.r0 *= k.m0
		g.r1 *= k.m1
	}
	g.frame += frames
}

// RecordTimes makes the kernel keep every spike's exact time (the
// generator's clock, s) from now on, for SpikeTimes.
func (k *ZilanySpikesKernel) RecordTimes() { k.record = true }

// SpikeTimes returns the times (s) of fibre i's spikes since the last
// Reset, when RecordTimes was called before they happened. The slice
// belongs to the kernel.
func (k *ZilanySpikesKernel) SpikeTimes(i int) []float64 {
	if i < 0 || i >= len(k.fib) {
		return nil
	}
	return k.fib[i].times
}

// ZilanySpikes returns the spikes of perChannel fibres per channel of
// synout (spikes/s, the synapse output before refractoriness: ZilanySynapse
// with ZilanySynOut): one output channel per fibre, fibre c·perChannel + j
// reading channel c, 1 in the frame where it fires and 0 elsewhere (the
// authors' psth: a spike at time t is in frame floor(t·fs), and t is about
// one step after the frame whose rate triggered it). The
// generator has an absolute dead time of 0.75 ms and relative
// refractoriness 0.5·exp(−t/1 ms) + 0.5·exp(−t/12.5 ms) (Zilany et al.
// 2009; B. S. Jackson's time-warping method). Random numbers come from
// seed. Each fibre has the centre frequency of the channel it reads, when
// synout declares them (filterbank.Tuned).
func ZilanySpikes(synout sound.Source, perChannel int, seed uint64) (*filterbank.Bank, error) {
	if synout == nil {
		return nil, fmt.Errorf("anf: Zilany2014 spikes have a nil source")
	}
	k, err := NewZilanySpikesKernel(synout.NumChannels(), perChannel, synout.SampleRate(), synout.NumFrames(), seed)
	if err != nil {
		return nil, err
	}
	b, err := filterbank.NewBank1(k, synout, synout.NumChannels())
	if err == nil {
		err = b.SetCentreFrequencies(fibreCentres(filterbank.CentreFrequencies(synout), perChannel))
	}
	if err != nil {
		return nil, fmt.Errorf("anf: Zilany2014 spikes: %w", err)
	}
	return b, nil
}

// fibreCentres gives each of the perChannel fibres of channel c the centre
// frequency cf[c] (Hz) of the channel it reads, or nil when cf is nil.
func fibreCentres(cf []float64, perChannel int) []float64 {
	if cf == nil {
		return nil
	}
	out := make([]float64, 0, len(cf)*perChannel)
	for _, f := range cf {
		for range perChannel {
			out = append(out, f)
		}
	}
	return out
}

// Zilany2014Spikes is the model of Zilany, Bruce & Carney (2014) from sound
// to spikes: Zilany2014's pipeline giving synout, then ZilanySpikes with
// perChannel fibres per characteristic frequency.
func Zilany2014Spikes(src sound.Source, cf []float64, ihc cochlea.ZilanyParams, syn ZilanySynapseParams, perChannel int, seed uint64) (*filterbank.Bank, error) {
	s, err := Zilany2014(src, cf, ihc, syn, ZilanySynOut)
	if err != nil {
		return nil, err
	}
	return ZilanySpikes(s, perChannel, seed)
}
