package anf

import (
	"fmt"
	"math"
	"math/bits"
	"sync"

	"github.com/gohears/hears/cochlea"
	"github.com/gohears/hears/filterbank"
	"github.com/gohears/hears/internal/vecmath"
	"github.com/gohears/hears/sound"
)

// ZilanyFiber is the spontaneous-rate class of an auditory-nerve fibre of
// the Zilany et al. (2009, 2014) model, numbered as the authors' fiberType.
type ZilanyFiber int

const (
	ZilanyLowSpont    ZilanyFiber = 1 // low spontaneous rate: spont parameter 0.1 spikes/s
	ZilanyMediumSpont ZilanyFiber = 2 // medium: 4 spikes/s
	ZilanyHighSpont   ZilanyFiber = 3 // high: 100 spikes/s
)

// Spont returns the fibre class's spontaneous-rate parameter (spikes/s).
func (f ZilanyFiber) Spont() float64 {
	switch f {
	case ZilanyLowSpont:
		return 0.1
	case ZilanyMediumSpont:
		return 4.0
	case ZilanyHighSpont:
		return 100.0
	}
	return math.NaN()
}

// String names the class as the literature abbreviates it (lsr, msr, hsr).
func (f ZilanyFiber) String() string {
	switch f {
	case ZilanyLowSpont:
		return "lsr"
	case ZilanyMediumSpont:
		return "msr"
	case ZilanyHighSpont:
		return "hsr"
	}
	return fmt.Sprintf("fiberType %d", int(f))
}

// ZilanyPowerLaw selects how the synapse computes its power-law adaptation.
type ZilanyPowerLaw int

const (
	// ZilanyApproximate is the authors' implnt = 0: the power-law kernels
	// replaced by fixed IIR filters (orders 10 and 6) fitted to them
	// (Zilany et al. 2009, Appendix); constant time per sample.
	ZilanyApproximate ZilanyPowerLaw = 0
	// ZilanyActual is implnt = 1: the convolutions with the power-law
	// kernels computed exactly over the whole past; time grows with the
	// length of the sound, and so does memory (two values per 0.1 ms).
	ZilanyActual ZilanyPowerLaw = 1
)

// ZilanyOutput selects which rate the synapse bank gives (spikes/s).
type ZilanyOutput int

const (
	// ZilanyMeanRate is the mean discharge rate with the 0.75 ms dead time,
	// synout/(1 + 0.75 ms·synout) (the authors' meanrate; Vannucci & Teich
	// 1978).
	ZilanyMeanRate ZilanyOutput = iota
	// ZilanyVarRate is the variance of the rate, synout/(1 + 0.75
	// ms·synout)³ (the authors' varrate).
	ZilanyVarRate
	// ZilanySynOut is the synapse output before refractoriness (synout),
	// the input of the spike generator.
	ZilanySynOut
)

// ZilanySynapseParams are the parameters of the synapse of the Zilany,
// Bruce, Nelson & Carney (2009) model as updated by Zilany, Bruce & Carney
// (2014), by the authors' names: fiberType (1 low, 2 medium, 3 high
// spontaneous rate), implnt (0 approximate, 1 actual power law), noiseType
// (0: no fractional Gaussian noise, 1: fractional Gaussian noise drawn from
// Seed).
type ZilanySynapseParams struct {
	Fiber    ZilanyFiber    // fiberType; default high spont
	PowerLaw ZilanyPowerLaw // implnt; default approximate
	// FGN adds fractional Gaussian noise (Hurst index 0.9) to the slow
	// power-law path, as the model does for its long-term rate
	// fluctuations. Off by default so that rates are deterministic.
	FGN  bool
	Seed uint64 // seed of the noise: channel c draws from (Seed, c)
}

// DefaultZilanySynapseParams returns a high-spont fibre, approximate power
// law, no fractional noise.
func DefaultZilanySynapseParams() ZilanySynapseParams {
	return ZilanySynapseParams{Fiber: ZilanyHighSpont, PowerLaw: ZilanyApproximate}
}

