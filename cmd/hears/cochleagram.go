package main

import (
	"bufio"
	"bytes"
	_ "embed"
	"errors"
	"fmt"
	"math"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"

	"github.com/spf13/pflag"

	"github.com/gohears/hears/chain"
	"github.com/gohears/hears/filterbank"
	"github.com/gohears/hears/internal/decimate"
	"github.com/gohears/hears/internal/progress"
	"github.com/gohears/hears/internal/safefile"
	"github.com/gohears/hears/internal/sidecar"
	"github.com/gohears/hears/plot"
	"github.com/gohears/hears/sound"
)

// defaultSpeech is the sound drawn when no input is given: "Hello, this is
// go hears." spoken by espeak-ng 1.51 (voice en-us, 140 words/min), 22.05
// kHz 16-bit mono, 2.4 s, made with
//
//	espeak-ng -v en-us -s 140 -w default_speech.wav "Hello, this is go hears."
//
//go:embed default_speech.wav
var defaultSpeech []byte

// cochleagramHelp is the help text; the model list is filled in from
// chain's table.
func cochleagramHelp() string {
	var models strings.Builder
	for _, m := range chain.CochlearModels() {
		fmt.Fprintf(&models, "  %-10s %s\n", m.Name, m.Summary)
	}
	return `Draws a cochleagram as in the Brian Hears cochleagram example: a gammatone
filterbank (Slaney 1993) with centre frequencies equally spaced on the
Glasberg & Moore ERB-rate scale, half-wave rectification and cube-root
compression (the classic hair-cell stage), then a first-order low-pass
filter (10 Hz by default) that keeps the envelope. The picture is time ×
centre frequency, written as ` + strings.Join(plot.Formats, ", ") + ` according to the extension of
-o. Without an input, a built-in recording of synthetic speech ("Hello, this
is go hears") is drawn.

--model chooses the cochlea (the level-dependent ones read pascals: --level
sets the input's RMS level in dB SPL over the whole sound, measured in a first
pass; without it the samples are taken as pascals):
` + models.String() + `
A sound file with several channels gives one picture per channel (at most 64):
out_left.png and out_right.png for a stereo file, out_ch0.png, out_ch1.png,
... beyond two, unless --mono mixes the channels (their mean) first.

--csv also writes the values: a header "time_s,<cf>,...", one row per
picture column (time bin), or, with --output-rate, one row per sample of the
envelope decimated to that rate (anti-aliased: passband 0–0.4 × the rate,
≥ 80 dB from 0.6 × the rate). --keep selects the CSV's channels, --float32
writes shorter numbers. A NAME.json beside the CSV says what it holds (rate,
centre frequencies, units, model and parameters, input and its SHA-256).
Outputs appear only when the whole run succeeds. Memory stays bounded by the
picture whatever the length of the input.`
}

func init() {
	registerPerFile(&perFile{
		name:         "cochleagram",
		summary:      "draw a cochleagram of a sound file (gammatone or a cochlear model)",
		usage:        "cochleagram [input] [-o out.png] [--model " + strings.Join(chain.CochlearModelNames(), "|") + "] [--level dB] [--channels N] [--csv out.csv] [flags]",
		long:         cochleagramHelp(),
		defaultInput: true,
		completions:  map[string][]string{"model": chain.CochlearModelNames(), "axis": {"log", "erb"}},
		example: `  hears cochleagram speech.wav -o speech.png
  hears cochleagram speech.flac --csv speech.csv --output-rate 100 --keep 0:50
  hears cochleagram speech.wav --model drnl --level 70 -o drnl.png`,
		newJob: newCochleagramJob,
	})
}

// cochleagramConfig holds the settings of one cochleagram run.
type cochleagramConfig struct {
	in            string // "" for the built-in sound
	out, csv      string
	channels      int
	fmin, fmax    float64 // Hz; 0 for the model's default
	cutoff        float64 // Hz
	mono          bool
	width, height int
	axis          string
	title         string
	model         string
	level         string // dB SPL; "" to take the samples as pascals
	outFlags
	stdout stdoutFormat // -o -: the picture to standard output
}

