package cochlea

import (
	"fmt"
	"math"

	"github.com/gohears/hears/filterbank"
	"github.com/gohears/hears/sound"
)

// PowerLaw is a parameter that depends on the centre frequency as a power
// law, X(cf) = 10^(P0 + M·log10(cf/Hz)): the form of every frequency-dependent
// DRNL parameter (Lopez-Poveda & Meddis 2001, Table I).
type PowerLaw struct {
	P0 float64 // intercept (log10 units)
	M  float64 // slope (log10 X per log10 Hz)
}

// At evaluates the law at cf (Hz), as brian2hears does:
// 10**(p0 + m*log10(cf)).
func (l PowerLaw) At(cf float64) float64 { return math.Pow(10, l.P0+l.M*math.Log10(cf)) }

// over evaluates the law at every centre frequency of cf (Hz).
func (l PowerLaw) over(cf []float64) []float64 {
	v := make([]float64, len(cf))
	for i, f := range cf {
		v[i] = l.At(f)
	}
	return v
}

// DRNLParams are the parameters of the dual-resonance nonlinear filterbank.
// Every frequency-dependent quantity is a PowerLaw of the centre frequency.
// The names used by Set are Brian Hears' (the key of its param dictionary):
// stape_scale, order_linear, order_nonlinear, and X_p0, X_m for X in cf_lin,
// bw_lin, cf_nl, bw_nl, a, b, c, g, lp_lin_cutoff, lp_nl_cutoff.
//
// References: Lopez-Poveda, E. A. & Meddis, R. (2001), "A human nonlinear
// cochlear filterbank", J. Acoust. Soc. Am. 110, 3107–3118 (human set);
// Sumner, C. J., Lopez-Poveda, E. A., O'Mard, L. P. & Meddis, R. (2003),
// "Adaptation in a revised inner-hair cell model", J. Acoust. Soc. Am. 113,
// 893–901, as taken by brian2hears (guinea-pig set).
type DRNLParams struct {
	StapeScale     float64 // stape_scale: pascals to stapes velocity (m/s per Pa)
	OrderLinear    int     // order_linear: sections of the linear-path gammatone
	OrderNonlinear int     // order_nonlinear: sections of each nonlinear-path gammatone

	CFLin       PowerLaw // cf_lin_*: linear-path gammatone centre frequency (Hz)
	BWLin       PowerLaw // bw_lin_*: linear-path gammatone bandwidth (Hz)
	CFNL        PowerLaw // cf_nl_*: nonlinear-path gammatone centre frequency (Hz)
	BWNL        PowerLaw // bw_nl_*: nonlinear-path gammatone bandwidth (Hz)
	A           PowerLaw // a_*: gain of the broken stick below the knee
	B           PowerLaw // b_*: gain of the compressive part
	C           PowerLaw // c_*: compression exponent
	G           PowerLaw // g_*: linear-path gain
	LPLinCutoff PowerLaw // lp_lin_cutoff_*: linear-path low-pass cutoff (Hz)
	LPNLCutoff  PowerLaw // lp_nl_cutoff_*: nonlinear-path low-pass cutoff (Hz)
}

// DRNLHuman returns the human parameter set of Lopez-Poveda & Meddis (2001)
// as brian2hears gives it (type='human').
func DRNLHuman() DRNLParams {
	return DRNLParams{
		StapeScale: 0.00014, OrderLinear: 3, OrderNonlinear: 3,
		CFLin: PowerLaw{-0.067, 1.016}, BWLin: PowerLaw{0.037, 0.785},
		CFNL: PowerLaw{-0.052, 1.016}, BWNL: PowerLaw{-0.031, 0.774},
		A: PowerLaw{1.402, 0.819}, B: PowerLaw{1.619, -0.818},
		C: PowerLaw{-0.602, 0}, G: PowerLaw{4.2, 0.48},
		LPLinCutoff: PowerLaw{-0.067, 1.016}, LPNLCutoff: PowerLaw{-0.052, 1.016},
	}
}

