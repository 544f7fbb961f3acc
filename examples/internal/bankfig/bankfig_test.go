package bankfig

import (
	"os"
	"path/filepath"
	"testing"
)

func TestDraw(t *testing.T) {
	const rate = 1000.0
	bank := func(n int) *Bank {
		b := &Bank{Name: "b"}
		for c := range n {
			b.Freqs = append(b.Freqs, 100+float64(c))
			b.IR = append(b.IR, []float64{1, 0.5})
		}
		for range 10 {
			for c := range n {
				b.Out = append(b.Out, float64(c))
			}
		}
		return b
	}
	path := filepath.Join(t.TempDir(), "b.png")
	if err := Draw(path, rate, [2]*Bank{bank(50), bank(50)}); err != nil {
		t.Fatal(err)
	}
	if st, err := os.Stat(path); err != nil || st.Size() == 0 {
		t.Fatalf("no picture: %v", err)
	}
	if err := Draw(path, rate, [2]*Bank{bank(50), bank(3)}); err == nil {
		t.Error("a bank without the drawn channels gave no error")
	}
}
