package cochlea

import (
	"fmt"
	"math"
	"slices"
	"unsafe"

	"github.com/gohears/hears/filterbank"
	"github.com/gohears/hears/sound"
)

// CARFACOutput selects what a CARFAC bank streams.
type CARFACOutput int

const (
	// CARFACNAP is the neural activity pattern: the IHC output minus its
	// rest value, dimensionless, about 0 at rest and up to about 1.4 rms
	// at saturation.
	CARFACNAP CARFACOutput = iota
	// CARFACBM is the basilar-membrane output: the cascade's output (in v2
	// after the 20 Hz AC coupler), in input units.
	CARFACBM
	// CARFACOHC is the OHC state za: each stage's z2 of the previous
	// sample, whose difference from z2 drives the OHC nonlinearity.
	CARFACOHC
	// CARFACAGC is the AGC-controlled undamping coefficient zb of
	// r = r1 + zb·nlf(v), dimensionless; it ramps linearly between AGC
	// updates.
	CARFACAGC
)

// String names the output as the reference does ("nap", "bm", "ohc",
// "agc").
func (o CARFACOutput) String() string {
	switch o {
	case CARFACNAP:
		return "nap"
	case CARFACBM:
		return "bm"
	case CARFACOHC:
		return "ohc"
	case CARFACAGC:
		return "agc"
	}
	return fmt.Sprintf("CARFACOutput(%d)", int(o))
}

// ParseCARFACOutput reads "nap", "bm", "ohc" or "agc".
func ParseCARFACOutput(s string) (CARFACOutput, error) {
	for o := CARFACNAP; o <= CARFACAGC; o++ {
		if o.String() == s {
			return o, nil
		}
	}
	return 0, fmt.Errorf("cochlea: CARFAC output %q is not one of nap, bm, ohc, agc", s)
}

// carfacEar is the state of one ear: the cascade, the IHCs and the AGC.
// Its per-channel arrays are padded to a multiple of 4 channels.
type carfacEar struct {
	z1, z2, za, zb, dzb, zy, g, dg, acc []float64
	cap1, cap2, lpf1, lpf2              []float64 // cap1 is one_cap's cap_voltage
	hz, inp, bm, nap                    []float64 // this sample's values
	mem, accum                          [][]float64
	vecs                                carfacVecs
	// The arguments of each AGC stage's default update and of setRamps'
	// vector pass, built once (their arrays never move).
	agcArgs []carfacAGCArgs
	ramps   carfacRampArgs
}

// CARFAC is Lyon's cochlear model for one or more ears, with its state:
// per sample and ear, the cascade of two-pole–two-zero stages whose
// damping follows the OHC nonlinearity and the AGC, the IHC, and the AGC
// filter with its spatial smoothing; after all ears, binaural coupling of
// the AGC and the closing of the loop (run_segment). Run it block by
// block with Run, or stream it with CARFACBank. Not safe for concurrent
// use.
type CARFAC struct {
	d     *carfacDesign
	coef  [4][]float64 // r1, a0, c0, h padded to a multiple of 4 channels
	ears  []carfacEar
	phase []int     // decim_phase of each AGC stage (shared by the ears, which update together)
	dec0  int       // decimation[0]
	tmp   []float64 // scratch for the spatial smoothing, padded channels + 2
	// The design's per-channel AGC-loop coefficients padded with zeros to
	// a multiple of 4 channels (the padding's ramps stay at zero).
	health, zr, ga, gb, gc []float64
	open                   bool
	workers                int          // goroutines Run may use (SetWorkers)
	parts                  []carfacPart // their channels, built on first use
	serialFrames           int          // frames to run on one goroutine before trying the workers again
	busyBackoff            int          // the next serialFrames after the workers stop (carfac_parallel.go)
}