// DRNLHumanPaper is DRNLHuman with the linear-path gain of Lopez-Poveda &
// Meddis (2001), g = 10^(4.20 − 0.48·log10 cf) (as in their Table and in
// AMT's lopezpoveda2001, and in brian2hears' own drnl.py example).
// brian2hears' human set has g_m = +0.48, a linear gain about 10^(0.96·log10
// cf) times larger that swamps the nonlinear path, so that its DRNL grows
// linearly with level; gohears keeps that set as DRNLHuman for agreement
// with brian2hears and chain files naming type "human".
func DRNLHumanPaper() DRNLParams {
	p := DRNLHuman()
	p.G.M = -0.48
	return p
}

// DRNLGuineaPig returns the guinea-pig parameter set of Sumner et al. (2003)
// as brian2hears gives it (type='guinea pig').
func DRNLGuineaPig() DRNLParams {
	return DRNLParams{
		StapeScale: 0.00014, OrderLinear: 3, OrderNonlinear: 3,
		CFLin: PowerLaw{0.339, 0.339}, BWLin: PowerLaw{1.3, 0.53},
		CFNL: PowerLaw{0, 1}, BWNL: PowerLaw{0.8, 0.58},
		A: PowerLaw{1.87, 0.45}, B: PowerLaw{-5.65, 0.875},
		C: PowerLaw{-1, 0}, G: PowerLaw{5.68, -0.97},
		LPLinCutoff: PowerLaw{0.339, 0.339}, LPNLCutoff: PowerLaw{0, 1},
	}
}

// DRNLParamSet returns a named parameter set: "human" or "guinea pig"
// (Brian Hears' type argument), or "human paper" (DRNLHumanPaper).
func DRNLParamSet(name string) (DRNLParams, error) {
	switch name {
	case "human":
		return DRNLHuman(), nil
	case "guinea pig":
		return DRNLGuineaPig(), nil
	case "human paper":
		return DRNLHumanPaper(), nil
	}
	return DRNLParams{}, fmt.Errorf("cochlea: DRNL type %q unknown; valid types: human, guinea pig, human paper", name)
}

func (p *DRNLParams) fields() []field {
	laws := []struct {
		name string
		l    *PowerLaw
	}{{"cf_lin", &p.CFLin}, {"bw_lin", &p.BWLin}, {"cf_nl", &p.CFNL}, {"bw_nl", &p.BWNL},
		{"a", &p.A}, {"b", &p.B}, {"c", &p.C}, {"g", &p.G},
		{"lp_lin_cutoff", &p.LPLinCutoff}, {"lp_nl_cutoff", &p.LPNLCutoff}}
	fs := []field{floatField("stape_scale", &p.StapeScale),
		intField("order_linear", &p.OrderLinear), intField("order_nonlinear", &p.OrderNonlinear)}
	for _, l := range laws {
		fs = append(fs, floatField(l.name+"_p0", &l.l.P0), floatField(l.name+"_m", &l.l.M))
	}
	return fs
}

// Names returns the parameter names Set accepts, in Brian Hears' order.
func (p *DRNLParams) Names() []string { return names(p.fields()) }

// Set sets the parameter called name (Brian Hears' key, e.g. "c_p0") to v.
// An unknown name is an error that lists the valid ones.
func (p *DRNLParams) Set(name string, v float64) error { return setField("DRNL", p.fields(), name, v) }

// Get returns the parameter called name.
func (p *DRNLParams) Get(name string) (float64, error) { return getField("DRNL", p.fields(), name) }

