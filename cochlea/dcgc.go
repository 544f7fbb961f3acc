package cochlea

import (
	"fmt"
	"math"

	"github.com/gohears/hears/filterbank"
	"github.com/gohears/hears/sound"
)

// DCGCParams are the parameters of the dynamic compressive gammachirp, with
// Brian Hears' names (for Set): b1, c1 (passive gammachirp), b2, c2
// (asymmetric compensation), decay_tcst (s), lev_weight, level_ref (dB),
// level_pwr1, level_pwr2, RMStoSPL (dB), frat0, frat1, lct_ERB,
// frat_control, order_gc; and, per channel (SetValues), ERBrate and
// ERBwidth (nil: derived from cf).
//
// References: Irino, T. & Patterson, R. D. (2001), "A compressive
// gammachirp auditory filter for both physiological and psychophysical
// data", J. Acoust. Soc. Am. 109, 2008–2022; Irino, T. & Patterson, R. D.
// (2006), "A dynamic compressive gammachirp auditory filterbank", IEEE
// Trans. Audio Speech Lang. Process. 14, 2222–2232. Defaults as brian2hears.
type DCGCParams struct {
	B1, C1      float64 // b1, c1: passive gammachirp bandwidth factor and chirp (1.81, −2.96)
	B2, C2      float64 // b2, c2: asymmetric compensation parameters (2.17, 2.2)
	DecayTcst   float64 // decay_tcst: level-estimate half-life (s), 0.0005
	LevWeight   float64 // lev_weight: weight of the first control level, 0.5
	LevelRef    float64 // level_ref: reference level (dB), 50 — see DCGC for how brian2hears uses it
	LevelPwr1   float64 // level_pwr1: exponent of the first level, 1.5
	LevelPwr2   float64 // level_pwr2: exponent of the second level, 0.5
	RMStoSPL    float64 // RMStoSPL: dB offset from model RMS to SPL, 30
	Frat0       float64 // frat0: frequency ratio at 0 dB, 0.2330
	Frat1       float64 // frat1: frequency ratio per dB, 0.005
	LctERB      float64 // lct_ERB: control-path shift in ERB-rate units, 1.5
	FratControl float64 // frat_control: control-path frequency ratio, 1.08
	OrderGC     float64 // order_gc: gammachirp order in the peak-frequency formula, 4

	ERBRate  []float64 // ERBrate: ERB-rate of each cf; default 21.4·log10(4.37·cf/kHz + 1)
	ERBWidth []float64 // ERBwidth: ERB (Hz) of each cf; default 24.7·(4.37·cf/kHz + 1)
}

// DefaultDCGCParams returns the parameters of Irino & Patterson (2006) as
// brian2hears gives them.
func DefaultDCGCParams() DCGCParams {
	return DCGCParams{B1: 1.81, C1: -2.96, B2: 2.17, C2: 2.2, DecayTcst: 0.5e-3, LevWeight: 0.5,
		LevelRef: 50, LevelPwr1: 1.5, LevelPwr2: 0.5, RMStoSPL: 30, Frat0: 0.2330, Frat1: 0.005,
		LctERB: 1.5, FratControl: 1.08, OrderGC: 4}
}

func (p *DCGCParams) fields() []field {
	return []field{floatField("b1", &p.B1), floatField("c1", &p.C1), floatField("b2", &p.B2), floatField("c2", &p.C2),
		floatField("decay_tcst", &p.DecayTcst), floatField("lev_weight", &p.LevWeight),
		floatField("level_ref", &p.LevelRef), floatField("level_pwr1", &p.LevelPwr1),
		floatField("level_pwr2", &p.LevelPwr2), floatField("RMStoSPL", &p.RMStoSPL),
		floatField("frat0", &p.Frat0), floatField("frat1", &p.Frat1), floatField("lct_ERB", &p.LctERB),
		floatField("frat_control", &p.FratControl), floatField("order_gc", &p.OrderGC)}
}

// Names returns the parameter names Set and SetValues accept.
func (p *DCGCParams) Names() []string { return append(names(p.fields()), "ERBrate", "ERBwidth") }

// Set sets the parameter called name to v (for ERBrate and ERBwidth, the
// same value for every channel).
func (p *DCGCParams) Set(name string, v float64) error { return p.SetValues(name, []float64{v}) }