func newCochleagramJob(fs *pflag.FlagSet) job {
	cfg := &cochleagramConfig{}
	fs.StringVarP(&cfg.out, "output", "o", "cochleagram.png", "output picture `file` ("+strings.Join(dotted(plot.Formats), ", ")+"); - writes it to standard output (in the --format)")
	fs.StringVar(&cfg.csv, "csv", "", "also write the values to this CSV `file` (rows: time; columns: time in s, then one per centre frequency)")
	fs.IntVar(&cfg.channels, "channels", 100, "number of `channels` (centre frequencies; carfac's are fixed by its design)")
	fs.Float64Var(&cfg.fmin, "fmin", 0, "lowest centre frequency in `Hz` (default: the model's, 50 Hz; 200 for tancarney, 125 for zilany; not for carfac)")
	fs.Float64Var(&cfg.fmax, "fmax", 0, "highest centre frequency in `Hz` (default: 8000 or 0.45 × the sample rate, 0.25 × for the cochlear models, whichever is lower)")
	fs.Float64Var(&cfg.cutoff, "lowpass", 10, "cutoff of the envelope low-pass filter in `Hz`")
	fs.BoolVar(&cfg.mono, "mono", false, "mix the input channels to one (their mean) and draw one picture")
	fs.IntVar(&cfg.width, "width", 1200, "picture width in `pixels`")
	fs.IntVar(&cfg.height, "height", 600, "picture height in `pixels`")
	fs.StringVar(&cfg.axis, "axis", "log", "frequency axis: `log` (logarithmic) or erb (one row per channel: ERB-rate)")
	fs.StringVar(&cfg.title, "title", "", "picture title (default: Cochleagram of the input's name)")
	fs.StringVar(&cfg.model, "model", chain.CochlearModelNames()[0], "cochlear `model`: "+strings.Join(chain.CochlearModelNames(), ", "))
	fs.StringVar(&cfg.level, "level", "", "scale the input to this RMS level in `dB` SPL (default: samples are pascals)")
	cfg.outFlags.declare(fs)
	cfg.stdout.declare(fs, "png", plot.Formats)
	return cfg
}

func (cfg *cochleagramConfig) setInput(p string) { cfg.in = p }
func (cfg *cochleagramConfig) input() string     { return cfg.in }
func (cfg *cochleagramConfig) outputs() []*string {
	return []*string{&cfg.out, &cfg.csv}
}
func (cfg *cochleagramConfig) run(e *env) ([]string, error) { return cochleagram(*cfg, e) }

// dotted returns the extensions with a leading dot.
func dotted(exts []string) []string {
	out := make([]string, len(exts))
	for i, x := range exts {
		out[i] = "." + x
	}
	return out
}

// ear is one picture's worth of work: a one-channel source and its name.
type ear struct {
	src    sound.Source
	suffix string // "" for a single picture, else "_left", "_ch3", ...
	label  string // for titles and progress: "left ear", "channel 3"
}