// DRNL is the dual-resonance nonlinear filterbank of Lopez-Poveda & Meddis
// (2001) as brian2hears computes it: the input (Pa) is scaled by
// StapeScale, then the sum of
//
//   - a linear path: gammatone (ApproximateGammatone, OrderLinear sections,
//     centre CFLin, bandwidth BWLin) → gain G → 4 cascaded first-order
//     low-passes at LPLinCutoff, and
//   - a nonlinear path: gammatone (OrderNonlinear sections at CFNL, BWNL) →
//     broken-stick compression sign(x)·min(A|x|, B|x|^C) → the same gammatone
//     again → 3 cascaded first-order low-passes at LPNLCutoff,
//
// one channel per centre frequency cf (Hz). src has one channel per cf or
// one channel feeding all. The output is in stapes-velocity model units.
// The bank's kernel is one fused DRNLKernel (ChannelParallel).
func DRNL(src sound.Source, cf []float64, p DRNLParams) (*filterbank.Bank, error) {
	if src == nil {
		return nil, fmt.Errorf("cochlea: DRNL has a nil source")
	}
	k, err := NewDRNLKernel(cf, src.SampleRate(), p)
	if err != nil {
		return nil, err
	}
	return newTunedBank("DRNL", k, src, cf)
}

// drnlChunk is the number of frames the DRNL kernel runs through all its
// stages at a time: its scratch is drnlChunk × channels × 3 samples, small
// enough to stay in cache whatever the consumer's block size.
const drnlChunk = 128

// DRNLKernel is the computation of DRNL, on chunks of drnlChunk frames.
// With the published orders (3 gammatone sections per path) it runs its
// own path (drnlFast: both paths' filters per group of 8 channels in
// registers, AVX-512 or the Go twins). Other orders run the general path:
// three cascades through filterbank.LinearKernel (AVX-512
// where present) with the broken-stick compression between them, the
// stapes scale folded into the first section of both input gammatones and
// the linear gain into the first linear-path low-pass (reassociations that
// change results by rounding only).
type DRNLKernel struct {
	nch           int
	lin, nl1, nl2 *filterbank.LinearKernel // linear path; nonlinear path before and after the compression
	a, b, e, knee []float64                // per channel: gains, exponent, knee |x| below which A|x| is the minimum
	bufA, bufB    []float64
	tail          []float64 // padded 8-lane copy of the last partial group, drnlChunk frames
	fast          *drnlFast // the order-3 path; nil for other orders
}

// NewDRNLKernel builds the DRNL kernel for centre frequencies cf (Hz) at
// sample rate fs (Hz).
func NewDRNLKernel(cf []float64, fs float64, p DRNLParams) (*DRNLKernel, error) {
	return newDRNLKernel(cf, fs, p, true)
}

