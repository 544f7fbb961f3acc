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
// are not refractory), marking them refractory, as collectSpikes. The
// comparison is chosen once per block (a loop per operator).
func (st *simpleThreshold) collect(g *NeuronGroup, dst []int32, t float64, lo, hi int) []int32 {
	x, c := st.x[lo:hi], st.value
	start := len(dst)
	switch st.op {
	case expr.OpGt:
		for k, v := range x {
			if v > c {
				dst = append(dst, int32(lo+k))
			}
		}
	case expr.OpGe:
		for k, v := range x {
			if v >= c {
				dst = append(dst, int32(lo+k))
			}
		}
	case expr.OpLt:
		for k, v := range x {
			if v < c {
				dst = append(dst, int32(lo+k))
			}
		}
	case expr.OpLe:
		for k, v := range x {
			if v <= c {
				dst = append(dst, int32(lo+k))
			}
		}
	case expr.OpEq:
		for k, v := range x {
			if v == c {
				dst = append(dst, int32(lo+k))
			}
		}
	default:
		for k, v := range x {
			if v != c {
				dst = append(dst, int32(lo+k))
			}
		}
	}
	if !g.hasRefr {
		return dst
	}
	// Refractory neurons do not spike; the others become refractory.
	nr := g.vars.vars["not_refractory"].data
	ls := g.vars.vars["lastspike"].data
	out := dst[:start]
	for _, i := range dst[start:] {
		if nr[i] == 0 {
			continue
		}
		nr[i], ls[i] = 0, t
		out = append(out, i)
	}
	return out
}
