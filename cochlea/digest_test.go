package cochlea

import (
	"runtime"
	"strconv"
	"strings"
	"testing"

	"github.com/gohears/hears/internal/bitdigest"

	"github.com/gohears/hears/filterbank"
	"github.com/gohears/hears/sound"
)

// TestModels100Digests pins the output of BenchmarkModels100's workloads
// (100 channels of speech at 22.05 kHz; TanCarney with the resampling to
// 50 kHz, the middle ear and the Zhang synapse) to the digests of the code
// before this session's speed work (commit 424aa70), at update intervals 1
// and 16, with and without the AVX2 kernels, 1 and 2 workers and two block
// sizes: faster kernels must give the same bits. The digests hold on amd64
// (where they were computed); elsewhere the standard library's math.Exp
// and math.Log, which the models' set-up calls, may round differently.
func TestModels100Digests(t *testing.T) {
	if runtime.GOARCH != "amd64" {
		t.Skip("digests computed on amd64")
	}
	want := map[string]string{
		"drnl":           "461efe8ff96c3fd313c569199a274b2399fcf1eab86b8ade5a94e460aa1a89ba",
		"dcgc/ui1":       "1b0ecdfd314a976bc4280e057232ddaaac1836718a023cc8dbd30b7c9eb6340e",
		"dcgc/ui16":      "22f816472cb676eba66bc379b12e6a7fd0da5448271d7f6107f4dcf9af4e1239",
		"tancarney/ui1":  "5bb72b8d559078b55e8945e9a93fc35dc98586eea687405990bc6f25fecd2cd5",
		"tancarney/ui16": "72be7dddd09b055e365badb4f217fec7adf0abbb1356b382262d7ffe35bfcd34",
	}
	s, err := sound.Load("../testdata/sound_files/espeak_hears.wav")
	if err != nil {
		t.Fatal(err)
	}
	if s, err = s.AtLevel(70); err != nil {
		t.Fatal(err)
	}
	frames := s.NumFrames() / 4 // 0.18 s; the digests are of exactly this much (also under -short)
	cfs := func(lo float64) []float64 {
		cf, err := filterbank.ERBSpace(lo, 0.25*22050, 100)
		if err != nil {
			t.Fatal(err)
		}
		return cf
	}
	type model struct {
		src     sound.Source
		workers func(int)
		frames  int
	}
	build := func(name string, ui int) model {
		switch name {
		case "drnl":
			b, err := DRNL(s, cfs(50), DRNLHuman())
			if err != nil {
				t.Fatal(err)
			}
			return model{b, b.SetWorkers, frames}
		case "dcgc":
			b, err := DCGC(s, cfs(50), ui, DefaultDCGCParams())
			if err != nil {
				t.Fatal(err)
			}
			return model{b, b.Inner().(*filterbank.Bank).SetWorkers, frames}
		}
		r, err := sound.NewResampler(s, 50000)
		if err != nil {
			t.Fatal(err)
		}
		me, err := filterbank.MiddleEar(r, []float64{1})
		if err != nil {
			t.Fatal(err)
		}
		cf := cfs(200)
		ihc, err := TanCarney(me, cf, ui, DefaultTanCarneyParams())
		if err != nil {
			t.Fatal(err)
		}
		syn, err := ZhangSynapseRate(ihc, cf, DefaultZhangParams())
		if err != nil {
			t.Fatal(err)
		}
		return model{syn, func(w int) { ihc.SetWorkers(w); syn.SetWorkers(w) }, frames * 50000 / 22050}
	}
	simd := vecmathSIMD
	defer func() { vecmathSIMD = simd }()
	for key, digest := range want {
		name, uis, _ := strings.Cut(key, "/ui")
		ui := 1
		if uis != "" {
			if ui, err = strconv.Atoi(uis); err != nil {
				t.Fatal(err)
			}
		}
		for _, useSIMD := range []bool{simd, false} {
			vecmathSIMD = useSIMD
			for _, w := range []int{1, 2} {
				for _, block := range []int{0, 300} {
					if !useSIMD && (w != 2 || block != 0) {
						continue // the slow path: one run
					}
					m := build(name, ui)
					m.workers(w)
					if d := bitdigest.Of(t, m.src, m.frames, block); d != digest {
						t.Errorf("%s (AVX2 %v, %d workers, block %d): digest %s, want %s", key, useSIMD, w, block, d, digest)
					}
				}
			}
		}
	}
}
