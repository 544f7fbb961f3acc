package cochlea

import (
	"fmt"
	"math"

	"github.com/gohears/hears/filterbank"
	"github.com/gohears/hears/sound"
)

// TanCarneyParams are the parameters of the Tan & Carney (2003) cochlear
// model, with Brian Hears' names (for Set and SetValues): fc_LP_control,
// fc_LP_fb, average_control (scalars) and fp1, ta, tb, gain80, rgain,
// zero_r (one value per channel, or one for all; nil means the paper's
// function of the characteristic frequency, see the fields).
//
// Reference: Tan, Q. & Carney, L. H. (2003), "A phenomenological model for
// the responses of auditory-nerve fibers. II. Nonlinear tuning with a
// frequency glide", J. Acoust. Soc. Am. 114, 2007–2020; the parameter
// functions are those of brian2hears' tan_carney.set_parameters.
type TanCarneyParams struct {
	FcLPControl    float64 // fc_LP_control: cutoff of the control-path low-pass (Hz), 800
	FcLPFb         float64 // fc_LP_fb: cutoff of the feedback low-pass (Hz), 500
	AverageControl float64 // average_control: mean control signal used to scale the nonlinearity, 0.3357

	FP1    []float64 // fp1: signal-path pole frequency (Hz); default 1.0854·cf − 106.0034
	TA     []float64 // ta: pole-spread real part (rad/s); default 10^(1.0230·log10 cf + 0.1607)
	TB     []float64 // tb: pole-spread imaginary part (rad/s); default 10^(1.4292·log10 cf − 1.1550) − 1000
	Gain80 []float64 // gain80: gain at 80 dB; default 10^(0.5732·log10 cf + 1.5220)
	RGain  []float64 // rgain: pole real part at rest (rad/s); default 10^(0.4·log10 cf + 1.9)
	ZeroR  []float64 // zero_r: zero position (rad/s); default −10^(1.5·log10 cf − 0.9)
}

// DefaultTanCarneyParams returns the parameters of Tan & Carney (2003) as
// brian2hears sets them (the per-channel ones derived from cf).
func DefaultTanCarneyParams() TanCarneyParams {
	return TanCarneyParams{FcLPControl: 800, FcLPFb: 500, AverageControl: 0.3357}
}

func (p *TanCarneyParams) fields() []field {
	return []field{floatField("fc_LP_control", &p.FcLPControl), floatField("fc_LP_fb", &p.FcLPFb),
		floatField("average_control", &p.AverageControl)}
}

func (p *TanCarneyParams) arrays() []struct {
	name string
	v    *[]float64
} {
	return []struct {
		name string
		v    *[]float64
	}{{"fp1", &p.FP1}, {"ta", &p.TA}, {"tb", &p.TB}, {"gain80", &p.Gain80}, {"rgain", &p.RGain}, {"zero_r", &p.ZeroR}}
}

// Names returns the parameter names Set and SetValues accept.
func (p *TanCarneyParams) Names() []string {
	n := names(p.fields())
	for _, a := range p.arrays() {
		n = append(n, a.name)
	}
	return n
}

// Get returns a scalar parameter (fc_LP_control, fc_LP_fb, average_control).
func (p *TanCarneyParams) Get(name string) (float64, error) {
	return getField("TanCarney", p.fields(), name)
}

// Set sets the parameter called name to v (for a per-channel parameter,
// the same value for every channel). nlgain is derived ((gain80 −
// rgain)/average_control) and cannot be set (brian2hears accepts and then
// ignores it).
func (p *TanCarneyParams) Set(name string, v float64) error { return p.SetValues(name, []float64{v}) }

// SetValues sets a parameter from one value or, for the per-channel ones
// (fp1, ta, tb, gain80, rgain, zero_r), one value per channel.
func (p *TanCarneyParams) SetValues(name string, v []float64) error {
	if err := checkFinite("TanCarney", name, v...); err != nil {
		return err
	}
	for _, a := range p.arrays() {
		if a.name == name {
			if len(v) == 0 {
				return fmt.Errorf("cochlea: TanCarney parameter %s needs at least one value", name)
			}
			*a.v = append([]float64(nil), v...)
			return nil
		}
	}
	if name == "nlgain" {
		return fmt.Errorf("cochlea: TanCarney parameter nlgain is derived from gain80, rgain and average_control; set those")
	}
	fs := p.fields()
	for _, f := range fs {
		if f.name == name && len(v) != 1 {
			return fmt.Errorf("cochlea: TanCarney parameter %s takes one value, got %d", name, len(v))
		}
	}
	if len(v) != 1 {
		return setField("TanCarney", append(fs, p.arrayFields()...), name, math.NaN())
	}
	return setField("TanCarney", append(fs, p.arrayFields()...), name, v[0])
}

// arrayFields lists the per-channel names for error messages (never set
// through them: SetValues handles those first).
func (p *TanCarneyParams) arrayFields() []field {
	var fs []field
	for _, a := range p.arrays() {
		fs = append(fs, field{name: a.name})
	}
	return fs
}

// tanCarneyChannel holds the derived per-channel parameters.
type tanCarneyChannel struct {
	cf, fp1, ta, tb, gain80, rgain, zeroR, nlgain float64
}

