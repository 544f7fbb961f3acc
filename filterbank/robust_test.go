package filterbank

import (
	"math"
	"strings"
	"testing"

	"github.com/gohears/hears/filterbank/design"
	"github.com/gohears/hears/sound"
)

// TestHostileInputs feeds every constructor inputs it must refuse: each
// case must return an error naming the problem (want is a fragment of it),
// never panic and never exhaust memory (the absurd sizes would need many
// gigabytes if they were allocated).
func TestHostileInputs(t *testing.T) {
	nan := math.NaN()
	s := testSignal(100, 1, 1) // 1000 Hz, mono
	s2 := testSignal(100, 2, 1)
	huge := int(1e9)
	one := [][][]float64{{{1}, {0}}}
	noop := func([]float64, [][]float64, int) error { return nil }
	cases := []struct {
		name, want string
		run        func() error
	}{
		// Absurd sizes: errors, not out-of-memory crashes.
		{"ApproximateGammatone order 1e9", "limit", func() error { return second3(ApproximateGammatone(s, []float64{100}, []float64{10}, huge)) }},
		{"AsymmetricCompensation 1e9 cascades", "limit", func() error {
			return second3(AsymmetricCompensation(s, []float64{100}, []float64{1}, []float64{1}, huge))
		}},
		{"LogGammachirp 1e9 cascades", "limit", func() error { return second3(LogGammachirp(s, []float64{100}, []float64{1}, []float64{1}, huge)) }},
		{"Butterworth 1e9 channels", "limit", func() error { return second3(Butterworth(s, huge, 2, design.Lowpass, [][]float64{{100}})) }},
		{"IIR 1e9 channels", "limit", func() error {
			return second3(IIR(s, huge, [][]float64{{100}}, [][]float64{{200}}, []float64{1}, []float64{40}, design.Lowpass, design.Butterworth))
		}},
		{"CascadeCoefficients 1e9 copies", "limit", func() error { return second(CascadeCoefficients(one, one, huge)) }},
		{"CascadeCoefficients overflowing copies", "limit", func() error { return second(CascadeCoefficients(one, one, math.MaxInt/2)) }},
		{"ERBSpace 1e9 channels", "limit", func() error { return second3(ERBSpace(100, 8000, huge)) }},
		{"FractionalDelay filter length 1e9", "limit", func() error { return second3(FractionalDelay(s, []float64{0}, huge)) }},
		{"FIR kernel 1e9 channels", "limit", func() error { return second3(NewFIRKernel([][]float64{{1, 2}}, huge)) }},
		{"Control interval 1e9", "limit", func() error {
			return second3(Control[int](s, []sound.Source{s2}, nil, func([][]float64, []int) error { return nil }, huge))
		}},
		{"Function 1e9 output channels", "limit", func() error { return second3(Function([]sound.Source{s}, huge, noop)) }},
		{"Map kernel 1e9 channels", "limit", func() error { return second3(NewMapKernel(huge, math.Abs)) }},
		{"Repeat 1e9", "limit", func() error { return second3(Repeat(s, huge)) }},
		{"Tile 1e9", "limit", func() error { return second3(Tile(s, huge)) }},
		{"Restructure overflowing repeat × tile", "limit", func() error {
			return second3(Restructure([]sound.Source{s}, math.MaxInt/2, JoinSerial, math.MaxInt/2, nil))
		}},
		{"LinearGaborchirp 100 channels of 8e6 taps", "limit", func() error {
			return second3(LinearGaborchirpResponses(1000, make100(10), nil, []float64{699}, nil))
		}},
		{"RestructureMapping 1e9 channels", "limit", func() error { return second3(RestructureMapping([]int{huge}, 2, JoinSerial, 1)) }},
		// Values out of range.
		{"AsymmetricCompensation f above Nyquist", "below", func() error {
			return second3(AsymmetricCompensation(s, []float64{600}, []float64{1}, []float64{1}, 4))
		}},
		{"AsymmetricCompensation f zero", "positive", func() error {
			return second3(AsymmetricCompensation(s, []float64{0}, []float64{1}, []float64{1}, 4))
		}},
		{"AsymmetricCompensation b negative", "b[0]", func() error {
			return second3(AsymmetricCompensation(s, []float64{100}, []float64{-1}, []float64{1}, 4))
		}},
		{"AsymmetricCompensationInto b zero", "b[0]", func() error {
			bc, ac, err := AsymmetricCompensationCoefficients([]float64{100}, 1000, []float64{1}, []float64{1}, 4)
			if err != nil {
				return nil
			}
			return AsymmetricCompensationInto(bc, ac, []float64{100}, 1000, []float64{0}, []float64{1})
		}},
		{"RestructureMapping negative channels", "-1 channels", func() error { return second3(RestructureMapping([]int{-1}, 1, JoinSerial, 1)) }},
		{"NewRestructureKernel zero channels", "0 channels", func() error { return second3(NewRestructureKernel([]int{0, 2}, []int{0})) }},
		{"NewBank negative input channels", "at least 1", func() error { return second3(NewBank1(newSumKernel(2), s, -1)) }},
		{"NewBank zero input channels", "at least 1", func() error { return second3(NewBank1(newSumKernel(2), s, 0)) }},
		// A sample of the rules that already held, kept as a regression net.
		{"SetCoefficients NaN", "NaN", func() error {
			k, err := NewLinearKernel(one, one)
			if err != nil {
				return nil
			}
			return k.SetCoefficients([][][]float64{{{nan}, {0}}}, one)
		}},
		{"SetCoefficients wrong shape", "shaped", func() error {
			k, err := NewLinearKernel(one, one)
			if err != nil {
				return nil
			}
			three := [][][]float64{{{1}, {0}, {0}}}
			return k.SetCoefficients(three, three)
		}},
		{"SetChannelCoefficients ragged", "taps", func() error {
			k, err := NewLinearKernel(one, one)
			if err != nil {
				return nil
			}
			return k.SetChannelCoefficients(0, [][]float64{{1}, {0}}, [][]float64{{1}})
		}},
		{"Gammatone NaN cf", "NaN", func() error { return second3(Gammatone(s, []float64{nan})) }},
		{"Gammatone cf at Nyquist", "below", func() error { return second3(Gammatone(s, []float64{500})) }},
		{"Gammatone nil source", "nil", func() error { return second3(Gammatone(nil, []float64{100})) }},
		{"LowPass NaN", "NaN", func() error { return second3(LowPass(s, nan)) }},
		{"Linear NaN b", "NaN", func() error { return second3(Linear(s, [][][]float64{{{nan}, {0}}}, one)) }},
		{"Linear Inf a", "+Inf", func() error { return second3(Linear(s, one, [][][]float64{{{1}, {math.Inf(1)}}})) }},
		{"Linear unstable", "unstable", func() error { return second3(Linear(s, one, [][][]float64{{{1}, {-2}}})) }},
		{"Linear unstable biquad", "unstable", func() error {
			return second3(Linear(s, [][][]float64{{{1}, {0}, {0}}}, [][][]float64{{{1}, {0.1}, {1.5}}}))
		}},
		{"Linear unstable biquad, real poles", "unstable", func() error {
			return second3(Linear(s, [][][]float64{{{1}, {0}, {0}}}, [][][]float64{{{1}, {-1.9}, {0.5}}}))
		}},
		{"Linear channel mismatch", "channels", func() error {
			return second3(Linear(s2, [][][]float64{{{1}, {0}}, {{1}, {0}}, {{1}, {0}}}, [][][]float64{{{1}, {0}}, {{1}, {0}}, {{1}, {0}}}))
		}},
		{"Sum sample-rate mismatch", "Hz", func() error {
			other, _ := sound.New(make([]float64, 100), 1, 8000)
			return second3(Sum([]sound.Source{s, other}, nil))
		}},
		{"Fetch start > end", "", func() error {
			b, err := LowPass(s, 10)
			if err != nil {
				return nil
			}
			return second3(b.Fetch(5, 3))
		}},
		{"Bank Fetch of 2^27 frames × 3000 channels", "limit", func() error {
			b, err := LowPass(testSignal(10, 3000, 1), 10)
			if err != nil {
				return nil
			}
			return second3(b.Fetch(0, 1<<27))
		}},
		{"ControlBank Fetch of 2^27 frames × 3000 channels", "limit", func() error {
			b, err := LowPass(testSignal(10, 3000, 1), 10)
			if err != nil {
				return nil
			}
			c, err := Control[int](b, nil, nil, func([][]float64, []int) error { return nil }, 1)
			if err != nil {
				return nil
			}
			return second3(c.Fetch(0, 1<<27))
		}},
		{"Fetch negative", "", func() error {
			b, err := LowPass(s, 10)
			if err != nil {
				return nil
			}
			return second3(b.Fetch(-1, 3))
		}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			defer func() {
				if r := recover(); r != nil {
					t.Fatalf("panic: %v", r)
				}
			}()
			err := c.run()
			if err == nil {
				t.Fatal("no error")
			}
			if !strings.Contains(err.Error(), c.want) {
				t.Errorf("error %q does not mention %q", err, c.want)
			}
		})
	}
}

