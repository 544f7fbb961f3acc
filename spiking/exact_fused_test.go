package spiking

import (
	"fmt"
	"math"
	"slices"
	"strings"
	"testing"
)

// fusedCase builds a small CUBA-like network (exact, refractory,
// recurrent synapses) whose model and threshold vary, optionally with an
// operation scheduled between the state update and the threshold, which
// turns the one-pass update off (the separate passes then run).
func fusedCase(t *testing.T, model, threshold string, blocker bool, workers int) (*NeuronGroup, *SpikeMonitor, *Network) {
	t.Helper()
	ns := map[string]any{"taum": "20*ms", "taue": "5*ms", "taui": "10*ms", "Vt": "-50*mV", "Vr": "-60*mV", "El": "-49*mV",
		"we": "(60*0.27/10)*mV", "wi": "(-20*4.5/10)*mV",
		"stim": must(NewTimedArray("stim", []float64{0, 2e-3, -1e-3, 4e-3, 0}, 1, 0.04))(t)}
	p := must(NewNeuronGroup(1500, model, NeuronGroupOptions{GroupOptions: GroupOptions{Name: "fx"}, Threshold: threshold, Reset: "v = Vr",
		Refractory: 5e-3, Method: "exact", Namespace: ns}))(t)
	p.SeedInit(1)
	noErr(t, p.SetExpr("v", "Vr + rand() * (Vt - Vr)"))
	var objs []Object
	objs = append(objs, p)
	if strings.Contains(model, "ge") {
		ce := must(NewSynapses(p, p, SynapsesOptions{OnPre: "ge += we", Namespace: ns}))(t)
		ce.SeedInit(2)
		noErr(t, ce.ConnectExpr("i<1200", ConnectOptions{P: "0.05"}))
		objs = append(objs, ce)
	}
	if strings.Contains(model, "gi") {
		ci := must(NewSynapses(p, p, SynapsesOptions{OnPre: "gi += wi", Namespace: ns}))(t)
		ci.SeedInit(3)
		noErr(t, ci.ConnectExpr("i>=1200", ConnectOptions{P: "0.05"}))
		objs = append(objs, ci)
	}
	mon := must(NewSpikeMonitor(p, nil, MonitorOptions{}))(t)
	objs = append(objs, mon)
	if blocker {
		objs = append(objs, must(NewNetworkOperation(func(float64) error { return nil }, NetworkOperationOptions{When: "after_groups"}))(t))
	}
	net := must(NewNetwork(1e-4, objs...))(t)
	noErr(t, net.SetWorkers(workers))
	net.Seed(4)
	return p, mon, net
}