// check validates the settings that do not depend on the input.
func (cfg *cochleagramConfig) check() error {
	if cfg.out != "-" && (cfg.out == "" || !extensionIn(cfg.out, plot.Formats)) {
		return usageErrorf("-o %q: the picture needs an extension among %s (or - for standard output)", cfg.out, strings.Join(dotted(plot.Formats), ", "))
	}
	if err := cfg.stdout.check(cfg.out); err != nil {
		return err
	}
	if cfg.csv == "-" {
		return usageErrorf("--csv -: the CSV goes to a file, with its sidecar beside it (-o - sends the picture to standard output; hears filter -o - streams data)")
	}
	if cfg.csv != "" && strings.ToLower(filepath.Ext(cfg.csv)) != ".csv" {
		return usageErrorf("--csv %q: the file name must end in .csv", cfg.csv)
	}
	if cfg.csv == "" && (cfg.outputRate != 0 || cfg.keep != "" || cfg.float32) {
		return usageErrorf("--output-rate, --keep and --float32 shape the --csv output: give --csv too")
	}
	if cfg.channels < 2 || cfg.channels > 20000 {
		return usageErrorf("--channels %d: need between 2 and 20000", cfg.channels)
	}
	for _, f := range []struct {
		name string
		v    float64
	}{{"--fmin", cfg.fmin}, {"--fmax", cfg.fmax}, {"--lowpass", cfg.cutoff}} {
		if math.IsNaN(f.v) || math.IsInf(f.v, 0) || f.v < 0 || (f.v == 0 && f.name == "--lowpass") {
			return usageErrorf("%s %g: need a positive frequency in Hz", f.name, f.v)
		}
	}
	if cfg.width < 100 || cfg.width > 20000 || cfg.height < 100 || cfg.height > 20000 {
		return usageErrorf("picture of %d×%d pixels: each side must be between 100 and 20000", cfg.width, cfg.height)
	}
	if cfg.axis != "log" && cfg.axis != "erb" {
		return usageErrorf("--axis %q: use log or erb", cfg.axis)
	}
	if _, ok := chain.LookupCochlearModel(cfg.model); !ok {
		return usageErrorf("--model %q: use %s", cfg.model, strings.Join(chain.CochlearModelNames(), ", "))
	}
	if cfg.level != "" {
		l, err := strconv.ParseFloat(cfg.level, 64)
		if err != nil || math.IsNaN(l) || math.IsInf(l, 0) || l < -50 || l > 200 {
			return usageErrorf("--level %q: need a level in dB SPL between -50 and 200", cfg.level)
		}
	}
	if _, err := parseKeep(cfg.keep, cfg.channels); err != nil {
		return err
	}
	return cfg.outFlags.check()
}

// maxPictures bounds the pictures of one input (one per channel without
// --mono): a WAV of 65535 channels must not become 65535 files.
const maxPictures = 64

// maxGridValues bounds the values of the grids of one run (1 GiB of
// float64): 100 channels × 1200 bins per picture need 120 000.
const maxGridValues = 1 << 27

