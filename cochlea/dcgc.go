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

// dcgcState is one DCGC channel: its signal-path and control-path
// asymmetric compensation filters and the level estimates.
type dcgcState struct {
	sig, ctl       [dcgcCascades]biquad
	level1, level2 float64 // previous level estimates (brian2hears starts them at −100)
	fp1            float64 // peak frequency of the passive gammachirp (Hz)
	count          int
}

// DCGCKernel is the time-varying part of DCGC, read after the passive
// gammachirp bank: per channel, the control path's asymmetric compensation
// (fixed, at frat_control times the peak frequency of the channel
// lct_ERB above), the level estimate, and the signal path's asymmetric
// compensation whose frequency follows the level. Channel i reads passive
// channels i and its control channel; it writes only channel i
// (ChannelParallel).
type DCGCKernel struct {
	ch       []dcgcState
	init     []dcgcState
	ctlIdx   []int // control channel of each channel
	interval int
	fs       float64
	erb      filterbank.ERBScale // Glasberg & Moore's ERB as they wrote it, for the asymmetric filters
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
	for i := range n {
		k.ctlIdx[i] = min(max(1, i+1+shift), n) - 1
		s := &k.ch[i]
		s.fp1 = fp1[i]
		s.level1, s.level2 = -100, -100
		fc := p.FratControl * fp1[k.ctlIdx[i]]
		if !(fc > 0 && fc < fs/2) {
			return nil, fmt.Errorf("cochlea: DCGC control frequency %v Hz of channel %d is not in (0, %v) Hz", fc, i, fs/2)
		}
		k.asymCoefficients(s.ctl[:], fc)
		k.asymCoefficients(s.sig[:], fp1[i]*p.Frat0)
	}
	k.init = append([]dcgcState(nil), k.ch...)
	return k, nil
}

// asymCoefficients sets the asymmetric compensation sections q for
// frequency fr (Hz), keeping their state: brian2hears'
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
	c2, s2 := cs*cs-sn*sn, 2*sn*cs // vr² = e^{2iθ}
	for j := range q {
		r := t.r[j]
		df := t.df[j]
		sd, cd := t.sd[j], t.cd[j]
		var cphi, cpsy float64
		// φ = 2π·max(fr + df, 0)/fs, ψ = 2π·max(fr − df, 0)/fs.
		if fr+df > 0 {
			cphi = cs*cd - sn*sd
		} else {
			cphi = 1
		}
		if fr-df > 0 {
			cpsy = cs*cd + sn*sd
		} else {
			cpsy = 1
		}
		ap1, ap2 := -2*r*cphi, r*r
		bz1, bz2 := -2*r*cpsy, r*r
		// num = 1 + ap1·vr + ap2·vr², den likewise with bz.
		nr, ni := 1+ap1*cs+ap2*c2, ap1*sn+ap2*s2
		dr, di := 1+bz1*cs+bz2*c2, bz1*sn+bz2*s2
		nrm := math.Sqrt((nr*nr + ni*ni) / (dr*dr + di*di))
		s := &q[j]
		s.b0, s.b1, s.b2, s.a1, s.a2 = nrm, bz1*nrm, bz2*nrm, ap1, ap2
	}
}

// NumChannels implements filterbank.Kernel.
func (k *DCGCKernel) NumChannels() int { return len(k.ch) }

// Reset implements filterbank.Kernel: filters, coefficients and level
// estimates return to time zero.
func (k *DCGCKernel) Reset() { copy(k.ch, k.init) }

// Process implements filterbank.Kernel.
func (k *DCGCKernel) Process(out []float64, in [][]float64, frames int) error {
	return k.ProcessChannels(out, in, frames, 0, len(k.ch))
}

// dcgcGroup is how many channels DCGC advances together, frame by frame,
// so that the coefficient updates' exponentials, sines and cosines and
// logarithms are computed a group at a time (expBatch, sincosBatch,
// logBatch: four channels per instruction on AVX2).
const dcgcGroup = 16

