package hrtf

import (
	"math"
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
