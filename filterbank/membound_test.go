package filterbank

import (
	"runtime"
	"strings"
	"testing"

	"github.com/gohears/hears/filterbank/design"
	"github.com/gohears/hears/sound"
)

// heldValues returns how many float64-sized words of heap what fn returns
// keeps alive: the heap after fn and a collection, less the heap before.
func heldValues(t *testing.T, fn func() any) float64 {
	t.Helper()
	var m0, m1 runtime.MemStats
	runtime.GC()
	runtime.ReadMemStats(&m0)
	v := fn()
	runtime.GC()
	runtime.ReadMemStats(&m1)
	runtime.KeepAlive(v)
	return (float64(m1.HeapAlloc) - float64(m0.HeapAlloc)) / 8
}

// allocatedValues returns how many float64-sized words fn allocates.
func allocatedValues(t *testing.T, fn func()) float64 {
	t.Helper()
	var m0, m1 runtime.MemStats
	runtime.GC()
	runtime.ReadMemStats(&m0)
	fn()
	runtime.ReadMemStats(&m1)
	return float64(m1.TotalAlloc-m0.TotalAlloc) / 8
}

// fixedOverhead bounds what a bank allocates whatever its size (its
// structs and small slices), in values.
const fixedOverhead = 1 << 10

// wantSizeRefusal fails unless err refuses a bank and gives its memory.
func wantSizeRefusal(t *testing.T, what string, err error) {
	t.Helper()
	if err == nil || !strings.Contains(err.Error(), "GB") {
		t.Errorf("%s: err = %v, want a refusal giving the memory in GB", what, err)
	}
}

// TestRestructureMemoryBound measures what Restructure allocates per output
// channel, from construction to a first block, against restructureCopies,
// the figure its bound is computed from, and checks that factors whose
// channel map is within maxValues but whose copies are not are refused
// before anything is allocated.
func TestRestructureMemoryBound(t *testing.T) {
	src, err := sound.New(make([]float64, 4*3), 3, 44100)
	if err != nil {
		t.Fatal(err)
	}
	const frames = 2
	for _, tc := range []struct {
		name string
		mk   func() (*Bank, error)
	}{
		{"repeat", func() (*Bank, error) { return Repeat(src, 1<<15) }},
		{"tile", func() (*Bank, error) { return Tile(src, 1<<15) }},
		{"interleave", func() (*Bank, error) { return Restructure([]sound.Source{src, src}, 1<<14, JoinInterleave, 3, nil) }},
	} {
		var nOut int
		got := allocatedValues(t, func() {
			b, err := tc.mk()
			if err != nil {
				t.Fatal(err)
			}
			if _, err := b.Fetch(0, frames); err != nil {
				t.Fatal(err)
			}
			nOut = b.NumChannels()
		})
		// Less the output block and its cache, and the bank's fixed
		// bookkeeping.
		per := (got - 2*frames*float64(nOut) - fixedOverhead) / float64(nOut)
		t.Logf("%s: %d channels, %.2f values per output channel", tc.name, nOut, per)
		if per > restructureCopies {
			t.Errorf("%s: %.2f values per output channel, more than restructureCopies = %d", tc.name, per, restructureCopies)
		}
	}
	// 2^27 channels: the map alone is within maxValues (2^28), its copies
	// are not.
	_, err = Repeat(src, 1<<25)
	wantSizeRefusal(t, "repeat 3 channels 2^25 times", err)
	_, err = Restructure([]sound.Source{src}, 1<<13, JoinSerial, 1<<13, nil)
	wantSizeRefusal(t, "repeat 2^13 and tile 2^13 times", err)
	wantSizeRefusal(t, "a given map", checkRestructureMemory(maxBankValues/restructureCopies+1))
}

// TestSumMemoryBound measures what Sum allocates per source against
// sumValuesPerSource and checks that the bound refuses more sources than it
// allows.
func TestSumMemoryBound(t *testing.T) {
	src, err := sound.New(make([]float64, 8), 1, 44100)
	if err != nil {
		t.Fatal(err)
	}
	const n = 1 << 16
	srcs := make([]sound.Source, n)
	for i := range srcs {
		srcs[i] = src
	}
	got := allocatedValues(t, func() {
		b, err := Sum(srcs, nil)
		if err != nil {
			t.Fatal(err)
		}
		if _, err := b.Fetch(0, 8); err != nil {
			t.Fatal(err)
		}
	})
	per := (got - fixedOverhead) / n
	t.Logf("%.2f values per source", per)
	if per > sumValuesPerSource {
		t.Errorf("%.2f values per source, more than sumValuesPerSource = %d", per, sumValuesPerSource)
	}
	if err := checkSumMemory(maxBankValues/sumValuesPerSource + 1); err == nil || !strings.Contains(err.Error(), "GB") {
		t.Errorf("%d sources: err = %v, want a refusal giving the memory", maxBankValues/sumValuesPerSource+1, err)
	}
}

