package spiking

import (
	"bytes"
	"math"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/gohears/hears/internal/refdata"
)

func TestClockSteps(t *testing.T) {
	c := &simClock{dt: 1e-4}
	cases := []struct {
		target float64
		want   int64
	}{{0.2, 2000}, {0.1, 1000}, {0.10000000001, 1000}, {0.10001, 1001}, {0.100004, 1000 + 1}, {0, 0}}
	for _, k := range cases {
		if got := c.stepOf(k.target); got != k.want {
			t.Errorf("stepOf(%g) = %d want %d", k.target, got, k.want)
		}
	}
	if timestep(2e-3, 1e-4) != 20 || timestep(1.9999999e-3, 1e-4) != 20 || timestep(1.99e-3, 1e-4) != 19 {
		t.Error("timestep rule")
	}
}

func TestTimedArrayRowRule(t *testing.T) {
	ta, err := NewTimedArray("ta", []float64{0, 1, 2}, 1, 5e-3)
	if err != nil {
		t.Fatal(err)
	}
	// README: with dt_ta = 5 ms a stage at t = 4.995 ms reads row 0, one at
	// 5.005 ms row 1 (group dt 0.01 ms).
	for _, c := range []struct {
		t    float64
		want int
	}{{4.995e-3, 0}, {5.005e-3, 1}, {-1, 0}, {1, 2}, {5e-3, 1}} {
		if got := ta.Row(c.t, 1e-5); got != c.want {
			t.Errorf("row(%g) = %d want %d", c.t, got, c.want)
		}
	}
	// floor(k*dt/dt_ta) for every step of a 44.1 kHz group reading a
	// 44.1 kHz array: the row is the step.
	fs := 44100.0
	big := must(NewTimedArray("s", make([]float64, 5000), 1, 1/fs))(t)
	for k := 0; k < 4410; k++ {
		if r := big.Row(float64(k)*(1/fs), 1/fs); r != k {
			t.Fatalf("step %d reads row %d", k, r)
		}
	}
	if _, err := NewTimedArray("x", []float64{1, 2, 3}, 2, 1e-3); err == nil {
		t.Error("ragged array accepted")
	}
	if _, err := NewTimedArray("x", []float64{math.NaN()}, 1, 1e-3); err == nil {
		t.Error("NaN accepted")
	}
}

// TestScheduleAndStore runs a spike generator with a spike monitor and a
// network operation, checks Brian2's step rule and schedule order, and
// that Restore brings back the monitor contents and the time.
func TestScheduleAndStore(t *testing.T) {
	dt := 1e-4
	// 0.29999 ms -> step floor((0.29999+0.0001)/0.1) = 3; 0.35 ms -> 3 (other
	// neuron); 1.05 ms -> 10; 0.0999 ms -> 1 (within 1e-3 dt of the step).
	g, err := NewSpikeGeneratorGroup(3, []int{0, 1, 2, 0}, []float64{0.29999e-3, 0.35e-3, 1.05e-3, 0.09999e-3}, 0, GroupOptions{Name: "gen"})
	if err != nil {
		t.Fatal(err)
	}
	mon := must(NewSpikeMonitor(g, nil, MonitorOptions{Name: "mon"}))(t)
	var order []string
	var seen []int
	op := must(NewNetworkOperation(func(tt float64) error {
		order = append(order, "op")
		seen = append(seen, len(mon.I()))
		return nil
	}, NetworkOperationOptions{Name: "op", When: "end", Every: 5}))(t)
	net, err := NewNetwork(dt, g, mon, op)
	if err != nil {
		t.Fatal(err)
	}
	var buf bytes.Buffer
	net.ReportTo(&buf, 0)
	if err := net.Run(0.5e-3); err != nil {
		t.Fatal(err)
	}
	if err := net.Store("half"); err != nil {
		t.Fatal(err)
	}
	if err := net.Run(0.7e-3); err != nil {
		t.Fatal(err)
	}
	if got, want := mon.Steps(), []int64{1, 3, 3, 10}; !slices.Equal(got, want) {
		t.Errorf("steps %v want %v", got, want)
	}
	if got, want := mon.I(), []int{0, 0, 1, 2}; !slices.Equal(got, want) {
		t.Errorf("indices %v want %v", got, want)
	}
	if mon.T()[3] != 10*dt {
		t.Errorf("time %v", mon.T()[3])
	}
	if !slices.Equal(seen, []int{0, 3, 4}) { // op at steps 0, 5, 10 in slot end, after the thresholds
		t.Errorf("network operation saw %v", seen)
	}
	if !strings.Contains(buf.String(), "Starting simulation") {
		t.Errorf("report %q", buf.String())
	}
	if math.Abs(net.T()-1.2e-3) > 1e-18 {
		t.Errorf("t = %g", net.T())
	}
	if err := net.Restore("half"); err != nil {
		t.Fatal(err)
	}
	if net.T() != 0.5e-3 || mon.NumSpikes() != 3 {
		t.Errorf("restore: t %g, %d spikes", net.T(), mon.NumSpikes())
	}
	if err := net.Run(0.7e-3); err != nil {
		t.Fatal(err)
	}
	if mon.NumSpikes() != 4 || !slices.Equal(mon.Count(), []int{2, 1, 1}) {
		t.Errorf("after restore and rerun: %v", mon.Count())
	}
	if err := net.Restore("nope"); err == nil {
		t.Error("unknown name accepted")
	}
	if _, err := NewSpikeGeneratorGroup(2, []int{0, 0}, []float64{1e-3, 1.01e-3}, 0, GroupOptions{}); err != nil {
		t.Fatal(err)
	}
	g2 := must(NewSpikeGeneratorGroup(2, []int{0, 0}, []float64{1e-3, 1.01e-3}, 0, GroupOptions{}))(t)
	net2 := must(NewNetwork(dt, g2))(t)
	if err := net2.Run(1e-3); err == nil || !strings.Contains(err.Error(), "two spikes") {
		t.Errorf("two spikes in one step: %v", err)
	}
}