func cochleagram(cfg cochleagramConfig, e *env) ([]string, error) {
	mdl, _ := chain.LookupCochlearModel(cfg.model) // checked
	// The input is streamed from the file (sound.Open), never loaded whole,
	// so memory stays bounded by the pictures whatever its length.
	var (
		s    sound.Source
		name = "built-in speech"
	)
	if cfg.in == "" {
		sp, err := sound.DecodeWAV(bytes.NewReader(defaultSpeech))
		if err != nil {
			return nil, err
		}
		s = sp
	} else {
		f, err := sound.Open(cfg.in)
		if err != nil {
			return nil, err
		}
		defer f.Close()
		s, name = f, filepath.Base(cfg.in)
	}
	if s.NumFrames() == 0 {
		return nil, fmt.Errorf("%s holds no samples", name)
	}
	rate := s.SampleRate()
	if cfg.cutoff >= rate/math.Pi {
		return nil, usageErrorf("--lowpass %g Hz must be below %.4g Hz (sample rate / π) for a stable filter", cfg.cutoff, rate/math.Pi)
	}
	var cf []float64
	var err error
	if mdl.Channels != nil {
		// The model's design fixes its channels (CARFAC).
		if cf, err = mdl.Channels(rate); err != nil {
			return nil, err
		}
		cfg.channels = len(cf)
	} else {
		fmax := cfg.fmax
		if fmax == 0 {
			fmax = math.Min(8000, mdl.FmaxFraction*rate)
		}
		if fmax >= rate/2 {
			return nil, usageErrorf("--fmax %g Hz must be below the Nyquist frequency %g Hz of %s", fmax, rate/2, name)
		}
		fmin := cfg.fmin
		if fmin == 0 {
			fmin = mdl.DefaultFmin
		}
		if !(fmax > fmin) {
			return nil, usageErrorf("--fmin %g Hz must be below --fmax %g Hz", fmin, fmax)
		}
		cf, err = filterbank.ERBSpace(fmin, fmax, cfg.channels)
	}
	if err != nil {
		return nil, err
	}
	// Each picture holds a grid of channels × time bins until all are
	// drawn: bound them together, so that a file of thousands of channels
	// or an oversized picture is an error, not an out-of-memory crash.
	pictures := 1
	if !cfg.mono {
		pictures = s.NumChannels()
	}
	if cfg.out == "-" && pictures > 1 {
		return nil, usageErrorf("%s has %d channels, one picture each: they cannot share standard output (use --mono, or -o a file)", name, pictures)
	}
	if pictures > maxPictures {
		return nil, usageErrorf("%s has %d channels: that would be %d pictures (at most %d): use --mono to draw their mean, or extract the channels you want first", name, pictures, pictures, maxPictures)
	}
	if grid := int64(pictures) * int64(cfg.channels) * int64(min(cfg.width, s.NumFrames())); grid > maxGridValues {
		return nil, usageErrorf("%d picture(s) of %d channels × %d time bins need %d values, more than the limit of %d: use fewer --channels, a smaller --width, or --mono", pictures, cfg.channels, min(cfg.width, s.NumFrames()), grid, maxGridValues)
	}
	csvOpt, err := cfg.csvPlan(s, pictures)
	if err != nil {
		return nil, err
	}
	if cfg.level != "" {
		if s, err = atLevel(s, cfg.level, name); err != nil {
			return nil, err
		}
	}
	ears, err := splitEars(s, cfg.mono)
	if err != nil {
		return nil, err
	}
	axis := plot.LogFrequency
	if cfg.axis == "erb" {
		axis = plot.ChannelRows
	}
	prog := progress.New(e.stderr, "hears cochleagram "+name, float64(s.NumFrames())*float64(len(ears)), e.quiet)
	grids := make([]*plot.Grid, len(ears))
	rows := make([]*envelopeRows, len(ears))
	for i, ea := range ears {
		// The frequency axis of the pictures and CSV sidecars is what
		// the model's banks report (filterbank.Tuned), one truth with
		// hears filter's sidecars.
		if grids[i], rows[i], cf, err = cochleagramGrid(ea.src, mdl, cf, cfg.cutoff, cfg.width, csvOpt, prog); err != nil {
			return nil, fmt.Errorf("%s: %w", name, err)
		}
	}
	prog.Done()
	// Every picture of one input shares one colour scale, from 0 to the
	// largest response of any ear, so that interaural level differences
	// show as differences in brightness.
	top := 0.0
	for _, g := range grids {
		top = max(top, slices.Max(g.Data))
	}
	if !(top > 0) {
		top = 1 // a silent input: an all-dark picture with a valid scale
	}
	var outs []output
	for i, ea := range ears {
		title := cfg.title
		if title == "" {
			title = "Cochleagram of " + name
			if i := slices.Index(chain.CochlearModelNames(), mdl.Name); i > 0 {
				title = mdl.Title + " cochleagram of " + name
			}
			if ea.label != "" {
				title += " (" + ea.label + ")"
			}
		}
		fig, err := plot.CochleagramGrid(grids[i], cf, &plot.Options{
			Title: title, Width: cfg.width, Height: cfg.height, FrequencyAxis: axis,
			ColorLabel: mdl.Unit, Min: 0, Max: top,
		})
		if err != nil {
			return nil, err
		}
		var pic bytes.Buffer
		if err := fig.Encode(&pic, cfg.stdout.of(cfg.out)); err != nil {
			return nil, err
		}
		outs = append(outs, output{path: withSuffix(cfg.out, ea.suffix), data: pic.Bytes()})
		if cfg.csv != "" {
			path := withSuffix(cfg.csv, ea.suffix)
			data, meta := csvOpt.encode(grids[i], rows[i], cf)
			meta.Units = mdl.Unit
			meta.Model = map[string]any{"name": mdl.Name, "class": mdl.Class, "params": mdl.Params(),
				"lowpass_hz": cfg.cutoff, "level_db_spl": cfg.level, "channel": ea.label}
			if err := describe(meta, cfg.in, e); err != nil {
				return nil, err
			}
			meta.Data = filepath.Base(path)
			side, err := meta.Encode()
			if err != nil {
				return nil, err
			}
			outs = append(outs, output{path: path, data: data}, output{path: sidecar.PathFor(path), data: side})
		}
	}
	return commitOutputs(e, outs)
}

