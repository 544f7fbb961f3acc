package anf

import (
	"math"
	"testing"

	"github.com/gohears/hears/cochlea"
	"github.com/gohears/hears/internal/zilanyref"
	"github.com/gohears/hears/sound"
)

// fiberOf maps the reference's fibre names.
func fiberOf(t *testing.T, name string) ZilanyFiber {
	switch name {
	case "lsr":
		return ZilanyLowSpont
	case "msr":
		return ZilanyMediumSpont
	case "hsr":
		return ZilanyHighSpont
	}
	t.Fatalf("unknown fibre %q", name)
	return 0
}

// synapseRun runs the synapse alone on the case's ihc.csv (undelayed by the
// front delay) in blocks of block frames; probe sees the intermediates.
func synapseRun(t *testing.T, c zilanyref.Case, pl ZilanyPowerLaw, out ZilanyOutput, block int, noise []float64, probe func(ch, what int, v float64)) []float64 {
	t.Helper()
	ihc, err := c.Column("ihc.csv", "vihc_v")
	if err != nil {
		t.Fatal(err)
	}
	d := cochlea.ZilanyDelay(c.CF, c.Fs)
	u := make([]float64, len(ihc))
	copy(u, ihc[d:])
	src, err := sound.New(u, 1, c.Fs)
	if err != nil {
		t.Fatal(err)
	}
	p := DefaultZilanySynapseParams()
	p.Fiber, p.PowerLaw = fiberOf(t, c.Fiber), pl
	k, err := NewZilanySynapseKernel([]float64{c.CF}, c.Fs, len(u), p, out)
	if err != nil {
		t.Fatal(err)
	}
	k.probe = probe
	if noise != nil {
		k.noiseFor = func(int) func() float64 {
			i := 0
			return func() float64 {
				v := 0.0
				if i < len(noise) {
					v = noise[i]
				}
				i++
				return v
			}
		}
	}
	k.Reset()
	var got []float64
	for s := 0; s < len(u); s += block {
		e := min(s+block, len(u))
		in, err := src.Fetch(s, e)
		if err != nil {
			t.Fatal(err)
		}
		y := make([]float64, e-s)
		if err := k.Process(y, [][]float64{in}, e-s); err != nil {
			t.Fatal(err)
		}
		got = append(got, y...)
	}
	return got
}

// TestZilanySynapseReference checks synout, meanrate and varrate of both
// power-law implementations, and the intermediates expon.csv (exponential
// stage) and decim.csv (resampled to 10 kHz), at the README's tolerances:
// 1e-9 of each column's peak, varrate 1e-8.
func TestZilanySynapseReference(t *testing.T) {
	cases, err := zilanyref.Cases()
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range cases {
		if c.Name[0] == 'h' {
			continue // MATLAB's resample instead of the reference decimator, which this package does not emulate
		}
		t.Run(c.Name, func(t *testing.T) {
			var noise []float64
			if c.Has("fgn.csv") {
				if noise, err = c.Column("fgn.csv", "fgn"); err != nil {
					t.Fatal(err)
				}
			}
			for _, f := range []struct {
				file string
				pl   ZilanyPowerLaw
			}{{"rate.csv", ZilanyApproximate}, {"rate_actual.csv", ZilanyActual}} {
				if !c.Has(f.file) {
					continue
				}
				want, err := c.Columns(f.file)
				if err != nil {
					t.Fatal(err)
				}
				for _, o := range []struct {
					col string
					out ZilanyOutput
					tol float64
				}{{"synout", ZilanySynOut, 1e-9}, {"meanrate", ZilanyMeanRate, 1e-9}, {"varrate", ZilanyVarRate, 1e-8}} {
					var expon, decim []float64
					got := synapseRun(t, c, f.pl, o.out, 613, noise, func(_, what int, v float64) {
						if what == 0 {
							expon = append(expon, v)
						} else {
							decim = append(decim, v)
						}
					})
					e, at := zilanyref.PeakError(got, want[o.col])
					t.Logf("%s %s: %.3g of peak", f.file, o.col, e)
					if e > o.tol {
						t.Errorf("%s %s: error %.3g of peak at sample %d (got %g, want %g)", f.file, o.col, e, at, got[at], want[o.col][at])
					}
					if f.pl != ZilanyApproximate || o.out != ZilanySynOut {
						continue
					}
					if c.Has("expon.csv") {
						w, err := c.Column("expon.csv", "expon")
						if err != nil {
							t.Fatal(err)
						}
						if e, at := zilanyref.PeakError(expon, w); e > 1e-9 {
							t.Errorf("expon: error %.3g of peak at %d", e, at)
						}
					}
					w, err := c.Column("decim.csv", "decimated")
					if err != nil {
						t.Fatal(err)
					}
					// Only the resampled values the output uses were computed.
					if dp := int(7500 / (c.CF / 1e3)); len(decim) < (c.N+dp)/10+2 {
						t.Fatalf("decim: %d values computed, reference has %d", len(decim), len(w))
					}
					e, at = zilanyref.PeakError(decim, w[:len(decim)])
					t.Logf("decim (%d of %d): %.3g of peak", len(decim), len(w), e)
					if e > 1e-9 {
						t.Errorf("decim: error %.3g of peak at %d (got %g, want %g)", e, at, decim[at], w[at])
					}
				}
			}
		})
	}
}

