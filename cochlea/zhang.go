package cochlea

import (
	"fmt"
	"math"

	"github.com/gohears/hears/filterbank"
	"github.com/gohears/hears/sound"
)

// ZhangParams are the parameters of the Zhang et al. (2001) inner-hair-cell
// – auditory-nerve synapse (their Table I), with Brian Hears' names for Set:
// spont, A_SS, tau_ST, tau_R, A_RST, PTS, P_Imax (the rate model) and c_0,
// c_1, R_A, s_0, s_1 (refractoriness, used by the spiking version).
//
// Reference: Zhang, X., Heinz, M. G., Bruce, I. C. & Carney, L. H. (2001),
// "A phenomenological model for the responses of auditory-nerve fibers: I.
// Nonlinear tuning with compression and suppression", J. Acoust. Soc. Am.
// 109, 648–670 (equations A1–A20); as brian2hears' ZhangSynapse.
type ZhangParams struct {
	Spont float64 // spont: spontaneous rate (spikes/s), 50
	ASS   float64 // A_SS: steady-state rate (spikes/s), 130
	TauST float64 // tau_ST: short-term adaptation time constant (s), 0.06
	TauR  float64 // tau_R: rapid adaptation time constant (s), 0.002
	ARST  float64 // A_RST: ratio of rapid to short-term response amplitudes, 6
	PTS   float64 // PTS: peak-to-steady-state ratio, 8.627
	PImax float64 // P_Imax: maximum permeability of the immediate store, 0.6
	C0    float64 // c_0: weight of the fast refractory recovery, 0.5
	C1    float64 // c_1: weight of the slow refractory recovery, 0.5
	RA    float64 // R_A: absolute refractory period (s), 0.00075
	S0    float64 // s_0: fast refractory recovery time constant (s), 0.001
	S1    float64 // s_1: slow refractory recovery time constant (s), 0.0125
}

// DefaultZhangParams returns Table I of Zhang et al. (2001) as brian2hears
// gives it.
func DefaultZhangParams() ZhangParams {
	return ZhangParams{Spont: 50, ASS: 130, TauST: 0.06, TauR: 0.002, ARST: 6, PTS: 8.627, PImax: 0.6,
		C0: 0.5, C1: 0.5, RA: 0.00075, S0: 0.001, S1: 0.0125}
}

func (p *ZhangParams) fields() []field {
	return []field{floatField("spont", &p.Spont), floatField("A_SS", &p.ASS), floatField("tau_ST", &p.TauST),
		floatField("tau_R", &p.TauR), floatField("A_RST", &p.ARST), floatField("PTS", &p.PTS),
		floatField("P_Imax", &p.PImax), floatField("c_0", &p.C0), floatField("c_1", &p.C1),
		floatField("R_A", &p.RA), floatField("s_0", &p.S0), floatField("s_1", &p.S1)}
}

// Names returns the parameter names Set accepts.
func (p *ZhangParams) Names() []string { return names(p.fields()) }

// Set sets the parameter called name to v (SI units: Hz, s).
func (p *ZhangParams) Set(name string, v float64) error {
	return setField("ZhangSynapse", p.fields(), name, v)
}

// Get returns the parameter called name.
func (p *ZhangParams) Get(name string) (float64, error) {
	return getField("ZhangSynapse", p.fields(), name)
}

// ZhangConstants are the constants of the synapse equations derived from
// ZhangParams (Zhang et al. 2001, equations A1–A17).
type ZhangConstants struct {
	P1     float64 // p_1 = P_rest/ln 2
	PRest  float64 // resting permeability
	PL, PG float64 // local and global permeabilities
	VI     float64 // immediate store volume (s)
	CG     float64 // global concentration (spikes/s)
	CIRest float64 // resting immediate concentration (spikes/s)
	CLRest float64 // resting local concentration (spikes/s)
}