// resolve computes the per-channel parameters for cf.
func (p *TanCarneyParams) resolve(cf []float64) ([]tanCarneyChannel, error) {
	n := len(cf)
	pick := func(name string, v []float64, c int, def func(float64) float64) (float64, error) {
		switch len(v) {
		case 0:
			return def(cf[c]), nil
		case 1:
			return v[0], nil
		case n:
			return v[c], nil
		}
		return 0, fmt.Errorf("cochlea: TanCarney parameter %s has %d values, want 1 or %d (one per channel)", name, len(v), n)
	}
	lg := math.Log10
	out := make([]tanCarneyChannel, n)
	for c := range cf {
		ch := &out[c]
		ch.cf = cf[c]
		var err error
		set := func(dst *float64, name string, v []float64, def func(float64) float64) {
			if err == nil {
				*dst, err = pick(name, v, c, def)
			}
		}
		set(&ch.fp1, "fp1", p.FP1, func(f float64) float64 { return 1.0854*f - 106.0034 })
		set(&ch.ta, "ta", p.TA, func(f float64) float64 { return math.Pow(10, lg(f)*1.0230+0.1607) })
		set(&ch.tb, "tb", p.TB, func(f float64) float64 { return math.Pow(10, lg(f)*1.4292-1.1550) - 1000 })
		set(&ch.gain80, "gain80", p.Gain80, func(f float64) float64 { return math.Pow(10, lg(f)*0.5732+1.5220) })
		set(&ch.rgain, "rgain", p.RGain, func(f float64) float64 { return math.Pow(10, lg(f)*0.4+1.9) })
		set(&ch.zeroR, "zero_r", p.ZeroR, func(f float64) float64 { return -math.Pow(10, lg(f)*1.5-0.9) })
		if err != nil {
			return nil, err
		}
		if !(ch.fp1 > 0) {
			// The signal path's resting poles sit at fp1: at or below 0 Hz
			// the band-pass is not tuned at all (a 50 Hz channel then
			// answers a 1 kHz tone 20 dB louder than the 1 kHz channel).
			// The default fit, 1.0854·cf − 106.0034 Hz, reaches 0 at
			// 97.66 Hz.
			why := "the default fp1 = 1.0854·cf − 106.0034 Hz (the signal path's resting pole frequency) is not positive below 97.66 Hz"
			if len(p.FP1) > 0 {
				why = "fp1 must be a positive frequency"
			}
			return nil, fmt.Errorf("cochlea: TanCarney channel %d (cf %g Hz): fp1 = %g Hz; %s", c, cf[c], ch.fp1, why)
		}
		ch.nlgain = (ch.gain80 - ch.rgain) / p.AverageControl
		if err := checkFinite("TanCarney", "derived parameters (fp1, ta, tb, gain80, rgain, zero_r, nlgain)",
			ch.fp1, ch.ta, ch.tb, ch.gain80, ch.rgain, ch.zeroR, ch.nlgain); err != nil {
			return nil, err
		}
	}
	return out, nil
}

// Constants of brian2hears' Tan & Carney implementation.
const (

	// Control-path first nonlinearity sign(x)·Bcp·log(1 + Acp|x|^Ccp).
	tcAcp, tcBcp, tcCcp = 100.0, 2.5, 0.60
	// Control-path second nonlinearity (Boltzmann) constants.
	tcAsym, tcS0, tcX1, tcS1 = 7.0, 8.0, 5.0, 3.0
	// Inner-hair-cell saturation (saturation_fc) and low-pass.
	tcA0, tcB, tcC, tcD = 0.1, 2000.0, 1.74, 6.87e-9
	tcIHCCutoff         = 3800.0 // Hz
	tcIHCOrder          = 7
)

// tcSignalStages is the number of resonant sections of the signal path;
// tcSignalPole says which of the three distinct pole pairs (0: p0, 1: the
// mean of p0 and p4, 2: p4) each section uses, in brian2hears' order.
const tcSignalStages = 10

var tcSignalPole = [tcSignalStages]int{0, 1, 2, 0, 2, 0, 1, 2, 0, 2}

// biquad holds the coefficients of one transposed-direct-form-II section
// (DCGC's; the filters run lane by lane, see dcgcLanes).
type biquad struct{ b0, b1, b2, a1, a2 float64 }

// onePole holds the coefficients of a first-order transposed-direct-form-II
// section.
type onePole struct{ b0, b1, a1 float64 }

// tcState is the counter and constants of one Tan & Carney channel (its
// filters and the constants of their updates live in tcSigLanes).
type tcState struct {
	count int // samples since the last update

	// constants
	rgain, ta, pi0, pi4, zero, nlgain float64 // (the signal path's update reads its copies in tcSigLanes)
}

// tcNLBatch holds a batch's values of the control path's nonlinearities
// and the inner hair cell for tcNonlinAVX2 and tcIHCAVX2, lane by lane:
// the control band-pass's output, its sign, two scratch rows, the
// nonlinear gains and the control signal. Offsets: cu 0, sg 256, t 512,
// b2 768, nlgain 1024, us 1280.
type tcNLBatch struct {
	cu, sg, t, b2, nlgain, us [tcBatch]float64
}

// tcNLK holds the constants of tcNonlinAVX2 and tcIHCAVX2: Ccp, Acp, Bcp,
// x0, S0, X1, S1, the Boltzmann shift, 1, −0 (the sign bit), B, C, A0,
// −A0, D and 3.
type tcNLK struct {
	ccp, acp, bcp, x0, s0, x1, s1, shift, one, sign, b, c, a0, negA0, d, three float64
}

