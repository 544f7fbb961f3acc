package main

import (
	"image/png"
	"math"
	"os"
	"path/filepath"
	"testing"

	"gonum.org/v1/gonum/stat"

	"github.com/gohears/hears/examples/internal/measure"
)

// TestSpikeTriggeredAverage checks what the picture shows, quantitatively:
// the STA is the filter scaled as the Bussgang theorem says. For a rate
// max(0, z) with z = h∗noise Gaussian of standard deviation σ = |h| = 1000
// Hz, E[noise(k−ℓ) | spike at k] = h[ℓ]·E[z·max(0, z)]/(σ²·E[max(0, z)])
// = h[ℓ]·√(2π)/(2σ); each STA sample carries noise of standard deviation
// 1/√(spikes). The mean rate is E[max(0, z)] = σ/√(2π) = 398.9 Hz.
func TestSpikeTriggeredAverage(t *testing.T) {
	const duration = 15.0
	r, err := run(1, duration)
	if err != nil {
		t.Fatal(err)
	}
	wantRate := 1000 / math.Sqrt(2*math.Pi)
	// Poisson count plus the slow variance of the rate: 5 % is > 10 sd.
	if rate := float64(r.spikes) / duration; math.Abs(rate-wantRate) > 0.05*wantRate {
		t.Errorf("mean rate %.1f Hz, want %.1f Hz", rate, wantRate)
	}
	noise := 1 / math.Sqrt(float64(r.used))
	gain := math.Sqrt(2*math.Pi) / 2000
	worst, sq := 0.0, 0.0
	for l, v := range r.sta {
		h := 0.0
		if l+1 < len(r.h) {
			h = r.h[l+1]
		}
		d := v - gain*h
		worst = max(worst, math.Abs(d))
		sq += d * d
	}
	rms := math.Sqrt(sq / float64(len(r.sta)))
	t.Logf("%d spikes; STA − filter·√(2π)/2σ: rms %.4f, max %.4f (noise sd %.4f); peak %.3f", r.used, rms, worst, noise, gain*312.6)
	if rms > 1.5*noise || worst > 5*noise {
		t.Errorf("STA is off the scaled filter: rms %.4f, max %.4f, noise sd %.4f", rms, worst, noise)
	}
	// The picture's curves: the peak lag and the agreement of the shapes.
	real, est := r.curves()
	if pr, pe := r.lags[measure.ArgMax(real)], r.lags[measure.ArgMax(est)]; math.Abs(pr-10.2e-3) > 0.05e-3 || math.Abs(pe-pr) > 0.3e-3 {
		t.Errorf("peak of the real filter at %.2f ms, of the estimate at %.2f ms", pr*1e3, pe*1e3)
	}
	if c := stat.Correlation(real, est, nil); c < 0.98 {
		t.Errorf("estimate and filter correlate at %.3f", c)
	}
	path := filepath.Join(t.TempDir(), "sta.png")
	if err := draw(r, path); err != nil {
		t.Fatal(err)
	}
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	if _, err := png.Decode(f); err != nil {
		t.Fatal(err)
	}
	if _, err := run(1, 0.01); err == nil {
		t.Error("a run shorter than the filter: no error")
	}
}