// NewCARFAC designs CARFAC for nEars ears at sample rate fs (Hz) and
// returns it at rest.
func NewCARFAC(fs float64, nEars int, p CARFACParams) (*CARFAC, error) {
	if nEars < 1 || nEars > 64 {
		return nil, fmt.Errorf("cochlea: CARFAC needs 1 to 64 ears, got %d", nEars)
	}
	d, err := designCARFAC(fs, p)
	if err != nil {
		return nil, err
	}
	if d.nCh*nEars > MaxCARFACChannels {
		return nil, fmt.Errorf("cochlea: CARFAC with %d channels × %d ears exceeds %d channels", d.nCh, nEars, MaxCARFACChannels)
	}
	c := &CARFAC{d: d, ears: make([]carfacEar, nEars), phase: make([]int, len(d.agc)), open: d.openLoop,
		workers: 1, busyBackoff: carfacBusyFrames, dec0: d.agc[0].decimation}
	n := d.nCh
	np := (n + 3) &^ 3
	c.tmp = make([]float64, np+2)
	for _, p := range []struct {
		dst *[]float64
		src []float64
	}{{&c.health, d.health}, {&c.zr, d.zr}, {&c.ga, d.ga}, {&c.gb, d.gb}, {&c.gc, d.gc}} {
		*p.dst = make([]float64, np)
		copy(*p.dst, p.src)
	}
	for j, src := range [][]float64{d.r1, d.a0, d.c0, d.h} {
		c.coef[j] = make([]float64, np)
		copy(c.coef[j], src)
	}
	vs, vo := d.vScale, d.vOffset
	if d.linear {
		vs, vo = 0, 0 // nlf = 1/(1 + 0²) = 1
	}
	for e := range c.ears {
		ear := &c.ears[e]
		for _, p := range []*[]float64{&ear.z1, &ear.z2, &ear.za, &ear.zb, &ear.dzb, &ear.zy, &ear.g, &ear.dg, &ear.acc,
			&ear.cap1, &ear.cap2, &ear.lpf1, &ear.lpf2, &ear.hz, &ear.inp, &ear.bm, &ear.nap} {
			*p = make([]float64, np)
		}
		ear.mem = make([][]float64, len(d.agc))
		ear.accum = make([][]float64, len(d.agc))
		for s := range d.agc { // padded like the cascade
			ear.mem[s] = make([]float64, np)
			ear.accum[s] = make([]float64, np)
		}
		ear.agcArgs = make([]carfacAGCArgs, len(d.agc))
		for s, st := range d.agc {
			a := carfacAGCArgs{in: &ear.accum[s][0], mem: &ear.mem[s][0], t: &c.tmp[0], n: np, nReal: n,
				eps: st.epsilon, gain: st.stageGain}
			if len(st.fir) == 3 {
				a.f0, a.f1, a.f2 = st.fir[0], st.fir[1], st.fir[2]
			}
			if s+1 < len(d.agc) {
				a.nm = &ear.mem[s+1][0]
			}
			ear.agcArgs[s] = a
		}
		ear.ramps = carfacRampArgs{m: &ear.mem[0][0], health: &c.health[0], zr: &c.zr[0], ga: &c.ga[0], gb: &c.gb[0], gc: &c.gc[0],
			dzb: &ear.dzb[0], zb: &ear.zb[0], dg: &ear.dg[0], g: &ear.g[0], n: np, inv: d.agc[0].invDecimation}
		q := &d.ihc
		ear.vecs = carfacVecs{g: &ear.g[0], dg: &ear.dg[0], zb: &ear.zb[0], dzb: &ear.dzb[0], z1: &ear.z1[0], z2: &ear.z2[0], za: &ear.za[0],
			r1: &c.coef[0][0], a0: &c.coef[1][0], c0: &c.coef[2][0], h: &c.coef[3][0],
			hz: &ear.hz[0], inp: &ear.inp[0], zy: &ear.zy[0], acc: &ear.acc[0], bm: &ear.bm[0], nap: &ear.nap[0],
			cap1: &ear.cap1[0], cap2: &ear.cap2[0], lpf1: &ear.lpf1[0], accum0: &ear.accum[0][0],
			n: np, vs: vs, vo: vo, ac: d.acCoeff, ds: d.agc[0].detectScale,
			out1: q.out1Rate, in1: q.in1Rate, out2: q.out2Rate, in2: q.in2Rate,
			lpfc: q.lpfCoeff, gain: q.outputGain, rest: q.restOutput,
			keep: 1 - q.lpfCoeff, lg: q.lpfCoeff * q.outputGain}
	}
	c.Reset()
	return c, nil
}

// NumChannels is the number of channels per ear.
func (c *CARFAC) NumChannels() int { return c.d.nCh }

// NumEars is the number of ears.
func (c *CARFAC) NumEars() int { return len(c.ears) }

// SampleRate is the sample rate (Hz) the model was designed for.
func (c *CARFAC) SampleRate() float64 { return c.d.fs }

// CFs returns the pole frequencies (Hz) of the channels, channel 0 at the
// base (highest).
func (c *CARFAC) CFs() []float64 { return slices.Clone(c.d.poles) }

// Reset returns every state to rest (carfac_init): the cascade at zero
// with zb = zr and g = g0, the IHC capacitors and filters at their rest
// values, the AGC at zero.
func (c *CARFAC) Reset() {
	d := c.d
	for e := range c.ears {
		ear := &c.ears[e]
		for _, v := range [][]float64{ear.z1, ear.z2, ear.za, ear.zb, ear.g, ear.dzb, ear.zy, ear.dg, ear.acc, ear.hz, ear.inp, ear.bm, ear.nap} {
			clear(v)
		}
		copy(ear.zb, d.zr)
		copy(ear.g, d.g0)
		rest1, rest2, lpf := 0.0, 0.0, 0.0
		switch d.ihc.style {
		case 1:
			rest1, lpf = d.ihc.restCap, d.ihc.restOutput
		case 2:
			rest1, rest2, lpf = d.ihc.restCap1, d.ihc.restCap2, d.ihc.restOutput
		}
		for i := range ear.cap1 {
			ear.cap1[i], ear.cap2[i], ear.lpf1[i], ear.lpf2[i] = rest1, rest2, lpf, lpf
		}
		for s := range d.agc {
			clear(ear.mem[s])
			clear(ear.accum[s])
		}
	}
	clear(c.phase)
	c.open = d.openLoop
}

