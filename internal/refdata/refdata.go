// Package refdata loads the golden reference cases (brian2hears and Brian2
// outputs) that the tests copy into testdata/, and compares results with them.
package refdata

import (
	"encoding/csv"
	"encoding/json"
	"fmt"
	"math"
	"os"
	"path/filepath"
	"strconv"

	"github.com/gohears/hears/sound"
)

// CSV reads a headerless CSV of numbers: rows are samples, columns channels.
func CSV(path string) ([][]float64, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	r := csv.NewReader(f)
	r.FieldsPerRecord = -1
	recs, err := r.ReadAll()
	if err != nil {
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	out := make([][]float64, len(recs))
	for i, rec := range recs {
		out[i] = make([]float64, len(rec))
		for j, s := range rec {
			v, err := strconv.ParseFloat(s, 64)
			if err != nil {
				return nil, fmt.Errorf("%s: row %d column %d: %w", path, i, j, err)
			}
			out[i][j] = v
		}
	}
	return out, nil
}

// Flatten turns rows × columns into one frame-major slice and the column count.
func Flatten(rows [][]float64) ([]float64, int) {
	if len(rows) == 0 {
		return nil, 0
	}
	nc := len(rows[0])
	out := make([]float64, 0, len(rows)*nc)
	for _, r := range rows {
		out = append(out, r...)
	}
	return out, nc
}

// Case is a reference case folder with its case.json decoded loosely.
type Case struct {
	Dir  string
	JSON map[string]any
}

// Load reads dir/case.json.
func Load(dir string) (*Case, error) {
	b, err := os.ReadFile(filepath.Join(dir, "case.json"))
	if err != nil {
		return nil, err
	}
	c := &Case{Dir: dir}
	if err := json.Unmarshal(b, &c.JSON); err != nil {
		return nil, fmt.Errorf("%s/case.json: %w", dir, err)
	}
	return c, nil
}

// CSV reads a file of the case.
func (c *Case) CSV(name string) ([][]float64, error) { return CSV(filepath.Join(c.Dir, name)) }

// File returns the path of a file of the case.
func (c *Case) File(name string) string { return filepath.Join(c.Dir, name) }

// Get walks the decoded JSON along keys (object keys or decimal array indices).
func (c *Case) Get(keys ...string) (any, error) {
	var v any = c.JSON
	for _, k := range keys {
		switch t := v.(type) {
		case map[string]any:
			x, ok := t[k]
			if !ok {
				return nil, fmt.Errorf("%s: no key %q", c.Dir, k)
			}
			v = x
		case []any:
			i, err := strconv.Atoi(k)
			if err != nil || i < 0 || i >= len(t) {
				return nil, fmt.Errorf("%s: bad index %q", c.Dir, k)
			}
			v = t[i]
		default:
			return nil, fmt.Errorf("%s: cannot index %T with %q", c.Dir, v, k)
		}
	}
	return v, nil
}

// Float returns a number at keys.
func (c *Case) Float(keys ...string) (float64, error) {
	v, err := c.Get(keys...)
	if err != nil {
		return 0, err
	}
	f, ok := v.(float64)
	if !ok {
		return 0, fmt.Errorf("%s: %v is %T, not a number", c.Dir, keys, v)
	}
	return f, nil
}

// Floats returns a (possibly nested) numeric array at keys, flattened.
func (c *Case) Floats(keys ...string) ([]float64, error) {
	v, err := c.Get(keys...)
	if err != nil {
		return nil, err
	}
	var out []float64
	var walk func(any) error
	walk = func(x any) error {
		switch t := x.(type) {
		case float64:
			out = append(out, t)
		case []any:
			for _, e := range t {
				if err := walk(e); err != nil {
					return err
				}
			}
		default:
			return fmt.Errorf("%s: %v holds %T, not numbers", c.Dir, keys, x)
		}
		return nil
	}
	return out, walk(v)
}

// Tolerance is the reference comparison rule |got-ref| <= Atol + Rtol*|ref|.
type Tolerance struct{ Rtol, Atol float64 }

// SuggestedTolerance reads suggested_tolerance (rtol, atol) from case.json.
func (c *Case) SuggestedTolerance() (Tolerance, error) {
	r, err := c.Float("suggested_tolerance", "rtol")
	if err != nil {
		return Tolerance{}, err
	}
	a, err := c.Float("suggested_tolerance", "atol")
	if err != nil {
		return Tolerance{}, err
	}
	return Tolerance{Rtol: r, Atol: a}, nil
}

// Mismatch describes the worst element of a comparison.
type Mismatch struct {
	Index     int     // flat index of the worst element
	Got, Want float64 // its values
	Excess    float64 // |got-want| / (atol + rtol*|want|); > 1 fails
	MaxAbs    float64 // largest |got-want| over all elements
}

// Compare checks got against want element by element. It returns an error
// naming the worst element when any element is outside tol, or when the
// lengths differ or a value is NaN.
func Compare(got, want []float64, tol Tolerance) (Mismatch, error) {
	var m Mismatch
	if len(got) != len(want) {
		return m, fmt.Errorf("length %d, reference %d", len(got), len(want))
	}
	m.Index = -1
	for i := range got {
		d := math.Abs(got[i] - want[i])
		if got[i] == want[i] {
			d = 0 // also equal infinities, whose difference is NaN
		}
		if math.IsNaN(got[i]) || math.IsNaN(want[i]) {
			// A NaN on either side would compare as within any tolerance.
			return m, fmt.Errorf("element %d is NaN: got %g, reference %g", i, got[i], want[i])
		}
		lim := tol.Atol + tol.Rtol*math.Abs(want[i])
		e := d / lim
		if lim == 0 || math.IsNaN(e) { // no tolerance, or Inf/Inf: a finite value against an infinite one
			e = 0
			if d != 0 {
				e = math.Inf(1)
			}
		}
		if m.Index < 0 || e > m.Excess {
			m.Index, m.Got, m.Want, m.Excess = i, got[i], want[i], e
		}
		m.MaxAbs = max(m.MaxAbs, d)
	}
	if m.Excess > 1 {
		return m, fmt.Errorf("element %d: got %.17g, want %.17g (%.3g× the tolerance; max |diff| %.3g)", m.Index, m.Got, m.Want, m.Excess, m.MaxAbs)
	}
	return m, nil
}

// Input returns the case's input.csv as a Sound at its samplerate_Hz.
func (c *Case) Input() (*sound.Sound, error) {
	rate, err := c.Float("samplerate_Hz")
	if err != nil {
		return nil, err
	}
	rows, err := c.CSV("input.csv")
	if err != nil {
		return nil, err
	}
	data, nc := Flatten(rows)
	return sound.New(data, nc, rate)
}

// Output returns the case's output.csv, frame-major, and its column count.
func (c *Case) Output() ([]float64, int, error) {
	rows, err := c.CSV("output.csv")
	if err != nil {
		return nil, 0, err
	}
	data, nc := Flatten(rows)
	return data, nc, nil
}

// Columns reads a CSV of the case as one slice per column (e.g. the impulse
// responses of impulse_response.csv, stored taps × channels).
func (c *Case) Columns(name string) ([][]float64, error) {
	rows, err := c.CSV(name)
	if err != nil {
		return nil, err
	}
	if len(rows) == 0 {
		return nil, fmt.Errorf("%s/%s: empty", c.Dir, name)
	}
	cols := make([][]float64, len(rows[0]))
	for j := range cols {
		cols[j] = make([]float64, len(rows))
		for i, r := range rows {
			if len(r) != len(cols) {
				return nil, fmt.Errorf("%s/%s: row %d has %d columns, row 0 has %d", c.Dir, name, i, len(r), len(cols))
			}
			cols[j][i] = r[j]
		}
	}
	return cols, nil
}

// Check compares got (frame-major, output.csv's shape) with output.csv at
// the case's suggested tolerance.
func (c *Case) Check(got []float64) (Mismatch, error) {
	want, _, err := c.Output()
	if err != nil {
		return Mismatch{}, err
	}
	tol, err := c.SuggestedTolerance()
	if err != nil {
		return Mismatch{}, err
	}
	m, err := Compare(got, want, tol)
	if err != nil {
		return m, fmt.Errorf("%s: %w", filepath.Base(c.Dir), err)
	}
	return m, nil
}
