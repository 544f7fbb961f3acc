package chain

import (
	"encoding/json"
	"math"

	"github.com/gohears/hears/anf"
	"github.com/gohears/hears/cochlea"
	"github.com/gohears/hears/filterbank"
	"github.com/gohears/hears/filterbank/design"
	"github.com/gohears/hears/sound"
)

// classes is the one table of Brian Hears class names gohears knows. Each
// entry reads the class's keyword arguments, spelled as Brian Hears spells
// them, and builds the bank.
var classes = map[string]class{
	"Gammatone": {1, func(a *args, s []sound.Source, _ *Graph) (sound.Source, error) {
		cf := a.floats("cf", true)
		b := a.floats("b", false)
		scale := filterbank.GlasbergMoore()
		scale.Order = a.float("erb_order", scale.Order)
		scale.EarQ = a.float("ear_Q", scale.EarQ)
		scale.MinBW = a.float("min_bw", scale.MinBW)
		if a.first != nil {
			return nil, a.first
		}
		opts := []filterbank.GammatoneOption{filterbank.GammatoneERB(scale)}
		if b != nil {
			opts = append(opts, filterbank.GammatoneB(b...))
		}
		return filterbank.Gammatone(s[0], cf, opts...)
	}},
	"ApproximateGammatone": {1, func(a *args, s []sound.Source, _ *Graph) (sound.Source, error) {
		cf := a.floats("cf", true)
		bw := a.floats("bandwidth", true)
		order := a.count("order", 4, 1, MaxStages)
		a.budget("order", len(cf), order)
		if a.first != nil {
			return nil, a.first
		}
		return filterbank.ApproximateGammatone(s[0], cf, bw, order)
	}},
	"LogGammachirp": {1, func(a *args, s []sound.Source, _ *Graph) (sound.Source, error) {
		f := a.floats("f", true)
		b := a.floatsOr("b", 1.81)
		c := a.floatsOr("c", -2.96)
		n := a.count("ncascades", 4, 1, MaxStages)
		a.budget("ncascades", len(f), n)
		if a.first != nil {
			return nil, a.first
		}
		return filterbank.LogGammachirp(s[0], f, b, c, n)
	}},
	"AsymmetricCompensation": {1, func(a *args, s []sound.Source, _ *Graph) (sound.Source, error) {
		f := a.floats("f", true)
		b := a.floatsOr("b", 1.02)
		c := a.floatsOr("c", 2)
		n := a.count("ncascades", 4, 1, MaxStages)
		a.budget("ncascades", len(f), n)
		if a.first != nil {
			return nil, a.first
		}
		return filterbank.AsymmetricCompensation(s[0], f, b, c, n)
	}},
	"LinearFilterbank": {1, func(a *args, s []sound.Source, _ *Graph) (sound.Source, error) {
		b := a.tensor3("b", true)
		aa := a.tensor3("a", true)
		// The kernels never read a[0]: they take it to be 1, as Brian
		// Hears does. Any other value would be ignored without a word.
		for c, taps := range aa {
			if len(taps) == 0 {
				continue
			}
			for st, v := range taps[0] {
				if math.Abs(v-1) > 1e-9 {
					a.fail("a", "a[%d][0][%d] = %g, but LinearFilterbank takes a[0] = 1: divide that stage's b and a by a[0]", c, st, v)
				}
			}
		}
		if a.first != nil {
			return nil, a.first
		}
		return filterbank.Linear(s[0], b, aa)
	}},
	"FIRFilterbank": {1, func(a *args, s []sound.Source, _ *Graph) (sound.Source, error) {
		ir := a.matrix("impulse_response", true)
		if a.first != nil {
			return nil, a.first
		}
		return filterbank.FIR(s[0], ir)
	}},
	"LowPass": {1, func(a *args, s []sound.Source, _ *Graph) (sound.Source, error) {
		fc := a.floats("fc", true)
		if a.first != nil {
			return nil, a.first
		}
		return filterbank.LowPass(s[0], fc...)
	}},
	"MiddleEar": {1, func(a *args, s []sound.Source, _ *Graph) (sound.Source, error) {
		gain := a.floatsOr("gain", 1)
		if a.first != nil {
			return nil, a.first
		}
		return filterbank.MiddleEar(s[0], gain)
	}},
	"Butterworth": {1, func(a *args, s []sound.Source, _ *Graph) (sound.Source, error) {
		nch := a.count("nchannels", 0, 1, MaxChannels)
		order := a.count("order", 0, 1, MaxStages)
		a.budget("order", nch, order)
		bt := a.bandType("btype", "low")
		fc := a.edges("fc", bt)
		if nch <= 0 {
			a.fail("nchannels", "must be a positive whole number (required by Butterworth)")
		}
		if order <= 0 {
			a.fail("order", "must be a positive whole number (required by Butterworth)")
		}
		if a.first != nil {
			return nil, a.first
		}
		return filterbank.Butterworth(s[0], nch, order, bt, fc)
	}},
	"IIRFilterbank": {1, func(a *args, s []sound.Source, _ *Graph) (sound.Source, error) {
		nch := a.count("nchannels", 0, 1, MaxChannels)
		bt := a.bandType("btype", "low")
		pass := a.edges("passband", bt)
		stop := a.edges("stopband", bt)
		gpass := a.floats("gpass", true)
		gstop := a.floats("gstop", true)
		ft := design.Butterworth
		if name := a.str("ftype", "butter"); a.first == nil {
			var err error
			if ft, err = design.ParseFilterType(name); err != nil {
				a.fail("ftype", "%v", err)
			}
		}
		if nch <= 0 {
			a.fail("nchannels", "must be a positive whole number (required by IIRFilterbank)")
		}
		if a.first != nil {
			return nil, a.first
		}
		return filterbank.IIR(s[0], nch, pass, stop, gpass, gstop, bt, ft)
	}},
	"LinearGammachirp": {1, chirp(filterbank.LinearGammachirp)},
	"LinearGaborchirp": {1, chirp(filterbank.LinearGaborchirp)},
	"FractionalDelay": {1, func(a *args, s []sound.Source, _ *Graph) (sound.Source, error) {
		d := a.floats("delays", true)
		n := a.count("filter_length", 0, 0, MaxTaps)
		a.budget("filter_length", len(d), n)
		if a.first != nil {
			return nil, a.first
		}
		return filterbank.FractionalDelay(s[0], d, n)
	}},
	"RestructureFilterbank": {0, func(a *args, s []sound.Source, _ *Graph) (sound.Source, error) {
		nr := a.count("numrepeat", 1, 1, MaxChannels)
		nt := a.count("numtile", 1, 1, MaxChannels)
		in := 0
		for _, src := range s {
			in += src.NumChannels()
		}
		a.channels("numrepeat", int64(in)*int64(nr)*int64(nt))
		jt := filterbank.JoinSerial
		switch t := a.str("type", "serial"); t {
		case "serial":
		case "interleave":
			jt = filterbank.JoinInterleave
		default:
			a.fail("type", "expected \"serial\" or \"interleave\", got %q", t)
		}
		var mapping []int
		if a.has("indexmapping") {
			mapping = a.ints("indexmapping", true)
		}
		if a.first != nil {
			return nil, a.first
		}
		return filterbank.Restructure(s, nr, jt, nt, mapping)
	}},
	"Repeat": {1, func(a *args, s []sound.Source, _ *Graph) (sound.Source, error) {
		n := a.count("numrepeat", 0, 1, MaxChannels)
		a.channels("numrepeat", int64(s[0].NumChannels())*int64(n))
		if a.first != nil {
			return nil, a.first
		}
		return filterbank.Repeat(s[0], n)
	}},
	"Tile": {1, func(a *args, s []sound.Source, _ *Graph) (sound.Source, error) {
		n := a.count("numtile", 0, 1, MaxChannels)
		a.channels("numtile", int64(s[0].NumChannels())*int64(n))
		if a.first != nil {
			return nil, a.first
		}
		return filterbank.Tile(s[0], n)
	}},
	"Join": {0, func(a *args, s []sound.Source, _ *Graph) (sound.Source, error) {
		return filterbank.Join(s...)
	}},
	"Interleave": {0, func(a *args, s []sound.Source, _ *Graph) (sound.Source, error) {
		return filterbank.Interleave(s...)
	}},
	"SumFilterbank": {0, func(a *args, s []sound.Source, _ *Graph) (sound.Source, error) {
		w := a.floats("weights", false)
		if a.first != nil {
			return nil, a.first
		}
		return filterbank.Sum(s, w)
	}},
	"FunctionFilterbank": {0, func(a *args, s []sound.Source, _ *Graph) (sound.Source, error) {
		text := a.str("expr", "")
		if text == "" {
			a.fail("expr", "missing: a text expression in x (or x0, x1, ... for several sources), e.g. \"clip(x, 0, inf)**(1/3)\"")
			return nil, a.first
		}
		return filterbank.ExprFunction(s, text)
	}},
	"DoNothingFilterbank": {1, func(a *args, s []sound.Source, _ *Graph) (sound.Source, error) {
		return filterbank.Identity(s[0])
	}},
	"DRNL": {1, func(a *args, s []sound.Source, _ *Graph) (sound.Source, error) {
		cf := a.floats("cf", true)
		p, err := cochlea.DRNLParamSet(a.str("type", "human"))
		if err != nil {
			a.fail("type", "%v", err)
		}
		a.setParams("param", scalar(p.Set))
		if a.first != nil {
			return nil, a.first
		}
		return cochlea.DRNL(s[0], cf, p)
	}},
	"DCGC": {1, func(a *args, s []sound.Source, _ *Graph) (sound.Source, error) {
		cf := a.floats("cf", true)
		ui := a.count("update_interval", 0, 1, maxInterval)
		p := cochlea.DefaultDCGCParams()
		a.setParams("param", p.SetValues)
		if ui == 0 {
			a.fail("update_interval", "missing (required by DCGC): a whole number of samples >= 1")
		}
		if a.first != nil {
			return nil, a.first
		}
		return cochlea.DCGC(s[0], cf, ui, p)
	}},
	"TanCarney": {1, func(a *args, s []sound.Source, _ *Graph) (sound.Source, error) {
		cf := a.floats("cf", true)
		ui := a.count("update_interval", 1, 1, maxInterval)
		p := cochlea.DefaultTanCarneyParams()
		a.setParams("param", p.SetValues)
		if a.first != nil {
			return nil, a.first
		}
		return cochlea.TanCarney(s[0], cf, ui, p)
	}},
	"ZhangSynapseRate": {1, func(a *args, s []sound.Source, _ *Graph) (sound.Source, error) {
		cf := a.floats("CF", true)
		p := cochlea.DefaultZhangParams()
		a.setParams("params", scalar(p.Set))
		if a.first != nil {
			return nil, a.first
		}
		return cochlea.ZhangSynapseRate(s[0], cf, p)
	}},
	"Cascade": {1, func(a *args, s []sound.Source, g *Graph) (sound.Source, error) {
		name := a.str("filterbank", "")
		n := a.count("n", 0, 1, MaxStages)
		if name == "" {
			a.fail("filterbank", "missing: the name of an earlier linear node to repeat")
		}
		if n < 1 {
			a.fail("n", "must be a whole number >= 1 (required by Cascade)")
		}
		if a.first != nil {
			return nil, a.first
		}
		node, ok := g.Named[name]
		if !ok {
			a.fail("filterbank", "no earlier node is named %q", name)
			return nil, a.first
		}
		bank, ok := node.(*filterbank.Bank)
		if !ok {
			a.fail("filterbank", "node %q is not a linear filterbank", name)
			return nil, a.first
		}
		if a.budget("n", bank.NumChannels(), n); a.first != nil {
			return nil, a.first
		}
		c, err := filterbank.Cascade(s[0], bank.Kernel(), n)
		if err != nil {
			return nil, err
		}
		// n of the named bank's filters in a row are tuned as it is.
		if cf, declared := bank.DeclaredCentreFrequencies(); declared {
			err = c.SetCentreFrequencies(cf)
		}
		return c, err
	}},
	"Zilany2014": {1, func(a *args, s []sound.Source, _ *Graph) (sound.Source, error) {
		// The auditory-nerve model of Zilany, Bruce & Carney (2014), sound
		// (Pa) to rate (spikes/s), with the authors' parameter names. Below
		// 100 kHz the input is resampled to 100 kHz first (the model's
		// lowest rate) and the output runs at 100 kHz.
		cf := a.floats("cf", true)
		ip := cochlea.DefaultZilanyParams()
		ip.Species = cochlea.ZilanySpecies(a.count("species", 1, 1, 3))
		ip.COHC = a.float("cohc", 1)
		ip.CIHC = a.float("cihc", 1)
		sp := anf.DefaultZilanySynapseParams()
		sp.Fiber = anf.ZilanyFiber(a.count("fiberType", 3, 1, 3))
		sp.PowerLaw = anf.ZilanyPowerLaw(a.count("implnt", 0, 0, 1))
		sp.FGN = a.count("noiseType", 0, 0, 1) == 1
		sp.Seed = uint64(a.count("seed", 0, 0, math.MaxInt32))
		outputs := map[string]anf.ZilanyOutput{"meanrate": anf.ZilanyMeanRate, "varrate": anf.ZilanyVarRate, "synout": anf.ZilanySynOut}
		name := a.str("output", "meanrate")
		out, ok := outputs[name]
		if !ok {
			a.fail("output", "expected \"meanrate\", \"varrate\" or \"synout\", got %q", name)
		}
		a.channels("cf", int64(len(cf)))
		if a.first != nil {
			return nil, a.first
		}
		src, err := anf.ZilanyInput(s[0])
		if err != nil {
			return nil, err
		}
		return anf.Zilany2014(src, cf, ip, sp, out)
	}},
	"CARFAC": {1, func(a *args, s []sound.Source, _ *Graph) (sound.Source, error) {
		p := cochlea.DefaultCARFACParams()
		for _, key := range []string{"ihc_style", "version"} {
			if a.has(key) {
				if err := p.SetString(key, a.str(key, "")); err != nil {
					a.fail(key, "%v", err)
				}
			}
		}
		out, err := cochlea.ParseCARFACOutput(a.str("output", "nap"))
		if err != nil {
			a.fail("output", "%v", err)
		}
		a.setParams("param", p.SetValues)
		if a.first != nil {
			return nil, a.first
		}
		if poles, err := cochlea.CARFACPoleFrequencies(s[0].SampleRate(), p); err == nil {
			a.channels("param", int64(len(poles))*int64(s[0].NumChannels()))
		}
		if a.first != nil {
			return nil, a.first
		}
		b, _, err := cochlea.CARFACBank(s[0], p, out)
		return b, err
	}},
}