// tcCtlK holds the constants of tcControlAVX2 and tcControlCoefAVX2: fs2
// (the bilinear-transform constant 2·fs), −fs2, fs2², PI2², 1/PI2, 1, 2
// and −2.
type tcCtlK struct{ fs2, negFs2, fs2sq, pi2sq, invPI2, one, two, negTwo float64 }

// TanCarneyKernel is the fused computation of TanCarney: per channel, the
// signal-path band-pass (10 resonant sections and a gain), the control path
// (band-pass, two nonlinearities, low-pass, feedback low-pass) and the
// inner-hair-cell stage, with the coefficient updates of both band-passes
// after every block of the update interval. Channels are independent
// (ChannelParallel); the filters' states and coefficients and the update
// constants live in groups of 8 channels lane by lane (tcSigLanes), run 4
// lanes per instruction on AVX2 and updated in place without allocation.
type TanCarneyKernel struct {
	ch       []tcState
	init     []tcState    // the state at time zero (for Reset)
	sig      []tcSigLanes // the filters, 8 channels each (channel c: sig[c/8], lane c%8)
	lp       tcLowPasses  // the low-passes' coefficients, the same for every channel
	coefK    [5]float64   // fs2, fs2², −2, 0.5, 1: tcSignalCoefAVX2's constants
	ctlK     tcCtlK
	nlK      tcNLK
	sigInit  []tcSigLanes
	interval int
	noIHC    bool    // output the signal path (TanCarneySignal) instead of the IHC stage
	fs2      float64 // 2·sample rate, the bilinear-transform constant
	x0       float64 // offset of the Boltzmann nonlinearity
}

// TanCarney is the Tan & Carney (2003) cochlear model as brian2hears
// computes it, one channel per characteristic frequency cf (Hz): a signal
// path (a band-pass of 10 pole pairs and 10 zeros whose pole real parts
// follow the control signal) with a control path (a wider band-pass whose
// bandwidth follows its own low-passed output through a feedback loop, two
// nonlinearities and a low-pass giving the control signal), followed by the
// inner-hair-cell saturation and 7th-order 3800 Hz low-pass. The output is
// the inner-hair-cell potential (model units). src should be the output of
// filterbank.MiddleEar (Pa at the ear drum in, model units out), with one
// channel per cf or one channel feeding all; the model is meant for 50 kHz.
//
// Both band-passes are recomputed after each block of updateInterval
// samples from the last control values of the block and apply from the
// next block (Brian Hears' convention); the state carries across.
func TanCarney(src sound.Source, cf []float64, updateInterval int, p TanCarneyParams) (*filterbank.Bank, error) {
	if src == nil {
		return nil, fmt.Errorf("cochlea: TanCarney has a nil source")
	}
	k, err := NewTanCarneyKernel(cf, src.SampleRate(), updateInterval, p)
	if err != nil {
		return nil, err
	}
	return newTunedBank("TanCarney", k, src, cf)
}

// TanCarneySignal is TanCarney without the inner-hair-cell stage
// (brian2hears' TanCarneySignal): the output is the signal path's
// band-pass output (model units, "Fout" in Tan & Carney 2003, Fig. 7).
func TanCarneySignal(src sound.Source, cf []float64, updateInterval int, p TanCarneyParams) (*filterbank.Bank, error) {
	if src == nil {
		return nil, fmt.Errorf("cochlea: TanCarneySignal has a nil source")
	}
	k, err := NewTanCarneyKernel(cf, src.SampleRate(), updateInterval, p)
	if err != nil {
		return nil, err
	}
	k.noIHC = true
	return newTunedBank("TanCarneySignal", k, src, cf)
}

