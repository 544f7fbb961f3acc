package main

import (
	"path/filepath"
	"testing"

	"github.com/gohears/hears/examples/internal/figs"
	"github.com/gohears/hears/examples/internal/measure"
)

func TestIIRFilterbank(t *testing.T) {
	r, err := run(0.05, 6)
	if err != nil {
		t.Fatal(err)
	}
	const eps = 0.01 // dB
	for _, b := range []struct {
		name string
		b    *bank
	}{{"band-pass", r.bandpass}, {"low-pass", r.lowpass}} {
		for c := 0; c < channels; c += 7 {
			h := b.b.ir[c]
			// The specification holds: the pass band loses at most 1 dB
			// (Chebyshev ripple between -1 and 0 dB) ...
			lo, hi := 1.0, b.b.passband[0][c]
			if len(b.b.passband) == 2 {
				lo, hi = b.b.passband[0][c], b.b.passband[1][c]
			}
			for _, f := range figs.Linspace(lo, hi, 40) {
				if g := measure.GainDB(h, r.rate, f); g < -gpass-eps || g > eps {
					t.Errorf("%s channel %d: %.3f dB at %.1f Hz in the pass band", b.name, c, g, f)
				}
			}
			// ... and the stop band starts at least 10 dB down.
			for _, row := range b.b.stopband {
				if g := measure.GainDB(h, r.rate, row[c]); g > -gstop+eps {
					t.Errorf("%s channel %d: %.2f dB at the stop-band edge %.1f Hz", b.name, c, g, row[c])
				}
			}
			// Far out (an octave beyond the stop-band edges) it is lower still.
			for k, row := range b.b.stopband {
				f := row[c] * 2
				if k == 0 && len(b.b.stopband) == 2 {
					f = row[c] / 2
				}
				if g := measure.GainDB(h, r.rate, f); g > -20 {
					t.Errorf("%s channel %d: only %.2f dB down at %.1f Hz", b.name, c, g, f)
				}
			}
		}
	}
	if err := draw(r, filepath.Join(t.TempDir(), "i.png")); err != nil {
		t.Fatal(err)
	}
}
