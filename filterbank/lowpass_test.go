package filterbank

import (
	"strings"
	"testing"

	"github.com/gohears/hears/sound"
)

func TestLowPassReference(t *testing.T) {
	c := linCase(t, "lowpass_1st_order")
	fc, err := c.Floats("parameters", "fc", "value")
	if err != nil {
		t.Fatal(err)
	}
	in := linInput(t, c)
	b, a, err := LowPassCoefficients(fc, in.SampleRate())
	if err != nil {
		t.Fatal(err)
	}
	wb, wa := linCoefficients(t, c)
	linSameCoefficients(t, "filt_b", b, wb, 1e-12)
	linSameCoefficients(t, "filt_a", a, wa, 1e-12)
	bank, err := LowPass(in, fc...)
	if err != nil {
		t.Fatal(err)
	}
	linCompareOutput(t, c, bank)
}

func TestLowPassScalarCutoff(t *testing.T) {
	x := make([]float64, 3*50)
	for i := range x {
		x[i] = float64(i%7) - 3
	}
	s, _ := sound.New(x, 3, 20000)
	one, err := LowPass(s, 1000)
	if err != nil {
		t.Fatal(err)
	}
	if one.NumChannels() != 3 {
		t.Fatalf("scalar cutoff on 3 channels gave %d channels", one.NumChannels())
	}
	three, err := LowPass(s, 1000, 1000, 1000)
	if err != nil {
		t.Fatal(err)
	}
	y1, _ := sound.ReadAll(one, 0)
	y3, _ := sound.ReadAll(three, 0)
	bitsEqual(t, "scalar vs per-channel cutoff", y1.Data(), y3.Data())
}

func TestLowPassErrors(t *testing.T) {
	s, _ := sound.New(make([]float64, 10), 1, 20000)
	for _, c := range []struct {
		fc  []float64
		msg string
	}{
		{[]float64{0}, "positive"},
		{[]float64{100, -1}, "cutoff 1"},
		{[]float64{7000}, "unstable"},
		{nil, "no low-pass"},
	} {
		if _, err := LowPass(s, c.fc...); err == nil || !strings.Contains(err.Error(), c.msg) {
			t.Errorf("LowPass(%v): %v, want an error mentioning %q", c.fc, err, c.msg)
		}
	}
}