// SetValues sets a parameter from one value or, for ERBrate and ERBwidth,
// one value per channel.
func (p *DCGCParams) SetValues(name string, v []float64) error {
	if err := checkFinite("DCGC", name, v...); err != nil {
		return err
	}
	switch name {
	case "ERBrate", "ERBwidth":
		if len(v) == 0 {
			return fmt.Errorf("cochlea: DCGC parameter %s needs at least one value", name)
		}
		if name == "ERBrate" {
			p.ERBRate = append([]float64(nil), v...)
		} else {
			p.ERBWidth = append([]float64(nil), v...)
		}
		return nil
	}
	fs := append(p.fields(), field{name: "ERBrate"}, field{name: "ERBwidth"})
	if len(v) != 1 {
		for _, f := range fs {
			if f.name == name {
				return fmt.Errorf("cochlea: DCGC parameter %s takes one value, got %d", name, len(v))
			}
		}
		return setField("DCGC", fs, name, math.NaN())
	}
	return setField("DCGC", fs, name, v[0])
}

// Get returns a scalar parameter.
func (p *DCGCParams) Get(name string) (float64, error) { return getField("DCGC", p.fields(), name) }

// perChannel expands a per-channel parameter (nil: def(cf)).
func perChannel(name string, v, cf []float64, def func(float64) float64) ([]float64, error) {
	out := make([]float64, len(cf))
	for i, f := range cf {
		switch len(v) {
		case 0:
			out[i] = def(f)
		case 1:
			out[i] = v[0]
		case len(cf):
			out[i] = v[i]
		default:
			return nil, fmt.Errorf("cochlea: DCGC parameter %s has %d values, want 1 or %d (one per channel)", name, len(v), len(cf))
		}
	}
	return out, nil
}

// dcgcCascades is the number of asymmetric compensation sections.
const dcgcCascades = 4

// dcgcState is one DCGC channel's counter (its filters, level estimates
// and constants live in dcgcLanes).
type dcgcState struct {
	count int // samples since the last coefficient update
}

// dcgcLanes holds 8 channels' signal-path and control-path asymmetric
// compensation filters (coefficients b0, b1, b2, a1, a2 and states z0, z1
// of each section), level estimates and peak frequencies, lane by lane, so
// that 4 channels run per instruction on AVX2. Padding lanes past the last
// channel copy the last channel's peak frequency (so that their updates
// stay finite), read zero inputs and stay 0. Layout read by dcgc_amd64.s:
// sig at 0, sigZ at 1280, ctl at 1792, ctlZ at 3072, level1 at 3584,
// level2 at 3648, fp1 at 3712.
type dcgcLanes struct {
	sig            [dcgcCascades][5][8]float64
	sigZ           [dcgcCascades][2][8]float64
	ctl            [dcgcCascades][5][8]float64
	ctlZ           [dcgcCascades][2][8]float64
	level1, level2 [8]float64 // previous level estimates (brian2hears starts them at −100)
	fp1            [8]float64 // peak frequency of the passive gammachirp (Hz)
}

// dcgcPrepK holds the constants of the coefficient update's first step
// for dcgcPrepAVX2: 1/ln 10, 20, RMStoSPL, frat0, frat1, the ERB scale's
// EarQ and MinBW (of order 1), 2π/fs, and per section rk/fs, dk and
// 2π·dk/fs.
type dcgcPrepK struct {
	invLn10, twenty, rmsToSPL, frat0, frat1, earQ, minBW, angle float64
	rkFs, dk, dkAngle                                           [dcgcCascades]float64
}

// setCoefficients sets lane l of the sections co from q.
func setCoefficients(co *[dcgcCascades][5][8]float64, l int, q []biquad) {
	for j := range q {
		c := &co[j]
		c[0][l], c[1][l], c[2][l], c[3][l], c[4][l] = q[j].b0, q[j].b1, q[j].b2, q[j].a1, q[j].a2
	}
}

// dcgcLevelK holds the level update's constants for dcgcLevelAVX2: the
// decay, level_ref, lev_weight·level_ref, (1 − lev_weight)·level_ref and
// the minimum level.
type dcgcLevelK struct{ decay, ref, w1, w2, levelMin float64 }

