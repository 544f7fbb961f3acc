package filterbank

import (
	"errors"
	"fmt"
	"math"
	"math/big"

	"github.com/gohears/hears/sound"
)

// groupLanes is the number of channels whose coefficients and state are stored
// side by side (one AVX-512 register of float64). Channels are grouped in
// groupLanes; a partial last group is padded.
const groupLanes = 8

// linearChunk is the number of frames the SIMD path runs over every channel
// group before moving on to the next frames. It keeps the output rows being
// written within the TLB reach whatever the channel count.
const linearChunk = 128

// SIMD levels of the vectorised paths: linear_amd64.go detects the level;
// other architectures, and builds with the purego tag, have none.
const (
	simdNone = iota
	simdAVX2
	simdAVX512
)

// LinearKernel is the kernel of a linear filterbank: per channel, a cascade
// of IIR stages, each in transposed direct form II, exactly as Brian Hears'
// LinearFilterbank. Coefficients are shaped [channel][tap][stage] like Brian
// Hears' filt_b and filt_a; for each stage, with m taps,
//
//	y      = b[0]*x + z[0]
//	z[i]   = ((b[i+1]*x) + z[i+1]) - (a[i+1]*y)   for i = 0 .. m-3
//	z[m-2] = (b[m-1]*x) - (a[m-1]*y)
//
// evaluated in exactly that order, without fused multiply-add; the output of
// stage k feeds stage k+1. a[0] is never read: it is taken to be 1 and the
// coefficients are not normalised by it (as in brian2hears). The state starts
// at zero and is carried across blocks; SetCoefficients changes the
// coefficients between blocks and keeps the state.
//
// The input is either one channel per filter channel or a single channel
// read by every filter channel (the kernel implements MonoInput, so a Bank
// hands it a mono source unreplicated). First-order (2-tap) and biquad
// (3-tap) cascades run on AVX-512 or AVX2 where the CPU has them, eight or
// four channels at a time; the results are bit-identical to the pure-Go
// path.
type LinearKernel struct {
	nch, taps, stages int
	ncoef             int       // coefficient vectors per stage: b[0..m-1], a[1..m-1]
	coef              []float64 // [group][stage][ncoef][groupLanes]
	state             []float64 // [group][stage][taps-1][groupLanes]
	tail              []float64 // scratch for a partial last group on the SIMD path
	// b2Plus0[g*stages+s] reports that every lane of group g's stage s has
	// b2 = +0 (biquads only): the SIMD path then skips the b2*x multiply.
	b2Plus0 []bool
}

// NewLinearKernel returns a kernel for the coefficients b and a, both shaped
// [channel][tap][stage] (the same shape for both; every channel with the
// same number of taps and stages). The coefficients are copied. NaN or
// infinite coefficients are an error, and so is a stage with a pole outside
// the unit circle (its output would grow without bound, to Inf and NaN).
func NewLinearKernel(b, a [][][]float64) (*LinearKernel, error) {
	nch, taps, stages, err := linearShape(b, a)
	if err != nil {
		return nil, err
	}
	if err := checkLinearMemory("linear filterbank", nch, taps, stages); err != nil {
		return nil, err
	}
	k := &LinearKernel{nch: nch, taps: taps, stages: stages, ncoef: 2*taps - 1}
	ng := (nch + groupLanes - 1) / groupLanes
	k.coef = make([]float64, ng*stages*k.ncoef*groupLanes)
	k.state = make([]float64, ng*stages*(taps-1)*groupLanes)
	if taps == 3 {
		k.b2Plus0 = make([]bool, ng*stages)
	}
	if err := k.SetCoefficients(b, a); err != nil {
		return nil, err
	}
	for c := range nch {
		for s := range stages {
			if err := stageStable(c, s, a[c], taps); err != nil {
				return nil, err
			}
		}
	}
	return k, nil
}

