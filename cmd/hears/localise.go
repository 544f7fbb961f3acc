package main

import (
	"fmt"
	"image/color"
	"io"
	"math"
	"strconv"
	"strings"
	"time"

	"github.com/gohears/hears/hrtf"
	"github.com/gohears/hears/internal/progress"
	"github.com/gohears/hears/plot"
	"github.com/gohears/hears/sound"
	"github.com/spf13/pflag"
)

const localiseHelp = `Estimates where a sound comes from with a model that knows the listener's
HRTFs (--hrtf: a SOFA file, or "spherical" for the spherical-head model on a
5° grid).

  hears localise IN.wav --hrtf FILE [-o response.png]
      IN.wav is a binaural recording (channel 1 left ear, channel 2 right);
      it is resampled to the set's rate if needed. Prints the estimated
      azimuth and elevation and draws the model's response over every
      direction of the set (-o, PNG/SVG/PDF).
  hears localise --hrtf FILE --evaluate [--duration 200ms] [--level 60]
                 [--plane horizontal|median|all] [--ear-noise dB]
      plays white noise (--duration, --level dB SPL) from every direction
      of the set (or of one plane: horizontal = elevation 0, median =
      azimuths 0° and 180°) through its own HRTFs, localises each, and
      prints a table per direction and a summary: median and 90th-
      percentile great-circle error, share within 15° and 30°, front–back
      confusions (target and estimate on opposite sides of the frontal
      plane, both more than 10° from it), lateral error (lateral angle:
      angle from the median plane). --ear-noise adds independent white
      noise at that level (dB SPL) at each ear.

Models (--model):
  goodman-brette  Goodman & Brette (2010), PLoS Comput. Biol. 6: e1000993:
                  for each candidate direction and gammatone band, the
                  similarity of the right ear's signal through the
                  candidate's left HRTF and the left ear's through its right
                  HRTF — the inputs of the paper's coincidence detectors,
                  identical for the true direction — computed directly
                  instead of with spiking neurons (see docs/hrtf.md for what
                  is equivalent). Bands 150 Hz–5 kHz, 40.
  xcorr-ild       baseline: ITD from the pooled interaural cross-correlation
                  (Jeffress 1948; Shackleton et al. 1992) of the bands up to
                  1.5 kHz and the ILD of every band (Rayleigh's duplex
                  theory), matched to the set's own ITDs and ILDs in units of
                  just-noticeable differences (10 µs, 1 dB). Bands 150 Hz–
                  16 kHz, 40.
Both models are level-invariant and noiseless: with the listener's own
HRTFs and no --ear-noise, their errors are the set's true ambiguities
(e.g. the median plane of a left/right-symmetric set such as KEMAR's).`

func init() {
	registerPerFile(&perFile{
		name:         "localise",
		summary:      "estimate a binaural sound's direction, or evaluate a localisation model on an HRTF set",
		usage:        "localise [IN.wav] --hrtf FILE|spherical [--model goodman-brette|xcorr-ild] [-o response.png] [--evaluate ...]",
		long:         localiseHelp,
		defaultInput: true, // --evaluate plays its own noise
		completions:  map[string][]string{"model": {string(hrtf.GoodmanBrette), string(hrtf.CrossCorrelation)}, "plane": {"horizontal", "median", "all"}},
		newJob: func(fs *pflag.FlagSet) job {
			cfg := &localiseConfig{}
			fs.StringVar(&cfg.hrtf, "hrtf", "", "HRTF set: a SOFA `file`, or spherical")
			fs.StringVar(&cfg.model, "model", string(hrtf.GoodmanBrette), "localisation `model`: goodman-brette or xcorr-ild")
			fs.StringVarP(&cfg.out, "output", "o", "", "picture of the model's response over directions (`file`.png|svg|pdf; default: none)")
			fs.BoolVar(&cfg.evaluate, "evaluate", false, "evaluate the model on every direction of the set")
			fs.StringVar(&cfg.duration, "duration", "200ms", "evaluate: noise `duration` (e.g. 200ms, 0.5s, or seconds)")
			fs.StringVar(&cfg.level, "level", "60", "evaluate: noise level in `dB` SPL")
			fs.StringVar(&cfg.earNoise, "ear-noise", "", "evaluate: independent white noise at each ear at this level in `dB` SPL (default: none)")
			fs.StringVar(&cfg.plane, "plane", "all", "evaluate: directions played: `horizontal`, median or all")
			fs.Uint64Var(&cfg.seed, "seed", 1, "evaluate: seed of the noises")
			fs.Float64Var(&cfg.rate, "rate", 44100, "sample `rate` in Hz of the spherical-head set")
			return cfg
		},
	})
}

