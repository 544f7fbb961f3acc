package filterbank

import (
	"math"
	"strings"
	"testing"

	"github.com/gohears/hears/internal/refdata"
	"github.com/gohears/hears/sound"
)

func TestGammatoneReference(t *testing.T) {
	for _, name := range []string{"gammatone_click_32ch", "gammatone_tonemix_32ch"} {
		t.Run(name, func(t *testing.T) {
			c := linCase(t, name)
			cf, err := c.Floats("parameters", "cf", "value")
			if err != nil {
				t.Fatal(err)
			}
			bw, err := c.Float("parameters", "b", "value")
			if err != nil {
				t.Fatal(err)
			}
			in := linInput(t, c)
			b, a, err := GammatoneCoefficients(cf, in.SampleRate(), GammatoneB(bw))
			if err != nil {
				t.Fatal(err)
			}
			wb, wa := linCoefficients(t, c)
			linSameCoefficients(t, "filt_b", b, wb, 1e-12)
			// a[c][0] is 1 in both.
			linSameCoefficients(t, "filt_a", a, wa, 1e-12)
			bank, err := Gammatone(in, cf, GammatoneB(bw))
			if err != nil {
				t.Fatal(err)
			}
			linCompareOutput(t, c, bank)
		})
	}
}

// TestGammatoneRMS3000 is brian2hears' process(sum_of_squares) on 3000
// channels: online accumulation in blocks of 32 frames.
func TestGammatoneRMS3000(t *testing.T) {
	c := linCase(t, "process_rms_gammatone_3000ch")
	rows, err := c.CSV("param_cf.csv")
	if err != nil {
		t.Fatal(err)
	}
	cf, _ := refdata.Flatten(rows)
	// The reference cf are erbspace(20 Hz, 20 kHz, 3000): ours must agree.
	mine, err := ERBSpace(20, 20000, 3000)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := refdata.Compare(mine, cf, refdata.Tolerance{Rtol: 1e-12}); err != nil {
		t.Fatalf("ERBSpace(20, 20000, 3000): %v", err)
	}
	in := linInput(t, c)
	bank, err := Gammatone(in, cf)
	if err != nil {
		t.Fatal(err)
	}
	rms := gammatoneRMS(t, bank, in.NumFrames(), 32)
	out, err := c.CSV("output.csv")
	if err != nil {
		t.Fatal(err)
	}
	want, _ := refdata.Flatten(out)
	tol, err := c.SuggestedTolerance()
	if err != nil {
		t.Fatal(err)
	}
	m, err := refdata.Compare(rms, want, tol)
	if err != nil {
		t.Fatal(err)
	}
	t.Logf("max |diff| %.3g (worst %.3g of tolerance)", m.MaxAbs, m.Excess)
}

// gammatoneRMS computes the per-channel RMS of src's first frames frames
// online (sound.Each with an accumulator).
func gammatoneRMS(t testing.TB, src sound.Source, frames, block int) []float64 {
	nc := src.NumChannels()
	sum := make([]float64, nc)
	err := sound.Each(src, frames, block, func(blk []float64, start, n int) error {
		for f := range n {
			row := blk[f*nc : (f+1)*nc]
			for ch, v := range row {
				sum[ch] += v * v
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	for ch := range sum {
		sum[ch] = math.Sqrt(sum[ch] / float64(frames))
	}
	return sum
}

func TestGammatonePerChannelB(t *testing.T) {
	cf := []float64{300, 1000, 4000}
	b, _, err := GammatoneCoefficients(cf, 44100, GammatoneB(1.019, 2, 0.5))
	if err != nil {
		t.Fatal(err)
	}
	for ch, bw := range []float64{1.019, 2, 0.5} {
		one, _, err := GammatoneCoefficients(cf[ch:ch+1], 44100, GammatoneB(bw))
		if err != nil {
			t.Fatal(err)
		}
		for tp := range 3 {
			for s := range 4 {
				if b[ch][tp][s] != one[0][tp][s] {
					t.Fatalf("channel %d with b=%v differs from a one-channel bank", ch, bw)
				}
			}
		}
	}
}

// TestGammatoneUnitGainAtCF checks the gain normalisation: a long tone at cf
// comes out with the same amplitude.
func TestGammatoneUnitGainAtCF(t *testing.T) {
	const rate, n = 44100.0, 44100
	cf := []float64{250, 1000, 6000}
	for ch, f := range cf {
		x := make([]float64, n)
		for i := range x {
			x[i] = math.Sin(2 * math.Pi * f * float64(i) / rate)
		}
		s, _ := sound.New(x, 1, rate)
		bank, err := Gammatone(s, cf[ch:ch+1])
		if err != nil {
			t.Fatal(err)
		}
		y, err := sound.ReadAll(bank, 0)
		if err != nil {
			t.Fatal(err)
		}
		peak := peakAbs(y.Data()[n/2:])
		if math.Abs(peak-1) > 1e-3 {
			t.Errorf("cf %v Hz: steady-state amplitude %v, want 1", f, peak)
		}
	}
}

func TestGammatoneErrors(t *testing.T) {
	s, _ := sound.New(make([]float64, 100), 1, 44100)
	cases := []struct {
		name string
		cf   []float64
		opts []GammatoneOption
		msg  string
	}{
		{"NaN cf", []float64{100, math.NaN()}, nil, "centre frequency 1 is NaN"},
		{"cf above Nyquist", []float64{100, 30000}, nil, "below 22050 Hz"},
		{"cf at Nyquist", []float64{22050}, nil, "below 22050 Hz"},
		{"negative cf", []float64{-5}, nil, "positive"},
		{"no cf", nil, nil, "no gammatone"},
		{"negative b", []float64{100}, []GammatoneOption{GammatoneB(-1)}, "b of channel 0"},
		{"NaN b", []float64{100, 200}, []GammatoneOption{GammatoneB(1, math.NaN())}, "b of channel 1"},
		{"b count", []float64{100, 200, 300}, []GammatoneOption{GammatoneB(1, 2)}, "2 values of gammatone b for 3 channels"},
		{"bad ERB", []float64{100}, []GammatoneOption{GammatoneERB(ERBScale{EarQ: 0, MinBW: 24.7, Order: 1})}, "EarQ"},
	}
	for _, c := range cases {
		_, err := Gammatone(s, c.cf, c.opts...)
		if err == nil || !strings.Contains(err.Error(), c.msg) {
			t.Errorf("%s: error %v, want one mentioning %q", c.name, err, c.msg)
		}
	}
	two, _ := sound.New(make([]float64, 100), 2, 44100)
	if _, err := Gammatone(two, []float64{100, 200, 300}); err == nil || !strings.Contains(err.Error(), "has 2 channels") {
		t.Errorf("channel mismatch: %v", err)
	}
	if _, err := Gammatone(nil, []float64{100}); err == nil {
		t.Error("nil source accepted")
	}
}
