package models

import (
	"math"
	"strconv"
	"testing"

	"github.com/gohears/hears/spiking"
)

const sdt = 1e-4 // s

// drive runs target for duration with presynaptic spikes at times through
// syn (built, connected and weighted by mk from the generator), recording variables of target
// every step; it returns the trace of each variable of neuron 0.
func drive(t *testing.T, target *spiking.NeuronGroup, times []float64, mk func(src *spiking.SpikeGeneratorGroup) ([]*spiking.Synapses, error), duration float64, vars ...string) (ts []float64, traces map[string][]float64, syns []*spiking.Synapses) {
	t.Helper()
	idx := make([]int, len(times))
	gen, err := spiking.NewSpikeGeneratorGroup(1, idx, times, 0, spiking.GroupOptions{})
	if err != nil {
		t.Fatal(err)
	}
	syns, err = mk(gen)
	if err != nil {
		t.Fatal(err)
	}
	mon, err := spiking.NewStateMonitor(target, vars, spiking.StateMonitorOptions{Record: []int{0}})
	if err != nil {
		t.Fatal(err)
	}
	objs := []spiking.Object{gen, target, mon}
	for _, s := range syns {
		objs = append(objs, s)
	}
	net, err := spiking.NewNetwork(sdt, objs...)
	if err != nil {
		t.Fatal(err)
	}
	if err := net.Run(duration); err != nil {
		t.Fatal(err)
	}
	traces = map[string][]float64{}
	for _, v := range vars {
		tr, err := mon.Trace(v, 0)
		if err != nil {
			t.Fatal(err)
		}
		traces[v] = tr
	}
	return mon.T(), traces, syns
}

func TestExpCurrentPSP(t *testing.T) {
	// v − EL = (w/C)·τm τs/(τm − τs)·(e^(−t/τm) − e^(−t/τs)) after a spike at
	// t = 0. Integrated by rk4 (error ~(dt/τs)⁵/120 a step): the engine's
	// "exact" propagator of this SI-scaled system (1/C = 5e9 beside 1/τ =
	// 200) leaks ~1e-10 of v into I_e a step, a bug of the propagator. The spike arrives
	// in the synapses slot of step k, after the state update, and monitors
	// record at the start of a step: the state recorded at t_k + m·dt has
	// had m − 1 updates, so the effective spike time is t_k + dt.
	s := ExpCurrent("e")
	g, err := spiking.NewNeuronGroup(1, "dv/dt = (gL*(EL - v) + I_e)/C : volt\n"+s.Target, spiking.NeuronGroupOptions{
		Method: "rk4", Namespace: s.Namespace(map[string]any{"gL": "10*nS", "EL": "-70*mV", "C": "200*pF"})})
	if err != nil {
		t.Fatal(err)
	}
	_ = g.Set("v", -70e-3)
	const w, tm, ts0, t0 = 100e-12, 20e-3, 5e-3, 0.01
	ts, tr, _ := drive(t, g, []float64{t0}, func(src *spiking.SpikeGeneratorGroup) ([]*spiking.Synapses, error) {
		return connected(s, src, g, w)
	}, 0.1, "v")
	peak, peakT := math.Inf(-1), 0.0
	for k, v := range tr["v"] {
		x := ts[k] - t0 - sdt
		want := -70e-3
		if x > 1e-9 {
			want += w / 200e-12 * tm * ts0 / (tm - ts0) * (math.Exp(-x/tm) - math.Exp(-x/ts0))
		}
		if math.Abs(v-want) > 1e-10 { // 0.1 µV of a 1.8 mV PSP
			t.Fatalf("v at %.4f s = %.15g, closed form %.15g", ts[k], v, want)
		}
		if v > peak {
			peak, peakT = v, x
		}
	}
	if tstar := tm * ts0 * math.Log(tm/ts0) / (tm - ts0); math.Abs(peakT-tstar) > sdt {
		t.Errorf("PSP peaks %.4f s after the spike, closed form %.4f s", peakT, tstar)
	}
}

