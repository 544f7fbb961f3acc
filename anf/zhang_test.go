package anf

import (
	"math"
	"strings"
	"testing"

	"github.com/gohears/hears/cochlea"
	"github.com/gohears/hears/filterbank"
	"github.com/gohears/hears/sound"
	"github.com/gohears/hears/spiking"
)

// isiLaw returns the distribution of interspike intervals, in steps, of one
// fibre of ZhangSynapseSpikes at a constant rate s (spikes/s) and step dt
// (s), as the spiking engine runs it (Brian2's semantics): after a spike
// the fibre is refractory while the whole steps elapsed are fewer than
// those of R_A (e_0, e_1 frozen at 1); from then on, in each step e_0 and
// e_1 first take an Euler step, then the fibre fires with probability
// s·(1 − c_0·e_0 − c_1·e_1)·dt.
func isiLaw(s, dt float64, p cochlea.ZhangParams, steps int) []float64 {
	refr := int((p.RA + 1e-3*dt) / dt) // Brian2's timestep()
	pmf := make([]float64, steps)
	surv, e0, e1 := 1.0, 1.0, 1.0
	for n := 1; n < steps; n++ {
		if n < refr {
			continue
		}
		e0 += dt * (-e0 / p.S0)
		e1 += dt * (-e1 / p.S1)
		h := s * (1 - p.C0*e0 - p.C1*e1) * dt
		h = min(max(h, 0), 1)
		pmf[n] = surv * h
		surv *= 1 - h
	}
	return pmf
}

// runFibres runs the fibres g alone for dur seconds with the network seed
// seed and returns their spikes.
func runFibres(t *testing.T, g *spiking.FilterbankGroup, dur float64, seed uint64) *spiking.SpikeMonitor {
	t.Helper()
	mon, err := spiking.NewSpikeMonitor(g, nil, spiking.MonitorOptions{})
	if err != nil {
		t.Fatal(err)
	}
	net, err := spiking.NewNetwork(1/g.Source().SampleRate(), g, mon)
	if err != nil {
		t.Fatal(err)
	}
	defer net.Close()
	net.Seed(seed)
	if err := net.Run(dur); err != nil {
		t.Fatal(err)
	}
	return mon
}

// TestZhangSpikesRenewal drives 400 fibres with a constant rate of 50
// spikes/s (the spontaneous rate) for 2 s at 50 kHz and checks their
// interspike intervals against the exact law of the discrete process
// (isiLaw, weighted for the intervals a finite run can see): none shorter
// than the absolute refractory period (0.75 ms, 37 steps), the mean within
// 4 standard errors, and the fraction below 2, 5
// and 20 ms (where the relative refractoriness of Zhang et al.'s Eq. 20
// shows: a Poisson process with dead time would give far more short ones)
// within 4 binomial standard errors.
func TestZhangSpikesRenewal(t *testing.T) {
	const fs, dur, fibres, rate = 50000.0, 2.0, 400, 50.0
	p := cochlea.DefaultZhangParams()
	frames := int(dur * fs)
	x := make([]float64, frames)
	for i := range x {
		x[i] = rate
	}
	src, err := sound.New(x, 1, fs)
	if err != nil {
		t.Fatal(err)
	}
	g, err := ZhangSynapseSpikes(src, fibres, p)
	if err != nil {
		t.Fatal(err)
	}
	mon := runFibres(t, g, dur, 3)
	var isi []int64
	last := make([]int64, fibres)
	for i := range last {
		last[i] = -1
	}
	var window float64 // mean time from a fibre's first spike to the end, in steps
	for k, i := range mon.I() {
		st := mon.Steps()[k]
		if last[i] >= 0 {
			isi = append(isi, st-last[i])
		} else {
			window += float64(int64(frames)-st) / fibres
		}
		last[i] = st
	}
	// Only intervals that end before the run does are seen: in a window of
	// W steps after the first spike, an interval of length x is complete in
	// about W − x of them (renewal theory), so the law of the observed
	// intervals is f(x)·(W − x), normalised. (Without this weighting the
	// observed mean is short by about σ²/W, 1% here: 4.6 standard errors
	// with 2000 fibres.)
	law := isiLaw(rate, 1/fs, p, frames)
	var norm float64
	for n, q := range law {
		law[n] = q * max(window-float64(n), 0)
		norm += law[n]
	}
	var mean, m2 float64
	for n := range law {
		law[n] /= norm
		mean += float64(n) * law[n]
		m2 += float64(n) * float64(n) * law[n]
	}
	sd := math.Sqrt(m2 - mean*mean)
	var got float64
	shortest := int64(math.MaxInt64)
	for _, v := range isi {
		got += float64(v)
		shortest = min(shortest, v)
	}
	got /= float64(len(isi))
	t.Logf("%d intervals: mean %.2f steps (law %.2f ± %.2f), shortest %d", len(isi), got, mean, sd/math.Sqrt(float64(len(isi))), shortest)
	if len(isi) < 20000 {
		t.Fatalf("only %d intervals", len(isi))
	}
	if shortest < 37 {
		t.Errorf("an interval of %d steps, shorter than the 37 of R_A", shortest)
	}
	if d := math.Abs(got - mean); d > 4*sd/math.Sqrt(float64(len(isi))) {
		t.Errorf("mean interval %.2f steps, law %.2f: %.1f standard errors off", got, mean, d/(sd/math.Sqrt(float64(len(isi)))))
	}
	for _, ms := range []float64{2, 5, 20} {
		lim := int64(ms * 1e-3 * fs)
		var want float64
		for n := int64(0); n <= lim; n++ {
			want += law[n]
		}
		var c int
		for _, v := range isi {
			if v <= lim {
				c++
			}
		}
		frac := float64(c) / float64(len(isi))
		se := math.Sqrt(want * (1 - want) / float64(len(isi)))
		if math.Abs(frac-want) > 4*se {
			t.Errorf("intervals up to %g ms: %.4f, law %.4f (± %.4f)", ms, frac, want, se)
		}
	}
}

