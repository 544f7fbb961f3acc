package sound

import (
	"fmt"
	"math"
)

// RMS returns the root mean square of each channel, in pascals, after
// subtracting the channel's mean (as Brian Hears' level does). The sums are
// scaled (see rms), so that samples near 1e200 or 1e-300 are measured, not
// overflowed to infinity or flushed to 0. A channel holding NaN is NaN, one
// holding an infinity +Inf.
func (s *Sound) RMS() []float64 {
	n, nc := s.NumFrames(), s.channels
	out := make([]float64, nc)
	if n == 0 {
		return out
	}
	x := make([]float64, n)
	for c := range nc {
		for f := range n {
			x[f] = s.data[f*nc+c]
		}
		out[c] = rms(x, true)
	}
	return out
}

// rms returns the root mean square of x, about its mean when centre is set,
// else about zero. When the largest |x| is outside [2^-500, 2^500] the sums
// are taken over x·2^-e, e the exponent of the largest |x|, and the result
// scaled back: a power-of-two scaling is exact, and inside that range no
// scaling is done at all, so the result is that of the plain sums wherever
// those cannot overflow or underflow. x holding NaN gives NaN, an infinity
// +Inf.
func rms(x []float64, centre bool) float64 {
	if len(x) == 0 {
		return 0
	}
	m := 0.0
	for _, v := range x {
		if math.IsNaN(v) {
			return math.NaN()
		}
		m = max(m, math.Abs(v))
	}
	if math.IsInf(m, 1) {
		return m
	}
	if m == 0 {
		return 0
	}
	e := 0
	if m > 0x1p500 || m < 0x1p-500 {
		_, e = math.Frexp(m)
	}
	// 2^-e as two factors, each representable (e reaches -1073 for
	// subnormal samples).
	down1, down2 := math.Ldexp(1, -e/2), math.Ldexp(1, -e+e/2)
	n := float64(len(x))
	mean := 0.0
	if centre {
		sum := 0.0
		for _, v := range x {
			sum += v * down1 * down2
		}
		mean = sum / n
	}
	ss := 0.0
	for _, v := range x {
		d := v*down1*down2 - mean
		ss += d * d
	}
	return math.Ldexp(math.Sqrt(ss/n), e)
}

// SourceRMS returns the root mean square, about zero, of every sample of the
// bounded source src (all channels, frames [0, NumFrames)), read once in
// blocks: the level a whole file is scaled by (as `hears cochleagram
// --level` does), without holding it in memory. The sum of squares is kept
// as a mantissa and a power of two, so no finite samples overflow or
// underflow it. NaN or infinite samples, an unbounded or empty source, are
// errors: what cannot be measured is refused, not reported as 0 or +Inf.
func SourceRMS(src Source) (float64, error) {
	n := src.NumFrames()
	if n == Unbounded || n == 0 {
		return 0, fmt.Errorf("sound: SourceRMS of a source of %d frames", n)
	}
	var (
		ss    float64 // sum of squares / 2^(2·e)
		e     int
		count int64
	)
	err := Each(src, n, 0, func(b []float64, start, _ int) error {
		if i := nonFinite(b); i >= 0 {
			return fmt.Errorf("sound: SourceRMS: frame %d channel %d is %v", start+i/src.NumChannels(), i%src.NumChannels(), b[i])
		}
		count += int64(len(b))
		m := 0.0
		for _, v := range b {
			m = max(m, math.Abs(v))
		}
		if m == 0 {
			return nil
		}
		_, eb := math.Frexp(m)
		down1, down2 := math.Ldexp(1, -eb/2), math.Ldexp(1, -eb+eb/2)
		bs := 0.0
		for _, v := range b {
			d := v * down1 * down2
			bs += d * d
		}
		switch {
		case ss == 0:
			ss, e = bs, eb
		case eb > e:
			ss, e = math.Ldexp(ss, 2*(e-eb))+bs, eb
		default:
			ss += math.Ldexp(bs, 2*(eb-e))
		}
		return nil
	})
	if err != nil {
		return 0, err
	}
	return math.Ldexp(math.Sqrt(ss/float64(count)), e), nil
}

