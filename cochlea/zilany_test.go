package cochlea

import (
	"testing"

	"github.com/gohears/hears/internal/zilanyref"
	"github.com/gohears/hears/sound"
)

// zilanyRun runs the IHC stage with output probe out over the case's
// stimulus in blocks of block frames and returns the single channel.
func zilanyRun(t *testing.T, c zilanyref.Case, out, block int) []float64 {
	t.Helper()
	x, err := c.Column("stimulus.csv", "pressure_pa")
	if err != nil {
		t.Fatal(err)
	}
	src, err := sound.New(x, 1, c.Fs)
	if err != nil {
		t.Fatal(err)
	}
	p := DefaultZilanyParams()
	p.Species, p.COHC, p.CIHC = ZilanySpecies(c.Species), c.COHC, c.CIHC
	b, err := zilanyIHC(src, []float64{c.CF}, p, out)
	if err != nil {
		t.Fatal(err)
	}
	got := make([]float64, 0, len(x))
	for s := 0; s < len(x); s += block {
		e := min(s+block, len(x))
		y, err := b.Fetch(s, e)
		if err != nil {
			t.Fatal(err)
		}
		got = append(got, y...)
	}
	return got
}

// TestZilanyIHCReference checks the IHC potential (ihc.csv) and the C1 and
// C2 filter outputs (bm.csv) of every reference case at 1e-9 of each
// output's peak (the README's tolerance).
func TestZilanyIHCReference(t *testing.T) {
	cases, err := zilanyref.Cases()
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range cases {
		t.Run(c.Name, func(t *testing.T) {
			if d := ZilanyDelay(c.CF, c.Fs); d != c.IHCDelay {
				t.Errorf("front delay %d samples, want %d", d, c.IHCDelay)
			}
			want, err := c.Column("ihc.csv", "vihc_v")
			if err != nil {
				t.Fatal(err)
			}
			got := zilanyRun(t, c, zOutIHC, 777)
			e, at := zilanyref.PeakError(got, want)
			t.Logf("ihc error %.3g of peak", e)
			if e > 1e-9 {
				t.Errorf("ihc: error %.3g of peak at sample %d (got %g, want %g)", e, at, got[at], want[at])
			}
			if !c.Has("bm.csv") {
				return
			}
			bm, err := c.Columns("bm.csv")
			if err != nil {
				t.Fatal(err)
			}
			for _, p := range []struct {
				col string
				out int
			}{{"c1", zOutC1}, {"c2", zOutC2}} {
				got := zilanyRun(t, c, p.out, 1000)
				if e, at := zilanyref.PeakError(got, bm[p.col]); e > 1e-9 {
					t.Errorf("%s: error %.3g of peak at sample %d (got %g, want %g)", p.col, e, at, got[at], bm[p.col][at])
				}
			}
		})
	}
}
