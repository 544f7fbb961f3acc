package cochlea

import (
	"fmt"
	"math"
	"math/bits"
	"sync"

	"github.com/gohears/hears/filterbank"
	"github.com/gohears/hears/internal/vecmath"
	"github.com/gohears/hears/sound"
)

// What the IHC kernel writes (probes for the tests of the filters).
const (
	zOutIHC       = iota // the IHC potential, delayed by the front delay (the model's output)
	zOutUndelayed        // the IHC potential without the front delay
	zOutC1               // the C1 (signal-path) filter output
	zOutC2               // the C2 (parallel-path) filter output
)

// zPole is a pole of the chirp filters' analogue prototype, in rad/s.
type zPole struct{ re, im float64 }

// zChirp is one of the tenth-order chirping filters C1 and C2 (Zhang et al.
// 2001; Tan & Carney 2003; Zilany & Bruce 2006): five sections, each a
// complex pole pair and a real zero mapped by the bilinear transform
// prewarped at cf, on three distinct pole positions p1 (twice), p3 and p5
// (twice). When the pole real parts move, the zero moves with them so that
// the phase at cf stays at its resting value.
type zChirp struct {
	x1, x2 float64       // input history of the first section
	y      [5][2]float64 // output history (y[n−1], y[n−2]) of each section
}

// zChirpCoef holds one sample's coefficients of the five sections: for the
// pole pairs p1, p3, p5, the zero terms and the feedback terms, divided by
// the common denominator.
type zChirpCoef struct {
	z0, z1, z2 [3]float64 // numerator: x·z0 + x1·z1 + x2·z2
	a1, a2     [3]float64 // feedback: + y1·a1 − y2·a2
}

// zSectionPole says which of the three distinct pole pairs each section uses.
var zSectionPole = [5]int{0, 1, 2, 0, 2}

func (f *zChirp) step(x float64, c *zChirpCoef) float64 {
	a0, a1, a2 := x, f.x1, f.x2
	f.x2, f.x1 = f.x1, x
	for s := range f.y {
		j := zSectionPole[s]
		y1, y2 := f.y[s][0], f.y[s][1]
		dy := a0*c.z0[j] + a1*c.z1[j] + a2*c.z2[j] + y1*c.a1[j] - y2*c.a2[j]
		a0, a1, a2 = dy, y1, y2
		f.y[s][1], f.y[s][0] = y1, dy
	}
	return a0
}

// zilanyChannel is the state and constants of one characteristic frequency.
type zilanyChannel struct {
	cf float64

	// Control path: the wide-band (third-order gammatone-like) filter at
	// the shifted centre frequency, the OHC nonlinearity and low-pass.
	wbDelta  float64       // phase step −2π·fc·tdres of the frequency shift
	wbRot    complex128    // exp(i·phase) of the frequency shift
	wbStep   complex128    // exp(i·wbDelta), its rotation per sample
	wb       [4]complex128 // last outputs of the shift and the three low-pass stages
	tauWB    float64       // current time constant of the wide-band filter (s)
	wbGain   float64       // current gain of the wide-band filter
	wbGains  []float64     // future gains, by frame mod len (0: not set)
	n        int           // frames processed (index into wbGains)
	ohcLP    [3]float64    // OHC low-pass stages (input, two outputs), last values
	tauWBMax float64       // TauWBMax (s)
	tauWBMin float64       // TauWBMin (s)
	wbScale  float64       // 10e3·max(1, cf/5 kHz), scaling of the control signal
	cosShift float64       // cos(2π·(fc − cf)·tdres), for the wide-band gain
	wbGainK  float64       // 1/(2·(1 + cosShift))
	wbA, wbB float64       // the wide-band low-pass for tauWB: pole a and gain b
	invS0    float64       // 1/nlS0
	invTau   float64       // 1/bmTauMax
	bmTauMax float64       // C1's time constant at low level (s)
	bmTauMin float64       // C1's time constant at high level (s)
	nlMinR   float64       // NLafterohc: floor of the ratio
	nlS0     float64       // NLafterohc: slope
	tauRange float64       // (TauWBMax − TauWBMin)/(bmTauMax − bmTauMin)
	cohc     float64       // outer-hair-cell scaling
	cihc     float64       // inner-hair-cell scaling
	c2Scale  float64       // cf/10·cf/2e3 (C2's transduction scaling)

	// Chirp filters.
	sigma0, ipw, ipb, rpa float64    // resting pole constants (1/s, rad/s)
	fsb, cfw              float64    // bilinear constant prewarped at cf; 2π·cf
	initPhase             float64    // the filters' phase terms at rest (rad)
	restConj              complex128 // conjugate of the product of the sections' factors at rest
	zeroRot               complex128 // exp(i·zeroPhase)
	w                     complex128 // exp(iΦ/5), Φ the poles' phase change from rest
	zLast                 complex128 // exp(iΦ) when w was last set (w⁵ to rounding)
	zCount                int        // trackZero calls, for the periodic re-anchoring
	zeroPhase             float64    // atan(2π·cf/pzero), the zero's phase at rest
	normGain              float64    // gain normalisation, /4 included
	c1, c2                zChirp
	c1Coef, c2Coef        zChirpCoef

	ihcLP [8]float64 // IHC low-pass stages, last values

	delay []float64 // ring of the last len(delay) undelayed outputs
	dpos  int
}