// NewTanCarneyKernel builds the TanCarney kernel for characteristic
// frequencies cf (Hz) at sample rate fs (Hz).
func NewTanCarneyKernel(cf []float64, fs float64, updateInterval int, p TanCarneyParams) (*TanCarneyKernel, error) {
	if err := checkCF("TanCarney", cf, fs); err != nil {
		return nil, err
	}
	if updateInterval < 1 {
		return nil, fmt.Errorf("cochlea: TanCarney update interval %d must be at least 1 sample", updateInterval)
	}
	if err := checkFinite("TanCarney", "fc_LP_control, fc_LP_fb, average_control", p.FcLPControl, p.FcLPFb, p.AverageControl); err != nil {
		return nil, err
	}
	if !(p.FcLPControl > 0 && p.FcLPFb > 0 && p.FcLPControl < fs/2 && p.FcLPFb < fs/2) {
		return nil, fmt.Errorf("cochlea: TanCarney low-pass cutoffs %v and %v Hz must be in (0, %v) Hz", p.FcLPControl, p.FcLPFb, fs/2)
	}
	if p.AverageControl == 0 {
		return nil, fmt.Errorf("cochlea: TanCarney average_control must not be zero")
	}
	chans, err := p.resolve(cf)
	if err != nil {
		return nil, err
	}
	k := &TanCarneyKernel{interval: updateInterval, fs2: 2 * fs}
	k.coefK = [5]float64{k.fs2, k.fs2 * k.fs2, -2, 0.5, 1}
	k.ctlK = tcCtlK{fs2: k.fs2, negFs2: -k.fs2, fs2sq: k.fs2 * k.fs2, pi2sq: tcPI2 * tcPI2, invPI2: tcInvPI2, one: 1, two: 2, negTwo: -2}
	shift := 1 / (1 + tcAsym)
	k.x0 = tcS0 * math.Log((1/shift-1)/(1+math.Exp(tcX1/tcS1)))
	k.nlK = tcNLK{ccp: tcCcp, acp: tcAcp, bcp: tcBcp, x0: k.x0, s0: tcS0, x1: tcX1, s1: tcS1, shift: shift, one: 1,
		sign: math.Copysign(0, -1), b: tcB, c: tcC, a0: tcA0, negA0: -tcA0, d: tcD, three: 3}
	k.ch = make([]tcState, len(cf))
	k.sig = make([]tcSigLanes, (len(cf)+7)/8)
	c := 2 * fs
	twoPi := 2 * math.Pi
	// LowPass_filter: b = [1, 1]/(c + 2π fc), a = [1, −(c − 2π fc)/(c + 2π fc)],
	// gain on the b of the last stage.
	lowPass := func(fc, gain float64, st []onePole) {
		den := c + twoPi*fc
		b := 1 / den
		a1 := -((c - twoPi*fc) / den)
		for i := range st {
			st[i] = onePole{b0: b, b1: b, a1: a1}
		}
		st[len(st)-1].b0 *= gain
		st[len(st)-1].b1 *= gain
	}
	// The low-passes: the control path's 3 sections and its feedback
	// section, and LowPass_IHC: b = [c2, c2], a = [1, −c1] with c1 = (c −
	// 2π fc)/(c + 2π fc), c2 = 2π fc/(2π fc + c), gain 1 on the first stage.
	lp := make([]onePole, tcLowPassStages)
	lowPass(p.FcLPControl, math.Pow(twoPi*p.FcLPControl, 3)*1.5, lp[:3])
	lowPass(p.FcLPFb, p.FcLPFb*2*math.Pi*10, lp[3:4])
	c1 := (c - twoPi*tcIHCCutoff) / (c + twoPi*tcIHCCutoff)
	c2 := twoPi * tcIHCCutoff / (twoPi*tcIHCCutoff + c)
	for j := 4; j < tcLowPassStages; j++ {
		lp[j] = onePole{b0: c2, b1: c2, a1: -c1}
	}
	for j, q := range lp {
		k.lp[j] = [3]float64{q.b0, q.b1, q.a1}
	}
	for i, ch := range chans {
		s := &k.ch[i]
		s.rgain, s.ta, s.zero, s.nlgain = ch.rgain, ch.ta, ch.zeroR, ch.nlgain
		s.pi0 = tcPI2 * ch.fp1
		s.pi4 = s.pi0 - ch.tb
		// Signal-path gain: all 20 poles at rest (control 0) against the
		// 10 zeros, at cf (Signal_Coefficients.__init__).
		p0 := -ch.rgain
		p4 := p0 - ch.ta
		p2 := (p0 + p4) * 0.5
		pi2 := (s.pi0 + s.pi4) * 0.5
		preal := [10]float64{p0, p0, p2, p2, p4, p4, p0, p0, p4, p4}
		pimg := [10]float64{s.pi0, -s.pi0, pi2, -pi2, s.pi4, -s.pi4, s.pi0, -s.pi0, s.pi4, -s.pi4}
		w := twoPi * ch.cf
		prod := 1.0
		for r := range 2 {
			_ = r
			for j := range 10 {
				d := w - pimg[j]
				prod *= d*d + preal[j]*preal[j]
			}
		}
		gainNorm := math.Sqrt(prod) / math.Pow(math.Sqrt(w*w+ch.zeroR*ch.zeroR), 10)
		g, lane := k.sigLanes(i)
		g.gain[lane] = gainNorm / 3
		// Control path constants (Control_Coefficients).
		xcf := 11.9 * math.Log10(0.8+ch.cf/456)
		fshift := (math.Pow(10, (xcf+1.2)/11.9)-0.8)*456 - ch.cf
		ctlPimg := -tcPI2 * (ch.cf + fshift)
		outer := 2*ch.cf + fshift
		g.ctlPreal0[lane] = -tcPI2 * (ch.cf / 4.0)
		g.ctlFshiftSq[lane], g.ctlOuterSq[lane], g.ctlImSq[lane] = fshift*fshift, outer*outer, ctlPimg*ctlPimg
		g.ctlInvNorm[lane] = 1 / math.Sqrt(tcPI2*tcPI2*(ch.cf*ch.cf))
		fs2 := k.fs2
		g.negRgain[lane], g.ta[lane] = -s.rgain, s.ta
		g.pim[0][lane], g.pim[1][lane], g.pim[2][lane] = -s.pi0, -((s.pi0 + s.pi4) * 0.5), -s.pi4
		g.zb[0][lane], g.zb[1][lane], g.zb[2][lane] = -s.zero+fs2, -2*s.zero, -s.zero-fs2
		var u0 [8]float64
		tcSignalCoefGo(g, &k.coefK, &u0, lane, lane+1)
		tcControlCoefGo(g, &k.ctlK, &u0, lane, lane+1)
		if err := checkFinite("TanCarney", "initial coefficients", g.gain[lane], g.ctlGain[lane], g.co[0][3][lane], g.ctlCo[3][lane]); err != nil {
			return nil, fmt.Errorf("%w (channel %d, cf %v Hz)", err, i, ch.cf)
		}
	}
	k.init = append([]tcState(nil), k.ch...)
	k.sigInit = append([]tcSigLanes(nil), k.sig...)
	return k, nil
}