// SetOpenLoop opens (true) or closes the AGC loop from the next sample
// on. Opening it stops the damping where it is: the ramps toward the last
// AGC target are cancelled (the v2 open-loop fix).
func (c *CARFAC) SetOpenLoop(open bool) {
	if open {
		for e := range c.ears {
			clear(c.ears[e].dzb)
			clear(c.ears[e].dg)
		}
	}
	c.open = open
}

// CARFACRows receives per-sample outputs of Run: each non-nil slice gets
// frames × NumEars·NumChannels values, frame-major, ear-major within a
// frame (ear 0's channels, then ear 1's).
type CARFACRows struct {
	NAP, BM, OHC, AGC []float64
}

// Run advances the model by frames samples of x (frames × NumEars, frame-
// major, in model units: rms 1 is 104 dB SPL), writing the outputs asked
// for in out.
func (c *CARFAC) Run(x []float64, frames int, out CARFACRows) error {
	ne, n := len(c.ears), c.d.nCh
	if frames < 0 || len(x) < frames*ne {
		return fmt.Errorf("cochlea: CARFAC input has %d samples, want %d frames × %d ears", len(x), frames, ne)
	}
	w := frames * ne * n
	for _, o := range [][]float64{out.NAP, out.BM, out.OHC, out.AGC} {
		if o != nil && len(o) < w {
			return fmt.Errorf("cochlea: CARFAC output block has %d values, want %d", len(o), w)
		}
	}
	noBM := 0
	if out.BM == nil || c.d.version1 { // v1's BM output is zy
		noBM = 1
	}
	for e := range c.ears {
		c.ears[e].vecs.noBM = noBM
	}
	if parts := c.partition(); parts != nil && frames >= carfacMinFrames && c.serialFrames <= 0 {
		for k, v := range x[:frames] {
			if v-v != 0 {
				return fmt.Errorf("cochlea: CARFAC input frame %d, ear %d is %v", k, 0, v)
			}
		}
		k := c.runParallel(parts, x, frames, out)
		if k == frames {
			return c.checkState()
		}
		// The workers stopped at frame k (the cores were busy): the rest
		// on this goroutine.
		x, frames = x[k:], frames-k
		for _, o := range []*[]float64{&out.NAP, &out.BM, &out.OHC, &out.AGC} {
			if *o != nil {
				*o = (*o)[k*n:]
			}
		}
	}
	c.serialFrames = max(c.serialFrames-frames, 0)
	if ne == 1 && c.d.ihc.style == 2 && !c.d.delayBuf {
		return c.runOneEar(x, frames, out)
	}
	row := func(o []float64, k, e int) []float64 {
		if o == nil {
			return nil
		}
		return o[(k*ne+e)*n : (k*ne+e+1)*n]
	}
	for k := range frames {
		for e := range c.ears {
			ear := &c.ears[e]
			if v := x[k*ne+e]; v-v != 0 {
				// NaN or ±Inf would poison every later sample of every
				// channel: refuse it, and leave the state to the caller
				// to Reset (a Bank rewinds on error).
				return fmt.Errorf("cochlea: CARFAC input frame %d, ear %d is %v", k, e, v)
			}
			// Pass 3 of the two_cap IHC writes the NAP straight into the
			// output row when the row has room for the padded channels
			// (the padding spills into the next row, written after it).
			direct := false
			if at := (k*ne + e) * n; out.NAP != nil && c.d.ihc.style == 2 && at+ear.vecs.n <= len(out.NAP) {
				ear.vecs.nap = &out.NAP[at]
				direct = true
			}
			c.step(ear, x[k*ne+e])
			if direct {
				ear.vecs.nap = &ear.nap[0]
			}
			if o := row(out.BM, k, e); o != nil {
				if c.d.version1 {
					copy(o, ear.zy) // lyon2011: the BM is not high-passed
				} else {
					copy(o, ear.bm)
				}
			}
			if o := row(out.NAP, k, e); o != nil && !direct {
				copy(o, ear.nap)
			}
			if o := row(out.OHC, k, e); o != nil {
				copy(o, ear.za)
			}
			if o := row(out.AGC, k, e); o != nil {
				copy(o, ear.zb)
			}
		}
		// The AGC updates (and, with the loop closed, sets the ramps of
		// the next decimation[0] samples), then couples the ears.
		if c.agcDue() && c.agcStep() && ne > 1 {
			c.crossCouple()
		}
	}
	return c.checkState()
}

