package cochlea

import (
	"fmt"
	"math"
	"slices"
	"strings"
)

// CARFACParams are the parameters of Lyon's CARFAC (Cascade of Asymmetric
// Resonators with Fast-Acting Compression), version 2, by the names of the
// reference implementation (google/carfac, python/src/carfac/np/carfac.py:
// CarParams, AgcParams, IhcOneCapParams, IhcTwoCapParams, design_carfac and
// run_segment). Frequencies are in Hz, times in s, angles in radians.
//
// References: Lyon, R. F. (2011), "Cascades of two-pole–two-zero asymmetric
// resonators are good models of peripheral auditory function", J. Acoust.
// Soc. Am. 130, 3893–3904; Lyon, R. F. (2017), Human and Machine Hearing,
// Cambridge University Press, chapters 15–19; Lyon, R. F., Schonberger, R.,
// Slaney, M., Velimirović, M. & Yu, H. (2024), "The CARFAC v2 cochlear
// model in Matlab, NumPy, and JAX", arXiv:2404.17490.
type CARFACParams struct {
	// The cascade of asymmetric resonators (CarParams).
	VelocityScale           float64 // velocity_scale: scale of v = z2 − za in the OHC nonlinearity, 0.1
	VOffset                 float64 // v_offset: offset giving the nonlinearity a quadratic part, 0.04
	MinZeta                 float64 // min_zeta: minimum damping factor in mid-frequency channels, 0.10
	MaxZeta                 float64 // max_zeta: maximum damping factor, 0.35
	FirstPoleTheta          float64 // first_pole_theta: pole angle of channel 0 (rad), 0.85π
	ZeroRatio               float64 // zero_ratio: zero frequency over pole frequency, √2
	HighFDampingCompression float64 // high_f_damping_compression: 0 to 1, compresses ζ at high frequencies, 0.5
	ERBPerStep              float64 // erb_per_step: channel spacing in ERB, 0.5
	MinPoleHz               float64 // min_pole_hz: lowest pole frequency (Hz), 30
	ERBBreakFreq            float64 // erb_break_freq: Greenwood map's break frequency (Hz), 165.3
	ERBQ                    float64 // erb_q: Glasberg & Moore's high-CF ratio, 1000/(24.7·4.37)
	ACCornerHz              float64 // ac_corner_hz: corner of the 20 Hz AC coupler (Hz), 20

	// The automatic gain control (AgcParams); one value per stage.
	TimeConstants []float64 // time_constants (s): 0.002·4^stage
	AGCStageGain  float64   // agc_stage_gain: gain from each stage to the next slower one, 2
	Decimation    []int     // decimation: per stage, relative to the previous stage, [8 2 2 2]
	AGC1Scales    []float64 // agc1_scales: spatial spread toward apex, in channels, √2^stage
	AGC2Scales    []float64 // agc2_scales: spatial spread toward base, 1.65·√2^stage
	AGCMixCoeff   float64   // agc_mix_coeff: binaural coupling of the AGC stages, 0.5

	// The inner hair cell (IhcTwoCapParams, IhcOneCapParams).
	IHCStyle string  // ihc_style: "two_cap" (v2), "one_cap" (v1) or "just_hwr"
	TauLPF   float64 // tau_lpf: output smoothing (s), 80e-6
	TauOut   float64 // tau_out: one_cap depletion (s), 0.5e-3
	TauIn    float64 // tau_in: one_cap recovery (s), 10e-3
	Tau1Out  float64 // tau1_out: two_cap receptor depletion (s), 0.5e-3
	Tau1In   float64 // tau1_in: two_cap receptor recovery (s), 0.2e-3
	Tau2Out  float64 // tau2_out: two_cap transmitter depletion (s), 1e-3
	Tau2In   float64 // tau2_in: two_cap transmitter recovery (s), 10e-3

	// Options (design_carfac, run_segment).
	UseDelayBuffer bool      // use_delay_buffer: one sample of delay per stage instead of the ripple
	OpenLoop       bool      // open_loop: the AGC runs but does not change the damping
	LinearCAR      bool      // linear_car: the OHC nonlinearity is 1 (a linear cascade)
	OHCHealth      []float64 // ohc_health: per channel (or one value), 0 to 1; nil: 1 (healthy)

	// Version "v2" (default) is Lyon's 2023 CARFAC as the reference runs
	// it: the 20 Hz AC coupler on the CAR output (the BM output is high-
	// passed) and the quadratic stage-gain fit in the AGC loop. "v1" is
	// lyon2011: the AC coupler at the IHC input (the BM output is not
	// high-passed) and the exact stage gain, as the 2013 MATLAB test data
	// were made; use it with ihc_style "one_cap".
	Version string
}