// ProcessChannels implements filterbank.ChannelParallel: output channels
// [lo, hi), reading their own and their control channels of the passive
// gammachirp input, in groups of dcgcGroup. Each channel's arithmetic is
// the same in any group or block: results do not depend on the channel
// range or the block size.
func (k *DCGCKernel) ProcessChannels(out []float64, in [][]float64, frames, lo, hi int) error {
	nc := len(k.ch)
	if len(in) != 1 || len(in[0]) < frames*nc {
		return fmt.Errorf("cochlea: DCGC kernel reads one input of %d channels", nc)
	}
	if len(out) < frames*nc {
		return fmt.Errorf("cochlea: DCGC output block has %d samples, want %d", len(out), frames*nc)
	}
	for g := lo; g < hi; g += dcgcGroup {
		k.processGroup(out, in[0], frames, g, min(g+dcgcGroup, hi))
	}
	return nil
}

// processGroup runs channels [lo, hi) (at most dcgcGroup) over frames.
func (k *DCGCKernel) processGroup(out, x []float64, frames, lo, hi int) {
	const nj = dcgcCascades
	nc := len(k.ch)
	n := hi - lo
	ch := k.ch[lo:hi]
	var (
		lv, fr, erbw [dcgcGroup]float64
		ang, sn, cs  [(nj + 1) * dcgcGroup]float64 // θ, then δ of each section
		ex           [nj * dcgcGroup]float64       // rk·ERB/fs of each section
		t            asymTrig
	)
	for f := range frames {
		row := x[f*nc:]
		update := false
		for i := range ch {
			s := &ch[i]
			y := row[lo+i]
			for j := range s.sig {
				y = s.sig[j].step(y)
			}
			out[f*nc+lo+i] = y
			v1 := row[k.ctlIdx[lo+i]]
			v2 := v1
			for j := range s.ctl {
				v2 = s.ctl[j].step(v2)
			}
			s.count++
			if s.count == k.interval { // the same frame for every channel
				s.count = 0
				update = true
				lv[i] = k.level(s, v1, v2)
			}
		}
		if !update {
			continue
		}
		// brian2hears' AsymCompUpdate: the level in dB sets frat, and the
		// signal path's sections follow fr = fp1·frat. The divisions by fs
		// are products with rk/fs, 2π·dk/fs and 2π/fs (within an ulp).
		logBatch(lv[:n])
		for i := range ch {
			dB := 20*(lv[i]*(1/math.Ln10)) + k.rmsToSPL // 20·log10(level) + RMStoSPL
			frat := k.frat0 + k.frat1*dB
			fr[i] = ch[i].fp1 * frat
			erbw[i] = k.erb.Bandwidth(fr[i])
			ang[i] = k.angle * fr[i]
			for j := range nj {
				ex[j*n+i] = k.rkFs[j] * erbw[i]
				ang[(j+1)*n+i] = k.dkAngle[j] * erbw[i]
			}
		}
		expBatch(ex[:nj*n])
		sincosBatch(ang[:(nj+1)*n], sn[:], cs[:])
		for i := range ch {
			t.sn, t.cs = sn[i], cs[i]
			for j := range nj {
				t.r[j] = ex[j*n+i]
				t.df[j] = k.dk[j] * erbw[i]
				t.sd[j], t.cd[j] = sn[(j+1)*n+i], cs[(j+1)*n+i]
			}
			asymFromTrig(ch[i].sig[:], fr[i], &t)
		}
	}
}

// level advances the level estimates of s with the last control values v1
// (passive gammachirp) and v2 (control asymmetric compensation) and
// returns the total level (model RMS), at least levelMin.
func (k *DCGCKernel) level(s *dcgcState, v1, v2 float64) float64 {
	l1 := max(max(v1, 0), s.level1*k.decay)
	l2 := max(max(v2, 0), s.level2*k.decay)
	s.level1, s.level2 = l1, l2
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
