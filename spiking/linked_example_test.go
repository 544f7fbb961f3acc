package spiking_test

import (
	"fmt"

	"github.com/gohears/hears/spiking"
)

// Brian2's G.y = linked_var(src, 'v', index=[2, 0]): each neuron of G
// reads the neuron of src its index entry names.
func ExampleNeuronGroup_LinkVariableIndex() {
	src, _ := spiking.NewNeuronGroup(3, "v : volt", spiking.NeuronGroupOptions{})
	_ = src.Set("v", -70e-3, -60e-3, -50e-3)
	g, _ := spiking.NewNeuronGroup(2, "y : volt (linked)", spiking.NeuronGroupOptions{})
	if err := g.LinkVariableIndex("y", src, "v", []int{2, 0}); err != nil {
		fmt.Println(err)
		return
	}
	y, _ := g.Get("y")
	fmt.Println(y)
	// A link of groups of different sizes needs an index, as in Brian2.
	h, _ := spiking.NewNeuronGroup(2, "y : volt (linked)", spiking.NeuronGroupOptions{})
	fmt.Println(h.LinkVariable("y", src, "v") != nil)
	// Output:
	// [-0.05 -0.07]
	// true
}

// A linked subexpression: every neuron reads G = H - gamma of a
// one-neuron group, evaluated when it is used.
func ExampleNeuronGroup_LinkVariable() {
	global, _ := spiking.NewNeuronGroup(1, "G = H - gamma : Hz\nH : Hz", spiking.NeuronGroupOptions{
		Namespace: map[string]any{"gamma": "5*Hz"}})
	_ = global.Set("H", 12)
	g, _ := spiking.NewNeuronGroup(3, "G : Hz (linked)", spiking.NeuronGroupOptions{})
	if err := g.LinkVariable("G", global, "G"); err != nil {
		fmt.Println(err)
		return
	}
	G, _ := g.Get("G")
	fmt.Println(G)
	// Output: [7 7 7]
}

// A (linked) synaptic parameter reading a third group through each
// synapse's presynaptic index (Brian2's
// S.variables.add_reference('z', third, index='_presynaptic_idx')).
func ExampleSynapses_LinkVariable() {
	pre, _ := spiking.NewNeuronGroup(3, "v : 1", spiking.NeuronGroupOptions{})
	post, _ := spiking.NewNeuronGroup(1, "v : 1", spiking.NeuronGroupOptions{})
	third, _ := spiking.NewNeuronGroup(3, "z : 1", spiking.NeuronGroupOptions{})
	_ = third.Set("z", 10, 20, 30)
	s, _ := spiking.NewSynapses(pre, post, spiking.SynapsesOptions{Model: "z : 1 (linked)", OnPre: "v_post += z"})
	_ = s.Connect([]int{2, 0}, []int{0, 0})
	if err := s.LinkVariable("z", third, "z", spiking.LinkPresynaptic); err != nil {
		fmt.Println(err)
		return
	}
	z, _ := s.Get("z")
	fmt.Println(z)
	// Output: [30 10]
}