// TestZilanySpikesReference drives the spike generator with the reference
// synout (rate.csv) and random numbers (rand.csv): the same spikes, in the
// same bins (psth frames), at the same times within 1e-9 s. It then does the same from the sound through
// the whole model (middle ear, IHC, synapse) to check that the chain is
// exact end to end.
func TestZilanySpikesReference(t *testing.T) {
	cases, err := zilanyref.Cases()
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range cases {
		if c.Name[0] == 'h' {
			continue
		}
		t.Run(c.Name, func(t *testing.T) {
			u, err := c.Column("rand.csv", "u")
			if err != nil {
				t.Fatal(err)
			}
			spk, err := c.Columns("spikes.csv")
			if err != nil {
				t.Fatal(err)
			}
			syn, err := c.Column("rate.csv", "synout")
			if err != nil {
				t.Fatal(err)
			}
			check := func(what string, syn []float64) {
				k, err := NewZilanySpikesKernel(1, 1, c.Fs, len(syn), 0)
				if err != nil {
					t.Fatal(err)
				}
				k.uniformFor = func(int) func() float64 {
					i := 0
					return func() float64 { i++; return u[i-1] }
				}
				k.Reset()
				k.RecordTimes()
				out := make([]float64, len(syn))
				for s := 0; s < len(syn); s += 500 {
					e := min(s+500, len(syn))
					if err := k.Process(out[s:e], [][]float64{syn[s:e]}, e-s); err != nil {
						t.Fatal(err)
					}
				}
				var frames []int
				for i, v := range out {
					if v == 1 {
						frames = append(frames, i)
					} else if v != 0 {
						t.Fatalf("%s: psth value %v at %d", what, v, i)
					}
				}
				if len(frames) != len(spk["bin"]) {
					t.Fatalf("%s: %d spikes, reference %d (frames %v, bins %v)", what, len(frames), len(spk["bin"]), frames, spk["bin"])
				}
				for i, f := range frames {
					if float64(f) != spk["bin"][i] {
						t.Errorf("%s: spike %d in frame %d, reference bin %v", what, i, f, spk["bin"][i])
					}
					if d := math.Abs(k.SpikeTimes(0)[i] - spk["time_s"][i]); d > 1e-9 {
						t.Errorf("%s: spike %d at %v s, reference %v s", what, i, k.SpikeTimes(0)[i], spk["time_s"][i])
					}
				}
			}
			check("reference synout", syn)
			if c.Has("fgn.csv") {
				return // the chain below has no fGn from a file
			}
			x, err := c.Column("stimulus.csv", "pressure_pa")
			if err != nil {
				t.Fatal(err)
			}
			src, err := sound.New(x, 1, c.Fs)
			if err != nil {
				t.Fatal(err)
			}
			ip := cochlea.DefaultZilanyParams()
			ip.Species, ip.COHC, ip.CIHC = cochlea.ZilanySpecies(c.Species), c.COHC, c.CIHC
			sp := DefaultZilanySynapseParams()
			sp.Fiber = fiberOf(t, c.Fiber)
			b, err := Zilany2014(src, []float64{c.CF}, ip, sp, ZilanySynOut)
			if err != nil {
				t.Fatal(err)
			}
			got, err := sound.ReadAll(b, 999)
			if err != nil {
				t.Fatal(err)
			}
			if e, at := zilanyref.PeakError(got.ChannelData(0), syn); e > 1e-9 {
				t.Errorf("chain synout: error %.3g of peak at %d", e, at)
			}
			check("chain synout", got.ChannelData(0))
		})
	}
}