// DefaultCARFACParams returns the defaults of design_carfac: CARFAC v2
// with the two-capacitor IHC, closed loop, no delay buffer.
func DefaultCARFACParams() CARFACParams {
	return CARFACParams{
		VelocityScale: 0.1, VOffset: 0.04, MinZeta: 0.10, MaxZeta: 0.35,
		FirstPoleTheta: 0.85 * math.Pi, ZeroRatio: math.Sqrt2, HighFDampingCompression: 0.5,
		ERBPerStep: 0.5, MinPoleHz: 30, ERBBreakFreq: 165.3, ERBQ: 1000 / (24.7 * 4.37), ACCornerHz: 20,
		TimeConstants: []float64{0.002, 0.008, 0.032, 0.128}, AGCStageGain: 2,
		Decimation:  []int{8, 2, 2, 2},
		AGC1Scales:  []float64{1, math.Sqrt2, 2, 2 * math.Sqrt2},
		AGC2Scales:  []float64{1.65, 1.65 * math.Sqrt2, 1.65 * 2, 1.65 * 2 * math.Sqrt2},
		AGCMixCoeff: 0.5,
		IHCStyle:    "two_cap", TauLPF: 80e-6, TauOut: 0.5e-3, TauIn: 10e-3,
		Tau1Out: 0.5e-3, Tau1In: 0.2e-3, Tau2Out: 1e-3, Tau2In: 10e-3,
		Version: "v2",
	}
}

func (p *CARFACParams) fields() []field {
	return []field{
		floatField("velocity_scale", &p.VelocityScale), floatField("v_offset", &p.VOffset),
		floatField("min_zeta", &p.MinZeta), floatField("max_zeta", &p.MaxZeta),
		floatField("first_pole_theta", &p.FirstPoleTheta), floatField("zero_ratio", &p.ZeroRatio),
		floatField("high_f_damping_compression", &p.HighFDampingCompression),
		floatField("erb_per_step", &p.ERBPerStep), floatField("min_pole_hz", &p.MinPoleHz),
		floatField("erb_break_freq", &p.ERBBreakFreq), floatField("erb_q", &p.ERBQ),
		floatField("ac_corner_hz", &p.ACCornerHz),
		floatField("agc_stage_gain", &p.AGCStageGain), floatField("agc_mix_coeff", &p.AGCMixCoeff),
		floatField("tau_lpf", &p.TauLPF), floatField("tau_out", &p.TauOut), floatField("tau_in", &p.TauIn),
		floatField("tau1_out", &p.Tau1Out), floatField("tau1_in", &p.Tau1In),
		floatField("tau2_out", &p.Tau2Out), floatField("tau2_in", &p.Tau2In),
		boolField("use_delay_buffer", &p.UseDelayBuffer), boolField("open_loop", &p.OpenLoop),
		boolField("linear_car", &p.LinearCAR),
	}
}

// boolField is a field backed by a bool: 0 is false, 1 is true.
func boolField(name string, p *bool) field {
	return field{name: name,
		get: func() float64 {
			if *p {
				return 1
			}
			return 0
		},
		set: func(v float64) error {
			if v != 0 && v != 1 {
				return fmt.Errorf("%s is a switch: 0 or 1, got %v", name, v)
			}
			*p = v == 1
			return nil
		}}
}

// carfacListNames are the parameters that take one value per AGC stage or
// per channel.
var carfacListNames = []string{"time_constants", "decimation", "agc1_scales", "agc2_scales", "ohc_health"}

// Names returns the numeric parameter names Set and SetValues accept (the
// strings ihc_style and version are set with SetString).
func (p *CARFACParams) Names() []string { return append(names(p.fields()), carfacListNames...) }

// Set sets the numeric parameter called name to v (switches: 0 or 1).
func (p *CARFACParams) Set(name string, v float64) error { return p.SetValues(name, []float64{v}) }