func TestAlphaAndConductances(t *testing.T) {
	// The alpha current peaks at w, τ after the spike; conductances follow
	// w·e^(−t/τ) and w(t/τ)e^(1−t/τ), and their currents vanish at reversal.
	a, e, al := AlphaCurrent("a"), ExpConductance("c"), AlphaConductance("d")
	// v is held fixed: the conductances' equations are then linear with
	// constant coefficients and "exact" samples them.
	eqs := "v : volt\n" + a.Target + "\n" + e.Target + "\n" + al.Target
	ns := a.Namespace(e.Namespace(al.Namespace(map[string]any{"gL": "10*nS", "EL": "-70*mV", "C": "200*pF"})))
	g, err := spiking.NewNeuronGroup(1, eqs, spiking.NeuronGroupOptions{Method: "exact", Namespace: ns})
	if err != nil {
		t.Fatal(err)
	}
	_ = g.Set("v", -70e-3)
	const t0 = 0.01
	var syns []*spiking.Synapses
	ts, tr, _ := drive(t, g, []float64{t0}, func(src *spiking.SpikeGeneratorGroup) ([]*spiking.Synapses, error) {
		for _, c := range []struct {
			m Synapse
			w float64
		}{{a, 50e-12}, {e, 1e-9}} {
			syn, err := c.m.Synapses(src, g, spiking.SynapsesOptions{})
			if err != nil {
				return nil, err
			}
			if err := syn.ConnectAll(); err != nil {
				return nil, err
			}
			if err := syn.Set("w", c.w); err != nil {
				return nil, err
			}
			syns = append(syns, syn)
		}
		more, err := connected(al, src, g, 2e-9)
		return append(syns, more...), err
	}, 0.05, "I_a", "g_c", "g_d")
	_ = syns
	for k := range ts {
		x := ts[k] - t0 - sdt // as in TestExpCurrentPSP
		if x < -1e-9 {
			continue
		}
		checks := []struct {
			name      string
			got, want float64
		}{
			{"I_a", tr["I_a"][k], 50e-12 * x / 2e-3 * math.Exp(1-x/2e-3)},
			{"g_c", tr["g_c"][k], 1e-9 * math.Exp(-x/5e-3)},
			{"g_d", tr["g_d"][k], 2e-9 * x / 2e-3 * math.Exp(1-x/2e-3)},
		}
		for _, c := range checks {
			if math.Abs(c.got-c.want) > 1e-12*math.Abs(c.want)+1e-20 { // x carries ~1e-18 s of rounding
				t.Fatalf("%s at %.6f s (%.4f s after the spike) = %.15g, closed form %.15g; %v", c.name, ts[k], x, c.got, c.want, tr[c.name][k-2:k+3])
			}
		}
	}
	// At v = E_c the exponential conductance's current is zero.
	_ = g.Set("v", 0)
	_ = g.Set("g_c", 3e-9)
	if i, err := g.Get("I_c"); err != nil || i[0] != 0 {
		t.Errorf("I_c at reversal = %v, %v", i, err)
	}
}

func TestNMDAMagnesiumBlock(t *testing.T) {
	// Jahr & Stevens (1990): B(v) = 1/(1 + [Mg] e^(−0.062 v/mV)/3.57).
	s := NMDA()
	vs := []float64{-80e-3, -60e-3, -40e-3, -20e-3, 0, 20e-3}
	g, err := spiking.NewNeuronGroup(len(vs), "v : volt\n"+s.Target, spiking.NeuronGroupOptions{Namespace: s.Namespace(nil)})
	if err != nil {
		t.Fatal(err)
	}
	_ = g.Set("v", vs...)
	_ = g.Set("g_nmda", 1e-9)
	got, err := g.Get("I_nmda")
	if err != nil {
		t.Fatal(err)
	}
	for k, v := range vs {
		want := 1e-9 * (0 - v) / (1 + math.Exp(-0.062*v*1e3)/3.57)
		if math.Abs(got[k]-want) > 1e-13*math.Abs(want)+1e-30 {
			t.Errorf("I_nmda at %g mV = %g, want %g", v*1e3, got[k], want)
		}
	}
	// The block: at −80 mV 2.44% of the conductance is open, at 0 mV 78%.
	if b := got[0] / (1e-9 * 80e-3); math.Abs(b-0.0244247) > 1e-6 {
		t.Errorf("open fraction at −80 mV: %g", b)
	}
}