// stageStable rejects a stage whose poles lie outside the unit circle (its
// output would grow without bound, to Inf and NaN). First and second order:
// |a1| ≤ 1 for one pole; |a2| ≤ 1 and |a1| ≤ 1 + a2 for two (the stability
// triangle). Higher orders: the Schur–Cohn step-down recursion (reflection
// coefficients k_m = a_m of the successive reduced polynomials, all |k_m| ≤
// 1 for a stable one) in extended precision, which, unlike a root finder,
// decides near-marginal cases right. Poles on the circle
// (integrators, oscillators) are allowed, with a relative slack of 1e-12
// for designs that land on it; a higher-order stage with a pole that close
// to the circle is accepted without looking further.
//
// Only construction checks: SetCoefficients, called at run time by
// time-varying models, stays as cheap and as permissive as Brian Hears.
func stageStable(c, s int, a [][]float64, taps int) error {
	const slack = 1 + 1e-12
	switch taps {
	case 1:
		return nil
	case 2:
		if a1 := a[1][s]; math.Abs(a1) > slack {
			return fmt.Errorf("filterbank: channel %d stage %d is unstable: its pole %g lies outside the unit circle", c, s, -a1)
		}
		return nil
	case 3:
		a1, a2 := a[1][s], a[2][s]
		if math.Abs(a2) > slack || math.Abs(a1) > (1+a2)*slack {
			return fmt.Errorf("filterbank: channel %d stage %d is unstable: z² %+g z %+g has a root outside the unit circle", c, s, a1, a2)
		}
		return nil
	}
	// The recursion divides by 1 − k² at every step, so in float64 it loses
	// digits wherever poles crowd the circle (an 8th-order gammatone in
	// direct form at 150 Hz is stable, but float64 finds k = −1.0004). A
	// float64 pass settles the easy case, every |k| below 0.9, where each
	// step amplifies rounding at most about 5 times; otherwise the recursion
	// runs in big.Float from the exact float64 coefficients, with 64 bits a
	// step to spare (a k within 1e-5 of 1 costs 17).
	if taps <= 21 && schurCohnClear(a, s, taps) {
		return nil
	}
	prec := uint(256 + 64*taps)
	num := func(v float64) *big.Float { return new(big.Float).SetPrec(prec).SetFloat64(v) }
	p := make([]*big.Float, taps-1) // a1 … an of the current reduced polynomial
	for t := range p {
		p[t] = num(a[t+1][s])
	}
	one := num(1)
	for m := len(p); m >= 1; m-- {
		k := p[m-1]
		kf, _ := k.Float64()
		if math.Abs(kf) > slack {
			return fmt.Errorf("filterbank: channel %d stage %d is unstable: its denominator of order %d has a root outside the unit circle (Schur–Cohn step %d: reflection coefficient %g); high-order filters are better run as second-order sections (SplitCoefficients)", c, s, taps-1, len(p)-m+1, kf)
		}
		if math.Abs(kf) >= 1-1e-12 {
			return nil // a pole on the circle: accepted, as for low orders
		}
		d := new(big.Float).SetPrec(prec).Mul(k, k)
		d.Sub(one, d)
		q := make([]*big.Float, m-1)
		for i := 1; i < m; i++ {
			x := new(big.Float).SetPrec(prec).Mul(k, p[m-1-i])
			x.Sub(p[i-1], x)
			q[i-1] = x.Quo(x, d)
		}
		p = q
	}
	return nil
}

// schurCohnClear reports whether the float64 step-down recursion of stage
// s's denominator keeps every reflection coefficient below 0.9 in
// magnitude: stable beyond doubt for up to 20 poles.
func schurCohnClear(a [][]float64, s, taps int) bool {
	var buf [2][20]float64
	p, q := buf[0][:taps-1], buf[1][:taps-1]
	for t := range p {
		p[t] = a[t+1][s]
	}
	for m := len(p); m >= 1; m-- {
		k := p[m-1]
		if !(math.Abs(k) < 0.9) {
			return false
		}
		d := 1 - k*k
		for i := 1; i < m; i++ {
			q[i-1] = (p[i-1] - k*p[m-1-i]) / d
		}
		p, q = q, p
	}
	return true
}