// Level returns the level of each channel in dB SPL: 20·log10(rms/20 µPa),
// rms computed after subtracting the channel mean, the samples taken as
// pascals (Brian Hears' Sound.level). A silent channel is -Inf dB. A 1 Pa RMS
// sine is 93.98 dB SPL.
func (s *Sound) Level() []DB {
	r := s.RMS()
	out := make([]DB, len(r))
	for i, v := range r {
		out[i] = SPL(v)
	}
	return out
}

// MaxLevel returns the highest channel level in dB SPL.
func (s *Sound) MaxLevel() DB {
	m := DB(math.Inf(-1))
	for _, l := range s.Level() {
		m = max(m, l)
	}
	return m
}

// SetLevel rescales s in place so that each channel has the given level
// (dB SPL): one level for every channel, or one per channel. Each channel is
// multiplied by 10^((target - level)/20). A silent channel, or a NaN or
// infinite target, is an error and leaves s unchanged.
func (s *Sound) SetLevel(levels ...DB) error {
	nc := s.channels
	if len(levels) != 1 && len(levels) != nc {
		return fmt.Errorf("sound: SetLevel: %d levels for %d channels (give 1 or %d)", len(levels), nc, nc)
	}
	cur := s.Level()
	g := make([]float64, nc)
	for c := range nc {
		t := levels[min(c, len(levels)-1)]
		if math.IsNaN(float64(t)) || math.IsInf(float64(t), 0) {
			return fmt.Errorf("sound: SetLevel: target level %v is not finite", float64(t))
		}
		if math.IsNaN(float64(cur[c])) || math.IsInf(float64(cur[c]), 1) {
			return fmt.Errorf("sound: SetLevel: channel %d holds NaN or infinite samples", c)
		}
		if math.IsInf(float64(cur[c]), -1) {
			return fmt.Errorf("sound: SetLevel: channel %d is silent (or constant), so it has no level to set", c)
		}
		g[c] = math.Pow(10, float64(t-cur[c])/20.)
		if err := checkGain(g[c], s.channelPeak(c)); err != nil {
			return fmt.Errorf("sound: SetLevel: channel %d at %.4g dB SPL to %.4g dB SPL: %w", c, float64(cur[c]), float64(t), err)
		}
	}
	for i := range s.data {
		s.data[i] *= g[i%nc]
	}
	return nil
}

// checkGain refuses a gain that cannot be applied faithfully: 0, subnormal
// or infinite, or one that takes the peak sample past the float64 range.
func checkGain(g, peak float64) error {
	if !(g >= 0x1p-1022) || math.IsInf(g, 1) || math.IsInf(g*peak, 1) {
		return fmt.Errorf("the gain %g (peak %g) is outside the range of float64 samples", g, peak)
	}
	return nil
}

// channelPeak is the largest |sample| of channel c.
func (s *Sound) channelPeak(c int) float64 {
	p := 0.0
	for i := c; i < len(s.data); i += s.channels {
		p = max(p, math.Abs(s.data[i]))
	}
	return p
}

// AtLevel returns a copy of s at the given level(s) in dB SPL; see SetLevel.
func (s *Sound) AtLevel(levels ...DB) (*Sound, error) {
	out := s.Clone()
	if err := out.SetLevel(levels...); err != nil {
		return nil, err
	}
	return out, nil
}

