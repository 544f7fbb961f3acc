package main

import (
	"path/filepath"
	"testing"
)

func TestSimpleANF(t *testing.T) {
	r, err := run(0.05, 300, 2)
	if err != nil {
		t.Fatal(err)
	}
	// Refractoriness: no fibre fires more than once per 5 ms.
	maxCount := int(r.duration/refractory) + 1
	for c, n := range r.counts {
		if n > maxCount {
			t.Errorf("fibre %d fired %d times in %.0f ms, more than the refractory period allows", c, n, 1e3*r.duration)
		}
	}
	// The band of fibres near 1 kHz fires on the tone, faster than the
	// fibres between 200 and 800 Hz and at least 60 % of the largest rate.
	tone, mid := r.rate(900, 1100), r.rate(200, 800)
	t.Logf("rates: %.0f spikes/s near 1 kHz, %.0f at 200-800 Hz; vector strengths %.2f, %.2f", tone, mid,
		r.vectorStrength(900, 1100, toneFreq), r.vectorStrength(5000, 20000, toneFreq))
	if tone < 1.5*mid || tone < 0.6/refractory {
		t.Errorf("rate near 1 kHz %.0f spikes/s, 200-800 Hz %.0f spikes/s", tone, mid)
	}
	// Their spikes lock to the tone's phase; the high fibres' do not.
	if vs := r.vectorStrength(900, 1100, toneFreq); vs < 0.2 {
		t.Errorf("vector strength at 1 kHz near 1 kHz %.2f, want > 0.2", vs)
	}
	if vs := r.vectorStrength(5000, 20000, toneFreq); vs > 0.15 {
		t.Errorf("vector strength at 1 kHz of the 5-20 kHz fibres %.2f, want < 0.15", vs)
	}
	if err := draw(r, filepath.Join(t.TempDir(), "a.png")); err != nil {
		t.Fatal(err)
	}
}
