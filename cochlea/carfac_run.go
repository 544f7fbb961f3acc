package cochlea

import (
	"fmt"
	"slices"

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
type carfacEar struct {
	z1, z2, za, zb, dzb, zy, g, dg, acc []float64
	cap1, cap2, lpf1, lpf2, ihcAC       []float64 // cap1 is one_cap's cap_voltage
	mem, accum                          [][]float64
	bm                                  []float64 // this sample's BM row
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
	ears  []carfacEar
	phase []int       // decim_phase of each AGC stage (shared by the ears, which update together)
	agcIn [][]float64 // scratch: each stage's input on an update
	tmp   []float64   // scratch for the spatial smoothing
	open  bool
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
	c := &CARFAC{d: d, ears: make([]carfacEar, nEars), phase: make([]int, len(d.agc)), open: d.openLoop}
	n := d.nCh
	c.agcIn = make([][]float64, len(d.agc))
	for s := range c.agcIn {
		c.agcIn[s] = make([]float64, n)
	}
	c.tmp = make([]float64, n)
	for e := range c.ears {
		ear := &c.ears[e]
		for _, p := range []*[]float64{&ear.z1, &ear.z2, &ear.za, &ear.zb, &ear.dzb, &ear.zy, &ear.g, &ear.dg, &ear.acc,
			&ear.cap1, &ear.cap2, &ear.lpf1, &ear.lpf2, &ear.ihcAC, &ear.bm} {
			*p = make([]float64, n)
		}
		ear.mem = make([][]float64, len(d.agc))
		ear.accum = make([][]float64, len(d.agc))
		for s := range d.agc {
			ear.mem[s] = make([]float64, n)
			ear.accum[s] = make([]float64, n)
		}
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
		for _, v := range [][]float64{ear.z1, ear.z2, ear.za, ear.dzb, ear.zy, ear.dg, ear.acc, ear.ihcAC} {
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
		for i := range d.nCh {
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
			c.carStep(ear, x[k*ne+e])
			if o := row(out.BM, k, e); o != nil {
				copy(o, ear.bm)
			}
			c.ihcStep(ear, row(out.NAP, k, e))
			if o := row(out.OHC, k, e); o != nil {
				copy(o, ear.za)
			}
			if o := row(out.AGC, k, e); o != nil {
				copy(o, ear.zb)
			}
		}
		if c.agcStep() {
			if ne > 1 {
				c.crossCouple()
			}
			if !c.open {
				c.closeLoop()
			}
		}
	}
	return nil
}

// carStep advances one ear's cascade by one sample of input x (car_step;
// Lyon 2017, chapter 17): the gains and undamping move one step along
// their ramps; each stage's state (z1, z2) rotates by its pole angle and
// shrinks by r = r1 + zb·nlf(v), v = z2 − za, nlf(v) = 1/(1 + (s·v + o)²);
// then the input ripples down the cascade, each stage adding its input to
// z1 and passing g·(input + h·z2) on. The BM output is the cascade output,
// high-passed at ac_corner_hz in v2.
func (c *CARFAC) carStep(ear *carfacEar, x float64) {
	d := c.d
	n := d.nCh
	r1, a0, c0, h := d.r1[:n], d.a0[:n], d.c0[:n], d.h[:n]
	z1, z2, za, zb, dzb := ear.z1[:n], ear.z2[:n], ear.za[:n], ear.zb[:n], ear.dzb[:n]
	zy, g, dg, acc, bm := ear.zy[:n], ear.g[:n], ear.dg[:n], ear.acc[:n], ear.bm[:n]
	vs, vo, ac := d.vScale, d.vOffset, d.acCoeff
	linear, delay, v1 := d.linear, d.delayBuf, d.version1
	in := x
	for i := range n {
		gi := g[i] + dg[i]
		g[i] = gi
		zbi := zb[i] + dzb[i]
		zb[i] = zbi
		z1o, z2o := z1[i], z2[i]
		nlf := 1.0
		if !linear {
			u := (z2o-za[i])*vs + vo
			nlf = 1 / (1 + u*u)
		}
		r := r1[i] + zbi*nlf
		za[i] = z2o
		nz1 := r * (a0[i]*z1o - c0[i]*z2o)
		nz2 := r * (c0[i]*z1o + a0[i]*z2o)
		var y float64
		if delay {
			// The stage's input is the previous stage's output of the
			// previous sample (zy before this update; x for stage 0).
			nz1 += in
			old := zy[i]
			y = gi * (h[i]*nz2 + in)
			in = old
		} else {
			nz1 += in
			y = gi * (in + h[i]*nz2)
			in = y
		}
		z1[i], z2[i], zy[i] = nz1, nz2, y
		if v1 {
			bm[i] = y
		} else {
			b := y - acc[i]
			acc[i] += ac * b
			bm[i] = b
		}
	}
}

// ihcStep advances one ear's inner hair cells by one sample of its BM row
// and adds the NAP to the AGC's input (ihc_step; Lyon 2017, chapter 18).
// nap, if not nil, receives the NAP row.
func (c *CARFAC) ihcStep(ear *carfacEar, nap []float64) {
	d := c.d
	n := d.nCh
	q := &d.ihc
	bm, acc := ear.bm[:n], ear.accum[0][:n]
	ds := d.agc[0].detectScale
	cap1, cap2, lpf1, lpf2, hp := ear.cap1[:n], ear.cap2[:n], ear.lpf1[:n], ear.lpf2[:n], ear.ihcAC[:n]
	v1, ac := d.version1, d.acCoeff
	for i := range n {
		x := bm[i]
		if v1 {
			// lyon2011: the 20 Hz AC coupler sits at the IHC input.
			b := x - hp[i]
			hp[i] += ac * b
			x = b
		}
		var o float64
		switch q.style {
		case 2:
			cond := carfacDetect(x)
			cur := cond * cap1[i]
			c1 := cap1[i] - cur*q.out1Rate + (1-cap1[i])*q.in1Rate
			cap1[i] = c1
			o = (1 - c1) * cap2[i]
			cap2[i] = cap2[i] - o*q.out2Rate + (1-cap2[i])*q.in2Rate
			l := lpf1[i] + q.lpfCoeff*(o*q.outputGain-lpf1[i])
			lpf1[i] = l
			o = l - q.restOutput
		case 1:
			cond := carfacDetect(x)
			cur := cond * cap1[i]
			cap1[i] = cap1[i] - cur*q.outRate + (1-cap1[i])*q.inRate
			l1 := lpf1[i] + q.lpfCoeff*(cur*q.outputGain-lpf1[i])
			l2 := lpf2[i] + q.lpfCoeff*(l1-lpf2[i])
			lpf1[i], lpf2[i] = l1, l2
			o = l2 - q.restOutput
		default:
			o = min(2, max(0, x))
		}
		if nap != nil {
			nap[i] = o
		}
		acc[i] += ds * o
	}
}

// agcStep advances the AGC's decimation phases and, where a stage's phase
// comes round, updates it (agc_step, agc_recurse; Lyon 2017, chapter 19).
// It reports whether stage 0 updated. The ears update together.
func (c *CARFAC) agcStep() bool {
	return c.agcRecurse(0)
}

// agcRecurse updates stage s of every ear if its phase comes round: the
// stage's input is its accumulated input over the decimation, to which the
// next stage (updated first) adds stage_gain times its memory; the memory
// moves ε toward it and is smoothed across channels.
func (c *CARFAC) agcRecurse(s int) bool {
	st := &c.d.agc[s]
	c.phase[s] = (c.phase[s] + 1) % st.decimation
	if c.phase[s] != 0 {
		return false
	}
	n := c.d.nCh
	last := s == len(c.d.agc)-1
	inv := float64(st.decimation)
	for e := range c.ears {
		ear := &c.ears[e]
		in, acc := c.agcIn[s][:n], ear.accum[s][:n]
		for i := range n {
			in[i] = acc[i] / inv
			acc[i] = 0
		}
		if !last {
			nxt := ear.accum[s+1][:n]
			for i := range n {
				nxt[i] += in[i]
			}
		}
		// Stash this ear's input in its accumulator slot's place: the
		// accumulator is zero now and is not read before the next
		// recursion level has consumed its own input.
		copy(acc, in)
	}
	if !last {
		c.agcRecurse(s + 1)
	}
	for e := range c.ears {
		ear := &c.ears[e]
		in, mem := ear.accum[s][:n], ear.mem[s][:n]
		if !last {
			nm := ear.mem[s+1][:n]
			for i := range n {
				in[i] += st.stageGain * nm[i]
			}
		}
		for i := range n {
			mem[i] += st.epsilon * (in[i] - mem[i])
		}
		clear(in)
		c.smooth(st, mem)
	}
	return true
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
			for i := range n {
				l, r := t[max(i-1, 0)], t[min(i+1, n-1)]
				m[i] = f0*l + f1*t[i] + f2*r
			}
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

// closeLoop sets the ramps that bring each ear's undamping and stage gain
// to the AGC's new target over the next decimation[0] samples
// (close_agc_loop): undamping = (1 − AGC stage 0)·ohc_health.
func (c *CARFAC) closeLoop() {
	d := c.d
	n := d.nCh
	dec := float64(d.agc[0].decimation)
	for e := range c.ears {
		ear := &c.ears[e]
		m := ear.mem[0][:n]
		for i := range n {
			u := (1 - m[i]) * d.health[i]
			ear.dzb[i] = (d.zr[i]*u - ear.zb[i]) / dec
			ear.dg[i] = (d.stageG(i, u) - ear.g[i]) / dec
		}
	}
}

// carfacKernel streams one output of CARFAC as a filterbank.Kernel: it
// reads one channel per ear and writes NumEars·NumChannels channels, ear-
// major. The cascade couples all channels, so it runs on one core.
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
	return b, c.CFs(), nil
}

// CARFACCochleagram is the cochleagram pipeline of CARFAC v2 with its
// defaults (two_cap IHC, closed loop): it streams the NAP of every channel
// of each ear (one ear per channel of src, in model units: rms 1 is
// 104 dB SPL), ear-major, and returns the channels' pole frequencies (Hz),
// channel 0 at the base.
func CARFACCochleagram(src sound.Source) (sound.Source, []float64, error) {
	b, cf, err := CARFACBank(src, DefaultCARFACParams(), CARFACNAP)
	if err != nil {
		return nil, nil, err
	}
	return b, cf, nil
}
