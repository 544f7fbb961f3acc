package main

import (
	"os"
	"path/filepath"
	"testing"

	tvcommon "github.com/gohears/hears/examples/time_varying_filter_common"
)

func TestTimeVaryingFilter2(t *testing.T) {
	y, fc, err := run(0.3)
	if err != nil {
		t.Fatal(err)
	}
	if len(y) != 6000 || len(fc) != 6000 {
		t.Fatalf("%d output frames, %d centre frequencies; want 6000", len(y), len(fc))
	}
	// The output's spectral peak follows the centre frequency, which
	// sweeps 2.5-5.5 kHz; 2 bins of the 256-point spectrogram is 156 Hz.
	e, err := tvcommon.PeakError(y, fc)
	if err != nil {
		t.Fatal(err)
	}
	if e > 400 {
		t.Errorf("median distance between spectral peak and centre frequency %.0f Hz, want < 400", e)
	}
	// A fixed filter at the initial 5 kHz does not track it.
	fixed := make([]float64, len(fc))
	for i := range fixed {
		fixed[i] = tvcommon.FCInit
	}
	if ef, _ := tvcommon.PeakError(y, fixed); ef < 2*e {
		t.Errorf("the output's peak is as close to a fixed 5 kHz (%.0f Hz) as to the moving centre (%.0f Hz)", ef, e)
	}
	dir := t.TempDir()
	if err := tvcommon.Write(dir, "tv2", y, fc); err != nil {
		t.Fatal(err)
	}
	for _, f := range []string{"tv2.csv", "tv2.png"} {
		if st, err := os.Stat(filepath.Join(dir, f)); err != nil || st.Size() == 0 {
			t.Errorf("%s not written (%v)", f, err)
		}
	}
}