// newDRNLKernel is NewDRNLKernel; allowFast false keeps the general path
// (for tests comparing the two).
func newDRNLKernel(cf []float64, fs float64, p DRNLParams, allowFast bool) (*DRNLKernel, error) {
	if err := checkCF("DRNL", cf, fs); err != nil {
		return nil, err
	}
	for _, f := range p.fields() {
		if v := f.get(); math.IsNaN(v) || math.IsInf(v, 0) {
			return nil, fmt.Errorf("cochlea: DRNL parameter %s = %v is not finite", f.name, v)
		}
	}
	if p.OrderLinear < 1 || p.OrderNonlinear < 1 {
		return nil, fmt.Errorf("cochlea: DRNL orders must be ≥ 1, got order_linear %d, order_nonlinear %d", p.OrderLinear, p.OrderNonlinear)
	}
	n := len(cf)
	eval := func(l PowerLaw) []float64 { return l.over(cf) }
	// The compression's per-channel arrays are padded to a multiple of 8
	// channels (copies of the last) so that the vector path can run a
	// partial last group.
	pad := func(v []float64) []float64 {
		for len(v)%8 != 0 {
			v = append(v, v[n-1])
		}
		return v
	}
	k := &DRNLKernel{nch: n, a: pad(eval(p.A)), b: pad(eval(p.B)), e: pad(eval(p.C)), knee: make([]float64, len(pad(eval(p.A))))}
	g := eval(p.G)
	wrap := func(what string, err error) error {
		return fmt.Errorf("cochlea: DRNL %s: %w", what, err)
	}
	lgb, lga, err := filterbank.ApproximateGammatoneCoefficients(eval(p.CFLin), fs, eval(p.BWLin), p.OrderLinear)
	if err != nil {
		return nil, wrap("linear-path gammatone", err)
	}
	llb, lla, err := filterbank.LowPassCoefficients(eval(p.LPLinCutoff), fs)
	if err != nil {
		return nil, wrap("linear-path low-pass", err)
	}
	ngb, nga, err := filterbank.ApproximateGammatoneCoefficients(eval(p.CFNL), fs, eval(p.BWNL), p.OrderNonlinear)
	if err != nil {
		return nil, wrap("nonlinear-path gammatone", err)
	}
	nlb, nla, err := filterbank.LowPassCoefficients(eval(p.LPNLCutoff), fs)
	if err != nil {
		return nil, wrap("nonlinear-path low-pass", err)
	}
	if allowFast && p.OrderLinear == 3 && p.OrderNonlinear == 3 {
		if k.fast, err = newDRNLFast(n, p.StapeScale, g, [4][][][]float64{lgb, lga, llb, lla}, [4][][][]float64{ngb, nga, nlb, nla}); err != nil {
			return nil, err
		}
	}
	if k.fast == nil {
		// The general path: the stapes scale folded into the first section
		// of both input gammatones, the linear gain into the first
		// linear-path low-pass (see drnlCascade).
		cb, ca := drnlCascade(lgb, lga, llb, lla, 4, g)
		scaleFirst(cb, p.StapeScale)
		if k.lin, err = filterbank.NewLinearKernel(cb, ca); err != nil {
			return nil, wrap("linear path", err)
		}
		cb, ca = drnlCascade(ngb, nga, nlb, nla, 3, nil)
		if k.nl2, err = filterbank.NewLinearKernel(cb, ca); err != nil {
			return nil, wrap("nonlinear path", err)
		}
		cb, ca = drnlCascade(ngb, nga, nil, nil, 0, nil)
		scaleFirst(cb, p.StapeScale)
		if k.nl1, err = filterbank.NewLinearKernel(cb, ca); err != nil {
			return nil, wrap("nonlinear path", err)
		}
		k.bufA = make([]float64, drnlChunk*n)
		k.bufB = make([]float64, drnlChunk*n)
		k.tail = make([]float64, drnlChunk*8)
	}
	for c := range k.knee {
		if err := checkFinite("DRNL", "a, b, c, g", k.a[c], k.b[c], k.e[c], g[min(c, n-1)]); err != nil {
			return nil, err
		}
		// Below the knee, where A|x| = B|x|^C, the linear branch is the
		// smaller one (for 0 < C < 1), so the power need not be computed.
		// The margin keeps rounding near the knee from choosing differently
		// than min would.
		if ea, eb, ee := k.a[c], k.b[c], k.e[c]; ea > 0 && eb > 0 && ee > 0 && ee < 1 {
			k.knee[c] = math.Pow(eb/ea, 1/(1-ee)) * (1 - 1e-9)
		}
		// Zero (and subnormal) inputs always take the linear branch, which
		// gives 0 as min would, without a logarithm of zero.
		k.knee[c] = max(k.knee[c], 0x1p-1022)
	}
	return k, nil
}

// drnlFast holds DRNL's order-3 path (drnl_amd64.s on AVX-512, its Go
// twins in drnlgo.go elsewhere): per group of 8 channels, the linear path
// and the first nonlinear gammatone in one pass over a chunk of frames, the
// compression, then the rest of the nonlinear path in a second pass, with
// every filter's state in registers through a pass. Each gammatone section
// runs in transposed direct form II with its gain taken out (3 multiplies
// instead of a general biquad's 5) and the gains of a path are folded into
// one multiply; results differ from the general path by rounding only
// (within 1e-12 of the peak, TestDRNLFastPath) and are closer to the
// definition evaluated exactly (TestDRNLLinearPathPrecision). It is about
// twice as fast as the general path on AVX-512, 2–3 times in pure Go.
type drnlFast struct {
	coef  []float64 // per group: drnlCoefs vectors of 8 lanes (layout in drnl_amd64.s)
	state []float64 // per group: drnlStates vectors of 8 lanes
	nl    []float64 // per group: drnlChunk frames × 8 lanes of the nonlinear path
	tout  []float64 // the partial last group's output, drnlChunk × 8
	tin   []float64 // the partial last group's input (multi-channel sources), drnlChunk × 8
}

