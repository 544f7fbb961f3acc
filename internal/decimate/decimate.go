// Package decimate reduces the sample rate of a multichannel stream by a
// whole factor with an anti-aliasing low-pass filter, block by block, for
// outputs such as envelopes and cochleagrams that need far fewer samples
// than the audio rate they were computed at.
//
// # Filter
//
// The output rate is fo = fs/M for a whole M. The low-pass filters are
// Kaiser-windowed sincs (β for 80 dB) designed so that:
//
//   - passband 0–0.4·fo: flat within 0.001 dB (gain 1 ± 1.2e-4);
//   - stopband from 0.6·fo up: attenuated by at least 80 dB, so that what
//     lies above 0.6·fo folds, after decimation, only onto 0.4·fo–0.5·fo
//     and never into the passband by more than −80 dB.
//
// The band 0.4·fo–0.5·fo of the output is the transition: it may hold
// attenuated and aliased content, as in every practical decimator. A
// factor M with a divisor between 2 and 10 is split into two stages (the
// first, with a wide transition, does most of the reduction cheaply); the
// cost is then about 6–10 multiply-adds per input sample and channel,
// against ~128 for sound.Resampler's general rational resampler (whose
// 0.9·fN passband and 95 dB stopband suit audio, not envelopes). The
// filters are linear-phase and centred (zero delay): output frame n is the
// filtered input at time n/fo, taking the input as zero before its first
// frame and after its last, so the first output sample is at time 0 and
// there are ceil(N/M) output frames for N input frames. Results do not
// depend on the block sizes fed in.
package decimate

import (
	"errors"
	"fmt"
	"math"
	"slices"
)

// Design figures, see the package comment.
const (
	// PassbandFraction is the passband edge as a fraction of the output
	// rate.
	PassbandFraction = 0.4
	// StopbandFraction is the stopband edge as a fraction of the output
	// rate.
	StopbandFraction = 0.6
	// StopbandDB is the least stopband attenuation in dB.
	StopbandDB = 80.0
)

// maxFactor bounds M (a mistyped rate must not design a filter of millions
// of taps).
const maxFactor = 1 << 16

// Factor returns the whole decimation factor M for input rate fs and the
// asked output rate fo (Hz), M = round(fs/fo), and the output rate fs/M it
// gives; fo must be at most fs.
func Factor(fs, fo float64) (int, float64, error) {
	if !(fo > 0) || math.IsInf(fo, 0) || !(fs > 0) {
		return 0, 0, fmt.Errorf("output rate %g Hz: need a positive number of Hz", fo)
	}
	if fo > fs {
		return 0, 0, fmt.Errorf("output rate %g Hz is above the rate %g Hz of the data", fo, fs)
	}
	m := math.Round(fs / fo)
	if m > maxFactor {
		return 0, 0, fmt.Errorf("output rate %g Hz is more than %d times below %g Hz", fo, maxFactor, fs)
	}
	return int(m), fs / m, nil
}

// Decimator decimates a frames × channels stream by a whole factor.
type Decimator struct {
	stages []*stage
	out    func(block []float64, frames int) error
	closed bool
}

// New returns a decimator by factor m for nc channels that hands each block
// of output (frame-major, frames × nc) to out.
func New(nc, m int, out func(block []float64, frames int) error) (*Decimator, error) {
	if nc <= 0 || m < 1 || m > maxFactor {
		return nil, fmt.Errorf("decimate: %d channels, factor %d", nc, m)
	}
	d := &Decimator{out: out}
	final := 1.0 / float64(m) // output rate in units of the input rate
	factors := split(m)
	for i, f := range factors {
		if f == 1 {
			continue
		}
		st := newStage(nc, f, final, i == len(factors)-1)
		d.stages = append(d.stages, st)
		final *= float64(f) // the next stage's input rate is 1/f of this one's
	}
	return d, nil
}

// split returns the stage factors of m: two stages when m has a divisor
// from 2 to 10 and m ≥ 16, else one.
func split(m int) []int {
	if m >= 16 {
		for f := 10; f >= 2; f-- {
			if m%f == 0 {
				return []int{m / f, f}
			}
		}
	}
	return []int{m}
}

// Write feeds frames input frames (block holds frames × channels values).
func (d *Decimator) Write(block []float64, frames int) error {
	if d.closed {
		return ErrClosed
	}
	return d.push(0, block, frames)
}

func (d *Decimator) push(i int, block []float64, frames int) error {
	if i == len(d.stages) {
		if frames == 0 {
			return nil
		}
		return d.out(block, frames)
	}
	out, n := d.stages[i].write(block, frames)
	return d.push(i+1, out, n)
}

// Flush ends the input: the frames still waiting for their right-hand
// neighbours are computed with zeros after the end.
func (d *Decimator) Flush() error {
	if d.closed {
		return ErrClosed
	}
	d.closed = true
	for i, st := range d.stages {
		out, n := st.flush()
		if err := d.push(i+1, out, n); err != nil {
			return err
		}
	}
	return nil
}

