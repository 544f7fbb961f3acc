package hrtf

import (
	"math"
	"testing"

	"github.com/gohears/hears/sound"
)

func TestSetMethods(t *testing.T) {
	s, err := Headless(13, 44100)
	if err != nil {
		t.Fatal(err)
	}
	front, err := s.Subset(func(c Coordinate) bool { return math.Abs(c.Azimuth) <= 45+1e-9 })
	if err != nil {
		t.Fatal(err)
	}
	if front.Len() != 7 || len(front.ITDs()) != 7 {
		t.Fatalf("subset of %d, want 7", front.Len())
	}
	if _, err := s.Subset(func(Coordinate) bool { return false }); err == nil {
		t.Error("empty subset: no error")
	}
	k, err := s.Index(-90, 0)
	if err != nil || k != 12 {
		t.Errorf("Index(-90, 0) = %d, %v; want 12", k, err)
	}
	if _, err := s.Index(10, 0); err == nil {
		t.Error("Index of a missing direction: no error")
	}
	if k := s.Nearest(-88, 3); k != 12 {
		t.Errorf("Nearest(-88, 3) = %d", k)
	}
	if _, err := s.HRTF(13); err == nil {
		t.Error("HRTF(13) of 13: no error")
	}
	// Single-HRTF application: a stereo sound, each ear the convolution.
	x := []float64{1, -2, 0.5, 3, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0}
	src, _ := sound.New(x, 1, 44100)
	h, _ := s.HRTF(0) // left ear leads, right delayed by rint(650e-6·44100) = 29 samples
	out, err := h.Apply(src)
	if err != nil {
		t.Fatal(err)
	}
	if out.NumChannels() != 2 || out.NumFrames() != len(x) {
		t.Fatalf("%d × %d", out.NumFrames(), out.NumChannels())
	}
	for f := range x {
		wantR := 0.0
		if f >= 29 {
			wantR = x[f-29]
		}
		if math.Abs(out.At(f, 0)-x[f]) > 1e-12 || math.Abs(out.At(f, 1)-wantR) > 1e-12 {
			t.Fatalf("frame %d: %g %g", f, out.At(f, 0), out.At(f, 1))
		}
	}
	// A stereo input: channel 0 through the left response, 1 the right.
	st := make([]float64, 2*len(x))
	for f, v := range x {
		st[2*f], st[2*f+1] = v, -v
	}
	stereo, _ := sound.New(st, 2, 44100)
	so, err := h.Apply(stereo)
	if err != nil {
		t.Fatal(err)
	}
	for f := range x {
		wantR := 0.0
		if f >= 29 {
			wantR = -x[f-29]
		}
		if math.Abs(so.At(f, 0)-x[f]) > 1e-12 || math.Abs(so.At(f, 1)-wantR) > 1e-12 {
			t.Fatalf("stereo input, frame %d: %g %g", f, so.At(f, 0), so.At(f, 1))
		}
	}
	three, _ := sound.New(make([]float64, 9), 3, 44100)
	if _, err := h.Apply(three); err == nil {
		t.Error("3-channel input: no error")
	}
	// The whole set on one channel per response (2·13): channel k goes
	// through response k only, as brian2hears' HRTFSet.filterbank allows.
	per := make([]float64, 26*len(x))
	for f, v := range x {
		per[f*26+5] = v // only channel 5 (left ear of direction 5) is fed
	}
	persrc, _ := sound.New(per, 26, 44100)
	fb, err := s.Filterbank(persrc)
	if err != nil {
		t.Fatal(err)
	}
	po, err := sound.ReadAll(fb, 0)
	if err != nil {
		t.Fatal(err)
	}
	irs := s.ImpulseResponses()
	for f := range x {
		want := 0.0
		for k := 0; k <= f && k < len(irs[5]); k++ {
			want += irs[5][k] * x[f-k]
		}
		for c := range 26 {
			w := 0.0
			if c == 5 {
				w = want
			}
			if math.Abs(po.At(f, c)-w) > 1e-12 {
				t.Fatalf("per-response input, frame %d channel %d: %g, want %g", f, c, po.At(f, c), w)
			}
		}
	}
	if _, err := s.Filterbank(stereo); err == nil {
		t.Error("a 2-channel input to a 13-direction set: no error")
	}
	other, _ := sound.New(x, 1, 48000)
	if _, err := s.Filterbank(other); err == nil {
		t.Error("sample-rate mismatch: no error")
	}
	if _, err := NewSet([][]float64{{1, math.NaN()}}, [][]float64{{1, 0}}, 44100, []Coordinate{{}}); err == nil {
		t.Error("NaN tap: no error")
	}
	ns, err := NewSet([][]float64{{1, 0}}, [][]float64{{0, 1}}, 1000, []Coordinate{{Azimuth: 30}})
	if err != nil || ns.Len() != 1 || ns.Taps() != 2 {
		t.Fatalf("NewSet: %v", err)
	}
}
