package spiking

import (
	"fmt"

	"github.com/gohears/hears/expr"
)

// accumulation is a pathway whose whole code is one statement
// "x_post += value" (or -=, or x_pre in on_post) with value a constant or
// one synaptic variable, the form of most synapses (CUBA's "ge += we",
// "v_post += w"). Its events are applied one after the other in queue
// order, as the general batched path would, without gathering buffers or
// running a program: the results are the same bits.
type accumulation struct {
	data  []float64 // target variable, indexed by off + element
	off   int
	pre   bool // the target is a source variable (x_pre), indexed by s.pre
	sign  float64
	value float64   // constant value, when syn is nil
	syn   []float64 // per-synapse value (a synaptic variable)
	name  string    // synaptic variable name (its storage may be reallocated)
}

// accumulationOf returns the fast path for statement st, or nil.
func (s *Synapses) accumulationOf(st expr.Statement, binds []binding, d *expr.Decls) *accumulation {
	if st.Op != "+=" && st.Op != "-=" {
		return nil
	}
	var tgt *binding
	for k := range binds {
		if binds[k].name == st.Target {
			tgt = &binds[k]
		}
	}
	if tgt == nil || (tgt.kind != 1 && tgt.kind != 2) || tgt.v == nil || tgt.v.shared || tgt.v.data == nil || tgt.v.isInt || tgt.v.isBool {
		return nil
	}
	a := &accumulation{data: tgt.v.data, off: tgt.off, pre: tgt.kind == 1, sign: 1}
	if st.Op == "-=" {
		a.sign = -1
	}
	if n, ok := st.Value.(*expr.Name); ok {
		if _, syn := s.vars[n.Name]; syn && !s.shared[n.Name] && n.Name != "delay" && n.Name != "lastupdate" {
			a.name = n.Name
			return a
		}
	}
	value, err := constantValue(st.Value, d)
	if err != nil {
		return nil
	}
	a.value = value
	return a
}

// constantValue evaluates node, which must use no per-element or shared
// variable and no random numbers (namespace constants, units, numbers).
func constantValue(node expr.Node, d *expr.Decls) (float64, error) {
	p, err := expr.CompileExpr(node, d)
	if err != nil {
		return 0, err
	}
	if vecs, _ := p.Inputs(); len(vecs) > 0 || len(p.SharedInputs()) > 0 || p.UsesRand() {
		return 0, fmt.Errorf("%s is not constant", node)
	}
	out := make([]float64, 1)
	if err := evalProgram(p, &expr.Env{}, out, 0, 1); err != nil {
		return 0, err
	}
	return out[0], nil
}

// apply runs the events ks in order.
func (a *accumulation) apply(s *Synapses, ks []int32) {
	d := a.data[a.off:]
	index := s.post
	if a.pre {
		index = s.pre
	}
	if a.name != "" {
		w := s.vars[a.name]
		for _, k := range ks {
			d[index[k]] += a.sign * w[k]
		}
		return
	}
	v := a.sign * a.value
	for _, k := range ks {
		d[index[k]] += v
	}
}

// applyRange runs the events of synapses lo, lo+1, ..., hi-1 in order.
func (a *accumulation) applyRange(s *Synapses, lo, hi int) {
	d := a.data[a.off:]
	index := s.post[lo:hi]
	if a.pre {
		index = s.pre[lo:hi]
	}
	if a.name != "" {
		w := s.vars[a.name][lo:hi]
		for k, j := range index {
			d[j] += a.sign * w[k]
		}
		return
	}
	v := a.sign * a.value
	for _, j := range index {
		d[j] += v
	}
}
