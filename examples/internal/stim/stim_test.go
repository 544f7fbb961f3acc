package stim

import (
	"math"
	"testing"

	"github.com/gohears/hears/sound"
)

func TestNoise(t *testing.T) {
	s, err := Noise(0.05, 50, 3)
	if err != nil {
		t.Fatal(err)
	}
	if s.NumFrames() != 2205 || math.Abs(float64(s.Level()[0])-50) > 1e-9 {
		t.Errorf("%v at %v", s, s.Level()[0])
	}
	if s.At(0, 0) != 0 || s.At(2204, 0) != 0 {
		t.Error("not ramped")
	}
	again, _ := Noise(0.05, 50, 3)
	if again.At(1000, 0) != s.At(1000, 0) {
		t.Error("the same seed gave different noise")
	}
}

func TestImpulseResponses(t *testing.T) {
	if _, err := Impulse(0, 44100); err == nil {
		t.Error("empty impulse accepted")
	}
	// Through a scaling "bank" (a Sound source that is the impulse doubled).
	irs, err := ImpulseResponses(0.001, 1000, func(src sound.Source) (sound.Source, error) {
		in := src.(*sound.Sound)
		return sound.Stack(in, in.Scale(2))
	})
	if err != nil {
		t.Fatal(err)
	}
	if len(irs) != 2 || len(irs[0]) != 1 || irs[0][0] != 1 || irs[1][0] != 2 {
		t.Errorf("impulse responses %v", irs)
	}
}

func TestOutput(t *testing.T) {
	s, err := sound.New([]float64{1, 2, 3, 4}, 2, 1000)
	if err != nil {
		t.Fatal(err)
	}
	out, err := Output(s)
	if err != nil {
		t.Fatal(err)
	}
	if len(out) != 4 || out[0] != 1 || out[3] != 4 {
		t.Errorf("Output gave %v", out)
	}
}

func TestResponses(t *testing.T) {
	src, err := sound.New([]float64{1, -1, 0.5}, 1, 1000)
	if err != nil {
		t.Fatal(err)
	}
	double := func(s sound.Source) (sound.Source, error) {
		in, err := sound.ReadAll(s, 0)
		if err != nil {
			return nil, err
		}
		return in.Scale(2), nil
	}
	out, ir, err := Responses(src, 0.002, double)
	if err != nil {
		t.Fatal(err)
	}
	if len(out) != 3 || out[0] != 2 || out[1] != -2 || out[2] != 1 {
		t.Errorf("response %v", out)
	}
	if len(ir) != 1 || len(ir[0]) != 2 || ir[0][0] != 2 || ir[0][1] != 0 {
		t.Errorf("impulse responses %v", ir)
	}
	if _, _, err := Responses(src, 0, double); err == nil {
		t.Error("empty impulse accepted")
	}
}

func TestToneInNoise(t *testing.T) {
	s, err := ToneInNoise(1000, 0.05, 3)
	if err != nil {
		t.Fatal(err)
	}
	noise, _ := sound.WhiteNoise(0.05, sound.WithSeed(3))
	if s.NumFrames() != noise.NumFrames() || s.At(0, 0) != 0 || s.At(s.NumFrames()-1, 0) != 0 {
		t.Fatalf("%d frames, ends %v and %v: not a ramped 50 ms sound", s.NumFrames(), s.At(0, 0), s.At(s.NumFrames()-1, 0))
	}
	// Past the ramp, the sound is the tone plus the noise.
	k := 1000
	want := math.Sin(2*math.Pi*1000*float64(k)/s.SampleRate()) + noise.At(k, 0)
	if math.Abs(s.At(k, 0)-want) > 1e-12 {
		t.Errorf("sample %d is %v, want %v", k, s.At(k, 0), want)
	}
	if _, err := ToneInNoise(math.NaN(), 0.05, 3); err == nil {
		t.Error("NaN frequency accepted")
	}
}

// TestToneRMS checks ToneRMS on an identity bank: a tone at 0 dB SPL has
// an RMS of 20 µPa, and skipping the whole tone is an error.
func TestToneRMS(t *testing.T) {
	id := func(src sound.Source) (sound.Source, error) { return src, nil }
	r, err := ToneRMS(1000, 0, 0.02, 50000, 0.005, id)
	if err != nil {
		t.Fatal(err)
	}
	if len(r) != 1 || math.Abs(r[0]-2e-5) > 1e-9 {
		t.Errorf("RMS %v, want [2e-05]", r)
	}
	if _, err := ToneRMS(1000, 0, 0.02, 50000, 0.02, id); err == nil {
		t.Error("skipping the whole tone gave no error")
	}
}