// Linear returns a filterbank applying the IIR cascades b, a (shaped
// [channel][tap][stage], see LinearKernel) to src. src has one channel per
// filter channel, or one channel that feeds every filter. The coefficients
// are checked as NewLinearKernel checks them (finite; every stage stable).
func Linear(src sound.Source, b, a [][][]float64) (*Bank, error) {
	k, err := NewLinearKernel(b, a)
	if err != nil {
		return nil, err
	}
	return NewBank1(k, src, k.nch)
}

// designedLinear is the body of every bank that designs its coefficients
// for the source's sample rate and runs them with Linear: design is called
// with src's rate; nilMsg is the error text for a nil src.
func designedLinear(src sound.Source, nilMsg string, design func(rate float64) (b, a [][][]float64, err error)) (*Bank, error) {
	if src == nil {
		return nil, errors.New("filterbank: " + nilMsg)
	}
	b, a, err := design(src.SampleRate())
	if err != nil {
		return nil, err
	}
	return Linear(src, b, a)
}

// linearShape checks that b and a have one consistent shape.
func linearShape(b, a [][][]float64) (nch, taps, stages int, err error) {
	if len(b) == 0 {
		return 0, 0, 0, errors.New("filterbank: linear filter coefficients have no channels")
	}
	if len(a) != len(b) {
		return 0, 0, 0, fmt.Errorf("filterbank: b has %d channels but a has %d", len(b), len(a))
	}
	nch = len(b)
	taps = len(b[0])
	if taps == 0 {
		return 0, 0, 0, errors.New("filterbank: linear filter coefficients have no taps")
	}
	if len(b[0][0]) == 0 {
		return 0, 0, 0, errors.New("filterbank: linear filter coefficients have no stages")
	}
	stages = len(b[0][0])
	for c := range nch {
		if len(b[c]) != taps || len(a[c]) != taps {
			return 0, 0, 0, fmt.Errorf("filterbank: channel %d has %d b taps and %d a taps, channel 0 has %d", c, len(b[c]), len(a[c]), taps)
		}
		for t := range taps {
			if len(b[c][t]) != stages || len(a[c][t]) != stages {
				return 0, 0, 0, fmt.Errorf("filterbank: channel %d tap %d has %d b stages and %d a stages, expected %d", c, t, len(b[c][t]), len(a[c][t]), stages)
			}
		}
	}
	return nch, taps, stages, nil
}

// NumChannels implements Kernel.
func (k *LinearKernel) NumChannels() int { return k.nch }

// Taps is the number of coefficients per stage (the filter order plus one).
func (k *LinearKernel) Taps() int { return k.taps }

// Stages is the number of cascaded stages per channel.
func (k *LinearKernel) Stages() int { return k.stages }

// TakesMono implements MonoInput: the kernel reads a mono input directly.
func (k *LinearKernel) TakesMono(int) bool { return true }

// Reset implements Kernel: the filter state returns to zero.
func (k *LinearKernel) Reset() { clear(k.state) }

// SetCoefficients replaces the coefficients (same shape as at construction)
// and keeps the filter state, so a time-varying filter changes between
// blocks without a discontinuity in its state. On error nothing changes.
func (k *LinearKernel) SetCoefficients(b, a [][][]float64) error {
	nch, taps, stages, err := linearShape(b, a)
	if err != nil {
		return err
	}
	if nch != k.nch || taps != k.taps || stages != k.stages {
		return fmt.Errorf("filterbank: coefficients shaped [%d][%d][%d], the kernel has [%d][%d][%d]", nch, taps, stages, k.nch, k.taps, k.stages)
	}
	for c := range nch {
		if err := linearCheckChannel(c, b[c], a[c]); err != nil {
			return err
		}
	}
	for c := range nch {
		k.setChannel(c, b[c], a[c])
	}
	return nil
}

