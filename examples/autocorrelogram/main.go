// Command autocorrelogram computes the summary autocorrelogram of the
// pitch models of Meddis & Hewitt (1991), J. Acoust. Soc. Am. 89:
// 2866–2882, with Brian Hears' building blocks: gammatone filters (40
// channels ERB-spaced from 100 Hz to 6 kHz), half-wave rectification with
// cube-root compression as the hair cells, the running autocorrelation of
// each channel over lags up to 15 ms, and their sum across channels. It is
// done for three sounds at 60 dB SPL: a 200 Hz harmonic complex, the same
// complex without its first five harmonics (a "missing fundamental"), and
// iterated rippled noise with a 5 ms delay (irns).
//
//	go run ./examples/autocorrelogram [-o autocorrelogram.png]
//
// What to look for: in the autocorrelogram of the missing-fundamental
// complex (top; one row per channel, the lag across) the channels respond
// at their own frequencies, yet all of them share a peak at 5 ms, so the
// summary (below) peaks at 5 ms — the 200 Hz pitch listeners hear although
// there is no energy at 200 Hz; the full complex and the rippled noise,
// whose pitch is also 200 Hz, give the same summary peak. The program prints
// the lag of each summary's first major peak beyond 2 ms (the first within
// 5 % of the highest) and the pitch it implies.
package main

import (
	"fmt"
	"log"

	"github.com/gohears/hears/examples/internal/figs"
	"github.com/gohears/hears/filterbank"
	"github.com/gohears/hears/plot"
	"github.com/gohears/hears/sound"
)

const (
	channels = 40
	fLow     = 100.0        // Hz
	fHigh    = 6000.0       // Hz
	maxLag   = 0.015        // s
	minLag   = 0.002        // s: pitches above 500 Hz are not looked for
	level    = sound.DB(60) // dB SPL
	f0       = 200.0        // Hz
	onset    = 0.03         // s of the filters' onset left out of the autocorrelation
)

// acg is the autocorrelogram of one sound.
type acg struct {
	name    string
	rows    [][]float64 // [channel][lag], each normalised by its zero-lag value
	summary []float64   // Σ over channels of rows, / channels
	pitch   float64     // lag of the summary's first major peak beyond minLag, s
}

type result struct {
	cf   []float64
	rate float64
	lags []float64 // s
	acgs []*acg
}

func main() {
	outPath, duration := figs.Flags("autocorrelogram.png", 0.2, "each sound")
	r, err := run(duration, 1)
	if err != nil {
		log.Fatal(err)
	}
	for _, a := range r.acgs {
		fmt.Printf("%-32s summary peak at %.3f ms: pitch %.1f Hz\n", a.name, 1e3*a.pitch, 1/a.pitch)
	}
	if err := draw(r, outPath); err != nil {
		log.Fatal(err)
	}
}

// sounds returns the three test sounds, duration seconds each.
func sounds(duration float64, seed uint64) (names []string, snds []*sound.Sound, err error) {
	full, err := sound.HarmonicComplex(f0, duration, nil, nil)
	if err != nil {
		return nil, nil, err
	}
	amp := make([]float64, int(sound.DefaultRate()/2/f0))
	for k := 5; k < len(amp); k++ { // harmonics 6 and up
		amp[k] = 1
	}
	missing, err := sound.HarmonicComplex(f0, duration, amp, []float64{0})
	if err != nil {
		return nil, nil, err
	}
	irn, err := sound.IRNS(1/f0, 1, 8, duration, sound.WithSeed(seed))
	if err != nil {
		return nil, nil, err
	}
	names = []string{"harmonics 6+ of 200 Hz (missing F0)", "harmonic complex, F0 200 Hz", "iterated rippled noise, delay 5 ms"}
	snds = []*sound.Sound{missing, full, irn}
	for _, s := range snds {
		if err := s.SetLevel(level); err != nil {
			return nil, nil, err
		}
	}
	return names, snds, nil
}

