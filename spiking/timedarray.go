package spiking

import (
	"fmt"
	"math"

	"github.com/gohears/hears/units"
)

// TimedArray is a table of values sampled in time at step dt, usable inside
// equations as a function of time: 1-D (one column) as ta(t), 2-D (rows =
// time, columns = neuron index) as ta(t, i). Brian2's TimedArray.
//
// Row rule (Brian2 2.5.1, numpy target): for a group with step dtGroup,
// row(t) = clip(int(round(t/eps)/K), 0, rows-1) with
// K = max(2**ceil(log2(8*dt/dtGroup)), 1) and eps = dt/K: floor(t/dt)
// made robust against rounding; before 0 the first row and after the end
// the last row is used.
type TimedArray struct {
	name   string
	values []float64 // row-major: values[row*cols + col]
	rows   int
	cols   int
	dt     float64
	unit   units.Dim
}

// NewTimedArray returns a TimedArray of rows×cols values (row-major,
// values[row*cols+col]; cols = 1 for a 1-D array) sampled every dt
// seconds. The slice is used, not copied.
func NewTimedArray(name string, values []float64, cols int, dt float64) (*TimedArray, error) {
	if cols < 1 || len(values) == 0 || len(values)%cols != 0 {
		return nil, fmt.Errorf("spiking: TimedArray %q: %d values do not form rows of %d columns", name, len(values), cols)
	}
	if !(dt > 0) || math.IsInf(dt, 0) {
		return nil, fmt.Errorf("spiking: TimedArray %q: dt must be positive and finite, got %g s", name, dt)
	}
	if name == "" {
		return nil, fmt.Errorf("spiking: TimedArray needs a name (the function name used in equations)")
	}
	for k, v := range values {
		if math.IsNaN(v) {
			return nil, fmt.Errorf("spiking: TimedArray %q: value %d (row %d, column %d) is NaN", name, k, k/cols, k%cols)
		}
	}
	return &TimedArray{name: name, values: values, rows: len(values) / cols, cols: cols, dt: dt}, nil
}

// NewTimedArrayRows builds a TimedArray from rows (time) of equal length
// (columns = neurons), copying them.
func NewTimedArrayRows(name string, rows [][]float64, dt float64) (*TimedArray, error) {
	if len(rows) == 0 {
		return nil, fmt.Errorf("spiking: TimedArray %q: no rows", name)
	}
	nc := len(rows[0])
	flat := make([]float64, 0, len(rows)*nc)
	for r, row := range rows {
		if len(row) != nc {
			return nil, fmt.Errorf("spiking: TimedArray %q: row %d has %d values, row 0 has %d", name, r, len(row), nc)
		}
		flat = append(flat, row...)
	}
	return NewTimedArray(name, flat, nc, dt)
}

// FrameData is an in-memory multi-channel signal such as *sound.Sound:
// frame-major samples (sample c of frame f at f*NumChannels()+c) at
// SampleRate() Hz.
type FrameData interface {
	Data() []float64
	NumChannels() int
	SampleRate() float64
}

// TimedArrayFromSound wraps an in-memory sound (e.g. *sound.Sound) as a
// 2-D TimedArray: one column per channel, dt = 1/sample rate. The samples
// are shared, not copied (a Sound's data is frame-major, the TimedArray
// layout).
func TimedArrayFromSound(name string, s FrameData) (*TimedArray, error) {
	if s == nil || !(s.SampleRate() > 0) {
		return nil, fmt.Errorf("spiking: TimedArray %q: nil sound", name)
	}
	return NewTimedArray(name, s.Data(), s.NumChannels(), 1/s.SampleRate())
}

// Name is the function name of the array in equations.
func (ta *TimedArray) Name() string { return ta.name }

// Rows is the number of time samples; Cols the number of columns.
func (ta *TimedArray) Rows() int { return ta.rows }

// Cols is the number of columns (1 for a 1-D array).
func (ta *TimedArray) Cols() int { return ta.cols }

// Dt is the sampling step in seconds.
func (ta *TimedArray) Dt() float64 { return ta.dt }

// rowRule returns K and eps of the row rule for a group step dtGroup.
func (ta *TimedArray) rowRule(dtGroup float64) (k, eps float64) {
	k = math.Max(math.Exp2(math.Ceil(math.Log2(8*ta.dt/dtGroup))), 1)
	return k, ta.dt / k
}

// Row is the row read at time t (seconds) by a group with step dtGroup.
func (ta *TimedArray) Row(t, dtGroup float64) int {
	k, eps := ta.rowRule(dtGroup)
	return ta.row(t, k, eps)
}

func (ta *TimedArray) row(t, k, eps float64) int {
	r := math.Trunc(math.RoundToEven(t/eps) / k)
	if !(r > 0) { // also NaN
		return 0
	}
	if r >= float64(ta.rows-1) {
		return ta.rows - 1
	}
	return int(r)
}

// At is the value ta(t, i) for a group with step dtGroup; a column out of
// range is an error.
func (ta *TimedArray) At(t float64, i int, dtGroup float64) (float64, error) {
	if i < 0 || i >= ta.cols {
		return 0, fmt.Errorf("spiking: TimedArray %q has %d columns, index %d", ta.name, ta.cols, i)
	}
	return ta.values[ta.Row(t, dtGroup)*ta.cols+i], nil
}