// tcSignalCoefGo sets lanes [l0, l1) of g's signal-path band-pass for the
// control values u (Signal_Coefficients.return_coefficients): the three
// distinct pole pairs' sections. Each coefficient is its numerator times
// 1/temp where brian2hears divides by temp (within an ulp of the quotient;
// 3 divisions instead of 15). It is tcSignalCoefAVX2's twin: the same
// operations in the same order, without FMA.
func tcSignalCoefGo(g *tcSigLanes, k *[5]float64, u *[8]float64, l0, l1 int) {
	fs2, fs2sq := k[0], k[1]
	for l := l0; l < l1; l++ {
		p0 := g.negRgain[l] - u[l]
		p4 := p0 - g.ta[l]
		pr := [3]float64{p0, float64(p0+p4) * 0.5, p4}
		for j := range 3 {
			r, im := pr[j], g.pim[j][l]
			d := fs2 - r
			ii := float64(im * im)
			inv := 1 / (float64(d*d) + ii)
			e := fs2 + r
			co := &g.co[j]
			co[0][l], co[1][l], co[2][l] = g.zb[0][l]*inv, g.zb[1][l]*inv, g.zb[2][l]*inv
			co[3][l] = float64(-2*float64(float64(fs2sq-float64(r*r))-ii)) * inv
			co[4][l] = float64(float64(e*e)+ii) * inv
		}
	}
}

// tcSignalCoefRun is tcSignalCoefGo, on AVX2 where all 8 lanes may run
// (simd).
func tcSignalCoefRun(g *tcSigLanes, k *[5]float64, u *[8]float64, l0, l1 int, simd bool) {
	if simd {
		tcSignalCoefAVX2(g, k, u)
	} else {
		tcSignalCoefGo(g, k, u, l0, l1)
	}
}

// tcControlCoefGo sets lanes [l0, l1) of g's control-path band-pass for
// the feedback values fb (Control_Coefficients.return_coefficients), with
// 1/temp as in tcSignalCoefGo and the constant divisors (PI2, the gain's
// norm) as factors (within an ulp). The bandwidth term −(preal0 − u)/PI2
// enters only squared, so it is taken without its sign. It is
// tcControlCoefAVX2's twin: the same operations in the same order, without
// FMA.
func tcControlCoefGo(g *tcSigLanes, k *tcCtlK, fb *[8]float64, l0, l1 int) {
	for l := l0; l < l1; l++ {
		r := g.ctlPreal0[l] - fb[l]
		wbw := r * k.invPI2
		w2 := wbw * wbw
		g1 := float64(k.pi2sq*math.Sqrt(w2+g.ctlFshiftSq[l])) * math.Sqrt(g.ctlOuterSq[l]+w2)
		g.ctlGain[l] = float64(float64(g1*g1)*g1) * g.ctlInvNorm[l]
		d := k.fs2 - r
		inv := 1 / (float64(d*d) + g.ctlImSq[l])
		e := k.fs2 + r
		co := &g.ctlCo
		co[0][l], co[1][l], co[2][l] = inv, 2*inv, inv
		co[3][l] = float64(-2*float64(float64(k.fs2sq-float64(r*r))-g.ctlImSq[l])) * inv
		co[4][l] = float64(float64(e*e)+g.ctlImSq[l]) * inv
	}
}

// tcControlGo runs lanes [l0, l1) of g's control-path band-pass one
// frame on x into u: 3 resonant sections (as the signal path's), the
// differentiator stage (b = [fs2, −fs2, 0], a = [1, 1, 0]) and the gain
// stage. It is tcControlAVX2's twin: the same operations in the same
// order, without FMA.
func tcControlGo(g *tcSigLanes, k *tcCtlK, x, u *[8]float64, l0, l1 int) {
	c := &g.ctlCo
	for l := l0; l < l1; l++ {
		v := x[l]
		for j := range g.ctlZ {
			z := &g.ctlZ[j]
			w := float64(c[0][l]*v) + z[0][l]
			z[0][l] = float64(float64(c[1][l]*v)+z[1][l]) - float64(c[3][l]*w)
			z[1][l] = float64(c[2][l]*v) - float64(c[4][l]*w)
			v = w
		}
		d := float64(k.fs2*v) + g.ctlDZ[l]
		g.ctlDZ[l] = float64(k.negFs2*v) - d
		u[l] = g.ctlGain[l] * d
	}
}

// NumChannels implements filterbank.Kernel.
func (k *TanCarneyKernel) NumChannels() int { return len(k.ch) }

// TakesMono implements filterbank.MonoInput.
func (k *TanCarneyKernel) TakesMono(int) bool { return true }

// Reset implements filterbank.Kernel: states and coefficients return to
// time zero.
func (k *TanCarneyKernel) Reset() {
	copy(k.ch, k.init)
	copy(k.sig, k.sigInit)
}

// sigLanes returns the signal path lanes of channel c and its lane.
func (k *TanCarneyKernel) sigLanes(c int) (*tcSigLanes, int) { return &k.sig[c/8], c % 8 }