// SetValues sets a parameter from one value or, for the per-stage lists
// (time_constants, decimation, agc1_scales, agc2_scales) and ohc_health
// (per channel), a list.
func (p *CARFACParams) SetValues(name string, v []float64) error {
	if err := checkFinite("CARFAC", name, v...); err != nil {
		return err
	}
	if slices.Contains(carfacListNames, name) {
		if len(v) == 0 {
			return fmt.Errorf("cochlea: CARFAC parameter %s needs at least one value", name)
		}
		switch name {
		case "time_constants":
			p.TimeConstants = slices.Clone(v)
		case "agc1_scales":
			p.AGC1Scales = slices.Clone(v)
		case "agc2_scales":
			p.AGC2Scales = slices.Clone(v)
		case "ohc_health":
			p.OHCHealth = slices.Clone(v)
		case "decimation":
			d := make([]int, len(v))
			for i, x := range v {
				if x != math.Trunc(x) || x < 1 || x > 1<<10 {
					return fmt.Errorf("cochlea: CARFAC decimation[%d] = %v must be a whole number from 1 to 1024", i, x)
				}
				d[i] = int(x)
			}
			p.Decimation = d
		}
		return nil
	}
	if len(v) != 1 {
		if slices.Contains(names(p.fields()), name) {
			return fmt.Errorf("cochlea: CARFAC parameter %s takes one value, got %d", name, len(v))
		}
		return setField("CARFAC", p.fields(), name, math.NaN())
	}
	return setField("CARFAC", p.fields(), name, v[0])
}

// SetString sets ihc_style ("two_cap", "one_cap", "just_hwr") or version
// ("v2", "v1").
func (p *CARFACParams) SetString(name, v string) error {
	switch name {
	case "ihc_style":
		if !slices.Contains(carfacIHCStyles, v) {
			return fmt.Errorf("cochlea: CARFAC ihc_style %q is not one of %s", v, strings.Join(carfacIHCStyles, ", "))
		}
		p.IHCStyle = v
	case "version":
		if v != "v1" && v != "v2" {
			return fmt.Errorf("cochlea: CARFAC version %q is not v1 or v2", v)
		}
		p.Version = v
	default:
		return fmt.Errorf("cochlea: %q is not a CARFAC text parameter; valid names: ihc_style, version", name)
	}
	return nil
}

// Get returns a scalar numeric parameter.
func (p *CARFACParams) Get(name string) (float64, error) { return getField("CARFAC", p.fields(), name) }

var carfacIHCStyles = []string{"two_cap", "one_cap", "just_hwr"}

// MaxCARFACChannels bounds the number of channels a design may have (and
// channels × ears of a model), so that an absurd parameter (a tiny
// erb_per_step) is an error, not an allocation that exhausts memory.
const MaxCARFACChannels = 10000

// carfacDesign is everything CARFAC computes from its parameters and the
// sample rate: design_carfac's coefficients, in float64.
type carfacDesign struct {
	fs         float64
	nCh        int
	poles      []float64 // pole frequencies (Hz), channel 0 at the base
	chPerOct   float64   // max_channels_per_octave
	version1   bool
	openLoop   bool
	linear     bool
	delayBuf   bool
	vScale     float64
	vOffset    float64
	acCoeff    float64
	r1, a0, c0 []float64
	h, g0, zr  []float64
	ga, gb, gc []float64
	health     []float64
	ihc        ihcCoeffs
	agc        []agcStage
}

// ihcCoeffs are the inner-hair-cell coefficients (design_ihc).
type ihcCoeffs struct {
	style      int // 0 just_hwr, 1 one_cap, 2 two_cap
	lpfCoeff   float64
	outRate    float64 // one_cap
	inRate     float64
	out1Rate   float64 // two_cap
	in1Rate    float64
	out2Rate   float64
	in2Rate    float64
	outputGain float64
	restOutput float64
	restCap    float64 // one_cap
	restCap1   float64 // two_cap
	restCap2   float64
}

// agcStage are the coefficients of one AGC stage (design_agc).
type agcStage struct {
	decimation    int
	invDecimation float64 // 1/decimation
	epsilon       float64
	iterations    int
	fir           [3]float64
	nTaps         int
	mixCoeff      float64
	detectScale   float64 // stage 0 only
	stageGain     float64
}