// runOneEar is Run's loop for the common case (one ear, two_cap IHC, no
// delay buffer) on one goroutine: the same passes in the same order as
// step, without its per-sample choices and per-row closures (about 3% of
// the time in Run's general loop).
func (c *CARFAC) runOneEar(x []float64, frames int, out CARFACRows) error {
	ear := &c.ears[0]
	v := &ear.vecs
	n, np := c.d.nCh, v.n
	nap0 := v.nap
	for k, xk := range x[:frames] {
		if xk-xk != 0 {
			return fmt.Errorf("cochlea: CARFAC input frame %d, ear %d is %v", k, 0, xk)
		}
		at := k * n
		// Pass 3 writes the NAP straight into the output row when the
		// row has room for the padded channels (as in Run).
		direct := out.NAP != nil && at+np <= len(out.NAP)
		if direct {
			v.nap = &out.NAP[at]
		}
		if carfacSIMD {
			carfacPhaseAAVX2(v)
			carfacRippleAsm(v, xk)
			carfacPhaseCAVX2(v)
		} else {
			carfacPhaseAGo(v)
			carfacRipple(v, xk, false, np)
			carfacPhaseCGo(v)
		}
		if direct {
			v.nap = nap0
		} else if out.NAP != nil {
			copy(out.NAP[at:at+n], ear.nap)
		}
		if out.BM != nil {
			if c.d.version1 {
				copy(out.BM[at:at+n], ear.zy) // lyon2011: the BM is not high-passed
			} else {
				copy(out.BM[at:at+n], ear.bm)
			}
		}
		if out.OHC != nil {
			copy(out.OHC[at:at+n], ear.za)
		}
		if out.AGC != nil {
			copy(out.AGC[at:at+n], ear.zb)
		}
		if c.agcDue() {
			c.agcStep()
		}
	}
	return c.checkState()
}

// checkState reports an error if a state is no longer finite: a finite
// input can still overflow it (an absurd level), which is checked once per
// block rather than passing NaN on.
func (c *CARFAC) checkState() error {
	for e := range c.ears {
		ear := &c.ears[e]
		for i := range ear.z2 {
			if v := ear.z2[i] + ear.z1[i] + ear.acc[i] + ear.lpf1[i] + ear.zb[i]; v-v != 0 {
				return fmt.Errorf("cochlea: CARFAC state of ear %d, channel %d is no longer finite: the input is far too loud (rms 1 is 104 dB SPL)", e, i)
			}
		}
	}
	return nil
}

// The per-sample work on one ear runs in three passes over the channels
// (Lyon 2017, chapters 17–18; car_step and ihc_step):
//
//  1. carfacPhaseA, parallel across channels: each stage adds its input
//     of the previous sample to z1 (the last step of the reference's
//     car_step, done here so that pass 3 need not store z1); the gains and
//     undamping move one step along their ramps; each stage's state (z1, z2) rotates by
//     its pole angle and shrinks by r = r1 + zb·nlf(v), v = z2 − za,
//     nlf(v) = 1/(1 + (s·v + o)²) (s = o = 0 in the linear mode, so nlf = 1);
//     hz = h·z2 is the stage's own contribution to its output.
//  2. carfacRipple, serial: each stage's output is g·(input + hz), its
//     input the previous stage's output of this sample (the ripple) or,
//     with the delay buffer, of the previous sample.
//  3. carfacPhaseC (two_cap; carfacIHCGeneric otherwise), parallel: the
//     20 Hz AC coupler; the IHC; the NAP,
//     added to the AGC's input.
//
// Passes 1 and 3 have AVX2+FMA versions that give the same bits
// (carfac_amd64.s); the per-ear arrays are padded to a multiple of 4
// channels with zero coefficients for them.

// carfacVecs are the per-ear arrays passes 1 and 3 read and write, as
// pointers for the assembly (each array holds n values, n a multiple of 4).
type carfacVecs struct {
	g, dg, zb, dzb, z1, z2, za *float64 // state
	r1, a0, c0, h              *float64 // coefficients
	hz, inp, zy, acc, bm, nap  *float64 // per-sample values and the AC coupler
	cap1, cap2, lpf1, accum0   *float64 // two_cap IHC and the AGC input
	n                          int
	vs, vo, ac, ds             float64
	out1, in1, out2, in2       float64
	lpfc, gain, rest           float64
	keep, lg                   float64 // 1 − lpfc, lpfc·gain
	noBM                       int     // 1: pass 3 does not store bm (not asked for)
}