// Constants derives the equations' constants from p, exactly as
// brian2hears' ZhangSynapseRate does.
func (p ZhangParams) Constants() (ZhangConstants, error) {
	for _, f := range p.fields() {
		if v := f.get(); math.IsNaN(v) || math.IsInf(v, 0) {
			return ZhangConstants{}, fmt.Errorf("cochlea: ZhangSynapse parameter %s = %v is not finite", f.name, v)
		}
	}
	if !(p.Spont > 0 && p.ASS > p.Spont && p.TauST > 0 && p.TauR > 0 && p.PImax > 0 && p.PTS > 1) {
		return ZhangConstants{}, fmt.Errorf("cochlea: ZhangSynapse parameters need spont > 0, A_SS > spont, tau_ST, tau_R, P_Imax > 0 and PTS > 1")
	}
	spont, ASS := p.Spont, p.ASS
	AON := p.PTS * ASS
	AR := (AON - ASS) * p.ARST / (1 + p.ARST)
	AST := AON - ASS - AR
	PRest := p.PImax * spont / AON
	CG := spont * (AON - spont) / (AON * PRest * (1 - spont/ASS))
	g1 := CG / spont
	g2 := CG / ASS
	k1 := -1 / p.TauR
	k2 := -1 / p.TauST
	VI0 := (1 - p.PImax/PRest) / (g1 * ((AR * (k1 - k2) / (CG * p.PImax)) + k2/(PRest*g1) - k2/(p.PImax*g2)))
	VI1 := (1 - p.PImax/PRest) / (g1 * ((AST * (k2 - k1) / (CG * p.PImax)) + k1/(PRest*g1) - k1/(p.PImax*g2)))
	VI := 0.5 * (VI0 + VI1)
	alpha := g2 / (k1 * k2)
	beta := -(k1 + k2) * alpha
	t1 := alpha * p.PImax / VI
	t2 := VI / p.PImax
	t3 := g2 - 1/p.PImax
	PL := ((beta-t2*t3)/t1 - 1) * p.PImax
	PG := 1 / (t3 - 1/PL)
	CIRest := spont / PRest
	CLRest := CIRest * (PRest + PL) / PL
	c := ZhangConstants{P1: PRest / math.Ln2, PRest: PRest, PL: PL, PG: PG, VI: VI, CG: CG, CIRest: CIRest, CLRest: CLRest}
	if err := checkFinite("ZhangSynapse", "derived constants", c.P1, c.PL, c.PG, c.VI, c.CG, c.CIRest, c.CLRest); err != nil {
		return ZhangConstants{}, err
	}
	return c, nil
}

// P2 is p_2 (P_ST) for characteristic frequency cf (Hz): the slope of the
// permeability against the IHC potential (equations A16–A17, with the
// saturation voltage expressed through the spontaneous rate as in the
// authors' C code and brian2hears).
func (p ZhangParams) P2(cf float64, c ZhangConstants) float64 {
	vsat2 := 2 + 3*math.Log10(cf/1000.0)
	sel := 0.0
	if vsat2 > 1.5 {
		sel = 1
	}
	vsat := 20.0 * (p.Spont + 1) / (p.Spont + 5) * p.PImax * (sel*(vsat2-1.5) + 1.5)
	e := math.Abs(math.Ln2 * vsat / c.PRest)
	t := e
	if e < 100 {
		t = math.Log(math.Exp(e) - 1)
	}
	return min(t, math.Abs(e))
}

// ZhangSynapseKernel integrates the synapse: per channel the immediate and
// local store concentrations, advanced by forward Euler at dt = 1/rate as
// Brian2 does. The output at frame k is s = C_I·P_I computed from the
// concentrations before the step-k update and the input of frame k.
type ZhangSynapseKernel struct {
	k      ZhangConstants
	p2     []float64
	ci, cl []float64
	dt     float64
}

// ZhangSynapseRate is the rate version of the Zhang et al. (2001) IHC–AN
// synapse (brian2hears' ZhangSynapseRate): from the inner-hair-cell output
// ihc (model units, e.g. TanCarney's), one channel per characteristic
// frequency cf (Hz), it gives the instantaneous discharge rate s (spikes/s)
// without refractoriness,
//
//	P_I = p_1·log(1 + exp(p_2·V_ihc))   (p_2·V_ihc itself from 100 on)
//	s   = C_I·P_I
//	dC_I/dt = (−P_I·C_I + P_L·(C_L − C_I))/V_I
//	dC_L/dt = (−P_L·(C_L − C_I) + P_G·(C_G − C_L))/V_I
//
// integrated with forward Euler at dt = 1/rate from the resting
// concentrations. ihc has one channel per cf or one feeding all; a single
// cf with a multi-channel ihc applies to every channel (as brian2hears'
// scalar CF).
func ZhangSynapseRate(ihc sound.Source, cf []float64, p ZhangParams) (*filterbank.Bank, error) {
	if ihc == nil {
		return nil, fmt.Errorf("cochlea: ZhangSynapseRate has a nil source")
	}
	if n := ihc.NumChannels(); len(cf) == 1 && n > 1 {
		one := cf[0]
		cf = make([]float64, n)
		for i := range cf {
			cf[i] = one
		}
	}
	k, err := NewZhangSynapseKernel(cf, ihc.SampleRate(), p)
	if err != nil {
		return nil, err
	}
	return newTunedBank("ZhangSynapseRate", k, ihc, cf)
}