func (p ZilanySynapseParams) check() error {
	if p.Fiber < ZilanyLowSpont || p.Fiber > ZilanyHighSpont {
		return fmt.Errorf("anf: Zilany2014 fiberType %d is not 1 (low), 2 (medium) or 3 (high spontaneous rate)", int(p.Fiber))
	}
	if p.PowerLaw != ZilanyApproximate && p.PowerLaw != ZilanyActual {
		return fmt.Errorf("anf: Zilany2014 implnt %d is not 0 (approximate) or 1 (actual power law)", int(p.PowerLaw))
	}
	return nil
}

// Limits of the actual power law: the input's duration (s) and the memory
// its history takes (bytes).
const (
	zActualMaxDuration = 60.0
	zActualMaxBytes    = 1 << 30
)

// The synapse's sample rate for the power-law stage (Hz) and the
// refractory dead time of the analytic mean rate and the spike generator
// (s).
const (
	zSynRate = 10e3
	zDead    = 0.75e-3
)

// Power-law kernels (Zilany et al. 2009 as updated in 2014): fast
// I1 = Σ sout1·Δ/(t + beta1) weighted by alpha1, slow I2 likewise.
const (
	zAlpha1 = 2.5e-6 * 100e3
	zBeta1  = 5e-4
	zAlpha2 = 1e-2 * 100e3
	zBeta2  = 1e-1
)

// zExpo is the exponentially adapting part of the synapse (Zilany et al.
// 2009, Eqs. 1–5 and Appendix; the three-store model of Westerman & Smith
// 1988): immediate and local stores fed from a global one, released by
// the IHC potential through a soft-rectifying permeability.
type zExpo struct {
	ci, cl             float64 // concentrations of the immediate and local stores
	vi, vl, pl, pg, cg float64 // volumes, permeabilities and global concentration
	strength, slope    float64 // release: PPI = slope/strength·log(1 + exp(strength·v))
	ci0, cl0           float64 // resting concentrations

	// slope/strength, and dt/vi and dt/vl for the time step dt of the
	// last call (0 before the first): computed once rather than per step.
	ppiScale, dt, dtVI, dtVL float64
}

// newZExpo derives the store parameters for the spontaneous rate spont
// (spikes/s) at characteristic frequency cf (Hz).
func newZExpo(spont, cf float64, pl ZilanyPowerLaw) zExpo {
	var cfFactor float64
	switch spont {
	case 100:
		cfFactor = math.Min(800, math.Pow(10, 0.29*cf/1e3+0.7))
	case 4:
		cfFactor = math.Min(50, 2.5e-4*cf*4+0.2)
	default:
		cfFactor = math.Min(1.0, 2.5e-4*cf*0.1+0.15)
	}
	const (
		piMax = 0.6   // PImax: the immediate permeability's maximum
		tauR  = 2e-3  // rapid adaptation time constant (s)
		tauST = 60e-3 // short-term adaptation time constant (s)
		arAst = 6.0   // ratio of the rapid to the short-term amplitude
		pts   = 3.0   // peak to steady-state ratio of the PSTH
	)
	kslope := (1 + 50.0) / (5 + 50.0) * cfFactor * 20.0 * piMax
	ass := 800 * (1 + cf/100e3) // steady-state rate
	asp := spont * 2.75         // spontaneous rate (approximate power law)
	if pl == ZilanyActual {
		asp = spont * 3.0
	}
	aon := pts * ass
	ar := (aon - ass) * arAst / (1 + arAst)
	ast := aon - ass - ar
	prest := piMax / aon * asp
	cg := (asp * (aon - asp)) / (aon * prest * (1 - asp/ass))
	g1 := cg / asp
	g2 := cg / ass
	k1 := -1 / tauR
	k2 := -1 / tauST
	vi0 := (1 - piMax/prest) / (g1 * (ar*(k1-k2)/cg/piMax + k2/prest/g1 - k2/piMax/g2))
	vi1 := (1 - piMax/prest) / (g1 * (ast*(k2-k1)/cg/piMax + k1/prest/g1 - k1/piMax/g2))
	vi := (vi0 + vi1) / 2
	alpha := g2 / k1 / k2
	beta := -(k1 + k2) * alpha
	th1 := alpha * piMax / vi
	th2 := vi / piMax
	th3 := g2 - 1/piMax
	plv := ((beta-th2*th3)/th1 - 1) * piMax
	pg := 1 / (th3 - 1/plv)
	vl := th1 * plv * pg
	ci := asp / prest
	cl := ci * (prest + plv) / plv
	vsat := kslope + prest
	t := math.Ln2 * vsat / prest
	strength := t
	if t < 400 {
		strength = math.Log(math.Exp(t) - 1)
	}
	slope := prest / math.Ln2 * strength
	return zExpo{ci: ci, cl: cl, ci0: ci, cl0: cl, vi: vi, vl: vl, pl: plv, pg: pg, cg: cg,
		strength: strength, slope: slope, ppiScale: slope / strength}
}

