package cochlea

import (
	"math"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/gohears/hears/sound"
)

// TestSAIReference runs the reference's SAI (71 channels in the original;
// 11 of them kept, the SAI treating channels independently) on the stored
// NAP of a 200 Hz harmonic complex and compares the frame at rtol 1e-7 of
// its peak.
func TestSAIReference(t *testing.T) {
	dir := filepath.Join(carfacDir, "sai_harmonic200_fs22050_v2")
	head, nap := readGzCSV(t, filepath.Join(dir, "nap_sai_input.csv.gz"))
	fhead, frame := readGzCSV(t, filepath.Join(dir, "sai_frame.csv.gz"))
	if strings.Join(head, ",") != strings.Join(fhead, ",") {
		t.Fatalf("NAP channels %v, frame channels %v", head, fhead)
	}
	nc, seg := len(head), len(nap[0])
	s, err := NewSAI(SAIParams{NumChannels: nc, SAIWidth: 500, FutureLags: 250, NumTriggersPerFrame: 2,
		TriggerWindowWidth: 882, InputSegmentWidth: seg})
	if err != nil {
		t.Fatal(err)
	}
	in := make([]float64, nc*seg)
	for c := range nc {
		for k := range seg {
			in[k*nc+c] = nap[c][k]
		}
	}
	got, err := s.RunSegment(in)
	if err != nil {
		t.Fatal(err)
	}
	peak := 0.0
	for _, col := range frame {
		for _, v := range col {
			peak = max(peak, math.Abs(v))
		}
	}
	worst := 0.0
	for c := range nc {
		for j, want := range frame[c] {
			d := math.Abs(got[c*500+j] - want)
			worst = max(worst, d)
			if d > 1e-7*peak {
				t.Fatalf("%s lag row %d: got %.9g want %.9g", head[c], j, got[c*500+j], want)
			}
		}
	}
	t.Logf("frame peak %.4g, max |Δ| %.3g (%.3g of peak)", peak, worst, worst/peak)
}

// harmonicComplex is the cosine-phase complex of the reference's SAI case:
// harmonics 1..nh of f0 (Hz), each of amplitude rms/√(nh/2), level in dB
// SPL (rms 1 = 104 dB).
func harmonicComplex(f0 float64, nh, n int, fs, level float64) []float64 {
	amp := math.Pow(10, (level-104)/20) / math.Sqrt(float64(nh)/2)
	x := make([]float64, n)
	for k := range x {
		for h := 1; h <= nh; h++ {
			x[k] += amp * math.Cos(2*math.Pi*float64(h)*f0*float64(k)/fs)
		}
	}
	return x
}

// TestSAIPitchPeak checks that the SAI of CARFAC's NAP of a harmonic
// complex, summed over channels, peaks (away from zero lag) at the period
// of its fundamental: 200 Hz and 150 Hz complexes at 22050 Hz, 60 dB SPL,
// the third 40 ms frame.
func TestSAIPitchPeak(t *testing.T) {
	const fs = 22050
	for _, f0 := range []float64{200, 150} {
		snd, err := sound.New(harmonicComplex(f0, 20, 3*882, fs, 60), 1, fs)
		if err != nil {
			t.Fatal(err)
		}
		nap, cf, err := CARFACCochleagram(snd)
		if err != nil {
			t.Fatal(err)
		}
		p := DefaultSAIParams(len(cf), fs)
		var last []float64
		if err := SAIFrames(nap, p, func(f []float64, _ int) error { last = append(last[:0], f...); return nil }); err != nil {
			t.Fatal(err)
		}
		zero := p.SAIWidth - p.FutureLags - 1
		profile := make([]float64, p.SAIWidth)
		for c := range p.NumChannels {
			for j := range p.SAIWidth {
				profile[j] += last[c*p.SAIWidth+j]
			}
		}
		// The strong local maxima of the profile at future lags (past the
		// zero-lag peak) sit at multiples of the period; the first at
		// the period itself.
		var peaks []int
		for j := zero + 20; j < p.SAIWidth-1; j++ {
			if profile[j] > 0.5*profile[zero] && profile[j] >= profile[j-1] && profile[j] > profile[j+1] {
				peaks = append(peaks, j-zero)
			}
		}
		period := fs / f0
		t.Logf("F0 %v Hz (period %.2f samples): strong peaks at lags %v", f0, period, peaks)
		if len(peaks) == 0 || math.Abs(float64(peaks[0])-period) > 1 {
			t.Fatalf("F0 %v Hz: first SAI pitch peak at lags %v, period is %.2f", f0, peaks, period)
		}
		for _, l := range peaks {
			if m := math.Round(float64(l) / period); math.Abs(float64(l)-m*period) > 1.5 {
				t.Errorf("F0 %v Hz: peak at lag %d is not a multiple of the period", f0, l)
			}
		}
		dip := math.Inf(1)
		for j := zero + 20; j < zero+peaks[0]; j++ {
			dip = min(dip, profile[j])
		}
		if !(dip < 0.5*profile[zero+peaks[0]]) {
			t.Errorf("F0 %v Hz: no dip before the pitch peak (%.3g vs %.3g)", f0, dip, profile[zero+peaks[0]])
		}
	}
}

// TestSAIErrors checks that impossible SAI shapes are errors.
func TestSAIErrors(t *testing.T) {
	ok := SAIParams{NumChannels: 2, SAIWidth: 10, FutureLags: 5, NumTriggersPerFrame: 2, TriggerWindowWidth: 20, InputSegmentWidth: 20}
	if _, err := NewSAI(ok); err != nil {
		t.Fatal(err)
	}
	for i, mod := range []func(*SAIParams){
		func(p *SAIParams) { p.TriggerWindowWidth = 10 },
		func(p *SAIParams) { p.NumChannels = 0 },
		func(p *SAIParams) { p.FutureLags = 10 },
		func(p *SAIParams) { p.InputSegmentWidth = 1000 },
		func(p *SAIParams) { p.NumChannels = 1 << 30 },
	} {
		p := ok
		mod(&p)
		if _, err := NewSAI(p); err == nil {
			t.Errorf("case %d: %+v accepted", i, p)
		}
	}
	s, _ := NewSAI(ok)
	if _, err := s.RunSegment(make([]float64, 3)); err == nil || !strings.Contains(err.Error(), strconv.Itoa(20)) {
		t.Errorf("short segment: %v", err)
	}
	bad := make([]float64, 40)
	bad[7] = math.Inf(1)
	if _, err := s.RunSegment(bad); err == nil || !strings.Contains(err.Error(), "frame 3, channel 1") {
		t.Errorf("infinite input: %v", err)
	}
}