// carfacDetect is the IHC's sigmoidal detection nonlinearity (Lyon 2017,
// section 18.2): with z = max(0, x + 0.175), the conductance
// z³/(z³ + z² + 0.1), about 0 to 1.34.
func carfacDetect(x float64) float64 {
	z := max(0, x+0.175)
	z2 := z * z
	z3 := z2 * z
	return z3 / (z3 + z2 + 0.1)
}

// hzToERB is the Glasberg & Moore (1990) equivalent rectangular bandwidth
// (Hz) at cf (Hz) in CARFAC's parametrisation: (break + cf)/Q.
func hzToERB(cf, breakFreq, q float64) float64 { return (breakFreq + cf) / q }

// checkCARFAC validates p before any allocation that depends on it.
func (p *CARFACParams) check(fs float64) error {
	if !(fs > 0) || math.IsInf(fs, 0) {
		return fmt.Errorf("cochlea: CARFAC: sample rate %v Hz is not a positive finite number", fs)
	}
	for _, f := range p.fields() {
		if v := f.get(); math.IsNaN(v) || math.IsInf(v, 0) {
			return fmt.Errorf("cochlea: CARFAC parameter %s = %v is not finite", f.name, v)
		}
	}
	if !(p.FirstPoleTheta > 0 && p.FirstPoleTheta < math.Pi) {
		return fmt.Errorf("cochlea: CARFAC first_pole_theta = %v must be in (0, π) rad", p.FirstPoleTheta)
	}
	if !(p.ERBPerStep > 0) || !(p.ERBQ > 0) || !(p.MinPoleHz > 0) || p.ERBBreakFreq < 0 {
		return fmt.Errorf("cochlea: CARFAC needs erb_per_step > 0, erb_q > 0, min_pole_hz > 0 and erb_break_freq ≥ 0 (got %v, %v, %v, %v)",
			p.ERBPerStep, p.ERBQ, p.MinPoleHz, p.ERBBreakFreq)
	}
	if p.ZeroRatio < 1 {
		return fmt.Errorf("cochlea: CARFAC zero_ratio = %v must be at least 1", p.ZeroRatio)
	}
	if !(p.MaxZeta > 0) || p.MinZeta < 0 {
		return fmt.Errorf("cochlea: CARFAC needs max_zeta > 0 and min_zeta ≥ 0 (got %v, %v)", p.MaxZeta, p.MinZeta)
	}
	if p.ACCornerHz < 0 || p.ACCornerHz >= fs/(2*math.Pi) {
		return fmt.Errorf("cochlea: CARFAC ac_corner_hz = %v Hz must be in [0, fs/2π) = [0, %.6g) Hz", p.ACCornerHz, fs/(2*math.Pi))
	}
	n := len(p.TimeConstants)
	if n == 0 || n > 16 || len(p.Decimation) != n || len(p.AGC1Scales) != n || len(p.AGC2Scales) != n {
		return fmt.Errorf("cochlea: CARFAC needs 1 to 16 AGC stages with one time_constants, decimation, agc1_scales and agc2_scales value each (got %d, %d, %d, %d)",
			n, len(p.Decimation), len(p.AGC1Scales), len(p.AGC2Scales))
	}
	decim := 1
	for s := range n {
		if err := checkFinite("CARFAC", "time_constants", p.TimeConstants[s]); err != nil {
			return err
		}
		if !(p.TimeConstants[s] > 0) {
			return fmt.Errorf("cochlea: CARFAC time_constants[%d] = %v s must be positive", s, p.TimeConstants[s])
		}
		if p.Decimation[s] < 1 || p.Decimation[s] > 1<<10 {
			return fmt.Errorf("cochlea: CARFAC decimation[%d] = %d must be from 1 to 1024", s, p.Decimation[s])
		}
		decim *= p.Decimation[s]
		if decim > 1<<20 {
			return fmt.Errorf("cochlea: CARFAC's total AGC decimation exceeds 2^20 samples")
		}
		if !(p.AGC1Scales[s] >= 0) || !(p.AGC2Scales[s] >= 0) || p.AGC1Scales[s]+p.AGC2Scales[s] == 0 {
			return fmt.Errorf("cochlea: CARFAC agc1_scales[%d], agc2_scales[%d] = %v, %v must be ≥ 0, not both 0", s, s, p.AGC1Scales[s], p.AGC2Scales[s])
		}
	}
	if p.AGCMixCoeff < 0 {
		return fmt.Errorf("cochlea: CARFAC agc_mix_coeff = %v must be ≥ 0", p.AGCMixCoeff)
	}
	if !slices.Contains(carfacIHCStyles, p.IHCStyle) {
		return fmt.Errorf("cochlea: CARFAC ihc_style %q is not one of %s", p.IHCStyle, strings.Join(carfacIHCStyles, ", "))
	}
	if p.Version != "v1" && p.Version != "v2" && p.Version != "" {
		return fmt.Errorf("cochlea: CARFAC version %q is not v1 or v2", p.Version)
	}
	taus := map[string]float64{"tau_lpf": p.TauLPF, "tau_out": p.TauOut, "tau_in": p.TauIn,
		"tau1_out": p.Tau1Out, "tau1_in": p.Tau1In, "tau2_out": p.Tau2Out, "tau2_in": p.Tau2In}
	for _, k := range []string{"tau_lpf", "tau_out", "tau_in", "tau1_out", "tau1_in", "tau2_out", "tau2_in"} {
		if !(taus[k] > 0) {
			return fmt.Errorf("cochlea: CARFAC %s = %v s must be positive", k, taus[k])
		}
	}
	for i, h := range p.OHCHealth {
		if !(h >= 0 && h <= 1) {
			return fmt.Errorf("cochlea: CARFAC ohc_health[%d] = %v must be in [0, 1]", i, h)
		}
	}
	return nil
}

