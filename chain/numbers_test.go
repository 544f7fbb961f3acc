package chain

import (
	"strings"
	"testing"
)

// TestNumbersAreDecimal pins how chain files write numbers (docs/chains.md,
// docs/hardening.md): JSON's decimal numbers only, as CSV cells and
// equations. Digit separators, hexadecimal, NaN and infinities are
// refused at the character, with line and column; a number beyond
// float64 is refused too.
func TestNumbersAreDecimal(t *testing.T) {
	for _, tc := range []struct{ num, want string }{
		{"1_000", "column 40: invalid character '_'"},
		{"0x1p-2", "column 40: invalid character 'x'"},
		{"NaN", "column 39: invalid character 'N'"},
		{"Infinity", "column 39: invalid character 'I'"},
		{"1e400", "cannot unmarshal number 1e400"},
	} {
		_, err := ParseBytes([]byte(`{"nodes":[{"class":"Gammatone","cf":[` + tc.num + `]}]}`))
		if err == nil || !strings.Contains(err.Error(), tc.want) {
			t.Errorf("cf %s: err = %v, want one containing %q", tc.num, err, tc.want)
		}
	}
	if _, err := ParseBytes([]byte(`{"nodes":[{"class":"Gammatone","cf":[1000, 2.5e3, -0.0]}]}`)); err != nil {
		t.Errorf("decimal numbers: %v", err)
	}
}