// DCGCKernel is the time-varying part of DCGC, read after the passive
// gammachirp bank: per channel, the control path's asymmetric compensation
// (fixed, at frat_control times the peak frequency of the channel
// lct_ERB above), the level estimate, and the signal path's asymmetric
// compensation whose frequency follows the level. Channel i reads passive
// channels i and its control channel; it writes only channel i
// (ChannelParallel).
type DCGCKernel struct {
	ch        []dcgcState
	init      []dcgcState
	lanes     []dcgcLanes // the filters and levels, 8 channels each
	lanesInit []dcgcLanes
	levelK    dcgcLevelK
	fastPow   bool // level_pwr1 = 1.5 and level_pwr2 = 0.5 (dcgcLevelGo, dcgcLevelAVX2)
	prepK     dcgcPrepK
	fastPrep  bool  // the ERB scale is of order 1 (dcgcPrepAVX2)
	ctlIdx    []int // control channel of each channel
	interval  int
	fs        float64
	erb       filterbank.ERBScale // Glasberg & Moore's ERB as they wrote it, for the asymmetric filters
	// constants of the coefficient and level updates
	rk, dk                    [dcgcCascades]float64 // per section: −p1(p0/p4)^k·2π·b and (p0·p4)^k·p2·c·b
	rkFs, dkAngle             [dcgcCascades]float64 // rk/fs and 2π·dk/fs: the pole radius's exponent and the glide's angle per Hz of ERB
	angle                     float64               // 2π/fs, radians per Hz
	decay, levelMin, levelRef float64
	levWeight, pwr1, pwr2     float64
	rmsToSPL, frat0, frat1    float64
}

// DCGC is the dynamic compressive gammachirp filterbank of Irino &
// Patterson (2001, 2006) as brian2hears computes it, one channel per
// centre frequency cf (Hz), on src in pascals (one channel, or one per cf).
// A passive gammachirp (filterbank.LogGammachirp with b1, c1) feeds a
// control path — the passive output of the channel lct_ERB higher, through
// a fixed asymmetric compensation at frat_control times its peak
// frequency — and the signal path, an asymmetric compensation (b2, c2)
// whose frequency ratio frat = frat0 + frat1·level follows the level
// estimated from both control outputs (half-life decay_tcst). The
// coefficients are recomputed after each block of updateInterval samples
// from the last control samples of the block and apply from the next block
// (the first block uses frat0). The output is the signal path (Pa).
//
// As brian2hears 0.9.2 does, the level formula uses level_ref as given in
// dB (50) where the AIM-MAT original uses it converted to a linear RMS,
// 10^((level_ref − RMStoSPL)/20) = 10 (docs/cochlea.md): gohears follows
// brian2hears so that results agree with it.
func DCGC(src sound.Source, cf []float64, updateInterval int, p DCGCParams) (*filterbank.CombinedBank, error) {
	if src == nil {
		return nil, fmt.Errorf("cochlea: DCGC has a nil source")
	}
	rate := src.SampleRate()
	k, err := NewDCGCKernel(cf, rate, updateInterval, p)
	if err != nil {
		return nil, err
	}
	cfc := append([]float64(nil), cf...)
	return filterbank.Combined(src, func(in sound.Source) (sound.Source, error) {
		pgc, err := filterbank.LogGammachirp(in, cfc, []float64{p.B1}, []float64{p.C1}, dcgcCascades)
		if err != nil {
			return nil, fmt.Errorf("cochlea: DCGC passive gammachirp: %w", err)
		}
		k.Reset()
		return newTunedBank("DCGC", k, pgc, cfc)
	})
}

