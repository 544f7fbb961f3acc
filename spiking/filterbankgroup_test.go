package spiking_test

import (
	"math"
	"math/rand/v2"
	"slices"
	"strings"
	"testing"

	"github.com/gohears/hears/filterbank"
	"github.com/gohears/hears/sound"
	"github.com/gohears/hears/spiking"
)

// anfInput is 64 gammatone channels (ERB 100 Hz–8 kHz) of 50 ms of noise at
// 44.1 kHz (5 Pa RMS), half-wave rectified and cube-root compressed (Brian Hears'
// simple_anf hair cells).
func anfInput(t testing.TB) sound.Source {
	t.Helper()
	r := rand.New(rand.NewPCG(5, 6))
	x := make([]float64, 2205)
	for i := range x {
		x[i] = 5 * r.NormFloat64()
	}
	s, err := sound.New(x, 1, 44100)
	if err != nil {
		t.Fatal(err)
	}
	cf, err := filterbank.ERBSpace(100, 8000, 64)
	if err != nil {
		t.Fatal(err)
	}
	gt, err := filterbank.Gammatone(s, cf)
	if err != nil {
		t.Fatal(err)
	}
	ihc, err := filterbank.HalfWaveCubeRoot(gt)
	if err != nil {
		t.Fatal(err)
	}
	return ihc
}

// lifOptions are the integrate-and-fire settings of the tests.
// values returns variable name of g, failing the test on an error.
func values(t testing.TB, g interface {
	Get(string) ([]float64, error)
}, name string) []float64 {
	t.Helper()
	v, err := g.Get(name)
	if err != nil {
		t.Fatal(err)
	}
	return v
}

func lifOptions() spiking.NeuronGroupOptions {
	return spiking.NeuronGroupOptions{Threshold: "v > 1", Reset: "v = 0", Refractory: 2e-3, Method: "euler"}
}

// TestFilterbankGroupMatchesTimedArray: LIF neurons driven by a filterbank
// through a FilterbankGroup spike exactly as the same neurons reading the
// whole output as a TimedArray, ihc(t, i) (Brian2's TimedArray returns
// sample k at step k too), and end in the same state, bit for bit.
func TestFilterbankGroupMatchesTimedArray(t *testing.T) {
	src := anfInput(t)
	fg, err := spiking.NewFilterbankGroup(src, "I", "dv/dt = (3*I - v)/(1*ms) : 1\nI : 1", lifOptions())
	if err != nil {
		t.Fatal(err)
	}
	whole, err := sound.ReadAll(src, 0)
	if err != nil {
		t.Fatal(err)
	}
	ta, err := spiking.TimedArrayFromSound("ihc", whole)
	if err != nil {
		t.Fatal(err)
	}
	opts := lifOptions()
	opts.Namespace = map[string]any{"ihc": ta}
	opts.Dt = 1 / 44100.0
	ng, err := spiking.NewNeuronGroup(64, "dv/dt = (3*ihc(t, i) - v)/(1*ms) : 1", opts)
	if err != nil {
		t.Fatal(err)
	}
	var mons [2]*spiking.SpikeMonitor
	for k, g := range []spiking.SpikeSource{fg, ng} {
		if mons[k], err = spiking.NewSpikeMonitor(g, nil, spiking.MonitorOptions{}); err != nil {
			t.Fatal(err)
		}
	}
	net, err := spiking.NewNetwork(1/44100.0, fg, ng, mons[0], mons[1])
	if err != nil {
		t.Fatal(err)
	}
	defer net.Close()
	if err := net.Run(2205 / 44100.0); err != nil {
		t.Fatal(err)
	}
	if mons[0].NumSpikes() < 100 {
		t.Fatalf("only %d spikes: the drive is too weak for the test to mean much", mons[0].NumSpikes())
	}
	if !slices.Equal(mons[0].I(), mons[1].I()) || !slices.Equal(mons[0].Steps(), mons[1].Steps()) {
		t.Fatalf("spikes differ: %d against %d", mons[0].NumSpikes(), mons[1].NumSpikes())
	}
	v0 := values(t, fg, "v")
	v1 := values(t, ng, "v")
	if !slices.Equal(v0, v1) {
		t.Fatal("final v differs")
	}
}