// tcSigLanes is the filters of 8 channels, lane by lane (padding lanes
// past the last channel have zero constants and read zero inputs, so
// their outputs stay 0): the signal path's coefficients of its three
// distinct sections (tcSignalPole), the states (z0, z1) of its 10 sections
// and the gain, the low-passes' states, the signal path's update
// constants and the control path. Layout read by tancarney_amd64.s
// (TestLaneLayouts): co at 0, z at 960, gain at 2240.
type tcSigLanes struct {
	co   [3][5][8]float64 // b0, b1, b2, a1, a2
	z    [tcSignalStages][2][8]float64
	gain [8]float64                  // gain_norm/3, the last (gain) stage: y = g·x exactly
	lpZ  [tcLowPassStages][8]float64 // the low-passes' states (tcLowPasses' order), at 2304

	// The signal path's update constants, at 3008: −rgain, ta, the
	// imaginary parts −pi0, −(pi0 + pi4)/2, −pi4 of the pole pairs, and the
	// numerator −z + fs2, −2z, −z − fs2.
	negRgain, ta [8]float64
	pim, zb      [3][8]float64

	// The control path, at 3520: its band-pass's coefficients b0, b1, b2,
	// a1, a2 (the same for its 3 sections) at 3520, the sections' states
	// (z0, z1) at 3840, the differentiator's state at 4224 and the gain
	// (gain_norm_bp) at 4288; its update constants: the pole's resting
	// real part −PI2·cf/4 at 4352, fshift² at 4416, (2cf + fshift)² at
	// 4480, the squared imaginary part (PI2·(cf + fshift))² at 4544 and
	// 1/√(PI2²·cf²) (the gain's divisor as a factor) at 4608.
	ctlCo                                                   [5][8]float64
	ctlZ                                                    [3][2][8]float64
	ctlDZ, ctlGain                                          [8]float64
	ctlPreal0, ctlFshiftSq, ctlOuterSq, ctlImSq, ctlInvNorm [8]float64
}

// tcLowPassStages counts the one-pole low-pass sections of a channel: the
// control path's 3, its feedback section, the 7 of the inner hair cell.
const tcLowPassStages = 3 + 1 + tcIHCOrder

// tcLowPasses holds b0, b1, a1 of each low-pass section, in the order of
// tcSigLanes.lpZ.
type tcLowPasses [tcLowPassStages][3]float64

// tcLowPassGo runs sections [j0, j1) of the low-passes on lanes [l0, l1)
// of v (in place), each section w = b0·x + z, z = b1·x − a1·w; with fb
// non-nil, section j0 + 3 (the feedback section, j0 = 0, j1 = 3) also
// runs on the output into fb. It is tcLowPassAVX2's twin: the same
// operations, without FMA.
func tcLowPassGo(g *tcSigLanes, lp *tcLowPasses, v, fb *[8]float64, j0, j1, l0, l1 int) {
	for l := l0; l < l1; l++ {
		x := v[l]
		for j := j0; j < j1; j++ {
			c, z := &lp[j], &g.lpZ[j][l]
			w := float64(c[0]*x) + *z
			*z = float64(c[1]*x) - float64(c[2]*w)
			x = w
		}
		v[l] = x
		if fb != nil {
			c, z := &lp[3], &g.lpZ[3][l]
			w := float64(c[0]*x) + *z
			*z = float64(c[1]*x) - float64(c[2]*w)
			fb[l] = w
		}
	}
}

// tcLowPassRun is tcLowPassGo, on AVX2 where all 8 lanes may run (simd).
func tcLowPassRun(g *tcSigLanes, lp *tcLowPasses, v, fb *[8]float64, j0, j1, l0, l1 int, simd bool) {
	if simd {
		tcLowPassAVX2(g, lp, v, fb, j0, j1)
	} else {
		tcLowPassGo(g, lp, v, fb, j0, j1, l0, l1)
	}
}

// tcSignalGo runs lanes [l0, l1) of g one frame: y[l] = the signal path of
// x[l]. It is tcSignalAVX2's twin: the same operations in the same order,
// without FMA (float64() keeps the compiler from fusing).
func tcSignalGo(g *tcSigLanes, x, y *[8]float64, l0, l1 int) {
	for l := l0; l < l1; l++ {
		v := x[l]
		for j := range g.z {
			c, z := &g.co[tcSignalPole[j]], &g.z[j]
			w := float64(c[0][l]*v) + z[0][l]
			z[0][l] = float64(float64(c[1][l]*v)+z[1][l]) - float64(c[3][l]*w)
			z[1][l] = float64(c[2][l]*v) - float64(c[4][l]*w)
			v = w
		}
		y[l] = g.gain[l] * v
	}
}

// Process implements filterbank.Kernel.
func (k *TanCarneyKernel) Process(out []float64, in [][]float64, frames int) error {
	return k.ProcessChannels(out, in, frames, 0, len(k.ch))
}

// tcGroup is the width of a tcSigLanes: 8 channels whose signal paths run
// four lanes per instruction on AVX2. Channel ranges come in multiples of 8
// (filterbank.ChannelAlign), so a range is whole tcSigLanes.
const tcGroup = 8

// tcBatch is how many channels TanCarney advances together, frame by frame:
// up to 4 tcSigLanes, so that each call of the batch exponentials and
// logarithms of the nonlinearities (expBatch, logBatch) has up to 8
// independent vectors to overlap (with 2, one tcSigLanes, their polynomial
// chains left the core waiting on latency), while the batch's states stay
// in the L1 cache.
const tcBatch = 4 * tcGroup

