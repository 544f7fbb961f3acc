package chain

import (
	"math"
	"slices"

	"github.com/gohears/hears/anf"
	"github.com/gohears/hears/cochlea"
	"github.com/gohears/hears/filterbank"
	"github.com/gohears/hears/sound"
)

// CochlearModel is one cochlea a cochleagram can be drawn with: its
// response to a one-channel sound, one channel per centre frequency, before
// the envelope low-pass. The table of them (CochlearModels) is the one list
// the hears command, its help and docs/cli.md read.
type CochlearModel struct {
	// Name is the model's name on the command line (--model).
	Name string
	// Class is the chain class of its central stage.
	Class string
	// Title names it in picture titles.
	Title string
	// Unit labels the response (the colour bar).
	Unit string
	// Summary says what it is, with a citation, in a line.
	Summary string
	// DefaultFmin is the lowest default centre frequency in Hz.
	DefaultFmin float64
	// FmaxFraction is the highest default centre frequency as a fraction of
	// the sample rate (the default is also at most 8 kHz).
	FmaxFraction float64
	// Pressure is true when the model reads pascals and depends on level
	// (give --level unless the file is calibrated).
	Pressure bool
	// Params returns the model's parameters (the paper's defaults), for
	// the record of what was run.
	Params func() any
	// Response builds the model over src (one channel) at centre
	// frequencies cf (Hz).
	Response func(src sound.Source, cf []float64) (sound.Source, error)
	// Rate returns the sample rate (Hz) of the response to a sound at
	// rate in; nil: the same rate.
	Rate func(in float64) float64
	// Channels, when not nil, gives the centre frequencies (Hz, increasing)
	// the model's own design fixes at sample rate rate: --channels,
	// --fmin and --fmax do not apply, and Response ignores cf.
	Channels func(rate float64) ([]float64, error)
}

// ResponseRate is the sample rate (Hz) of m's response to a sound at in Hz.
func (m CochlearModel) ResponseRate(in float64) float64 {
	if m.Rate == nil {
		return in
	}
	return m.Rate(in)
}

// carfacPascal is CARFAC's input unit in pascals: an rms of 1 is 104 dB SPL
// (its reference's level convention), 20 µPa·10^(104/20).
var carfacPascal = sound.ReferencePressure * math.Pow(10, 104.0/20)

