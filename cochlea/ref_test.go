package cochlea

import (
	"math"
	"strings"
	"testing"

	"github.com/gohears/hears/internal/refdata"
	"github.com/gohears/hears/sound"
)

// refCase loads a reference case, its input as a sound and its output.
func refCase(t *testing.T, name string) (*refdata.Case, *sound.Sound, []float64) {
	t.Helper()
	c, err := refdata.Load("../testdata/" + name)
	if err != nil {
		t.Fatal(err)
	}
	snd, err := c.Input()
	if err != nil {
		t.Fatal(err)
	}
	want, _, err := c.Output()
	if err != nil {
		t.Fatal(err)
	}
	return c, snd, want
}

// readBlocks reads all of src in blocks of the given size.
func readBlocks(t *testing.T, src sound.Source, frames, block int) []float64 {
	t.Helper()
	y, err := sound.ReadFrames(src, frames, block)
	if err != nil {
		t.Fatal(err)
	}
	return y.Data()
}

// compareRef checks got against want at the case's suggested tolerance.
func compareRef(t *testing.T, c *refdata.Case, got, want []float64) {
	t.Helper()
	tol, err := c.SuggestedTolerance()
	if err != nil {
		t.Fatal(err)
	}
	m, err := refdata.Compare(got, want, tol)
	if err != nil {
		t.Fatal(err)
	}
	t.Logf("worst element %d: got %g want %g (excess %.3g of tolerance, max abs diff %.3g)", m.Index, m.Got, m.Want, m.Excess, m.MaxAbs)
}

// maxAbsDiff is the largest |a-b|.
func maxAbsDiff(a, b []float64) float64 {
	d := 0.0
	for i := range a {
		d = max(d, math.Abs(a[i]-b[i]))
	}
	return d
}

// TestChannelMismatchNamesModel checks that a source with the wrong channel
// count gets an error that names the model.
func TestChannelMismatchNamesModel(t *testing.T) {
	stereo, err := sound.New(make([]float64, 2000), 2, 50000)
	if err != nil {
		t.Fatal(err)
	}
	cf := []float64{500, 1000, 2000}
	_, err1 := DRNL(stereo, cf, DRNLHuman())
	_, err2 := TanCarney(stereo, cf, 1, DefaultTanCarneyParams())
	_, err3 := ZhangSynapseRate(stereo, cf, DefaultZhangParams())
	_, err4 := DCGC(stereo, cf, 1, DefaultDCGCParams())
	for i, e := range []error{err1, err2, err3, err4} {
		name := []string{"DRNL", "TanCarney", "ZhangSynapseRate", "DCGC"}[i]
		if e == nil || !strings.Contains(e.Error(), name) || !strings.Contains(e.Error(), "2 channels") {
			t.Errorf("%s on a stereo source with 3 cf: %v", name, e)
		}
	}
}
