package hrtf

import (
	"encoding/binary"
	"encoding/json"
	"math"
	"os"
	"strings"
	"testing"

	"github.com/gohears/hears/internal/refdata"
	"github.com/gohears/hears/sound"
)

// TestHeadlessReference: brian2hears' HeadlessDatabase(n=13) at 44.1 kHz:
// ITDs, azimuths (negated: this package's azimuths point left), the 26
// impulse responses (serial order) and the filterbank's output on a click.
func TestHeadlessReference(t *testing.T) {
	c, err := refdata.Load("../testdata/headless_hrtf_n13")
	if err != nil {
		t.Fatal(err)
	}
	tol, err := c.SuggestedTolerance()
	if err != nil {
		t.Fatal(err)
	}
	s, err := Headless(13, 44100)
	if err != nil {
		t.Fatal(err)
	}
	itdRows, err := c.CSV("itd.csv")
	if err != nil {
		t.Fatal(err)
	}
	wantITD, _ := refdata.Flatten(itdRows)
	if _, err := refdata.Compare(s.ITDs(), wantITD, refdata.Tolerance{Rtol: 1e-12, Atol: 1e-12 * 650e-6}); err != nil {
		t.Errorf("ITDs: %v", err)
	}
	az, err := c.Floats("values", "azim_rad", "value")
	if err != nil {
		t.Fatal(err)
	}
	for k, co := range s.Coordinates() {
		if want := -az[k] * 180 / math.Pi; math.Abs(co.Azimuth-want) > 1e-9 {
			t.Errorf("direction %d: azimuth %g°, want %g°", k, co.Azimuth, want)
		}
	}
	irs, err := c.Columns("impulse_response.csv")
	if err != nil {
		t.Fatal(err)
	}
	got := s.ImpulseResponses()
	if len(got) != len(irs) {
		t.Fatalf("%d responses, want %d", len(got), len(irs))
	}
	for k := range irs {
		if !equal(got[k], irs[k]) {
			t.Errorf("response %d: %v, want %v", k, got[k], irs[k])
		}
	}
	in, err := c.Input()
	if err != nil {
		t.Fatal(err)
	}
	fb, err := s.Filterbank(in)
	if err != nil {
		t.Fatal(err)
	}
	out, err := sound.ReadAll(fb, 32)
	if err != nil {
		t.Fatal(err)
	}
	m, err := c.Check(out.Data())
	if err != nil {
		t.Error(err)
	}
	t.Logf("26 channels × 882 frames: max |diff| %.3g (tolerance rtol %g, atol %g)", m.MaxAbs, tol.Rtol, tol.Atol)
}

func TestHeadlessOptionsAndErrors(t *testing.T) {
	// 1 m between the ears, ±30°: ITD = sin(30°)/343.2 = 1.457 ms = 64.25 samples.
	s, err := Headless(3, 44100, HeadlessDiameter(1), HeadlessAzimuthMax(30))
	if err != nil {
		t.Fatal(err)
	}
	itd := s.ITDs()
	if math.Abs(itd[2]-0.5/343.2) > 1e-15 || itd[1] != 0 || s.Taps() != 65 {
		t.Errorf("ITDs %v, taps %d", itd, s.Taps())
	}
	h, _ := s.HRTF(2) // brian2hears +30°: the left ear is delayed by 64 samples; our azimuth -30
	if h.Left().Data()[64] != 1 || h.Right().Data()[0] != 1 || math.Abs(h.Coordinate().Azimuth+30) > 1e-12 {
		t.Errorf("direction 2: %+v", h.Coordinate())
	}
	for _, bad := range []func() (*Set, error){
		func() (*Set, error) { return Headless(0, 44100) },
		func() (*Set, error) { return Headless(3, 0) },
		func() (*Set, error) { return Headless(3, math.NaN()) },
		func() (*Set, error) { return Headless(3, 44100, HeadlessDiameter(-1)) },
		func() (*Set, error) { return Headless(3, 44100, HeadlessAzimuthMax(math.Inf(1))) },
	} {
		if _, err := bad(); err == nil {
			t.Error("no error")
		}
	}
}