// TestFusedExactMatchesPasses: the one-pass exact update gives the same
// spikes and bit-identical states as the separate passes, for one to three
// variables, every comparison operator, with (unless refractory), and with
// 1 and 2 workers.
func TestFusedExactMatchesPasses(t *testing.T) {
	models := []string{
		"dv/dt  = (ge+gi-(v-El))/taum : volt (unless refractory)\ndge/dt = -ge/taue : volt\ndgi/dt = -gi/taui : volt",
		"dv/dt  = (ge-(v-El))/taum : volt (unless refractory)\ndge/dt = -ge/taue : volt",
		"dv/dt  = (ge-(v-El))/taum : volt\ndge/dt = -ge/taue : volt",
		"dv/dt  = (-(v-El))/taum : volt (unless refractory)",
		// a constant term that changes during the run (new d, same E)
		"dv/dt  = (ge+gi-(v-El)+stim(t)*volt)/taum : volt (unless refractory)\ndge/dt = -ge/taue : volt\ndgi/dt = -gi/taui : volt",
	}
	thresholds := []string{"v > Vt", "v >= Vt"}
	for mi, model := range models {
		for ti, thr := range thresholds {
			if ti > 0 && mi > 0 {
				continue // both operators on the full model only
			}
			name := fmt.Sprintf("model%d/%s", mi, thr)
			t.Run(name, func(t *testing.T) {
				type result struct {
					i     []int
					steps []int64
					state [][]float64
					fused bool
					lif   bool
				}
				run := func(blocker bool, workers int) result {
					p, mon, net := fusedCase(t, model, thr, blocker, workers)
					noErr(t, net.Run(0.2))
					net.Close()
					r := result{i: mon.I(), steps: mon.Steps(), fused: p.built.fx != nil, lif: p.built.fx != nil && p.built.fx.lif}
					for _, v := range []string{"v", "ge", "gi", "lastspike", "not_refractory"} {
						if x, err := p.Get(v); err == nil {
							r.state = append(r.state, x)
						}
					}
					return r
				}
				ref := run(true, 1)
				if ref.fused || len(ref.i) == 0 {
					t.Fatalf("reference: one-pass %v, %d spikes", ref.fused, len(ref.i))
				}
				for _, w := range []int{1, 2} {
					got := run(false, w)
					if !got.fused {
						t.Fatalf("%d workers: the one-pass update was not chosen", w)
					}
					if want := mi == 0 || mi == 4; got.lif != want {
						t.Fatalf("%d workers: LIF kernel %v, want %v", w, got.lif, want)
					}
					if !slices.Equal(got.i, ref.i) || !slices.Equal(got.steps, ref.steps) {
						t.Fatalf("%d workers: %d spikes, separate passes %d", w, len(got.i), len(ref.i))
					}
					for k := range ref.state {
						for n := range ref.state[k] {
							if math.Float64bits(got.state[k][n]) != math.Float64bits(ref.state[k][n]) {
								t.Fatalf("%d workers: state %d of neuron %d: %v, separate passes %v", w, k, n, got.state[k][n], ref.state[k][n])
							}
						}
					}
				}
			})
		}
	}
}

// TestFusedExactLessThan: thresholds "v < c" and "v <= c" (a neuron that
// fires when hyperpolarised) on the one-pass path equal the separate
// passes.
func TestFusedExactLessThan(t *testing.T) {
	for _, thr := range []string{"v < -0.5", "v <= -0.5", "v >= -0.5"} {
		run := func(blocker bool) ([]int64, []float64, bool) {
			g := must(NewNeuronGroup(600, "dv/dt = (-1 - v)/(10*ms) : 1 (unless refractory)",
				NeuronGroupOptions{GroupOptions: GroupOptions{Name: "lt"}, Threshold: thr, Reset: "v = 0", Refractory: 2e-3, Method: "exact"}))(t)
			g.SeedInit(5)
			noErr(t, g.SetExpr("v", "rand()*0.5"))
			mon := must(NewSpikeMonitor(g, nil, MonitorOptions{}))(t)
			objs := []Object{g, mon}
			if blocker {
				objs = append(objs, must(NewNetworkOperation(func(float64) error { return nil }, NetworkOperationOptions{When: "after_groups"}))(t))
			}
			net := must(NewNetwork(1e-4, objs...))(t)
			noErr(t, net.Run(0.1))
			return mon.Steps(), must(g.Get("v"))(t), g.built.fx != nil
		}
		s1, v1, f1 := run(false)
		s2, v2, f2 := run(true)
		if !f1 || f2 || len(s1) == 0 {
			t.Fatalf("%s: one-pass %v/%v, %d spikes", thr, f1, f2, len(s1))
		}
		if !slices.Equal(s1, s2) || !slices.Equal(v1, v2) {
			t.Errorf("%s: one pass %d spikes, separate passes %d", thr, len(s1), len(s2))
		}
	}
}