// ZilanyIHCKernel is the inner-hair-cell stage of the Zilany, Bruce & Carney
// (2014) model from the middle-ear output: per characteristic frequency the
// signal-path C1 chirping filter whose bandwidth follows the control path
// (wide-band filter at a basally shifted frequency, OHC Boltzmann
// nonlinearity and low-pass), the parallel-path C2 filter, the two IHC
// transduction functions and the 7th-order 3 kHz IHC low-pass, and the
// front delay. Channels are independent (ChannelParallel).
type ZilanyIHCKernel struct {
	ch    []zilanyChannel
	init  []zilanyChannel
	tdres float64
	out   int
	// ohc low-pass (600 Hz, order 2) and IHC low-pass (3 kHz, order 7)
	ohcC1, ohcC2, ihcC1, ihcC2 float64
}

// ZilanyIHC is the inner-hair-cell stage of the Zilany, Bruce & Carney
// (2014) auditory-nerve model: src is the sound pressure (Pa) at 100 to
// 500 kHz, with one channel per cf or one channel feeding all; the output
// is the IHC relative transmembrane potential (V) at each characteristic
// frequency cf (Hz), delayed by ZilanyDelay(cf) samples (zero before) as
// the authors' model_IHC returns it. The species' middle ear is included.
func ZilanyIHC(src sound.Source, cf []float64, p ZilanyParams) (*filterbank.Bank, error) {
	return zilanyIHC(src, cf, p, zOutIHC)
}

// ZilanyIHCUndelayed is ZilanyIHC without the front delay: frame n holds
// what ZilanyIHC gives at frame n + ZilanyDelay(cf). A consumer that needs
// to look ahead of the delayed potential (the synapse of package anf, whose
// resampling filter is symmetric) applies the delay itself.
func ZilanyIHCUndelayed(src sound.Source, cf []float64, p ZilanyParams) (*filterbank.Bank, error) {
	return zilanyIHC(src, cf, p, zOutUndelayed)
}

func zilanyIHC(src sound.Source, cf []float64, p ZilanyParams, out int) (*filterbank.Bank, error) {
	if src == nil {
		return nil, fmt.Errorf("cochlea: Zilany2014 has a nil source")
	}
	if n := src.NumChannels(); n != 1 && n != len(cf) {
		return nil, fmt.Errorf("cochlea: Zilany2014: the source has %d channels; it needs 1 or one per cf (%d)", n, len(cf))
	}
	k, err := NewZilanyIHCKernel(cf, src.SampleRate(), p)
	if err != nil {
		return nil, err
	}
	k.out = out
	me, err := ZilanyMiddleEar(src, p.Species)
	if err != nil {
		return nil, err
	}
	return newTunedBank("Zilany2014", k, me, cf)
}

// zilanyValuesPerChannel is the most float64 values the IHC stage holds per
// channel, a block of 1024 frames included: its state grows with the sample
// rate and falls with cf (the ring of pending wide-band gains and the front
// delay, each kept twice for Reset). TestMemoryPerChannel measures 9,507 at
// the worst, cf 125 Hz at 500 kHz.
const zilanyValuesPerChannel = 10 << 10