// CARFACPoleFrequencies returns the pole frequencies (Hz) CARFAC places at
// sample rate fs (Hz): from first_pole_theta·fs/2π down in steps of
// erb_per_step ERB while above min_pole_hz (design_carfac), channel 0 at
// the base. At 22050 Hz that is 71 channels, 9371.25 to 30.92 Hz.
func CARFACPoleFrequencies(fs float64, p CARFACParams) ([]float64, error) {
	if err := p.check(fs); err != nil {
		return nil, err
	}
	return carfacPoles(fs, &p)
}

func carfacPoles(fs float64, p *CARFACParams) ([]float64, error) {
	step := func(f float64) float64 { return f - p.ERBPerStep*hzToERB(f, p.ERBBreakFreq, p.ERBQ) }
	first := p.FirstPoleTheta * fs / (2 * math.Pi)
	var poles []float64
	for f := first; f > p.MinPoleHz; f = step(f) {
		if len(poles) == MaxCARFACChannels {
			return nil, fmt.Errorf("cochlea: CARFAC at %v Hz would have more than %d channels: raise erb_per_step or min_pole_hz", fs, MaxCARFACChannels)
		}
		poles = append(poles, f)
	}
	if len(poles) == 0 {
		return nil, fmt.Errorf("cochlea: CARFAC at %v Hz has no channel: the first pole, %v Hz, is not above min_pole_hz = %v Hz", fs, first, p.MinPoleHz)
	}
	return poles, nil
}

// designCARFAC computes the coefficients of CARFAC at sample rate fs (Hz):
// design_carfac with design_filters, design_agc and design_ihc, in float64.
func designCARFAC(fs float64, p CARFACParams) (*carfacDesign, error) {
	if err := p.check(fs); err != nil {
		return nil, err
	}
	poles, err := carfacPoles(fs, &p)
	if err != nil {
		return nil, err
	}
	n := len(poles)
	d := &carfacDesign{fs: fs, nCh: n, poles: poles, version1: p.Version == "v1",
		openLoop: p.OpenLoop, linear: p.LinearCAR, delayBuf: p.UseDelayBuffer,
		vScale: p.VelocityScale, vOffset: p.VOffset, acCoeff: 2 * math.Pi * p.ACCornerHz / fs}
	if n > 1 {
		d.chPerOct = 1 / math.Log2(poles[0]/poles[1])
	}
	switch len(p.OHCHealth) {
	case 0:
		d.health = make([]float64, n)
		for i := range d.health {
			d.health[i] = 1
		}
	case 1:
		d.health = make([]float64, n)
		for i := range d.health {
			d.health[i] = p.OHCHealth[0]
		}
	case n:
		d.health = slices.Clone(p.OHCHealth)
	default:
		return nil, fmt.Errorf("cochlea: CARFAC ohc_health has %d values, want 1 or %d (one per channel at %v Hz)", len(p.OHCHealth), n, fs)
	}
	d.designFilters(&p)
	if d.agc, err = designAGC(&p, fs); err != nil {
		return nil, err
	}
	d.ihc = designIHC(&p, fs)
	return d, nil
}

