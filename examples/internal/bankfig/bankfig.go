// Package bankfig draws the picture shared by the ports of Brian Hears'
// butterworth.py and IIRfilterbank.py: a band-pass bank and a low-pass bank
// on the same noise, each as a cochleogram with one row per channel (Brian
// Hears' imshow), above the frequency responses of three channels of each.
package bankfig

import (
	"fmt"

	"github.com/gohears/hears/examples/internal/figs"
	"github.com/gohears/hears/examples/internal/measure"
	"github.com/gohears/hears/plot"
)

// Bank is one filterbank's response to the noise and its impulse responses.
type Bank struct {
	Title  string      // title of its cochleogram
	YLabel string      // label of the frequency axis ("" for package plot's)
	Name   string      // name in the response legend ("band-pass")
	Freqs  []float64   // centre or cutoff frequency of each channel, Hz
	Out    []float64   // frame-major response to the noise
	IR     [][]float64 // impulse response of each channel
}

// Channels are the channels whose frequency responses are drawn.
var Channels = []int{0, 25, 49}

// Draw writes the picture of the two banks (drawn solid and dashed in the
// response panel) at rate Hz to path.
func Draw(path string, rate float64, banks [2]*Bank) error {
	var maps []*plot.Figure
	for _, b := range banks {
		fig, err := plot.Cochleagram(b.Out, b.Freqs, rate, &plot.Options{
			Title: b.Title, Width: 900, Height: 270, DPI: 100, FrequencyAxis: plot.ChannelRows,
		})
		if err != nil {
			return err
		}
		if b.YLabel != "" {
			fig.Plot().Y.Label.Text = b.YLabel
		}
		maps = append(maps, fig)
	}
	freqs := figs.Linspace(20, 3000, 600)
	var series []figs.Series
	for i, c := range Channels {
		for k, b := range banks {
			if c >= len(b.IR) {
				return fmt.Errorf("bankfig: bank %q has no channel %d", b.Name, c)
			}
			series = append(series, figs.Series{
				Label: fmt.Sprintf("%s %.0f Hz", b.Name, b.Freqs[c]), X: freqs,
				Y: measure.GainCurve(b.IR[c], rate, freqs, -60), Color: figs.Ramp(i, len(Channels)), Dash: k == 1,
			})
		}
	}
	resp, err := figs.Line(figs.LineOptions{Title: "Frequency responses (channels 1, 26, 50)", XLabel: "Frequency (Hz)", YLabel: "Gain (dB)",
		LogX: true, YMin: -60, YMax: 3, LegendBottom: true, LegendLeft: true}, series...)
	if err != nil {
		return err
	}
	img, err := figs.Grid(1, maps[0].Image(), maps[1].Image(), figs.Render(resp, 900, 340))
	if err != nil {
		return err
	}
	return figs.SavePNG(path, img)
}