const (
	drnlCoefs  = 11
	drnlStates = 25
)

// drnlArgs is the argument block of drnl_amd64.s (field offsets are used
// there).
type drnlArgs struct {
	out     *float64 // output of the group's first channel, first frame
	ostride uintptr  // bytes between output frames
	x       *float64 // input of the group's first channel (or the mono input), first frame
	xstride uintptr  // bytes between input frames
	mono    uintptr  // nonzero: x is one channel, broadcast to the 8 lanes
	nl      *float64 // nonlinear-path scratch, 64 bytes per frame
	coef    *float64 // the group's coefficients
	state   *float64 // the group's state
	frames  int      // frames to run
}

// newDRNLFast builds the fast path from the order-3 gammatones and the
// low-passes of the linear path (lin: b, a, low-pass b, low-pass a) and of
// the nonlinear path (nl), the stapes scale and the linear-path gain g per
// channel. It returns nil, doing nothing, when a section gain is zero (the
// factored form needs a0 ≠ 0).
func newDRNLFast(n int, stape float64, g []float64, lin, nl [4][][][]float64) (*drnlFast, error) {
	lb, la, llb, lla := lin[0], lin[1], lin[2], lin[3]
	nb, na, nlb, nla := nl[0], nl[1], nl[2], nl[3]
	groups := (n + 7) / 8
	f := &drnlFast{
		coef:  make([]float64, groups*drnlCoefs*8),
		state: make([]float64, groups*drnlStates*8),
		nl:    make([]float64, groups*drnlChunk*8),
		tout:  make([]float64, drnlChunk*8),
		tin:   make([]float64, drnlChunk*8),
	}
	for l := range groups * 8 {
		c := min(l, n-1)
		a0L, a0N := lb[c][0][0], nb[c][0][0]
		if a0L == 0 || a0N == 0 {
			return nil, nil
		}
		gl, gn := llb[c][0][0], nlb[c][0][0] // low-pass gains
		v := []float64{
			stape * a0L * a0L * a0L * g[c] * gl * gl * gl * gl, // Glin
			la[c][1][0], -la[c][2][0], lb[c][1][0] / a0L, -lla[c][1][0],
			stape * a0N * a0N * a0N, // G1
			na[c][1][0], -na[c][2][0], nb[c][1][0] / a0N,
			a0N * a0N * a0N * gn * gn * gn, // G2
			-nla[c][1][0],
		}
		if err := checkFinite("DRNL", "filter gains", v...); err != nil {
			return nil, err
		}
		base := (l/8)*drnlCoefs*8 + l%8
		for i, x := range v {
			f.coef[base+i*8] = x
		}
	}
	return f, nil
}

// process runs channels [lo, hi) (lo a multiple of 8) on the fast path:
// the assembly on AVX-512, the Go twins elsewhere.
func (f *drnlFast) process(k *DRNLKernel, out, x []float64, mono bool, frames, lo, hi int) {
	nc := k.nch
	for g := lo / 8; g*8 < hi; g++ {
		rem := min(8, hi-g*8)
		nl := f.nl[g*drnlChunk*8 : (g+1)*drnlChunk*8]
		coef := f.coef[g*drnlCoefs*8 : (g+1)*drnlCoefs*8]
		state := f.state[g*drnlStates*8 : (g+1)*drnlStates*8]
		a, b, e, knee := k.a[g*8:], k.b[g*8:], k.e[g*8:], k.knee[g*8:]
		for f0 := 0; f0 < frames; f0 += drnlChunk {
			n := min(drnlChunk, frames-f0)
			if !compressSIMD {
				o := out[f0*nc+g*8:]
				xs, xo := nc, f0*nc+g*8
				if mono {
					xs, xo = 1, f0
				}
				drnlPathsGo(o, nc, x[xo:], xs, mono, nl, coef, state, n, rem)
				compressGo(nl, 8, a, b, e, knee, n, rem)
				drnlNL2Go(o, nc, nl, coef, state, n, rem)
				continue
			}
			args := drnlArgs{nl: &nl[0], coef: &coef[0], state: &state[0], frames: n}
			switch {
			case mono:
				args.x, args.xstride, args.mono = &x[f0], 8, 1
			case rem == 8:
				args.x, args.xstride = &x[f0*nc+g*8], uintptr(8*nc)
			default:
				for i := range n {
					row := f.tin[i*8 : i*8+8]
					copy(row, x[(f0+i)*nc+g*8:(f0+i)*nc+hi])
					clear(row[rem:])
				}
				args.x, args.xstride = &f.tin[0], 64
			}
			if rem == 8 {
				args.out, args.ostride = &out[f0*nc+g*8], uintptr(8*nc)
			} else {
				args.out, args.ostride = &f.tout[0], 64
			}
			drnlPathsAVX512(&args)
			compressAVX512(args.nl, &a[0], &b[0], &e[0], &knee[0], 8, n, 64)
			drnlNL2AVX512(&args)
			if rem < 8 {
				for i := range n {
					copy(out[(f0+i)*nc+g*8:(f0+i)*nc+hi], f.tout[i*8:i*8+rem])
				}
			}
		}
	}
}

