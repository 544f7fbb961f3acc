package spiking

import (
	"fmt"
	"math"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/gohears/hears/internal/refdata"
)

// connectGroups returns a source of 30 and a target of 25 neurons with
// positions x (metre), a source parameter y, a target parameter z and a
// target subexpression s = 2*z, all set to fixed irregular values.
func connectGroups(t testing.TB) (*NeuronGroup, *NeuronGroup) {
	t.Helper()
	src, err := NewNeuronGroup(30, "x : metre\ny : 1", NeuronGroupOptions{GroupOptions: GroupOptions{Name: "csrc"}})
	if err != nil {
		t.Fatal(err)
	}
	tgt, err := NewNeuronGroup(25, "x : metre\nz : 1\ns = 2*z : 1", NeuronGroupOptions{GroupOptions: GroupOptions{Name: "ctgt"}})
	if err != nil {
		t.Fatal(err)
	}
	xs, ys := make([]float64, 30), make([]float64, 30)
	for k := range xs {
		xs[k] = float64((k*7)%30) * 1e-6
		ys[k] = math.Sin(float64(k))
	}
	xt, zt := make([]float64, 25), make([]float64, 25)
	for k := range xt {
		xt[k] = float64((k*11)%25) * 1.2e-6
		zt[k] = math.Cos(float64(k) * 0.7)
	}
	for _, e := range []error{src.Set("x", xs...), src.Set("y", ys...), tgt.Set("x", xt...), tgt.Set("z", zt...)} {
		if e != nil {
			t.Fatal(e)
		}
	}
	return src, tgt
}

func connectSyn(t testing.TB, src SpikeSource, tgt Group, name string) *Synapses {
	t.Helper()
	s, err := NewSynapses(src, tgt, SynapsesOptions{GroupOptions: GroupOptions{Name: name}, Model: "w : 1",
		Namespace: map[string]any{"w0": "3*umeter", "k": 3, "half": 0.5}})
	if err != nil {
		t.Fatal(err)
	}
	return s
}

// TestConnectExprMatchesPredicate: deterministic conditions give exactly
// the synapses (in the same order) of the same condition written in Go.
func TestConnectExprMatchesPredicate(t *testing.T) {
	src, tgt := connectGroups(t)
	xs := must(src.Get("x"))(t)
	ys := must(src.Get("y"))(t)
	xt := must(tgt.Get("x"))(t)
	zt := must(tgt.Get("z"))(t)
	sub, err := tgt.Sub(5, 20)
	if err != nil {
		t.Fatal(err)
	}
	xsub := must(sub.Get("x"))(t)
	cases := []struct {
		cond string
		tgt  Group
		goFn func(i, j int) bool
	}{
		{"", tgt, func(i, j int) bool { return true }},
		{"True", tgt, func(i, j int) bool { return true }},
		{"False", tgt, func(i, j int) bool { return false }},
		{"i != j", tgt, func(i, j int) bool { return i != j }},
		{"abs(i - j) <= 2", tgt, func(i, j int) bool { return i-j <= 2 && j-i <= 2 }},
		{"i < j", tgt, func(i, j int) bool { return i < j }},
		{"i*e < pi*j", tgt, func(i, j int) bool { return float64(i)*math.E < math.Pi*float64(j) }},
		{"x_pre < x_post", tgt, func(i, j int) bool { return xs[i] < xt[j] }},
		{"abs(x_pre - x_post) < w0", tgt, func(i, j int) bool { return math.Abs(xs[i]-xt[j]) < 3e-6 }},
		{"(i + j) % k == 0 and z > 0", tgt, func(i, j int) bool { return (i+j)%3 == 0 && zt[j] > 0 }},
		{"s_post > y_pre or not (j < N_post - i)", tgt, func(i, j int) bool { return 2*zt[j] > ys[i] || !(j < 25-i) }},
		{"y_pre > half*z_post and x_post > 5*umeter", tgt, func(i, j int) bool { return ys[i] > 0.5*zt[j] && xt[j] > 5e-6 }},
		{"x_post > x_pre and j < N_post", sub, func(i, j int) bool { return xsub[j] > xs[i] && j < 15 }},
	}
	for k, c := range cases {
		s := connectSyn(t, src, c.tgt, "cexpr")
		if err := s.ConnectExpr(c.cond, ConnectOptions{}); err != nil {
			t.Fatalf("%q: %v", c.cond, err)
		}
		ref := connectSyn(t, src, c.tgt, "cref")
		if err := ref.ConnectIf(c.goFn); err != nil {
			t.Fatal(err)
		}
		if !slices.Equal(s.I(), ref.I()) || !slices.Equal(s.J(), ref.J()) {
			t.Errorf("case %d %q: %d synapses, the Go predicate gives %d", k, c.cond, s.Size(), ref.Size())
		}
		if w := must(s.Get("w"))(t); len(w) != s.Size() {
			t.Errorf("%q: w has %d values for %d synapses", c.cond, len(w), s.Size())
		}
		t.Logf("%-45q %4d synapses", c.cond, s.Size())
	}
}

