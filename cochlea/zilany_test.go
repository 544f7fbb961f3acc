package cochlea

import (
	"math"
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

// zilanyTuning returns the steady-state RMS of the C1 filter (the signal
// path) at cf 1 kHz for 20 dB SPL tones at freqs (Hz).
func zilanyTuning(t *testing.T, freqs []float64, p ZilanyParams) []float64 {
	const fs = 100e3
	var out []float64
	for _, f := range freqs {
		x := make([]float64, 4000)
		for i := range x {
			x[i] = math.Sqrt2 * 20e-6 * 10 * math.Sin(2*math.Pi*f*float64(i)/fs)
		}
		src, err := sound.New(x, 1, fs)
		if err != nil {
			t.Fatal(err)
		}
		b, err := zilanyIHC(src, []float64{1000}, p, zOutC1)
		if err != nil {
			t.Fatal(err)
		}
		y, err := sound.ReadAll(b, 4000)
		if err != nil {
			t.Fatal(err)
		}
		s := 0.0
		for _, v := range y.Data()[2000:] {
			s += v * v
		}
		out = append(out, math.Sqrt(s/2000))
	}
	return out
}

// TestZilanyOHCTuning checks what the outer hair cells do to the signal
// path at CF 1 kHz (Zilany & Bruce 2006, Fig. 3; Liberman & Dodds 1984):
// at low level, cohc = 1 gives a sharply tuned filter (Q10 of 2 to 5; the
// cat's low-level Q10 at 1 kHz is 2.9) with its peak near CF, and cohc = 0
// lowers the gain at CF by the cochlear amplifier's gain (over 20 dB) and
// broadens the tuning (Q10 below 60 % of normal).
func TestZilanyOHCTuning(t *testing.T) {
	var freqs []float64
	for k := -24; k <= 16; k++ {
		freqs = append(freqs, 1000*math.Pow(2, float64(k)/16))
	}
	q10 := func(g []float64) (float64, float64, float64) {
		best := 0
		for i := range g {
			if g[i] > g[best] {
				best = i
			}
		}
		lim := g[best] / math.Sqrt(10)
		edge := func(i, step int) float64 {
			for ; i+step >= 0 && i+step < len(g); i += step {
				if g[i+step] < lim {
					// Interpolate in log frequency and dB.
					a, b := 20*math.Log10(g[i]), 20*math.Log10(g[i+step])
					fr := (a - 20*math.Log10(lim)) / (a - b)
					return freqs[i] * math.Pow(freqs[i+step]/freqs[i], fr)
				}
			}
			return math.NaN()
		}
		lo, hi := edge(best, -1), edge(best, 1)
		return freqs[best] / (hi - lo), freqs[best], g[best]
	}
	p := DefaultZilanyParams()
	qn, fn, gn := q10(zilanyTuning(t, freqs, p))
	p.COHC = 0
	qi, fi, gi := q10(zilanyTuning(t, freqs, p))
	loss := 20 * math.Log10(gn/gi)
	t.Logf("cohc 1: Q10 %.2f, best frequency %.0f Hz; cohc 0: Q10 %.2f, best frequency %.0f Hz; gain at the tip %.1f dB lower", qn, fn, qi, fi, loss)
	if qn < 2 || qn > 5 || math.Abs(fn-1000) > 100 {
		t.Errorf("normal tuning: Q10 %.2f at %.0f Hz; want 2 to 5 near 1 kHz", qn, fn)
	}
	if qi > 0.6*qn {
		t.Errorf("cohc 0: Q10 %.2f, not below 60%% of normal (%.2f)", qi, qn)
	}
	if loss < 20 {
		t.Errorf("cohc 0 lowers the tip by %.1f dB; want over 20 dB", loss)
	}
}

// BenchmarkZilanyIHC is the IHC stage alone (middle ear, C1/C2 filters,
// control path, IHC) on 1 s of a 60 dB SPL 1 kHz tone at 100 kHz at 100
// CFs log-spaced from 125 Hz to 20 kHz, with one worker (the per-CF cost
// the reference C code is compared with) and blocks of 4096 frames.
func BenchmarkZilanyIHC(b *testing.B) {
	const fs = 100e3
	x := make([]float64, int(fs))
	for i := range x {
		x[i] = math.Sqrt2 * 0.02 * math.Sin(2*math.Pi*1000*float64(i)/fs)
	}
	src, err := sound.New(x, 1, fs)
	if err != nil {
		b.Fatal(err)
	}
	bank, err := ZilanyIHC(src, zilanyref.BenchCFs(), DefaultZilanyParams())
	if err != nil {
		b.Fatal(err)
	}
	bank.SetWorkers(1)
	for b.Loop() {
		if err := bank.Reset(); err != nil {
			b.Fatal(err)
		}
		for s := 0; s < len(x); s += 4096 {
			if _, err := bank.Fetch(s, min(s+4096, len(x))); err != nil {
				b.Fatal(err)
			}
		}
	}
}

// TestZilanyIHCPerChannelInput checks a source with one channel per CF:
// channel k of the output is the model at cf[k] on input channel k alone.
func TestZilanyIHCPerChannelInput(t *testing.T) {
	const fs = 100e3
	a, b := make([]float64, 2000), make([]float64, 2000)
	for i := range a {
		a[i] = 0.02 * math.Sin(2*math.Pi*1000*float64(i)/fs)
		b[i] = 0.2 * math.Sin(2*math.Pi*3000*float64(i)/fs)
	}
	two, err := sound.FromChannels([][]float64{a, b}, fs)
	if err != nil {
		t.Fatal(err)
	}
	cf := []float64{1000, 3000}
	both, err := ZilanyIHC(two, cf, DefaultZilanyParams())
	if err != nil {
		t.Fatal(err)
	}
	got, err := sound.ReadAll(both, 333)
	if err != nil {
		t.Fatal(err)
	}
	for k, x := range [][]float64{a, b} {
		one, err := sound.New(x, 1, fs)
		if err != nil {
			t.Fatal(err)
		}
		bank, err := ZilanyIHC(one, cf[k:k+1], DefaultZilanyParams())
		if err != nil {
			t.Fatal(err)
		}
		want, err := sound.ReadAll(bank, 500)
		if err != nil {
			t.Fatal(err)
		}
		for i, v := range want.Data() {
			if g := got.ChannelData(k)[i]; g != v {
				t.Fatalf("channel %d, frame %d: %v, alone %v", k, i, g, v)
			}
		}
	}
	if _, err := ZilanyIHC(two, []float64{1000, 2000, 3000}, DefaultZilanyParams()); err == nil {
		t.Error("2 input channels for 3 CFs accepted")
	}
	p := DefaultZilanyParams()
	for _, bad := range []func(){func() { p.COHC = 1.5 }, func() { p.CIHC = -0.1 }, func() { p.Species = 4 }} {
		p = DefaultZilanyParams()
		bad()
		if _, err := ZilanyIHC(two, cf, p); err == nil {
			t.Errorf("parameters %+v accepted", p)
		}
	}
	slow, err := sound.New(a, 1, 50e3)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := ZilanyIHC(slow, cf[:1], DefaultZilanyParams()); err == nil {
		t.Error("50 kHz accepted")
	}
}