// drnlCascade returns, shaped [channel][3][stage], the biquads of the
// gammatone (gb, ga) followed by nlp copies of the first-order low-pass
// (lb, la), each a biquad with zero second taps (which computes exactly
// the first-order section); gain (nil: none) multiplies the first
// low-pass numerator per channel. The stages are padded with identity
// sections (b = a = [1, 0, 0], exact) to a multiple of 4 when that adds at
// most two: the LinearKernel runs 4 stages a pass, and two padding stages
// in a pass cost less than two single-stage passes (each bound by its
// recursion's latency).
//
// The low-passes are not merged pairwise into biquads: two equal real
// poles in one biquad are hypersensitive to the rounding of its
// coefficients (a2 = p² rounded moves the DC gain by about ε/(1−p)²,
// 2e-11 at the guinea-pig set's 10 Hz cutoffs at 50 kHz), and the paper,
// brian2hears and the fast path all run them one by one.
func drnlCascade(gb, ga, lb, la [][][]float64, nlp int, gain []float64) (b, a [][][]float64) {
	n := len(gb)
	ng := len(gb[0][0])
	nst := ng + nlp
	if nst%4 >= 2 {
		nst += 4 - nst%4
	}
	b = make([][][]float64, n)
	a = make([][][]float64, n)
	for c := range n {
		b[c] = [][]float64{make([]float64, nst), make([]float64, nst), make([]float64, nst)}
		a[c] = [][]float64{make([]float64, nst), make([]float64, nst), make([]float64, nst)}
		for t := range 3 {
			copy(b[c][t], gb[c][t])
			copy(a[c][t], ga[c][t])
		}
		for s := ng; s < nst; s++ {
			b[c][0][s], a[c][0][s] = 1, 1
		}
		for k := range nlp {
			s := ng + k
			b[c][0][s], b[c][1][s] = lb[c][0][0], lb[c][1][0]
			if k == 0 && gain != nil {
				b[c][0][s], b[c][1][s] = b[c][0][s]*gain[c], b[c][1][s]*gain[c]
			}
			a[c][1][s] = la[c][1][0]
		}
	}
	return b, a
}

// scaleFirst multiplies the b taps of the first stage of every channel by s.
func scaleFirst(b [][][]float64, s float64) {
	for c := range b {
		for t := range b[c] {
			b[c][t][0] *= s
		}
	}
}

// NumChannels implements filterbank.Kernel.
func (k *DRNLKernel) NumChannels() int { return k.nch }

// TakesMono implements filterbank.MonoInput: a mono input feeds every
// channel without replication.
func (k *DRNLKernel) TakesMono(int) bool { return true }

// Reset implements filterbank.Kernel: all filter states return to zero.
func (k *DRNLKernel) Reset() {
	if k.fast != nil {
		clear(k.fast.state)
		return
	}
	for _, l := range []*filterbank.LinearKernel{k.lin, k.nl1, k.nl2} {
		l.Reset()
	}
}