// describe fills in a sidecar's record of the run: input, command, version.
func describe(meta *sidecar.Sidecar, input string, e *env) error {
	h, err := sidecar.Hash(input)
	if err != nil {
		return err
	}
	meta.Input = sidecar.Input{Path: input, SHA256: h}
	meta.Command = append([]string{"hears"}, e.argv...)
	meta.Version = version
	return nil
}

// csvPlan is how the --csv values are made: the picture's time bins, or
// the envelope decimated by factor (0: bins), of the kept channels.
type csvPlan struct {
	factor int
	rate   float64 // after decimation
	keep   []int   // nil: all
	f32    bool
}

// csvPlan checks the CSV's estimated size against the limit and returns
// how to make it.
func (cfg *cochleagramConfig) csvPlan(s sound.Source, pictures int) (csvPlan, error) {
	var p csvPlan
	if cfg.csv == "" {
		return p, nil
	}
	p.f32 = cfg.float32
	var err error
	if p.keep, err = parseKeep(cfg.keep, cfg.channels); err != nil {
		return p, usageErrorf("--keep: %v", err) // the model's own channel count (carfac) may be fewer than --channels
	}
	kept := cfg.channels
	if p.keep != nil {
		kept = len(p.keep)
	}
	rows := int64(min(cfg.width, s.NumFrames()))
	mdl, _ := chain.LookupCochlearModel(cfg.model)
	if cfg.outputRate != 0 {
		// The envelope runs at the model's output rate (tancarney: 50 kHz).
		modelRate := mdl.ResponseRate(s.SampleRate())
		m, r, err := decimate.Factor(modelRate, cfg.outputRate)
		if err != nil {
			return p, usageErrorf("--output-rate: %v", err)
		}
		p.factor, p.rate = m, r
		rows = outFrames(int64(math.Ceil(float64(s.NumFrames())*modelRate/s.SampleRate())), m)
	}
	digits := 26 // "-1.2345678901234567e-300," at most
	if p.f32 {
		digits = 16
	}
	return p, cfg.checkSize(cfg.csv, rows*int64(pictures), kept+1, digits)
}

// envelopeRows collects the decimated envelope for --output-rate.
type envelopeRows struct {
	d      *decimate.Decimator
	nc     int
	values []float64 // frames × channels
}

func (p csvPlan) newRows(nc int) (*envelopeRows, error) {
	if p.factor == 0 {
		return nil, nil
	}
	r := &envelopeRows{nc: nc}
	d, err := decimate.New(nc, p.factor, func(b []float64, n int) error {
		r.values = append(r.values, b[:n*nc]...)
		return nil
	})
	r.d = d
	return r, err
}

