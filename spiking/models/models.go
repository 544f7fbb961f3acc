package models

import (
	"fmt"
	"maps"
	"slices"
	"strings"

	"github.com/gohears/hears/spiking"
)

// Neuron is a neuron model: equations, threshold, reset, refractoriness,
// parameters and initial values.
type Neuron struct {
	// Name and Citation say what the model is and where it comes from.
	Name, Citation string
	// Equations are Brian2-style model equations.
	Equations string
	// Threshold, Reset and Refractory (a duration, "2*ms", or a condition)
	// as NeuronGroupOptions takes them.
	Threshold, Reset, Refractory string
	// Method is the integration method the model is meant to run with.
	Method string
	// Params are the constants of the equations, with units ("10*ms").
	Params map[string]string
	// Init gives initial values of variables as expressions ("EL").
	Init map[string]string
}

// With returns a copy of the model with parameters replaced or added, in
// pairs: m.With("tau", "20*ms", "El", "-65*mV").
func (m Neuron) With(pairs ...string) Neuron {
	if len(pairs)%2 != 0 {
		panic("models: With takes name, value pairs") // a programming error, as a bad map literal
	}
	m.Params = maps.Clone(m.Params)
	if m.Params == nil {
		m.Params = map[string]string{}
	}
	for k := 0; k < len(pairs); k += 2 {
		m.Params[pairs[k]] = pairs[k+1]
	}
	return m
}

// String returns the model as a Brian2 user would write it: equations,
// threshold, reset, refractoriness, parameters.
func (m Neuron) String() string {
	var b strings.Builder
	fmt.Fprintf(&b, "# %s (%s)\n%s\n", m.Name, m.Citation, strings.TrimSpace(dedent(m.Equations)))
	for _, kv := range [][2]string{{"threshold", m.Threshold}, {"reset", m.Reset}, {"refractory", m.Refractory}, {"method", m.Method}} {
		if kv[1] != "" {
			fmt.Fprintf(&b, "%s: %s\n", kv[0], kv[1])
		}
	}
	for _, k := range slices.Sorted(maps.Keys(m.Params)) {
		fmt.Fprintf(&b, "%s = %s\n", k, m.Params[k])
	}
	return b.String()
}

// dedent removes leading tabs and spaces from every line.
func dedent(s string) string {
	lines := strings.Split(s, "\n")
	for k, l := range lines {
		lines[k] = strings.TrimLeft(l, " \t")
	}
	return strings.Join(lines, "\n")
}

// Group builds a neuron group of n neurons of the model. opts may set a
// name, a time step, extra namespace entries (which override the model's
// parameters) and extra equations (opts.Threshold etc. override the
// model's when not empty); initial values are applied.
func (m Neuron) Group(n int, extraEquations string, opts spiking.NeuronGroupOptions) (*spiking.NeuronGroup, error) {
	ns := map[string]any{}
	for k, v := range m.Params {
		ns[k] = v
	}
	for k, v := range opts.Namespace {
		ns[k] = v
	}
	opts.Namespace = ns
	if opts.Threshold == "" {
		opts.Threshold = m.Threshold
	}
	if opts.Reset == "" {
		opts.Reset = m.Reset
	}
	if opts.Method == "" {
		opts.Method = m.Method
	}
	if opts.RefractoryExpr == "" && opts.Refractory == 0 {
		opts.RefractoryExpr = m.Refractory
	}
	g, err := spiking.NewNeuronGroup(n, m.Equations+"\n"+extraEquations, opts)
	if err != nil {
		return nil, fmt.Errorf("models: %s: %w", m.Name, err)
	}
	for _, k := range slices.Sorted(maps.Keys(m.Init)) {
		if err := g.SetExpr(k, m.Init[k]); err != nil {
			return nil, fmt.Errorf("models: %s: initial %s: %w", m.Name, k, err)
		}
	}
	return g, nil
}

// Synapse is a synapse model: the synapses' own equations and pathways,
// and the equations the target neurons need (a synaptic current or
// conductance to add to their membrane equation).
type Synapse struct {
	Name, Citation string
	// Target are equations to add to the target group's model: they
	// define the variable the synapses act on (e.g. g_ampa) and the
	// current it gives (e.g. I_ampa), which the membrane equation sums.
	Target string
	// Model, OnPre and OnPost are the synapses' equations and pathways.
	Model, OnPre, OnPost string
	// Method integrates clock-driven synaptic equations.
	Method string
	// Params are the constants, with units.
	Params map[string]string
}

// With returns a copy with parameters replaced or added, in pairs.
func (s Synapse) With(pairs ...string) Synapse {
	if len(pairs)%2 != 0 {
		panic("models: With takes name, value pairs")
	}
	s.Params = maps.Clone(s.Params)
	if s.Params == nil {
		s.Params = map[string]string{}
	}
	for k := 0; k < len(pairs); k += 2 {
		s.Params[pairs[k]] = pairs[k+1]
	}
	return s
}

// Namespace returns the parameters as a Namespace for spiking, merged with
// extra entries (which win).
func (s Synapse) Namespace(extra map[string]any) map[string]any {
	ns := map[string]any{}
	for k, v := range s.Params {
		ns[k] = v
	}
	for k, v := range extra {
		ns[k] = v
	}
	return ns
}

// Synapses builds the synapses of the model from src to tgt (tgt built
// with the model's Target equations); connect them afterwards.
func (s Synapse) Synapses(src spiking.SpikeSource, tgt spiking.Group, opts spiking.SynapsesOptions) (*spiking.Synapses, error) {
	opts.Model = s.Model + "\n" + opts.Model
	if opts.OnPre == "" {
		opts.OnPre = s.OnPre
	}
	if opts.OnPost == "" {
		opts.OnPost = s.OnPost
	}
	if opts.Method == "" {
		opts.Method = s.Method
	}
	opts.Namespace = s.Namespace(opts.Namespace)
	syn, err := spiking.NewSynapses(src, tgt, opts)
	if err != nil {
		return nil, fmt.Errorf("models: %s: %w", s.Name, err)
	}
	return syn, nil
}
