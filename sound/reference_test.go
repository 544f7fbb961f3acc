package sound_test

import (
	"math"
	"testing"

	"github.com/gohears/hears/internal/refdata"
	"github.com/gohears/hears/sound"
)

// loadCase loads ../testdata/<name> and its suggested tolerance.
func loadCase(t *testing.T, name string) (*refdata.Case, refdata.Tolerance) {
	t.Helper()
	c, err := refdata.Load("../testdata/" + name)
	if err != nil {
		t.Fatal(err)
	}
	tol, err := c.SuggestedTolerance()
	if err != nil {
		t.Fatal(err)
	}
	return c, tol
}

func caseSound(t *testing.T, c *refdata.Case, file string) *sound.Sound {
	t.Helper()
	rows, err := c.CSV(file)
	if err != nil {
		t.Fatal(err)
	}
	data, nc := refdata.Flatten(rows)
	rate, err := c.Float("samplerate_Hz")
	if err != nil {
		t.Fatal(err)
	}
	s, err := sound.New(data, nc, rate)
	if err != nil {
		t.Fatal(err)
	}
	return s
}

func compareCase(t *testing.T, c *refdata.Case, tol refdata.Tolerance, got *sound.Sound) {
	t.Helper()
	want := caseSound(t, c, "output.csv")
	if got.NumChannels() != want.NumChannels() || got.NumFrames() != want.NumFrames() {
		t.Fatalf("shape %d×%d, reference %d×%d", got.NumFrames(), got.NumChannels(), want.NumFrames(), want.NumChannels())
	}
	if got.SampleRate() != want.SampleRate() {
		t.Fatalf("rate %v, reference %v", got.SampleRate(), want.SampleRate())
	}
	m, err := refdata.Compare(got.Data(), want.Data(), tol)
	if err != nil {
		t.Fatal(err)
	}
	t.Logf("max |diff| %.3g (%.3g of the tolerance)", m.MaxAbs, m.Excess)
}

func TestReferenceTone(t *testing.T) {
	c, tol := loadCase(t, "sound_tone_1kHz_20ms")
	s, err := sound.Tone(1000, 0.02, sound.WithRate(44100))
	if err != nil {
		t.Fatal(err)
	}
	compareCase(t, c, tol, s)
}

func TestReferenceHarmonicComplex(t *testing.T) {
	c, tol := loadCase(t, "sound_harmoniccomplex_200Hz_20ms")
	s, err := sound.HarmonicComplex(200, 0.02, nil, nil, sound.WithRate(44100))
	if err != nil {
		t.Fatal(err)
	}
	compareCase(t, c, tol, s)
}

func TestReferenceVowel(t *testing.T) {
	c, tol := loadCase(t, "sound_vowel_a_100Hz_50ms_16kHz")
	s, err := sound.Vowel("a", 100, 0.05, sound.WithRate(16000))
	if err != nil {
		t.Fatal(err)
	}
	compareCase(t, c, tol, s)
}

func TestReferenceClick(t *testing.T) {
	c, tol := loadCase(t, "sound_click_80dB")
	s, err := sound.Click(0.1e-3, 80, sound.WithRate(44100))
	if err != nil {
		t.Fatal(err)
	}
	compareCase(t, c, tol, s)
}

func TestReferenceRamp(t *testing.T) {
	c, tol := loadCase(t, "sound_ramp_both_5ms")
	in := caseSound(t, c, "input.csv")
	before := append([]float64(nil), in.Data()...)
	s, err := in.Ramped(sound.Both, 5e-3, nil)
	if err != nil {
		t.Fatal(err)
	}
	compareCase(t, c, tol, s)
	for i, v := range in.Data() {
		if v != before[i] {
			t.Fatal("Ramped modified its receiver")
		}
	}
	n, _ := c.Float("values", "ramp_samples", "value")
	if got := sound.FramesOf(5e-3, 44100); got != int(n) {
		t.Fatalf("ramp frames %d, reference %v", got, n)
	}
	// The onset ramp covers frames 0..219 and ends at gain exactly 1.
	if s.At(220, 0) != in.At(220, 0) || s.At(219, 0) != in.At(219, 0) || s.At(218, 0) == in.At(218, 0) {
		t.Fatalf("ramp boundary wrong: %v %v %v", s.At(218, 0), s.At(219, 0), s.At(220, 0))
	}
}

func TestReferenceAtLevel(t *testing.T) {
	c, tol := loadCase(t, "sound_atlevel_60dB")
	in := caseSound(t, c, "input.csv")
	wantIn, _ := c.Float("values", "input_level_dB_SPL", "value")
	if l := in.Level()[0]; math.Abs(float64(l)-wantIn) > 1e-12*wantIn {
		t.Fatalf("input level %v, reference %v", l, wantIn)
	}
	s, err := in.AtLevel(60)
	if err != nil {
		t.Fatal(err)
	}
	compareCase(t, c, tol, s)
	if l := s.Level()[0]; math.Abs(float64(l)-60) > 1e-10 {
		t.Fatalf("output level %v, want 60", l)
	}
}

func TestReferenceLevelStereo(t *testing.T) {
	c, tol := loadCase(t, "sound_level_stereo")
	in := caseSound(t, c, "input.csv")
	rows, err := c.CSV("output.csv")
	if err != nil {
		t.Fatal(err)
	}
	lv := in.Level()
	got := []float64{float64(lv[0]), float64(lv[1])}
	if _, err := refdata.Compare(got, rows[0], tol); err != nil {
		t.Fatal(err)
	}
}

func TestReferenceShiftedFractional(t *testing.T) {
	c, tol := loadCase(t, "sound_shifted_fractional")
	in := caseSound(t, c, "input.csv")
	delay, err := c.Float("parameters", "delay", "value")
	if err != nil {
		t.Fatal(err)
	}
	s, err := in.ShiftedFractional(delay, 0)
	if err != nil {
		t.Fatal(err)
	}
	compareCase(t, c, tol, s)
}
