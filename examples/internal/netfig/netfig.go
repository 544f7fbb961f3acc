// Package netfig draws what the network examples show: the raster of a
// network split into populations, coloured by population, over its
// smoothed population rate, and summarises its spikes (mean rate, CV).
package netfig

import (
	"fmt"
	"path/filepath"
	"strings"

	"github.com/gohears/hears/examples/internal/figs"
	"github.com/gohears/hears/plot"
	"github.com/gohears/hears/spiking"
	"github.com/gohears/hears/spiking/analysis"
)

// Population is a contiguous range of neurons [Start, Start+N) named Name.
type Population struct {
	Name     string
	Start, N int
}

// Split returns the spikes (indices relative to each population) of the
// populations.
func Split(pops []Population, idx []int, ts []float64) []plot.RasterGroup {
	gs := make([]plot.RasterGroup, len(pops))
	for k, p := range pops {
		gs[k] = plot.RasterGroup{Name: p.Name, N: p.N}
	}
	for k, i := range idx {
		for j, p := range pops {
			if i >= p.Start && i < p.Start+p.N {
				gs[j].Indices = append(gs[j].Indices, i-p.Start)
				gs[j].Times = append(gs[j].Times, ts[k])
				break
			}
		}
	}
	return gs
}

// Save draws the populations' raster over [0, duration) s above the
// population rate (Hz, sampled every dt s from t = 0) smoothed by a gaussian
// of standard deviation sigma s (analysis.SmoothRate), and writes it to
// path.
func Save(path, title string, pops []Population, idx []int, ts []float64, duration, dt float64, rate []float64, sigma float64) error {
	smooth, err := analysis.SmoothRate(rate, dt, analysis.Gaussian, sigma)
	if err != nil {
		return err
	}
	rt := make([]float64, len(rate))
	for k := range rt {
		rt[k] = float64(k) * dt
	}
	fig, err := plot.RasterRate(Split(pops, idx, ts), duration, rt, smooth, &plot.RasterRateOptions{
		Options: plot.Options{Title: title, Height: 800}})
	if err != nil {
		return err
	}
	return SaveFigure(fig, path)
}

// SaveFigure writes a figure to path: a compact PNG (figs.SavePNG, under
// the size kept for docs/img) for .png, plot's encoders for other formats.
func SaveFigure(fig *plot.Figure, path string) error {
	if strings.EqualFold(filepath.Ext(path), ".png") {
		return figs.SavePNG(path, fig.Image())
	}
	return fig.Save(path)
}

// Stats are the summary numbers of a network's spikes.
type Stats struct {
	Spikes int
	Rate   float64 // mean rate per neuron, Hz
	MeanCV float64 // mean over neurons with 3 spikes or more of their ISI CV
	Pooled float64 // CV of all neurons' ISIs pooled
}

// Summarise computes Stats of trains recorded over duration s.
func Summarise(trains [][]float64, duration float64) (Stats, error) {
	var s Stats
	for _, tr := range trains {
		s.Spikes += len(tr)
	}
	var err error
	if s.Rate, err = analysis.MeanRate(duration, trains...); err != nil {
		return s, err
	}
	if s.MeanCV, _, err = analysis.MeanCV(trains); err != nil {
		return s, err
	}
	if s.Pooled, err = analysis.PooledCV(trains); err != nil {
		return s, err
	}
	return s, nil
}

// String prints the stats.
func (s Stats) String() string {
	return fmt.Sprintf("%d spikes: mean rate %.2f Hz, CV of the interspike intervals %.2f (neurons' mean), %.2f (pooled)", s.Spikes, s.Rate, s.MeanCV, s.Pooled)
}

// Recording is what a network run leaves: the spikes and population rate
// of one group, and their summary.
type Recording struct {
	I     []int     // neuron of each spike
	T     []float64 // time of each spike, s
	Rate  []float64 // population rate at each step, Hz
	Stats Stats
}

// Simulate runs a network of objs (which must include src's group) for
// duration s at step dt with seed, recording the spikes and the population
// rate of src.
func Simulate(dt, duration float64, seed uint64, src spiking.SpikeSource, objs ...spiking.Object) (*Recording, error) {
	sm, err := spiking.NewSpikeMonitor(src, nil, spiking.MonitorOptions{})
	if err != nil {
		return nil, err
	}
	rm, err := spiking.NewPopulationRateMonitor(src, spiking.MonitorOptions{})
	if err != nil {
		return nil, err
	}
	net, err := spiking.NewNetwork(dt, append(objs, sm, rm)...)
	if err != nil {
		return nil, err
	}
	net.Seed(seed)
	if err := net.Run(duration); err != nil {
		return nil, err
	}
	r := &Recording{I: sm.I(), T: sm.T(), Rate: rm.Rate()}
	r.Stats, err = Summarise(sm.Trains(), duration)
	return r, err
}