// NewZilanyIHCKernel builds the IHC stage for characteristic frequencies cf
// (Hz) at sample rate fs (Hz); its input is the middle-ear output.
func NewZilanyIHCKernel(cf []float64, fs float64, p ZilanyParams) (*ZilanyIHCKernel, error) {
	if err := p.check(); err != nil {
		return nil, err
	}
	if !(fs >= ZilanyMinRate && fs <= ZilanyMaxRate) {
		return nil, fmt.Errorf("cochlea: Zilany2014 runs at %g to %g Hz, not %v Hz (resample the sound first)", ZilanyMinRate, ZilanyMaxRate, fs)
	}
	if err := checkCFMemory("Zilany2014", cf, fs, zilanyValuesPerChannel); err != nil {
		return nil, err
	}
	hi := ZilanyMaxCF(p.Species)
	for i, f := range cf {
		if f < ZilanyMinCF-0.1 || f > hi+100 {
			return nil, fmt.Errorf("cochlea: Zilany2014: cf[%d] = %v Hz is outside the model's %g Hz to %g Hz for the %v", i, f, ZilanyMinCF, hi, p.Species)
		}
	}
	tdres := 1 / fs
	k := &ZilanyIHCKernel{tdres: tdres}
	lp := func(fc float64) (float64, float64) {
		c := 2.0 / tdres
		return (c - zTwoPi*fc) / (c + zTwoPi*fc), zTwoPi * fc / (zTwoPi*fc + c)
	}
	k.ohcC1, k.ohcC2 = lp(600)
	k.ihcC1, k.ihcC2 = lp(3000)
	k.ch = make([]zilanyChannel, len(cf))
	for i, f := range cf {
		if err := k.setup(&k.ch[i], f, p); err != nil {
			return nil, fmt.Errorf("cochlea: Zilany2014 channel %d (cf %v Hz): %w", i, f, err)
		}
	}
	k.init = make([]zilanyChannel, len(cf))
	for i := range k.ch {
		k.init[i] = k.ch[i]
		k.init[i].wbGains = append([]float64(nil), k.ch[i].wbGains...)
		k.init[i].delay = append([]float64(nil), k.ch[i].delay...)
	}
	return k, nil
}

// setup computes the constants and the resting state of one channel
// (Zilany & Bruce 2006, 2007; Zilany et al. 2009).
func (k *ZilanyIHCKernel) setup(c *zilanyChannel, cf float64, p ZilanyParams) error {
	tdres := k.tdres
	c.cf, c.cohc, c.cihc = cf, p.COHC, p.CIHC
	fc := zilanyShiftedCF(cf, p.Species)
	gain := zilanyGain(cf)

	// Time constants: the control-path (order 3) filter's TauMax from the
	// low-level bandwidth (Q10), TauMin from the gain; C1's from TauMax
	// over a bandwidth factor 0.7, with a ratio set by the gain.
	const wbOrder = 3
	bw := cf / zilanyQ10(cf, p.Species)
	tauMax := 2.0 / (zTwoPi * bw)
	tauMin := tauMax * math.Pow(10, -gain/(20.0*wbOrder))
	ratioBM := math.Pow(10, -gain/(20.0*2.5))
	c.bmTauMax = tauMax / 0.7
	c.bmTauMin = c.bmTauMax * ratioBM
	bmTau := p.COHC*(c.bmTauMax-c.bmTauMin) + c.bmTauMin
	c.tauWBMax = tauMin + 0.2*(tauMax-tauMin)
	c.tauWBMin = c.tauWBMax / tauMax * tauMin
	c.tauRange = (c.tauWBMax - c.tauWBMin) / (c.bmTauMax - c.bmTauMin)
	c.tauWB = c.tauWBMax + (bmTau-c.bmTauMax)*c.tauRange
	c.cosShift = math.Cos(zTwoPi * (fc - cf) * tdres)
	c.wbGainK = 1 / (2 * (1 + c.cosShift))
	c.wbDelta = -zTwoPi * fc * tdres
	c.wbRot = 1
	c.wbStep = complex(math.Cos(c.wbDelta), math.Sin(c.wbDelta))
	c.wbScale = 10e3 * math.Max(1, cf/5e3)
	g0, _ := c.wideBandGain(c.tauWB, 2/tdres)
	a0, b0 := c.wbA, c.wbB
	// The largest group delay of the wide-band filter over its range of
	// time constants sizes the ring of pending gains.
	maxDelay := 0
	for i := 0; i <= 1000; i++ {
		tau := c.tauWBMin + (c.tauWBMax-c.tauWBMin)*float64(i)/1000
		_, d := c.wideBandGain(tau, 2/tdres)
		maxDelay = max(maxDelay, d)
	}
	// A power of two, so that the ring index is a mask.
	c.wbA, c.wbB = a0, b0
	c.wbGains = make([]float64, 1<<bits.Len(uint(2*maxDelay+16)))
	c.wbGains[0] = g0
	c.wbGain = g0

	// NLafterohc: the map from the OHC output to C1's time constant.
	const ohcAsym = 7.0
	r := c.bmTauMin / c.bmTauMax
	c.nlMinR = 0.05
	if r < c.nlMinR {
		c.nlMinR = 0.5 * r
	}
	dc := (ohcAsym-1)/(ohcAsym+1.0)/2.0 - c.nlMinR
	c.nlS0 = -dc / math.Log((r-c.nlMinR)/(1-c.nlMinR))
	c.invS0 = 1 / c.nlS0

	// Chirp filters: resting poles and zero (Tan & Carney 2003's fits).
	c.sigma0 = 1 / c.bmTauMax
	c.invTau = c.sigma0
	c.ipw = 1.01*cf*zTwoPi - 50
	c.ipb = 0.2343*zTwoPi*cf - 1104
	c.rpa = math.Pow(10, math.Log10(cf)*0.9+0.55) + 2000
	pzero := math.Pow(10, math.Log10(cf)*0.7+1.6) + 500
	c.fsb = zTwoPi * cf / math.Tan(zTwoPi*cf*tdres/2)
	c.cfw = zTwoPi * cf
	c.zeroPhase = math.Atan(c.cfw / pzero)
	rest := c.poles(c.sigma0)
	c.initPhase = c.phase(&rest)
	var f [3]complex128
	for j, q := range rest {
		f[j] = complex(-q.re, c.cfw-q.im) * complex(-q.re, c.cfw+q.im)
	}
	rp := f[0] * f[0] * f[1] * f[2] * f[2]
	c.restConj = complex(real(rp), -imag(rp))
	c.zeroRot = complex(pzero, c.cfw) * complex(1/math.Hypot(pzero, c.cfw), 0)
	c.w, c.zLast = 1, 1
	norm := 1.0
	for s := range 5 {
		q := rest[zSectionPole[s]]
		norm *= ((c.cfw-q.im)*(c.cfw-q.im) + q.re*q.re) * ((c.cfw+q.im)*(c.cfw+q.im) + q.re*q.re)
	}
	c.normGain = math.Sqrt(norm) / math.Pow(math.Sqrt(c.cfw*c.cfw+pzero*pzero), 5) / 4.0
	if err := c.coefficients(&c.c1Coef, c.sigma0, false); err != nil {
		return err
	}
	// C2 is C1 with the outer hair cells fully impaired: its poles sit at
	// 1/bmTauMin for good.
	if err := c.coefficients(&c.c2Coef, c.sigma0/ratioBM, false); err != nil {
		return err
	}
	c.c2Scale = cf / 10 * cf / 2e3
	c.delay = make([]float64, ZilanyDelay(cf, 1/tdres))
	return checkFinite("Zilany2014", "constants", c.bmTauMax, c.bmTauMin, c.tauWB, g0, c.nlS0, c.normGain, c.initPhase)
}

