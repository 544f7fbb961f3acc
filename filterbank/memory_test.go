package filterbank

import (
	"runtime"
	"strings"
	"testing"

	"github.com/gohears/hears/sound"
)

// TestFIRTotalMemoryRefused is the 312-byte chain file of issue 17: 40
// channels of a LinearGammachirp with a 10 s time constant (6.6 million
// taps each at 44.1 kHz) passed every per-allocation check and then
// exhausted memory; it must be refused at construction, naming the size.
func TestFIRTotalMemoryRefused(t *testing.T) {
	f := make([]float64, 40)
	for i := range f {
		f[i] = 1000
	}
	src, err := sound.New(make([]float64, 441), 1, 44100)
	if err != nil {
		t.Fatal(err)
	}
	_, err = LinearGammachirp(src, f, nil, []float64{10}, nil)
	if err == nil || !strings.Contains(err.Error(), "GB") || !strings.Contains(err.Error(), "taps") {
		t.Fatalf("40 channels × 6.6M taps: err = %v, want a refusal giving the size", err)
	}
	h := make([]float64, 1<<22) // one array shared by the 9 responses
	_, err = FIR(src, [][]float64{h, h, h, h, h, h, h, h, h})
	if err == nil || !strings.Contains(err.Error(), "GB") {
		t.Fatalf("9 × 4M taps: err = %v, want a refusal giving the size", err)
	}
}

// TestFIRMemoryBound measures what FIR banks allocate while built and run
// (in blocks of 1000 and 1024 frames and a short last one, so that several
// FFT sizes are used) and checks it against firMemoryValues, the bound the
// constructor enforces.
func TestFIRMemoryBound(t *testing.T) {
	for _, tc := range []struct {
		name       string
		nc, taps   int
		inChannels int
		shared     bool
	}{
		{"mono-in", 13, 20000, 1, false},
		{"multi-in", 9, 5000, 9, false},
		{"shared", 6, 30000, 6, true},
		{"short", 20, 64, 1, false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			nIR := tc.nc
			if tc.shared {
				nIR = 1
			}
			irs := make([][]float64, nIR)
			for c := range irs {
				irs[c] = make([]float64, tc.taps)
				for i := range irs[c] {
					irs[c][i] = 1 / float64(i+c+1)
				}
			}
			src, err := sound.New(make([]float64, 50000*tc.inChannels), tc.inChannels, 44100)
			if err != nil {
				t.Fatal(err)
			}
			var m0, m1 runtime.MemStats
			runtime.GC()
			runtime.ReadMemStats(&m0)
			b, err := FIR(src, irs)
			if err != nil {
				t.Fatal(err)
			}
			k := b.Kernel().(*FIRKernel)
			pos := 0
			for _, n := range []int{1000, 1024, 1000, 1024, 17, 4096} {
				if _, err := b.Fetch(pos, pos+n); err != nil {
					t.Fatal(err)
				}
				pos += n
			}
			runtime.ReadMemStats(&m1)
			got := float64(m1.TotalAlloc-m0.TotalAlloc) / 8
			// The bank's own output buffers and the test's source are
			// bounded by the fetch (4096 frames × channels, twice).
			bound := firMemoryValues(k.nc, nIR, k.taps, k.nOpt) + 4*4096*float64(tc.nc) + 1<<16
			if got > bound {
				t.Errorf("allocated %.0f values, more than the bound %.0f", got, bound)
			}
			t.Logf("allocated %.0f values, bound %.0f", got, bound)
		})
	}
}

// TestLinearMemoryBound measures what linear banks allocate per coefficient
// slot (channel × tap × (stage+1)) from design to a first block, against
// linearCopies, and checks that a bank above the total bound is refused
// although each of its arrays is within maxValues.
func TestLinearMemoryBound(t *testing.T) {
	const nch = 512
	cf, err := ERBSpace(100, 8000, nch)
	if err != nil {
		t.Fatal(err)
	}
	src, err := sound.New(make([]float64, 64), 1, 44100)
	if err != nil {
		t.Fatal(err)
	}
	for _, order := range []int{1, 4, 8} {
		var m0, m1 runtime.MemStats
		runtime.GC()
		runtime.ReadMemStats(&m0)
		b, err := ApproximateGammatone(src, cf, []float64{50}, order)
		if err != nil {
			t.Fatal(err)
		}
		if _, err := b.Fetch(0, 64); err != nil {
			t.Fatal(err)
		}
		runtime.ReadMemStats(&m1)
		slots := float64(nch * 3 * (order + 1)) // as checkLinearMemory counts
		// Less the block and its cache: 64 frames × nch, twice.
		got := (float64(m1.TotalAlloc-m0.TotalAlloc)/8 - 2*64*nch) / slots
		t.Logf("order %d: %.2f values per coefficient slot", order, got)
		if got > linearCopies {
			t.Errorf("order %d: %.2f values per coefficient slot, more than linearCopies = %d", order, got, linearCopies)
		}
	}
	// 2^25 slots: each array within maxValues (2^28), the total not.
	if err := checkLinearMemory("test", 1<<20, 4, 8); err == nil || !strings.Contains(err.Error(), "GB") {
		t.Errorf("2^25 coefficient slots: err = %v, want a refusal giving the size", err)
	}
	many := make([]float64, 1<<20)
	for i := range many {
		many[i] = 1000
	}
	if _, err := ApproximateGammatone(src, many, []float64{50}, 16); err == nil || !strings.Contains(err.Error(), "GB") {
		t.Errorf("2^20 channels of order 16: err = %v, want a refusal giving the size", err)
	}
}