// SetChannelCoefficients replaces the coefficients of channel c only (b and
// a shaped [tap][stage]), keeping the state.
func (k *LinearKernel) SetChannelCoefficients(c int, b, a [][]float64) error {
	if c < 0 || c >= k.nch {
		return fmt.Errorf("filterbank: no channel %d (the kernel has %d)", c, k.nch)
	}
	if len(b) != k.taps || len(a) != k.taps {
		return fmt.Errorf("filterbank: channel %d: %d b taps and %d a taps, the kernel has %d", c, len(b), len(a), k.taps)
	}
	for t := range k.taps {
		if len(b[t]) != k.stages || len(a[t]) != k.stages {
			return fmt.Errorf("filterbank: channel %d tap %d: %d b stages and %d a stages, the kernel has %d", c, t, len(b[t]), len(a[t]), k.stages)
		}
	}
	if err := linearCheckChannel(c, b, a); err != nil {
		return err
	}
	k.setChannel(c, b, a)
	return nil
}

func linearCheckChannel(c int, b, a [][]float64) error {
	for t := range b {
		for s, v := range b[t] {
			if math.IsNaN(v) || math.IsInf(v, 0) {
				return fmt.Errorf("filterbank: channel %d: b[%d] of stage %d is %v", c, t, s, v)
			}
			if w := a[t][s]; t > 0 && (math.IsNaN(w) || math.IsInf(w, 0)) {
				return fmt.Errorf("filterbank: channel %d: a[%d] of stage %d is %v", c, t, s, w)
			}
		}
	}
	return nil
}

func (k *LinearKernel) setChannel(c int, b, a [][]float64) {
	g, l := c/groupLanes, c%groupLanes
	for s := range k.stages {
		base := (g*k.stages + s) * k.ncoef * groupLanes
		for t := range k.taps {
			k.coef[base+t*groupLanes+l] = b[t][s]
		}
		for t := 1; t < k.taps; t++ {
			k.coef[base+(k.taps+t-1)*groupLanes+l] = a[t][s]
		}
		if k.b2Plus0 != nil {
			zero := true
			for _, v := range k.coef[base+2*groupLanes : base+3*groupLanes] {
				zero = zero && math.Float64bits(v) == 0
			}
			k.b2Plus0[g*k.stages+s] = zero
		}
	}
}

// b2Zero reports whether stages [s, s+4) of groups [g0, g0+groups) all
// have b2 = +0 (see b2Plus0).
func (k *LinearKernel) b2Zero(g0, groups, s int) bool {
	if k.b2Plus0 == nil {
		return false
	}
	for g := g0; g < g0+groups; g++ {
		for _, z := range k.b2Plus0[g*k.stages+s : g*k.stages+s+4] {
			if !z {
				return false
			}
		}
	}
	return true
}

// Coefficients returns a copy of the coefficients, shaped [channel][tap][stage];
// a[c][0][s] is reported as 1 (the kernel never reads it).
func (k *LinearKernel) Coefficients() (b, a [][][]float64) {
	b = make([][][]float64, k.nch)
	a = make([][][]float64, k.nch)
	for c := range k.nch {
		g, l := c/groupLanes, c%groupLanes
		b[c] = make([][]float64, k.taps)
		a[c] = make([][]float64, k.taps)
		for t := range k.taps {
			b[c][t] = make([]float64, k.stages)
			a[c][t] = make([]float64, k.stages)
		}
		for s := range k.stages {
			base := (g*k.stages + s) * k.ncoef * groupLanes
			a[c][0][s] = 1
			for t := range k.taps {
				b[c][t][s] = k.coef[base+t*groupLanes+l]
			}
			for t := 1; t < k.taps; t++ {
				a[c][t][s] = k.coef[base+(k.taps+t-1)*groupLanes+l]
			}
		}
	}
	return b, a
}

// Process implements Kernel. in[0] holds frames × NumChannels() samples, or
// frames samples of a mono input read by every channel.
func (k *LinearKernel) Process(out []float64, in [][]float64, frames int) error {
	return k.ProcessChannels(out, in, frames, 0, k.nch)
}