// encode writes the CSV of one picture (its grid, or its envelope rows)
// and the description of it.
func (p csvPlan) encode(g *plot.Grid, r *envelopeRows, cf []float64) ([]byte, *sidecar.Sidecar) {
	keep := p.keep
	if keep == nil {
		keep = make([]int, len(cf))
		for i := range keep {
			keep[i] = i
		}
	}
	meta := &sidecar.Sidecar{
		Layout:     "CSV with a header row: time_s, then one column per channel labelled by its centre frequency in Hz; one row per sample",
		Channels:   len(keep),
		SampleType: "float64",
	}
	for _, c := range keep {
		meta.CentreFrequencies = append(meta.CentreFrequencies, cf[c])
	}
	meta.ChannelIndices = keep
	if p.f32 {
		meta.SampleType = "float32"
	}
	var (
		frames int
		t0, dt float64
		at     func(j, c int) float64
	)
	if r != nil {
		frames = len(r.values) / r.nc
		t0, dt = 0, 1/p.rate
		at = func(j, c int) float64 { return r.values[j*r.nc+c] }
		meta.Decimation = decimationNote(p.factor, p.rate)
	} else {
		frames = g.Bins
		dt = (g.End - g.Start) / float64(g.Bins)
		t0 = g.Start + 0.5*dt
		at = g.At
		meta.Layout += " (one per picture column: the mean over the column's time bin, time at its centre)"
	}
	meta.SampleRate, meta.FirstSampleTime, meta.Frames = 1/dt, t0, int64(frames)
	bits, digits := 64, 8
	if p.f32 {
		bits, digits = 32, -1
	}
	var b bytes.Buffer
	w := bufio.NewWriter(&b)
	w.WriteString("time_s")
	for _, c := range keep {
		w.WriteByte(',')
		w.WriteString(strconv.FormatFloat(cf[c], 'f', 3, 64))
	}
	w.WriteByte('\n')
	for j := range frames {
		w.WriteString(strconv.FormatFloat(t0+float64(j)*dt, 'f', 6, 64))
		for _, c := range keep {
			w.WriteByte(',')
			w.WriteString(strconv.FormatFloat(at(j, c), 'g', digits, bits))
		}
		w.WriteByte('\n')
	}
	w.Flush()
	return b.Bytes(), meta
}

// atLevel returns s scaled so that its RMS over all channels and the whole
// sound is level (dB SPL), measured in one streaming pass. The sum of
// squares is kept scaled by the largest magnitude seen so far (as LAPACK's
// dnrm2 does), so that samples near 1e200 neither overflow it to infinity
// (which made the scale 0 and drew an all-black picture) nor underflow.
func atLevel(s sound.Source, level, name string) (sound.Source, error) {
	l, _ := strconv.ParseFloat(level, 64) // checked by checkConfig
	scale, ssq := 0.0, 1.0                // RMS² · n = scale² · ssq
	err := sound.Each(s, s.NumFrames(), 0, func(b []float64, _, _ int) error {
		for _, v := range b {
			if v == 0 {
				continue
			}
			a := math.Abs(v)
			if math.IsInf(a, 0) || math.IsNaN(a) {
				return fmt.Errorf("%s holds a sample that is %v: its level cannot be measured", name, v)
			}
			if scale < a {
				ssq = 1 + ssq*(scale/a)*(scale/a)
				scale = a
			} else {
				ssq += (a / scale) * (a / scale)
			}
		}
		return nil
	})
	if err != nil {
		return nil, err
	}
	if err := s.Reset(); err != nil {
		return nil, err
	}
	if scale == 0 {
		return nil, fmt.Errorf("%s is silent: --level cannot scale it", name)
	}
	rms := scale * math.Sqrt(ssq/float64(s.NumFrames()*s.NumChannels()))
	gain := sound.DB(l).Pascals() / rms
	if !(rms > 0) || math.IsInf(gain, 0) || !(gain > 0) {
		return nil, fmt.Errorf("%s: its RMS (%g) cannot be scaled to %g dB SPL in float64", name, rms, l)
	}
	return filterbank.Scale(s, gain)
}

// splitEars returns one source per picture: the channels of s, or their
// mean with mono, as streaming banks over s.
func splitEars(s sound.Source, mono bool) ([]ear, error) {
	nc := s.NumChannels()
	if nc == 1 {
		return []ear{{src: s}}, nil
	}
	chans := make([]sound.Source, nc)
	for c := range nc {
		ch, err := filterbank.Restructure([]sound.Source{s}, 1, filterbank.JoinSerial, 1, []int{c})
		if err != nil {
			return nil, err
		}
		chans[c] = ch
	}
	if mono {
		w := make([]float64, nc)
		for c := range w {
			w[c] = 1 / float64(nc)
		}
		m, err := filterbank.Sum(chans, w)
		if err != nil {
			return nil, err
		}
		return []ear{{src: m, label: fmt.Sprintf("mean of %d channels", nc)}}, nil
	}
	ears := make([]ear, nc)
	for c, ch := range chans {
		ears[c] = ear{src: ch, suffix: fmt.Sprintf("_ch%d", c), label: fmt.Sprintf("channel %d", c)}
		if nc == 2 {
			ears[c].suffix = []string{"_left", "_right"}[c]
			ears[c].label = []string{"left ear", "right ear"}[c]
		}
	}
	return ears, nil
}