// TestFilterbankGroupRunsAndRestores: one run equals two half runs, and
// Restore rewinds the input with the state; past the source's end a sound
// gives zeros and a filterbank its ringing tail.
func TestFilterbankGroupRunsAndRestores(t *testing.T) {
	src := anfInput(t)
	build := func() (*spiking.FilterbankGroup, *spiking.Network) {
		fg, err := spiking.NewFilterbankGroup(src, "I", "dv/dt = (3*I - v)/(1*ms) : 1\nI : 1", lifOptions())
		if err != nil {
			t.Fatal(err)
		}
		net, err := spiking.NewNetwork(1/44100.0, fg)
		if err != nil {
			t.Fatal(err)
		}
		return fg, net
	}
	fg1, net1 := build()
	defer net1.Close()
	if err := net1.Run(0.04); err != nil {
		t.Fatal(err)
	}
	fg2, net2 := build()
	defer net2.Close()
	if err := net2.Run(0.02); err != nil {
		t.Fatal(err)
	}
	if err := net2.Store("half"); err != nil {
		t.Fatal(err)
	}
	if err := net2.Run(0.02); err != nil {
		t.Fatal(err)
	}
	a := values(t, fg1, "v")
	b := values(t, fg2, "v")
	if !slices.Equal(a, b) {
		t.Fatal("one 40 ms run and two 20 ms runs differ")
	}
	if err := net2.Restore("half"); err != nil {
		t.Fatal(err)
	}
	if err := net2.Run(0.02); err != nil {
		t.Fatal(err)
	}
	if c := values(t, fg2, "v"); !slices.Equal(a, c) {
		t.Fatal("the run after Restore differs")
	}

	// Past the end (50 ms): a filterbank keeps ringing, a sound is zero.
	if err := net1.Run(0.002); err != nil {
		t.Fatal(err)
	}
	tail := values(t, fg1, "I")
	if slices.Max(tail) == 0 {
		t.Error("past the end of its input the gammatone bank should still ring")
	}
	snd, err := sound.New([]float64{1, 1, 1, 1, 1}, 1, 1000)
	if err != nil {
		t.Fatal(err)
	}
	fs, err := spiking.NewFilterbankGroup(snd, "I", "dv/dt = (I - v)/(10*ms) : 1\nI : 1", spiking.NeuronGroupOptions{})
	if err != nil {
		t.Fatal(err)
	}
	net3, err := spiking.NewNetwork(1e-3, fs)
	if err != nil {
		t.Fatal(err)
	}
	defer net3.Close()
	if err := net3.Run(0.004); err != nil {
		t.Fatal(err)
	}
	if i := values(t, fs, "I"); i[0] != 1 {
		t.Errorf("I = %v at step 3 of a constant 1", i[0])
	}
	if err := net3.Run(0.004); err != nil {
		t.Fatal(err)
	}
	if i := values(t, fs, "I"); i[0] != 0 {
		t.Errorf("I = %v past the end of a sound", i[0])
	}
}

// TestFilterbankGroupErrors: each mistake is an error that names it.
func TestFilterbankGroupErrors(t *testing.T) {
	snd, err := sound.New(make([]float64, 20), 2, 1000)
	if err != nil {
		t.Fatal(err)
	}
	eqs := "dv/dt = (I - v)/(10*ms) : 1\nI : 1\nJ = 2*v : 1\nk : 1 (shared)"
	for _, c := range []struct {
		src    sound.Source
		target string
		opts   spiking.NeuronGroupOptions
		want   string
	}{
		{nil, "I", spiking.NeuronGroupOptions{}, "nil source"},
		{snd, "I", spiking.NeuronGroupOptions{GroupOptions: spiking.GroupOptions{Dt: 1e-4}}, "sample period"},
		{snd, "Q", spiking.NeuronGroupOptions{}, "Q"},
		{snd, "v", spiking.NeuronGroupOptions{}, "differential variable"},
		{snd, "J", spiking.NeuronGroupOptions{}, "cannot be set"},
		{snd, "k", spiking.NeuronGroupOptions{}, "shared"},
		{snd, "t", spiking.NeuronGroupOptions{}, "t"},
	} {
		_, err := spiking.NewFilterbankGroup(c.src, c.target, eqs, c.opts)
		if err == nil || !strings.Contains(err.Error(), c.want) {
			t.Errorf("target %q: error %v, want one naming %q", c.target, err, c.want)
		}
	}
	if _, err := spiking.NewFilterbankGroup(snd, "I", "dv/dt = (I - v)/(10*ms : 1\nI : 1", spiking.NeuronGroupOptions{}); err == nil {
		t.Error("an equation typo was accepted")
	}
	if _, err := spiking.NewFilterbankGroup(snd, "I", eqs, spiking.NeuronGroupOptions{GroupOptions: spiking.GroupOptions{Dt: 1e-3}}); err != nil {
		t.Errorf("dt equal to the sample period refused: %v", err)
	}
}

