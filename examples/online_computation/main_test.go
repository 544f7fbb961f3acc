package main

import (
	"math"
	"path/filepath"
	"testing"

	"github.com/gohears/hears/filterbank"
	"github.com/gohears/hears/sound"
)

func TestOnlineComputation(t *testing.T) {
	const channels = 400
	r, err := run(0.1, channels, 9, false)
	if err != nil {
		t.Fatal(err)
	}
	// The running sums equal the RMS of the whole output computed at once.
	s, _, err := input(0.1, 9)
	if err != nil {
		t.Fatal(err)
	}
	fb, err := filterbank.Gammatone(s, r.cf)
	if err != nil {
		t.Fatal(err)
	}
	all, err := sound.ReadAll(fb, 0)
	if err != nil {
		t.Fatal(err)
	}
	for c := 0; c < channels; c += 37 {
		x := all.ChannelData(c)
		ss := 0.0
		for _, v := range x {
			ss += v * v
		}
		if want := math.Sqrt(ss / float64(len(x))); math.Abs(r.rms[c]-want) > 1e-12*want {
			t.Errorf("channel %d: online RMS %.15g, offline %.15g", c, r.rms[c], want)
		}
	}
	// The picture: a peak at 1 kHz, where the channel passes the tone (RMS
	// 1/√3 of the sound's) at unit gain...
	peak := 0
	for c, v := range r.rms {
		if v > r.rms[peak] {
			peak = c
		}
	}
	if math.Abs(r.cf[peak]-toneFreq) > 0.03*toneFreq {
		t.Errorf("RMS peaks at %.0f Hz, want 1 kHz", r.cf[peak])
	}
	if want := r.soundRMS / math.Sqrt(3); math.Abs(r.rms[peak]-want) > 0.05*want {
		t.Errorf("peak RMS %.5f Pa, want about the tone's %.5f Pa", r.rms[peak], want)
	}
	// ... on a noise floor of √(PSD·ERB(cf)), checked on average over the
	// channels above 3 kHz (each one fluctuates with the noise).
	sumRatio, n := 0.0, 0
	for c, f := range r.cf {
		if r.rms[c] >= r.soundRMS {
			t.Errorf("channel %d RMS %.4f above the sound's %.4f", c, r.rms[c], r.soundRMS)
		}
		if f > 3000 {
			sumRatio += r.rms[c] / math.Sqrt(r.noisePSD*filterbank.ERB(f))
			n++
		}
	}
	if m := sumRatio / float64(n); math.Abs(m-1) > 0.1 {
		t.Errorf("noise floor above 3 kHz is %.3f times √(PSD·ERB), want 1 ± 0.1", m)
	}
	// The same sound pushed through an online source gives the same RMS.
	p, err := run(0.1, channels, 9, true)
	if err != nil {
		t.Fatal(err)
	}
	for c := range r.rms {
		if math.Abs(p.rms[c]-r.rms[c]) > 1e-12*r.rms[c] {
			t.Errorf("channel %d: RMS %.15g pushed, %.15g in memory", c, p.rms[c], r.rms[c])
			break
		}
	}
	if err := draw(r, filepath.Join(t.TempDir(), "o.png")); err != nil {
		t.Fatal(err)
	}
}