// TestConnectExprProbability: p = 0.1 on 200 × 200 pairs keeps a binomial
// number of them; the seed decides which.
func TestConnectExprProbability(t *testing.T) {
	g, err := NewNeuronGroup(200, "v : 1", NeuronGroupOptions{GroupOptions: GroupOptions{Name: "cprob"}})
	if err != nil {
		t.Fatal(err)
	}
	run := func(seed uint64, cond string) *Synapses {
		s := connectSyn(t, g, g, "cprob_syn")
		s.SeedInit(seed)
		if err := s.ConnectExpr(cond, ConnectOptions{P: "0.1"}); err != nil {
			t.Fatal(err)
		}
		return s
	}
	a, b, c := run(1, ""), run(1, ""), run(2, "")
	mean, sd := 40000*0.1, math.Sqrt(40000*0.1*0.9)
	for _, s := range []*Synapses{a, c} {
		if d := math.Abs(float64(s.Size()) - mean); d > 4*sd {
			t.Errorf("%d synapses, want %g ± %.0f (4 s.e.)", s.Size(), mean, 4*sd)
		}
	}
	t.Logf("p = 0.1, 200 × 200: %d and %d synapses (seeds 1, 2), expected %g ± %.0f", a.Size(), c.Size(), mean, sd)
	if !slices.Equal(a.I(), b.I()) || !slices.Equal(a.J(), b.J()) {
		t.Error("the same seed gave different synapses")
	}
	if slices.Equal(a.J(), c.J()) {
		t.Error("seeds 1 and 2 gave the same synapses")
	}
	// A second call on the same synapses draws new numbers.
	if err := a.ConnectExpr("", ConnectOptions{P: "0.1"}); err != nil {
		t.Fatal(err)
	}
	if slices.Equal(a.J()[:b.Size()], a.J()[b.Size():min(a.Size(), 2*b.Size())]) {
		t.Error("a second ConnectExpr call repeated the first one's choices")
	}
	// Without SeedInit every program draws a new network, as Brian2
	// without seed(), whatever the names.
	u1, u2 := connectSyn(t, g, g, "cprob_syn"), connectSyn(t, g, g, "cprob_syn")
	for _, u := range []*Synapses{u1, u2} {
		if err := u.ConnectExpr("", ConnectOptions{P: "0.1"}); err != nil {
			t.Fatal(err)
		}
	}
	if slices.Equal(u1.J(), u2.J()) {
		t.Error("two unseeded synapses drew the same network")
	}
	// SeedInit starts the sequence of calls again.
	n1 := u1.Size()
	u1.SeedInit(1)
	if err := u1.ConnectExpr("", ConnectOptions{P: "0.1"}); err != nil {
		t.Fatal(err)
	}
	if !slices.Equal(u1.J()[n1:], b.J()) {
		t.Error("SeedInit(1) then ConnectExpr did not repeat the seeded network")
	}
	// The condition is applied with p.
	s := run(3, "i != j")
	si, sj := s.I(), s.J()
	for k, i := range si {
		if i == sj[k] {
			t.Fatalf("synapse %d connects %d to itself", k, i)
		}
	}
	mean, sd = 39800*0.1, math.Sqrt(39800*0.1*0.9)
	if d := math.Abs(float64(s.Size()) - mean); d > 4*sd {
		t.Errorf("i != j, p = 0.1: %d synapses, want %g ± %.0f", s.Size(), mean, 4*sd)
	}
	// Brian2's order: i ascending, then j ascending.
	for k := 1; k < s.Size(); k++ {
		pi, pj, ci, cj := si[k-1], sj[k-1], si[k], sj[k]
		if ci < pi || (ci == pi && cj <= pj) {
			t.Fatalf("synapses %d and %d out of order: (%d, %d) then (%d, %d)", k-1, k, pi, pj, ci, cj)
		}
	}
}