// stage is one polyphase FIR decimator by f.
type stage struct {
	nc, f int
	h     []float64 // 2·half+1 taps, centred
	half  int
	// buf holds input frames [bufStart, bufStart+len(buf)/nc).
	buf      []float64
	bufStart int
	// next is the next output frame; it needs input frames up to
	// next·f+half.
	next int
	in   int // input frames received
	out  []float64
}

// newStage designs a decimate-by-f stage. final is the overall output rate
// in units of this stage's input rate: the passband edge is
// PassbandFraction·final and the stopband starts at (1/f − StopbandFraction·final)
// for an intermediate stage (what aliases there folds above the final
// passband) or at StopbandFraction·final for the last one.
func newStage(nc, f int, final float64, last bool) *stage {
	pass := PassbandFraction * final
	stop := 1/float64(f) - StopbandFraction*final
	if last {
		stop = StopbandFraction * final
	}
	// Kaiser (1974): β and the length for attenuation A over a transition
	// of width Δ (in cycles per sample).
	a := StopbandDB + 6 // two stages' ripples add up: design each for half
	beta := 0.1102 * (a - 8.7)
	width := stop - pass
	n := int(math.Ceil((a - 8) / (2.285 * 2 * math.Pi * width)))
	half := n/2 + 1
	fc := (pass + stop) / 2
	h := make([]float64, 2*half+1)
	i0b := besselI0(beta)
	var sum float64
	for k := -half; k <= half; k++ {
		x := float64(k)
		v := 2 * fc
		if k != 0 {
			v = math.Sin(2*math.Pi*fc*x) / (math.Pi * x)
		}
		r := x / float64(half+1)
		w := besselI0(beta*math.Sqrt(1-r*r)) / i0b
		h[k+half] = v * w
		sum += v * w
	}
	for i := range h {
		h[i] /= sum // unit gain at 0 Hz
	}
	return &stage{nc: nc, f: f, h: h, half: half}
}

// besselI0 is the modified Bessel function of the first kind, order 0
// (power series).
func besselI0(x float64) float64 {
	sum, term := 1.0, 1.0
	for k := 1; k < 200; k++ {
		term *= (x / 2) / float64(k)
		t2 := term * term
		sum += t2
		if t2 < 1e-17*sum {
			break
		}
	}
	return sum
}

func (s *stage) write(block []float64, frames int) ([]float64, int) {
	s.buf = append(s.buf, block[:frames*s.nc]...)
	s.in += frames
	return s.produce(false)
}

func (s *stage) flush() ([]float64, int) {
	return s.produce(true)
}

// produce computes every output frame whose inputs have all arrived (all,
// with zeros after the end, once closed), then drops the input frames no
// longer needed.
func (s *stage) produce(closed bool) ([]float64, int) {
	s.out = s.out[:0]
	total := (s.in + s.f - 1) / s.f // ceil(in/f) output frames in all
	n := 0
	for s.next < total && (closed || s.next*s.f+s.half < s.in) {
		o := len(s.out)
		s.out = slices.Grow(s.out, s.nc)[:o+s.nc]
		acc := s.out[o : o+s.nc]
		clear(acc)
		// Taps k whose input frame centre+k−half lies inside the buffer.
		first := s.next*s.f - s.half
		k0 := max(0, s.bufStart-first)
		k1 := min(len(s.h), s.in-first)
		nc := s.nc
		k := k0
		// Four taps at a time: one pass over acc per four input frames.
		for ; k+4 <= k1; k += 4 {
			h0, h1, h2, h3 := s.h[k], s.h[k+1], s.h[k+2], s.h[k+3]
			b := (first + k - s.bufStart) * nc
			x0 := s.buf[b : b+nc : b+nc]
			x1 := s.buf[b+nc : b+2*nc : b+2*nc]
			x2 := s.buf[b+2*nc : b+3*nc : b+3*nc]
			x3 := s.buf[b+3*nc : b+4*nc : b+4*nc]
			acc := acc[:nc]
			for c := range acc {
				acc[c] += (h0*x0[c] + h1*x1[c]) + (h2*x2[c] + h3*x3[c])
			}
		}
		for ; k < k1; k++ {
			hk := s.h[k]
			b := (first + k - s.bufStart) * nc
			x := s.buf[b : b+nc : b+nc]
			acc := acc[:len(x)]
			for c, v := range x {
				acc[c] += hk * v
			}
		}
		s.next++
		n++
	}
	// Keep the frames the next output still needs.
	keep := s.next*s.f - s.half
	if keep > s.bufStart {
		drop := min(keep, s.in) - s.bufStart
		s.buf = s.buf[:copy(s.buf, s.buf[drop*s.nc:])]
		s.bufStart += drop
	}
	return s.out, n
}

// ErrClosed is returned by Write after Flush.
var ErrClosed = errors.New("decimate: write after flush")