// TestZhangSynapseDriven: 100 fibres at CF 1 kHz (TanCarney and the Zhang
// synapse) hear a 1 kHz tone at 60 dB SPL: they fire faster than
// spontaneously, slower than their refractoriness-free rate s, and lock to
// the tone's phase (vector strength above 0.5, as cat fibres do at 1 kHz).
func TestZhangSynapseDriven(t *testing.T) {
	const fs, dur = 50000.0, 0.1
	tone, err := sound.Tone(1000, dur, sound.WithRate(fs))
	if err != nil {
		t.Fatal(err)
	}
	if err := tone.SetLevel(60); err != nil {
		t.Fatal(err)
	}
	me, err := filterbank.MiddleEar(tone, []float64{1})
	if err != nil {
		t.Fatal(err)
	}
	ihc, err := cochlea.TanCarney(me, []float64{1000}, 1, cochlea.DefaultTanCarneyParams())
	if err != nil {
		t.Fatal(err)
	}
	g, rate, err := ZhangSynapse(ihc, []float64{1000}, 100, cochlea.DefaultZhangParams())
	if err != nil {
		t.Fatal(err)
	}
	mon := runFibres(t, g, dur, 9)
	// Steady state, 20-100 ms.
	var n int
	var c, s float64
	for _, st := range mon.Steps() {
		if tt := float64(st) / fs; tt >= 0.02 {
			n++
			c += math.Cos(2 * math.Pi * 1000 * tt)
			s += math.Sin(2 * math.Pi * 1000 * tt)
		}
	}
	spikeRate := float64(n) / 100 / 0.08
	sr, err := sound.ReadAll(rate, 0)
	if err != nil {
		t.Fatal(err)
	}
	var meanS float64
	for _, v := range sr.Data()[1000:] {
		meanS += v
	}
	meanS /= float64(len(sr.Data()) - 1000)
	vs := math.Hypot(c, s) / float64(n)
	t.Logf("driven rate %.0f spikes/s, rate model %.0f spikes/s, vector strength %.2f", spikeRate, meanS, vs)
	if !(spikeRate > 1.5*50 && spikeRate < meanS && spikeRate > 0.5*meanS) {
		t.Errorf("driven rate %.0f spikes/s against the rate model's %.0f", spikeRate, meanS)
	}
	if vs < 0.5 {
		t.Errorf("vector strength %.2f at 1 kHz", vs)
	}
}

// TestZhangSpikesErrors: bad arguments are errors that name them.
func TestZhangSpikesErrors(t *testing.T) {
	src, _ := sound.New(make([]float64, 10), 1, 50000)
	p := cochlea.DefaultZhangParams()
	if _, err := ZhangSynapseSpikes(nil, 1, p); err == nil {
		t.Error("nil source accepted")
	}
	if _, err := ZhangSynapseSpikes(src, 0, p); err == nil || !strings.Contains(err.Error(), "per channel") {
		t.Errorf("0 fibres per channel: %v", err)
	}
	bad := p
	bad.S0 = 0
	if _, err := ZhangSynapseSpikes(src, 1, bad); err == nil || !strings.Contains(err.Error(), "s_0") {
		t.Errorf("s_0 = 0: %v", err)
	}
	bad = p
	bad.RA = math.NaN()
	if _, err := ZhangSynapseSpikes(src, 1, bad); err == nil || !strings.Contains(err.Error(), "R_A") {
		t.Errorf("R_A NaN: %v", err)
	}
	two, _ := sound.New(make([]float64, 20), 2, 50000)
	if _, _, err := ZhangSynapse(two, []float64{1000, 2000, 3000}, 1, p); err == nil {
		t.Error("3 CFs for a 2-channel IHC input accepted")
	}
}
