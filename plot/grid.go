package plot

import (
	"errors"
	"fmt"
	"math"
)

// Grid is a time × channel matrix reduced in time to a picture's width: Bins
// time bins, each the mean of a run of consecutive frames, for Channels
// channels. A Grid is what the heat-map pictures draw; it is small whatever
// the duration of the sound it summarises.
type Grid struct {
	// Channels is the number of channels (rows of the picture).
	Channels int
	// Bins is the number of time bins (columns of the picture).
	Bins int
	// Data holds the bin means, bin-major: channel c of bin j at
	// Data[j*Channels+c].
	Data []float64
	// Start and End are the times, in seconds, of the first frame and of the
	// end of the last frame covered: the bins tile [Start, End).
	Start, End float64
}

// At returns the value of channel c in time bin j.
func (g *Grid) At(j, c int) float64 { return g.Data[j*g.Channels+c] }

// check validates the shape and values of g.
func (g *Grid) check() error {
	if g == nil {
		return errors.New("plot: nil grid")
	}
	if g.Channels <= 0 || g.Bins <= 0 {
		return fmt.Errorf("plot: grid of %d bins × %d channels is empty", g.Bins, g.Channels)
	}
	if len(g.Data) != g.Bins*g.Channels {
		return fmt.Errorf("plot: grid holds %d values, %d bins × %d channels need %d", len(g.Data), g.Bins, g.Channels, g.Bins*g.Channels)
	}
	if !(g.End > g.Start) || math.IsInf(g.Start, 0) || math.IsInf(g.End, 0) {
		return fmt.Errorf("plot: grid time span [%g, %g) s is not a finite, non-empty interval", g.Start, g.End)
	}
	for i, v := range g.Data {
		if math.IsNaN(v) || math.IsInf(v, 0) {
			return fmt.Errorf("plot: value %v at bin %d, channel %d", v, i/g.Channels, i%g.Channels)
		}
	}
	return nil
}

// Decimator reduces a stream of frame-major blocks to a Grid by block means,
// so that a picture of a long, many-channel output needs memory for the
// picture only: bins × channels values, whatever the duration. Frame f of
// frames falls in bin f*bins/frames (integer division), so bins differ in
// length by at most one frame and the time axis stays linear.
//
// Feed it with sound.Each:
//
//	d, _ := plot.NewDecimator(bank.NumChannels(), n, 1200, bank.SampleRate())
//	err := sound.Each(bank, n, 0, func(b []float64, _, k int) error { return d.Add(b, k) })
//	g, err := d.Grid()
type Decimator struct {
	channels, frames, bins int
	rate                   float64
	sum                    []float64
	count                  []int
	next                   int // frames added so far
}

// NewDecimator prepares the reduction of frames frames of channels channels
// at rate Hz to at most bins time bins (fewer when frames < bins: no bin is
// ever empty).
func NewDecimator(channels, frames, bins int, rate float64) (*Decimator, error) {
	if channels <= 0 {
		return nil, fmt.Errorf("plot: decimator needs a positive channel count, got %d", channels)
	}
	if frames <= 0 {
		return nil, fmt.Errorf("plot: decimator needs a positive frame count, got %d (an unbounded source needs a length)", frames)
	}
	if bins <= 0 {
		return nil, fmt.Errorf("plot: decimator needs a positive number of bins, got %d", bins)
	}
	if !(rate > 0) || math.IsInf(rate, 0) {
		return nil, fmt.Errorf("plot: sample rate must be a positive finite number of Hz, got %v", rate)
	}
	bins = min(bins, frames)
	return &Decimator{
		channels: channels, frames: frames, bins: bins, rate: rate,
		sum: make([]float64, bins*channels), count: make([]int, bins),
	}, nil
}

// Add accumulates the next n frames, given as a frame-major block of at
// least n × channels values. Blocks must arrive in order; more frames than
// announced is an error. A NaN or infinite sample is reported by Grid
// (checking sums once is cheaper than checking every sample).
func (d *Decimator) Add(block []float64, n int) error {
	nc := d.channels
	if n < 0 || len(block) < n*nc {
		return fmt.Errorf("plot: block of %d values cannot hold %d frames of %d channels", len(block), n, nc)
	}
	if d.next+n > d.frames {
		return fmt.Errorf("plot: decimator announced %d frames, got %d", d.frames, d.next+n)
	}
	for f := range n {
		row := block[f*nc : (f+1)*nc]
		j := int(int64(d.next+f) * int64(d.bins) / int64(d.frames))
		acc := d.sum[j*nc : (j+1)*nc]
		for c, v := range row {
			acc[c] += v
		}
		d.count[j]++
	}
	d.next += n
	return nil
}

// Frames returns the number of frames added so far.
func (d *Decimator) Frames() int { return d.next }

// Grid returns the bin means once every announced frame has been added. It
// fails if a bin met a NaN or infinite sample.
func (d *Decimator) Grid() (*Grid, error) {
	if d.next != d.frames {
		return nil, fmt.Errorf("plot: decimator announced %d frames but got %d", d.frames, d.next)
	}
	nc := d.channels
	for i, v := range d.sum {
		if math.IsNaN(v) || math.IsInf(v, 0) {
			return nil, fmt.Errorf("plot: non-finite data (NaN, infinity or overflow) in time bin %d (%.6g s on), channel %d",
				i/nc, float64(i/nc)*float64(d.frames)/float64(d.bins)/d.rate, i%nc)
		}
	}
	data := make([]float64, len(d.sum))
	for j, k := range d.count {
		inv := 1 / float64(k)
		for c := range nc {
			data[j*nc+c] = d.sum[j*nc+c] * inv
		}
	}
	return &Grid{Channels: nc, Bins: d.bins, Data: data, Start: 0, End: float64(d.frames) / d.rate}, nil
}

// Decimate reduces frame-major data (frames × channels, len(data) a
// multiple of channels) at rate Hz to at most bins time bins by block means.
func Decimate(data []float64, channels int, rate float64, bins int) (*Grid, error) {
	if channels <= 0 {
		return nil, fmt.Errorf("plot: channel count must be positive, got %d", channels)
	}
	if len(data)%channels != 0 {
		return nil, fmt.Errorf("plot: %d values do not divide into %d channels", len(data), channels)
	}
	frames := len(data) / channels
	d, err := NewDecimator(channels, frames, bins, rate)
	if err != nil {
		return nil, err
	}
	if err := d.Add(data, frames); err != nil {
		return nil, err
	}
	return d.Grid()
}