// NewDCGCKernel builds the time-varying part of DCGC (see DCGCKernel) for
// centre frequencies cf (Hz) at sample rate fs (Hz). Its input is the
// passive gammachirp output, one channel per cf.
func NewDCGCKernel(cf []float64, fs float64, updateInterval int, p DCGCParams) (*DCGCKernel, error) {
	if err := checkCF("DCGC", cf, fs); err != nil {
		return nil, err
	}
	if updateInterval < 1 {
		return nil, fmt.Errorf("cochlea: DCGC update interval %d must be at least 1 sample", updateInterval)
	}
	for _, f := range p.fields() {
		if v := f.get(); math.IsNaN(v) || math.IsInf(v, 0) {
			return nil, fmt.Errorf("cochlea: DCGC parameter %s = %v is not finite", f.name, v)
		}
	}
	if !(p.DecayTcst > 0) || p.OrderGC == 0 || !(p.LevelRef > 0) {
		return nil, fmt.Errorf("cochlea: DCGC needs decay_tcst > 0, level_ref > 0 and order_gc ≠ 0")
	}
	n := len(cf)
	erbRate, err := perChannel("ERBrate", p.ERBRate, cf, func(f float64) float64 { return 21.4 * math.Log10(4.37*(f/1000)+1) })
	if err != nil {
		return nil, err
	}
	erbWidth, err := perChannel("ERBwidth", p.ERBWidth, cf, filterbank.GlasbergMooreExact().Bandwidth)
	if err != nil {
		return nil, err
	}
	fp1 := make([]float64, n)
	for i, f := range cf {
		fp1[i] = f + p.C1*erbWidth[i]*p.B1/p.OrderGC
		if !(fp1[i] > 0) || fp1[i] >= fs/2 {
			return nil, fmt.Errorf("cochlea: DCGC peak frequency fp1 = %v Hz of channel %d (cf %v Hz) is not in (0, %v) Hz", fp1[i], i, f, fs/2)
		}
	}
	// Control channel: lct_ERB above on the ERB-rate scale, in channels
	// (rounded half to even, as Python's round of a numpy float), clamped.
	shift := 0
	if n > 1 {
		mean := 0.0
		for i := 1; i < n; i++ {
			mean += erbRate[i] - erbRate[i-1]
		}
		mean /= float64(n - 1)
		// Equal centre frequencies (zero spacing) have no neighbour to
		// shift to: each channel controls itself (brian2hears fails there).
		if s := math.RoundToEven(p.LctERB / mean); mean != 0 && !math.IsNaN(s) && !math.IsInf(s, 0) {
			shift = int(max(min(s, float64(n)), -float64(n)))
		}
	}
	k := &DCGCKernel{ch: make([]dcgcState, n), ctlIdx: make([]int, n), interval: updateInterval, fs: fs, erb: filterbank.GlasbergMooreExact(),
		decay:    math.Exp(-1 / (p.DecayTcst * fs) * math.Ln2),
		levelMin: math.Pow(10, -p.RMStoSPL/20),
		levelRef: p.LevelRef, levWeight: p.LevWeight, pwr1: p.LevelPwr1, pwr2: p.LevelPwr2,
		rmsToSPL: p.RMStoSPL, frat0: p.Frat0, frat1: p.Frat1}
	const p0, p4 = 2.0, 1.0724
	b, c := p.B2, p.C2
	p1 := 1.7818 * (1 - 0.0791*b) * (1 - 0.1655*math.Abs(c))
	p2 := 0.5689 * (1 - 0.1620*b) * (1 - 0.0857*math.Abs(c))
	for j := range dcgcCascades {
		kf := float64(j)
		k.rk[j] = -p1 * math.Pow(p0/p4, kf) * 2 * math.Pi * b
		k.dk[j] = math.Pow(p0*p4, kf) * p2 * c * b
		k.rkFs[j] = k.rk[j] / fs
		k.dkAngle[j] = 2 * math.Pi * k.dk[j] / fs
	}
	k.angle = 2 * math.Pi / fs
	k.levelK = dcgcLevelK{decay: k.decay, ref: k.levelRef, w1: k.levWeight * k.levelRef, w2: (1 - k.levWeight) * k.levelRef, levelMin: k.levelMin}
	k.fastPow = k.pwr1 == 1.5 && k.pwr2 == 0.5
	k.prepK = dcgcPrepK{invLn10: 1 / math.Ln10, twenty: 20, rmsToSPL: k.rmsToSPL, frat0: k.frat0, frat1: k.frat1,
		earQ: k.erb.EarQ, minBW: k.erb.MinBW, angle: k.angle, rkFs: k.rkFs, dk: k.dk, dkAngle: k.dkAngle}
	k.fastPrep = k.erb.Order == 1
	k.lanes = make([]dcgcLanes, (n+7)/8)
	var q [dcgcCascades]biquad
	for i := range n {
		k.ctlIdx[i] = min(max(1, i+1+shift), n) - 1
		g, l := &k.lanes[i/8], i%8
		g.level1[l], g.level2[l] = -100, -100
		for p := l; p < 8 && (p == l || i == n-1); p++ {
			g.fp1[p] = fp1[i] // (and the padding lanes after the last channel)
		}
		fc := p.FratControl * fp1[k.ctlIdx[i]]
		if !(fc > 0 && fc < fs/2) {
			return nil, fmt.Errorf("cochlea: DCGC control frequency %v Hz of channel %d is not in (0, %v) Hz", fc, i, fs/2)
		}
		k.asymCoefficients(q[:], fc)
		setCoefficients(&g.ctl, l, q[:])
		k.asymCoefficients(q[:], fp1[i]*p.Frat0)
		setCoefficients(&g.sig, l, q[:])
	}
	k.init = append([]dcgcState(nil), k.ch...)
	k.lanesInit = append([]dcgcLanes(nil), k.lanes...)
	return k, nil
}