// TestConnectExprDistanceProbability: p as an expression of i and j keeps,
// at each distance, the fraction it says; p outside [0, 1] is clipped.
func TestConnectExprDistanceProbability(t *testing.T) {
	const n = 400
	g, err := NewNeuronGroup(n, "x : metre", NeuronGroupOptions{GroupOptions: GroupOptions{Name: "cdist"}})
	if err != nil {
		t.Fatal(err)
	}
	s := connectSyn(t, g, g, "cdist_syn")
	s.SeedInit(5)
	if err := s.ConnectExpr("", ConnectOptions{P: "exp(-abs(i - j)/10.0)"}); err != nil {
		t.Fatal(err)
	}
	kept := make([]int, n)
	sj := s.J()
	for k, i := range s.I() {
		d := int(i) - int(sj[k])
		kept[max(d, -d)]++
	}
	worst := 0.0
	for d := 0; d <= 30; d++ {
		pairs := 2 * (n - d)
		if d == 0 {
			pairs = n
		}
		p := math.Exp(-float64(d) / 10)
		z := (float64(kept[d]) - p*float64(pairs)) / math.Sqrt(float64(pairs)*p*(1-p)+1e-300)
		if d == 0 {
			if kept[0] != n {
				t.Errorf("distance 0 (p = 1): %d of %d kept", kept[0], n)
			}
			continue
		}
		worst = max(worst, math.Abs(z))
		if math.Abs(z) > 4 {
			t.Errorf("distance %d: %d of %d kept, expected %.1f (z = %.2f)", d, kept[d], pairs, p*float64(pairs), z)
		}
	}
	t.Logf("exp(-|i-j|/10) on %d × %d: %d synapses, largest |z| over distances 1..30: %.2f", n, n, s.Size(), worst)

	// Clipping: p = (j - 10)/10 is < 0 for j < 10 and > 1 for j > 20.
	c := connectSyn(t, g, g, "cclip_syn")
	c.SeedInit(1)
	if err := c.ConnectExpr("i < 50", ConnectOptions{P: "(j - 10)/10.0"}); err != nil {
		t.Fatal(err)
	}
	got := map[[2]int32]bool{}
	cj := c.J()
	for k, i := range c.I() {
		got[[2]int32{i, cj[k]}] = true
	}
	for i := int32(0); i < 50; i++ {
		for j := int32(0); j < n; j++ {
			if j <= 10 && got[[2]int32{i, j}] || j >= 20 && !got[[2]int32{i, j}] {
				t.Fatalf("p = (j-10)/10: pair (%d, %d) kept = %v", i, j, got[[2]int32{i, j}])
			}
		}
	}

	// p of pre/post variables: a Gaussian of the distance between positions.
	xs := make([]float64, n)
	for k := range xs {
		xs[k] = float64(k) * 10e-6
	}
	noErr(t, g.Set("x", xs...))
	gs := connectSyn(t, g, g, "cgauss_syn")
	gs.SeedInit(9)
	if err := gs.ConnectExpr("", ConnectOptions{P: "exp(-(x_pre - x_post)**2/(2*(50*umeter)**2))"}); err != nil {
		t.Fatal(err)
	}
	sum, vr := 0.0, 0.0
	for i := 0; i < n; i++ {
		for j := 0; j < n; j++ {
			dx := xs[i] - xs[j]
			p := math.Exp(-dx * dx / (2 * 50e-6 * 50e-6))
			sum += p
			vr += p * (1 - p)
		}
	}
	if z := (float64(gs.Size()) - sum) / math.Sqrt(vr); math.Abs(z) > 4 {
		t.Errorf("Gaussian p: %d synapses, expected %.1f ± %.1f", gs.Size(), sum, math.Sqrt(vr))
	} else {
		t.Logf("Gaussian p of x_pre, x_post: %d synapses, expected %.1f ± %.1f (z = %.2f)", gs.Size(), sum, math.Sqrt(vr), z)
	}
	gj := gs.J()
	for k, i := range gs.I() {
		if d := int(i) - int(gj[k]); d > 60 || d < -60 { // p < exp(-72)
			t.Fatalf("pair (%d, %d) at 600 µm kept", i, gj[k])
		}
	}
}