func run(duration float64, seed uint64) (*result, error) {
	names, snds, err := sounds(duration, seed)
	if err != nil {
		return nil, err
	}
	cf, err := filterbank.ERBSpace(fLow, fHigh, channels)
	if err != nil {
		return nil, err
	}
	rate := snds[0].SampleRate()
	L := int(maxLag * rate)
	r := &result{cf: cf, rate: rate}
	for k := 0; k <= L; k++ {
		r.lags = append(r.lags, float64(k)/rate)
	}
	for i, s := range snds {
		gt, err := filterbank.Gammatone(s, cf)
		if err != nil {
			return nil, err
		}
		ihc, err := filterbank.Map(gt, filterbank.RectifyCubeRoot)
		if err != nil {
			return nil, err
		}
		out, err := sound.ReadAll(ihc, 0)
		if err != nil {
			return nil, err
		}
		a := &acg{name: names[i], summary: make([]float64, L+1)}
		skip := sound.FramesOf(onset, rate)
		for c := range channels {
			x := out.ChannelData(c)[skip:]
			row := autocorrelation(x, L)
			a.rows = append(a.rows, row)
			for k, v := range row {
				a.summary[k] += v / channels
			}
		}
		a.pitch = peakBeyond(a.summary, int(minLag*rate)) / rate
		r.acgs = append(r.acgs, a)
	}
	return r, nil
}

// autocorrelation returns Σ_t x[t]·x[t+k] / Σ_t x[t]² for k = 0..L, the
// sums over the samples where both exist (t < len(x) − L, so that every lag
// sums the same number of terms). The hair-cell output is not mean-removed:
// as in Meddis & Hewitt, the firing probability is correlated with itself.
func autocorrelation(x []float64, L int) []float64 {
	n := len(x) - L
	out := make([]float64, L+1)
	for k := range out {
		s := 0.0
		for t := range n {
			s += x[t] * x[t+k]
		}
		out[k] = s
	}
	if out[0] > 0 {
		z := out[0]
		for k := range out {
			out[k] /= z
		}
	}
	return out
}

// peakBeyond returns the lag (in samples, refined by a parabola) of the
// first local maximum of s at lags ≥ from that reaches 95 % of the largest
// one there: for a periodic sound every multiple of the period peaks about
// equally high, and the period is the first of them.
func peakBeyond(s []float64, from int) float64 {
	var peaks []int
	top := 0.0
	for k := max(from, 1); k < len(s)-1; k++ {
		if s[k] >= s[k-1] && s[k] > s[k+1] {
			peaks = append(peaks, k)
			top = max(top, s[k])
		}
	}
	for _, k := range peaks {
		if s[k] < 0.95*top {
			continue
		}
		den := s[k-1] - 2*s[k] + s[k+1]
		if den == 0 {
			return float64(k)
		}
		return float64(k) + 0.5*(s[k-1]-s[k+1])/den
	}
	return 0
}

func draw(r *result, path string) error {
	a := r.acgs[0]
	g := &plot.Grid{Channels: channels, Bins: len(r.lags), Start: 0, End: 1e3 * (r.lags[len(r.lags)-1] + 1/r.rate)}
	for k := range r.lags {
		for c := range channels {
			g.Data = append(g.Data, a.rows[c][k])
		}
	}
	fig, err := plot.CochleagramGrid(g, r.cf, &plot.Options{
		Title: "Autocorrelogram: " + a.name, Width: 900, Height: 380, DPI: 100, ColorLabel: "normalised ACF",
	})
	if err != nil {
		return err
	}
	fig.Plot().X.Label.Text = "Lag (ms)"
	ms := make([]float64, len(r.lags))
	for k, l := range r.lags {
		ms[k] = 1e3 * l
	}
	var series []figs.Series
	for i, a := range r.acgs {
		series = append(series, figs.Series{Label: a.name, X: ms, Y: a.summary, Color: figs.Palette(i)})
	}
	series = append(series, figs.Series{X: []float64{1e3 / f0, 1e3 / f0}, Y: []float64{0, 1}, Dash: true, Color: figs.Palette(7)})
	sp, err := figs.Line(figs.LineOptions{Title: "Summary autocorrelograms (dashed: 1/200 Hz = 5 ms)", XLabel: "Lag (ms)", YLabel: "Mean normalised ACF", YMin: 0, YMax: 1.05}, series...)
	if err != nil {
		return err
	}
	img, err := figs.Grid(1, fig.Image(), figs.Render(sp, 900, 360))
	if err != nil {
		return err
	}
	return figs.SavePNG(path, img)
}
