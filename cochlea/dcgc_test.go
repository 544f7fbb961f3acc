package cochlea

import (
	"strings"
	"testing"
)

// TestDCGCReference checks DCGC (update interval 1) against brian2hears.
// The signal-path coefficients follow the signal's level at every sample,
// so rounding differences (the coefficient arithmetic, pow and log10
// against numpy's) pass through the feedback; tolerance: the case's
// (feedback class, 1e-6 of the peak).
func TestDCGCReference(t *testing.T) {
	c, snd, want := refCase(t, "dcgc_20ch_ui1")
	cf, err := c.Floats("parameters", "cf", "value")
	if err != nil {
		t.Fatal(err)
	}
	for _, block := range []int{32, 1, 100, 1500} {
		fb, err := DCGC(snd, cf, 1, DefaultDCGCParams())
		if err != nil {
			t.Fatal(err)
		}
		got := readBlocks(t, fb, snd.NumFrames(), block)
		compareRef(t, c, got, want)
	}
}

func TestDCGCParams(t *testing.T) {
	p := DefaultDCGCParams()
	if err := p.Set("frat1", 0.004); err != nil || p.Frat1 != 0.004 {
		t.Fatalf("frat1: %v %v", p.Frat1, err)
	}
	if err := p.SetValues("ERBwidth", []float64{100, 200}); err != nil || len(p.ERBWidth) != 2 {
		t.Fatalf("ERBwidth: %v %v", p.ERBWidth, err)
	}
	if err := p.SetValues("frat0", []float64{1, 2}); err == nil {
		t.Fatal("two values for a scalar accepted")
	}
	err := p.Set("frat2", 1)
	if err == nil || !strings.Contains(err.Error(), "lct_ERB") || !strings.Contains(err.Error(), "ERBrate") {
		t.Fatalf("unknown name error should list valid names, got %v", err)
	}
	snd := testNoise(100, 44100, 1)
	if _, err := DCGC(snd, []float64{1000, 2000, 3000}, 1, p); err == nil {
		t.Fatal("2 ERB widths for 3 channels accepted")
	}
	if _, err := DCGC(snd, []float64{1000}, 0, DefaultDCGCParams()); err == nil {
		t.Fatal("update interval 0 accepted")
	}
	if _, err := DCGC(snd, []float64{1000}, 1, DefaultDCGCParams()); err != nil {
		t.Fatalf("one channel: %v", err)
	}
}
