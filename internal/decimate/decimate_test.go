package decimate

import (
	"math"
	"slices"
	"testing"
)

// run decimates x (frames × nc) by m, feeding blocks of the given size.
func run(t *testing.T, x []float64, nc, m, block int) []float64 {
	t.Helper()
	var got []float64
	d, err := New(nc, m, func(b []float64, n int) error {
		got = append(got, b[:n*nc]...)
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	frames := len(x) / nc
	for s := 0; s < frames; s += block {
		e := min(s+block, frames)
		if err := d.Write(x[s*nc:e*nc], e-s); err != nil {
			t.Fatal(err)
		}
	}
	if err := d.Flush(); err != nil {
		t.Fatal(err)
	}
	if d.Write(x, 1) != ErrClosed {
		t.Error("write after flush accepted")
	}
	return got
}

// tones returns frames × 2 channels: a sine at f0 (channel 0) and at f1
// (channel 1), in cycles per sample.
func tones(frames int, f0, f1 float64) []float64 {
	x := make([]float64, 2*frames)
	for i := range frames {
		x[2*i] = math.Sin(2 * math.Pi * f0 * float64(i))
		x[2*i+1] = math.Sin(2 * math.Pi * f1 * float64(i))
	}
	return x
}

// TestBands: for factors of one and two stages, a tone inside the passband
// keeps its amplitude within 0.001 dB and a tone in the stopband is below
// −80 dB (measured away from the edges, where the zero padding shows).
func TestBands(t *testing.T) {
	for _, m := range []int{5, 13, 160, 441} {
		fo := 1 / float64(m)
		frames := 400 * m
		x := tones(frames, 0.37*fo, 0.62*fo)
		y := run(t, x, 2, m, 1000)
		if len(y) != 2*((frames+m-1)/m) {
			t.Fatalf("m=%d: %d output frames, want ceil(%d/%d)", m, len(y)/2, frames, m)
		}
		var peak0, peak1 float64
		for n := 100; n < len(y)/2-100; n++ {
			want := math.Sin(2 * math.Pi * 0.37 * fo * float64(n*m))
			peak0 = max(peak0, math.Abs(y[2*n]-want))
			peak1 = max(peak1, math.Abs(y[2*n+1]))
		}
		if peak0 > 1.2e-4 {
			t.Errorf("m=%d: passband tone off by %.3g (want ≤ 1.2e-4, 0.001 dB)", m, peak0)
		}
		if db := 20 * math.Log10(peak1); db > -StopbandDB {
			t.Errorf("m=%d: stopband tone at %.1f dB", m, db)
		}
	}
}

// TestBlockSizes: the output does not depend on how the input is cut.
func TestBlockSizes(t *testing.T) {
	x := tones(10007, 0.001, 0.013)
	want := run(t, x, 2, 160, 10007)
	for _, b := range []int{1, 7, 160, 1024} {
		if got := run(t, x, 2, 160, b); !slices.Equal(got, want) {
			t.Errorf("block %d: output differs", b)
		}
	}
	if got := run(t, x, 2, 1, 333); !slices.Equal(got, x) {
		t.Error("factor 1 is not the identity")
	}
}

func TestFactor(t *testing.T) {
	for _, c := range []struct {
		fs, fo float64
		m      int
		ok     bool
	}{{16000, 100, 160, true}, {22050, 100, 221, true}, {44100, 100, 441, true}, {100, 200, 0, false}, {100, 0, 0, false}, {1e9, 1, 0, false}, {100, math.NaN(), 0, false}} {
		m, r, err := Factor(c.fs, c.fo)
		if (err == nil) != c.ok || m != c.m || c.ok && r != c.fs/float64(m) {
			t.Errorf("Factor(%g, %g) = %d, %g, %v", c.fs, c.fo, m, r, err)
		}
	}
}

func BenchmarkDecimate(b *testing.B) {
	nc, frames := 100, 16000
	x := make([]float64, nc*frames)
	for i := range x {
		x[i] = math.Sin(float64(i) * 0.001)
	}
	d, _ := New(nc, 160, func([]float64, int) error { return nil })
	b.SetBytes(int64(8 * len(x)))
	for b.Loop() {
		d.Write(x, frames)
	}
	b.ReportMetric(b.Elapsed().Seconds()*1e9/float64(b.N*nc*frames), "ns/ch-sample")
}