// TestSpikeGeneratorPeriod: spikes repeat every period.
func TestSpikeGeneratorPeriod(t *testing.T) {
	g, err := NewSpikeGeneratorGroup(1, []int{0}, []float64{0.2e-3}, 1e-3, GroupOptions{})
	if err != nil {
		t.Fatal(err)
	}
	mon := must(NewSpikeMonitor(g, nil, MonitorOptions{}))(t)
	net := must(NewNetwork(1e-4, g, mon))(t)
	if err := net.Run(3.5e-3); err != nil {
		t.Fatal(err)
	}
	if got := mon.Steps(); !slices.Equal(got, []int64{2, 12, 22, 32}) {
		t.Errorf("steps %v", got)
	}
	if _, err := NewSpikeGeneratorGroup(1, []int{0}, []float64{2e-3}, 1e-3, GroupOptions{}); err == nil {
		t.Error("spike after period accepted")
	}
}

// TestMultipleClocks: an operation with dt = 1 ms and one with 0.1 ms tick
// together at common times (the slower one first when its slot is earlier).
func TestMultipleClocks(t *testing.T) {
	var log []string
	a := must(NewNetworkOperation(func(tt float64) error { log = append(log, "a"); return nil }, NetworkOperationOptions{Name: "a", Dt: 1e-3, When: "start"}))(t)
	b := must(NewNetworkOperation(func(tt float64) error { log = append(log, "b"); return nil }, NetworkOperationOptions{Name: "b", When: "end"}))(t)
	net := must(NewNetwork(1e-4, a, b))(t)
	if err := net.Run(2e-3); err != nil {
		t.Fatal(err)
	}
	if len(log) != 22 || log[0] != "a" || log[1] != "b" || log[11] != "a" || log[2] != "b" {
		t.Errorf("log %v", log)
	}
}

// TestPoissonGroupRate: mean count of 1000 sources at 50 Hz over 1 s is
// 50 per source; the total (50000) has sd sqrt(50000*(1-p)) ~ 223.
func TestPoissonGroupRate(t *testing.T) {
	g, err := NewPoissonGroup(1000, []float64{50}, GroupOptions{})
	if err != nil {
		t.Fatal(err)
	}
	c := must(NewSpikeCounter(g, MonitorOptions{}))(t)
	net := must(NewNetwork(1e-4, g, c))(t)
	net.Seed(3)
	if err := net.Run(1); err != nil {
		t.Fatal(err)
	}
	if d := math.Abs(float64(c.Total()) - 50000); d > 5*224 {
		t.Errorf("total %d spikes, expected 50000", c.Total())
	}
}

