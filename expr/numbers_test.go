package expr

import "testing"

// TestNumbersAreDecimal pins how equations write numbers (docs/hardening.md):
// decimal only, as chain files (JSON) and CSV cells. Python, and so Brian2,
// reads 1_000 and 0x10 as numbers; here they are errors, never another
// number.
func TestNumbersAreDecimal(t *testing.T) {
	for _, src := range []string{"1_000", "0x1p-2", "0x10", "1e400"} {
		if n, err := ParseExpr(src); err == nil {
			t.Errorf("%q parsed as %v, want an error", src, n)
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