// softplus sets sp[i] = log(1 + exp(t[i])) where t[i] < 400 and t[i]
// elsewhere (the permeability's soft rectifier, whose exponential
// would overflow), a block at a time through internal/vecmath; sp may be
// t, and a (as long as t) is scratch.
func softplus(sp, t, a []float64) {
	_ = vecmath.Exp(a, t) // the lengths match
	for i := range a {
		a[i]++
	}
	_ = vecmath.Log(a, a)
	for i, x := range t {
		if x < 400 {
			sp[i] = a[i]
		} else {
			sp[i] = x
		}
	}
}

// step advances the stores by dt (s) where the release's soft-rectified
// drive is sp = softplus(strength·v), v the IHC potential (V), and returns
// the release rate CI·PPI (spikes/s).
func (e *zExpo) step(sp, dt float64) float64 {
	if dt != e.dt {
		e.dt, e.dtVI, e.dtVL = dt, dt/e.vi, dt/e.vl
	}
	ppi := e.ppiScale * sp
	last := e.ci
	e.ci += e.dtVI * (-ppi*e.ci + e.pl*(e.cl-e.ci))
	e.cl += e.dtVL * (-e.pl*(e.cl-last) + e.pg*(e.cg-e.cl))
	if e.ci < 0 {
		// Too coarse a time step drained the immediate store: the
		// authors reset it to its steady state for the current PPI.
		tmp := 1/e.pg + 1/e.pl + 1/ppi
		e.ci = e.cg / (ppi * tmp)
		e.cl = e.ci * (ppi + e.pl) / e.pl
	}
	return e.ci * ppi
}

// zBiquad is a second-order IIR section of the power-law fits, y =
// a1·y1 − a2·y2 + g·(x + b1·x1 + b2·x2), or without the product by g when g
// is 0, evaluated in that order: the slow fit has a pole within 1e-7 of 1,
// so the order of the additions is kept as the fits are written.
type zBiquad struct {
	g, b1, b2, a1, a2 float64
	x1, x2, y1, y2    float64
}

func (q *zBiquad) step(x float64) float64 {
	var y float64
	if q.g != 0 {
		y = q.a1*q.y1 - q.a2*q.y2 + q.g*(x+q.b1*q.x1+q.b2*q.x2)
	} else {
		y = q.a1*q.y1 - q.a2*q.y2 + x + q.b1*q.x1 + q.b2*q.x2
	}
	q.x2, q.x1 = q.x1, x
	q.y2, q.y1 = q.y1, y
	return y
}