// carfacPhaseAGo is pass 1 in Go, the twin of carfacPhaseAAVX2.
func carfacPhaseAGo(v *carfacVecs) {
	n := v.n
	g, dg, zb, dzb := unsafe.Slice(v.g, n), unsafe.Slice(v.dg, n), unsafe.Slice(v.zb, n), unsafe.Slice(v.dzb, n)
	z1, z2, za := unsafe.Slice(v.z1, n), unsafe.Slice(v.z2, n), unsafe.Slice(v.za, n)
	r1, a0, c0, h, hz := unsafe.Slice(v.r1, n), unsafe.Slice(v.a0, n), unsafe.Slice(v.c0, n), unsafe.Slice(v.h, n), unsafe.Slice(v.hz, n)
	inp := unsafe.Slice(v.inp, n)
	vs, vo := v.vs, v.vo
	for i := range n {
		g[i] += dg[i]
		zbi := zb[i] + dzb[i]
		zb[i] = zbi
		z1o, z2o := z1[i]+inp[i], z2[i] // each stage adds its previous input to z1 here
		u := math.FMA(z2o-za[i], vs, vo)
		nlf := 1 / math.FMA(u, u, 1)
		r := math.FMA(zbi, nlf, r1[i])
		za[i] = z2o
		nz2 := r * math.FMA(c0[i], z1o, a0[i]*z2o)
		z1[i] = r * math.FMA(a0[i], z1o, -(c0[i]*z2o))
		z2[i] = nz2
		hz[i] = h[i] * nz2
	}
}

// carfacRipple is pass 2: the stage outputs zy and inputs inp from the
// cascade's input x.
func carfacRipple(v *carfacVecs, x float64, delay bool, n int) {
	g, hz := unsafe.Slice(v.g, n), unsafe.Slice(v.hz, n)
	inp, zy := unsafe.Slice(v.inp, n), unsafe.Slice(v.zy, n)
	in := x
	if delay {
		for i := range n {
			inp[i] = in
			old := zy[i]
			zy[i] = g[i] * (hz[i] + in)
			in = old
		}
		return
	}
	// The ripple y_i = g_i·(y_{i−1} + hz_i) is a chain of dependent
	// operations, the model's critical path. Four stages at a time, the
	// last output is taken off the chain as y_{i+3} = P·y_{i−1} + Q with
	// P = g3·g2·g1·g0 and Q = g3(g2(g1(g0·hz0 + hz1) + hz2) + hz3), which
	// do not depend on y: two dependent operations per four stages instead
	// of eight. The reassociation changes results by rounding only (the
	// reference cases agree to 5e-9 of peak, their storage precision).
	// n is a multiple of 4.
	for i := 0; i+3 < n; i += 4 {
		gs, hs, is, ys := g[i:i+4], hz[i:i+4], inp[i:i+4], zy[i:i+4]
		g0, g1, g2, g3 := gs[0], gs[1], gs[2], gs[3]
		h0, h1, h2, h3 := hs[0], hs[1], hs[2], hs[3]
		p := g3 * g2 * g1 * g0
		q := g3 * (g2*(g1*(g0*h0+h1)+h2) + h3)
		y0 := g0 * (in + h0)
		y1 := g1 * (y0 + h1)
		y2 := g2 * (y1 + h2)
		y3 := p*in + q
		is[0], is[1], is[2], is[3] = in, y0, y1, y2
		ys[0], ys[1], ys[2], ys[3] = y0, y1, y2, y3
		in = y3
	}
}

// carfacPhaseCGo is pass 3 for the two_cap IHC in Go, the twin of
// carfacPhaseCAVX2.
func carfacPhaseCGo(v *carfacVecs) {
	n := v.n
	zy, acc, bm := unsafe.Slice(v.zy, n), unsafe.Slice(v.acc, n), unsafe.Slice(v.bm, n)
	cap1, cap2, lpf1, nap, accum := unsafe.Slice(v.cap1, n), unsafe.Slice(v.cap2, n), unsafe.Slice(v.lpf1, n), unsafe.Slice(v.nap, n), unsafe.Slice(v.accum0, n)
	ac, ds, in1, out1, in2, out2 := v.ac, v.ds, v.in1, v.out1, v.in2, v.out2
	keep, lg, rest := v.keep, v.lg, v.rest
	storeBM := v.noBM == 0
	// ihc_step's two_cap update, reassociated to shorten its chain of
	// dependent operations (the pass's bound): with c = cap1 and
	// a = c + (1 − c)·in1 (the recharged capacitor), cap1' = a − g·c·out1
	// and the receptor potential 1 − cap1' = (1 − a) + g·c·out1; the
	// output low-pass lpf1 + lpfc·(o·gain − lpf1) as
	// lpf1·(1 − lpfc) + o·lpfc·gain; z³ + z² as z²(z + 1). Rounding only.
	for i := range n {
		b := zy[i] - acc[i]
		acc[i] = math.FMA(ac, b, acc[i])
		if storeBM {
			bm[i] = b
		}
		z := max(b+0.175, 0)
		zz := z * z
		cond := (zz * z) / math.FMA(zz, z+1, 0.1)
		c := cap1[i]
		a := math.FMA(1-c, in1, c)
		k := cond * (c * out1)
		cap1[i] = a - k
		rp := (1 - a) + k
		c2 := cap2[i]
		cap2[i] = math.FMA(-(rp * c2), out2, math.FMA(1-c2, in2, c2))
		l := math.FMA(lpf1[i], keep, rp*(c2*lg))
		lpf1[i] = l
		y := l - rest
		nap[i] = y
		accum[i] = math.FMA(ds, y, accum[i])
	}
}