// Process implements filterbank.Kernel.
func (k *DRNLKernel) Process(out []float64, in [][]float64, frames int) error {
	return k.ProcessChannels(out, in, frames, 0, k.nch)
}

// ProcessChannels implements filterbank.ChannelParallel: channels [lo, hi)
// only. Every stage reads and writes only those channels of the shared
// scratch, so concurrent calls on disjoint ranges do not interfere.
func (k *DRNLKernel) ProcessChannels(out []float64, in [][]float64, frames, lo, hi int) error {
	if len(in) != 1 {
		return fmt.Errorf("cochlea: DRNL kernel reads 1 input, got %d", len(in))
	}
	nc := k.nch
	x := in[0]
	mono := len(x) == frames && nc > 1
	if !mono && len(x) < frames*nc {
		return fmt.Errorf("cochlea: DRNL input block has %d samples, want %d or %d", len(x), frames, frames*nc)
	}
	if len(out) < frames*nc {
		return fmt.Errorf("cochlea: DRNL output block has %d samples, want %d", len(out), frames*nc)
	}
	if k.fast != nil {
		k.fast.process(k, out, x, mono, frames, lo, hi)
		return nil
	}
	var inX, inA [1][]float64
	for f0 := 0; f0 < frames; f0 += drnlChunk {
		n := min(drnlChunk, frames-f0)
		if mono {
			inX[0] = x[f0 : f0+n]
		} else {
			inX[0] = x[f0*nc : (f0+n)*nc]
		}
		o := out[f0*nc : (f0+n)*nc]
		A, B := k.bufA[:n*nc], k.bufB[:n*nc]
		inA[0] = A
		// Linear path straight into out.
		if err := k.lin.ProcessChannels(o, inX[:], n, lo, hi); err != nil {
			return err
		}
		// Nonlinear path.
		if err := k.nl1.ProcessChannels(A, inX[:], n, lo, hi); err != nil {
			return err
		}
		k.compress(A, n, lo, hi)
		if err := k.nl2.ProcessChannels(B, inA[:], n, lo, hi); err != nil {
			return err
		}
		vec := 0
		if compressSIMD {
			vec = (hi - lo) &^ 7
			if vec > 0 {
				addRowsAVX512(&o[lo], &B[lo], vec, n, 8*nc)
			}
		}
		for f := range n {
			row := o[f*nc+lo+vec : f*nc+hi]
			nl := B[f*nc+lo+vec : f*nc+hi]
			for c := range row {
				row[c] += nl[c]
			}
		}
	}
	return nil
}

// compress applies the broken stick sign(x)·min(a|x|, b|x|^c) in place to
// channels [lo, hi) of n frames of buf.
func (k *DRNLKernel) compress(buf []float64, n, lo, hi int) {
	nc := k.nch
	a, b, e, knee := k.a[lo:], k.b[lo:], k.e[lo:], k.knee[lo:]
	w := hi - lo
	if compressSIMD {
		vec := w &^ 7
		if vec > 0 && n > 0 {
			compressAVX512(&buf[lo], &a[0], &b[0], &e[0], &knee[0], vec, n, 8*nc)
		}
		if vec < w && n > 0 {
			// Partial last group: the whole block's tail columns through
			// one padded 8-lane copy and one call (a call per frame cost
			// more than eight full channels). Only the range holding the
			// last channel has a tail, so k.tail is never shared between
			// concurrent ProcessChannels calls.
			m := w - vec
			t := k.tail[:n*8]
			for f := range n {
				row := t[f*8 : f*8+8]
				copy(row, buf[f*nc+lo+vec:f*nc+hi])
				clear(row[m:])
			}
			compressAVX512(&t[0], &a[vec], &b[vec], &e[vec], &knee[vec], 8, n, 64)
			for f := range n {
				copy(buf[f*nc+lo+vec:f*nc+hi], t[f*8:f*8+m])
			}
		}
		return
	}
	if n > 0 {
		compressGo(buf[lo:], nc, a, b, e, knee, n, w)
	}
}
