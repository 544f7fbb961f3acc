package cochlea

import (
	"fmt"
	"math"

	"github.com/gohears/hears/filterbank"
	"github.com/gohears/hears/sound"
)

// ZilanySpecies selects the species of the Zilany, Bruce & Carney (2014)
// model: its middle ear, its tuning (Q10 against CF) and its cochlear map.
type ZilanySpecies int

const (
	// ZilanyCat is the cat (species 1): the middle ear of Bruce et al.
	// (2003), Q10 = 10^(0.4708·log10(cf/1 kHz) + 0.4664) (Zilany & Bruce 2006).
	ZilanyCat ZilanySpecies = 1
	// ZilanyHumanShera is the human (species 2) with the sharp tuning of
	// Shera, Guinan & Oxenham (2002): Q10 = 0.505·12.7·(cf/1 kHz)^0.3 + 0.2085
	// (Ibrahim & Bruce 2010); the middle ear of Pascal et al. (1998).
	ZilanyHumanShera ZilanySpecies = 2
	// ZilanyHumanGlasbergMoore is the human (species 3) with the tuning of
	// Glasberg & Moore (1990): Q10 = 0.505·cf/ERB(cf) + 0.2085 (Ibrahim &
	// Bruce 2010); the middle ear of Pascal et al. (1998).
	ZilanyHumanGlasbergMoore ZilanySpecies = 3
)

// String names the species as the model's papers do.
func (s ZilanySpecies) String() string {
	switch s {
	case ZilanyCat:
		return "cat"
	case ZilanyHumanShera:
		return "human (Shera et al. 2002 tuning)"
	case ZilanyHumanGlasbergMoore:
		return "human (Glasberg & Moore 1990 tuning)"
	}
	return fmt.Sprintf("species %d", int(s))
}

// ZilanyParams are the parameters of the inner-hair-cell stage of the
// Zilany, Bruce & Carney (2014) auditory-nerve model, by the names of the
// authors' code (for Set and Get): species (1 cat, 2 human with Shera
// tuning, 3 human with Glasberg & Moore tuning), cohc (outer-hair-cell
// function, 0 = fully impaired … 1 = normal) and cihc (inner-hair-cell
// function, 0 … 1).
//
// References: Zilany, M. S. A., Bruce, I. C. & Carney, L. H. (2014),
// "Updated parameters and expanded simulation options for a model of the
// auditory periphery", J. Acoust. Soc. Am. 135, 283–286; Zilany, Bruce,
// Nelson & Carney (2009), J. Acoust. Soc. Am. 126, 2390–2412; Zilany &
// Bruce (2006), J. Acoust. Soc. Am. 120, 1446–1466 (the C1/C2 filters and
// cohc/cihc); Ibrahim & Bruce (2010), in The Neurophysiological Bases of
// Auditory Perception, Springer, 429–438 (human tuning).
type ZilanyParams struct {
	Species ZilanySpecies // species: 1 cat, 2 human (Shera), 3 human (Glasberg & Moore); default cat
	COHC    float64       // cohc: outer-hair-cell scaling in [0, 1]; default 1 (normal)
	CIHC    float64       // cihc: inner-hair-cell scaling in [0, 1]; default 1 (normal)
}

// DefaultZilanyParams returns a normal-hearing cat.
func DefaultZilanyParams() ZilanyParams {
	return ZilanyParams{Species: ZilanyCat, COHC: 1, CIHC: 1}
}

func (p *ZilanyParams) fields() []field {
	return []field{
		{name: "species", get: func() float64 { return float64(p.Species) }, set: func(v float64) error {
			if v != 1 && v != 2 && v != 3 {
				return fmt.Errorf("species must be 1 (cat), 2 (human, Shera tuning) or 3 (human, Glasberg & Moore tuning), got %v", v)
			}
			p.Species = ZilanySpecies(v)
			return nil
		}},
		floatField("cohc", &p.COHC), floatField("cihc", &p.CIHC),
	}
}

// Names returns the parameter names Set and Get accept.
func (p *ZilanyParams) Names() []string { return names(p.fields()) }

// Set sets the parameter called name to v.
func (p *ZilanyParams) Set(name string, v float64) error {
	return setField("Zilany2014", p.fields(), name, v)
}

// Get returns the parameter called name.
func (p *ZilanyParams) Get(name string) (float64, error) {
	return getField("Zilany2014", p.fields(), name)
}

// check validates the parameters against the model's ranges.
func (p ZilanyParams) check() error {
	if p.Species < ZilanyCat || p.Species > ZilanyHumanGlasbergMoore {
		return fmt.Errorf("cochlea: Zilany2014 species %d is not 1 (cat), 2 (human, Shera tuning) or 3 (human, Glasberg & Moore tuning)", int(p.Species))
	}
	if !(p.COHC >= 0 && p.COHC <= 1) {
		return fmt.Errorf("cochlea: Zilany2014 cohc = %v must be in [0, 1]", p.COHC)
	}
	if !(p.CIHC >= 0 && p.CIHC <= 1) {
		return fmt.Errorf("cochlea: Zilany2014 cihc = %v must be in [0, 1]", p.CIHC)
	}
	return nil
}

