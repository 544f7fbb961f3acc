package main

import (
	"math"
	"os"
	"path/filepath"
	"slices"
	"testing"

	tvcommon "github.com/gohears/hears/examples/time_varying_filter_common"
)

func TestTimeVaryingFilter1(t *testing.T) {
	y, fc, err := run(1, 3)
	if err != nil {
		t.Fatal(err)
	}
	if len(y) != 20000 {
		t.Fatalf("%d output frames, want 20000", len(y))
	}
	// The process wanders around 5 kHz with a spread of the order of its
	// 1.2 kHz standard deviation.
	lo, hi := slices.Min(fc), slices.Max(fc)
	if hi-lo < 1000 || lo < 500 || hi > 9500 {
		t.Errorf("centre frequency ranges over [%.0f, %.0f] Hz", lo, hi)
	}
	mean := 0.0
	for _, v := range fc {
		mean += v / float64(len(fc))
	}
	if math.Abs(mean-5000) > 2000 {
		t.Errorf("mean centre frequency %.0f Hz, want about 5000", mean)
	}
	e, err := tvcommon.PeakError(y, fc)
	if err != nil {
		t.Fatal(err)
	}
	if e > 500 {
		t.Errorf("median distance between spectral peak and centre frequency %.0f Hz, want < 500", e)
	}
	// The same seed gives the same output.
	y2, _, err := run(1, 3)
	if err != nil || !slices.Equal(y, y2) {
		t.Errorf("a second run differs (%v)", err)
	}
	dir := t.TempDir()
	if err := tvcommon.Write(dir, "tv1", y, fc); err != nil {
		t.Fatal(err)
	}
	for _, f := range []string{"tv1.csv", "tv1.png"} {
		if st, err := os.Stat(filepath.Join(dir, f)); err != nil || st.Size() == 0 {
			t.Errorf("%s not written (%v)", f, err)
		}
	}
}
