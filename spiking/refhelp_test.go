package spiking

import (
	"math"
	"path/filepath"
	"testing"

	"github.com/gohears/hears/internal/refdata"
)

// refCase loads testdata/brian2/<name>.
func refCase(t *testing.T, name string) *refdata.Case {
	t.Helper()
	c, err := refdata.Load(filepath.Join("..", "testdata", "brian2", name))
	if err != nil {
		t.Fatal(err)
	}
	return c
}

// checkSpikes compares the spikes of a monitor with spikes.csv-style
// reference rows (index, time): same count per neuron, same step for each.
func checkSpikes(t *testing.T, c *refdata.Case, file string, mon *SpikeMonitor, dt float64) {
	t.Helper()
	ref, err := c.CSV(file)
	if err != nil {
		t.Fatal(err)
	}
	gi, gt := mon.I(), mon.T()
	if len(gi) != len(ref) {
		t.Errorf("%s: %d spikes, reference %d", file, len(gi), len(ref))
	}
	for k := 0; k < min(len(gi), len(ref)); k++ {
		ri, rt := int(ref[k][0]), ref[k][1]
		if gi[k] != ri || math.Round(gt[k]/dt) != math.Round(rt/dt) {
			t.Fatalf("%s: spike %d is (%d, %.6g s), reference (%d, %.6g s)", file, k, gi[k], gt[k], ri, rt)
		}
	}
}

// checkTrace compares recorded rows (time, values...) of variable with a
// trace file, using the case's suggested tolerance for that file; stride is
// the recording stride in steps. Returns the worst excess ratio.
func checkTrace(t *testing.T, c *refdata.Case, file string, m *StateMonitor, variable string, stride int) float64 {
	t.Helper()
	ref, err := c.CSV(file)
	if err != nil {
		t.Fatal(err)
	}
	tol := tolerance(t, c, file)
	rows, err := m.Rows(variable)
	if err != nil {
		t.Fatal(err)
	}
	ts := m.T()
	var got, want []float64
	for r := range ref {
		k := r * stride
		if k >= len(rows) {
			t.Fatalf("%s: only %d rows recorded, reference needs row %d", file, len(rows), k)
		}
		if math.Abs(ts[k]-ref[r][0]) > 1e-12 {
			t.Fatalf("%s: row %d time %.17g, reference %.17g", file, r, ts[k], ref[r][0])
		}
		got = append(got, rows[k]...)
		want = append(want, ref[r][1:]...)
	}
	mm, err := refdata.Compare(got, want, tol)
	if err != nil {
		nc := len(ref[0]) - 1
		t.Errorf("%s (row %d, column %d): %v", file, mm.Index/nc, mm.Index%nc, err)
	}
	t.Logf("%s: max |diff| %.3g (%.3g of the tolerance)", file, mm.MaxAbs, mm.Excess)
	return mm.Excess
}

func tolerance(t *testing.T, c *refdata.Case, file string) refdata.Tolerance {
	t.Helper()
	r, err := c.Float("suggested_tolerance", file, "rtol")
	if err != nil {
		t.Fatal(err)
	}
	a, err := c.Float("suggested_tolerance", file, "atol")
	if err != nil {
		t.Fatal(err)
	}
	return refdata.Tolerance{Rtol: r, Atol: a}
}

// must returns v, failing the test if err is not nil: must(f(...))(t)
// for a call that returns a value and an error.
func must[T any](v T, err error) func(testing.TB) T {
	return func(tb testing.TB) T {
		tb.Helper()
		if err != nil {
			tb.Fatal(err)
		}
		return v
	}
}

// noErr fails the test if err is not nil.
func noErr(tb testing.TB, err error) {
	tb.Helper()
	if err != nil {
		tb.Fatal(err)
	}
}

// checkRows compares recorded rows (one column per recorded element) with
// reference rows whose column 0 is the time, within tol·max(1, |ref|).
func checkRows(t *testing.T, what string, got, ref [][]float64, tol float64) {
	t.Helper()
	if len(got) != len(ref) {
		t.Fatalf("%s: %d rows, Brian2 %d", what, len(got), len(ref))
	}
	for r := range ref {
		for k := range got[r] {
			if math.Abs(got[r][k]-ref[r][k+1]) > tol*math.Max(1, math.Abs(ref[r][k+1])) {
				t.Fatalf("%s row %d column %d: %.17g, Brian2 %.17g", what, r, k, got[r][k], ref[r][k+1])
			}
		}
	}
}