// zFast and zSlow are the IIR approximations of the fast (beta1 = 0.5 ms)
// and slow (beta2 = 100 ms) power-law kernels at 10 kHz (Zilany et al.
// 2009, Appendix; the coefficients of the authors' release): cascades of
// five and three second-order sections.
var (
	zFast = [5]zBiquad{
		{g: 0.2, b1: -0.173492003319319, b2: 0.000000172983796, a1: 0.491115852967412, a2: 0.055050209956838},
		{b1: -0.803462163297112, b2: 0.154962026341513, a1: 1.084520302502860, a2: 0.288760329320566},
		{b1: -1.416084732997016, b2: 0.496615555008723, a1: 1.588427084535629, a2: 0.628138993662508},
		{b1: -1.830362725074550, b2: 0.836399964176882, a1: 1.886287488516458, a2: 0.888972875389923},
		{b1: -1.983165053215032, b2: 0.983193027347456, a1: 1.989549282714008, a2: 0.989558985673023},
	}
	zSlow = [3]zBiquad{
		{g: 1.0e-3, b1: -0.994466986569624, b2: 0.000000000002347, a1: 1.992127932802320, a2: 0.992140616993846},
		{b1: -1.997855276593802, b2: 0.997855827934345, a1: 1.999195329360981, a2: 0.999195402928777},
		{b1: 0.798261718184977, b2: 0.199131619874064, a1: -0.798261718183851, a2: 0.199131619873480},
	}
)

// zDecimator returns the resampling filter of the synapse for a factor r:
// the zero-phase (forward and backward) application of the r+1-tap
// Hamming-windowed sinc low-pass with cutoff 1/r of the Nyquist frequency
// and unit gain at 0 Hz, as one symmetric filter of 2r+1 taps (the
// autocorrelation of the low-pass). At r = 10 this is the decimator the
// reference data were made with (scipy's firwin(11, 0.1) through filtfilt,
// the stand-in of the Python package cochlea for MATLAB's resample).
func zDecimator(r int) (lowpass, zeroPhase []float64) {
	n := r + 1
	cut := 1 / float64(r)
	b := make([]float64, n)
	sum := 0.0
	mid := float64(n-1) / 2
	for i := range b {
		t := cut * (float64(i) - mid)
		s := 1.0
		if t != 0 {
			s = math.Sin(math.Pi*t) / (math.Pi * t)
		}
		w := 0.54 - 0.46*math.Cos(2*math.Pi*float64(i)/float64(n-1))
		b[i] = cut * s * w
		sum += b[i]
	}
	for i := range b {
		b[i] /= sum
	}
	h := make([]float64, 2*r+1)
	for t := -r; t <= r; t++ {
		for k := range b {
			if j := k - t; j >= 0 && j < n {
				h[t+r] += b[k] * b[j]
			}
		}
	}
	return b, h
}

// zSynChannel is the synapse state of one fibre.
type zSynChannel struct {
	cf    float64
	index int // channel number
	expo  zExpo
	delay int // front delay of the IHC stage: input frame i is delayed frame i+delay
	dp    int // delaypoint: the synapse's padding (samples), 7500/(cf/1 kHz)

	e      []float64 // ring of exponential-stage outputs, by index mod len (a power of two)
	e0     float64   // the first output (the padding before it)
	ne     int       // outputs computed so far
	held   float64   // last output before the end of a bounded input
	nextM  int       // next 10 kHz sample of the power-law stage
	fast   [5]zBiquad
	slow   [3]zBiquad
	i1, i2 float64   // power-law feedbacks
	h1, h2 []float64 // actual power law: all past sout1, sout2
	s      []float64 // ring of power-law outputs at 10 kHz, by index mod len
	frame  int       // output frames written
	noise  func() float64
}