// TestConnectExprMultiple: n = 2 doubles every pair (copies adjacent, as
// Brian2 creates them); n as an expression gives per-pair counts and the
// same random choices as n = 1.
func TestConnectExprMultiple(t *testing.T) {
	src, tgt := connectGroups(t)
	one := connectSyn(t, src, tgt, "cn1")
	two := connectSyn(t, src, tgt, "cn1")
	one.SeedInit(4)
	if err := one.ConnectExpr("i < j", ConnectOptions{P: "0.5"}); err != nil {
		t.Fatal(err)
	}
	two.SeedInit(4)
	if err := two.ConnectExpr("i < j", ConnectOptions{P: "0.5", N: 2}); err != nil {
		t.Fatal(err)
	}
	if two.Size() != 2*one.Size() || one.Size() == 0 {
		t.Fatalf("n = 2: %d synapses, n = 1: %d", two.Size(), one.Size())
	}
	oi, oj, ti, tj := one.I(), one.J(), two.I(), two.J()
	for k := range one.Size() {
		for c := range 2 {
			if ti[2*k+c] != oi[k] || tj[2*k+c] != oj[k] {
				t.Fatalf("n = 2: synapse %d is (%d, %d), want (%d, %d)", 2*k+c, ti[2*k+c], tj[2*k+c], oi[k], oj[k])
			}
		}
	}
	t.Logf("i < j, p = 0.5: %d synapses with n = 1, %d with n = 2", one.Size(), two.Size())
	ne := connectSyn(t, src, tgt, "cn1")
	ne.SeedInit(4)
	if err := ne.ConnectExpr("i < j", ConnectOptions{P: "0.5", NExpr: "i % 3"}); err != nil {
		t.Fatal(err)
	}
	var wi, wj []int32
	for k, i := range oi {
		for range int(i) % 3 {
			wi, wj = append(wi, i), append(wj, oj[k])
		}
	}
	if !slices.Equal(ne.I(), wi) || !slices.Equal(ne.J(), wj) {
		t.Errorf("n = 'i %% 3': %d synapses, want %d", ne.Size(), len(wi))
	}
}