// ProcessChannels implements filterbank.ChannelParallel. Channels run in
// batches of up to tcBatch, all of a batch's channels one frame at a time,
// so that the exponentials and logarithms of the nonlinearities are
// computed a batch at a time (expBatch, logBatch: four channels per
// instruction on AVX2). Each channel's arithmetic is the same in any batch
// or block: results do not depend on the channel range or the block size.
func (k *TanCarneyKernel) ProcessChannels(out []float64, in [][]float64, frames, lo, hi int) error {
	nc := len(k.ch)
	x, stride, err := channelInput("TanCarney", in, frames, nc)
	if err != nil {
		return err
	}
	if len(out) < frames*nc {
		return fmt.Errorf("cochlea: TanCarney output block has %d samples, want %d", len(out), frames*nc)
	}
	for g := lo; g < hi; {
		e := min((g/tcGroup+tcBatch/tcGroup)*tcGroup, hi) // the end of the 4th tcSigLanes from g's, or hi
		k.processBatch(out, x, stride, frames, g, e)
		g = e
	}
	return nil
}

// tcSpan is the part of one tcSigLanes that a batch runs: lanes [l0, l1),
// all 8 on AVX2 (simd) where they are the whole group or the rest of it is
// padding past the last channel.
type tcSpan struct {
	g      *tcSigLanes
	l0, l1 int
	simd   bool
}

// processBatch runs channels [lo, hi), in at most tcBatch/tcGroup
// consecutive tcSigLanes, over frames.
func (k *TanCarneyKernel) processBatch(out, x []float64, stride, frames, lo, hi int) {
	nc := len(k.ch)
	n := hi - lo
	ch := k.ch[lo:hi]
	base := lo / tcGroup * tcGroup // the first lane of lo's tcSigLanes
	off := lo - base               // channel lo + i is lane off + i of the lane arrays
	var (
		xs, ys [tcBatch]float64 // signal-path input and output, lane by lane
		fbs    [tcBatch]float64 // the feedback signal, lane by lane
		sg     [tcBatch]float64 // the control signal's sign (±1), by channel
		a      [tcBatch]float64 // batch argument, by channel
		b      [2 * tcBatch]float64
		nb     tcNLBatch // the control band-pass's output (cu), the control signal (us), lane by lane
		spans  [tcBatch / tcGroup]tcSpan
	)
	cu, us := &nb.cu, &nb.us
	ng := 0
	for c0 := lo; c0 < hi; ng++ {
		c1 := min((c0/tcGroup+1)*tcGroup, hi)
		g, l0 := k.sigLanes(c0)
		l1 := l0 + c1 - c0
		spans[ng] = tcSpan{g, l0, l1, vecmathSIMD && l0 == 0 && (l1 == tcGroup || c1 == nc)}
		c0 = c1
	}
	// fused: every lane group runs on AVX2, and so do the nonlinearities
	// and the inner hair cell, all the batch's lanes at once (tcNonlinAVX2,
	// tcIHCAVX2, the padding lanes included, whose nonlinear gain is 0).
	fused := off == 0
	for _, sp := range spans[:ng] {
		fused = fused && sp.simd
	}
	nv := ng * tcGroup / 4 // the fused kernels' vectors
	for i := range ch {
		nb.nlgain[off+i] = ch[i].nlgain
	}
	lanes := func(v *[tcBatch]float64, q int) *[tcGroup]float64 { return (*[tcGroup]float64)(v[q*tcGroup:]) }
	for f := range frames {
		row := x[f*stride:]
		for i := range n {
			xs[off+i] = channelSample(row, stride, lo+i)
		}
		// Signal path: 10 resonant sections, then the gain stage (b = [g,
		// 0, 0], a = [1, 0, 0]: y = g·x exactly).
		for q, sp := range spans[:ng] {
			if sp.simd {
				tcSignalAVX2(sp.g, lanes(&xs, q), lanes(&ys, q))
			} else {
				tcSignalGo(sp.g, lanes(&xs, q), lanes(&ys, q), sp.l0, sp.l1)
			}
		}
		// Control path band-pass: 3 resonant sections, the
		// differentiator stage and the gain stage.
		for q, sp := range spans[:ng] {
			if sp.simd {
				tcControlAVX2(sp.g, &k.ctlK, lanes(&xs, q), lanes(cu, q))
			} else {
				tcControlGo(sp.g, &k.ctlK, lanes(&xs, q), lanes(cu, q), sp.l0, sp.l1)
			}
		}
		if fused {
			tcNonlinAVX2(&nb, &k.nlK, nv)
		} else {
			tcNonlinGo(&nb, k.x0, &sg, &a, &b, off, n)
		}
		// The control low-pass (3 sections) and the feedback low-pass.
		for q, sp := range spans[:ng] {
			tcLowPassRun(sp.g, &k.lp, lanes(us, q), lanes(&fbs, q), 0, 3, sp.l0, sp.l1, sp.simd)
		}
		// The coefficients of the next frame (or block of the update
		// interval) follow the control values (the same frame for every
		// channel).
		update := false
		for i := range ch {
			s := &ch[i]
			s.count++
			if s.count == k.interval {
				s.count = 0
				update = true
			}
		}
		if update {
			for q, sp := range spans[:ng] {
				if sp.simd {
					tcControlCoefAVX2(sp.g, &k.ctlK, lanes(&fbs, q))
				} else {
					tcControlCoefGo(sp.g, &k.ctlK, lanes(&fbs, q), sp.l0, sp.l1)
				}
				tcSignalCoefRun(sp.g, &k.coefK, lanes(us, q), sp.l0, sp.l1, sp.simd)
			}
		}
		o := out[f*nc+lo : f*nc+hi]
		if k.noIHC {
			// TanCarneySignal: the signal path's output.
			copy(o, ys[off:off+n])
			continue
		}
		if fused {
			tcIHCAVX2(&nb, &k.nlK, &ys, nv)
		} else {
			tcIHCGo(&ys, &b, off, n)
		}
		// The IHC low-pass, 7 sections.
		for q, sp := range spans[:ng] {
			tcLowPassRun(sp.g, &k.lp, lanes(&ys, q), nil, 4, tcLowPassStages, sp.l0, sp.l1, sp.simd)
		}
		copy(o, ys[off:off+n])
	}
}