// designFilters computes the CAR coefficients (design_filters; Lyon 2017,
// chapter 16): per channel the pole angle θ = 2π·f/fs, a0 = cos θ,
// c0 = sin θ, the damping range r1 = 1 − zr_base·max_zeta and
// zr = zr_base·(max_zeta − min_zeta(f)) with zr_base = π(x − ff·x³),
// x = θ/π, the zero gain h = c0·(zero_ratio² − 1), and the stage gain for
// unity DC gain at undamping 0, ½, 1 (the quadratic fit ga, gb, gc) and at
// the OHC health (g0).
func (d *carfacDesign) designFilters(p *CARFACParams) {
	n := d.nCh
	mk := func() []float64 { return make([]float64, n) }
	d.r1, d.a0, d.c0, d.h, d.zr = mk(), mk(), mk(), mk(), mk()
	d.g0, d.ga, d.gb, d.gc = mk(), mk(), mk(), mk()
	f := p.ZeroRatio*p.ZeroRatio - 1
	ff := p.HighFDampingCompression
	for i, pole := range d.poles {
		theta := pole * (2 * math.Pi / d.fs)
		d.c0[i] = math.Sin(theta)
		d.a0[i] = math.Cos(theta)
		x := theta / math.Pi
		zrBase := math.Pi * (x - ff*x*x*x)
		d.r1[i] = 1 - zrBase*p.MaxZeta
		minZeta := p.MinZeta + 0.25*(hzToERB(pole, p.ERBBreakFreq, p.ERBQ)/pole-p.MinZeta)
		d.zr[i] = zrBase * (p.MaxZeta - minZeta)
		d.h[i] = d.c0[i] * f
		g0 := d.exactStageG(i, 0)
		g1 := d.exactStageG(i, 1)
		gh := d.exactStageG(i, 0.5)
		d.ga[i] = 2 * (g0 + g1 - 2*gh)
		d.gb[i] = 4*gh - 3*g0 - g1
		d.gc[i] = g0
		d.g0[i] = d.exactStageG(i, d.health[i])
	}
}

// exactStageG is the stage gain of channel i that makes its DC gain 1 at
// relative undamping u (design_stage_g): with r = r1 + zr·u,
// (1 − 2r·a0 + r²)/(1 − 2r·a0 + h·r·c0 + r²).
func (d *carfacDesign) exactStageG(i int, u float64) float64 {
	r := d.r1[i] + d.zr[i]*u
	a := 1 - 2*r*d.a0[i] + r*r
	return a / (1 - 2*r*d.a0[i] + d.h[i]*r*d.c0[i] + r*r)
}

// stageG is the stage gain at undamping u used when the AGC loop closes:
// the quadratic fit ga·u² + gb·u + gc in v2, the exact gain in v1.
func (d *carfacDesign) stageG(i int, u float64) float64 {
	if d.version1 {
		return d.exactStageG(i, u)
	}
	return d.ga[i]*(u*u) + d.gb[i]*u + d.gc[i]
}

