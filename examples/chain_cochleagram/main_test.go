package main

import (
	"math"
	"path/filepath"
	"testing"
)

// testChain is chain.json with fewer channels, for speed.
const testChain = `{"samplerate": 44100,
 "nodes": [
   {"class": "Gammatone", "cf": {"erbspace": [50, 8000, 60]}},
   {"class": "FunctionFilterbank", "expr": "clip(x, 0, inf)**(1/3)"},
   {"class": "LowPass", "fc": 10}
 ]}`

func TestChainCochleagram(t *testing.T) {
	in, err := input(4)
	if err != nil {
		t.Fatal(err)
	}
	r, err := run([]byte(testChain), in)
	if err != nil {
		t.Fatal(err)
	}
	// The chain file and the Go chain compute the same thing.
	if r.maxDiff > 1e-12*r.peak {
		t.Errorf("chain file and Go chain differ by %.3g (peak %.3g)", r.maxDiff, r.peak)
	}
	// The picture, read at the middle of each sound: the loudest channel.
	g := r.grid
	loudest := func(t0 float64) (int, []float64) {
		j := int((t0 - g.Start) / (g.End - g.Start) * float64(g.Bins))
		col := make([]float64, g.Channels)
		best := 0
		for c := range col {
			col[c] = g.At(j, c)
			if col[c] > col[best] {
				best = c
			}
		}
		return best, col
	}
	mid := func(k int) float64 { return gap + float64(k)*(part+gap) + part/2 } // centre of sound k, s
	// Tone: the 500 Hz channel.
	if c, _ := loudest(mid(0)); math.Abs(r.cf[c]-500)/500 > 0.08 {
		t.Errorf("tone: loudest channel at %.0f Hz, want 500", r.cf[c])
	}
	// Vowel /a/: the loudest channel at its first or second formant.
	if c, _ := loudest(mid(3)); math.Abs(r.cf[c]-730)/730 > 0.1 && math.Abs(r.cf[c]-1090)/1090 > 0.1 {
		t.Errorf("vowel: loudest channel at %.0f Hz, want a formant (730 or 1090 Hz)", r.cf[c])
	}
	// White noise: the channels above 2 kHz respond more than those below 200 Hz.
	_, col := loudest(mid(2))
	var lo, hi, nlo, nhi float64
	for c, f := range r.cf {
		switch {
		case f < 200:
			lo += col[c]
			nlo++
		case f > 2000:
			hi += col[c]
			nhi++
		}
	}
	if hi/nhi < 1.5*lo/nlo {
		t.Errorf("noise: mean response above 2 kHz %.3g, below 200 Hz %.3g", hi/nhi, lo/nlo)
	}
	// Silence before the first sound: nothing.
	_, col = loudest(gap / 2)
	for c, v := range col {
		if v != 0 {
			t.Errorf("response %g in channel %d before any sound", v, c)
			break
		}
	}
	if err := draw(r, filepath.Join(t.TempDir(), "c.png")); err != nil {
		t.Fatal(err)
	}
}

func TestChainCF(t *testing.T) {
	cf, err := chainCF(defaultChain)
	if err != nil || len(cf) != 300 || math.Abs(cf[0]-20) > 1e-9 || math.Abs(cf[299]-20000) > 1e-9 {
		t.Errorf("embedded chain: %d channels %v..., err %v", len(cf), cf[:1], err)
	}
	if _, err := chainCF([]byte(`{"nodes": [{"class": "LowPass", "fc": 10}]}`)); err == nil {
		t.Error("a chain without a Gammatone node gave no error")
	}
}
