package main

import (
	"fmt"
	"image"
	"math"

	"github.com/gohears/hears/chain"
	"github.com/gohears/hears/examples/internal/figs"
	"github.com/gohears/hears/filterbank"
	"github.com/gohears/hears/plot"
	"github.com/gohears/hears/sound"
)

// The comparison's stimuli: the vowel /a/ (formants 730, 1090 and 2440 Hz,
// sound.VowelFormants) on a 125 Hz pitch and a 1 kHz tone, each compareDur
// long with 10 ms raised-cosine ramps, at compareLevel, at compareRate;
// every model but CARFAC (whose design fixes its channels) at the same
// compareChannels centre frequencies, ERB-spaced from compareFmin to
// compareFmax.
const (
	compareRate     = 50000
	compareDur      = 0.12
	compareLevel    = 45 // dB SPL
	comparePitch    = 125
	compareTone     = 1000
	compareFmin     = 200
	compareFmax     = 6000
	compareChannels = 48
	compareSteady   = 0.03 // the profiles average from here (s), past the onset
)

// compareVowel is the vowel the comparison plays.
const compareVowel = "a"

// modelResponse is one cochlear model's response to the two stimuli.
type modelResponse struct {
	model chain.CochlearModel
	cf    []float64 // centre frequencies (Hz), increasing
	rate  float64   // the response's sample rate (Hz)
	vowel []float64 // frames × channels
	tone  []float64
}

// profile is the response averaged over time from compareSteady on, one
// value per channel: the excitation pattern the third column draws.
func profile(y []float64, nc int, rate float64) []float64 {
	p := make([]float64, nc)
	frames := len(y) / nc
	from := int(compareSteady * rate)
	for f := from; f < frames; f++ {
		for c := range nc {
			p[c] += y[f*nc+c]
		}
	}
	for c := range p {
		p[c] /= float64(frames - from)
	}
	return p
}

// compareStimuli returns the vowel and the tone, at compareLevel dB SPL.
func compareStimuli() (vowel, tone *sound.Sound, err error) {
	vowel, err = sound.Vowel(compareVowel, comparePitch, compareDur, sound.WithRate(compareRate))
	if err != nil {
		return nil, nil, err
	}
	tone, err = sound.Tone(compareTone, compareDur, sound.WithRate(compareRate))
	if err != nil {
		return nil, nil, err
	}
	cosine := func(t float64) float64 { return 0.5 - 0.5*math.Cos(math.Pi*t) }
	for _, s := range []*sound.Sound{vowel, tone} {
		if err := s.Ramp(sound.Both, 0.01, cosine); err != nil {
			return nil, nil, err
		}
		if err := s.SetLevel(compareLevel); err != nil {
			return nil, nil, err
		}
	}
	return vowel, tone, nil
}

// compareAll runs every model of chain.CochlearModels on the two stimuli.
func compareAll() ([]modelResponse, error) {
	vowel, tone, err := compareStimuli()
	if err != nil {
		return nil, err
	}
	common, err := filterbank.ERBSpace(compareFmin, compareFmax, compareChannels)
	if err != nil {
		return nil, err
	}
	var out []modelResponse
	for _, m := range chain.CochlearModels() {
		r := modelResponse{model: m, cf: common, rate: m.ResponseRate(compareRate)}
		if m.Channels != nil {
			if r.cf, err = m.Channels(compareRate); err != nil {
				return nil, fmt.Errorf("%s: %w", m.Name, err)
			}
		}
		for _, s := range []struct {
			in  *sound.Sound
			dst *[]float64
		}{{vowel, &r.vowel}, {tone, &r.tone}} {
			bank, err := m.Response(s.in, r.cf)
			if err != nil {
				return nil, fmt.Errorf("%s: %w", m.Name, err)
			}
			y, err := sound.ReadAll(bank, 0)
			if err != nil {
				return nil, fmt.Errorf("%s: %w", m.Name, err)
			}
			if y.NumChannels() != len(r.cf) || y.SampleRate() != r.rate {
				return nil, fmt.Errorf("%s: %d channels at %g Hz, want %d at %g Hz", m.Name, y.NumChannels(), y.SampleRate(), len(r.cf), r.rate)
			}
			*s.dst = y.Data()
		}
		out = append(out, r)
	}
	return out, nil
}

// Panel sizes (pixels) of the comparison figure.
const (
	cmpWidth, cmpHeight = 400, 210
)

// drawComparison draws one row per model: its cochleagram of the vowel,
// of the tone, and the two time-averaged profiles against centre
// frequency, each normalised to its largest channel.
func drawComparison(path string, rs []modelResponse) error {
	var panels []image.Image
	for _, r := range rs {
		nc := len(r.cf)
		for _, s := range []struct {
			what string
			y    []float64
		}{{fmt.Sprintf("vowel /%s/", compareVowel), r.vowel}, {fmt.Sprintf("%d Hz tone", compareTone), r.tone}} {
			// Means over 1 ms bins: the pitch periods and onsets stay, the
			// fine structure (which no panel this size resolves) goes.
			g, err := plot.Decimate(s.y, nc, r.rate, int(math.Round(compareDur*1e3)))
			if err != nil {
				return err
			}
			fig, err := plot.CochleagramGrid(g, r.cf, &plot.Options{
				Title: fmt.Sprintf("%s: %s, %d dB SPL", r.model.Title, s.what, compareLevel),
				Width: cmpWidth, Height: cmpHeight, DPI: figs.DPI})
			if err != nil {
				return fmt.Errorf("%s: %w", r.model.Name, err)
			}
			panels = append(panels, fig.Image())
		}
		pv, pt := profile(r.vowel, nc, r.rate), profile(r.tone, nc, r.rate)
		norm := func(p []float64) []float64 {
			hi := 0.0
			for _, v := range p {
				hi = max(hi, v)
			}
			q := make([]float64, len(p))
			for i, v := range p {
				q[i] = v / hi
			}
			return q
		}
		pl, err := figs.Line(figs.LineOptions{
			Title:  fmt.Sprintf("%s, %s", r.model.Title, r.model.Unit),
			XLabel: "Centre frequency (Hz)", YLabel: fmt.Sprintf("Mean from %g ms / largest", compareSteady*1e3), LogX: true,
			YMin: 0, YMax: 1.05, XMin: r.cf[0], XMax: r.cf[nc-1], LegendLeft: true},
			figs.Series{Label: "vowel", X: r.cf, Y: norm(pv)},
			figs.Series{Label: "tone", X: r.cf, Y: norm(pt)},
			figs.Series{X: []float64{compareTone, compareTone}, Y: []float64{0, 1.05}, Color: figs.Palette(1), Dash: true})
		if err != nil {
			return err
		}
		panels = append(panels, figs.Render(pl, cmpWidth, cmpHeight))
	}
	img, err := figs.Grid(3, panels...)
	if err != nil {
		return err
	}
	return figs.SavePNG(path, img)
}