// wideBandGain returns the gain that normalises the control-path filter
// with time constant tau (s) at cf, and its group delay in whole samples;
// twoFs is 2/tdres (Hz), the bilinear transform's constant.
func (c *zilanyChannel) wideBandGain(tau, twoFs float64) (float64, int) {
	d := tau * twoFs
	a := (d - 1) / (d + 1)
	c.wbA, c.wbB = a, 1.0/(d+1)
	num := 1 + a*a - 2*a*c.cosShift
	// The gain is sqrt(num/(2·b²·(1 + cos))) with b = 1/(d + 1).
	g := (d + 1) * math.Sqrt(num*c.wbGainK)
	gd := int(math.Floor(0.5 - (a*a-a*c.cosShift)/num))
	return g, gd
}

// poles returns the three distinct pole positions for the real part −sigma
// of the first pole.
func (c *zilanyChannel) poles(sigma float64) [3]zPole {
	p1 := zPole{-sigma, c.ipw}
	p5 := zPole{p1.re - c.rpa, p1.im - c.ipb}
	p3 := zPole{(p1.re + p5.re) * 0.5, (p1.im + p5.im) * 0.5}
	return [3]zPole{p1, p3, p5}
}

// phase is the poles' phase contribution at cf, summed over the five
// sections (with its sign: the arctangents subtract).
func (c *zilanyChannel) phase(p *[3]zPole) float64 {
	ph := 0.0
	for s := range 5 {
		q := p[zSectionPole[s]]
		ph -= math.Atan((c.cfw-q.im)/(-q.re)) + math.Atan((c.cfw+q.im)/(-q.re))
	}
	return ph
}