// ZilanySynapseKernel is the synapse of the Zilany et al. (2009, 2014)
// model: per fibre the exponentially adapting three-store stage at the IHC
// rate, the resampling to 10 kHz, the fast and slow power-law adaptation
// paths (approximate IIR or actual convolution), with fractional Gaussian
// noise on the slow one when enabled, and the linear interpolation back to
// the IHC rate. Its input is the IHC potential without the front delay
// (cochlea.ZilanyIHCUndelayed): the delay gives the look-ahead that the
// zero-phase resampling filter needs, so that the output is exact and
// causal with respect to the sound.
type ZilanySynapseKernel struct {
	ch    []zSynChannel
	p     ZilanySynapseParams
	out   ZilanyOutput
	tdres float64
	r     int       // resampling factor to 10 kHz
	h     []float64 // zero-phase resampling filter, 2r+1 taps
	total int       // frames of a bounded input, or sound.Unbounded

	// noiseFor, when set, supplies each channel's noise instead of the
	// generator (the tests feed the reference's fGn through it).
	noiseFor func(ch int) func() float64
	// probe, when set, sees every exponential-stage output (what = 0, at
	// the IHC rate) and every resampled 10 kHz value (what = 1).
	probe func(ch, what int, v float64)
}

// zSynValuesPerChannel and zSynFGNValuesPerChannel are the most float64
// values the synapse holds per channel besides its blocks, without and with
// fractional Gaussian noise (whose generator keeps its own FFT buffers):
// TestMemoryPerUnit measures at most 264 and 20,397. The actual power law's
// history, which grows with the input's length, is bounded apart
// (zActualMaxBytes).
const (
	zSynValuesPerChannel    = 512
	zSynFGNValuesPerChannel = 22 << 10
)

// NewZilanySynapseKernel builds the synapse for characteristic frequencies
// cf (Hz) at sample rate fs (Hz); total is the length in frames of the
// input when it is bounded (sound.Unbounded otherwise): past it, the
// exponential stage's output is held at its last value, as the authors'
// code pads it.
func NewZilanySynapseKernel(cf []float64, fs float64, total int, p ZilanySynapseParams, out ZilanyOutput) (*ZilanySynapseKernel, error) {
	if err := p.check(); err != nil {
		return nil, err
	}
	if out < ZilanyMeanRate || out > ZilanySynOut {
		return nil, fmt.Errorf("anf: Zilany2014 output %d is not mean rate, variance or synout", int(out))
	}
	if !(fs >= cochlea.ZilanyMinRate && fs <= cochlea.ZilanyMaxRate) {
		return nil, fmt.Errorf("anf: Zilany2014 runs at %g to %g Hz, not %v Hz", cochlea.ZilanyMinRate, cochlea.ZilanyMaxRate, fs)
	}
	if len(cf) == 0 {
		return nil, fmt.Errorf("anf: Zilany2014 needs at least one characteristic frequency")
	}
	perChannel := zSynValuesPerChannel
	if p.FGN {
		perChannel = zSynFGNValuesPerChannel
	}
	if err := checkMemory("Zilany2014 synapse", "channels", len(cf), perChannel); err != nil {
		return nil, err
	}
	tdres := 1 / fs
	if p.PowerLaw == ZilanyActual {
		// The exact power law keeps, and sums over, the whole past: its
		// time grows with the square of the length and its memory with
		// the length. Refuse what could not finish or fit.
		if total == sound.Unbounded {
			return nil, fmt.Errorf("anf: Zilany2014: the actual power law (implnt 1) sums over the whole past and needs a bounded input; use the approximate one (implnt 0) for streams")
		}
		dur := float64(total) * tdres
		if mem := float64(len(cf)) * dur * zSynRate * 16; dur > zActualMaxDuration || mem > zActualMaxBytes {
			return nil, fmt.Errorf("anf: Zilany2014: the actual power law (implnt 1) over %.3g s × %d CFs would keep %.3g GB and take time growing with the square of the length; the limits are %g s and %g GB: use the approximate one (implnt 0)", dur, len(cf), mem/1e9, zActualMaxDuration, zActualMaxBytes/1e9)
		}
	}
	r := int(math.Ceil(1 / (tdres * zSynRate)))
	_, h := zDecimator(r)
	k := &ZilanySynapseKernel{p: p, out: out, tdres: tdres, r: r, h: h, total: total, ch: make([]zSynChannel, len(cf))}
	for i, f := range cf {
		if !(f >= cochlea.ZilanyMinCF-0.1 && f <= 40.1e3) {
			return nil, fmt.Errorf("anf: Zilany2014: cf[%d] = %v Hz is outside the model's 125 Hz to 40 kHz", i, f)
		}
		c := &k.ch[i]
		c.cf, c.index = f, i
		c.delay = cochlea.ZilanyDelay(f, fs)
		c.dp = int(math.Floor(7500 / (f / 1e3)))
		if c.delay < 2*r+1 {
			return nil, fmt.Errorf("anf: Zilany2014: cf[%d] = %v Hz: the front delay of %d samples is shorter than the resampling filter's look-ahead of %d", i, f, c.delay, 2*r+1)
		}
		// A power of two at least 2r+2 long, so that the ring index is a
		// mask.
		c.e = make([]float64, 1<<bits.Len(uint(2*r+1)))
		c.s = make([]float64, c.delay/r+4)
	}
	k.Reset()
	return k, nil
}