// designAGC computes the AGC stages (design_agc; Lyon 2017, chapter 19):
// each stage's decimation, smoothing ε = 1 − exp(−decim/(τ·fs)), and a
// spatial FIR (3 taps, else 5, else more iterations) matching the mean and
// variance of the spread the two scales ask for.
func designAGC(p *CARFACParams, fs float64) ([]agcStage, error) {
	n := len(p.TimeConstants)
	st := make([]agcStage, n)
	decim := 1
	totalDC := 0.0
	for s := range n {
		a := &st[s]
		a.decimation = p.Decimation[s]
		a.invDecimation = 1 / float64(p.Decimation[s])
		a.stageGain = p.AGCStageGain
		tau := p.TimeConstants[s]
		decim *= p.Decimation[s]
		a.epsilon = 1 - math.Exp(-float64(decim)/(tau*fs))
		ntimes := tau * (fs / float64(decim))
		delay := (p.AGC2Scales[s] - p.AGC1Scales[s]) / ntimes
		spreadSq := (p.AGC1Scales[s]*p.AGC1Scales[s] + p.AGC2Scales[s]*p.AGC2Scales[s]) / ntimes
		taps, iters, done := 0, 1, false
		for !done {
			switch taps {
			case 0:
				taps = 3
			case 3:
				taps = 5
			default:
				iters++
				if iters > 16 {
					return nil, fmt.Errorf("cochlea: CARFAC AGC stage %d: no spatial smoothing filter of up to 16 iterations gives spread² %v channels² (time_constants and agc scales too wide for fs = %v Hz)", s, spreadSq, fs)
				}
			}
			a.fir, done = agcFIR(taps, spreadSq, delay, iters)
		}
		a.nTaps, a.iterations = taps, iters
		totalDC += math.Pow(p.AGCStageGain, float64(s))
		if s > 0 {
			a.mixCoeff = p.AGCMixCoeff / (tau * (fs / float64(decim)))
		}
	}
	st[0].detectScale = 1 / totalDC
	return st, nil
}

// agcFIR designs a 3- or 5-tap spatial smoothing filter, applied iters
// times, by moment matching (design_fir_coeffs): mean (delay) and variance
// in channels; ok reports whether the centre tap is large enough.
func agcFIR(taps int, variance, mean float64, iters int) ([3]float64, bool) {
	mean /= float64(iters)
	variance /= float64(iters)
	if taps == 3 {
		a := (variance + mean*mean - mean) / 2
		b := (variance + mean*mean + mean) / 2
		fir := [3]float64{a, 1 - a - b, b}
		return fir, fir[1] >= 0.25
	}
	a := ((variance+mean*mean)*2/5 - mean*2/3) / 2
	b := ((variance+mean*mean)*2/5 + mean*2/3) / 2
	fir := [3]float64{a / 2, 1 - a - b, b / 2}
	return fir, fir[1] >= 0.15
}

// designIHC computes the inner-hair-cell coefficients (design_ihc; Lyon
// 2017, chapter 18): the rest state of the capacitor(s) and the gain and
// offset that put the output at 0 at rest and 1 at saturation.
func designIHC(p *CARFACParams, fs float64) ihcCoeffs {
	lpf := 1 - math.Exp(-1/(p.TauLPF*fs))
	switch p.IHCStyle {
	case "one_cap":
		ro := 1 / carfacDetect(10)
		c := p.TauOut / ro
		ri := p.TauIn / c
		sat := 1 / (2*ro + ri)
		r0 := 1 / carfacDetect(0)
		current := 1 / (ri + r0)
		return ihcCoeffs{style: 1, lpfCoeff: lpf, outRate: ro / (p.TauOut * fs), inRate: 1 / (p.TauIn * fs),
			outputGain: 1 / (sat - current), restOutput: current / (sat - current), restCap: 1 - current*ri}
	case "two_cap":
		g1max := carfacDetect(10)
		r1min := 1 / g1max
		c1 := p.Tau1Out * g1max
		r1 := p.Tau1In / c1
		r10 := 1 / carfacDetect(0)
		rest1 := 1 / (r1 + r10)
		cap1 := 1 - rest1*r1
		g2max := r1 / (r1min + r1)
		r2min := 1 / g2max
		c2 := p.Tau2Out * g2max
		r2 := p.Tau2In / c2
		sat2 := 1 / (2*r2min + r2)
		r20 := 1 / (r1 * rest1)
		rest2 := 1 / (r2 + r20)
		cap2 := 1 - rest2*r2
		return ihcCoeffs{style: 2, lpfCoeff: lpf, out1Rate: r1min / (p.Tau1Out * fs), in1Rate: 1 / (p.Tau1In * fs),
			out2Rate: r2min / (p.Tau2Out * fs), in2Rate: 1 / (p.Tau2In * fs),
			outputGain: 1 / (sat2 - rest2), restOutput: rest2 / (sat2 - rest2), restCap1: cap1, restCap2: cap2}
	}
	return ihcCoeffs{style: 0}
}