// coefficients sets the five sections' coefficients for poles whose first
// real part is −sigma, with the zero placed to keep the phase at cf.
func (c *zilanyChannel) coefficients(k *zChirpCoef, sigma float64, track bool) error {
	p := c.poles(sigma)
	if p[0].re > 0 {
		return fmt.Errorf("the chirp filter's poles are in the right half-plane")
	}
	// The zero sits where tan θ = −2πcf/rz with θ = zeroPhase + Φ/5, Φ the
	// change of the poles' phase at cf from rest (initPhase − phase).
	var rz float64
	if track && c.trackZero(&p) {
		e := c.zeroRot * c.w // exp(iθ)
		rz = -c.cfw * real(e) / imag(e)
	} else {
		rz = -c.cfw / math.Tan(c.zeroPhase+(c.initPhase-c.phase(&p))/5)
	}
	if rz > 0 {
		return fmt.Errorf("the chirp filter's zeros are in the right half-plane")
	}
	fs := c.fsb
	var den [3]float64
	for j, q := range p {
		den[j] = (fs-q.re)*(fs-q.re) + q.im*q.im
	}
	// One division for the three reciprocals.
	inv := 1 / (den[0] * den[1] * den[2])
	den = [3]float64{inv * den[1] * den[2], inv * den[0] * den[2], inv * den[0] * den[1]}
	for j, q := range p {
		den := den[j]
		k.z0[j] = (fs - rz) * den
		k.z1[j] = -2 * rz * den
		k.z2[j] = -(fs + rz) * den
		k.a1[j] = 2 * (fs*fs - q.re*q.re - q.im*q.im) * den
		k.a2[j] = ((fs+q.re)*(fs+q.re) + q.im*q.im) * den
	}
	return nil
}

// trackZero updates c.w = exp(iΦ/5) for the poles p without a
// trigonometric function: exp(iΦ) is the phase of the product of the
// sections' factors (−re + i(2πcf ∓ im)) over its value at rest, and its
// fifth root is followed from the last sample's: the poles move little
// from one sample to the next, and a third-order binomial series takes
// the root most of the way, followed by one or two Newton steps when the
// step is not tiny; steps of 10% or more take Newton's method from the
// last root. It reports false, leaving c.w alone, if Newton's method does
// not settle.
func (c *zilanyChannel) trackZero(p *[3]zPole) bool {
	var f [3]complex128
	for j, q := range p {
		f[j] = complex(-q.re, c.cfw-q.im) * complex(-q.re, c.cfw+q.im)
	}
	z := f[0] * f[0] * f[1] * f[2] * f[2] * c.restConj // sections use p1, p3, p5, p1, p5
	n := 1 / math.Sqrt(real(z)*real(z)+imag(z)*imag(z))
	z = complex(real(z)*n, imag(z)*n)
	// q = z/w⁵ is within rounding of 1 plus the phase step since the last
	// sample; its fifth root by the binomial series to the third order is
	// exact to rounding while |q − 1| < 1e-4 (the next term is below
	// 0.04·|q − 1|⁴). w⁵ is the z of the last update to rounding, so q is
	// taken as z·conj(zLast) (both of modulus 1), and from w⁵ itself every
	// 1024th call so that rounding cannot accumulate.
	w := c.w
	var q complex128
	if c.zCount&1023 != 0 {
		q = z * complex(real(c.zLast), -imag(c.zLast))
	} else {
		w2 := w * w
		w5 := w2 * w2 * w
		q = z * complex(real(w5), -imag(w5)) * complex(1/(real(w5)*real(w5)+imag(w5)*imag(w5)), 0)
	}
	c.zCount++
	e := q - 1
	ae := math.Abs(real(e)) + math.Abs(imag(e))
	if ae < 1e-4 {
		c.w = w * zFifthRootSeries(e)
		c.zLast = z
		return true
	}
	if ae < 1e-1 {
		// The series leaves a relative error below 0.034·|q − 1|⁴ (the
		// next term), 4e-10 for |q − 1| < 1e-2 and 4e-6 below 0.1;
		// Newton's method doubles the digits each step (the error δ
		// becomes about 2δ²): one step reaches rounding in the first
		// case, two in the second.
		w *= zFifthRootSeries(e)
		w -= newtonFifthStep(w, z)
		if ae >= 1e-2 {
			w -= newtonFifthStep(w, z)
		}
		c.w, c.zLast = w, z
		return true
	}
	for range 8 {
		step := newtonFifthStep(w, z)
		w -= step
		if math.Abs(real(step))+math.Abs(imag(step)) <= 1e-15 {
			c.w, c.zLast = w, z
			return true
		}
	}
	return false
}

// zFifthRootSeries is 1 + e/5 − 2e²/25 + 6e³/125, the binomial series of
// (1 + e)^(1/5) to the third order, with the products by real
// coefficients written out.
func zFifthRootSeries(e complex128) complex128 {
	t := complex(real(e)*0.048-0.08, imag(e)*0.048)
	t = e * t
	t = complex(real(t)+0.2, imag(t))
	t = e * t
	return complex(real(t)+1, imag(t))
}