// TestZilanyChainWorkers runs 6 CFs through the whole model with 1 and 3
// workers and odd block sizes: identical results.
func TestZilanyChainWorkers(t *testing.T) {
	tone, err := sound.Tone(1000, 0.03, sound.WithRate(100e3))
	if err != nil {
		t.Fatal(err)
	}
	cf := []float64{250, 800, 1000, 3000, 8000, 20000}
	var res [][]float64
	for _, w := range []int{1, 3} {
		b, err := Zilany2014(tone.Scale(0.02), cf, cochlea.DefaultZilanyParams(), DefaultZilanySynapseParams(), ZilanyMeanRate)
		if err != nil {
			t.Fatal(err)
		}
		b.SetWorkers(w)
		s, err := sound.ReadAll(b, 97*w)
		if err != nil {
			t.Fatal(err)
		}
		res = append(res, s.Data())
	}
	for i := range res[0] {
		if res[0][i] != res[1][i] {
			t.Fatalf("sample %d: %v with 1 worker, %v with 3", i, res[0][i], res[1][i])
		}
	}
}

// TestZilanyFGNStatistics checks the generated noise: the 10 Hz samples
// (every 1000th output, where the interpolation passes through them) have
// the standard deviation of the fibre class (200 spikes/s, high spont) and
// the autocorrelation of fGn with H = 0.9, ρ(k) = ½(|k+1|^1.8 − 2k^1.8 +
// |k−1|^1.8): 0.741 at lag 1, 0.57 at lag 10.
func TestZilanyFGNStatistics(t *testing.T) {
	g := newZilanyFGN(42, 7, 100)
	const n = 4 * zFGNChunk
	y := make([]float64, n)
	for i := range n * zFGNRatio {
		v := g()
		if i%zFGNRatio == 0 {
			y[i/zFGNRatio] = v
		}
	}
	mean, vr := 0.0, 0.0
	for _, v := range y {
		mean += v / n
	}
	for _, v := range y {
		vr += (v - mean) * (v - mean) / n
	}
	if sd := math.Sqrt(vr); math.Abs(sd-200)/200 > 0.15 {
		t.Errorf("standard deviation %.1f spikes/s, want 200 ± 15%%", sd)
	}
	rho := func(k int) float64 {
		s := 0.0
		for i := k; i < n; i++ {
			s += (y[i] - mean) * (y[i-k] - mean)
		}
		return s / float64(n-k) / vr
	}
	want := func(k float64) float64 {
		return 0.5 * (math.Pow(k+1, 1.8) - 2*math.Pow(k, 1.8) + math.Pow(k-1, 1.8))
	}
	for _, k := range []int{1, 10} {
		if got := rho(k); math.Abs(got-want(float64(k))) > 0.1 {
			t.Errorf("autocorrelation at lag %d: %.3f, fGn(H=0.9) %.3f", k, got, want(float64(k)))
		}
	}
}