// TestConnectExprErrors: bad input gives an error naming the problem and
// adds no synapse.
func TestConnectExprErrors(t *testing.T) {
	src, tgt := connectGroups(t)
	cases := []struct {
		cond string
		opts ConnectOptions
		want string
	}{
		{"i !=", ConnectOptions{}, `condition "i !="`},
		{"i != jj", ConnectOptions{}, `"jj"`},
		{"i + j", ConnectOptions{}, "not boolean"},
		{"x_pre", ConnectOptions{}, "not boolean"},
		{"z_pre > 0", ConnectOptions{}, `source csrc has no variable "z"`},
		{"q_post > 0", ConnectOptions{}, `target ctgt has no variable "q"`},
		{"x_pre > 1", ConnectOptions{}, "cannot compare metre with 1"},
		{"w > 0", ConnectOptions{}, `"w" is a synaptic variable`},
		{"xi > 0", ConnectOptions{}, "noise"},
		{"", ConnectOptions{P: "10*mV"}, `p "10*mV" must be dimensionless`},
		{"", ConnectOptions{P: "0.1*("}, `p "0.1*("`},
		{"", ConnectOptions{P: "0/0"}, "NaN"},
		{"i > 2", ConnectOptions{P: "sqrt(j - 4.0)"}, "NaN for the pair i = 3, j = 0"},
		{"", ConnectOptions{N: -1}, "n = -1"},
		{"", ConnectOptions{N: 2, NExpr: "2"}, "not both"},
		{"", ConnectOptions{NExpr: "2.5"}, "whole number"},
		{"", ConnectOptions{NExpr: "j - 3"}, "is -3 for the pair i = 0, j = 0"},
		{"", ConnectOptions{NExpr: "1*ms"}, "dimensionless"},
	}
	for _, c := range cases {
		s := connectSyn(t, src, tgt, "cerr")
		err := s.ConnectExpr(c.cond, c.opts)
		if err == nil {
			t.Errorf("%q %+v: no error", c.cond, c.opts)
			continue
		}
		if !strings.Contains(err.Error(), c.want) {
			t.Errorf("%q %+v: error %q does not say %q", c.cond, c.opts, err, c.want)
		}
		if s.Size() != 0 {
			t.Errorf("%q: %d synapses added despite the error", c.cond, s.Size())
		}
	}
}

// TestConnectExprTooMany: more synapses than the index type holds is an
// error found before the memory is spent (the bound lowered for the test).
func TestConnectExprTooMany(t *testing.T) {
	src, tgt := connectGroups(t)
	defer func(m int) { maxSynapses = m }(maxSynapses)
	maxSynapses = 1000
	s := connectSyn(t, src, tgt, "cmany")
	if err := s.ConnectExpr("", ConnectOptions{N: 2}); err == nil || !strings.Contains(err.Error(), "more than 1000 synapses") || s.Size() != 0 {
		t.Errorf("1500 synapses with a bound of 1000: error %v, %d synapses", err, s.Size())
	}
	if err := s.ConnectExpr("", ConnectOptions{}); err != nil || s.Size() != 750 {
		t.Errorf("750 synapses with a bound of 1000: error %v, %d synapses", err, s.Size())
	}
}

// TestConnectExprRand: rand() in a condition is reproducible.
func TestConnectExprRand(t *testing.T) {
	src, tgt := connectGroups(t)
	a, b := connectSyn(t, src, tgt, "crand"), connectSyn(t, src, tgt, "crand")
	for _, s := range []*Synapses{a, b} {
		s.SeedInit(8)
		if err := s.ConnectExpr("rand() < 0.3", ConnectOptions{}); err != nil {
			t.Fatal(err)
		}
	}
	if a.Size() == 0 || a.Size() == 750 || !slices.Equal(a.J(), b.J()) {
		t.Errorf("rand() < 0.3: %d and %d synapses", a.Size(), b.Size())
	}
}