// cochleagramGrid streams src through the model's response (gammatone →
// rectify and cube root by default) → low-pass and reduces the output to at
// most bins time bins as it goes (and, for --output-rate, decimates it):
// the full output is never held. prog counts input frames. It returns the
// centre frequencies of the grid's rows as the model's banks report them.
func cochleagramGrid(src sound.Source, mdl chain.CochlearModel, cf []float64, cutoff float64, bins int, p csvPlan, prog *progress.Meter) (*plot.Grid, *envelopeRows, []float64, error) {
	resp, err := mdl.Response(src, cf)
	if err != nil {
		return nil, nil, nil, err
	}
	lp, err := filterbank.LowPass(resp, cutoff)
	if err != nil {
		return nil, nil, nil, err
	}
	if cf = filterbank.CentreFrequencies(lp); cf == nil {
		return nil, nil, nil, fmt.Errorf("the %s model's banks do not report their centre frequencies", mdl.Name)
	}
	// One bank for the channel-wise stages (gammatone, rectify and
	// compress, low-pass): each core runs all of them on its channels,
	// tile by tile in cache, with bit-identical results.
	lp = filterbank.Pipeline(lp)
	rows, err := p.newRows(len(cf))
	if err != nil {
		return nil, nil, nil, err
	}
	// The response may run at another rate than src (tancarney resamples).
	n := lp.NumFrames()
	perFrame := float64(src.NumFrames()) / float64(n)
	d, err := plot.NewDecimator(len(cf), n, bins, lp.SampleRate())
	if err != nil {
		return nil, nil, nil, err
	}
	// Block 0: sound.BlockFrames chooses from the channel count.
	err = sound.Each(lp, n, 0, func(b []float64, _, k int) error {
		if err := d.Add(b, k); err != nil {
			return err
		}
		if rows != nil {
			if err := rows.d.Write(b, k); err != nil {
				return err
			}
		}
		prog.Add(float64(k) * perFrame)
		return nil
	})
	if err != nil {
		return nil, nil, nil, err
	}
	if rows != nil {
		if err := rows.d.Flush(); err != nil {
			return nil, nil, nil, err
		}
	}
	g, err := d.Grid()
	return g, rows, cf, err
}

// withSuffix inserts suffix before the extension of path.
func withSuffix(path, suffix string) string {
	ext := filepath.Ext(path)
	return strings.TrimSuffix(path, ext) + suffix + ext
}

// output is a file to write.
type output struct {
	path string
	data []byte
}

// commitAll writes every output to a temporary file beside it and renames
// them into place only when all are written, so a failed run leaves no
// partial output; it returns the paths written.
func commitAll(outs []output) (written []string, err error) {
	for _, o := range outs {
		if st, err := os.Stat(o.path); err == nil && st.IsDir() {
			return nil, fmt.Errorf("cannot write %s: it is a folder", o.path)
		}
	}
	tmps := make([]string, 0, len(outs))
	defer func() {
		if err != nil {
			for _, t := range tmps[len(written):] {
				os.Remove(t)
			}
		}
	}()
	for _, o := range outs {
		f, err := safefile.Create(o.path)
		if err != nil {
			return nil, fmt.Errorf("writing %s: %w", o.path, err)
		}
		tmps = append(tmps, f.Name())
		_, werr := f.Write(o.data)
		if err := errors.Join(werr, f.Close()); err != nil {
			return nil, fmt.Errorf("writing %s: %w", o.path, err)
		}
	}
	for i, o := range outs {
		if err := safefile.Commit(tmps[i], o.path); err != nil {
			return written, err
		}
		written = append(written, o.path)
	}
	return written, nil
}
