package sound

import (
	"encoding/binary"
	"math"
	"os"
	"path/filepath"
	"testing"
)

// TestLevelScaledSums: samples near 1e200, 1e-300 and the largest float64
// are measured (issue 17: the sum of squares overflowed and the scale
// became 0), SetLevel brings them to the asked level, and what cannot be
// measured or scaled is refused.
func TestLevelScaledSums(t *testing.T) {
	base, err := Tone(1000, 0.1, WithRate(44100)) // amplitude 1: RMS 1/√2
	if err != nil {
		t.Fatal(err)
	}
	plain := base.RMS()[0]
	for _, amp := range []float64{1e200, 1e-300, math.MaxFloat64 / 2, 1e-310} {
		s := base.Scale(amp)
		r := s.RMS()[0]
		if rel := math.Abs(r/amp-plain) / plain; !(rel < 1e-12) {
			t.Errorf("amplitude %g: RMS %g, want %g (relative error %g)", amp, r, plain*amp, rel)
		}
		if amp < 1e-300 || amp > 1e300 {
			continue // 60 dB SPL would need a gain beyond float64
		}
		if err := s.SetLevel(60); err != nil {
			t.Fatalf("amplitude %g: %v", amp, err)
		}
		if l := float64(s.Level()[0]); math.Abs(l-60) > 1e-9 {
			t.Errorf("amplitude %g: level %v after SetLevel(60)", amp, l)
		}
	}
	// Gains that leave float64 are refused, and the sound is unchanged.
	huge := base.Scale(1e300)
	up := huge.Level()[0] + 200 // a gain of 1e10 takes 1e300 past float64
	if err := huge.SetLevel(up); err == nil {
		t.Error("SetLevel by 200 dB of samples near 1e300 accepted")
	}
	if huge.RMS()[0] != base.Scale(1e300).RMS()[0] {
		t.Error("a refused SetLevel changed the sound")
	}
	tiny := base.Scale(1e-320)
	if err := tiny.SetLevel(100); err == nil {
		t.Error("SetLevel of subnormal samples by a gain of 1e325 accepted")
	}
	if err := huge.SetMaxLevel(up); err == nil {
		t.Error("SetMaxLevel by an overflowing gain accepted")
	}
	// NaN and infinity: not measured.
	bad := base.Clone()
	bad.data[3] = math.Inf(1)
	if r := bad.RMS()[0]; !math.IsInf(r, 1) {
		t.Errorf("RMS with an infinite sample: %v", r)
	}
	if err := bad.SetLevel(60); err == nil {
		t.Error("SetLevel of infinite samples accepted")
	}
	bad.data[3] = math.NaN()
	if r := bad.RMS()[0]; !math.IsNaN(r) {
		t.Errorf("RMS with a NaN sample: %v", r)
	}
}

// TestSourceRMS streams a float WAV of samples near 1e200 (the input that
// made `hears cochleagram --level` draw zeros) and tiny ones: SourceRMS
// equals the RMS about zero of the loaded samples, and NaN is refused.
func TestSourceRMS(t *testing.T) {
	dir := t.TempDir()
	l, _ := Tone(500, 0.2, WithRate(8000))
	r, _ := Tone(1500, 0.2, WithRate(8000))
	st, err := Stack(l, r.Scale(0.25))
	if err != nil {
		t.Fatal(err)
	}
	for _, amp := range []float64{1, 1e200, 1e-300} {
		s := st.Scale(amp)
		var x []float64
		x = append(x, s.Data()...)
		want := rms(x, false)
		if amp == 1 {
			ss := 0.0
			for _, v := range x {
				ss += v * v
			}
			if math.Abs(want-math.Sqrt(ss/float64(len(x)))) > 1e-15 {
				t.Fatalf("rms about zero %v, plain sums %v", want, math.Sqrt(ss/float64(len(x))))
			}
		}
		// A 64-bit float WAV written by hand (SaveWAV writes 32-bit float).
		p := filepath.Join(dir, "big.wav")
		writeFloat64WAV(t, p, s)
		f, err := Open(p)
		if err != nil {
			t.Fatal(err)
		}
		got, err := SourceRMS(f)
		f.Close()
		if err != nil {
			t.Fatal(err)
		}
		if rel := math.Abs(got-want) / want; !(rel < 1e-13) {
			t.Errorf("amplitude %g: SourceRMS %g, want %g", amp, got, want)
		}
	}
	nan := st.Clone()
	nan.data[100] = math.NaN()
	if _, err := SourceRMS(nan); err == nil {
		t.Error("SourceRMS of a NaN sample accepted")
	}
	silent, _ := Silence(0.1)
	if r, err := SourceRMS(silent); err != nil || r != 0 {
		t.Errorf("silence: %v, %v", r, err)
	}
}

// writeFloat64WAV writes s (at 8 kHz) as a 64-bit float WAV.
func writeFloat64WAV(t *testing.T, path string, s *Sound) {
	t.Helper()
	if s.SampleRate() != 8000 {
		t.Fatalf("wavBytes writes 8 kHz, the sound is at %v Hz", s.SampleRate())
	}
	var data []byte
	for _, v := range s.Data() {
		data = binary.LittleEndian.AppendUint64(data, math.Float64bits(v))
	}
	if err := os.WriteFile(path, wavBytes(3, 0, 64, s.NumChannels(), nil, data), 0o644); err != nil {
		t.Fatal(err)
	}
}

// TestSpectrumRange: spectra of samples whose power would overflow to +Inf
// (near 1e200) are refused, with the reason; 1e100 is measured.
func TestSpectrumRange(t *testing.T) {
	base, _ := Tone(1000, 0.05, WithRate(8000))
	for _, amp := range []float64{1e100, 1e200} {
		s := base.Scale(amp)
		_, err1 := s.Spectrum(SpectrumOptions{})
		_, err2 := s.Spectrogram(SpectrogramOptions{NFFT: 64})
		_, _, err3 := s.Welch(WelchOptions{NFFT: 64})
		for _, err := range []error{err1, err2, err3} {
			if (amp > 1e150) != (err != nil) {
				t.Errorf("amplitude %g: %v", amp, err)
			}
		}
	}
	sp, err := base.Scale(1e100).Spectrum(SpectrumOptions{})
	if err != nil {
		t.Fatal(err)
	}
	for _, p := range sp.Power {
		if math.IsInf(p, 0) || math.IsNaN(p) {
			t.Fatalf("power %v", p)
		}
	}
}