// TestFractionalDelayResponseBadTaps: a non-positive length is an empty
// response, not a panic in make.
func TestFractionalDelayResponseBadTaps(t *testing.T) {
	for _, taps := range []int{0, -1, math.MinInt} {
		if h := FractionalDelayResponse(0.001, 1000, taps); len(h) != 0 {
			t.Errorf("taps %d: %d taps returned", taps, len(h))
		}
	}
}

// make100 is 100 copies of v.
func make100(v float64) []float64 {
	x := make([]float64, 100)
	for i := range x {
		x[i] = v
	}
	return x
}

// TestLinearMarginalStability: poles on the unit circle (an integrator, a
// sinusoidal oscillator) are allowed; just outside is refused.
func TestLinearMarginalStability(t *testing.T) {
	s := testSignal(10, 1, 1)
	w := 2 * math.Pi * 0.1
	for _, c := range []struct {
		name string
		b, a [][][]float64
		ok   bool
	}{
		{"integrator", [][][]float64{{{1}, {0}}}, [][][]float64{{{1}, {-1}}}, true},
		{"oscillator", [][][]float64{{{1}, {0}, {0}}}, [][][]float64{{{1}, {-2 * math.Cos(w)}, {1}}}, true},
		{"stable biquad", [][][]float64{{{1}, {0}, {0}}}, [][][]float64{{{1}, {-1.5}, {0.7}}}, true},
		{"pole at -1.01", [][][]float64{{{1}, {0}}}, [][][]float64{{{1}, {1.01}}}, false},
		{"radius 1.001", [][][]float64{{{1}, {0}, {0}}}, [][][]float64{{{1}, {-2 * 1.001 * math.Cos(w)}, {1.001 * 1.001}}}, false},
	} {
		_, err := Linear(s, c.b, c.a)
		if (err == nil) != c.ok {
			t.Errorf("%s: error %v, want accepted = %v", c.name, err, c.ok)
		}
	}
}