// cochlearModels is the table; the first is the default.
var cochlearModels = []CochlearModel{
	{
		Name: "gammatone", Class: "Gammatone", Title: "Gammatone", Unit: "Response (Pa^1/3)",
		Summary:     "gammatone filterbank (Slaney 1993), half-wave rectification and cube root",
		DefaultFmin: 50, FmaxFraction: 0.45,
		Params: func() any { return map[string]any{"b": 1.019, "order": 4, "compression": "clip(x, 0, inf)**(1/3)"} },
		Response: func(src sound.Source, cf []float64) (sound.Source, error) {
			gt, err := filterbank.Gammatone(src, cf)
			if err != nil {
				return nil, err
			}
			return filterbank.HalfWaveCubeRoot(gt)
		},
	},
	{
		Name: "drnl", Class: "DRNL", Title: "DRNL", Unit: "Response (model units^1/3)",
		Summary:     "dual-resonance nonlinear filterbank (Lopez-Poveda & Meddis 2001, human set), half-wave rectification and cube root",
		DefaultFmin: 50, FmaxFraction: 0.25, Pressure: true,
		Params: func() any { return cochlea.DRNLHuman() },
		Response: func(src sound.Source, cf []float64) (sound.Source, error) {
			d, err := cochlea.DRNL(src, cf, cochlea.DRNLHuman())
			if err != nil {
				return nil, err
			}
			return filterbank.HalfWaveCubeRoot(d)
		},
	},
	{
		Name: "dcgc", Class: "DCGC", Title: "DCGC", Unit: "Response (Pa^1/3)",
		Summary:     "dynamic compressive gammachirp (Irino & Patterson 2006), updated every sample, half-wave rectification and cube root",
		DefaultFmin: 50, FmaxFraction: 0.25, Pressure: true,
		Params: func() any { return cochlea.DefaultDCGCParams() },
		Response: func(src sound.Source, cf []float64) (sound.Source, error) {
			d, err := cochlea.DCGC(src, cf, 1, cochlea.DefaultDCGCParams())
			if err != nil {
				return nil, err
			}
			return filterbank.HalfWaveCubeRoot(d)
		},
	},
	{
		// The resting pole frequency fp1 = 1.0854·cf − 106 Hz of its signal
		// path is 0 at 97.66 Hz (cochlea.TanCarney refuses lower CFs) and
		// reaches cf/2 only at 181 Hz: below that the tuning is poor.
		Name: "tancarney", Class: "TanCarney", Title: "Tan–Carney", Unit: "Firing rate (spikes/s)",
		Summary:     "middle ear, Tan & Carney (2003) and the Zhang et al. (2001) synapse's firing rate, at 50 kHz",
		DefaultFmin: 200, FmaxFraction: 0.25, Pressure: true,
		Params: func() any {
			return map[string]any{"tan_carney": cochlea.DefaultTanCarneyParams(), "zhang": cochlea.DefaultZhangParams(), "samplerate": 50000}
		},
		Rate: func(float64) float64 { return 50000 },
		Response: func(src sound.Source, cf []float64) (sound.Source, error) {
			// The coefficients are fitted at 50 kHz (brian2hears runs it
			// there): other rates are resampled, as a stream.
			if src.SampleRate() != 50000 {
				r, err := sound.NewResampler(src, 50000)
				if err != nil {
					return nil, err
				}
				src = r
			}
			me, err := filterbank.MiddleEar(src, []float64{1})
			if err != nil {
				return nil, err
			}
			ihc, err := cochlea.TanCarney(me, cf, 1, cochlea.DefaultTanCarneyParams())
			if err != nil {
				return nil, err
			}
			return cochlea.ZhangSynapseRate(ihc, cf, cochlea.DefaultZhangParams())
		},
	},
	{
		Name: "zilany", Class: "Zilany2014", Title: "Zilany et al. (2014)", Unit: "Firing rate (spikes/s)",
		Summary:     "Zilany, Bruce & Carney (2014) auditory-nerve model, cat, high-spontaneous-rate fibres' mean rate (approximate power law), at 100 kHz",
		DefaultFmin: 125, FmaxFraction: 0.25, Pressure: true,
		Params: func() any {
			return map[string]any{"ihc": cochlea.DefaultZilanyParams(), "synapse": anf.DefaultZilanySynapseParams()}
		},
		Rate: func(in float64) float64 { return max(in, cochlea.ZilanyMinRate) },
		Response: func(src sound.Source, cf []float64) (sound.Source, error) {
			return anf.Zilany2014Rates(src, cf, cochlea.DefaultZilanyParams(), anf.DefaultZilanySynapseParams())
		},
	},
	{
		Name: "carfac", Class: "CARFAC", Title: "CARFAC v2", Unit: "NAP (model units)",
		Summary:     "Lyon's cascade of asymmetric resonators with fast-acting compression, v2 (2023): neural activity pattern; channels half an ERB apart, fixed by the sample rate",
		DefaultFmin: 30, FmaxFraction: 0.425, Pressure: true,
		Params: func() any { return cochlea.DefaultCARFACParams() },
		Channels: func(rate float64) ([]float64, error) {
			poles, err := cochlea.CARFACPoleFrequencies(rate, cochlea.DefaultCARFACParams())
			if err != nil {
				return nil, err
			}
			slices.Reverse(poles) // apex first, as CARFACCochleagram's channels
			return poles, nil
		},
		Response: func(src sound.Source, _ []float64) (sound.Source, error) {
			// Pa to CARFAC's units (rms 1 = 104 dB SPL).
			scaled, err := filterbank.Scale(src, 1/carfacPascal)
			if err != nil {
				return nil, err
			}
			nap, _, err := cochlea.CARFACCochleagram(scaled)
			return nap, err
		},
	},
}

// CochlearModels returns the cochleagram's models, the default first.
func CochlearModels() []CochlearModel { return slices.Clone(cochlearModels) }

// CochlearModelNames returns the models' names, the default first.
func CochlearModelNames() []string {
	names := make([]string, len(cochlearModels))
	for i, m := range cochlearModels {
		names[i] = m.Name
	}
	return names
}

// LookupCochlearModel returns the model called name.
func LookupCochlearModel(name string) (CochlearModel, bool) {
	i := slices.IndexFunc(cochlearModels, func(m CochlearModel) bool { return m.Name == name })
	if i < 0 {
		return CochlearModel{}, false
	}
	return cochlearModels[i], true
}
