package anf

import (
	"runtime"
	"strings"
	"testing"

	"github.com/gohears/hears/cochlea"
	"github.com/gohears/hears/sound"
)

// TestMemoryPerUnit measures what the Zilany synapse holds per channel and
// the spike generator per fibre, built and run over one block, less the
// block and its cache, at the parameters that need the most, and checks it
// against the per-unit figures their constructors' bounds are computed
// from; then that a count above each bound is refused, giving the size.
func TestMemoryPerUnit(t *testing.T) {
	const nc, frames = 64, 1024
	measure := func(name string, units, bound int, mk func() (sound.Source, error)) {
		t.Helper()
		var m0, m1 runtime.MemStats
		runtime.GC()
		runtime.ReadMemStats(&m0)
		b, err := mk()
		if err != nil {
			t.Fatal(err)
		}
		if _, err := b.Fetch(0, frames); err != nil {
			t.Fatal(err)
		}
		runtime.ReadMemStats(&m1)
		per := (float64(m1.TotalAlloc-m0.TotalAlloc)/8 - 2*frames*float64(units)) / float64(units)
		t.Logf("%s: %.0f values per unit besides the blocks", name, per)
		if per > float64(bound) {
			t.Errorf("%s holds %.0f values per unit, more than its bound of %d", name, per, bound)
		}
	}
	for _, fs := range []float64{cochlea.ZilanyMinRate, cochlea.ZilanyMaxRate} {
		ihc, err := sound.New(make([]float64, 2*frames*nc), nc, fs)
		if err != nil {
			t.Fatal(err)
		}
		cf := make([]float64, nc)
		for i := range cf {
			cf[i] = cochlea.ZilanyMinCF
		}
		for _, fgn := range []bool{false, true} {
			p := DefaultZilanySynapseParams()
			p.FGN = fgn
			bound := zSynValuesPerChannel
			if fgn {
				bound = zSynFGNValuesPerChannel
			}
			measure("synapse", nc, bound, func() (sound.Source, error) {
				return ZilanySynapse(ihc, cf, p, ZilanyMeanRate)
			})
		}
		const per = 32
		measure("spikes", nc*per, zSpikesValuesPerFibre, func() (sound.Source, error) {
			return ZilanySpikes(ihc, per, 1)
		})
	}
	p := DefaultZilanySynapseParams()
	p.FGN = true
	n := sound.MaxSamples/zSynFGNValuesPerChannel + 1
	if _, err := NewZilanySynapseKernel(make([]float64, n), cochlea.ZilanyMinRate, sound.Unbounded, p, ZilanyMeanRate); err == nil || !strings.Contains(err.Error(), "GB") {
		t.Errorf("a synapse of %d channels with noise: err = %v, want a refusal giving the size", n, err)
	}
	n = sound.MaxSamples/zSpikesValuesPerFibre + 1
	if _, err := NewZilanySpikesKernel(n, 1, cochlea.ZilanyMinRate, sound.Unbounded, 1); err == nil || !strings.Contains(err.Error(), "GB") {
		t.Errorf("%d fibres: err = %v, want a refusal giving the size", n, err)
	}
}