// carfacIHCGeneric is pass 3 for the one_cap and just_hwr IHCs.
func (c *CARFAC) carfacIHCGeneric(ear *carfacEar) {
	d := c.d
	n := len(ear.z1)
	q := &d.ihc
	zy, acc, bm, nap := ear.zy[:n], ear.acc[:n], ear.bm[:n], ear.nap[:n]
	cap1, lpf1, lpf2, accum := ear.cap1[:n], ear.lpf1[:n], ear.lpf2[:n], ear.accum[0][:n]
	ac, ds := d.acCoeff, d.agc[0].detectScale
	for i := range n {
		b := zy[i] - acc[i]
		acc[i] += ac * b
		bm[i] = b
		var o float64
		if q.style == 1 {
			cur := carfacDetect(b) * cap1[i]
			cap1[i] = cap1[i] - cur*q.outRate + (1-cap1[i])*q.inRate
			l1 := lpf1[i] + q.lpfCoeff*(cur*q.outputGain-lpf1[i])
			l2 := lpf2[i] + q.lpfCoeff*(l1-lpf2[i])
			lpf1[i], lpf2[i] = l1, l2
			o = l2 - q.restOutput
		} else {
			o = min(2, max(0, b))
		}
		nap[i] = o
		accum[i] += ds * o
	}
}

// step advances one ear by one sample of input x.
func (c *CARFAC) step(ear *carfacEar, x float64) {
	v := &ear.vecs
	if carfacSIMD {
		carfacPhaseAAVX2(v)
	} else {
		carfacPhaseAGo(v)
	}
	switch {
	case c.d.ihc.style != 2 || c.d.delayBuf:
		carfacRipple(v, x, c.d.delayBuf, v.n)
		if c.d.ihc.style == 2 {
			carfacPhaseCGo(v)
		} else {
			c.carfacIHCGeneric(ear)
		}
	case carfacSIMD:
		carfacRippleAsm(v, x)
		carfacPhaseCAVX2(v)
	default:
		carfacRipple(v, x, false, v.n)
		carfacPhaseCGo(v)
	}
}

// agcStep advances the AGC's decimation phases and, where a stage's phase
// comes round, updates it (agc_step, agc_recurse; Lyon 2017, chapter 19).
// It reports whether stage 0 updated. The ears update together.
func (c *CARFAC) agcStep() bool {
	return c.agcRecurse(0)
}

// agcDue reports whether stage 0 of the AGC updates after this sample
// (then agcStep must run); where it does not, it advances stage 0's phase
// itself, which is all agcStep would do. Small enough to inline: most
// samples cost no call.
func (c *CARFAC) agcDue() bool {
	p := &c.phase[0]
	if *p+1 < c.dec0 {
		*p++
		return false
	}
	return true
}

// agcRecurse updates stage s of every ear if its phase comes round: the
// stage's input is its accumulated input over the decimation, to which the
// next stage (updated first) adds stage_gain times its memory; the memory
// moves ε toward it and is smoothed across channels.
func (c *CARFAC) agcRecurse(s int) bool {
	st := &c.d.agc[s]
	c.phase[s]++
	if c.phase[s] < st.decimation {
		return false
	}
	c.phase[s] = 0
	n := c.d.nCh
	last := s == len(c.d.agc)-1
	for e := range c.ears {
		ear := &c.ears[e]
		// The accumulator becomes the stage's input (in place: it is
		// not read again before it is cleared below).
		acc := ear.accum[s][:n]
		switch {
		case st.decimation&(st.decimation-1) != 0:
			for i := range n {
				acc[i] /= float64(st.decimation)
			}
			if !last {
				nxt := ear.accum[s+1][:n]
				for i := range n {
					nxt[i] += acc[i]
				}
			}
		default: // over the padded channels; the padding is cleared in agcUpdate
			var nxt *float64
			if !last {
				nxt = &ear.accum[s+1][0]
			}
			if carfacSIMD {
				carfacAGCScaleAVX2(&ear.accum[s][0], nxt, len(ear.accum[s]), st.invDecimation)
			} else {
				carfacAGCScaleGo(&ear.accum[s][0], nxt, len(ear.accum[s]), st.invDecimation)
			}
		}
	}
	if !last {
		c.agcRecurse(s + 1)
	}
	for e := range c.ears {
		c.agcUpdate(&c.ears[e], s)
	}
	return true
}

