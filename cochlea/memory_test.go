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
	// Zilany's IHC state grows with the sample rate and falls with cf: its
	// worst case is the lowest cf at the highest rate, for the species
	// with the sharpest low-frequency tuning.
	zcf := make([]float64, nc)
	for i := range zcf {
		zcf[i] = ZilanyMinCF
	}
	human := DefaultZilanyParams()
	human.Species = ZilanyHumanShera
	build := map[string]struct {
		rate  float64
		bound int
		mk    func(src sound.Source) (sound.Source, error)
	}{
		"DRNL":           {50000, maxValuesPerChannel, func(s sound.Source) (sound.Source, error) { return DRNL(s, cf, DRNLHuman()) }},
		"DCGC":           {50000, maxValuesPerChannel, func(s sound.Source) (sound.Source, error) { return DCGC(s, cf, 1, DefaultDCGCParams()) }},
		"TanCarney":      {50000, maxValuesPerChannel, func(s sound.Source) (sound.Source, error) { return TanCarney(s, cf, 1, DefaultTanCarneyParams()) }},
		"Zhang":          {50000, maxValuesPerChannel, func(s sound.Source) (sound.Source, error) { return ZhangSynapseRate(s, cf, DefaultZhangParams()) }},
		"Zilany 100 kHz": {ZilanyMinRate, zilanyValuesPerChannel, func(s sound.Source) (sound.Source, error) { return ZilanyIHC(s, zcf, human) }},
		"Zilany 500 kHz": {ZilanyMaxRate, zilanyValuesPerChannel, func(s sound.Source) (sound.Source, error) { return ZilanyIHC(s, zcf, human) }},
	}
	for name, m := range build {
		src, err := sound.New(make([]float64, 2048), 1, m.rate)
		if err != nil {
			t.Fatal(err)
		}
		mk := m.mk
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
		if per > float64(m.bound) {
			t.Errorf("%s allocates %.0f values per channel, more than its bound of %d", name, per, m.bound)
		}
	}
	if _, err := NewZilanyIHCKernel(make([]float64, MaxChannels), ZilanyMaxRate, human); err == nil || !strings.Contains(err.Error(), "GB") {
		t.Errorf("Zilany IHC of %d channels: err = %v, want a refusal giving the size", MaxChannels, err)
	}
	if _, err := NewDRNLKernel(make([]float64, MaxChannels+1), 50000, DRNLHuman()); err == nil || !strings.Contains(err.Error(), "GB") {
		t.Errorf("DRNL of %d channels: err = %v, want a refusal giving the size", MaxChannels+1, err)
	}
}