// nonlinGo computes the control signal us from the control band-pass's
// output cu for lanes [off, off + n) of nb (the rest of nb's rows unused):
// the two nonlinearities times the nonlinear gain, with the batch
// exponentials and logarithms (sg, a and b are scratch, by lane − off). It
// is tcNonlinAVX2's twin (x0 is the Boltzmann offset).
func tcNonlinGo(nb *tcNLBatch, x0 float64, sg, a *[tcBatch]float64, b *[2 * tcBatch]float64, off, n int) {
	cu, us := &nb.cu, &nb.us
	shift := 1 / (1 + tcAsym)
	for i := range n {
		u := cu[off+i]
		sg[i] = math.Copysign(1, u)
		a[i] = math.Abs(u)
	}
	// First nonlinearity sign(u)·Bcp·log(1 + Acp|u|^Ccp), |u|^Ccp as
	// exp(Ccp·ln|u|). Below 2^−1022 (u = 0 included) logBatch takes
	// 2^−1022, whose power 2^−613 vanishes beside 1 as the exact 0 or
	// tiny power would: the logarithm is then exactly 0, and so is
	// sign(u)·Bcp·0 whatever sign(u) (branch-free, without sign(0) = 0).
	logBatch(a[:n])
	for i := range n {
		a[i] *= tcCcp
	}
	expBatch(a[:n])
	for i := range n {
		a[i] = 1. + tcAcp*a[i]
	}
	logBatch(a[:n])
	// Second nonlinearity (Boltzmann): its two exponentials.
	for i := range n {
		u := sg[i] * tcBcp * a[i]
		b[i] = -(u - x0) / tcS0
		b[n+i] = -(u - tcX1) / tcS1
	}
	expBatch(b[:2*n])
	for i := range n {
		us[off+i] = (1.0/(1.0+b[i]*(1.0+b[n+i])) - shift) * nb.nlgain[off+i]
	}
}

// tcIHCGo runs the inner hair cell's saturation on lanes [off, off + n)
// of ys (in place; b is scratch): y ≥ 0: A0·log(y·B + 1); y < 0:
// −A0·(dt + D)/(3dt + D)·log(|y|·B + 1), dt = (−y)^C = exp(C·ln(−y)),
// with the batch exponentials and logarithms. It is tcIHCAVX2's twin.
func tcIHCGo(ys *[tcBatch]float64, b *[2 * tcBatch]float64, off, n int) {
	for i := range n {
		y := ys[off+i]
		b[i] = math.Abs(y)*tcB + 1.0
		b[n+i] = 1
		if y < 0 {
			b[n+i] = -y
		}
	}
	logBatch(b[:2*n])
	for i := range n {
		b[n+i] *= tcC
	}
	expBatch(b[n : 2*n])
	for i := range n {
		y := ys[off+i]
		if y >= 0 {
			y = tcA0 * b[i]
		} else {
			dt := b[n+i]
			y = -tcA0 * (dt + tcD) / (3*dt + tcD) * b[i]
		}
		ys[off+i] = y
	}
}

// channelSample is channel c's sample in row, a frame of channelInput's
// block with its stride (1: the mono sample every channel reads).
func channelSample(row []float64, stride, c int) float64 {
	if stride > 1 {
		return row[c]
	}
	return row[0]
}

// channelInput checks a kernel's single input block: frames×nc samples
// (stride nc) or a mono block of frames samples (stride 1, read by every
// channel).
func channelInput(model string, in [][]float64, frames, nc int) ([]float64, int, error) {
	if len(in) != 1 {
		return nil, 0, fmt.Errorf("cochlea: %s kernel reads 1 input, got %d", model, len(in))
	}
	x := in[0]
	if nc > 1 && len(x) == frames {
		return x, 1, nil
	}
	if len(x) < frames*nc {
		return nil, 0, fmt.Errorf("cochlea: %s input block has %d samples, want %d or %d", model, len(x), frames, frames*nc)
	}
	return x, nc, nil
}

// tcPI2 is brian2hears' PI2 = 2*3.14159265358979 (used for the pole
// positions; math.Pi elsewhere), a variable so that expressions with it
// round as numpy's do.
var tcPI2 float64 = 2 * 3.14159265358979

// tcInvPI2 is 1/tcPI2.
var tcInvPI2 = 1 / tcPI2