// asymCoefficients sets the coefficients of the asymmetric compensation
// sections q for frequency fr (Hz): brian2hears'
// asymmetric_compensation_coeffs (see asymFromTrig), with math.Sincos and
// math.Exp (the initial coefficients; the updates batch them).
func (k *DCGCKernel) asymCoefficients(q []biquad, fr float64) {
	var t asymTrig
	erbw := k.erb.Bandwidth(fr)
	t.sn, t.cs = math.Sincos(k.angle * fr)
	for j := range dcgcCascades {
		t.r[j] = math.Exp(k.rkFs[j] * erbw)
		t.df[j] = k.dk[j] * erbw
		t.sd[j], t.cd[j] = math.Sincos(k.dkAngle[j] * erbw)
	}
	asymFromTrig(q, fr, &t)
}

// asymTrig holds what the asymmetric compensation coefficients need of
// frequency fr: sin and cos of θ = 2π·fr/fs, and per section the pole
// radius r = exp(rk·ERB(fr)/fs), the glide df = dk·ERB(fr) (Hz) and sin and
// cos of δ = 2π·df/fs.
type asymTrig struct {
	sn, cs        float64
	r, df, sd, cd [dcgcCascades]float64
}

// asymFromTrig sets the sections q for frequency fr from t: brian2hears'
// asymmetric_compensation_coeffs with the per-section constants hoisted,
// cos(θ ± δ) by the angle-addition formulas, and |num/den| as
// sqrt(|num|²/|den|²) — reassociations that change results by rounding
// only (~1e-16). No allocation.
func asymFromTrig(q []biquad, fr float64, t *asymTrig) {
	sn, cs := t.sn, t.cs
	c2, s2 := float64(cs*cs)-float64(sn*sn), float64(2*sn)*cs // vr² = e^{2iθ}
	for j := range q {
		r := t.r[j]
		df := t.df[j]
		sd, cd := t.sd[j], t.cd[j]
		var cphi, cpsy float64
		// φ = 2π·max(fr + df, 0)/fs, ψ = 2π·max(fr − df, 0)/fs.
		if fr+df > 0 {
			cphi = float64(cs*cd) - float64(sn*sd)
		} else {
			cphi = 1
		}
		if fr-df > 0 {
			cpsy = float64(cs*cd) + float64(sn*sd)
		} else {
			cpsy = 1
		}
		ap1, ap2 := -2*r*cphi, r*r
		bz1, bz2 := -2*r*cpsy, r*r
		// num = 1 + ap1·vr + ap2·vr², den likewise with bz.
		nr, ni := 1+float64(ap1*cs)+float64(ap2*c2), float64(ap1*sn)+float64(ap2*s2)
		dr, di := 1+float64(bz1*cs)+float64(bz2*c2), float64(bz1*sn)+float64(bz2*s2)
		nrm := math.Sqrt((float64(nr*nr) + float64(ni*ni)) / (float64(dr*dr) + float64(di*di)))
		s := &q[j]
		s.b0, s.b1, s.b2, s.a1, s.a2 = nrm, bz1*nrm, bz2*nrm, ap1, ap2
	}
}

// dcgcAsymLanes holds a group's inputs of the signal path's coefficient
// update, lane by lane (lane i of the group's first dcgcLanes in lane i):
// what asymTrig holds of each channel. Layout read by dcgcAsymAVX2
// (dcgc_amd64.s).
type dcgcAsymLanes struct {
	sin, cos [(dcgcCascades + 1) * dcgcGroup]float64 // of θ, then of each section's δ (lane i of section j at (j + 1)·dcgcGroup + i)
	fr       [dcgcGroup]float64
	r        [dcgcCascades * dcgcGroup]float64 // lane i of section j at j·dcgcGroup + i
	df       [dcgcCascades][dcgcGroup]float64
	ang      [(dcgcCascades + 1) * dcgcGroup]float64 // θ, then each section's δ (as sin), at 2432
}

