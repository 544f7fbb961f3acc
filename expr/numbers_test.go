package expr

import (
	"strings"
	"testing"
)

// TestNumbersAreDecimal pins how equations write numbers (docs/hardening.md):
// decimal only, as chain files (JSON) and CSV cells. Python, and so Brian2,
// reads 1_000 and 0x10 as numbers; here they are errors, never another
// number.
func TestNumbersAreDecimal(t *testing.T) {
	for src, want := range map[string]string{
		"1_000":     "write the digits together (1000)",
		"1_000_000": "write the digits together (1000000)",
		"0x1p-2":    "write the number in decimal",
		"0x10":      "write the number in decimal",
		"1e400":     "out of range",
		"2ms":       "write 2*ms for a product",
	} {
		n, err := ParseExpr(src)
		if err == nil {
			t.Errorf("%q parsed as %v, want an error", src, n)
		} else if !strings.Contains(err.Error(), want) {
			t.Errorf("%q: error %q does not say %q", src, err, want)
		}
	}
	for src, want := range map[string]float64{"1000": 1000, ".5": 0.5, "2.5e-3": 2.5e-3, "5.": 5} {
		n, err := ParseExpr(src)
		if err != nil {
			t.Errorf("%q: %v", src, err)
			continue
		}
		if num, ok := n.(*Number); !ok || num.Value != want {
			t.Errorf("%q parsed as %#v, want %v", src, n, want)
		}
	}
}
