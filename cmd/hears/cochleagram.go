package main

import (
	"bufio"
	"bytes"
	_ "embed"
	"errors"
	"fmt"
	"io"
	"math"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"

	"github.com/gohears/hears/cochlea"
	"github.com/gohears/hears/filterbank"
	"github.com/gohears/hears/internal/safefile"
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

const cochleagramHelp = `Draws a cochleagram as in the Brian Hears cochleagram example: a gammatone
filterbank (Slaney 1993) with centre frequencies equally spaced on the
Glasberg & Moore ERB-rate scale, half-wave rectification and cube-root
compression (the classic hair-cell stage), then a first-order low-pass
filter (10 Hz by default) that keeps the envelope. The picture is time ×
centre frequency, written as PNG, SVG or PDF according to the extension of
-o. Without an input, a built-in recording of synthetic speech ("Hello, this
is go hears") is drawn.

--model replaces the gammatone filterbank with a level-dependent cochlear
model (package cochlea): drnl (Lopez-Poveda & Meddis 2001, brian2hears'
human set) and dcgc (Irino & Patterson 2006), each followed by the same
hair-cell stage and low-pass; or tancarney (middle ear, Tan & Carney 2003,
and the Zhang et al. 2001 synapse), whose firing rate in spikes/s is
low-passed and drawn. These models read pressure in pascals: --level sets
the input's RMS level over the whole sound in dB SPL (a first pass measures
it); without --level the samples are taken as pascals. Their default
highest centre frequency is 8000 Hz or a quarter of the sample rate,
whichever is lower (their low-passes sit near the centre frequency), and
tancarney's lowest is 200 Hz (the resting pole frequency of its signal path
falls below half the centre frequency under 181 Hz, and to 0 at 97.66 Hz). tancarney resamples its input to 50 kHz, the rate its
coefficients were fitted at.

A WAV or AIFF input with several channels gives one picture per channel:
out_left.png and out_right.png for a stereo file, out_ch0.png, out_ch1.png,
... beyond two, unless --mono mixes the channels (their mean) first.
Outputs appear only when the whole run succeeds. Memory stays bounded by the
picture whatever the length of the input.`

func init() {
	register(&command{
		name:    "cochleagram",
		summary: "draw a cochleagram of a sound file (gammatone or a cochlear model)",
		usage:   "cochleagram [input.wav] [-o out.png] [--model gammatone|drnl|dcgc|tancarney] [--level dB] [--channels N] [--fmin Hz] [--fmax Hz] [--csv out.csv] [--mono]",
		run:     runCochleagram,
	})
}

// cochleagramConfig holds the settings of one cochleagram run.
type cochleagramConfig struct {
	input         string // "" for the built-in sound
	out, csv      string
	channels      int
	fmin, fmax    float64 // Hz; fmax 0 for automatic
	cutoff        float64 // Hz
	mono, quiet   bool
	width, height int
	axis          string
	title         string
	model         string
	level         string // dB SPL; "" to take the samples as pascals
}

func runCochleagram(args []string, stdout, stderr io.Writer) error {
	c := commands["cochleagram"]
	var cfg cochleagramConfig
	fs := newFlagSet(c)
	fs.StringVar(&cfg.out, "o", "cochleagram.png", "output picture `file` (.png, .svg or .pdf)")
	fs.StringVar(&cfg.csv, "csv", "", "also write the picture's values to this CSV `file` (rows: time bins; columns: time in s, then one per centre frequency)")
	fs.IntVar(&cfg.channels, "channels", 100, "number of gammatone `channels`")
	fs.Float64Var(&cfg.fmin, "fmin", 0, "lowest centre frequency in `Hz` (default: 50, or 200 for tancarney)")
	fs.Float64Var(&cfg.fmax, "fmax", 0, "highest centre frequency in `Hz` (default: 8000 or 0.45 × the sample rate, whichever is lower)")
	fs.Float64Var(&cfg.cutoff, "lowpass", 10, "cutoff of the envelope low-pass filter in `Hz`")
	fs.BoolVar(&cfg.mono, "mono", false, "mix the input channels to one (their mean) and draw one picture")
	fs.IntVar(&cfg.width, "width", 1200, "picture width in `pixels`")
	fs.IntVar(&cfg.height, "height", 600, "picture height in `pixels`")
	fs.StringVar(&cfg.axis, "axis", "log", "frequency axis: `log` (logarithmic) or erb (one row per channel: ERB-rate)")
	fs.StringVar(&cfg.title, "title", "", "picture title (default: Cochleagram of the input's name)")
	fs.BoolVar(&cfg.quiet, "q", false, "do not report progress on stderr")
	fs.StringVar(&cfg.model, "model", "gammatone", "cochlear `model`: gammatone, drnl, dcgc or tancarney")
	fs.StringVar(&cfg.level, "level", "", "scale the input to this RMS level in `dB` SPL (default: samples are pascals)")
	pos, err := parseArgs(c, fs, cochleagramHelp, args, stdout)
	if err != nil {
		return err
	}
	switch len(pos) {
	case 0:
	case 1:
		cfg.input = pos[0]
	default:
		return usageErrorf("one input file at most, got %d: %s", len(pos), strings.Join(pos, " "))
	}
	return cochleagram(cfg, stderr)
}

// ear is one picture's worth of work: a one-channel source and its name.
type ear struct {
	src    sound.Source
	suffix string // "" for a single picture, else "_left", "_ch3", ...
	label  string // for titles and progress: "left ear", "channel 3"
}

func cochleagram(cfg cochleagramConfig, progress io.Writer) error {
	if err := checkConfig(&cfg); err != nil {
		return err
	}
	// Fail before the work, not after it, when an output cannot be written.
	for _, p := range []string{cfg.out, cfg.csv} {
		if p == "" {
			continue
		}
		if st, err := os.Stat(filepath.Dir(p)); err != nil || !st.IsDir() {
			return fmt.Errorf("cannot write %s: folder %s does not exist", p, filepath.Dir(p))
		}
	}
	// The input is streamed from the file (sound.Open), never loaded whole,
	// so memory stays bounded by the pictures whatever its length.
	var (
		s    sound.Source
		name = "built-in speech"
	)
	if cfg.input == "" {
		sp, err := sound.DecodeWAV(bytes.NewReader(defaultSpeech))
		if err != nil {
			return err
		}
		s = sp
	} else {
		f, err := sound.Open(cfg.input)
		if err != nil {
			return err
		}
		defer f.Close()
		s, name = f, filepath.Base(cfg.input)
	}
	if s.NumFrames() == 0 {
		return fmt.Errorf("%s holds no samples", name)
	}
	rate := s.SampleRate()
	fmax := cfg.fmax
	if fmax == 0 {
		fmax = math.Min(8000, 0.45*rate)
		if cfg.model != "gammatone" {
			fmax = math.Min(8000, 0.25*rate)
		}
	}
	if fmax >= rate/2 {
		return usageErrorf("--fmax %g Hz must be below the Nyquist frequency %g Hz of %s", fmax, rate/2, name)
	}
	fmin := cfg.fmin
	if fmin == 0 {
		fmin = 50
		if cfg.model == "tancarney" {
			// The resting pole frequency fp1 = 1.0854·cf − 106 Hz is 0 at
			// 97.66 Hz (cochlea.TanCarney refuses lower CFs) and reaches
			// cf/2 only at 181 Hz: below that the tuning is poor.
			fmin = 200
		}
	}
	if !(fmax > fmin) {
		return usageErrorf("--fmin %g Hz must be below --fmax %g Hz", fmin, fmax)
	}
	if cfg.cutoff >= rate/math.Pi {
		return usageErrorf("--lowpass %g Hz must be below %.4g Hz (sample rate / π) for a stable filter", cfg.cutoff, rate/math.Pi)
	}
	cf, err := filterbank.ERBSpace(fmin, fmax, cfg.channels)
	if err != nil {
		return err
	}
	// Each picture holds a grid of channels × time bins until all are
	// drawn: bound them together, so that a file of thousands of channels
	// or an oversized picture is an error, not an out-of-memory crash.
	pictures := 1
	if !cfg.mono {
		pictures = s.NumChannels()
	}
	if grid := int64(pictures) * int64(cfg.channels) * int64(min(cfg.width, s.NumFrames())); grid > maxGridValues {
		return usageErrorf("%d picture(s) of %d channels × %d time bins need %d values, more than the limit of %d: use fewer --channels, a smaller --width, or --mono", pictures, cfg.channels, min(cfg.width, s.NumFrames()), grid, maxGridValues)
	}
	if cfg.level != "" {
		if s, err = atLevel(s, cfg.level, name); err != nil {
			return err
		}
	}
	ears, err := splitEars(s, cfg.mono)
	if err != nil {
		return err
	}
	axis := plot.LogFrequency
	if cfg.axis == "erb" {
		axis = plot.ChannelRows
	}
	var outs []output
	work := float64(s.NumFrames()) * float64(cfg.channels) * float64(len(ears))
	prog := newProgress(progress, "hears cochleagram", work, cfg.quiet || work < 3e7)
	grids := make([]*plot.Grid, len(ears))
	for i, e := range ears {
		if grids[i], err = cochleagramGrid(e.src, cfg.model, cf, cfg.cutoff, cfg.width, prog); err != nil {
			return fmt.Errorf("%s: %w", name, err)
		}
	}
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
	for i, e := range ears {
		title := cfg.title
		if title == "" {
			title = "Cochleagram of " + name
			if cfg.model != "gammatone" {
				title = models[cfg.model].title + " cochleagram of " + name
			}
			if e.label != "" {
				title += " (" + e.label + ")"
			}
		}
		fig, err := plot.CochleagramGrid(grids[i], cf, &plot.Options{
			Title: title, Width: cfg.width, Height: cfg.height, FrequencyAxis: axis,
			ColorLabel: models[cfg.model].unit, Min: 0, Max: top,
		})
		if err != nil {
			return err
		}
		var pic bytes.Buffer
		if err := fig.Encode(&pic, filepath.Ext(cfg.out)); err != nil {
			return err
		}
		outs = append(outs, output{path: withSuffix(cfg.out, e.suffix), data: pic.Bytes()})
		if cfg.csv != "" {
			outs = append(outs, output{path: withSuffix(cfg.csv, e.suffix), data: gridCSV(grids[i], cf)})
		}
	}
	prog.done()
	return commitAll(outs)
}

// maxGridValues bounds the values of the grids of one run (1 GiB of
// float64): 100 channels × 1200 bins per picture need 120 000.
const maxGridValues = 1 << 27

// checkConfig validates the settings that do not depend on the input.
func checkConfig(cfg *cochleagramConfig) error {
	ext := strings.ToLower(strings.TrimPrefix(filepath.Ext(cfg.out), "."))
	if cfg.out == "" || !slices.Contains(plot.Formats, ext) {
		return usageErrorf("-o %q: the picture needs an extension among .%s", cfg.out, strings.Join(plot.Formats, ", ."))
	}
	if cfg.csv != "" && strings.ToLower(filepath.Ext(cfg.csv)) != ".csv" {
		return usageErrorf("--csv %q: the file name must end in .csv", cfg.csv)
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
	if _, ok := models[cfg.model]; !ok {
		return usageErrorf("--model %q: use gammatone, drnl, dcgc or tancarney", cfg.model)
	}
	if cfg.level != "" {
		l, err := strconv.ParseFloat(cfg.level, 64)
		if err != nil || math.IsNaN(l) || math.IsInf(l, 0) || l < -50 || l > 200 {
			return usageErrorf("--level %q: need a level in dB SPL between -50 and 200", cfg.level)
		}
	}
	return nil
}

// model is one choice of --model: the response it draws (one channel per
// cf, read from a one-channel source) and the picture's labels.
type model struct {
	title    string // "DRNL", for the default title
	unit     string // colour-bar label
	response func(src sound.Source, cf []float64) (sound.Source, error)
}

// models are the --model choices. The filterbanks and DRNL, DCGC (basilar
// membrane motion) go through the hair-cell stage, half-wave rectification
// and cube root; TanCarney's inner-hair-cell output drives the Zhang
// synapse, whose firing rate is drawn as it is.
var models = map[string]model{
	"gammatone": {"Gammatone", "Response (Pa^1/3)", func(src sound.Source, cf []float64) (sound.Source, error) {
		gt, err := filterbank.Gammatone(src, cf)
		if err != nil {
			return nil, err
		}
		return filterbank.HalfWaveCubeRoot(gt)
	}},
	"drnl": {"DRNL", "Response (model units^1/3)", func(src sound.Source, cf []float64) (sound.Source, error) {
		d, err := cochlea.DRNL(src, cf, cochlea.DRNLHuman())
		if err != nil {
			return nil, err
		}
		return filterbank.HalfWaveCubeRoot(d)
	}},
	"dcgc": {"DCGC", "Response (Pa^1/3)", func(src sound.Source, cf []float64) (sound.Source, error) {
		d, err := cochlea.DCGC(src, cf, 1, cochlea.DefaultDCGCParams())
		if err != nil {
			return nil, err
		}
		return filterbank.HalfWaveCubeRoot(d)
	}},
	"tancarney": {"Tan–Carney", "Firing rate (spikes/s)", func(src sound.Source, cf []float64) (sound.Source, error) {
		// The model's coefficients are fitted at 50 kHz (brian2hears runs
		// it there): other rates are resampled, as a stream.
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
	}},
}

// atLevel returns s scaled so that its RMS over all channels and the whole
// sound is level (dB SPL), measured in one streaming pass.
func atLevel(s sound.Source, level, name string) (sound.Source, error) {
	l, _ := strconv.ParseFloat(level, 64) // checked by checkConfig
	var sum float64
	err := sound.Each(s, s.NumFrames(), 0, func(b []float64, _, _ int) error {
		for _, v := range b {
			sum += v * v
		}
		return nil
	})
	if err != nil {
		return nil, err
	}
	if err := s.Reset(); err != nil {
		return nil, err
	}
	rms := math.Sqrt(sum / float64(s.NumFrames()*s.NumChannels()))
	if !(rms > 0) {
		return nil, fmt.Errorf("%s is silent: --level cannot scale it", name)
	}
	return filterbank.Scale(s, sound.DB(l).Pascals()/rms)
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
// most bins time bins as it goes: the full output is never held.
func cochleagramGrid(src sound.Source, modelName string, cf []float64, cutoff float64, bins int, prog *progress) (*plot.Grid, error) {
	resp, err := models[modelName].response(src, cf)
	if err != nil {
		return nil, err
	}
	lp, err := filterbank.LowPass(resp, cutoff)
	if err != nil {
		return nil, err
	}
	// The response may run at another rate than src (tancarney resamples):
	// progress is counted in input frames.
	n := lp.NumFrames()
	perFrame := float64(src.NumFrames()) / float64(n) * float64(len(cf))
	d, err := plot.NewDecimator(len(cf), n, bins, lp.SampleRate())
	if err != nil {
		return nil, err
	}
	// Block 0: sound.BlockFrames chooses from the channel count.
	err = sound.Each(lp, n, 0, func(b []float64, _, k int) error {
		if err := d.Add(b, k); err != nil {
			return err
		}
		prog.add(float64(k) * perFrame)
		return nil
	})
	if err != nil {
		return nil, err
	}
	return d.Grid()
}

// gridCSV writes a grid as CSV: a header "time_s,<cf>,<cf>,...", then one
// row per time bin, the bin's centre time in seconds and its values.
func gridCSV(g *plot.Grid, cf []float64) []byte {
	var b bytes.Buffer
	w := bufio.NewWriter(&b)
	w.WriteString("time_s")
	for _, f := range cf {
		w.WriteByte(',')
		w.WriteString(strconv.FormatFloat(f, 'f', 3, 64))
	}
	w.WriteByte('\n')
	dt := (g.End - g.Start) / float64(g.Bins)
	for j := range g.Bins {
		w.WriteString(strconv.FormatFloat(g.Start+(float64(j)+0.5)*dt, 'f', 6, 64))
		for c := range g.Channels {
			w.WriteByte(',')
			w.WriteString(strconv.FormatFloat(g.At(j, c), 'g', 8, 64))
		}
		w.WriteByte('\n')
	}
	w.Flush()
	return b.Bytes()
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
// partial output.
func commitAll(outs []output) (err error) {
	for _, o := range outs {
		if st, err := os.Stat(o.path); err == nil && st.IsDir() {
			return fmt.Errorf("cannot write %s: it is a folder", o.path)
		}
	}
	tmps := make([]string, 0, len(outs))
	defer func() {
		if err != nil {
			for _, t := range tmps {
				os.Remove(t)
			}
		}
	}()
	for _, o := range outs {
		f, err := safefile.Create(o.path)
		if err != nil {
			return fmt.Errorf("writing %s: %w", o.path, err)
		}
		tmps = append(tmps, f.Name())
		_, werr := f.Write(o.data)
		if err := errors.Join(werr, f.Close()); err != nil {
			return fmt.Errorf("writing %s: %w", o.path, err)
		}
	}
	for i, o := range outs {
		if err := safefile.Commit(tmps[i], o.path); err != nil {
			return err
		}
	}
	return nil
}

// progress reports a percentage on one line of stderr for long runs.
type progress struct {
	w          io.Writer
	label      string
	total, got float64
	last       int
	off        bool
}

func newProgress(w io.Writer, label string, total float64, off bool) *progress {
	return &progress{w: w, label: label, total: total, last: -1, off: off || w == nil}
}

func (p *progress) add(n float64) {
	if p.off {
		return
	}
	p.got += n
	if pc := int(100 * p.got / p.total); pc != p.last {
		p.last = pc
		fmt.Fprintf(p.w, "\r%s: %3d%%", p.label, pc)
	}
}

func (p *progress) done() {
	if !p.off && p.last >= 0 {
		fmt.Fprintln(p.w)
	}
}