// TestFusedExactNonFinite: a state that overflows stops the run with the
// same error on the one-pass path as on the separate passes.
func TestFusedExactNonFinite(t *testing.T) {
	run := func(blocker bool) (error, bool) {
		g := must(NewNeuronGroup(1000, "dv/dt = v/(20*us) : 1", NeuronGroupOptions{GroupOptions: GroupOptions{Name: "blowup"},
			Threshold: "v > 1e300", Method: "exact"}))(t)
		noErr(t, g.SetExpr("v", "(i == 700)*1e-300"))
		objs := []Object{g}
		if blocker {
			objs = append(objs, must(NewNetworkOperation(func(float64) error { return nil }, NetworkOperationOptions{When: "after_groups"}))(t))
		}
		net := must(NewNetwork(1e-4, objs...))(t)
		err := net.Run(0.1)
		return err, g.built.fx != nil
	}
	e1, f1 := run(false)
	e2, f2 := run(true)
	if !f1 || f2 {
		t.Fatalf("one-pass chosen: %v, %v", f1, f2)
	}
	if e1 == nil || e2 == nil || e1.Error() != e2.Error() || !strings.Contains(e1.Error(), "neuron 700") {
		t.Errorf("errors differ:\n%v\n%v", e1, e2)
	}
}

// BenchmarkCUBAUpdate times one state update of CUBA's 4000 neurons on
// one thread, on the one-pass path and on the separate passes (ns per
// neuron and step).
func BenchmarkCUBAUpdate(b *testing.B) {
	for _, onePass := range []bool{true, false} {
		b.Run(fmt.Sprintf("onepass=%v", onePass), func(b *testing.B) {
			net, _ := cuba(b)
			noErr(b, net.SetWorkers(1))
			noErr(b, net.Run(0.05))
			g := net.objects[0].(*NeuronGroup)
			c := g.built
			if !onePass {
				c.fx = nil
			}
			// Steps continue the run (the same times as a simulation),
			// with the reset applied, but without synaptic input.
			v := g.vars.vars["v"].data
			ge0 := slices.Clone(g.vars.vars["ge"].data)
			gi0 := slices.Clone(g.vars.vars["gi"].data)
			k := int64(500)
			c0 := cpuTime()
			for b.Loop() {
				s := tick{K: k, T: float64(k) * 1e-4, Dt: 1e-4}
				k++
				if k%1000 == 0 { // keep ge and gi away from subnormal numbers
					copy(g.vars.vars["ge"].data, ge0)
					copy(g.vars.vars["gi"].data, gi0)
				}
				for lo := 0; lo < g.n; lo += stateBlock {
					if err := g.updateBlock(c, &c.envs[0], &g.rng.r[0], s, 0.01, lo, min(g.n, lo+stateBlock), &c.mu); err != nil {
						b.Fatal(err)
					}
					if !g.fused {
						c.blockSpikes[lo/stateBlock] = c.thrFast.collect(g, c.blockSpikes[lo/stateBlock][:0], s.T, lo, min(g.n, lo+stateBlock))
					}
					for _, i := range c.blockSpikes[lo/stateBlock] {
						v[i] = -60e-3
					}
				}
			}
			b.ReportMetric(float64((cpuTime()-c0).Nanoseconds())/float64(b.N)/float64(g.n), "cpu-ns/neuron")
		})
	}
}

