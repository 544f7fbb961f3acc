package hrtf

import (
	"math"
	"math/cmplx"
	"testing"

	"github.com/gohears/hears/sound"
)

func TestSubsetIndicesMask(t *testing.T) {
	s, err := Headless(5, 44100)
	if err != nil {
		t.Fatal(err)
	}
	sub, err := s.SubsetIndices([]int{4, 0, 4})
	if err != nil {
		t.Fatal(err)
	}
	c := sub.Coordinates()
	if sub.Len() != 3 || c[0].Azimuth != -90 || c[1].Azimuth != 90 || c[2] != c[0] || sub.ITDs()[1] != s.ITDs()[0] {
		t.Errorf("SubsetIndices: %+v", c)
	}
	if !equal(sub.ImpulseResponses()[1], s.ImpulseResponses()[0]) {
		t.Error("SubsetIndices: responses not carried")
	}
	m, err := s.SubsetMask([]bool{true, false, true, false, false})
	if err != nil || m.Len() != 2 || m.Coordinates()[1].Azimuth != 0 {
		t.Errorf("SubsetMask: %v", err)
	}
	for _, bad := range []func() (*Set, error){
		func() (*Set, error) { return s.SubsetIndices(nil) },
		func() (*Set, error) { return s.SubsetIndices([]int{5}) },
		func() (*Set, error) { return s.SubsetIndices([]int{-1}) },
		func() (*Set, error) { return s.SubsetMask([]bool{true}) },
		func() (*Set, error) { return s.SubsetMask(make([]bool, 5)) },
	} {
		if _, err := bad(); err == nil {
			t.Error("no error")
		}
	}
}

// TestInterleaved: fir_interleaved is left 0, right 0, left 1, …; the
// interleaved filterbank's channels follow it, for a mono click and for
// one input channel per response.
func TestInterleaved(t *testing.T) {
	s, err := Headless(3, 8000)
	if err != nil {
		t.Fatal(err)
	}
	serial := s.ImpulseResponses()
	inter := s.ImpulseResponsesInterleaved()
	for k := range 3 {
		if !equal(inter[2*k], serial[k]) || !equal(inter[2*k+1], serial[3+k]) {
			t.Fatalf("direction %d: interleaved responses out of order", k)
		}
	}
	x := make([]float64, 16)
	x[1] = 1
	click, _ := sound.New(x, 1, 8000)
	fb, err := s.InterleavedFilterbank(click)
	if err != nil {
		t.Fatal(err)
	}
	out, err := sound.ReadAll(fb, 0)
	if err != nil {
		t.Fatal(err)
	}
	for c := range 6 {
		for f := range 16 {
			want := 0.0
			if f >= 1 && f-1 < len(inter[c]) {
				want = inter[c][f-1]
			}
			if out.At(f, c) != want {
				t.Fatalf("channel %d frame %d: %g, want %g", c, f, out.At(f, c), want)
			}
		}
	}
	multi := make([]float64, 6*16)
	multi[1*6+3] = 1 // only channel 3 (right ear of direction 1) is fed
	src, _ := sound.New(multi, 6, 8000)
	fb, err = s.InterleavedFilterbank(src)
	if err != nil {
		t.Fatal(err)
	}
	out, _ = sound.ReadAll(fb, 0)
	for c := range 6 {
		for f := range 16 {
			want := 0.0
			if c == 3 && f >= 1 && f-1 < len(inter[3]) {
				want = inter[3][f-1]
			}
			if out.At(f, c) != want {
				t.Fatalf("per-response input: channel %d frame %d: %g, want %g", c, f, out.At(f, c), want)
			}
		}
	}
}

func TestNewHRTF(t *testing.T) {
	h, err := NewHRTF([]float64{1, 0, 0}, []float64{0, 0, 0.5}, 1000, Coordinate{Azimuth: 45})
	if err != nil {
		t.Fatal(err)
	}
	if !equal(h.Left().Data(), []float64{1, 0, 0}) || !equal(h.Right().Data(), []float64{0, 0, 0.5}) || h.Coordinate().Azimuth != 45 || h.SampleRate() != 1000 {
		t.Errorf("NewHRTF: %v %v", h.Left().Data(), h.Right().Data())
	}
	st, _ := sound.FromChannels([][]float64{{0, 1}, {2, 0}}, 500)
	h, err = HRTFFromSound(st, Coordinate{})
	if err != nil || !equal(h.Right().Data(), []float64{2, 0}) {
		t.Errorf("HRTFFromSound: %v", err)
	}
	if _, err := NewHRTF([]float64{1}, []float64{1, 0}, 1000, Coordinate{}); err == nil {
		t.Error("unequal lengths: no error")
	}
	mono, _ := sound.New([]float64{1, 2}, 1, 500)
	if _, err := HRTFFromSound(mono, Coordinate{}); err == nil {
		t.Error("mono: no error")
	}
}