// TestFunctionNonFiniteRefused: a function or map bank whose function gives
// NaN or ±Inf for finite input stops with an error naming channel and
// frame, instead of passing the value on (issue 17).
func TestFunctionNonFiniteRefused(t *testing.T) {
	s, err := sound.New([]float64{1, 2, 0, 4, 5, 6}, 2, 1000)
	if err != nil {
		t.Fatal(err)
	}
	fb, err := Function([]sound.Source{s}, 2, func(out []float64, in [][]float64, frames int) error {
		for i, v := range in[0] {
			out[i] = 1 / v
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := fb.Fetch(0, 3); err == nil || !strings.Contains(err.Error(), "channel 0, frame 1") {
		t.Errorf("1/0 in a function bank: err = %v, want one naming channel 0, frame 1", err)
	}
	mb, err := Map(s, math.Log)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := mb.Fetch(0, 3); err == nil || !strings.Contains(err.Error(), "channel 0, frame 1") {
		t.Errorf("log(0) in a map bank: err = %v, want one naming channel 0, frame 1", err)
	}
	ok, err := Map(s, func(v float64) float64 { return 2 * v })
	if err != nil {
		t.Fatal(err)
	}
	if _, err := ok.Fetch(0, 3); err != nil {
		t.Errorf("finite map: %v", err)
	}
}

// TestGammatoneHugeBRefused: b = 1e300 made the poles vanish and the bank
// pass its input through unchanged; a bandwidth at or above the Nyquist
// frequency is refused, naming it.
func TestGammatoneHugeBRefused(t *testing.T) {
	for _, b := range []float64{1e300, 1e5, 200} {
		if _, _, err := GammatoneCoefficients([]float64{1000}, 44100, GammatoneB(b)); err == nil || !strings.Contains(err.Error(), "Nyquist") {
			t.Errorf("b = %v: err = %v, want a refusal naming the Nyquist frequency", b, err)
		}
	}
	if _, _, err := GammatoneCoefficients([]float64{1000, 20000}, 44100, GammatoneB(10)); err != nil {
		t.Errorf("b = 10: %v", err)
	}
}
