package filterbank

import (
	"testing"

	"github.com/gohears/hears/sound"
)

func TestLogGammachirpReference(t *testing.T) {
	c := linCase(t, "loggammachirp_click")
	f := refFloats(t, c, "parameters", "cf", "value")
	bb, _ := c.Float("parameters", "b", "value")
	cc, _ := c.Float("parameters", "c", "value")
	b, a, err := LogGammachirpCoefficients(f, 44100, []float64{bb}, []float64{cc}, 4)
	if err != nil {
		t.Fatal(err)
	}
	wb, wa := linCoefficients(t, linCase(t, "loggammachirp_click"))
	// See TestAsymmetricCompensationCoefficientsReference for why b gets
	// a looser coefficient tolerance than a.
	compareCoefficients(t, "b", b, wb, 1e-11)
	compareCoefficients(t, "a", a, wa, 1e-13)
	checkBankRef(t, "loggammachirp_click", func(src sound.Source) (sound.Source, error) {
		return LogGammachirp(src, f, []float64{bb}, []float64{cc}, 4)
	})
}

func TestLogGammachirpErrors(t *testing.T) {
	s, _ := sound.New(make([]float64, 10), 1, 44100)
	for name, err := range map[string]error{
		"nil source":         second3(LogGammachirp(nil, []float64{1000}, []float64{1}, []float64{1}, 4)),
		"f above Nyquist":    second3(LogGammachirp(s, []float64{23000}, []float64{1}, []float64{1}, 4)),
		"no channels":        second3(LogGammachirp(s, nil, []float64{1}, []float64{1}, 4)),
		"c count":            second3(LogGammachirp(s, []float64{100, 200, 300}, []float64{1}, []float64{1, 2}, 4)),
		"no cascades":        second3(LogGammachirp(s, []float64{1000}, []float64{1}, []float64{1}, 0)),
		"negative b":         second3(LogGammachirp(s, []float64{1000}, []float64{-1}, []float64{1}, 4)),
		"NaN c":              second3(LogGammachirp(s, []float64{1000}, []float64{1}, []float64{nan()}, 4)),
		"2 channels, 3 b's":  second3(LogGammachirp(s, []float64{1000, 2000}, []float64{1, 1, 1}, []float64{1}, 4)),
		"stereo for 3 chans": second3(LogGammachirp(must(sound.New(make([]float64, 4), 2, 44100)), []float64{100, 200, 300}, []float64{1}, []float64{1}, 4)),
	} {
		if err == nil {
			t.Errorf("%s: no error", name)
		}
	}
	// Six stages for two cascades.
	fb, err := LogGammachirp(s, []float64{1000, 2000}, []float64{1.019}, []float64{1}, 2)
	if err != nil {
		t.Fatal(err)
	}
	if k := fb.Kernel().(*LinearKernel); k.Stages() != 6 || k.NumChannels() != 2 {
		t.Errorf("%d stages, %d channels; want 6 and 2", k.Stages(), k.NumChannels())
	}
}

func must[T any](v T, err error) T {
	if err != nil {
		panic(err)
	}
	return v
}