func TestCoordinateSystems(t *testing.T) {
	near := func(a, b float64) bool { return math.Abs(a-b) < 1e-12 }
	for _, tc := range []struct {
		c       Coordinate
		x, y, z float64
		lat, po float64
	}{
		{Coordinate{0, 0, 2}, 2, 0, 0, 0, 0},
		{Coordinate{90, 0, 1}, 0, 1, 0, 90, 0},
		{Coordinate{-90, 0, 1}, 0, -1, 0, -90, 0},
		{Coordinate{180, 0, 1}, -1, 0, 0, 0, 180},
		{Coordinate{0, 90, 1}, 0, 0, 1, 0, 90},
		{Coordinate{0, -90, 1}, 0, 0, -1, 0, -90},
		{Coordinate{180, -45, 1}, -math.Sqrt2 / 2, 0, -math.Sqrt2 / 2, 0, 225},
		{Coordinate{45, 0, 0}, math.Sqrt2 / 2, math.Sqrt2 / 2, 0, 45, 0},
	} {
		x, y, z := tc.c.Cartesian()
		if !near(x, tc.x) || !near(y, tc.y) || !near(z, tc.z) {
			t.Errorf("%+v: cartesian (%g, %g, %g), want (%g, %g, %g)", tc.c, x, y, z, tc.x, tc.y, tc.z)
		}
		lat, po := tc.c.InterauralPolar()
		if !near(lat, tc.lat) || (math.Abs(lat) < 89 && !near(po, tc.po)) {
			t.Errorf("%+v: interaural-polar (%g, %g), want (%g, %g)", tc.c, lat, po, tc.lat, tc.po)
		}
		if tc.c.Distance > 0 {
			back, err := FromCartesian(x, y, z)
			if err != nil || !near(back.Distance, tc.c.Distance) || angleDiff(back.Azimuth, tc.c.Azimuth) > 1e-9 && math.Abs(tc.c.Elevation) < 90 || !near(back.Elevation, tc.c.Elevation) {
				t.Errorf("%+v: back from cartesian %+v %v", tc.c, back, err)
			}
		}
		ip, err := FromInterauralPolar(lat, po, tc.c.Distance)
		ux, uy, uz := unit(ip.Azimuth, ip.Elevation)
		vx, vy, vz := unit(tc.c.Azimuth, tc.c.Elevation)
		if err != nil || math.Abs(ux-vx)+math.Abs(uy-vy)+math.Abs(uz-vz) > 1e-12 || ip.Distance != tc.c.Distance {
			t.Errorf("%+v: back from interaural-polar %+v %v", tc.c, ip, err)
		}
	}
	if _, err := FromCartesian(0, 0, 0); err == nil {
		t.Error("origin: no error")
	}
	if _, err := FromCartesian(math.NaN(), 0, 0); err == nil {
		t.Error("NaN: no error")
	}
	if _, err := FromInterauralPolar(91, 0, 1); err == nil {
		t.Error("lateral 91°: no error")
	}
}

// TestResampledHRIR states the resampler's error on real HRIRs: the MIT
// KEMAR set resampled from 44.1 to 48 kHz keeps every response's complex
// frequency response, below 0.9 × 22.05 kHz, within a small fraction of its
// peak (figures in docs/hrtf.md), with its ITD and gain.
func TestResampledHRIR(t *testing.T) {
	s := loadMIT(t)
	sub, _ := s.SubsetIndices([]int{0, 100, 200, 300, 400, 500, 600, 700})
	r, err := sub.Resampled(48000)
	if err != nil {
		t.Fatal(err)
	}
	if r.SampleRate() != 48000 || r.Taps() != int(math.Ceil(512*48000/44100.0)) || r.Len() != 8 {
		t.Fatalf("%d × %d at %g Hz", r.Len(), r.Taps(), r.SampleRate())
	}
	dtft := func(h []float64, f, rate float64) complex128 {
		var z complex128
		for n, v := range h {
			z += complex(v, 0) * cmplx.Exp(complex(0, -2*math.Pi*f*float64(n)/rate))
		}
		return z
	}
	worstRel, worstDB := 0.0, 0.0
	orig, res := sub.ImpulseResponses(), r.ImpulseResponses()
	for k := range orig {
		peak := 0.0
		var ho, hr []complex128
		for f := 50.0; f <= 0.9*22050; f += 50 {
			a, b := dtft(orig[k], f, 44100), dtft(res[k], f, 48000)
			ho, hr = append(ho, a), append(hr, b)
			peak = max(peak, cmplx.Abs(a))
		}
		for i := range ho {
			worstRel = max(worstRel, cmplx.Abs(hr[i]-ho[i])/peak)
			if cmplx.Abs(ho[i]) > peak/100 { // within 40 dB of the peak
				worstDB = max(worstDB, math.Abs(20*math.Log10(cmplx.Abs(hr[i])/cmplx.Abs(ho[i]))))
			}
		}
	}
	t.Logf("44.1 → 48 kHz, 16 MIT KEMAR responses, 50 Hz–19.8 kHz: largest |ΔH|/peak %.2e, largest magnitude error %.4f dB (where |H| is within 40 dB of its peak)", worstRel, worstDB)
	if worstRel > 5e-4 || worstDB > 0.25 { // measured 3.4e-4 and 0.164 dB
		t.Errorf("resampled HRIRs: |ΔH|/peak %g, %g dB", worstRel, worstDB)
	}
	if same, _ := s.Resampled(44100); same != s {
		t.Error("resampling to the same rate should return the set")
	}
	if _, err := s.Resampled(-1); err == nil {
		t.Error("negative rate: no error")
	}
}