// BenchmarkSimpleANF times Brian Hears' simple_anf workload from sound to
// spikes: 100 ms of a 1 kHz tone in white noise at 44.1 kHz through 3000
// gammatone channels (ERB 20 Hz–20 kHz), hair cells 3·max(x, 0)^(1/3) and
// 3000 noisy LIF neurons in a FilterbankGroup (euler, refractory 5 ms),
// with a spike monitor; construction included. Brian2 takes 1.1–1.2 s
// (cython, warm cache) and 1.7–1.8 s (numpy) on this kind of machine
// (../shared/reference/README.md).
func BenchmarkSimpleANF(b *testing.B) {
	const fs, n = 44100.0, 4410
	r := rand.New(rand.NewPCG(7, 8))
	x := make([]float64, n)
	for i := range x {
		x[i] = 0.1*r.NormFloat64() + 0.1*math.Sin(2*math.Pi*1000*float64(i)/fs)
	}
	snd, err := sound.New(x, 1, fs)
	if err != nil {
		b.Fatal(err)
	}
	spikes := 0
	for b.Loop() {
		cf, err := filterbank.ERBSpace(20, 20000, 3000)
		if err != nil {
			b.Fatal(err)
		}
		gt, err := filterbank.Gammatone(snd, cf)
		if err != nil {
			b.Fatal(err)
		}
		ihc, err := filterbank.ExprFunction([]sound.Source{gt}, "3*clip(x, 0, inf)**(1.0/3.0)")
		if err != nil {
			b.Fatal(err)
		}
		anf, err := spiking.NewFilterbankGroup(ihc, "I", "dv/dt = (I - v)/(1*ms) + 0.2*xi*(2/(1*ms))**.5 : 1\nI : 1",
			spiking.NeuronGroupOptions{Threshold: "v > 1", Reset: "v = 0", Refractory: 5e-3, Method: "euler"})
		if err != nil {
			b.Fatal(err)
		}
		mon, err := spiking.NewSpikeMonitor(anf, nil, spiking.MonitorOptions{})
		if err != nil {
			b.Fatal(err)
		}
		net, err := spiking.NewNetwork(1/fs, anf, mon)
		if err != nil {
			b.Fatal(err)
		}
		if err := net.Run(n / fs); err != nil {
			b.Fatal(err)
		}
		spikes = mon.NumSpikes()
		net.Close()
	}
	b.ReportMetric(float64(spikes), "spikes")
}

// TestFilterbankGroupSynapsesAndSubgroups: a FilterbankGroup is a source
// and a target of synapses and has subgroups, like any NeuronGroup: each
// of its spikes adds 1 to its partner's counter, a subgroup's monitor sees
// the subgroup's spikes, and synapses into the group act on its neurons.
func TestFilterbankGroupSynapsesAndSubgroups(t *testing.T) {
	fg, err := spiking.NewFilterbankGroup(anfInput(t), "I", "dv/dt = (3*I - v)/(1*ms) : 1\nI : 1\nhits : 1", lifOptions())
	if err != nil {
		t.Fatal(err)
	}
	counter, err := spiking.NewNeuronGroup(64, "n : 1", spiking.NeuronGroupOptions{GroupOptions: spiking.GroupOptions{Dt: 1 / 44100.0}})
	if err != nil {
		t.Fatal(err)
	}
	out, err := spiking.NewSynapses(fg, counter, spiking.SynapsesOptions{OnPre: "n_post += 1"})
	if err != nil {
		t.Fatal(err)
	}
	idx := make([]int, 64)
	for k := range idx {
		idx[k] = k
	}
	if err := out.Connect(idx, idx); err != nil {
		t.Fatal(err)
	}
	back, err := spiking.NewSynapses(fg, fg, spiking.SynapsesOptions{OnPre: "hits_post += 1"})
	if err != nil {
		t.Fatal(err)
	}
	if err := back.Connect(idx, idx); err != nil {
		t.Fatal(err)
	}
	sub, err := fg.Sub(10, 20)
	if err != nil {
		t.Fatal(err)
	}
	all, err := spiking.NewSpikeMonitor(fg, nil, spiking.MonitorOptions{})
	if err != nil {
		t.Fatal(err)
	}
	part, err := spiking.NewSpikeMonitor(sub, nil, spiking.MonitorOptions{})
	if err != nil {
		t.Fatal(err)
	}
	net, err := spiking.NewNetwork(1/44100.0, fg, counter, out, back, all, part, sub)
	if err != nil {
		t.Fatal(err)
	}
	defer net.Close()
	if err := net.Run(2205 / 44100.0); err != nil {
		t.Fatal(err)
	}
	counts := all.Count()
	if all.NumSpikes() < 100 {
		t.Fatalf("only %d spikes", all.NumSpikes())
	}
	n := values(t, counter, "n")
	hits := values(t, fg, "hits")
	for k := range 64 {
		if n[k] != float64(counts[k]) || hits[k] != float64(counts[k]) {
			t.Fatalf("neuron %d: %d spikes, counter %v, hits %v", k, counts[k], n[k], hits[k])
		}
	}
	if !slices.Equal(part.Count(), counts[10:20]) {
		t.Errorf("subgroup counts %v, want %v", part.Count(), counts[10:20])
	}
}
