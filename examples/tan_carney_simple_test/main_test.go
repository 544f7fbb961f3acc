package main

import (
	"math"
	"os"
	"path/filepath"
	"testing"

	"github.com/gohears/hears/cochlea"
)

// spontaneous is the Zhang synapse's spontaneous rate with the default
// parameters, spikes/s: the rate before any sound arrives.
const spontaneous = 50.0

// meanOver returns the mean of x over the times t in [from, to) seconds.
func meanOver(x, t []float64, from, to float64) float64 {
	var sum float64
	var n int
	for k, tk := range t {
		if tk >= from && tk < to {
			sum += x[k]
			n++
		}
	}
	return sum / float64(n)
}

// TestClicks checks what the click panels show: the rate starts at the
// spontaneous rate (the click takes over 1 ms to cross the middle ear and
// the filter), its peak grows with the click's level (measured 118, 670,
// 1944, 3085 and 4687 spikes/s from 40 to 120 dB), and the response rings
// at the 1 kHz CF: up to 80 dB the first four peaks of s come 1 ms apart
// (within 0.1 ms); at 100 and 120 dB the first two come closer (measured
// 0.92 and 0.84 ms, then lengthening towards 1 ms: the level-dependent
// frequency glide of Tan & Carney's signal path).
func TestClicks(t *testing.T) {
	r, err := clickResponses()
	if err != nil {
		t.Fatal(err)
	}
	prev := 0.0
	for i, l := range r.levels {
		s := r.s[i]
		if math.Abs(s[0]-spontaneous) > 1e-6 {
			t.Errorf("%.0f dB: rate %.3f spikes/s at 0 ms, want the spontaneous %.0f", l, s[0], spontaneous)
		}
		peak := maxOf(s)
		if !(peak > 1.5*prev) {
			t.Errorf("%.0f dB: peak rate %.1f spikes/s, want above 1.5 times the lower level's %.1f", l, peak, prev)
		}
		prev = peak
		// local maxima above the spontaneous rate + 10 % of the peak
		var peaks []float64
		for k := 1; k+1 < len(s); k++ {
			if s[k] > s[k-1] && s[k] >= s[k+1] && s[k] > spontaneous+0.1*(peak-spontaneous) {
				peaks = append(peaks, r.t[k])
			}
		}
		if len(peaks) < 4 {
			t.Fatalf("%.0f dB: %d peaks of the rate, want at least 4 (ringing at CF)", l, len(peaks))
		}
		if l <= 80 {
			for k := 1; k < 4; k++ {
				if d := peaks[k] - peaks[k-1]; math.Abs(d-1/cf) > 1e-4 {
					t.Errorf("%.0f dB: peaks %d and %d of the rate %.3f ms apart, want 1 ms (1/CF)", l, k-1, k, 1e3*d)
				}
			}
		} else if d := peaks[1] - peaks[0]; !(d < 0.95/cf) {
			t.Errorf("%.0f dB: the first two peaks of the rate %.3f ms apart, want under 0.95 ms (the glide)", l, 1e3*d)
		}
	}
}

// TestTones checks what the tone panels show, from the rate s: the
// steady-state rate (30–60 ms) grows with level from the spontaneous rate
// at 0 dB (within 20 %) towards saturation, an onset peak (0–20 ms) at
// least 1.3 times the steady rate from 40 dB up, phase locking to the 1 kHz
// tone (vector strength of s over 30–60 ms above 0.3 from 20 dB up), and,
// after the tone, adaptation: from 20 dB up the rate 70–80 ms (10 ms after
// the tone's end, once the filter has stopped ringing) is below 0.8 times
// the spontaneous rate (measured 36, 24, 19 and 16 spikes/s).
func TestTones(t *testing.T) {
	r, err := toneResponses()
	if err != nil {
		t.Fatal(err)
	}
	prev := 0.0
	for i, l := range r.levels {
		s := r.s[i]
		steady := meanOver(s, r.t, 0.03, 0.06)
		if l == 0 && math.Abs(steady-spontaneous) > 0.2*spontaneous {
			t.Errorf("0 dB: steady rate %.1f spikes/s, want the spontaneous %.0f ± 20 %%", steady, spontaneous)
		}
		if i > 0 && !(steady > prev) {
			t.Errorf("%.0f dB: steady rate %.1f spikes/s, not above the lower level's %.1f", l, steady, prev)
		}
		prev = steady
		onset := 0.0
		var re, im, sum float64
		for k, tk := range r.t {
			if tk < 0.02 {
				onset = max(onset, s[k])
			}
			if tk >= 0.03 && tk < 0.06 {
				re += s[k] * math.Cos(2*math.Pi*cf*tk)
				im += s[k] * math.Sin(2*math.Pi*cf*tk)
				sum += s[k]
			}
		}
		if vs := math.Hypot(re, im) / sum; l >= 20 && !(vs > 0.3) {
			t.Errorf("%.0f dB: vector strength %.3f at 1 kHz, want above 0.3 (phase locking)", l, vs)
		}
		if l >= 40 && !(onset > 1.3*steady) {
			t.Errorf("%.0f dB: onset peak %.1f spikes/s, want above 1.3 times the steady %.1f", l, onset, steady)
		}
		if after := meanOver(s, r.t, 0.07, 0.08); l >= 20 && !(after < 0.8*spontaneous) {
			t.Errorf("%.0f dB: rate %.1f spikes/s 10–20 ms after the tone, want below 0.8 times the spontaneous %.0f", l, after, spontaneous)
		}
	}
}

// TestSpikes checks the spikes drawn over R: no fibre fires twice within
// the absolute refractory period R_A (0.75 ms), R never exceeds s (H ≥ 0),
// and, over the ten fibres of both families, the spike count agrees with
// the expected count Σ R·dt within 4 standard deviations (√ of it: the
// count minus its compensator is a martingale).
func TestSpikes(t *testing.T) {
	ra := cochlea.DefaultZhangParams().RA
	var count, expected float64
	for _, f := range []func() (*response, error){clickResponses, toneResponses} {
		r, err := f()
		if err != nil {
			t.Fatal(err)
		}
		for i, l := range r.levels {
			train := r.spikes[i]
			for k := 1; k < len(train); k++ {
				if d := train[k] - train[k-1]; d < ra-1e-9 {
					t.Errorf("%.0f dB: spikes %.3f ms apart, within R_A = %.2f ms", l, 1e3*d, 1e3*ra)
				}
			}
			for k := range r.t {
				if r.r[i][k] > r.s[i][k]+1e-9 {
					t.Fatalf("%.0f dB: R %.3f above s %.3f at %.3f ms", l, r.r[i][k], r.s[i][k], 1e3*r.t[k])
				}
				expected += r.r[i][k] / rate
			}
			count += float64(len(train))
		}
	}
	t.Logf("%.0f spikes, %.1f expected", count, expected)
	if math.Abs(count-expected) > 4*math.Sqrt(expected) {
		t.Errorf("%.0f spikes, want %.1f ± %.1f", count, expected, 4*math.Sqrt(expected))
	}
}

// TestPicture draws the example's picture.
func TestPicture(t *testing.T) {
	clicks, err := clickResponses()
	if err != nil {
		t.Fatal(err)
	}
	tones, err := toneResponses()
	if err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(t.TempDir(), "tc.png")
	if err := draw(path, clicks, tones); err != nil {
		t.Fatal(err)
	}
	if st, err := os.Stat(path); err != nil || st.Size() == 0 {
		t.Fatalf("PNG not written: %v", err)
	}
}