// NumChannels implements filterbank.Kernel.
func (k *ZilanySynapseKernel) NumChannels() int { return len(k.ch) }

// Reset implements filterbank.Kernel: the stores return to rest, the
// power-law sums to zero (the model starts un-adapted), and the noise to
// its start.
func (k *ZilanySynapseKernel) Reset() {
	for i := range k.ch {
		c := &k.ch[i]
		c.expo = newZExpo(k.p.Fiber.Spont(), c.cf, k.p.PowerLaw)
		c.fast, c.slow = zFast, zSlow
		c.i1, c.i2 = 0, 0
		c.h1, c.h2 = c.h1[:0], c.h2[:0]
		c.ne, c.nextM, c.frame = 0, 0, 0
		clear(c.e)
		clear(c.s)
		c.noise = nil
		if k.noiseFor != nil {
			c.noise = k.noiseFor(i)
		} else if k.p.FGN {
			c.noise = newZilanyFGN(k.p.Seed, uint64(i), k.p.Fiber.Spont())
		}
		// The IHC output is zero during the front delay.
		var sp, a [1]float64
		softplus(sp[:], []float64{c.expo.strength * 0}, a[:])
		for range c.delay {
			k.push(c, sp[0])
		}
	}
}

// push runs the exponential stage on the next (delayed) IHC sample, whose
// soft-rectified drive is sp (softplus of strength·v), and the power-law
// stage on every 10 kHz sample whose inputs are now known.
func (k *ZilanySynapseKernel) push(c *zSynChannel, sp float64) {
	var ev float64
	if k.total != sound.Unbounded && c.ne >= k.total {
		ev = c.held
	} else {
		ev = c.expo.step(sp, k.tdres)
		c.held = ev
	}
	if c.ne == 0 {
		c.e0 = ev
	}
	if k.probe != nil {
		k.probe(c.index, 0, ev)
	}
	mask := len(c.e) - 1
	c.e[c.ne&mask] = ev
	c.ne++
	r := k.r
	// The padded signal is the exponential stage's output preceded by dp
	// copies of its first value; 10 kHz sample m is centred on padded
	// index r·m and needs r samples either side.
	for r*c.nextM+r-c.dp <= c.ne-1 {
		m := c.nextM
		base := r*m - r - c.dp
		acc := 0.0
		for t, w := range k.h {
			j := base + t
			x := c.e0
			if j >= 0 {
				x = c.e[j&mask]
			}
			acc += w * x
		}
		if k.probe != nil {
			k.probe(c.index, 1, acc)
		}
		c.s[m%len(c.s)] = k.powerLaw(c, acc)
		c.nextM++
	}
}