// NewZhangSynapseKernel builds the synapse kernel for characteristic
// frequencies cf (Hz) at sample rate fs (Hz).
func NewZhangSynapseKernel(cf []float64, fs float64, p ZhangParams) (*ZhangSynapseKernel, error) {
	if err := checkCF("ZhangSynapseRate", cf, fs); err != nil {
		return nil, err
	}
	c, err := p.Constants()
	if err != nil {
		return nil, err
	}
	k := &ZhangSynapseKernel{k: c, p2: make([]float64, len(cf)), ci: make([]float64, len(cf)), cl: make([]float64, len(cf)), dt: 1 / fs}
	for i, f := range cf {
		k.p2[i] = p.P2(f, c)
		if err := checkFinite("ZhangSynapseRate", "p_2", k.p2[i]); err != nil {
			return nil, err
		}
	}
	k.Reset()
	return k, nil
}

// NumChannels implements filterbank.Kernel.
func (k *ZhangSynapseKernel) NumChannels() int { return len(k.p2) }

// TakesMono implements filterbank.MonoInput.
func (k *ZhangSynapseKernel) TakesMono(int) bool { return true }

// Reset implements filterbank.Kernel: the stores return to rest.
func (k *ZhangSynapseKernel) Reset() {
	for i := range k.ci {
		k.ci[i], k.cl[i] = k.k.CIRest, k.k.CLRest
	}
}

// Process implements filterbank.Kernel.
func (k *ZhangSynapseKernel) Process(out []float64, in [][]float64, frames int) error {
	return k.ProcessChannels(out, in, frames, 0, len(k.p2))
}

// ProcessChannels implements filterbank.ChannelParallel.
func (k *ZhangSynapseKernel) ProcessChannels(out []float64, in [][]float64, frames, lo, hi int) error {
	nc := len(k.p2)
	x, stride, err := channelInput("ZhangSynapseRate", in, frames, nc)
	if err != nil {
		return err
	}
	if len(out) < frames*nc {
		return fmt.Errorf("cochlea: ZhangSynapseRate output block has %d samples, want %d", len(out), frames*nc)
	}
	for g := lo; g < hi; g += zhangGroup {
		k.processGroup(out, x, stride, frames, g, min(g+zhangGroup, hi))
	}
	return nil
}

// zhangGroup is how many channels the synapse advances together, frame by
// frame, so that its softplus log(1 + exp(p_2·V)) is computed a group at a
// time (expBatch, logBatch: four channels per instruction on AVX2).
const zhangGroup = 64

// processGroup integrates channels [lo, hi) (at most zhangGroup) over
// frames. Each channel's arithmetic is the same in any group or block.
func (k *ZhangSynapseKernel) processGroup(out, x []float64, stride, frames, lo, hi int) {
	nc := len(k.p2)
	n := hi - lo
	c := k.k
	dt := k.dt
	invVI := 1 / c.VI // the divisions by V_I as products (within an ulp)
	var e, pe [zhangGroup]float64
	ci, cl, p2 := k.ci[lo:hi], k.cl[lo:hi], k.p2[lo:hi]
	for f := range frames {
		row := x[f*stride:]
		for i := range n {
			e[i] = p2[i] * channelSample(row, stride, lo+i)
			pe[i] = min(e[i], 100) // e itself from 100 on (below)
		}
		expBatch(pe[:n])
		for i := range n {
			pe[i] = 1 + pe[i]
		}
		logBatch(pe[:n])
		for i := range n {
			if e[i] >= 100 {
				pe[i] = e[i]
			}
			pi := c.P1 * pe[i]
			out[f*nc+lo+i] = ci[i] * pi
			dci := (-pi*ci[i] + c.PL*(cl[i]-ci[i])) * invVI
			dcl := (-c.PL*(cl[i]-ci[i]) + c.PG*(c.CG-cl[i])) * invVI
			ci[i] += dt * dci
			cl[i] += dt * dcl
		}
	}
}