// TestLIF3KernelMatchesGo: the AVX2 kernel of lif3 gives the bits of the
// pure-Go kernel (NaN as NaN), not_refractory, candidate bits and finite
// flag included, for every block length up to 40, refractory periods of
// 0, 1 and 50 steps with last spikes around their ends (and NaN, infinite
// and future ones), kept and unkept v, and non-finite states.
func TestLIF3KernelMatchesGo(t *testing.T) {
	t.Logf("kernel: %s", lifKernelPath())
	r := NewRNG(9)
	e := []float64{0.995, 0.0049, 0.0048, 0.002, 0.98, 0.003, 0.001, 0.004, 0.99}
	d := []float64{-2.4e-4, 0, 1e-9}
	const dt = 1e-4
	for n := 1; n <= 40; n++ {
		p := n % 3
		for _, refr := range []int64{0, 1, 50} {
			tNow := float64(1000+n) * dt
			for _, keep := range []bool{true, false} {
				for _, bad := range []float64{0, math.NaN(), math.Inf(1), math.Inf(-1)} {
					s := make([][]float64, 3)
					for k := range s {
						s[k] = make([]float64, n)
						for i := range s[k] {
							s[k][i] = (r.Float64() - 0.5) * 0.1
						}
					}
					ls := make([]float64, n)
					for i := range ls {
						switch u := r.Uint64() % 8; u {
						case 0:
							ls[i] = -1e4
						case 1:
							ls[i] = []float64{math.NaN(), math.Inf(1), math.Inf(-1), tNow + 1}[r.Uint64()%4]

						default: // within a few steps of the refractory period's end
							ls[i] = tNow - float64(refr+2-int64(r.Uint64()%5))*dt
						}
					}
					if bad != 0 {
						s[r.Uint64()%3][r.Uint64()%uint64(n)] = bad
					}
					c := newLifCoef(e, d, p, keep, 0.01)
					c.setTime(tNow, dt, refr)
					a := [][]float64{slices.Clone(s[0]), slices.Clone(s[1]), slices.Clone(s[2])}
					ma, mb := make([]uint8, (n+3)/4), make([]uint8, (n+3)/4)
					actA, actB := make([]float64, n), make([]float64, n)
					okA := lif3Arith(a[0], a[1], a[2], actA, ls, c, ma)
					okB := lif3ArithFast(s[0], s[1], s[2], actB, ls, c, mb)
					if okA != okB || okA != (bad == 0) || !slices.Equal(ma, mb) || !slices.Equal(actA, actB) {
						t.Fatalf("n %d p %d r %d keep %v bad %v: finite %v/%v, masks %v/%v, not_refractory %v/%v", n, p, refr, keep, bad, okA, okB, ma, mb, actA, actB)
					}
					for i, x := range ls {
						want := 1.0
						if x >= tNow-float64(refr+1)*dt {
							want = b2f(timestep(tNow-x, dt) >= refr)
						}
						if actA[i] != want {
							t.Fatalf("n %d r %d: neuron %d (lastspike %v): not_refractory %v, want %v", n, refr, i, x, actA[i], want)
						}
					}
					for k := range a {
						for i := range a[k] {
							x, y := a[k][i], s[k][i]
							if math.Float64bits(x) != math.Float64bits(y) && !(math.IsNaN(x) && math.IsNaN(y)) {
								t.Fatalf("n %d keep %v bad %v: variable %d neuron %d: %v vs %v", n, keep, bad, k, i, x, y)
							}
						}
					}
				}
			}
		}
	}
	// Last spikes whose (t - ls + eps)/dt lands on r exactly (dt = 1 s,
	// t = 64 s, r = 50: the grid of 64 - ls is finer than the ulp of 50),
	// where timestep(...) >= r holds and a strict comparison would not.
	const n = 64
	tNow, refr := 64.0, int64(50)
	ls := make([]float64, n)
	ls[0] = tNow - (float64(refr) - float64(1e-3*1.0))
	for i := 1; i < n; i++ {
		ls[i] = math.Nextafter(ls[i-1], math.Inf(1))
	}
	exact := 0
	for _, x := range ls {
		if ((tNow-x)+float64(1e-3*1.0))/1 == float64(refr) {
			exact++
		}
	}
	if exact == 0 {
		t.Fatal("no last spike on the boundary")
	}
	c := newLifCoef(e, d, 2, true, 0.01)
	c.setTime(tNow, 1, refr)
	x := [3][]float64{make([]float64, n), make([]float64, n), make([]float64, n)}
	actA, actB := make([]float64, n), make([]float64, n)
	lif3Arith(x[0], x[1], x[2], actA, ls, c, make([]uint8, n/4))
	lif3ArithFast(x[0], x[1], x[2], actB, ls, c, make([]uint8, n/4))
	for i := range ls {
		if want := b2f(timestep(tNow-ls[i], 1) >= refr); actA[i] != want || actB[i] != want {
			t.Errorf("lastspike %v: not_refractory %v (Go), %v (fast), want %v", ls[i], actA[i], actB[i], want)
		}
	}
}