// TestZilany2014Rates checks the cochleagram constructor on a 44.1 kHz
// sound: resampled to 100 kHz, one rate channel per CF, the 1 kHz channel
// driven to saturation by a 1 kHz tone at 60 dB SPL and the 8 kHz one
// not.
func TestZilany2014Rates(t *testing.T) {
	tone, err := sound.Tone(1000, 0.05, sound.WithRate(44100))
	if err != nil {
		t.Fatal(err)
	}
	if err := tone.SetLevel(60); err != nil {
		t.Fatal(err)
	}
	r, err := Zilany2014Rates(tone, []float64{1000, 8000}, cochlea.DefaultZilanyParams(), DefaultZilanySynapseParams())
	if err != nil {
		t.Fatal(err)
	}
	if r.SampleRate() != 100e3 || r.NumChannels() != 2 {
		t.Fatalf("%v Hz, %d channels; want 100 kHz, 2", r.SampleRate(), r.NumChannels())
	}
	s, err := sound.ReadAll(r, 1000)
	if err != nil {
		t.Fatal(err)
	}
	on, off := mean(s.ChannelData(0), 2000, 5000), mean(s.ChannelData(1), 2000, 5000)
	t.Logf("mean rate 20–50 ms: %.0f spikes/s at CF 1 kHz, %.0f at 8 kHz", on, off)
	if on < 250 || off > 0.6*on {
		t.Errorf("mean rate %.0f spikes/s at CF 1 kHz (want > 250), %.0f at 8 kHz (want near the un-adapted spont, below 60%% of CF 1 kHz's)", on, off)
	}
	if _, err := Zilany2014Rates(tone, []float64{100}, cochlea.DefaultZilanyParams(), DefaultZilanySynapseParams()); err == nil {
		t.Error("CF 100 Hz accepted")
	}
}

// TestZilanyActualLimits checks that the actual power law refuses inputs it
// could not finish: unbounded, or too long.
func TestZilanyActualLimits(t *testing.T) {
	p := DefaultZilanySynapseParams()
	p.PowerLaw = ZilanyActual
	if _, err := NewZilanySynapseKernel([]float64{1000}, 100e3, sound.Unbounded, p, ZilanyMeanRate); err == nil {
		t.Error("unbounded input accepted")
	}
	if _, err := NewZilanySynapseKernel([]float64{1000}, 100e3, 100e3*120, p, ZilanyMeanRate); err == nil {
		t.Error("120 s accepted")
	}
	if _, err := NewZilanySynapseKernel([]float64{1000}, 100e3, 100e3, p, ZilanyMeanRate); err != nil {
		t.Errorf("1 s refused: %v", err)
	}
	p.PowerLaw = ZilanyApproximate
	if _, err := NewZilanySynapseKernel([]float64{1000}, 100e3, sound.Unbounded, p, ZilanyMeanRate); err != nil {
		t.Errorf("approximate, unbounded refused: %v", err)
	}
}

// TestZilanyFGNInModel checks the noise inside the model: with FGN the
// rate depends on the seed (and is the same for the same seed, whatever
// the block size), and it moves the rate away from the noiseless one.
func TestZilanyFGNInModel(t *testing.T) {
	x := make([]float64, 30000)
	src, err := sound.New(x, 1, 100e3)
	if err != nil {
		t.Fatal(err)
	}
	run := func(fgn bool, seed uint64, block int) []float64 {
		p := DefaultZilanySynapseParams()
		p.FGN, p.Seed = fgn, seed
		b, err := Zilany2014(src, []float64{1000, 1000}, cochlea.DefaultZilanyParams(), p, ZilanyMeanRate)
		if err != nil {
			t.Fatal(err)
		}
		s, err := sound.ReadAll(b, block)
		if err != nil {
			t.Fatal(err)
		}
		return s.Data()
	}
	a, a2, b, quiet := run(true, 1, 1000), run(true, 1, 777), run(true, 2, 1000), run(false, 0, 1000)
	same, diffSeed, diffQuiet, diffCh := true, 0.0, 0.0, 0.0
	for i := range a {
		same = same && a[i] == a2[i]
		diffSeed = math.Max(diffSeed, math.Abs(a[i]-b[i]))
		diffQuiet = math.Max(diffQuiet, math.Abs(a[i]-quiet[i]))
		if i%2 == 1 {
			diffCh = math.Max(diffCh, math.Abs(a[i]-a[i-1]))
		}
	}
	t.Logf("largest differences: other seed %.1f, no noise %.1f, other channel %.1f spikes/s", diffSeed, diffQuiet, diffCh)
	if !same {
		t.Error("the same seed gave different rates for different block sizes")
	}
	if diffSeed < 1 || diffQuiet < 1 || diffCh < 1 {
		t.Errorf("the noise moves the rate by less than 1 spike/s: seed %.3g, no noise %.3g, channel %.3g", diffSeed, diffQuiet, diffCh)
	}
}