// agcUpdate moves stage s of one ear toward its input (plus stage_gain
// times the next stage's memory) and smooths it across channels; for stage
// 0 with the loop closed it then sets the ramps (close_agc_loop: it reads
// only stage 0, which the binaural coupling never mixes, so it may run
// before the coupling). The default smoothing (3 taps, one iteration) runs
// in the same pass as the update and the ramps, one channel behind.
func (c *CARFAC) agcUpdate(ear *carfacEar, s int) {
	st := &c.d.agc[s]
	n := c.d.nCh
	last := s == len(c.d.agc)-1
	in, mem := ear.accum[s][:n], ear.mem[s][:n]
	eps, gain := st.epsilon, st.stageGain
	var nm []float64
	if !last {
		nm = ear.mem[s+1][:n]
	}
	ramps := s == 0 && !c.open
	if st.nTaps != 3 || st.iterations != 1 || n < 2 {
		for i := range n {
			x := in[i]
			if !last {
				x += gain * nm[i]
			}
			mem[i] += eps * (x - mem[i])
		}
		clear(ear.accum[s]) // with its padding
		c.smooth(st, mem)
		if ramps {
			c.setRamps(ear, mem)
		}
		return
	}
	// The default: over the padded channels, whose memory is then
	// cleared so that it stays finite (the real channels never read it).
	a := &ear.agcArgs[s]
	if carfacSIMD {
		carfacAGCUpdate3AVX2(a)
	} else {
		carfacAGCUpdate3Go(a)
	}
	clear(ear.mem[s][n:])
	if ramps {
		c.setRamps(ear, ear.mem[s])
	}
}

// setRamps sets each channel's ramps toward the AGC's new target over the
// next decimation[0] samples (close_agc_loop), from stage 0's memory m:
// undamping u = (1 − m)·ohc_health, zb → zr·u, g → stage_g(u).
func (c *CARFAC) setRamps(ear *carfacEar, m []float64) {
	d := c.d
	n := d.nCh
	m = m[:n]
	dec, inv := d.agc[0].decimation, d.agc[0].invDecimation
	health, zr, ga, gb, gc := d.health[:n], d.zr[:n], d.ga[:n], d.gb[:n], d.gc[:n]
	dzb, zb, dg, g := ear.dzb[:n], ear.zb[:n], ear.dg[:n], ear.g[:n]
	if d.version1 {
		for i := range n {
			u := (1 - m[i]) * health[i]
			dzb[i] = divide(zr[i]*u-zb[i], dec, inv)
			dg[i] = divide(d.exactStageG(i, u)-g[i], dec, inv)
		}
		return
	}
	if dec&(dec-1) == 0 { // over the padded channels (their coefficients are 0)
		// m is stage 0's memory, which ear.ramps reads.
		if carfacSIMD {
			carfacRampsAVX2(&ear.ramps)
		} else {
			carfacRampsGo(&ear.ramps)
		}
		return
	}
	for i := range n {
		u := (1 - m[i]) * health[i]
		dzb[i] = (zr[i]*u - zb[i]) / float64(dec)
		dg[i] = ((ga[i]*(u*u) + gb[i]*u + gc[i]) - g[i]) / float64(dec)
	}
}

// divide is x/d, as a product with 1/d where that is exact (d a power of
// two: the default decimations), which is cheaper.
func divide(x float64, d int, inv float64) float64 {
	if d&(d-1) == 0 {
		return x * inv
	}
	return x / float64(d)
}

// smooth applies the stage's spatial FIR to m, its iterations times, with
// the edge values repeated (spatial_smooth).
func (c *CARFAC) smooth(st *agcStage, m []float64) {
	n := len(m)
	t := c.tmp[:n]
	f0, f1, f2 := st.fir[0], st.fir[1], st.fir[2]
	for range st.iterations {
		copy(t, m)
		if st.nTaps == 3 {
			if n == 1 {
				m[0] = f0*t[0] + f1*t[0] + f2*t[0]
				continue
			}
			m[0] = f0*t[0] + f1*t[0] + f2*t[1]
			for i := 1; i < n-1; i++ {
				m[i] = f0*t[i-1] + f1*t[i] + f2*t[i+1]
			}
			m[n-1] = f0*t[n-2] + f1*t[n-1] + f2*t[n-1]
			continue
		}
		// 5 taps: the outer neighbours past an edge are the reference's
		// shift_right_two/shift_left_two fill, [s0 s1 …] and […, s(n−1), s(n−2)].
		for i := range n {
			var l2, r2 float64
			switch {
			case i >= 2:
				l2 = t[i-2]
			default:
				l2 = t[i]
			}
			switch {
			case i <= n-3:
				r2 = t[i+2]
			case i == n-2:
				r2 = t[n-1]
			default:
				r2 = t[n-2]
			}
			l1, r1 := t[max(i-1, 0)], t[min(i+1, n-1)]
			m[i] = f0*(l2+l1) + f1*t[i] + f2*(r1+r2)
		}
	}
}

