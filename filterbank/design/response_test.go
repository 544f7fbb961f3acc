package design

import (
	"fmt"
	"math"
	"math/cmplx"
	"testing"
)

// specCase is a pass-band/stop-band specification.
type specCase struct {
	name   string
	wp, ws []float64
	gpass  float64
	gstop  float64
	bt     BandType
	fs     float64 // 0: normalised (Nyquist = 1); -1: analog (rad/s)
}

var specs = []specCase{
	{"low", []float64{0.2}, []float64{0.3}, 1, 40, Lowpass, 0},
	{"high", []float64{0.3}, []float64{0.2}, 1, 40, Highpass, 0},
	{"bandpass", []float64{0.2, 0.5}, []float64{0.1, 0.6}, 1, 40, Bandpass, 0},
	{"bandstop", []float64{0.1, 0.6}, []float64{0.2, 0.5}, 1, 40, Bandstop, 0},
	{"low Hz", []float64{1000}, []float64{1500}, 0.5, 60, Lowpass, 44100},
	{"high Hz", []float64{3000}, []float64{2100}, 1, 30, Highpass, 44100},
	{"bandpass Hz narrow low", []float64{500, 600}, []float64{400, 750}, 1, 50, Bandpass, 44100},
	{"bandstop Hz", []float64{200, 2000}, []float64{400, 1000}, 3, 40, Bandstop, 16000},
	{"brian hears cheby1 example", []float64{175, 225}, []float64{145, 255}, 1, 10, Bandpass, 44100},
	{"low analog", []float64{1}, []float64{1.5}, 1, 40, Lowpass, -1},
	{"high analog", []float64{700}, []float64{100}, 3, 70, Highpass, -1},
	{"bandpass analog", []float64{20, 50}, []float64{10, 60}, 3, 80, Bandpass, -1},
	{"bandstop analog", []float64{1000, 6000}, []float64{2000, 5000}, 3, 90, Bandstop, -1},
}

// response evaluates a design at frequencies in the spec's units.
func (s specCase) response(t *testing.T, z ZPK, f []float64) []float64 {
	t.Helper()
	var h []complex128
	switch {
	case s.fs < 0:
		h = FreqsZPK(z, f)
	case s.fs == 0:
		var err error
		if h, err = FreqzZPK(z, f, 2); err != nil {
			t.Fatal(err)
		}
	default:
		var err error
		if h, err = FreqzZPK(z, f, s.fs); err != nil {
			t.Fatal(err)
		}
	}
	db := make([]float64, len(h))
	for i, v := range h {
		db[i] = 20 * math.Log10(cmplx.Abs(v))
	}
	return db
}

func (s specCase) opts() []Option {
	switch {
	case s.fs < 0:
		return []Option{Analog()}
	case s.fs > 0:
		return []Option{SampleRate(s.fs)}
	}
	return nil
}

// top is the highest frequency to check.
func (s specCase) top() float64 {
	switch {
	case s.fs < 0:
		return 100 * math.Max(s.wp[len(s.wp)-1], s.ws[len(s.ws)-1])
	case s.fs == 0:
		return 1
	}
	return s.fs / 2
}

// Every family meets every specification: pass-band loss at most gpass,
// stop-band attenuation at least gstop, checked on a dense grid including
// the band edges, for all four band types, digital (normalised and in Hz)
// and analog.
func TestIIRDesignMeetsSpec(t *testing.T) {
	const tolDB = 1e-9
	for _, s := range specs {
		for _, ft := range []FilterType{Butterworth, Chebyshev1, Chebyshev2, Elliptic} {
			t.Run(fmt.Sprintf("%s/%v", s.name, ft), func(t *testing.T) {
				z, bt, n, err := IIRDesign(s.wp, s.ws, s.gpass, s.gstop, ft, s.opts()...)
				if err != nil {
					t.Fatal(err)
				}
				if bt != s.bt {
					t.Fatalf("band type %v, want %v", bt, s.bt)
				}
				wantPoles := n
				if bt == Bandpass || bt == Bandstop {
					wantPoles = 2 * n
				}
				if len(z.P) != wantPoles {
					t.Fatalf("%d poles for order %d %v", len(z.P), n, bt)
				}
				inPass := func(f float64) bool {
					switch bt {
					case Lowpass:
						return f <= s.wp[0]
					case Highpass:
						return f >= s.wp[0]
					case Bandpass:
						return f >= s.wp[0] && f <= s.wp[1]
					default:
						return f <= s.wp[0] || f >= s.wp[1]
					}
				}
				inStop := func(f float64) bool {
					switch bt {
					case Lowpass:
						return f >= s.ws[0]
					case Highpass:
						return f <= s.ws[0]
					case Bandpass:
						return f <= s.ws[0] || f >= s.ws[1]
					default:
						return f >= s.ws[0] && f <= s.ws[1]
					}
				}
				f := linspace(0, s.top(), 20001)
				f = append(f, s.wp...)
				f = append(f, s.ws...)
				if s.fs >= 0 {
					f[len(f)-len(s.wp)-len(s.ws)-1] = s.top() * (1 - 1e-9) // not exactly Nyquist
				}
				db := s.response(t, z, f)
				worstPass, worstStop := math.Inf(-1), math.Inf(-1)
				for i, v := range f {
					if inPass(v) {
						if db[i] < -s.gpass-tolDB || db[i] > tolDB {
							worstPass = math.Max(worstPass, math.Max(-s.gpass-db[i], db[i]))
						}
					}
					if inStop(v) && db[i] > -s.gstop+tolDB {
						worstStop = math.Max(worstStop, db[i]+s.gstop)
					}
				}
				if worstPass > 0 {
					t.Errorf("order %d: pass band leaves [-%g, 0] dB by %g dB", n, s.gpass, worstPass)
				}
				if worstStop > 0 {
					t.Errorf("order %d: stop band above -%g dB by %g dB", n, s.gstop, worstStop)
				}
				if s.fs < 0 {
					return
				}
				// The second-order sections give the same response.
				sos, err := z.SOS()
				if err != nil {
					t.Fatal(err)
				}
				fs := s.fs
				if fs == 0 {
					fs = 2
				}
				hz, _ := FreqzZPK(z, f, fs)
				hs, _ := Freqz(sos, f, fs)
				for i := range hz {
					if cmplx.Abs(hz[i]-hs[i]) > 1e-10*math.Max(cmplx.Abs(hz[i]), 1) {
						t.Fatalf("f=%g: SOS response %v, ZPK %v", f[i], hs[i], hz[i])
					}
				}
			})
		}
	}
}