// The model's limits: sample rates (the authors' release requires 100 to
// 500 kHz) and characteristic frequencies (125 Hz to 40 kHz for the cat,
// to 20 kHz for the human).
const (
	ZilanyMinRate = 100e3 // Hz
	ZilanyMaxRate = 500e3 // Hz
	ZilanyMinCF   = 125.0 // Hz
)

// ZilanyMaxCF returns the highest characteristic frequency (Hz) the model
// covers for species s.
func ZilanyMaxCF(s ZilanySpecies) float64 {
	if s == ZilanyCat {
		return 40e3
	}
	return 20e3
}

// zTwoPi is the value of 2π the authors' code uses throughout
// (6.28318530717959, not math.Pi·2): the reference data were computed
// with it, and the filters' pole positions follow it.
const zTwoPi = 6.28318530717959

// ZilanyDelay returns the front delay of the model at characteristic
// frequency cf (Hz) and sample rate fs (Hz), in samples: the basilar-
// membrane, synaptic and neural delay of the cat (Zilany & Bruce 2006,
// after Carney & Yin 1988), 3 ms · exp(−x/12.5) with x = 11.9·log10(0.8 +
// cf/456) mm the cochlear place of cf, rounded up. Version 5.2 of the
// authors' code uses the cat's delay for the human too, and so does this
// package.
func ZilanyDelay(cf, fs float64) int {
	x := 11.9 * math.Log10(0.80+cf/456.0)
	d := 3.0 * math.Exp(-x/12.5) * 1e-3
	return max(0, int(math.Ceil(d*fs)))
}

// zilanyGain is the cochlear-amplifier gain (dB) at cf: 26·(tanh(2.2·
// log10(cf/600) + 0.15) + 1), clipped to [15, 60] dB (Zilany et al. 2009).
func zilanyGain(cf float64) float64 {
	g := 52.0 / 2.0 * (math.Tanh(2.2*math.Log10(cf/0.6e3)+0.15) + 1.0)
	return min(max(g, 15.0), 60.0)
}

// zilanyQ10 is the low-level tuning (Q10) at cf for species s.
func zilanyQ10(cf float64, s ZilanySpecies) float64 {
	switch s {
	case ZilanyHumanShera:
		return math.Pow(cf/1000, 0.3)*12.7*0.505 + 0.2085
	case ZilanyHumanGlasbergMoore:
		return cf/24.7/(4.37*(cf/1000)+1)*0.505 + 0.2085
	}
	return math.Pow(10, 0.4708*math.Log10(cf/1e3)+0.4664)
}

// zilanyShiftedCF is the centre frequency (Hz) of the control-path filter:
// the frequency 1.2 mm basal of cf on the species' cochlear map (Greenwood
// 1990: cat 456·(10^(x/11.9) − 0.8), human 165.4·(10^(x/16.67) − 1)).
func zilanyShiftedCF(cf float64, s ZilanySpecies) float64 {
	if s == ZilanyCat {
		x := 11.9 * math.Log10(0.80+cf/456.0)
		return 456.0 * (math.Pow(10, (x+1.2)/11.9) - 0.80)
	}
	const k = 35 / 2.1
	x := k * math.Log10(1.0+cf/165.4)
	return 165.4 * (math.Pow(10, (x+1.2)/k) - 1.0)
}

// zSection is one second-order section y = g·(b0·x + b1·x1 + b2·x2 −
// a1·y1 − a2·y2) with its state.
type zSection struct {
	g, b0, b1, b2, a1, a2 float64
	x1, x2, y1, y2        float64
}

func (s *zSection) step(x float64) float64 {
	y := s.g * (-s.a1*s.y1 - s.a2*s.y2 + s.b0*x + s.b1*s.x1 + s.b2*s.x2)
	s.x2, s.x1 = s.x1, x
	s.y2, s.y1 = s.y1, y
	return y
}