// crossCouple mixes the AGC stages of the ears toward their mean, each
// stage that has just updated by its mix coefficient (cross_couple).
func (c *CARFAC) crossCouple() {
	ne, n := len(c.ears), c.d.nCh
	mean := c.tmp[:n]
	for s := range c.d.agc {
		if c.phase[s] > 0 {
			return
		}
		mix := c.d.agc[s].mixCoeff
		if mix <= 0 {
			continue
		}
		clear(mean)
		for e := range c.ears {
			m := c.ears[e].mem[s][:n]
			for i := range n {
				mean[i] += m[i]
			}
		}
		for i := range n {
			mean[i] /= float64(ne)
		}
		for e := range c.ears {
			m := c.ears[e].mem[s][:n]
			for i := range n {
				m[i] += mix * (mean[i] - m[i])
			}
		}
	}
}

// carfacKernel streams one output of CARFAC as a filterbank.Kernel: it
// reads one channel per ear and writes NumEars·NumChannels channels, ear-
// major. The cascade couples all channels, so the bank does not split
// them; CARFAC.Run can pipeline one ear over several cores itself
// (SetWorkers, carfac_parallel.go).
type carfacKernel struct {
	c   *CARFAC
	out CARFACOutput
}

func (k *carfacKernel) NumChannels() int { return k.c.NumEars() * k.c.NumChannels() }
func (k *carfacKernel) Reset()           { k.c.Reset() }
func (k *carfacKernel) Process(out []float64, in [][]float64, frames int) error {
	if len(in) != 1 {
		return fmt.Errorf("cochlea: CARFAC kernel reads one input, got %d", len(in))
	}
	var rows CARFACRows
	switch k.out {
	case CARFACNAP:
		rows.NAP = out
	case CARFACBM:
		rows.BM = out
	case CARFACOHC:
		rows.OHC = out
	case CARFACAGC:
		rows.AGC = out
	}
	return k.c.Run(in[0], frames, rows)
}

// CARFACBank streams CARFAC on src, one ear per channel of src (in model
// units: rms 1 is 104 dB SPL), at src's sample rate: output is the
// chosen output of every channel of every ear, ear-major (ear 0's channels
// from the base, then ear 1's). It returns the bank and the channels' pole
// frequencies (Hz).
func CARFACBank(src sound.Source, p CARFACParams, output CARFACOutput) (*filterbank.Bank, []float64, error) {
	if src == nil {
		return nil, nil, fmt.Errorf("cochlea: CARFAC has a nil source")
	}
	if output < CARFACNAP || output > CARFACAGC {
		return nil, nil, fmt.Errorf("cochlea: CARFAC output %v is not nap, bm, ohc or agc", output)
	}
	c, err := NewCARFAC(src.SampleRate(), src.NumChannels(), p)
	if err != nil {
		return nil, nil, err
	}
	b, err := newBank("CARFAC", &carfacKernel{c: c, out: output}, src, src.NumChannels())
	if err != nil {
		return nil, nil, err
	}
	cf := c.CFs()
	tiled := make([]float64, 0, b.NumChannels())
	for range src.NumChannels() { // ear-major
		tiled = append(tiled, cf...)
	}
	if err := b.SetCentreFrequencies(tiled); err != nil {
		return nil, nil, fmt.Errorf("cochlea: CARFAC: %w", err)
	}
	return b, cf, nil
}

// CARFACCochleagram is the cochleagram pipeline of CARFAC v2 with its
// defaults (two_cap IHC, closed loop): it streams the NAP of every channel
// of each ear (one ear per channel of src, in model units: rms 1 is
// 104 dB SPL), ear-major, and returns the channels' pole frequencies (Hz).
// Unlike CARFACBank (the reference's order, base first), the channels of
// each ear come apex first, in increasing frequency, as every other
// gohears bank and the plot package order them.
func CARFACCochleagram(src sound.Source) (sound.Source, []float64, error) {
	b, cf, err := CARFACBank(src, DefaultCARFACParams(), CARFACNAP)
	if err != nil {
		return nil, nil, err
	}
	n := len(cf)
	mapping := make([]int, 0, b.NumChannels())
	for e := range src.NumChannels() {
		for c := n - 1; c >= 0; c-- {
			mapping = append(mapping, e*n+c)
		}
	}
	r, err := filterbank.Restructure([]sound.Source{b}, 1, filterbank.JoinSerial, 1, mapping)
	if err != nil {
		return nil, nil, fmt.Errorf("cochlea: CARFAC: %w", err)
	}
	slices.Reverse(cf)
	return r, cf, nil
}