// TestBrian2ConnectGenerator: generator-syntax connections give Brian2's
// synapses in Brian2's order (testdata/brian2/connect_generator), invalid
// targets are errors unless skipped, and sample(..., p=) keeps a binomial
// number of targets.
func TestBrian2ConnectGenerator(t *testing.T) {
	g := must(NewNeuronGroup(10, "x : 1", NeuronGroupOptions{}))(t)
	noErr(t, g.SetExpr("x", "i % 4"))
	h := must(NewNeuronGroup(12, "y : 1", NeuronGroupOptions{}))(t)
	cases := []struct {
		j    string
		skip bool
	}{
		{"k for k in range(i-3, i+4) if k != i", true},
		{"i", false},
		{"k for k in range(i, N_post, 3) if j % 2 == 0", false},
		{"k + 1 for k in range(int(x_pre) + 1)", false},
		{"N_post - 1 - k for k in range(2*i, 2*i + 3)", true},
	}
	for n, c := range cases {
		ref := must(refdata.CSV(filepath.Join("..", "testdata", "brian2", "connect_generator", fmt.Sprintf("case_%d.csv", n))))(t)
		s := must(NewSynapses(g, h, SynapsesOptions{Model: "w : 1"}))(t)
		if err := s.ConnectGenerator(c.j, c.skip); err != nil {
			t.Fatalf("%q: %v", c.j, err)
		}
		sameSynapses(t, c.j, s, ref)
	}
	s := must(NewSynapses(g, h, SynapsesOptions{Model: "w : 1"}))(t)
	if err := s.ConnectGenerator("k for k in range(i-3, i+4)", false); err == nil || !strings.Contains(err.Error(), "skipIfInvalid") || s.Size() != 0 {
		t.Errorf("invalid target: %v, %d synapses", err, s.Size())
	}
	for _, bad := range []string{"k for k in range()", "k for k in sample(10)", "k for k in sample(10, p=0.5, size=3)", "k for k in range(10, size=3)", "k for k in sample(10, size=2.5)", "k for k in zip(3)", "k for i in range(3)", "k for k in range(3, p=0.5)"} {
		if err := s.ConnectGenerator(bad, true); err == nil {
			t.Errorf("%q accepted", bad)
		}
	}
	big := must(NewNeuronGroup(2000, "v : 1", NeuronGroupOptions{}))(t)
	sm := must(NewSynapses(g, big, SynapsesOptions{Model: "w : 1"}))(t)
	sm.SeedInit(4)
	noErr(t, sm.ConnectGenerator("k for k in sample(N_post, p=0.1)", false))
	if want := 10 * 2000 * 0.1; math.Abs(float64(sm.Size())-want) > 5*math.Sqrt(want*0.9) {
		t.Errorf("sample p = 0.1: %d synapses, want about %g", sm.Size(), want)
	}
}