// dcgcAsymGo sets lanes [l0, l1) of the sections' coefficients co from
// lanes base + l0 … base + l1 − 1 of l by asymFromTrig: dcgcAsymAVX2's twin.
func dcgcAsymGo(l *dcgcAsymLanes, base int, co *[dcgcCascades][5][8]float64, l0, l1 int) {
	var (
		t asymTrig
		q [dcgcCascades]biquad
	)
	for lane := l0; lane < l1; lane++ {
		i := base + lane
		t.sn, t.cs = l.sin[i], l.cos[i]
		for j := range dcgcCascades {
			t.r[j], t.df[j] = l.r[j*dcgcGroup+i], l.df[j][i]
			t.sd[j], t.cd[j] = l.sin[(j+1)*dcgcGroup+i], l.cos[(j+1)*dcgcGroup+i]
		}
		asymFromTrig(q[:], l.fr[i], &t)
		setCoefficients(co, lane, q[:])
	}
}

// NumChannels implements filterbank.Kernel.
func (k *DCGCKernel) NumChannels() int { return len(k.ch) }

// Reset implements filterbank.Kernel: filters, coefficients and level
// estimates return to time zero.
func (k *DCGCKernel) Reset() {
	copy(k.ch, k.init)
	copy(k.lanes, k.lanesInit)
}

// Process implements filterbank.Kernel.
func (k *DCGCKernel) Process(out []float64, in [][]float64, frames int) error {
	return k.ProcessChannels(out, in, frames, 0, len(k.ch))
}

// dcgcGroup is how many channels DCGC advances together, frame by frame
// (two dcgcLanes), so that the coefficient updates' exponentials, sines and
// cosines and logarithms are computed a group at a time (expBatch,
// sincosBatch, logBatch: four channels per instruction on AVX2).
const dcgcGroup = 16

// ProcessChannels implements filterbank.ChannelParallel: output channels
// [lo, hi), reading their own and their control channels of the passive
// gammachirp input, in groups of up to dcgcGroup. Each channel's
// arithmetic is the same in any group or block: results do not depend on
// the channel range or the block size.
func (k *DCGCKernel) ProcessChannels(out []float64, in [][]float64, frames, lo, hi int) error {
	nc := len(k.ch)
	if len(in) != 1 || len(in[0]) < frames*nc {
		return fmt.Errorf("cochlea: DCGC kernel reads one input of %d channels", nc)
	}
	if len(out) < frames*nc {
		return fmt.Errorf("cochlea: DCGC output block has %d samples, want %d", len(out), frames*nc)
	}
	for g := lo; g < hi; {
		e := min((g/8+dcgcGroup/8)*8, hi) // the end of the 2nd dcgcLanes from g's, or hi
		k.processGroup(out, in[0], frames, g, e)
		g = e
	}
	return nil
}

// dcgcSpan is the part of one dcgcLanes that a group runs: lanes [l0, l1),
// all 8 on AVX2 (simd) where they are the whole dcgcLanes or the rest of
// it is padding past the last channel.
type dcgcSpan struct {
	g      *dcgcLanes
	l0, l1 int
	simd   bool
	// direct: all 8 lanes are channels c0 … c0 + 7 and run on AVX2, reading
	// the input and writing the output blocks in place (and, with
	// ctlContig, the control channels ctl0 … ctl0 + 7 in place too).
	direct, ctlContig bool
	c0, ctl0          int
}