// TestHeadlessFractionalReference: brian2hears 0.9.2's HeadlessDatabase
// with fractional_itds=True (n directions, and explicit itd=) and with
// explicit whole-sample ITDs, run by testdata/headless_fractional/make.py:
// the responses (fir_serial), ITDs, azimuths and delay_offset.
func TestHeadlessFractionalReference(t *testing.T) {
	const dir = "../testdata/headless_fractional/"
	b, err := os.ReadFile(dir + "case.json")
	if err != nil {
		t.Fatal(err)
	}
	var ref struct {
		Cases map[string]struct {
			ITD    []float64 `json:"itd_s"`
			Rate   float64   `json:"samplerate_Hz"`
			Shape  []int     `json:"fir_serial_shape"`
			Azim   []float64 `json:"azim_rad"`
			Offset float64   `json:"delay_offset_s"`
		} `json:"cases"`
	}
	if err := json.Unmarshal(b, &ref); err != nil {
		t.Fatal(err)
	}
	if len(ref.Cases) != 3 {
		t.Fatalf("%d cases", len(ref.Cases))
	}
	for name, c := range ref.Cases {
		raw, err := os.ReadFile(dir + name + ".f64")
		if err != nil {
			t.Fatal(err)
		}
		var s *Set
		fractional := strings.Contains(name, "fractional")
		if c.Azim != nil {
			s, err = Headless(len(c.ITD), c.Rate, HeadlessFractional(fractional))
		} else {
			s, err = Headless(len(c.ITD), c.Rate, HeadlessITDs(c.ITD), HeadlessFractional(fractional))
		}
		if err != nil {
			t.Fatal(err)
		}
		if 2*s.Len() != c.Shape[0] || s.Taps() != c.Shape[1] || len(raw) != 8*c.Shape[0]*c.Shape[1] {
			t.Fatalf("%s: %d × %d responses, want %v", name, 2*s.Len(), s.Taps(), c.Shape)
		}
		for k, v := range s.ITDs() {
			if math.Abs(v-c.ITD[k]) > 1e-18 {
				t.Errorf("%s: ITD %d is %g, want %g", name, k, v, c.ITD[k])
			}
		}
		for k, a := range c.Azim {
			co, _ := s.Coordinate(k)
			if math.Abs(co.Azimuth+a*180/math.Pi) > 1e-12 {
				t.Errorf("%s: azimuth %d is %g, want %g", name, k, co.Azimuth, -a*180/math.Pi)
			}
		}
		if math.Abs(s.DelayOffset()-c.Offset) > 1e-18 {
			t.Errorf("%s: delay offset %g, want %g", name, s.DelayOffset(), c.Offset)
		}
		worst := 0.0
		for r, h := range s.ImpulseResponses() {
			for j, v := range h {
				want := math.Float64frombits(binary.LittleEndian.Uint64(raw[8*(r*len(h)+j):]))
				worst = max(worst, math.Abs(v-want))
			}
		}
		// The taps are a few operations on sin and cos of the same
		// arguments as numpy's; Go's and glibc's sin/cos may differ in the
		// last bit.
		t.Logf("%s: %d × %d taps, largest difference %.3g", name, 2*s.Len(), s.Taps(), worst)
		if worst > 1e-15 {
			t.Errorf("%s: taps differ from brian2hears' by up to %g", name, worst)
		}
	}
	if _, err := Headless(3, 44100, HeadlessITDs([]float64{0, 1e-4})); err == nil {
		t.Error("3 directions with 2 ITDs: no error")
	}
	if _, err := Headless(1, 44100, HeadlessITDs([]float64{math.NaN()})); err == nil {
		t.Error("NaN ITD: no error")
	}
}