// localiseConfig holds the flags of hears localise; it is the command's
// job.
type localiseConfig struct {
	in                                string
	hrtf, model, out, plane, duration string
	evaluate                          bool
	level, earNoise                   string
	seed                              uint64
	rate                              float64
}

func (cfg *localiseConfig) setInput(p string)  { cfg.in = p }
func (cfg *localiseConfig) input() string      { return cfg.in }
func (cfg *localiseConfig) outputs() []*string { return []*string{&cfg.out} }

func (cfg *localiseConfig) check() error {
	if cfg.hrtf == "" {
		return usageErrorf("localise needs --hrtf FILE or --hrtf spherical")
	}
	switch {
	case cfg.evaluate && cfg.in != "":
		return usageErrorf("localise --evaluate takes no input sound (it plays noise from every direction)")
	case !cfg.evaluate && cfg.in == "":
		return usageErrorf("localise takes one binaural recording (or --evaluate)")
	case cfg.evaluate && cfg.out != "":
		return usageErrorf("localise --evaluate draws no picture: -o is for one recording's response")
	case cfg.out == "-":
		return usageErrorf("localise -o -: standard output carries the estimate (text), so the picture needs a file name")
	}
	return nil
}

func (cfg *localiseConfig) run(e *env) ([]string, error) {
	model := hrtf.Model(cfg.model)
	set, err := loadHRTFSet(cfg.hrtf, cfg.rate)
	if err != nil {
		return nil, err
	}
	loc, err := hrtf.NewLocaliser(set, hrtf.LocaliserOptions{Model: model})
	if err != nil {
		return nil, err
	}
	if cfg.evaluate {
		return nil, evaluateLocaliser(loc, *cfg, e)
	}
	rec, err := sound.Load(cfg.in)
	if err != nil {
		return nil, err
	}
	if rec.NumChannels() != 2 {
		return nil, fmt.Errorf("%s has %d channels: localise takes a binaural (2-channel) recording", cfg.in, rec.NumChannels())
	}
	if rec.SampleRate() != set.SampleRate() {
		if rec, err = rec.Resampled(set.SampleRate()); err != nil {
			return nil, err
		}
	}
	left, _ := rec.Channel(0)
	right, _ := rec.Channel(1)
	est, err := loc.Localise(left.Data(), right.Data())
	if err != nil {
		return nil, fmt.Errorf("%s: %w", cfg.in, err)
	}
	fmt.Fprintf(e.stdout, "%s: azimuth %g°, elevation %g° (direction %d of %s, model %s)\n",
		cfg.in, est.Coordinate.Azimuth, est.Coordinate.Elevation, est.Index, set.Name(), model)
	if est.Ties > 0 {
		fmt.Fprintf(e.stdout, "ambiguous: %d other directions score the same\n", est.Ties)
	}
	if model == hrtf.CrossCorrelation {
		fmt.Fprintf(e.stdout, "ITD %.1f µs (positive: left ear delayed)\n", 1e6*est.ITD)
	}
	if cfg.out == "" {
		return nil, nil
	}
	if err := drawResponse(loc, est, cfg.in, cfg.out); err != nil {
		return nil, err
	}
	return []string{cfg.out}, nil
}

// drawResponse draws est's scores over the set's directions.
func drawResponse(loc *hrtf.Localiser, est *hrtf.Estimate, name, out string) error {
	coords := loc.Set().Coordinates()
	az := make([]float64, len(coords))
	el := make([]float64, len(coords))
	for k, c := range coords {
		az[k], el[k] = c.Azimuth, c.Elevation
	}
	label := "mean normalised correlation of the detectors' inputs"
	if loc.Model() == hrtf.CrossCorrelation {
		label = "−½ squared distance (JNDs)"
	}
	fig, err := plot.DirectionMap(az, el, est.Scores, []plot.Mark{{Azimuth: est.Coordinate.Azimuth, Elevation: est.Coordinate.Elevation,
		Label: "estimate", Cross: true, Color: color.RGBA{0, 160, 255, 255}}},
		&plot.Options{Width: 1200, Height: 620, ColorLabel: label,
			Title: fmt.Sprintf("%s: %s response over the directions of %s", name, loc.Model(), loc.Set().Name())})
	if err != nil {
		return err
	}
	return fig.Save(out)
}