func TestTsodyksMarkramRecurrence(t *testing.T) {
	// Each spike adds w·u⁺·x⁻ to the target; between spikes
	// u decays as e^(−Δ/τf) and x recovers as 1 − (1 − x)e^(−Δ/τd).
	// The increments follow the recurrence spike by spike, and the
	// depressed steady state with τf → 0 is U·x_ss,
	// x_ss = (1 − e^(−Δ/τd))/(1 − (1 − U)e^(−Δ/τd)).
	for _, c := range []struct{ U, tauF, tauD float64 }{{0.5, 50e-3, 200e-3}, {0.1, 500e-3, 100e-3}, {0.6, 1e-9, 300e-3}} {
		s := TsodyksMarkram("acc", "1").With("U", ftoa(c.U), "tau_f", ftoa(c.tauF)+"*second", "tau_d", ftoa(c.tauD)+"*second")
		g, err := spiking.NewNeuronGroup(1, "acc : 1", spiking.NeuronGroupOptions{})
		if err != nil {
			t.Fatal(err)
		}
		var times []float64
		for k := range 20 {
			times = append(times, 0.0105+float64(k)*0.025)
		}
		ts, tr, _ := drive(t, g, times, func(src *spiking.SpikeGeneratorGroup) ([]*spiking.Synapses, error) {
			return connected(s, src, g, 1)
		}, 0.6, "acc")
		u, x, last := 0.0, 1.0, 0.0
		var want []float64
		for k, tk := range times {
			if k > 0 {
				d := tk - last
				u *= math.Exp(-d / c.tauF)
				x = 1 - (1-x)*math.Exp(-d/c.tauD)
			}
			u += c.U * (1 - u)
			want = append(want, u*x)
			x -= u * x
			last = tk
		}
		// Increments: the accumulator's jumps, in spike order.
		var got []float64
		acc := tr["acc"]
		for k := 1; k < len(acc); k++ {
			if d := acc[k] - acc[k-1]; d != 0 {
				got = append(got, d)
			}
		}
		_ = ts
		if len(got) != len(want) {
			t.Fatalf("U=%g: %d increments, want %d", c.U, len(got), len(want))
		}
		for k := range got {
			// Spike times fall on steps: Δ = 25 ms exactly up to rounding.
			if math.Abs(got[k]-want[k]) > 1e-9*want[k] {
				t.Errorf("U=%g τf=%g: spike %d releases %.12g, recurrence %.12g", c.U, c.tauF, k, got[k], want[k])
			}
		}
		if c.tauF < 1e-6 {
			e := math.Exp(-0.025 / c.tauD)
			xss := (1 - e) / (1 - (1-c.U)*e)
			if last := got[len(got)-1]; math.Abs(last-c.U*xss) > 1e-6 {
				t.Errorf("steady state release %.9g, closed form %.9g", last, c.U*xss)
			}
		}
	}
}

// connected builds synapses of model s from src to g, connects the one
// pair and sets its weight.
func connected(s Synapse, src spiking.SpikeSource, g spiking.Group, w float64) ([]*spiking.Synapses, error) {
	syn, err := s.Synapses(src, g, spiking.SynapsesOptions{})
	if err != nil {
		return nil, err
	}
	if err := syn.ConnectAll(); err != nil {
		return nil, err
	}
	return []*spiking.Synapses{syn}, syn.Set("w", w)
}

func ftoa(v float64) string { return fmtG(v) }