// ProcessChannels implements ChannelParallel: it computes output channels
// [lo, hi) only. lo must be a multiple of 8 (ChannelAlign is).
func (k *LinearKernel) ProcessChannels(out []float64, in [][]float64, frames, lo, hi int) error {
	if frames < 0 {
		return fmt.Errorf("filterbank: negative frame count %d", frames)
	}
	if lo < 0 || hi > k.nch || lo > hi || lo%groupLanes != 0 {
		return fmt.Errorf("filterbank: bad channel range [%d, %d) of %d", lo, hi, k.nch)
	}
	if len(in) != 1 {
		return fmt.Errorf("filterbank: a linear filterbank reads 1 input, got %d", len(in))
	}
	if len(out) < frames*k.nch {
		return fmt.Errorf("filterbank: output block holds %d samples, need %d", len(out), frames*k.nch)
	}
	x := in[0]
	var mono bool
	switch len(x) {
	case frames * k.nch:
	case frames:
		mono = true
	default:
		return fmt.Errorf("filterbank: input block of %d samples for %d frames × %d channels (or 1)", len(x), frames, k.nch)
	}
	if frames == 0 || lo == hi {
		return nil
	}
	if k.simdCascade(out, x, mono, frames, lo, hi) {
		return nil
	}
	g0, g1 := lo/groupLanes, hi/groupLanes // full groups in [lo, hi)
	switch k.taps {
	case 3:
		for g := g0; g < g1; g++ {
			k.biquadGroupGo(out, x, mono, frames, g)
		}
		lo = g1 * groupLanes
	case 2:
		for g := g0; g < g1; g++ {
			k.firstGroupGo(out, x, mono, frames, g)
		}
		lo = g1 * groupLanes
	}
	for c := lo; c < hi; c++ {
		k.channelGo(out, x, mono, frames, c)
	}
	return nil
}

// channelGo filters channel c over frames frames in pure Go, frame by frame
// through all stages, with the channel's coefficients and state copied to
// local arrays.
func (k *LinearKernel) channelGo(out, x []float64, mono bool, frames, c int) {
	g, l := c/groupLanes, c%groupLanes
	m, S, nc := k.taps, k.stages, k.ncoef
	var cbuf [48]float64
	var zbuf [32]float64
	cf, z := cbuf[:0], zbuf[:0]
	if S*nc > len(cbuf) {
		cf = make([]float64, 0, S*nc)
	}
	if S*(m-1) > len(zbuf) {
		z = make([]float64, 0, S*(m-1))
	}
	cbase := g * S * nc * groupLanes
	for i := range S * nc {
		cf = append(cf, k.coef[cbase+i*groupLanes+l])
	}
	zbase := g * S * (m - 1) * groupLanes
	for i := range S * (m - 1) {
		z = append(z, k.state[zbase+i*groupLanes+l])
	}
	xs, xo := k.nch, c
	if mono {
		xs, xo = 1, 0
	}
	nch := k.nch
	switch m {
	case 3:
		for f := range frames {
			v := x[f*xs+xo]
			for s := range S {
				cs := cf[s*5 : s*5+5 : s*5+5]
				zs := z[s*2 : s*2+2 : s*2+2]
				// float64(...) conversions forbid fused multiply-add.
				y := float64(cs[0]*v) + zs[0]
				zs[0] = (float64(cs[1]*v) + zs[1]) - float64(cs[3]*y)
				zs[1] = float64(cs[2]*v) - float64(cs[4]*y)
				v = y
			}
			out[f*nch+c] = v
		}
	case 1:
		for f := range frames {
			v := x[f*xs+xo]
			for s := range S {
				v = float64(cf[s] * v)
			}
			out[f*nch+c] = v
		}
	default:
		for f := range frames {
			v := x[f*xs+xo]
			for s := range S {
				cb := cf[s*nc : s*nc+m]
				ca := cf[s*nc+m-1 : s*nc+nc] // ca[i] is a[i]; ca[0] unused
				zs := z[s*(m-1) : (s+1)*(m-1)]
				y := float64(cb[0]*v) + zs[0]
				for i := 0; i < m-2; i++ {
					zs[i] = (float64(cb[i+1]*v) + zs[i+1]) - float64(ca[i+1]*y)
				}
				zs[m-2] = float64(cb[m-1]*v) - float64(ca[m-1]*y)
				v = y
			}
			out[f*nch+c] = v
		}
	}
	for i, v := range z {
		k.state[zbase+i*groupLanes+l] = v
	}
}
