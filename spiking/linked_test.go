package spiking

import (
	"path/filepath"
	"strings"
	"testing"

	"github.com/gohears/hears/internal/refdata"
)

func linkedRef(t *testing.T, dir, name string) [][]float64 {
	t.Helper()
	return must(refdata.CSV(filepath.Join("..", "testdata", "brian2", dir, name)))(t)
}

// TestBrian2LinkedIndex: testdata/brian2/linked_index, linked_var in the
// forms a NeuronGroup accepts (an index array, a subgroup through an
// index, a synaptic endpoint through an index of synapses, a shared
// variable, a time-dependent subexpression read inside rk4's stages, a
// link to a linked variable), against Brian2 2.5.1, to 1e-12.
func TestBrian2LinkedIndex(t *testing.T) {
	src := must(NewNeuronGroup(5, `dv/dt = (I - v)/(10*ms) : 1
I : 1
c : 1 (shared)
s = 2*v + i + sin(2*pi*f*t) : 1`, NeuronGroupOptions{GroupOptions: GroupOptions{Name: "src"}, Threshold: "v > 2.5", Reset: "v = 0", Method: "exact",
		Namespace: map[string]any{"f": "50*Hz"}}))(t)
	noErr(t, src.SetExpr("I", "i + 1.5"))
	noErr(t, src.Set("c", 0.25))
	syn := must(NewSynapses(src, src, SynapsesOptions{GroupOptions: GroupOptions{Name: "syn"}, Model: "w : 1"}))(t)
	noErr(t, syn.Connect([]int{0, 1, 2, 3, 4, 1}, []int{4, 3, 2, 1, 0, 0}))
	model := "y : 1 (linked)\ndx/dt = (y - x)/(5*ms) : 1"
	group := func(name string, n int, method string) *NeuronGroup {
		return must(NewNeuronGroup(n, model, NeuronGroupOptions{GroupOptions: GroupOptions{Name: name}, Method: method}))(t)
	}
	a, b, c, d, e, h := group("a", 3, "exact"), group("b", 2, "exact"), group("c", 4, "exact"), group("d", 3, "exact"), group("e", 3, "rk4"), group("h", 2, "exact")
	noErr(t, a.LinkVariableIndex("y", src, "v", []int{4, 0, 2}))
	noErr(t, b.LinkVariableIndex("y", must(src.Sub(1, 4))(t), "v", []int{2, 0}))
	noErr(t, c.LinkVariableIndex("y", syn, "v_post", []int{5, 0, 3, 1}))
	noErr(t, d.LinkVariable("y", src, "c"))
	noErr(t, e.LinkVariableIndex("y", src, "s", []int{1, 4, 4}))
	noErr(t, h.LinkVariableIndex("y", a, "y", []int{2, 0}))
	groups := []*NeuronGroup{a, b, c, d, e, h}
	objs := []Object{src, syn}
	var mons []*StateMonitor
	for _, g := range groups {
		m := must(NewStateMonitor(g, []string{"x", "y"}, StateMonitorOptions{}))(t)
		mons = append(mons, m)
		objs = append(objs, g, m)
	}
	net := must(NewNetwork(0, objs...))(t)
	noErr(t, net.Run(0.02))
	var xs, ys [][]float64
	for k, g := range groups {
		for el := range g.Size() {
			xs = append(xs, must(mons[k].Trace("x", el))(t))
			ys = append(ys, must(mons[k].Trace("y", el))(t))
		}
	}
	compareExampleTraces(t, linkedRef(t, "linked_index", "y.csv"), 1, mons[0].T(), ys, 1e-12)
	compareExampleTraces(t, linkedRef(t, "linked_index", "x.csv"), 1, mons[0].T(), xs, 1e-12)
}

// TestLinkVariableErrors: what Brian2 refuses is refused, with a message
// naming the problem; a second link and writes are refused too.
func TestLinkVariableErrors(t *testing.T) {
	src := must(NewNeuronGroup(5, "v : 1\nw : 1\nu : volt", NeuronGroupOptions{}))(t)
	syn := must(NewSynapses(src, src, SynapsesOptions{Model: "k : 1"}))(t)
	noErr(t, syn.ConnectAll())
	newG := func(n int) *NeuronGroup {
		return must(NewNeuronGroup(n, "y : 1 (linked)\nz : 1", NeuronGroupOptions{}))(t)
	}
	for _, c := range []struct {
		what string
		link func() error
		want string
	}{
		{"size", func() error { return newG(3).LinkVariable("y", src, "v") }, "does not match"},
		{"index length", func() error { return newG(3).LinkVariableIndex("y", src, "v", []int{0, 1}) }, "one per element"},
		{"index range", func() error { return newG(3).LinkVariableIndex("y", src, "v", []int{0, 1, 5}) }, "outside the valid range [0, 5)"},
		{"negative index", func() error { return newG(3).LinkVariableIndex("y", src, "v", []int{0, -1, 2}) }, "outside the valid range"},
		{"unknown variable", func() error { return newG(5).LinkVariable("y", src, "nope") }, "no variable \"nope\""},
		{"not (linked)", func() error { return newG(5).LinkVariable("z", src, "v") }, "(linked)"},
		{"dimension", func() error { return newG(5).LinkVariable("y", src, "u") }, "dimension"},
		{"synaptic variable", func() error { return newG(5).LinkVariableIndex("y", syn, "k", []int{0, 1, 2, 3, 4}) }, "fixed size"},
		{"endpoint without index", func() error { return newG(25).LinkVariable("y", syn, "v_pre") }, "give an index"},
		{"nil source", func() error { return newG(5).LinkVariable("y", nil, "v") }, "nil source"},
		{"twice", func() error {
			g := newG(5)
			noErr(t, g.LinkVariable("y", src, "v"))
			return g.LinkVariable("y", src, "w")
		}, "already linked"},
	} {
		if err := c.link(); err == nil || !strings.Contains(err.Error(), c.want) {
			t.Errorf("%s: got %v, want an error containing %q", c.what, err, c.want)
		}
	}
	if _, err := NewNeuronGroup(3, "y : 1 (linked, constant)", NeuronGroupOptions{}); err == nil {
		t.Error("(linked, constant) accepted")
	}
	g := newG(3)
	noErr(t, g.LinkVariableIndex("y", src, "v", []int{4, 4, 0}))
	if err := g.Set("y", 1); err == nil || !strings.Contains(err.Error(), "linked") {
		t.Errorf("Set of a linked variable: %v", err)
	}
	if err := g.SetExpr("y", "1"); err == nil || !strings.Contains(err.Error(), "linked") {
		t.Errorf("SetExpr of a linked variable: %v", err)
	}
	if _, err := NewNeuronGroup(3, "y : 1 (linked)", NeuronGroupOptions{Threshold: "y > 1", Reset: "y = 0"}); err == nil {
		t.Error("a reset writing a linked variable was accepted")
	}
	noErr(t, src.SetExpr("v", "10*i"))
	if got := must(g.Get("y"))(t); got[0] != 40 || got[1] != 40 || got[2] != 0 {
		t.Errorf("Get through an index: %v, want [40 40 0]", got)
	}
}
