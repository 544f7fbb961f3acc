package filterbank

import (
	"math"
	"testing"

	"github.com/gohears/hears/internal/refdata"
)

func TestERBSpaceReference(t *testing.T) {
	for _, name := range []string{"erbspace_20Hz_20kHz_40", "erbspace_100Hz_1kHz_50"} {
		c := linCase(t, name)
		low, err1 := c.Float("parameters", "low", "value")
		high, err2 := c.Float("parameters", "high", "value")
		n, err3 := c.Float("parameters", "N", "value")
		if err1 != nil || err2 != nil || err3 != nil {
			t.Fatal(err1, err2, err3)
		}
		got, err := ERBSpace(low, high, int(n))
		if err != nil {
			t.Fatal(err)
		}
		rows, err := c.CSV("output.csv")
		if err != nil {
			t.Fatal(err)
		}
		want, _ := refdata.Flatten(rows)
		tol, err := c.SuggestedTolerance()
		if err != nil {
			t.Fatal(err)
		}
		if _, err := refdata.Compare(got, want, tol); err != nil {
			t.Errorf("%s: %v", name, err)
		}
	}
}

func TestERBValues(t *testing.T) {
	// Glasberg & Moore: ERB(1 kHz) = 24.7*(4.37*1 + 1) = 132.6 Hz (to 4 digits).
	if e := ERB(1000); math.Abs(e-132.639) > 0.01 {
		t.Errorf("ERB(1000) = %v", e)
	}
	if e := ERB(0); e != 24.7 {
		t.Errorf("ERB(0) = %v", e)
	}
	// Order 2: sqrt((f/Q)^2 + minBW^2).
	s := ERBScale{EarQ: 10, MinBW: 30, Order: 2}
	if e := s.Bandwidth(400); math.Abs(e-50) > 1e-12 {
		t.Errorf("order-2 bandwidth %v, want 50", e)
	}
	got, err := ERBSpace(500, 500, 1)
	if err != nil || len(got) != 1 || got[0] != 500 {
		t.Errorf("ERBSpace(500, 500, 1) = %v, %v", got, err)
	}
	for _, bad := range []struct {
		lo, hi float64
		n      int
	}{{0, 100, 3}, {100, 50, 3}, {100, 200, 0}, {math.NaN(), 100, 3}, {100, math.Inf(1), 3}, {100, 200, 1}} {
		if _, err := ERBSpace(bad.lo, bad.hi, bad.n); err == nil {
			t.Errorf("ERBSpace(%v, %v, %d) accepted", bad.lo, bad.hi, bad.n)
		}
	}
}

// TestERBExactForm checks that the ERB scale of AsymmetricCompensation,
// expressed as an ERBScale, gives Brian Hears' 24.7*(4.37e-3*f+1) to 1e-15.
func TestERBExactForm(t *testing.T) {
	for i := 0; i <= 200000; i++ {
		f := float64(i) * 0.5
		want := 24.7 * (4.37e-3*f + 1.)
		if got := GlasbergMooreExact().Bandwidth(f); math.Abs(got-want) > 1e-15*want {
			t.Fatalf("ERB(%v) = %v, Brian Hears' form %v", f, got, want)
		}
	}
}