// pairRun runs one synapse of model s from a generator spiking at pre to a
// neuron forced to spike at post, and returns the final weight.
func pairRun(t *testing.T, s Synapse, pre, post []float64) float64 {
	t.Helper()
	// The post neuron fires at the steps of post: its threshold reads a
	// TimedArray of spike flags.
	n := 5000
	flags := make([]float64, n)
	for _, p := range post {
		flags[int(math.Round(p/sdt))] = 1
	}
	ta, err := spiking.NewTimedArray("postflag", flags, 1, sdt)
	if err != nil {
		t.Fatal(err)
	}
	g, err := spiking.NewNeuronGroup(1, "g : siemens", spiking.NeuronGroupOptions{Threshold: "postflag(t) > 0.5", Namespace: map[string]any{"postflag": ta}})
	if err != nil {
		t.Fatal(err)
	}
	idx := make([]int, len(pre))
	gen, err := spiking.NewSpikeGeneratorGroup(1, idx, pre, 0, spiking.GroupOptions{})
	if err != nil {
		t.Fatal(err)
	}
	syn, err := s.Synapses(gen, g, spiking.SynapsesOptions{})
	if err != nil {
		t.Fatal(err)
	}
	if err := syn.ConnectAll(); err != nil {
		t.Fatal(err)
	}
	if err := syn.Set("w", 0.5); err != nil {
		t.Fatal(err)
	}
	net, err := spiking.NewNetwork(sdt, gen, g, syn)
	if err != nil {
		t.Fatal(err)
	}
	if err := net.Run(float64(n) * sdt); err != nil {
		t.Fatal(err)
	}
	w, err := syn.Get("w")
	if err != nil {
		t.Fatal(err)
	}
	return w[0]
}

func TestSTDPPair(t *testing.T) {
	// Song et al. (2000): Δw = dApre e^(−Δ/τ) for post Δ after pre,
	// dApost e^(−Δ/τ) for pre Δ after post.
	s := STDP("g")
	for _, d := range []float64{2e-3, 10e-3, 40e-3} {
		if w := pairRun(t, s, []float64{0.1}, []float64{0.1 + d}); math.Abs(w-(0.5+0.01*math.Exp(-d/20e-3))) > 1e-12 {
			t.Errorf("pre→post %g ms: w = %.15g, want %.15g", d*1e3, w, 0.5+0.01*math.Exp(-d/20e-3))
		}
		if w := pairRun(t, s, []float64{0.1 + d}, []float64{0.1}); math.Abs(w-(0.5-0.0105*math.Exp(-d/20e-3))) > 1e-12 {
			t.Errorf("post→pre %g ms: w = %.15g, want %.15g", d*1e3, w, 0.5-0.0105*math.Exp(-d/20e-3))
		}
	}
}

func TestTripletSTDP(t *testing.T) {
	// Pfister & Gerstner (2006): pre at 0, post at Δ gives A2p e^(−Δ/τ+)
	// (o2 = 0 before the first post spike); a post–pre–post triplet adds
	// the triplet term r1·A3p·o2 at the second post spike.
	s := TripletSTDP("g")
	const tp, tm, ty = 16.8e-3, 33.7e-3, 125e-3
	const A2p, A3p, A2m = 5e-10, 6.2e-3, 7e-3
	d := 10e-3
	if w := pairRun(t, s, []float64{0.1}, []float64{0.1 + d}); math.Abs(w-(0.5+A2p*math.Exp(-d/tp))) > 1e-15 {
		t.Errorf("pair: w = %.17g, want %.17g", w, 0.5+A2p*math.Exp(-d/tp))
	}
	// post at 0.1, pre at 0.11, post at 0.12.
	w := pairRun(t, s, []float64{0.11}, []float64{0.1, 0.12})
	want := 0.5 - math.Exp(-0.01/tm)*(A2m+0) // pre: o1 from the first post, r2 = 0
	want += math.Exp(-0.01/tp) * (A2p + A3p*math.Exp(-0.02/ty))
	if math.Abs(w-want) > 1e-14 {
		t.Errorf("post–pre–post: w = %.17g, want %.17g", w, want)
	}
}

func fmtG(v float64) string { return strconv.FormatFloat(v, 'g', -1, 64) }