// processGroup runs channels [lo, hi), in at most dcgcGroup/8 consecutive
// dcgcLanes, over frames.
func (k *DCGCKernel) processGroup(out, x []float64, frames, lo, hi int) {
	const nj = dcgcCascades
	nc := len(k.ch)
	n := hi - lo
	ch := k.ch[lo:hi]
	base := lo / 8 * 8 // the first lane of lo's dcgcLanes
	off := lo - base   // channel lo + i is lane off + i of the lane arrays
	var (
		xs, xcs, ys, v2s, lv [dcgcGroup]float64 // signal and control inputs, outputs, levels, lane by lane
		l                    dcgcAsymLanes
		spans                [dcgcGroup / 8]dcgcSpan
	)
	ns := 0
	for c0 := lo; c0 < hi; ns++ {
		c1 := min((c0/8+1)*8, hi)
		l0 := c0 % 8
		l1 := l0 + c1 - c0
		sp := dcgcSpan{g: &k.lanes[c0/8], l0: l0, l1: l1, simd: vecmathSIMD && l0 == 0 && (l1 == 8 || c1 == nc), c0: c0}
		sp.direct = sp.simd && l1-l0 == 8
		if sp.direct {
			sp.ctl0, sp.ctlContig = k.ctlIdx[c0], true
			for j := range 8 {
				sp.ctlContig = sp.ctlContig && k.ctlIdx[c0+j] == sp.ctl0+j
			}
		}
		spans[ns] = sp
		c0 = c1
	}
	var xcp [dcgcGroup / 8]*[8]float64 // each span's control input this frame
	lanes := func(v *[dcgcGroup]float64, q int) *[8]float64 { return (*[8]float64)(v[q*8:]) }
	for f := range frames {
		row := x[f*nc:]
		o := out[f*nc:]
		for q, sp := range spans[:ns] {
			if sp.direct {
				xcp[q] = lanes(&xcs, q)
				if sp.ctlContig {
					xcp[q] = (*[8]float64)(row[sp.ctl0:])
				} else {
					for j := range 8 {
						xcs[q*8+j] = row[k.ctlIdx[sp.c0+j]]
					}
				}
				dcgcPathsAVX2(sp.g, (*[8]float64)(row[sp.c0:]), xcp[q], (*[8]float64)(o[sp.c0:]), lanes(&v2s, q))
				continue
			}
			c := sp.c0 - sp.l0 // the channel of lane 0
			for j := sp.l0; j < sp.l1; j++ {
				xs[q*8+j] = row[c+j]
				xcs[q*8+j] = row[k.ctlIdx[c+j]]
			}
			xcp[q] = lanes(&xcs, q)
			if sp.simd {
				dcgcPathsAVX2(sp.g, lanes(&xs, q), xcp[q], lanes(&ys, q), lanes(&v2s, q))
			} else {
				dcgcPathsGo(sp.g, lanes(&xs, q), xcp[q], lanes(&ys, q), lanes(&v2s, q), sp.l0, sp.l1)
			}
			for j := sp.l0; j < sp.l1; j++ {
				o[c+j] = ys[q*8+j]
			}
		}
		update := false
		for i := range ch {
			s := &ch[i]
			s.count++
			if s.count == k.interval { // the same frame for every channel
				s.count = 0
				update = true
			}
		}
		if !update {
			continue
		}
		for q, sp := range spans[:ns] {
			switch {
			case sp.simd && k.fastPow:
				dcgcLevelAVX2(sp.g, &k.levelK, xcp[q], lanes(&v2s, q), lanes(&lv, q))
			case k.fastPow:
				dcgcLevelGo(sp.g, &k.levelK, xcp[q], lanes(&v2s, q), lanes(&lv, q), sp.l0, sp.l1)
			default:
				for j := sp.l0; j < sp.l1; j++ {
					lv[q*8+j] = k.level(sp.g, j, xcp[q][j], v2s[q*8+j])
				}
			}
		}
		// brian2hears' AsymCompUpdate: the level in dB sets frat, and the
		// signal path's sections follow fr = fp1·frat. The divisions by fs
		// are products with rk/fs, 2π·dk/fs and 2π/fs (within an ulp).
		// Lanes [la, lb) of the batches: the group's, with the padding
		// lanes of a last dcgcLanes that runs on AVX2.
		la, lb := off, off+n
		if sp := spans[ns-1]; off == 0 && sp.simd {
			lb = ns * 8
		}
		logBatch(lv[la:lb])
		for q, sp := range spans[:ns] {
			if sp.simd && k.fastPrep {
				dcgcPrepAVX2(sp.g, &k.prepK, lanes(&lv, q), &l, q*8)
			} else {
				k.prep(sp.g, lanes(&lv, q), &l, q*8, sp.l0, sp.l1)
			}
		}
		if la == 0 && lb == dcgcGroup {
			expBatch(l.r[:])
			sincosBatch(l.ang[:], l.sin[:], l.cos[:])
		} else {
			for j := range nj {
				expBatch(l.r[j*dcgcGroup+la : j*dcgcGroup+lb])
			}
			for j := range nj + 1 {
				sincosBatch(l.ang[j*dcgcGroup+la:j*dcgcGroup+lb], l.sin[j*dcgcGroup+la:], l.cos[j*dcgcGroup+la:])
			}
		}
		for q, sp := range spans[:ns] {
			if sp.simd {
				dcgcAsymAVX2(&l, q*8, &sp.g.sig)
			} else {
				dcgcAsymGo(&l, q*8, &sp.g.sig, sp.l0, sp.l1)
			}
		}
	}
}