type fakeSound struct {
	d  []float64
	ch int
	fs float64
}

func (f fakeSound) Data() []float64     { return f.d }
func (f fakeSound) NumChannels() int    { return f.ch }
func (f fakeSound) SampleRate() float64 { return f.fs }

// TestTimedArrayFromSound: a frame-major sound becomes a 2-D TimedArray
// read at the sound's sample rate; a group at the same rate reads frame k
// in step k.
func TestTimedArrayFromSound(t *testing.T) {
	s := fakeSound{d: []float64{0, 10, 1, 11, 2, 12, 3, 13}, ch: 2, fs: 1000}
	ta, err := TimedArrayFromSound("snd", s)
	if err != nil {
		t.Fatal(err)
	}
	if ta.Rows() != 4 || ta.Cols() != 2 || ta.Dt() != 1e-3 {
		t.Fatalf("shape %dx%d dt %g", ta.Rows(), ta.Cols(), ta.Dt())
	}
	g, err := NewNeuronGroup(2, "x : 1", NeuronGroupOptions{Namespace: map[string]any{"snd": ta}})
	if err != nil {
		t.Fatal(err)
	}
	if err := g.RunRegularly("x = snd(t, i)", RegularOptions{}); err != nil {
		t.Fatal(err)
	}
	sm := must(NewStateMonitor(g, []string{"x"}, StateMonitorOptions{MonitorOptions: MonitorOptions{When: "end"}}))(t)
	net := must(NewNetwork(1e-3, g, sm))(t)
	if err := net.Run(4e-3); err != nil {
		t.Fatal(err)
	}
	rows := must(sm.Rows("x"))(t)
	for k, r := range rows {
		if r[0] != float64(k) || r[1] != float64(10+k) {
			t.Errorf("step %d: %v", k, r)
		}
	}
	if v := must(ta.At(-1, 1, 1e-3))(t); v != 10 {
		t.Errorf("before 0: %g", v)
	}
	if _, err := ta.At(0, 2, 1e-3); err == nil {
		t.Error("column out of range accepted")
	}
}

// TestStopAndSchedule: Network.Stop ends a run after the current step;
// a custom schedule reorders slots; unknown slots are errors.
func TestStopAndSchedule(t *testing.T) {
	var net *Network
	calls := 0
	op, _ := NewNetworkOperation(func(tt float64) error {
		calls++
		if calls == 5 {
			net.Stop()
		}
		return nil
	}, NetworkOperationOptions{})
	net = must(NewNetwork(1e-4, op))(t)
	if err := net.Run(1e-2); err != nil {
		t.Fatal(err)
	}
	if calls != 5 || math.Abs(net.T()-5e-4) > 1e-15 {
		t.Errorf("stopped after %d calls at t = %g", calls, net.T())
	}
	var log []string
	a := must(NewNetworkOperation(func(float64) error { log = append(log, "a"); return nil }, NetworkOperationOptions{Name: "a", When: "start"}))(t)
	b := must(NewNetworkOperation(func(float64) error { log = append(log, "b"); return nil }, NetworkOperationOptions{Name: "b", When: "end"}))(t)
	n2 := must(NewNetwork(1e-4, a, b))(t)
	if err := n2.SetSchedule("end", "start"); err != nil {
		t.Fatal(err)
	}
	if err := n2.Run(1e-4); err != nil {
		t.Fatal(err)
	}
	if !slices.Equal(log, []string{"b", "a"}) {
		t.Errorf("custom schedule order %v", log)
	}
	c := must(NewNetworkOperation(func(float64) error { return nil }, NetworkOperationOptions{When: "middle"}))(t)
	n3 := must(NewNetwork(1e-4, c))(t)
	if err := n3.Run(1e-4); err == nil || !strings.Contains(err.Error(), "unknown schedule slot") {
		t.Errorf("unknown slot: %v", err)
	}
	if err := n3.SetSchedule("start", "start"); err == nil {
		t.Error("repeated slot accepted")
	}
	if err := n3.Add(c); err == nil {
		t.Error("duplicate object accepted")
	}
}