// powerLaw advances the two power-law paths by one 10 kHz sample with
// input x and returns their summed output.
func (k *ZilanySynapseKernel) powerLaw(c *zSynChannel, x float64) float64 {
	noise := 0.0
	if c.noise != nil {
		noise = c.noise()
	}
	s1 := math.Max(0, x+noise-zAlpha1*c.i1)
	s2 := math.Max(0, x-zAlpha2*c.i2)
	if k.p.PowerLaw == ZilanyActual {
		c.h1 = append(c.h1, s1)
		c.h2 = append(c.h2, s2)
		const bin = 1 / zSynRate
		n := len(c.h1) - 1
		i1, i2 := 0.0, 0.0
		for j := 0; j <= n; j++ {
			lag := float64(n-j) * bin
			i1 += c.h1[j] * bin / (lag + zBeta1)
			i2 += c.h2[j] * bin / (lag + zBeta2)
		}
		c.i1, c.i2 = i1, i2
	} else {
		y := s2
		for j := range c.slow {
			y = c.slow[j].step(y)
		}
		c.i2 = y
		y = s1
		for j := range c.fast {
			y = c.fast[j].step(y)
		}
		c.i1 = y
	}
	return s1 + s2
}

// zScratch holds the blocks of soft-rectified drive, one per worker at a
// time.
var zScratch = sync.Pool{New: func() any { return new([]float64) }}

// Process implements filterbank.Kernel.
func (k *ZilanySynapseKernel) Process(out []float64, in [][]float64, frames int) error {
	return k.ProcessChannels(out, in, frames, 0, len(k.ch))
}

// ProcessChannels implements filterbank.ChannelParallel.
func (k *ZilanySynapseKernel) ProcessChannels(out []float64, in [][]float64, frames, lo, hi int) error {
	nc := len(k.ch)
	if len(in) != 1 || len(in[0]) < frames*nc {
		return fmt.Errorf("anf: Zilany2014 synapse reads 1 input of %d frames × %d channels", frames, nc)
	}
	if len(out) < frames*nc {
		return fmt.Errorf("anf: Zilany2014 synapse output block has %d samples, want %d", len(out), frames*nc)
	}
	r := k.r
	fr := float64(r)
	bp := zScratch.Get().(*[]float64)
	defer zScratch.Put(bp)
	span := min(frames, zSynSpan)
	if cap(*bp) < 2*span {
		*bp = make([]float64, 2*span)
	}
	// The block goes through every channel a stretch of zSynSpan frames
	// at a time, so that the interleaved input and output rows the
	// channels share stay in cache from one channel to the next.
	for f0 := 0; f0 < frames; f0 += span {
		n := min(span, frames-f0)
		x, out := in[0][f0*nc:], out[f0*nc:]
		sp, a := (*bp)[:n], (*bp)[span:span+n]
		for ch := lo; ch < hi; ch++ {
			c := &k.ch[ch]
			ns := len(c.s)
			for f := range sp {
				sp[f] = c.expo.strength * x[f*nc+ch]
			}
			softplus(sp, sp, a)
			// Output frame q = frame + dp lies between 10 kHz samples m
			// and m + 1, at phase q − m·r: both followed frame by frame.
			q := c.frame + c.dp
			m := q / r
			ph, mi := q-m*r, m%ns
			for f := range n {
				k.push(c, sp[f])
				mj := mi + 1
				if mj == ns {
					mj = 0
				}
				a, b := c.s[mi], c.s[mj]
				syn := a + float64(ph)*((b-a)/fr)
				if ph++; ph == r {
					ph, mi = 0, mj
				}
				c.frame++
				switch k.out {
				case ZilanyMeanRate:
					syn = syn / (1 + zDead*syn)
				case ZilanyVarRate:
					d := 1 + zDead*syn
					syn = syn / (d * d * d)
				}
				out[f*nc+ch] = syn
			}
		}
	}
	return nil
}

