package expr

import (
	"strings"
	"testing"
)

// TestUnitBounds: units with infinite or huge exponents, or whose scale
// leaves float64's range, are refused (issue 17), in unit texts and in
// equations' unit declarations.
func TestUnitBounds(t *testing.T) {
	for _, src := range []string{
		"volt**1e308",
		"volt**101",
		"(volt**60)*(volt**60)",
		strings.Repeat("mV*", 300000/3) + "mV", // scale 1e-300003 → 0
		strings.Repeat("kvolt*", 120) + "volt",
	} {
		if len(src) > MaxSourceBytes {
			src = src[:MaxSourceBytes-10] + "mV"
		}
		if q, err := ParseUnit(src); err == nil {
			t.Errorf("ParseUnit(%.40q…) = %v, want an error", src, q)
		}
	}
	if _, err := ParseEquations("dv/dt = -v/(10*ms) : volt**1e308"); err == nil {
		t.Error("an equation in volt**1e308 was accepted")
	}
	for _, src := range []string{"mV", "siemens/meter**2", "volt**-4", "mV*mV*mV", "1"} {
		if _, err := ParseUnit(src); err != nil {
			t.Errorf("ParseUnit(%q): %v", src, err)
		}
	}
}

// TestTextBoundAndShortErrors: a text above MaxSourceBytes is refused at
// once, and no error echoes more than about a line of its input.
func TestTextBoundAndShortErrors(t *testing.T) {
	huge := "dv/dt = -v/tau : volt\n" + strings.Repeat("x", 1<<20)
	_, err := ParseEquations(huge)
	if err == nil || !strings.Contains(err.Error(), "limit") {
		t.Fatalf("1 MB equations: err = %v, want a size refusal", err)
	}
	if len(err.Error()) > 2*maxErrorMsg {
		t.Errorf("the error is %d bytes long", len(err.Error()))
	}
	long := "dv/dt = (" + strings.Repeat("v + ", 8000) + "v) / (10*ms) : volt / nonsense"
	_, err = ParseEquations(long)
	if err == nil {
		t.Fatal("an unknown unit was accepted")
	}
	if len(err.Error()) > 2*maxErrorMsg {
		t.Errorf("the error echoes %d bytes of its input: %.100s…", len(err.Error()), err)
	}
	_, err = ParseExpr(strings.Repeat("a + ", 10000) + "* 2")
	if err == nil || len(err.Error()) > 2*maxErrorMsg {
		t.Errorf("a syntax error in a long expression: %d bytes: %.100v", len(err.Error()), err)
	}
}
