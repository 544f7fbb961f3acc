// Command binaural_itd is a sound localisation example without HRTFs, in
// the spirit of Brian Hears' sound_localisation_model.py (whose HRTF set
// gohears does not have yet): white noise reaches the right ear 300 µs
// after the left (an interaural time difference made with a FractionalDelay
// bank), both ears go through 40 gammatone filters (ERB-spaced, 200 Hz to
// 4 kHz; the stereo sound is restructured with Repeat so that one bank
// filters both ears), the outputs are half-wave rectified with cube-root
// compression, and each channel's left and right outputs are
// cross-correlated over lags of ±1 ms, Jeffress's coincidence detectors in
// numbers.
//
//	go run ./examples/binaural_itd [-o binaural_itd.png] [-itd 300e-6]
//
// What to look for: the cross-correlogram (top; one row per channel, the
// lag across) has a straight vertical ridge at +300 µs in every channel —
// the ITD — and side ridges one period (1/cf) to either side, which curve
// in towards it as the frequency rises; summed over channels (the pooled
// correlogram) only the true ridge survives. Below, the lag of each channel's peak against
// its centre frequency. The program prints the pooled estimate.
package main

import (
	"flag"
	"fmt"
	"log"
	"math"

	"github.com/gohears/hears/examples/internal/figs"
	"github.com/gohears/hears/filterbank"
	"github.com/gohears/hears/plot"
	"github.com/gohears/hears/sound"
)

const (
	channels = 40
	fLow     = 200.0        // Hz
	fHigh    = 4000.0       // Hz
	maxLag   = 1e-3         // s
	level    = sound.DB(60) // dB SPL
)

type result struct {
	cf      []float64   // Hz
	lags    []float64   // s
	xc      [][]float64 // normalised cross-correlation [channel][lag]
	best    []float64   // ITD estimate of each channel, s
	pooled  []float64   // Σ over channels of xc
	estim   float64     // ITD from the pooled correlogram, s
	itd     float64     // s, imposed
	samples float64     // Hz
}

func main() {
	outPath := flag.String("o", "binaural_itd.png", "picture to write (PNG)")
	itd := flag.Float64("itd", 300e-6, "interaural time difference, s (right ear lags for > 0)")
	duration := flag.Float64("duration", 0.2, "duration of the noise, s")
	flag.Parse()
	r, err := run(*duration, *itd, 1)
	if err != nil {
		log.Fatal(err)
	}
	fmt.Printf("imposed ITD %.1f µs; pooled cross-correlogram peaks at %.1f µs\n", 1e6*r.itd, 1e6*r.estim)
	if err := draw(r, *outPath); err != nil {
		log.Fatal(err)
	}
}

// run makes the binaural noise, filters both ears and cross-correlates.
func run(duration, itd float64, seed uint64) (*result, error) {
	if math.Abs(itd) >= maxLag {
		return nil, fmt.Errorf("ITD %g s outside the ±%g s of lags examined", itd, maxLag)
	}
	noise, err := sound.WhiteNoise(duration, sound.WithSeed(seed))
	if err != nil {
		return nil, err
	}
	if err := noise.SetLevel(level); err != nil {
		return nil, err
	}
	rate := noise.SampleRate()
	// Left and right ears: the mono noise delayed by 0 and by the ITD (plus
	// the common delay of the filters, the same for both).
	ears, err := filterbank.FractionalDelay(noise, []float64{0, itd}, 0)
	if err != nil {
		return nil, err
	}
	cf, err := filterbank.ERBSpace(fLow, fHigh, channels)
	if err != nil {
		return nil, err
	}
	// LR -> L…L R…R: channels [0, N) are the left ear, [N, 2N) the right.
	both, err := filterbank.Repeat(ears, channels)
	if err != nil {
		return nil, err
	}
	gt, err := filterbank.Gammatone(both, append(append([]float64{}, cf...), cf...))
	if err != nil {
		return nil, err
	}
	ihc, err := filterbank.Map(gt, filterbank.RectifyCubeRoot)
	if err != nil {
		return nil, err
	}
	// Skip the filters' common delay and 20 ms of onset.
	skip := sound.FramesOf(ears.DelayOffset()+0.02, rate)
	n := skip + noise.NumFrames()
	out, err := sound.ReadFrames(ihc, n, 0)
	if err != nil {
		return nil, err
	}
	r := &result{cf: cf, itd: itd, samples: rate}
	L := int(maxLag * rate)
	for k := -L; k <= L; k++ {
		r.lags = append(r.lags, float64(k)/rate)
	}
	r.pooled = make([]float64, len(r.lags))
	data := out.Data()
	for c := range channels {
		left, right := make([]float64, 0, n-skip), make([]float64, 0, n-skip)
		for f := skip; f < n; f++ {
			left = append(left, data[f*2*channels+c])
			right = append(right, data[f*2*channels+channels+c])
		}
		xc := crossCorrelation(left, right, L)
		r.xc = append(r.xc, xc)
		for k, v := range xc {
			r.pooled[k] += v
		}
		r.best = append(r.best, peakLag(xc, rate, L))
	}
	r.estim = peakLag(r.pooled, rate, L)
	return r, nil
}

