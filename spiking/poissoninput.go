package spiking

import (
	"fmt"
	"math"

	"github.com/gohears/hears/expr"
	"github.com/gohears/hears/units"
)

// PoissonInputOptions configure a PoissonInput.
type PoissonInputOptions struct {
	// Name ("" = automatic: poissoninput, poissoninput_1, ...), When (""
	// = "synapses") and Order (0) as Brian2's arguments.
	Name  string
	When  string
	Order int
	// Namespace holds the constants the weight uses (see namespace.go).
	Namespace map[string]any
}

// PoissonInput adds, every step and to every element of a target group,
// weight times the number of spikes of n independent Poisson sources of
// rate Hz, Brian2's PoissonInput(target, target_var, N, rate, weight):
// variable += binomial(n, rate*dt)*weight, without creating the sources.
// As Brian2, the count is drawn from the normal approximation
// randn()*sqrt(n p (1 − p)) + n p when n p > 5 and n (1 − p) > 5 (a real
// number, not rounded), else from the binomial distribution exactly.
// Unlike Brian2, the weight is a constant expression (namespace entries
// and units), not an expression of the target's variables.
type PoissonInput struct {
	naming
	target  Group
	varName string
	n       int
	rate    float64
	weight  string
	opts    PoissonInputOptions
	rng     blockRNGs
}

// NewPoissonInput returns the input; the weight ("0.1*mV", "w0") must have
// the dimension of the target variable.
func NewPoissonInput(target Group, variable string, n int, rate float64, weight string, opts PoissonInputOptions) (*PoissonInput, error) {
	if target == nil {
		return nil, fmt.Errorf("spiking: PoissonInput: nil target")
	}
	if n < 0 {
		return nil, fmt.Errorf("spiking: PoissonInput: the number of sources must be >= 0, got %d", n)
	}
	if !(rate >= 0) || math.IsInf(rate, 0) {
		return nil, fmt.Errorf("spiking: PoissonInput: the rate must be >= 0 and finite, got %g Hz", rate)
	}
	p := &PoissonInput{naming: newNaming("poissoninput", opts.Name), target: target, varName: variable, n: n, rate: rate, weight: weight, opts: opts}
	if _, err := p.weightValue(); err != nil {
		return nil, err
	}
	return p, nil
}

// weightValue evaluates the weight and checks its dimension against the
// target variable.
func (p *PoissonInput) weightValue() (float64, error) {
	v, _, err := p.target.groupVar(p.varName)
	if err != nil {
		return 0, fmt.Errorf("spiking: %s: %w", p.name, err)
	}
	if v.data == nil || v.readOnly || v.shared || v.isBool || v.isInt {
		return 0, fmt.Errorf("spiking: %s: %s of %s cannot receive input (it must be a per-element real variable)", p.name, p.varName, p.target.Name())
	}
	d := expr.NewDecls()
	if _, err := addNamespace(d, p.opts.Namespace, DefaultDt); err != nil {
		return 0, fmt.Errorf("spiking: %s: %w", p.name, err)
	}
	known := map[string]units.Quantity{}
	for name, x := range d.Vars {
		if val, ok := d.ConstantValue(name); ok {
			known[name] = units.Quantity{Value: val, Dim: x.Dim}
		}
	}
	q, err := constantExprWith(p.weight, known)
	if err != nil {
		return 0, fmt.Errorf("spiking: %s: weight %q: %w", p.name, p.weight, err)
	}
	if want, _ := dimOfUnit(v.unit); q.Dim != want {
		return 0, fmt.Errorf("spiking: %s: weight %q has dimension %s, %s has %s", p.name, p.weight, q.Dim, p.varName, want)
	}
	return q.Value, nil
}

// Name is the input's name.
func (p *PoissonInput) Name() string { return p.name }

func (p *PoissonInput) prepare(net *Network) ([]*operation, error) {
	w, err := p.weightValue()
	if err != nil {
		return nil, err
	}
	v, off, _ := p.target.groupVar(p.varName)
	owner := Object(p.target)
	if ss, ok := p.target.(SpikeSource); ok {
		owner = ss.spikeOwner()
	}
	if !net.holds(owner) {
		return nil, fmt.Errorf("%s is not in the network", owner.Name())
	}
	clk := net.clockFor(p.target.groupDt())
	size := p.target.Size()
	when := p.opts.When
	if when == "" {
		when = SlotSynapses
	}
	p.rng.ensure(net, p.name, size, poissonBlock)
	return []*operation{{name: p.name, when: when, order: p.opts.Order, clock: clk,
		run: func(s tick) error {
			prob := p.rate * s.Dt
			if prob > 1 {
				return fmt.Errorf("rate × dt = %g > 1: more than one spike per source and step", prob)
			}
			nf := float64(p.n)
			normal := nf*prob > 5 && nf*(1-prob) > 5
			loc, scale := nf*prob, math.Sqrt(nf*prob*(1-prob))
			d := v.data[off : off+size]
			for b := 0; b*poissonBlock < size; b++ {
				r := &p.rng.r[b]
				for k := b * poissonBlock; k < min(size, (b+1)*poissonBlock); k++ {
					var c float64
					if normal {
						c = r.NormFloat64()*scale + loc
					} else {
						c = float64(binomialInversion(r, p.n, prob))
					}
					d[k] += c * w
				}
			}
			return nil
		}}}, nil
}

// binomialInversion draws from Binomial(n, p) by inversion of the
// distribution function (Kachitvichyanukul & Schmeiser 1988, "Binomial
// random variate generation", Commun. ACM 31(2), algorithm BINV; Brian2
// uses the same for its exact case), in O(n min(p, 1 − p)) steps: it is
// used where n p <= 5 or n (1 − p) <= 5. Written here because gonum's
// distuv.Binomial allocates a generator per draw.
func binomialInversion(r *RNG, n int, p float64) int {
	if p <= 0 || n == 0 {
		return 0
	}
	if p >= 1 {
		return n
	}
	if p > 0.5 {
		return n - binomialInversion(r, n, 1-p)
	}
	q := 1 - p
	s := p / q
	a := float64(n+1) * s
	prob := math.Pow(q, float64(n))
	u := r.Float64()
	x := 0
	for u > prob && x < n {
		u -= prob
		x++
		prob *= a/float64(x) - s
	}
	return x
}