// newtonFifthStep is Newton's step (w⁵ − z)/(5w⁴) towards a fifth root of
// z, dividing by w⁴ through its conjugate.
func newtonFifthStep(w, z complex128) complex128 {
	w2 := w * w
	w4 := w2 * w2
	n := (w4*w - z) * complex(real(w4), -imag(w4))
	d := 5 * (real(w4)*real(w4) + imag(w4)*imag(w4))
	return complex(real(n)/d, imag(n)/d)
}

// NumChannels implements filterbank.Kernel.
func (k *ZilanyIHCKernel) NumChannels() int { return len(k.ch) }

// TakesMono implements filterbank.MonoInput.
func (k *ZilanyIHCKernel) TakesMono(int) bool { return true }

// Reset implements filterbank.Kernel: every channel returns to rest.
func (k *ZilanyIHCKernel) Reset() {
	for i := range k.ch {
		g, d := k.ch[i].wbGains, k.ch[i].delay
		k.ch[i] = k.init[i]
		copy(g, k.init[i].wbGains)
		copy(d, k.init[i].delay)
		k.ch[i].wbGains, k.ch[i].delay = g, d
	}
}

// Process implements filterbank.Kernel.
func (k *ZilanyIHCKernel) Process(out []float64, in [][]float64, frames int) error {
	return k.ProcessChannels(out, in, frames, 0, len(k.ch))
}

// zScratch holds one worker's blocks for the IHC transduction: the
// transduction functions' inputs (then outputs) x1, x2 of C1 and C2, and
// the arguments of their logarithms and exponential.
type zScratch struct {
	x1, x2, a, b []float64

	// For runLanes: the lanes' inputs (frame by frame, 4 values) and
	// outputs (C1's 4 then C2's 4), the lanes, and spare channels for
	// groups of fewer than 4.
	lin, ly []float64
	lanes   zLanes
	spare   [zilanyLaneWidth]zilanyChannel
}

var zScratchPool = sync.Pool{New: func() any { return new(zScratch) }}

func (s *zScratch) grow(frames int) {
	if len(s.x1) < frames {
		s.x1, s.x2 = make([]float64, frames), make([]float64, frames)
		s.a, s.b = make([]float64, frames), make([]float64, frames)
	}
}

// nlog replaces each x of xs by the IHC's logarithmic transduction
// function (Zilany & Bruce 2006, Eq. 5): slope·ln(1 + 2000·|x|), divided
// for negative x by an asymmetry that grows from 1 to asym with the level
// of x, 1/(asym − (asym − 1)/(1 + e^(SPL/5))), SPL = 20·log10(−x/20 µPa).
// The logarithms and the exponential run over the block through
// internal/vecmath.
func (s *zScratch) nlog(xs []float64, slope, asym float64) {
	const strength = 20.0e6 / 1e4 // 20e6/10^(80/20): the corner at 80 dB
	n := len(xs)
	a, b := s.a[:n], s.b[:n]
	for i, x := range xs {
		a[i] = 1.0 + strength*math.Abs(x)
		b[i] = 1 // ln 1 = 0 where x ≥ 0 (unused there)
		if x < 0 {
			b[i] = -x / 20e-6
		}
	}
	_ = vecmath.Log(a, a) // the lengths match
	if asym == 1 {
		for i, x := range xs {
			y := a[i] * slope
			if x < 0 {
				y = -y
			}
			xs[i] = y
		}
		return
	}
	_ = vecmath.Log(b, b)
	for i := range b {
		b[i] = 20 * (b[i] * (1 / math.Ln10)) / 5.0 // SPL/5
	}
	_ = vecmath.Exp(b, b)
	for i, x := range xs {
		y := a[i] * slope
		if x < 0 {
			y = -1 / (asym - (asym-1)/(1+b[i])) * y
		}
		xs[i] = y
	}
}

