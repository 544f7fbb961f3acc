package expr

import (
	"math"
	"math/rand/v2"
	"testing"
	"time"
)

// TestVecExpSpeed (go test -run VecExpSpeed -v) prints the fastest of many
// timed passes over one 256-element chunk for each exp variant, which is
// stable on a shared machine where mean times are not. It checks nothing
// about speed (that would fail under load); it checks that every variant
// produced finite values.
func TestVecExpSpeed(t *testing.T) {
	if testing.Short() {
		t.Skip("timing only")
	}
	x := make([]float64, ChunkSize)
	r := rand.New(rand.NewPCG(3, 4))
	for i := range x {
		x[i] = -10 + 20*r.Float64()
	}
	dst := make([]float64, ChunkSize)
	variants := []struct {
		name string
		f    func()
	}{
		{"vecExp (kernel " + vecExpPath() + ")", func() { vecExp(dst, x) }},
		{"expKernelGo", func() { expKernelGo(dst, x) }},
		{"math.Exp loop", func() {
			for i, v := range x {
				dst[i] = math.Exp(v)
			}
		}},
		{"vecExprel (kernel " + vecExpPath() + ")", func() { vecExprel(dst, x) }},
		{"exprelKernelGo", func() { exprelKernelGo(dst, x) }},
		{"exprel loop (math.Expm1)", func() {
			for i, v := range x {
				dst[i] = exprel(v)
			}
		}},
	}
	const reps = 50
	best := make([]time.Duration, len(variants))
	for i := range best {
		best[i] = time.Hour
	}
	for range 400 {
		for i, v := range variants {
			t0 := time.Now()
			for range reps {
				v.f()
			}
			if d := time.Since(t0); d < best[i] {
				best[i] = d
			}
			for _, y := range dst {
				if math.IsNaN(y) || math.IsInf(y, 0) {
					t.Fatalf("%s gave %v", v.name, y)
				}
			}
		}
	}
	for i, v := range variants {
		t.Logf("%-32s %.2f ns/element (fastest pass)", v.name, float64(best[i].Nanoseconds())/float64(reps*ChunkSize))
	}
}