// chirp builds LinearGammachirp or LinearGaborchirp, which share their keys.
func chirp(build func(src sound.Source, f, c, tc, phase []float64) (*filterbank.FIRBank, error)) func(*args, []sound.Source, *Graph) (sound.Source, error) {
	return func(a *args, s []sound.Source, _ *Graph) (sound.Source, error) {
		f := a.floats("f", true)
		tc := a.floats("time_constant", true)
		c := a.floats("c", false)
		ph := a.floats("phase", false)
		if a.first != nil {
			return nil, a.first
		}
		return build(s[0], f, c, tc, ph)
	}
}

// floatsOr reads a number or list, defaulting to the single value def.
func (a *args) floatsOr(key string, def float64) []float64 {
	if v := a.floats(key, false); v != nil {
		return v
	}
	return []float64{def}
}

// bandType reads Brian Hears' btype ("low", "high", "bandpass", "bandstop",
// and scipy's synonyms).
func (a *args) bandType(key, def string) design.BandType {
	name := a.str(key, def)
	bt, err := design.ParseBandType(name)
	if err != nil {
		a.fail(key, "%v", err)
	}
	return bt
}

// edges reads band edges in Brian Hears' shapes: a number or a list of one
// value per channel for low- and high-pass; a pair [low, high] or two rows
// [[lows...], [highs...]] for band-pass and band-stop.
func (a *args) edges(key string, bt design.BandType) [][]float64 {
	band := bt == design.Bandpass || bt == design.Bandstop
	v, ok := a.raw(key, true)
	if !ok {
		return nil
	}
	// Two rows given explicitly.
	if m := a.tryMatrix(v); m != nil {
		if band && len(m) != 2 || !band && len(m) != 1 {
			a.fail(key, "%s needs %s, got %d rows", bt, map[bool]string{true: "two rows (lower, upper edges)", false: "one row of edges"}[band], len(m))
		}
		return m
	}
	row := a.decodeFloats(key, v)
	if !band {
		return [][]float64{row}
	}
	if len(row) != 2 {
		a.fail(key, "%s needs a pair [low, high] (Hz) or two rows, got %d values", bt, len(row))
		return nil
	}
	return [][]float64{{row[0]}, {row[1]}}
}

func (a *args) tryMatrix(v []byte) [][]float64 {
	var m [][]float64
	if err := json.Unmarshal(v, &m); err != nil {
		return nil
	}
	for _, r := range m {
		for _, x := range r {
			if !finite(x) {
				return nil
			}
		}
	}
	return m
}
