package main

import (
	"math"
	"path/filepath"
	"testing"
)

// What the picture shows: each source's brightest detector lies on the
// diagonal — its best ITD within two detector spacings (87.5 µs: the
// spacing, the delays' rounding to 22.7 µs steps and the neurons' noise) of
// the source's ITD, within one spacing on average — and a detector far from
// the diagonal fires much less.
func TestJeffressPlaceCode(t *testing.T) {
	r, err := run(13, 0.5, 1)
	if err != nil {
		t.Fatal(err)
	}
	spacing := 2 * maxBest / (detectors - 1)
	var sum float64
	for k, itd := range r.itd {
		sum += math.Abs(r.decode[k] - itd)
		if d := math.Abs(r.decode[k] - itd); d > 2*spacing {
			t.Errorf("source ITD %.0f µs: best detector at %.0f µs", 1e6*itd, 1e6*r.decode[k])
		}
		row := r.counts[k]
		peak, far := 0, 0
		for j, c := range row {
			peak = max(peak, c)
			if math.Abs(r.best[j]-itd) > 400e-6 {
				far = max(far, c)
			}
		}
		if !(float64(far) < 0.7*float64(peak)) {
			t.Errorf("source ITD %.0f µs: %d spikes at the best detector, %d at one 400 µs away", 1e6*itd, peak, far)
		}
	}
	if mean := sum / float64(len(r.itd)); mean > spacing {
		t.Errorf("mean decoding error %.1f µs, more than the detector spacing %.1f µs", 1e6*mean, 1e6*spacing)
	}
	if err := draw(r, filepath.Join(t.TempDir(), "j.png")); err != nil {
		t.Fatal(err)
	}
}
