package filterbank

import (
	"fmt"
	"sync"
)

// channelWise is implemented by the kernels whose output channel c depends
// only on input channel c of their single input (or on the single channel
// of a mono input) and on channel c's own state: the linear (IIR) kernel
// and the sample-by-sample map kernel. Such kernels, one feeding the next,
// can run a whole chain on one range of channels at a time (Pipeline).
type channelWise interface {
	Kernel
	ChannelParallel
	channelWise()
}

func (*LinearKernel) channelWise() {}
func (*MapKernel) channelWise()    {}

// pipelineKernel runs a chain of channel-wise kernels as one kernel: for
// each tile of pipelineTile channels of its range and each chunk of frames,
// every stage in turn, the intermediate blocks living in small per-worker
// scratch buffers that stay in the core's cache, instead of each stage
// writing a whole block of all channels to memory and the next reading it
// back. Every channel goes through the same operations in the same order as
// in the chain of banks: the output is bit-identical (TestPipelineBitIdentical).
type pipelineKernel struct {
	stages  []channelWise
	nch     int
	monoIn  bool      // stage 0 takes a mono input unreplicated
	scratch sync.Pool // *pipelineScratch, one per worker in use
}

// pipelineTile is the channel width of a tile (a multiple of ChannelAlign):
// a chunk of 128 frames of one intermediate tile is 64 channels × 128 frames
// × 8 bytes = 64 KiB, two of which (ping and pong) stay in a core's 512 KiB
// L2 with room for the stages' state and the output rows being written.
// pipelineScratchBytes bounds a scratch block, which is full width (the
// kernels address channels by index) though only a tile's columns are
// touched: wide banks get shorter chunks.
const (
	pipelineTile         = 64
	pipelineScratchBytes = 1 << 20
)

// pipelineScratch holds a worker's two intermediate blocks, full width
// (the kernels address channels by index) but only a tile's columns used.
type pipelineScratch struct{ a, b []float64 }

// NumChannels implements Kernel.
func (p *pipelineKernel) NumChannels() int { return p.nch }

// TakesMono implements MonoInput: as the first stage does.
func (p *pipelineKernel) TakesMono(int) bool { return p.monoIn }

// Reset implements Kernel: every stage returns to time zero.
func (p *pipelineKernel) Reset() {
	for _, s := range p.stages {
		s.Reset()
	}
}

// Process implements Kernel.
func (p *pipelineKernel) Process(out []float64, in [][]float64, frames int) error {
	return p.ProcessChannels(out, in, frames, 0, p.nch)
}

// chunkFrames is the frames of one chunk: linearChunk, or fewer for wide
// banks (at least 8).
func (p *pipelineKernel) chunkFrames() int {
	return max(8, min(linearChunk, pipelineScratchBytes/(8*p.nch)))
}

// ProcessChannels implements ChannelParallel.
func (p *pipelineKernel) ProcessChannels(out []float64, in [][]float64, frames, lo, hi int) error {
	if len(in) != 1 {
		return fmt.Errorf("filterbank: a pipeline reads 1 input, got %d", len(in))
	}
	if lo < 0 || hi > p.nch || lo > hi || lo%ChannelAlign != 0 {
		return fmt.Errorf("filterbank: bad channel range [%d, %d) of %d", lo, hi, p.nch)
	}
	if len(out) < frames*p.nch {
		return fmt.Errorf("filterbank: output block holds %d samples, need %d", len(out), frames*p.nch)
	}
	x := in[0]
	xch := p.nch
	if len(x) == frames && frames*p.nch != frames {
		xch = 1 // a mono input, read by every channel
	}
	if len(x) != frames*xch {
		return fmt.Errorf("filterbank: pipeline input block of %d samples for %d frames × %d channels (or 1)", len(x), frames, p.nch)
	}
	if frames == 0 || lo == hi {
		return nil
	}
	chunk := p.chunkFrames()
	sc, _ := p.scratch.Get().(*pipelineScratch)
	if sc == nil {
		sc = &pipelineScratch{}
	}
	defer p.scratch.Put(sc)
	if need := chunk * p.nch; len(sc.a) < need {
		sc.a, sc.b = make([]float64, need), make([]float64, need)
	}
	last := len(p.stages) - 1
	for t0 := lo; t0 < hi; t0 += pipelineTile {
		t1 := min(t0+pipelineTile, hi)
		for f0 := 0; f0 < frames; f0 += chunk {
			n := min(chunk, frames-f0)
			src := [][]float64{x[f0*xch : (f0+n)*xch]}
			for i, s := range p.stages {
				dst := sc.a[:n*p.nch]
				if i%2 == 1 {
					dst = sc.b[:n*p.nch]
				}
				if i == last {
					dst = out[f0*p.nch : (f0+n)*p.nch]
				}
				if err := s.ProcessChannels(dst, src, n, t0, t1); err != nil {
					return err
				}
				src = [][]float64{dst}
			}
		}
	}
	return nil
}

// Pipeline fuses the chain of banks that ends at last into one bank: last,
// its source if that is a bank, and so on back, for as long as each bank
// has a single source and a channel-wise kernel (Linear, LowPass,
// Gammatone and the other IIR banks, Map, HalfWaveCubeRoot) with the same
// channel count. The returned bank runs the whole chain on each worker's
// range of channels, a tile of channels and a chunk of frames at a time,
// so that the intermediate blocks stay in the core's cache; its output is
// bit-identical to last's. It reads the source of the first fused bank.
//
// The fused banks hand their kernels over: after Pipeline, read only the
// returned bank (the others' state would advance with it). When nothing can
// be fused (last's kernel is not channel-wise, or its source is not such a
// bank) Pipeline returns last itself.
func Pipeline(last *Bank) *Bank {
	if last == nil {
		return nil
	}
	k, ok := last.kernel.(channelWise)
	if !ok || len(last.sources) != 1 {
		return last
	}
	stages := []channelWise{k}
	first := last
	for {
		prev, ok := first.sources[0].(*Bank)
		if !ok || len(prev.sources) != 1 || prev.NumChannels() != last.NumChannels() {
			break
		}
		pk, ok := prev.kernel.(channelWise)
		if !ok {
			break
		}
		stages = append(stages, pk)
		first = prev
	}
	if len(stages) == 1 {
		return last
	}
	for i, j := 0, len(stages)-1; i < j; i, j = i+1, j-1 {
		stages[i], stages[j] = stages[j], stages[i]
	}
	p := &pipelineKernel{stages: stages, nch: last.NumChannels()}
	if m, ok := stages[0].(MonoInput); ok && m.TakesMono(0) {
		p.monoIn = true
	}
	b, err := NewBank(p, first.sources, first.inCh)
	if err != nil {
		return last // cannot happen: first's own sources and counts
	}
	b.workers = last.workers
	return b
}