// ProcessChannels implements filterbank.ChannelParallel.
func (k *ZilanyIHCKernel) ProcessChannels(out []float64, in [][]float64, frames, lo, hi int) error {
	nc := len(k.ch)
	x, stride, err := channelInput("Zilany2014", in, frames, nc)
	if err != nil {
		return err
	}
	if len(out) < frames*nc {
		return fmt.Errorf("cochlea: Zilany2014 output block has %d samples, want %d", len(out), frames*nc)
	}
	s := zScratchPool.Get().(*zScratch)
	defer zScratchPool.Put(s)
	// The block goes through every channel a stretch of zSpan frames at a
	// time, so that the interleaved input and output rows the channels
	// share stay in cache between one channel (or group) and the next.
	for f0 := 0; f0 < frames; f0 += zSpan {
		n := min(zSpan, frames-f0)
		o, xs := out[f0*nc:], x[f0*stride:]
		if zilanyLanesSIMD {
			for ch := lo; ch < hi; ch += zilanyLaneWidth {
				if err := k.runLanes(o, nc, xs, stride, ch, min(zilanyLaneWidth, hi-ch), n, s); err != nil {
					return fmt.Errorf("cochlea: Zilany2014 channels %d to %d: %w", ch, min(ch+zilanyLaneWidth, hi)-1, err)
				}
			}
			continue
		}
		for ch := lo; ch < hi; ch++ {
			if err := k.run(&k.ch[ch], o[ch:], nc, xs, stride, ch, n, s); err != nil {
				return fmt.Errorf("cochlea: Zilany2014 channel %d (cf %v Hz): %w", ch, k.ch[ch].cf, err)
			}
		}
	}
	return nil
}

// zSpan is the stretch of frames ProcessChannels runs through each channel
// in turn: 512 frames of a channel's interleaved input and output touch
// 512 cache lines (32 KiB) that the next 7 channels reuse.
const zSpan = 512

// Constants of the OHC Boltzmann function (Zilany & Bruce 2006): asymmetry
// 7, slopes s0 = 12, s1 = 5, x1 = 5.
const (
	zBoltzAsym = 7.0
	zBoltzS0   = 12.0
	zBoltzS1   = 5.0
	zBoltzX1   = 5.0
)

var (
	zBoltzShift = 1.0 / (1.0 + zBoltzAsym)
	zBoltzX0    = zBoltzS0 * math.Log((1.0/zBoltzShift-1)/(1+math.Exp(zBoltzX1/zBoltzS1)))
	zBoltzK0    = math.Exp(zBoltzX0 / zBoltzS0)
	zBoltzK1    = math.Exp(zBoltzX1 / zBoltzS1)
)

// run processes frames of one channel: the filters frame by frame
// (frame), then the transduction (transduce).
func (k *ZilanyIHCKernel) run(c *zilanyChannel, out []float64, nc int, x []float64, stride, ch int, frames int, s *zScratch) error {
	s.grow(frames)
	xo := 0
	if stride > 1 {
		xo = ch
	}
	twoFs := 2 / k.tdres
	for f := range frames {
		y1, y2, err := k.frame(c, x[f*stride+xo], twoFs)
		if err != nil {
			return err
		}
		switch k.out {
		case zOutC1:
			out[f*nc] = y1
			continue
		case zOutC2:
			out[f*nc] = y2
			continue
		}
		s.x1[f] = c.cihc * y1
		s.x2[f] = y2 * math.Abs(y2) * c.c2Scale
	}
	if k.out == zOutC1 || k.out == zOutC2 {
		return nil
	}
	k.transduce(c, out, nc, frames, s)
	return nil
}