// TestBrian2ConnectSample: sample(..., size=) and conditions on target
// variables give Brian2's synapses where the result is deterministic
// (testdata/brian2/connect_generator/script_sample.py); the random
// fixed-size case keeps exactly size targets per source, each target with
// probability size/n, as Brian2's counts do (numpy target, 4000 sources).
func TestBrian2ConnectSample(t *testing.T) {
	dir := filepath.Join("..", "testdata", "brian2", "connect_generator")
	g := must(NewNeuronGroup(10, "x : 1", NeuronGroupOptions{}))(t)
	noErr(t, g.SetExpr("x", "i % 4"))
	h := must(NewNeuronGroup(12, "y : 1", NeuronGroupOptions{}))(t)
	noErr(t, h.SetExpr("y", "i"))
	cases := []struct {
		j    string
		skip bool
	}{
		{"k for k in sample(N_post, size=N_post)", false},
		{"k for k in sample(int(x_pre), size=3)", true},
		{"k for k in sample(N_post, size=0)", false},
		{"k for k in sample(0, N_post, 2, p=1)", false},
		{"k for k in range(N_post) if y_post > 5 + x_pre", false},
		{"N_post - 1 - k for k in sample(3, size=3) if y_post % 3 == 0", false},
	}
	for n, c := range cases {
		var ref [][]float64
		if n != 2 { // Brian2 wrote an empty file
			ref = must(refdata.CSV(filepath.Join(dir, fmt.Sprintf("sample_case_%d.csv", n))))(t)
		}
		s := must(NewSynapses(g, h, SynapsesOptions{Model: "w : 1"}))(t)
		if err := s.ConnectGenerator(c.j, c.skip); err != nil {
			t.Fatalf("%q: %v", c.j, err)
		}
		sameSynapses(t, c.j, s, ref)
	}
	// Errors without skipIfInvalid: a size beyond the range, a negative
	// size, and a target outside the group when the condition uses y_post.
	for _, bad := range []string{"k for k in sample(int(x_pre), size=3)", "k for k in sample(N_post, size=-1)", "k - 1 for k in range(N_post) if y_post > 3"} {
		s := must(NewSynapses(g, h, SynapsesOptions{Model: "w : 1"}))(t)
		if err := s.ConnectGenerator(bad, false); err == nil || s.Size() != 0 {
			t.Errorf("%q: %v, %d synapses", bad, err, s.Size())
		}
	}
	s := must(NewSynapses(g, h, SynapsesOptions{Model: "w : 1"}))(t)
	noErr(t, s.ConnectGenerator("k for k in sample(N_post, size=-1)", true))
	if s.Size() != 0 {
		t.Errorf("negative size skipped: %d synapses", s.Size())
	}
	// connect(i=...): generators over the targets.
	for n, c := range []struct {
		i    string
		skip bool
	}{
		{"k for k in range(N_pre) if abs(k - j) <= 1 and k != j", false},
		{"N_pre - 1 - k for k in range(3) if y_post % 3 == k", false},
		{"k for k in sample(N_pre, size=N_pre) if x_pre > 1", false},
		{"k - 2 for k in range(N_pre)", true},
	} {
		ref := must(refdata.CSV(filepath.Join(dir, fmt.Sprintf("sources_case_%d.csv", n))))(t)
		s := must(NewSynapses(g, h, SynapsesOptions{Model: "w : 1"}))(t)
		if err := s.ConnectGeneratorSources(c.i, c.skip); err != nil {
			t.Fatalf("%q: %v", c.i, err)
		}
		sameSynapses(t, "i="+c.i, s, ref)
	}
	if err := must(NewSynapses(g, h, SynapsesOptions{}))(t).ConnectGeneratorSources("k - 2 for k in range(N_pre)", false); err == nil || !strings.Contains(err.Error(), "i = -2 for j = 0") {
		t.Errorf("invalid source: %v", err)
	}
	// The random case beside Brian2's counts.
	a := must(NewNeuronGroup(4000, "", NeuronGroupOptions{}))(t)
	b := must(NewNeuronGroup(20, "", NeuronGroupOptions{}))(t)
	rs := must(NewSynapses(a, b, SynapsesOptions{}))(t)
	rs.SeedInit(8)
	noErr(t, rs.ConnectGenerator("k for k in sample(N_post, size=5)", false))
	perSource := make([]int, 4000)
	counts := make([]float64, 20)
	lastI, lastJ := -1, -1
	for k := range rs.Size() {
		i, j := rs.IJ(k)
		perSource[i]++
		counts[j]++
		if i == lastI && j <= lastJ {
			t.Fatalf("source %d: targets not distinct and ascending", i)
		}
		lastI, lastJ = i, j
	}
	for i, n := range perSource {
		if n != 5 {
			t.Fatalf("source %d has %d synapses, want 5", i, n)
		}
	}
	b2 := must(refdata.CSV(filepath.Join(dir, "sample_counts.csv")))(t)
	// Each count is binomial(4000, 1/4): mean 1000, sd 27.4; the sums of
	// squared standardised deviations are chi-square with about 19
	// degrees of freedom (p < 1e-4 above 48).
	chi2 := func(c []float64) float64 {
		x := 0.0
		for _, v := range c {
			x += (v - 1000) * (v - 1000) / 750
		}
		return x
	}
	ours := chi2(counts)
	var theirs []float64
	for _, r := range b2 {
		theirs = append(theirs, r[0])
	}
	t.Logf("chi-square of the per-target counts: ours %.1f, Brian2 %.1f (19 dof)", ours, chi2(theirs))
	if ours > 48 || chi2(theirs) > 48 {
		t.Errorf("per-target counts not uniform: chi-square %.1f (ours), %.1f (Brian2)", ours, chi2(theirs))
	}
}

// sameSynapses checks that s holds the synapses of a Brian2 CSV (i, j per
// row) in Brian2's order.
func sameSynapses(t *testing.T, label string, s *Synapses, ref [][]float64) {
	t.Helper()
	if s.Size() != len(ref) {
		t.Fatalf("%q: %d synapses, Brian2 %d", label, s.Size(), len(ref))
	}
	for k, r := range ref {
		if i, j := s.IJ(k); float64(i) != r[0] || float64(j) != r[1] {
			t.Fatalf("%q: synapse %d is (%d, %d), Brian2 (%g, %g)", label, k, i, j, r[0], r[1])
		}
	}
}