// TestTimeVaryingMemoryBound measures what TimeVaryingBandpass allocates per
// channel, from construction to a first block, against
// timeVaryingValuesPerChannel, and checks that a channel count above the
// bound is refused before anything is allocated.
func TestTimeVaryingMemoryBound(t *testing.T) {
	const nch = 4096
	const frames = 16
	src, err := sound.New(make([]float64, frames), 1, 44100)
	if err != nil {
		t.Fatal(err)
	}
	ctl, err := sound.New(make([]float64, frames), 1, 44100)
	if err != nil {
		t.Fatal(err)
	}
	for i := range frames {
		ctl.Data()[i] = 1000
	}
	fc, err := ERBSpace(100, 8000, nch)
	if err != nil {
		t.Fatal(err)
	}
	got := allocatedValues(t, func() {
		b, err := TimeVaryingBandpass(src, ctl, fc, 4, 4)
		if err != nil {
			t.Fatal(err)
		}
		if _, err := b.Fetch(0, frames); err != nil {
			t.Fatal(err)
		}
	})
	// Less the blocks of the linear bank and the control bank, with
	// their caches.
	per := (got - 4*frames*nch) / nch
	t.Logf("%.2f values per channel", per)
	if per > timeVaryingValuesPerChannel {
		t.Errorf("%.2f values per channel, more than timeVaryingValuesPerChannel = %d", per, timeVaryingValuesPerChannel)
	}
	// One channel more than the bound allows is refused before the
	// coefficient arrays are allocated (they were, before Linear's check).
	n := maxBankValues/timeVaryingValuesPerChannel + 1
	many := make([]float64, n)
	for i := range many {
		many[i] = 1000
	}
	var refused error
	took := allocatedValues(t, func() { _, refused = TimeVaryingBandpass(src, ctl, many, 4, 4) })
	wantSizeRefusal(t, "a time-varying band-pass above the bound", refused)
	if took > fixedOverhead {
		t.Errorf("the refused time-varying band-pass allocated %.0f values first", took)
	}
}

// TestControlMemoryBound checks that the control inputs' accumulation
// buffers are bounded in total, not only one by one.
func TestControlMemoryBound(t *testing.T) {
	src, err := sound.New(make([]float64, 8), 1, 44100)
	if err != nil {
		t.Fatal(err)
	}
	wide := &wideSource{nc: 1 << 14, rate: 44100}
	inputs := []sound.Source{wide, wide, wide, wide}
	// Each input's buffer is 2^13 × 2^14 = 2^27 values, within maxValues;
	// the four together are 2^29.
	_, err = Control(src, inputs, []int(nil), func([][]float64, []int) error { return nil }, 1<<13)
	wantSizeRefusal(t, "four control inputs of 2^27 values", err)
}

// wideSource is a silent unbounded source of nc channels that allocates
// nothing until fetched.
type wideSource struct {
	nc   int
	rate float64
}

func (w *wideSource) NumChannels() int    { return w.nc }
func (w *wideSource) SampleRate() float64 { return w.rate }
func (w *wideSource) NumFrames() int      { return sound.Unbounded }
func (w *wideSource) Reset() error        { return nil }
func (w *wideSource) Fetch(start, end int) ([]float64, error) {
	return make([]float64, (end-start)*w.nc), nil
}