// prep sets lanes base + l0 … base + l1 − 1 of l (fr, r, df and the
// angles) from the levels lv (their logarithms) of lanes [l0, l1) of g:
// the level in dB, frat = frat0 + frat1·dB, fr = fp1·frat and its ERB. It
// is dcgcPrepAVX2's twin where the ERB scale is of order 1.
func (k *DCGCKernel) prep(g *dcgcLanes, lv *[8]float64, l *dcgcAsymLanes, base, l0, l1 int) {
	const nj = dcgcCascades
	for lane := l0; lane < l1; lane++ {
		c := base + lane
		dB := float64(20*(lv[lane]*(1/math.Ln10))) + k.rmsToSPL // 20·log10(level) + RMStoSPL
		frat := k.frat0 + float64(k.frat1*dB)
		fr := g.fp1[lane] * frat
		l.fr[c] = fr
		erbw := k.erb.Bandwidth(fr)
		l.ang[c] = k.angle * fr
		for j := range nj {
			l.r[j*dcgcGroup+c] = k.rkFs[j] * erbw
			l.df[j][c] = k.dk[j] * erbw
			l.ang[(j+1)*dcgcGroup+c] = k.dkAngle[j] * erbw
		}
	}
}

// dcgcPathsGo runs lanes [l0, l1) of g one frame: the signal path's
// sections on x into y and the control path's on xc into v2, each section
// w = b0·v + z0, z0 = (b1·v + z1) − a1·w, z1 = b2·v − a2·w (Brian Hears' order of operations).
// It is dcgcPathsAVX2's twin: the same operations in the same order,
// without FMA.
func dcgcPathsGo(g *dcgcLanes, x, xc, y, v2 *[8]float64, l0, l1 int) {
	run := func(co *[dcgcCascades][5][8]float64, z *[dcgcCascades][2][8]float64, l int, v float64) float64 {
		for j := range co {
			c, zj := &co[j], &z[j]
			w := float64(c[0][l]*v) + zj[0][l]
			zj[0][l] = float64(float64(c[1][l]*v)+zj[1][l]) - float64(c[3][l]*w)
			zj[1][l] = float64(c[2][l]*v) - float64(c[4][l]*w)
			v = w
		}
		return v
	}
	for l := l0; l < l1; l++ {
		y[l] = run(&g.sig, &g.sigZ, l, x[l])
		v2[l] = run(&g.ctl, &g.ctlZ, l, xc[l])
	}
}

// dcgcLevelGo advances the level estimates of lanes [l0, l1) of g with
// the last control values v1 (passive gammachirp) and v2 (control
// asymmetric compensation) and sets lv to the total level (model RMS), at
// least the minimum: level with the default exponents 1.5 and 0.5
// (x·√x and √x). It is dcgcLevelAVX2's twin.
func dcgcLevelGo(g *dcgcLanes, k *dcgcLevelK, v1, v2, lv *[8]float64, l0, l1 int) {
	for l := l0; l < l1; l++ {
		l1v := max(max(v1[l], 0), g.level1[l]*k.decay)
		l2v := max(max(v2[l], 0), g.level2[l]*k.decay)
		g.level1[l], g.level2[l] = l1v, l2v
		x1, x2 := l1v/k.ref, l2v/k.ref
		lv[l] = max(float64(k.w1*float64(x1*math.Sqrt(x1)))+float64(k.w2*math.Sqrt(x2)), k.levelMin)
	}
}

// level advances the level estimates of lane l of g with the last control
// values v1 (passive gammachirp) and v2 (control asymmetric compensation)
// and returns the total level (model RMS), at least levelMin.
func (k *DCGCKernel) level(g *dcgcLanes, l int, v1, v2 float64) float64 {
	l1 := max(max(v1, 0), g.level1[l]*k.decay)
	l2 := max(max(v2, 0), g.level2[l]*k.decay)
	g.level1[l], g.level2[l] = l1, l2
	ref := k.levelRef
	total := k.levWeight*ref*power(l1/ref, k.pwr1) + (1-k.levWeight)*ref*power(l2/ref, k.pwr2)
	return max(total, k.levelMin)
}

// power is x^y, with the exponents of the default parameters (1.5 and 0.5)
// by square roots (within an ulp of math.Pow, and several times faster).
func power(x, y float64) float64 {
	switch y {
	case 0.5:
		return math.Sqrt(x)
	case 1.5:
		return x * math.Sqrt(x)
	}
	return math.Pow(x, y)
}