// crossCorrelation returns, for lags k = -L..L samples, the correlation
// coefficient between left[t] and right[t+k] (mean removed) over the
// samples where both exist: a peak at k > 0 means the right ear lags.
func crossCorrelation(left, right []float64, L int) []float64 {
	mean := func(x []float64) float64 {
		s := 0.0
		for _, v := range x {
			s += v
		}
		return s / float64(len(x))
	}
	ml, mr := mean(left), mean(right)
	out := make([]float64, 2*L+1)
	for k := -L; k <= L; k++ {
		var sxy, sxx, syy float64
		for t := max(0, -k); t < len(left) && t+k < len(right); t++ {
			x, y := left[t]-ml, right[t+k]-mr
			sxy += x * y
			sxx += x * x
			syy += y * y
		}
		out[k+L] = sxy / math.Sqrt(sxx*syy)
	}
	return out
}

// peakLag returns the lag, in seconds, of the maximum of xc (lags -L..L
// samples at rate Hz), refined by a parabola through the three samples
// around it.
func peakLag(xc []float64, rate float64, L int) float64 {
	b := 0
	for k, v := range xc {
		if v > xc[b] {
			b = k
		}
	}
	frac := 0.0
	if b > 0 && b < len(xc)-1 {
		den := xc[b-1] - 2*xc[b] + xc[b+1]
		if den != 0 {
			frac = 0.5 * (xc[b-1] - xc[b+1]) / den
		}
	}
	return (float64(b-L) + frac) / rate
}

func draw(r *result, path string) error {
	// The correlogram as a lag × channel grid (lags in µs on the time axis).
	g := &plot.Grid{Channels: channels, Bins: len(r.lags), Start: 1e6 * (r.lags[0] - 0.5/r.samples), End: 1e6 * (r.lags[len(r.lags)-1] + 0.5/r.samples)}
	for j := range r.lags {
		for c := range channels {
			g.Data = append(g.Data, r.xc[c][j])
		}
	}
	fig, err := plot.CochleagramGrid(g, r.cf, &plot.Options{
		Title: fmt.Sprintf("Cross-correlogram, ITD %.0f µs (right ear lags)", 1e6*r.itd), Width: 900, Height: 380, DPI: 100,
		ColorLabel: "correlation", Min: -1, Max: 1,
	})
	if err != nil {
		return err
	}
	fig.Plot().X.Label.Text = "Lag (µs)"
	pooled := make([]float64, len(r.pooled))
	lagsUS := make([]float64, len(r.lags))
	for k := range pooled {
		pooled[k] = r.pooled[k] / channels
		lagsUS[k] = 1e6 * r.lags[k]
	}
	pp, err := figs.Line(figs.LineOptions{Title: "Pooled over channels", XLabel: "Lag (µs)", YLabel: "Mean correlation"},
		figs.Series{X: lagsUS, Y: pooled},
		figs.Series{X: []float64{1e6 * r.itd, 1e6 * r.itd}, Y: []float64{-0.2, 1}, Dash: true, Color: figs.Palette(7)})
	if err != nil {
		return err
	}
	best := make([]float64, channels)
	for c, v := range r.best {
		best[c] = 1e6 * v
	}
	bp, err := figs.Line(figs.LineOptions{Title: "Peak lag of each channel", XLabel: "Centre frequency (Hz)", YLabel: "ITD estimate (µs)", LogX: true, YMin: -1000, YMax: 1000},
		figs.Series{X: r.cf, Y: best, Color: figs.Palette(3)},
		figs.Series{X: []float64{r.cf[0], r.cf[channels-1]}, Y: []float64{1e6 * r.itd, 1e6 * r.itd}, Dash: true, Color: figs.Palette(7)})
	if err != nil {
		return err
	}
	bottom, err := figs.Grid(2, figs.Render(pp, 450, 300), figs.Render(bp, 450, 300))
	if err != nil {
		return err
	}
	img, err := figs.Grid(1, fig.Image(), bottom)
	if err != nil {
		return err
	}
	return figs.SavePNG(path, img)
}