// TestDesignRefusedBeforeAllocating: the linear banks that design their
// coefficients (Gammatone, LowPass, MiddleEar) refuse a channel count above
// the linear bound before the design allocates its arrays. Before, the
// design of 2.2 M gammatone channels (about 1.8 GB) or of 8.4 M low-pass
// channels was made first and only Linear refused it.
func TestDesignRefusedBeforeAllocating(t *testing.T) {
	gt := maxBankValues/(linearCopies*3*5) + 1 // 3 taps × (4 stages + 1)
	cf := make([]float64, gt)
	for i := range cf {
		cf[i] = 1000
	}
	mono, err := sound.New(make([]float64, 8), 1, 44100)
	if err != nil {
		t.Fatal(err)
	}
	lp := maxBankValues/(linearCopies*2*2) + 1 // 2 taps × (1 stage + 1)
	me := maxBankValues/(linearCopies*5*2) + 1 // 5 taps × (1 stage + 1)
	for _, tc := range []struct {
		name string
		mk   func() error
	}{
		{"gammatone", func() error { _, err := Gammatone(mono, cf); return err }},
		{"low-pass", func() error { _, err := LowPass(&wideSource{nc: lp, rate: 44100}, 100); return err }},
		{"middle ear", func() error { _, err := MiddleEar(&wideSource{nc: me, rate: 44100}, []float64{1}); return err }},
	} {
		var refused error
		took := allocatedValues(t, func() { refused = tc.mk() })
		wantSizeRefusal(t, tc.name, refused)
		if took > fixedOverhead {
			t.Errorf("%s: the refused bank allocated %.0f values first", tc.name, took)
		}
	}
}

// TestIIRMemoryBound measures what designed IIR banks (Butterworth, IIR)
// allocate per channel, from design to a first block, against
// iirValuesPerChannel, in both layouts; and checks that channel counts
// above the bound are refused before anything is allocated.
func TestIIRMemoryBound(t *testing.T) {
	const nch, frames = 2048, 16
	src, err := sound.New(make([]float64, frames), 1, 44100)
	if err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		name   string
		poles  int
		direct bool
		mk     func() (*Bank, error)
	}{
		{"butterworth low 4", 4, false, func() (*Bank, error) {
			return Butterworth(src, nch, 4, design.Lowpass, [][]float64{{1000}})
		}},
		{"butterworth band 3 direct", 6, true, func() (*Bank, error) {
			return Butterworth(src, nch, 3, design.Bandpass, [][]float64{{500}, {2000}}, DirectForm())
		}},
		{"butterworth band 8", 16, false, func() (*Bank, error) {
			return Butterworth(src, nch, 8, design.Bandpass, [][]float64{{500}, {2000}})
		}},
		{"iir elliptic", 0, false, func() (*Bank, error) {
			return IIR(src, nch, [][]float64{{1000}}, [][]float64{{1500}}, []float64{1}, []float64{40}, design.Lowpass, design.Elliptic)
		}},
	} {
		var poles int
		build := func() any {
			b, err := tc.mk()
			if err != nil {
				t.Fatal(err)
			}
			if _, err := b.Fetch(0, frames); err != nil {
				t.Fatal(err)
			}
			poles = tc.poles
			if poles == 0 { // the specification's order: sections of 2 poles
				poles = 2 * b.Kernel().(*LinearKernel).stages
			}
			return b
		}
		// What the bank holds, and (but for the direct form's per-channel
		// stability work) all it allocated on the way.
		held := (heldValues(t, build) - 2*frames*nch) / nch
		all := (allocatedValues(t, func() { build() }) - 2*frames*nch - fixedOverhead) / nch
		est := iirValuesPerChannel(poles)
		t.Logf("%s: %.1f values per channel held, %.1f allocated, estimate %.0f", tc.name, held, all, est)
		if held > est || (!tc.direct && all > est) {
			t.Errorf("%s: %.1f values per channel held, %.1f allocated, more than the estimate %.0f", tc.name, held, all, est)
		}
	}
	n := int(maxBankValues/iirValuesPerChannel(8)) + 1
	var refused error
	took := allocatedValues(t, func() {
		_, refused = Butterworth(src, n, 4, design.Bandpass, [][]float64{{500}, {2000}})
	})
	wantSizeRefusal(t, "Butterworth above the bound", refused)
	if took > fixedOverhead {
		t.Errorf("the refused Butterworth bank allocated %.0f values first", took)
	}
	n = int(maxBankValues/iirValuesPerChannel(1)) + 1
	took = allocatedValues(t, func() {
		_, refused = IIR(src, n, [][]float64{{1000}}, [][]float64{{1500}}, []float64{1}, []float64{40}, design.Lowpass, design.Elliptic)
	})
	wantSizeRefusal(t, "IIR above the bound", refused)
	if took > fixedOverhead {
		t.Errorf("the refused IIR bank allocated %.0f values first", took)
	}
}
