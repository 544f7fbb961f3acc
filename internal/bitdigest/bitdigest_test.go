package bitdigest

import (
	"math"
	"testing"

	"github.com/gohears/hears/sound"
)

// TestDigest: the digest of a source does not depend on the block size,
// and tells apart values that compare equal but differ in their bits.
func TestDigest(t *testing.T) {
	x := []float64{1, 2, 3, 4, 5, 6, 7, 8, 9}
	s, err := sound.New(x, 3, 1000)
	if err != nil {
		t.Fatal(err)
	}
	d1, err := Source(s, 3, 1)
	if err != nil {
		t.Fatal(err)
	}
	d2, err := Source(s, 3, 0)
	if err != nil {
		t.Fatal(err)
	}
	w := New()
	w.Floats(x[:4], x[4:])
	if d1 != d2 || d1 != w.Sum() || len(d1) != 64 {
		t.Errorf("digests %s, %s, %s differ", d1, d2, w.Sum())
	}
	a, b := New(), New()
	a.Floats([]float64{0})
	b.Floats([]float64{math.Copysign(0, -1)})
	if a.Sum() == b.Sum() {
		t.Error("+0 and -0 give the same digest")
	}
}
