package main

import (
	"cmp"
	"math"
	"slices"
	"testing"

	"github.com/gohears/hears/hrtf"
	"github.com/gohears/hears/sound"
)

// The spiking model of this example and hrtf's direct Goodman & Brette
// model (its noise-free limit, docs/hrtf.md) agree: the same estimate, and
// the candidates' spike counts rise with the direct model's scores (rank
// correlations measured 0.61, 0.63 and 0.68 over 36 candidates; the many
// candidates with few spikes rank by the neurons' noise, hence not higher).
func TestSpikingAgreesWithDirectModel(t *testing.T) {
	if testing.Short() {
		t.Skip("simulates 2160 spiking neurons three times")
	}
	full, err := hrtf.LoadSOFA("../../testdata/sofa/LISTEN_1002_IRC_1002_C_HRIR.sofa")
	if err != nil {
		t.Fatal(err)
	}
	set, err := candidates(full, -15, 15, 2) // 36 directions: 3 rings, 30° apart
	if err != nil {
		t.Fatal(err)
	}
	const cfN = 20
	loc, err := hrtf.NewLocaliser(set, hrtf.LocaliserOptions{Model: hrtf.GoodmanBrette, Bands: cfN, FMin: 150, FMax: 5000})
	if err != nil {
		t.Fatal(err)
	}
	for _, truth := range []int{3, 17, 28} {
		c := config{set: set, truth: truth, duration: 0.2, cfN: cfN, cfMin: 150, cfMax: 5000, seed: 1}
		r, err := run(c)
		if err != nil {
			t.Fatal(err)
		}
		noise, _ := sound.WhiteNoise(0.2, sound.WithRate(set.SampleRate()), sound.WithSeed(1))
		h, _ := set.HRTF(truth)
		ears, err := hrtf.Render(h, noise.Data())
		if err != nil {
			t.Fatal(err)
		}
		est, err := loc.Localise(ears[0], ears[1])
		if err != nil {
			t.Fatal(err)
		}
		counts := make([]float64, len(r.counts))
		for k, v := range r.counts {
			counts[k] = float64(v)
		}
		rho := spearman(counts, est.Scores)
		t.Logf("truth %d: spiking estimate %d, direct %d, Spearman ρ %.3f", truth, r.guess, est.Index, rho)
		if r.guess != truth || est.Index != truth {
			t.Errorf("truth %d: spiking estimate %d, direct estimate %d", truth, r.guess, est.Index)
		}
		if rho < 0.5 {
			t.Errorf("truth %d: rank correlation of spike counts and direct scores %.3f", truth, rho)
		}
	}
}

// spearman is the rank correlation of x and y (average ranks for ties).
func spearman(x, y []float64) float64 {
	rank := func(v []float64) []float64 {
		idx := make([]int, len(v))
		for i := range idx {
			idx[i] = i
		}
		slices.SortFunc(idx, func(a, b int) int { return cmp.Compare(v[a], v[b]) })
		r := make([]float64, len(v))
		for i := 0; i < len(idx); {
			j := i
			for j+1 < len(idx) && v[idx[j+1]] == v[idx[i]] {
				j++
			}
			for k := i; k <= j; k++ {
				r[idx[k]] = float64(i+j) / 2
			}
			i = j + 1
		}
		return r
	}
	rx, ry := rank(x), rank(y)
	var mx, my float64
	for i := range rx {
		mx += rx[i]
		my += ry[i]
	}
	mx /= float64(len(rx))
	my /= float64(len(ry))
	var sxy, sxx, syy float64
	for i := range rx {
		sxy += (rx[i] - mx) * (ry[i] - my)
		sxx += (rx[i] - mx) * (rx[i] - mx)
		syy += (ry[i] - my) * (ry[i] - my)
	}
	return sxy / math.Sqrt(sxx*syy)
}