// Butter, Cheby1, Cheby2, Ellip and Bessel with a given order: the defining
// point of each family sits at Wn, for every band type.
func TestCriticalFrequencies(t *testing.T) {
	const fs = 48000.0
	type design struct {
		name string
		mk   func(wn []float64, bt BandType) (ZPK, error)
		db   float64 // gain at the critical frequency
	}
	designs := []design{
		{"butter", func(wn []float64, bt BandType) (ZPK, error) { return Butter(5, wn, bt, SampleRate(fs)) }, -10 * math.Log10(2)},
		{"cheby1", func(wn []float64, bt BandType) (ZPK, error) { return Cheby1(5, 0.5, wn, bt, SampleRate(fs)) }, -0.5},
		{"cheby2", func(wn []float64, bt BandType) (ZPK, error) { return Cheby2(5, 45, wn, bt, SampleRate(fs)) }, -45},
		{"ellip", func(wn []float64, bt BandType) (ZPK, error) { return Ellip(5, 0.5, 45, wn, bt, SampleRate(fs)) }, -0.5},
		{"bessel mag", func(wn []float64, bt BandType) (ZPK, error) { return Bessel(5, wn, bt, BesselMag, SampleRate(fs)) }, -10 * math.Log10(2)},
	}
	bands := []struct {
		bt BandType
		wn []float64
	}{
		{Lowpass, []float64{1000}}, {Highpass, []float64{1000}}, {Bandpass, []float64{500, 2000}}, {Bandstop, []float64{500, 2000}},
	}
	for _, d := range designs {
		for _, b := range bands {
			z, err := d.mk(b.wn, b.bt)
			if err != nil {
				t.Fatal(err)
			}
			h, _ := FreqzZPK(z, b.wn, fs)
			for i, v := range h {
				if got := 20 * math.Log10(cmplx.Abs(v)); !near(got, d.db, 1e-9) {
					t.Errorf("%s %v: %g dB at %g Hz, want %g", d.name, b.bt, got, b.wn[i], d.db)
				}
			}
		}
	}
}

// A Butterworth low-pass of order n falls 6n dB per octave far above the cutoff,
// and an analog design keeps its cutoff exactly (no pre-warping needed).
func TestButterworthAnalog(t *testing.T) {
	z, err := Butter(4, []float64{2 * math.Pi * 1000}, Lowpass, Analog())
	if err != nil {
		t.Fatal(err)
	}
	h := FreqsZPK(z, []float64{2 * math.Pi * 1000, 2 * math.Pi * 1e6, 2 * math.Pi * 2e6})
	if g := 20 * math.Log10(cmplx.Abs(h[0])); !near(g, -10*math.Log10(2), 1e-12) {
		t.Errorf("gain at cutoff %g dB", g)
	}
	slope := 20 * math.Log10(cmplx.Abs(h[2])/cmplx.Abs(h[1]))
	if !near(slope, -4*20*math.Log10(2), 1e-6) {
		t.Errorf("slope %g dB/octave, want %g", slope, -80*math.Log10(2))
	}
}

func TestParse(t *testing.T) {
	for s, want := range map[string]BandType{"low": Lowpass, "LP": Lowpass, "highpass": Highpass, "h": Highpass, "band": Bandpass, "bp": Bandpass, "pass": Bandpass, "bandstop": Bandstop, "stop": Bandstop, "bs": Bandstop} {
		got, err := ParseBandType(s)
		if err != nil || got != want {
			t.Errorf("ParseBandType(%q) = %v, %v", s, got, err)
		}
	}
	for s, want := range map[string]FilterType{"butter": Butterworth, "Butterworth": Butterworth, "cheby1": Chebyshev1, "chebyshevi": Chebyshev1, "cheby2": Chebyshev2, "ellip": Elliptic, "cauer": Elliptic, "bessel": BesselThomson} {
		got, err := ParseFilterType(s)
		if err != nil || got != want {
			t.Errorf("ParseFilterType(%q) = %v, %v", s, got, err)
		}
	}
	if _, err := ParseBandType("notch"); err == nil {
		t.Error("ParseBandType(notch) accepted")
	}
	if _, err := ParseFilterType("chebyshev"); err == nil {
		t.Error("ParseFilterType(chebyshev) accepted")
	}
}
