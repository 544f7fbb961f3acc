package cochlea

import (
	"runtime"
	"strings"
	"testing"

	"github.com/gohears/hears/filterbank"
	"github.com/gohears/hears/sound"
)

// TestMemoryPerChannel measures what each model built with checkCF
// allocates per channel, built and run over a block of 1024 frames, and
// checks it against maxValuesPerChannel, which with MaxChannels bounds a
// bank's total memory at construction.
func TestMemoryPerChannel(t *testing.T) {
	const nc = 256
	cf, err := filterbank.ERBSpace(200, 6000, nc)
	if err != nil {
		t.Fatal(err)
	}
	build := map[string]func(src sound.Source) (sound.Source, error){
		"DRNL":      func(s sound.Source) (sound.Source, error) { return DRNL(s, cf, DRNLHuman()) },
		"DCGC":      func(s sound.Source) (sound.Source, error) { return DCGC(s, cf, 1, DefaultDCGCParams()) },
		"TanCarney": func(s sound.Source) (sound.Source, error) { return TanCarney(s, cf, 1, DefaultTanCarneyParams()) },
	}
	for name, mk := range build {
		src, err := sound.New(make([]float64, 2048), 1, 50000)
		if err != nil {
			t.Fatal(err)
		}
		var m0, m1 runtime.MemStats
		runtime.GC()
		runtime.ReadMemStats(&m0)
		b, err := mk(src)
		if err != nil {
			t.Fatal(err)
		}
		if _, err := b.Fetch(0, 1024); err != nil {
			t.Fatal(err)
		}
		runtime.ReadMemStats(&m1)
		per := float64(m1.TotalAlloc-m0.TotalAlloc) / 8 / nc
		t.Logf("%s: %.0f values per channel", name, per)
		if per > maxValuesPerChannel {
			t.Errorf("%s allocates %.0f values per channel, more than maxValuesPerChannel = %d", name, per, maxValuesPerChannel)
		}
	}
	if _, err := NewDRNLKernel(make([]float64, MaxChannels+1), 50000, DRNLHuman()); err == nil || !strings.Contains(err.Error(), "GB") {
		t.Errorf("DRNL of %d channels: err = %v, want a refusal giving the size", MaxChannels+1, err)
	}
}