// parseSeconds reads "200ms", "0.5s" (Go durations) or plain seconds.
func parseSeconds(s string) (float64, error) {
	if v, err := strconv.ParseFloat(s, 64); err == nil {
		return v, nil
	}
	d, err := time.ParseDuration(s)
	if err != nil {
		return 0, usageErrorf("duration %q: want e.g. 200ms, 0.5s or 0.2", s)
	}
	return d.Seconds(), nil
}

func evaluateLocaliser(loc *hrtf.Localiser, cfg localiseConfig, e *env) error {
	stdout := e.stdout
	dur, err := parseSeconds(cfg.duration)
	if err != nil {
		return err
	}
	level, err := strconv.ParseFloat(cfg.level, 64)
	if err != nil {
		return usageErrorf("--level %q is not a number of dB SPL", cfg.level)
	}
	opts := hrtf.EvaluateOptions{Duration: dur, Level: sound.DB(level), Seed: cfg.seed}
	if cfg.earNoise != "" {
		v, err := strconv.ParseFloat(cfg.earNoise, 64)
		if err != nil {
			return usageErrorf("--ear-noise %q is not a number of dB SPL", cfg.earNoise)
		}
		n := sound.DB(v)
		opts.EarNoise = &n
	}
	set := loc.Set()
	for k, c := range set.Coordinates() {
		keep := true
		switch cfg.plane {
		case "all":
		case "horizontal":
			keep = c.Elevation == 0
		case "median":
			keep = math.Abs(c.Azimuth) < 1e-6 || math.Abs(math.Abs(c.Azimuth)-180) < 1e-6
		default:
			return usageErrorf("--plane %q: want horizontal, median or all", cfg.plane)
		}
		if keep {
			opts.Directions = append(opts.Directions, k)
		}
	}
	if len(opts.Directions) == 0 {
		return fmt.Errorf("%s has no direction on the %s plane", set.Name(), cfg.plane)
	}
	start := time.Now()
	meter := progress.New(e.stderr, "hears localise: directions", float64(len(opts.Directions)), e.quiet)
	reported := 0
	opts.Progress = func(done, total int) {
		meter.Add(float64(done - reported))
		reported = done
	}
	ev, err := loc.Evaluate(opts)
	meter.Done()
	if err != nil {
		return err
	}
	noise := "none"
	if opts.EarNoise != nil {
		noise = fmt.Sprintf("%g dB SPL white at each ear", float64(*opts.EarNoise))
	}
	fmt.Fprintf(stdout, "# %s evaluated on %s (%d directions, %s plane): white noise %.0f ms at %g dB SPL, ear noise %s, seed %d\n",
		loc.Model(), set.Name(), len(ev.Trials), cfg.plane, 1e3*dur, level, noise, cfg.seed)
	fmt.Fprintf(stdout, "%-9s %9s %9s %9s %9s %9s %9s %5s %5s\n", "direction", "azimuth", "elevation", "est_az", "est_el", "error", "lat_err", "fb", "ties")
	for _, t := range ev.Trials {
		fmt.Fprintf(stdout, "%-9d %9g %9g %9g %9g %9.1f %9.1f %5t %5d\n", t.Index, t.Target.Azimuth, t.Target.Elevation,
			t.Estimate.Azimuth, t.Estimate.Elevation, t.Error, t.LateralError, t.FrontBackConfusion, t.Ties)
	}
	s := ev.Summary
	var b strings.Builder
	fmt.Fprintf(&b, "summary: %d directions\n", s.N)
	fmt.Fprintf(&b, "  great-circle error: median %.1f°, 90th percentile %.1f°\n", s.MedianError, s.P90Error)
	fmt.Fprintf(&b, "  within 15°: %.1f%%, within 30°: %.1f%%\n", 100*s.Within15, 100*s.Within30)
	fmt.Fprintf(&b, "  front-back confusions: %.1f%%\n", 100*s.FrontBack)
	fmt.Fprintf(&b, "  lateral error: median %.1f°, mean %.1f°\n", s.MedianLateralError, s.MeanLateralError)
	fmt.Fprintf(&b, "  ambiguous (tied best score): %d\n", s.Ambiguous)
	fmt.Fprintf(&b, "  time: %.1f s\n", time.Since(start).Seconds())
	_, err = io.WriteString(stdout, b.String())
	return err
}
