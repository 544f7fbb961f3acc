package spiking

import "github.com/gohears/hears/expr"

// simpleThreshold is a threshold "x op value" with x a per-neuron
// variable and value a constant (CUBA's "v > Vt", "v > -20*mV"): the
// comparison runs in place while the spikes are collected, without the
// general path's buffer of 0/1 values. Same spikes: the same comparison.
type simpleThreshold struct {
	x     []float64
	op    expr.Op
	value float64
}

// simpleThresholdOf returns the fast form of threshold n, or nil.
func (g *NeuronGroup) simpleThresholdOf(n expr.Node, d *expr.Decls) *simpleThreshold {
	b, ok := n.(*expr.Binary)
	if !ok || !b.Op.IsComparison() {
		return nil
	}
	name, ok := b.X.(*expr.Name)
	if !ok {
		return nil
	}
	v := g.vars.vars[name.Name]
	if v == nil || v.data == nil || v.shared || v.compute != nil {
		return nil
	}
	value, err := constantValue(b.Y, d)
	if err != nil {
		return nil
	}
	return &simpleThreshold{x: v.data, op: b.Op, value: value}
}

// collect appends the neurons of [lo, hi) that cross the threshold (and
// are not refractory), marking them refractory, as collectSpikes.
func (st *simpleThreshold) collect(g *NeuronGroup, dst []int32, t float64, lo, hi int) []int32 {
	x, c := st.x[lo:hi], st.value
	var nr, ls []float64
	if g.hasRefr {
		nr = g.vars.vars["not_refractory"].data[lo:hi]
		ls = g.vars.vars["lastspike"].data[lo:hi]
	}
	for k, v := range x {
		var hit bool
		switch st.op {
		case expr.OpGt:
			hit = v > c
		case expr.OpGe:
			hit = v >= c
		case expr.OpLt:
			hit = v < c
		case expr.OpLe:
			hit = v <= c
		case expr.OpEq:
			hit = v == c
		default:
			hit = v != c
		}
		if !hit {
			continue
		}
		if nr != nil {
			if nr[k] == 0 {
				continue
			}
			nr[k], ls[k] = 0, t
		}
		dst = append(dst, int32(lo+k))
	}
	return dst
}