// SetMaxLevel rescales every channel of s by the same factor, in place, so
// that the loudest channel has level l (dB SPL); level differences between
// channels are kept.
func (s *Sound) SetMaxLevel(l DB) error {
	if math.IsNaN(float64(l)) || math.IsInf(float64(l), 0) {
		return fmt.Errorf("sound: SetMaxLevel: target level %v is not finite", float64(l))
	}
	m := s.MaxLevel()
	for c, l := range s.Level() {
		if math.IsNaN(float64(l)) || math.IsInf(float64(l), 1) {
			return fmt.Errorf("sound: SetMaxLevel: channel %d holds NaN or infinite samples", c)
		}
	}
	if math.IsInf(float64(m), -1) {
		return fmt.Errorf("sound: SetMaxLevel: the sound is silent")
	}
	g := Gain(l - m)
	if err := checkGain(g, s.Peak()); err != nil {
		return fmt.Errorf("sound: SetMaxLevel: %.4g dB SPL to %.4g dB SPL: %w", float64(m), float64(l), err)
	}
	for i := range s.data {
		s.data[i] *= g
	}
	return nil
}

// AtMaxLevel returns a copy of s whose loudest channel has level l (dB SPL);
// see SetMaxLevel.
func (s *Sound) AtMaxLevel(l DB) (*Sound, error) {
	out := s.Clone()
	if err := out.SetMaxLevel(l); err != nil {
		return nil, err
	}
	return out, nil
}

// RampWhen says where Ramp applies its envelope.
type RampWhen int

// Where a ramp goes.
const (
	Onset  RampWhen         = 1 << iota // fade in at the start
	Offset                              // fade out at the end
	Both   = Onset | Offset             // both
)

// SinSquared is the default ramp envelope sin²(πt/2), t from 0 to 1.
func SinSquared(t float64) float64 {
	v := math.Sin(math.Pi * t / 2)
	return v * v
}

// Ramp applies, in place, an onset and/or offset ramp of the given duration
// (s, rounded half to even to frames: 5 ms at 44.1 kHz is 220 frames) with
// envelope env (nil: SinSquared). env maps t in [0, 1] to a gain rising from
// 0 to 1; the first frames are multiplied by env(t_k), t_k = k/(m-1), and the
// last m by the same values reversed, as Brian Hears' Sound.ramp.
func (s *Sound) Ramp(when RampWhen, duration float64, env func(float64) float64) error {
	m, err := framesFor(duration, s.rate)
	if err != nil {
		return fmt.Errorf("sound: ramp: %w", err)
	}
	return s.RampFrames(when, m, env)
}

// RampFrames is Ramp with the ramp length given in frames.
func (s *Sound) RampFrames(when RampWhen, m int, env func(float64) float64) error {
	if when&Both == 0 || when&^Both != 0 {
		return fmt.Errorf("sound: ramp: unknown position %d (use Onset, Offset or Both)", when)
	}
	n, nc := s.NumFrames(), s.channels
	if m < 0 || m > n {
		return fmt.Errorf("sound: ramp of %d frames does not fit a sound of %d frames", m, n)
	}
	if env == nil {
		env = SinSquared
	}
	w := make([]float64, m)
	for k := range m {
		// numpy.linspace(0, 1, m): k·(1/(m-1)), the last point exactly 1
		// (a one-frame ramp is the single point 0).
		t := 0.0
		if k == m-1 && m > 1 {
			t = 1
		} else if k > 0 {
			t = float64(k) * (1.0 / float64(m-1))
		}
		w[k] = env(t)
		if math.IsNaN(w[k]) || math.IsInf(w[k], 0) {
			return fmt.Errorf("sound: ramp envelope is %v at t=%v", w[k], t)
		}
	}
	if when&Onset != 0 {
		for k := range m {
			for c := range nc {
				s.data[k*nc+c] *= w[k]
			}
		}
	}
	if when&Offset != 0 {
		for k := range m {
			f := n - m + k
			for c := range nc {
				s.data[f*nc+c] *= w[m-1-k]
			}
		}
	}
	return nil
}

// Ramped returns a ramped copy of s; see Ramp.
func (s *Sound) Ramped(when RampWhen, duration float64, env func(float64) float64) (*Sound, error) {
	out := s.Clone()
	if err := out.Ramp(when, duration, env); err != nil {
		return nil, err
	}
	return out, nil
}