// zSynSpan is the stretch of frames ProcessChannels runs through each
// channel in turn: 512 frames of a channel's interleaved input and output
// touch 512 cache lines (32 KiB) that the next 7 channels reuse.
const zSynSpan = 512

// ZilanySynapse is the synapse of the Zilany et al. (2009, 2014) model as a
// bank: ihc is the IHC potential (V) WITHOUT the front delay, as
// cochlea.ZilanyIHCUndelayed gives it, one channel per characteristic
// frequency cf (Hz); the output is the rate out (spikes/s) at the same
// sample rate, aligned with cochlea.ZilanyIHC (the delay applied).
func ZilanySynapse(ihc sound.Source, cf []float64, p ZilanySynapseParams, out ZilanyOutput) (*filterbank.Bank, error) {
	if ihc == nil {
		return nil, fmt.Errorf("anf: Zilany2014 synapse has a nil source")
	}
	if ihc.NumChannels() != len(cf) {
		return nil, fmt.Errorf("anf: Zilany2014 synapse: the IHC source has %d channels, want one per cf (%d)", ihc.NumChannels(), len(cf))
	}
	k, err := NewZilanySynapseKernel(cf, ihc.SampleRate(), ihc.NumFrames(), p, out)
	if err != nil {
		return nil, err
	}
	b, err := filterbank.NewBank1(k, ihc, len(cf))
	if err == nil {
		err = b.SetCentreFrequencies(cf)
	}
	if err != nil {
		return nil, fmt.Errorf("anf: Zilany2014 synapse: %w", err)
	}
	return b, nil
}

// Zilany2014 is the auditory-nerve model of Zilany, Bruce & Carney (2014)
// from sound to rate: src is the sound pressure (Pa) at 100 to 500 kHz
// (one channel, or one per cf), cf the characteristic frequencies (Hz),
// ihc the cochlear parameters (species, cohc, cihc), syn the fibre class,
// power-law implementation and noise. The output is the rate out (spikes/s,
// by default the mean rate with refractoriness) per cf at the sound's
// sample rate: the species' middle ear, the IHC stage of
// cochlea.ZilanyIHC and the synapse of ZilanySynapse.
func Zilany2014(src sound.Source, cf []float64, ihc cochlea.ZilanyParams, syn ZilanySynapseParams, out ZilanyOutput) (*filterbank.Bank, error) {
	v, err := cochlea.ZilanyIHCUndelayed(src, cf, ihc)
	if err != nil {
		return nil, err
	}
	return ZilanySynapse(v, cf, syn, out)
}

// ZilanyInput returns src as the model needs it: unchanged at 100 kHz or
// more, resampled to 100 kHz (cochlea.ZilanyMinRate, as a stream) below.
func ZilanyInput(src sound.Source) (sound.Source, error) {
	if src == nil {
		return nil, fmt.Errorf("anf: Zilany2014 has a nil source")
	}
	if src.SampleRate() >= cochlea.ZilanyMinRate {
		return src, nil
	}
	r, err := sound.NewResampler(src, cochlea.ZilanyMinRate)
	if err != nil {
		return nil, fmt.Errorf("anf: Zilany2014: resampling the input to %g Hz: %w", cochlea.ZilanyMinRate, err)
	}
	return r, nil
}

// Zilany2014Rates is the cochleagram of the Zilany, Bruce & Carney (2014)
// model: the mean rate (spikes/s, with refractoriness) at each
// characteristic frequency cf (Hz) of the sound src (Pa, any sample rate:
// below 100 kHz it is resampled to 100 kHz, and so is the output), for the
// ear ihc and the fibres syn.
func Zilany2014Rates(src sound.Source, cf []float64, ihc cochlea.ZilanyParams, syn ZilanySynapseParams) (sound.Source, error) {
	in, err := ZilanyInput(src)
	if err != nil {
		return nil, err
	}
	return Zilany2014(in, cf, ihc, syn, ZilanyMeanRate)
}