// zilanyMiddleEar returns the three sections and the output divisor of the
// species' middle-ear filter at sample period tdres (s): the bilinear
// transforms, prewarped at 1 kHz, of the cat middle ear of Bruce et al.
// (2003, simplified) and of the human middle-ear circuit of Pascal et al.
// (1998), with their analogue coefficients.
func zilanyMiddleEar(s ZilanySpecies, tdres float64) ([3]zSection, float64) {
	c := zTwoPi * 1e3 / math.Tan(zTwoPi/2*1e3*tdres)
	c2 := c * c
	var m [3]zSection
	if s == ZilanyCat {
		m[0] = zSection{g: c / (c + 693.48), b0: 1, b1: -1, a1: (693.48 - c) / c}
		m[1] = zSection{g: 1 / (c2 + 11053*c + 1.163e8), a1: -2*c2 + 2.326e8, a2: c2 - 11053*c + 1.163e8,
			b0: c2 + 1356.3*c + 7.4417e8, b1: -2*c2 + 14.8834e8, b2: c2 - 1356.3*c + 7.4417e8}
		m[2] = zSection{g: 1 / (c2 + 4620*c + 909059944), a1: -2*c2 + 2*909059944, a2: c2 - 4620*c + 909059944,
			b0: 5.7585e5*c + 7.1665e7, b1: 14.333e7, b2: 7.1665e7 - 5.7585e5*c}
		return m, 41.1405
	}
	m[0] = zSection{g: 1 / (c2 + 5.9761e+003*c + 2.5255e+007), a1: -2*c2 + 2*2.5255e+007, a2: c2 - 5.9761e+003*c + 2.5255e+007,
		b0: c2 + 5.6665e+003*c, b1: -2 * c2, b2: c2 - 5.6665e+003*c}
	m[1] = zSection{g: 1 / (c2 + 6.4255e+003*c + 1.3975e+008), a1: -2*c2 + 2*1.3975e+008, a2: c2 - 6.4255e+003*c + 1.3975e+008,
		b0: c2 + 5.8934e+003*c + 1.7926e+008, b1: -2*c2 + 2*1.7926e+008, b2: c2 - 5.8934e+003*c + 1.7926e+008}
	m[2] = zSection{g: 1 / (c2 + 2.4891e+004*c + 1.2700e+009), a1: -2*c2 + 2*1.2700e+009, a2: c2 - 2.4891e+004*c + 1.2700e+009,
		b0: 3.1137e+003*c + 6.9768e+008, b1: 2 * 6.9768e+008, b2: -3.1137e+003*c + 6.9768e+008}
	return m, 2
}

// ZilanyMiddleEarKernel filters every channel with the species' middle
// ear (Pa at the ear drum in, Pa at the stapes scale out).
type ZilanyMiddleEarKernel struct {
	ch   [][3]zSection
	init [3]zSection
	div  float64
}

// NewZilanyMiddleEarKernel builds the middle ear of species s for
// channels channels at sample rate fs (Hz).
func NewZilanyMiddleEarKernel(s ZilanySpecies, channels int, fs float64) (*ZilanyMiddleEarKernel, error) {
	if err := (ZilanyParams{Species: s, COHC: 1, CIHC: 1}).check(); err != nil {
		return nil, err
	}
	if channels < 1 {
		return nil, fmt.Errorf("cochlea: Zilany2014 middle ear needs at least 1 channel, got %d", channels)
	}
	if !(fs >= ZilanyMinRate && fs <= ZilanyMaxRate) {
		return nil, fmt.Errorf("cochlea: Zilany2014 runs at %g to %g Hz, not %v Hz (resample the sound first)", ZilanyMinRate, ZilanyMaxRate, fs)
	}
	m, div := zilanyMiddleEar(s, 1/fs)
	k := &ZilanyMiddleEarKernel{ch: make([][3]zSection, channels), init: m, div: div}
	k.Reset()
	return k, nil
}

// NumChannels implements filterbank.Kernel.
func (k *ZilanyMiddleEarKernel) NumChannels() int { return len(k.ch) }

// Reset implements filterbank.Kernel.
func (k *ZilanyMiddleEarKernel) Reset() {
	for i := range k.ch {
		k.ch[i] = k.init
	}
}

// Process implements filterbank.Kernel.
func (k *ZilanyMiddleEarKernel) Process(out []float64, in [][]float64, frames int) error {
	nc := len(k.ch)
	if len(in) != 1 || len(in[0]) < frames*nc || len(out) < frames*nc {
		return fmt.Errorf("cochlea: Zilany2014 middle ear: blocks of %d frames × %d channels expected", frames, nc)
	}
	x := in[0]
	for c := range k.ch {
		m := &k.ch[c]
		for f := range frames {
			y := m[0].step(x[f*nc+c])
			y = m[1].step(y)
			out[f*nc+c] = m[2].step(y) / k.div
		}
	}
	return nil
}

// ZilanyMiddleEar returns src (Pa) through the middle-ear filter of
// species s, one output channel per channel of src.
func ZilanyMiddleEar(src sound.Source, s ZilanySpecies) (*filterbank.Bank, error) {
	if src == nil {
		return nil, fmt.Errorf("cochlea: Zilany2014 middle ear has a nil source")
	}
	k, err := NewZilanyMiddleEarKernel(s, src.NumChannels(), src.SampleRate())
	if err != nil {
		return nil, err
	}
	return newBank("Zilany2014 middle ear", k, src, src.NumChannels())
}