// frame advances channel c by one frame of middle-ear output me (Pa) and
// returns the C1 and C2 filter outputs; twoFs is 2/tdres.
func (k *ZilanyIHCKernel) frame(c *zilanyChannel, me, twoFs float64) (y1, y2 float64, err error) {
	ng := len(c.wbGains)
	// Control path: wide-band filter (shift down by fc, three
	// first-order low-pass stages, shift back).
	// The shift's phasor turns by wbDelta per sample (renormalised
	// every 1024 samples); the reference accumulates the phase and
	// takes its cosine and sine, which agrees to rounding over the
	// filter's memory (only phase differences reach the output).
	rot := c.wbRot * c.wbStep
	if c.n&1023 == 0 {
		rot *= complex((3-(real(rot)*real(rot)+imag(rot)*imag(rot)))/2, 0)
	}
	c.wbRot = rot
	cos, sin := real(rot), imag(rot)
	a, b := c.wbA, c.wbB*c.wbGain // for the current tauWB
	// Products of complex and real values are written out, here and
	// below: Go's complex product would add a zero's product (changing
	// nothing but the sign of a zero), and the lanes kernel does the same
	// arithmetic as this function.
	w0 := complex(me*cos, me*sin)
	w1 := c.wbStage(b, a, w0, 0)
	w2 := c.wbStage(b, a, w1, 1)
	w3 := c.wbStage(b, a, w2, 2)
	c.wb = [4]complex128{w0, w1, w2, w3}
	wbOut := cos*real(w3) + sin*imag(w3)
	r := c.tauWB / c.tauWBMax
	wbOut = r * r * r * wbOut * c.wbScale

	// OHC: Boltzmann nonlinearity (normalised to a maximum of 1) and a
	// second-order 600 Hz low-pass.
	// exp(−(x − x0)/s0) and exp(−(x − x1)/s1) from one exponential,
	// e = exp(−x/60): with s0 = 12 and s1 = 5 the first is
	// exp(x0/12)·e⁵, the second exp(x1/5)·e¹² (equal to a few ulps;
	// both overflow together).
	e := vecmath.Exp1(-wbOut * (1.0 / 60))
	e2 := e * e
	e4 := e2 * e2
	u := (1.0/(1.0+zBoltzK0*(e4*e)*(1.0+zBoltzK1*(e4*e4*e4))) - zBoltzShift) * (1 / (1 - zBoltzShift))
	o1 := k.ohcC1*c.ohcLP[1] + k.ohcC2*(u+c.ohcLP[0])
	o2 := k.ohcC1*c.ohcLP[2] + k.ohcC2*(o1+c.ohcLP[1])
	c.ohcLP = [3]float64{u, o1, o2}

	// C1's time constant from the OHC output, scaled by cohc.
	tau := c.bmTauMax * (c.nlMinR + (1.0-c.nlMinR)*vecmath.Exp1(-math.Abs(o2)*c.invS0))
	tau = min(max(tau, c.bmTauMin), c.bmTauMax)
	tauC1 := c.cohc*(tau-c.bmTauMin) + c.bmTauMin
	rsigma := 1/tauC1 - c.invTau
	c.tauWB = c.tauWBMax + (tauC1-c.bmTauMax)*c.tauRange
	g, gd := c.wideBandGain(c.tauWB, twoFs)
	// The new gain applies after the wide-band filter's group delay.
	if gd >= 0 {
		if gd >= ng {
			return 0, 0, fmt.Errorf("the control path's group delay %d exceeds its buffer of %d samples", gd, ng)
		}
		c.wbGains[(c.n+gd)&(ng-1)] = g
	}
	slot := c.n & (ng - 1)
	if v := c.wbGains[slot]; v != 0 {
		c.wbGain = v
	}
	c.wbGains[slot] = 0
	c.n++

	// Signal path C1 with poles moved by rsigma; parallel path C2.
	if err := c.coefficients(&c.c1Coef, c.sigma0+rsigma, true); err != nil {
		return 0, 0, err
	}
	y1 = c.c1.step(me, &c.c1Coef) * c.normGain
	y2 = c.c2.step(me, &c.c2Coef) * c.normGain
	return y1, y2, nil
}

// wbStage is one first-order low-pass stage of the wide-band filter on
// the complex signal: b·(x + wb[j]) + a·wb[j+1].
func (c *zilanyChannel) wbStage(b, a float64, x complex128, j int) complex128 {
	s := x + c.wb[j]
	return complex(b*real(s)+a*real(c.wb[j+1]), b*imag(s)+a*imag(c.wb[j+1]))
}

// transduce turns the blocks s.x1 (cihc times the C1 output) and s.x2
// (the scaled, squared C2 output) of channel c into the IHC potential:
// the two transduction functions (a block at a time, without feedback),
// the 3 kHz low-pass and the front delay.
func (k *ZilanyIHCKernel) transduce(c *zilanyChannel, out []float64, nc, frames int, s *zScratch) {
	x1, x2 := s.x1[:frames], s.x2[:frames]
	s.nlog(x1, 0.1, 3.0)
	s.nlog(x2, 0.2, 1.0)
	for f := range frames {
		prev := x1[f] - x2[f]
		l := &c.ihcLP
		for j := 1; j < 8; j++ {
			o := k.ihcC1*l[j] + k.ihcC2*(prev+l[j-1])
			l[j-1] = prev
			prev = o
		}
		l[7] = prev
		x1[f] = prev
	}
	k.deliver(c, out, nc, x1, 1, frames)
}

// deliver writes channel c's IHC potential v[f·stride] of frames frames
// to out[f·nc], through the front delay unless the kernel gives the
// undelayed potential.
func (k *ZilanyIHCKernel) deliver(c *zilanyChannel, out []float64, nc int, v []float64, stride, frames int) {
	if k.out == zOutUndelayed || len(c.delay) == 0 {
		for f := range frames {
			out[f*nc] = v[f*stride]
		}
		return
	}
	d, p := c.delay, c.dpos
	for f := range frames {
		out[f*nc] = d[p]
		d[p] = v[f*stride]
		if p++; p == len(d) {
			p = 0
		}
	}
	c.dpos = p
}