// TestAutomaticNamesPerNetwork: automatic names are given by the network
// an object joins (base, base_1, ... in the order of Add, Brian2's
// find_name), not by a process-wide counter, and the state updaters of 11
// groups run in Brian2's order (names compared as strings, so
// neurongroup_10 before neurongroup_2; testdata/brian2/schedule_names).
func TestAutomaticNamesPerNetwork(t *testing.T) {
	raw, err := os.ReadFile(filepath.Join("..", "testdata", "brian2", "schedule_names", "sorted_objects.txt"))
	if err != nil {
		t.Fatal(err)
	}
	var want []string
	for _, line := range strings.Split(strings.TrimSpace(string(raw)), "\n") {
		f := strings.Fields(line)
		if f[0] == "groups" {
			want = append(want, f[2])
		}
	}
	for round := 0; round < 2; round++ { // the second network repeats the names
		var objs []Object
		for range 11 {
			g, err := NewNeuronGroup(1, "dv/dt = -v/(10*ms) : 1", NeuronGroupOptions{})
			if err != nil {
				t.Fatal(err)
			}
			if g.Name() != "neurongroup" {
				t.Fatalf("provisional name %q", g.Name())
			}
			objs = append(objs, g)
		}
		net, err := NewNetwork(0, objs...)
		if err != nil {
			t.Fatal(err)
		}
		if objs[10].Name() != "neurongroup_10" {
			t.Errorf("11th group named %q", objs[10].Name())
		}
		ops, err := net.prepare()
		if err != nil {
			t.Fatal(err)
		}
		var got []string
		for _, op := range ops {
			got = append(got, op.name)
		}
		if !slices.Equal(got, want) {
			t.Errorf("round %d: order %v, Brian2 %v", round, got, want)
		}
	}
	// A given name is kept; an automatic name skips it.
	a := must(NewNeuronGroup(1, "v : 1", NeuronGroupOptions{GroupOptions: GroupOptions{Name: "neurongroup"}}))(t)
	b := must(NewNeuronGroup(1, "v : 1", NeuronGroupOptions{}))(t)
	if _, err := NewNetwork(0, a, b); err != nil || b.Name() != "neurongroup_1" {
		t.Errorf("automatic name beside a given one: %q, %v", b.Name(), err)
	}
}

// TestPoissonGroupSkipStatistics: spike trains drawn by skipping (constant
// rates) are Bernoulli processes with p = rate*dt per step, as Brian2's
// per-step rule: per-element counts over T steps have mean T p and
// variance T p (1 − p) (binomial), consecutive steps are independent
// (P(spike at k and k+1) = p²), p = 1 spikes every step and p = 0 never;
// a rate change between runs takes effect.
func TestPoissonGroupSkipStatistics(t *testing.T) {
	const n, steps, dt = 2000, 400, 1e-4
	rates := make([]float64, n)
	for k := range rates {
		rates[k] = 3000 // p = 0.3
	}
	rates[0], rates[1] = 1e4, 0 // p = 1, p = 0
	g, err := NewPoissonGroup(n, rates, GroupOptions{})
	if err != nil {
		t.Fatal(err)
	}
	mon := must(NewSpikeMonitor(g, nil, MonitorOptions{}))(t)
	net := must(NewNetwork(dt, g, mon))(t)
	net.Seed(9)
	if err := net.Run(steps * dt); err != nil {
		t.Fatal(err)
	}
	trains := make([][]bool, n)
	for k := range trains {
		trains[k] = make([]bool, steps)
	}
	is, ks := mon.I(), mon.Steps()
	for k, i := range is {
		trains[i][ks[k]] = true
	}
	cnt := mon.Count()
	if cnt[0] != steps || cnt[1] != 0 {
		t.Errorf("p = 1: %d spikes in %d steps; p = 0: %d spikes", cnt[0], steps, cnt[1])
	}
	p := 0.3
	var s, s2, pairs float64
	for i := 2; i < n; i++ {
		c := float64(cnt[i])
		s += c
		s2 += c * c
		for k := 1; k < steps; k++ {
			if trains[i][k] && trains[i][k-1] {
				pairs++
			}
		}
	}
	m := float64(n - 2)
	mean, vr := s/m, s2/m-(s/m)*(s/m)
	wantMean, wantVar := steps*p, steps*p*(1-p)
	if math.Abs(mean-wantMean) > 5*math.Sqrt(wantVar/m) {
		t.Errorf("mean count %g, want %g", mean, wantMean)
	}
	if math.Abs(vr-wantVar) > 5*wantVar*math.Sqrt(2/m) {
		t.Errorf("count variance %g, want %g", vr, wantVar)
	}
	wantPairs := m * (steps - 1) * p * p
	if math.Abs(pairs-wantPairs) > 5*math.Sqrt(wantPairs) {
		t.Errorf("%g pairs of consecutive spikes, want %g (independent steps)", pairs, wantPairs)
	}
	// Spikes of each step are ascending (subgroups and synapses rely on it).
	for k := 1; k < len(is); k++ {
		if ks[k] == ks[k-1] && is[k] <= is[k-1] {
			t.Fatalf("spikes of step %d out of order", ks[k])
		}
	}
	// A new rate takes effect in the next run.
	if err := g.SetRates(0); err != nil {
		t.Fatal(err)
	}
	before := mon.NumSpikes()
	if err := net.Run(100 * dt); err != nil {
		t.Fatal(err)
	}
	if mon.NumSpikes() != before {
		t.Errorf("rate 0: %d new spikes", mon.NumSpikes()-before)
	}
}

// TestPoissonRatesChangeDuringRun: rates set by a network operation during
// a run take effect from the next step (Brian2: rates changed by
// run_regularly or a network_operation).
func TestPoissonRatesChangeDuringRun(t *testing.T) {
	g := must(NewPoissonGroup(100, []float64{2000}, GroupOptions{}))(t)
	mon := must(NewSpikeMonitor(g, nil, MonitorOptions{}))(t)
	op := must(NewNetworkOperation(func(tt float64) error {
		if tt >= 5e-3 {
			return g.SetRates(0)
		}
		return nil
	}, NetworkOperationOptions{When: "start"}))(t)
	net := must(NewNetwork(1e-4, g, mon, op))(t)
	net.Seed(2)
	noErr(t, net.Run(10e-3))
	before := 0
	for _, k := range mon.Steps() {
		if k >= 50 {
			t.Fatalf("spike in step %d after the rate became 0 at step 50", k)
		}
		before++
	}
	if want := 100 * 2000 * 5e-3; math.Abs(float64(before)-want) > 5*math.Sqrt(want) {
		t.Errorf("%d spikes before the change, want about %g", before, want)
	}
}

// TestBrian2PoissonRunRegularly: run_regularly on a PoissonGroup changes
// the rates during a run: the first spike falls in the step where Brian2's
// does (testdata/brian2/poisson_run_regularly) and the counts have the
// expected binomial size (Brian2's within sampling error).
func TestBrian2PoissonRunRegularly(t *testing.T) {
	ref := must(refdata.CSV(filepath.Join("..", "testdata", "brian2", "poisson_run_regularly", "stats.csv")))(t)
	g := must(NewPoissonGroup(2000, []float64{0}, GroupOptions{}))(t)
	noErr(t, g.RunRegularly("rates = int(t > 4*ms)*(1000 + 2000*(i % 2))*Hz", RegularOptions{Dt: 1e-3}))
	m := must(NewSpikeMonitor(g, nil, MonitorOptions{}))(t)
	net := must(NewNetwork(1e-4, g, m))(t)
	net.Seed(8)
	noErr(t, net.Run(10e-3))
	steps, is := m.Steps(), m.I()
	even, odd := 0, 0
	for _, i := range is {
		if i%2 == 0 {
			even++
		} else {
			odd++
		}
	}
	if len(steps) == 0 || float64(steps[0]) != ref[0][0] {
		t.Fatalf("first spike in step %v, Brian2 %g", steps[:min(1, len(steps))], ref[0][0])
	}
	for _, c := range []struct {
		got       int
		want, ref float64
	}{{even, 1000 * 50 * 1000e-4, ref[0][1]}, {odd, 1000 * 50 * 3000e-4, ref[0][2]}} {
		if se := math.Sqrt(c.want); math.Abs(float64(c.got)-c.want) > 5*se || math.Abs(float64(c.got)-c.ref) > 5*math.Sqrt2*se {
			t.Errorf("%d spikes, expected %g (Brian2 %g)", c.got, c.want, c.ref)
		}
	}
	if err := g.RunRegularly("i = 1", RegularOptions{}); err == nil {
		t.Error("run_regularly wrote i")
	}
}
