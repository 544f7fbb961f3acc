package spiking

import (
	"fmt"
	"math"
	"slices"
	"sort"

	"github.com/gohears/hears/expr"
	"github.com/gohears/hears/units"
)

// GroupOptions are the settings shared by all groups.
type GroupOptions struct {
	// Name of the group ("" = automatic, e.g. neurongroup, neurongroup_1).
	Name string
	// Dt is the clock step in seconds (0 = the network's default).
	Dt float64
	// Order is the schedule order of the group's operations within their
	// slots (lower first; ties broken by name).
	Order int
}

func (o GroupOptions) check(kind string) error {
	if o.Dt < 0 || math.IsNaN(o.Dt) || math.IsInf(o.Dt, 0) {
		return fmt.Errorf("spiking: %s: dt must be positive and finite (or 0 for the default), got %g s", kind, o.Dt)
	}
	return nil
}

// SpikeGeneratorGroup emits given spikes: element indices[k] spikes at
// times[k] (seconds), optionally repeated with a period. A spike at time
// ts is emitted in step floor((ts + 1e-3*dt)/dt) (Brian2's rule), in slot
// thresholds; monitors see it at the step time.
type SpikeGeneratorGroup struct {
	naming
	n    int
	opts GroupOptions
	spikeSpace
	vars    varTable
	indices []int
	times   []float64
	period  float64
	// prepared for the current dt
	prepDt float64
	steps  []int64 // sorted by (step, index)
	idx    []int32
	pSteps int64
}

// NewSpikeGeneratorGroup returns a group of n elements emitting the given
// spikes (period 0 = no repetition).
func NewSpikeGeneratorGroup(n int, indices []int, times []float64, period float64, opts GroupOptions) (*SpikeGeneratorGroup, error) {
	if err := checkGroupSize("SpikeGeneratorGroup", n, 1); err != nil {
		return nil, err
	}
	if err := opts.check("SpikeGeneratorGroup"); err != nil {
		return nil, err
	}
	g := &SpikeGeneratorGroup{naming: newNaming("spikegeneratorgroup", opts.Name), n: n, opts: opts, vars: newVarTable(n)}
	iv := g.vars.addVector("i", "1")
	iv.readOnly, iv.isInt = true, true
	for k := range iv.data {
		iv.data[k] = float64(k)
	}
	if err := g.SetSpikes(indices, times, period); err != nil {
		return nil, err
	}
	return g, nil
}

// SetSpikes replaces the spikes (takes effect at the next Run).
func (g *SpikeGeneratorGroup) SetSpikes(indices []int, times []float64, period float64) error {
	if len(indices) != len(times) {
		return fmt.Errorf("spiking: %s: %d indices but %d times", g.name, len(indices), len(times))
	}
	for k, i := range indices {
		if i < 0 || i >= g.n {
			return fmt.Errorf("spiking: %s: spike %d has index %d outside [0, %d)", g.name, k, i, g.n)
		}
		if math.IsNaN(times[k]) || math.IsInf(times[k], 0) || times[k] < 0 {
			return fmt.Errorf("spiking: %s: spike %d has time %g s (must be finite and >= 0)", g.name, k, times[k])
		}
		if period > 0 && times[k] >= period {
			return fmt.Errorf("spiking: %s: spike %d at %g s is not before the period %g s", g.name, k, times[k], period)
		}
	}
	if period < 0 || math.IsNaN(period) || math.IsInf(period, 0) {
		return fmt.Errorf("spiking: %s: period must be >= 0 and finite, got %g s", g.name, period)
	}
	g.indices, g.times, g.period = slices.Clone(indices), slices.Clone(times), period
	g.prepDt = 0
	return nil
}

// Name is the name of the group.
func (g *SpikeGeneratorGroup) Name() string { return g.name }

// Size is the number of elements.
func (g *SpikeGeneratorGroup) Size() int { return g.n }

func (g *SpikeGeneratorGroup) groupVar(name string) (*variable, int, error) {
	v, err := g.vars.lookup(g.name, name)
	return v, 0, err
}
func (g *SpikeGeneratorGroup) groupDt() float64   { return g.opts.Dt }
func (g *SpikeGeneratorGroup) schedOrder() int    { return g.opts.Order }
func (g *SpikeGeneratorGroup) spikeOwner() Object { return g }

// arrange computes the emission step of every spike for clock step dt.
func (g *SpikeGeneratorGroup) arrange(dt float64) error {
	type ev struct {
		step int64
		i    int32
	}
	evs := make([]ev, len(g.times))
	for k, ts := range g.times {
		evs[k] = ev{int64(math.Floor((ts + 1e-3*dt) / dt)), int32(g.indices[k])}
	}
	sort.Slice(evs, func(a, b int) bool {
		if evs[a].step != evs[b].step {
			return evs[a].step < evs[b].step
		}
		return evs[a].i < evs[b].i
	})
	g.steps, g.idx = make([]int64, len(evs)), make([]int32, len(evs))
	for k, e := range evs {
		if k > 0 && e.step == evs[k-1].step && e.i == evs[k-1].i {
			return fmt.Errorf("spiking: %s: element %d has two spikes in step %d (dt = %g s); use a smaller dt", g.name, e.i, e.step, dt)
		}
		g.steps[k], g.idx[k] = e.step, e.i
	}
	g.pSteps = 0
	if g.period > 0 {
		p := math.Round(g.period / dt)
		if math.Abs(p*dt-g.period) > 1e-4*dt || p < 1 {
			return fmt.Errorf("spiking: %s: period %g s is not a multiple of dt %g s", g.name, g.period, dt)
		}
		g.pSteps = int64(p)
		if len(g.steps) > 0 && g.steps[len(g.steps)-1] >= g.pSteps {
			return fmt.Errorf("spiking: %s: a spike falls in step %d, not before the period of %d steps", g.name, g.steps[len(g.steps)-1], g.pSteps)
		}
	}
	g.prepDt = dt
	return nil
}

func (g *SpikeGeneratorGroup) prepare(net *Network) ([]*operation, error) {
	c := net.clockFor(g.opts.Dt)
	if g.prepDt != c.dt {
		if err := g.arrange(c.dt); err != nil {
			return nil, err
		}
	}
	return []*operation{{name: g.name + "_spikegenerator", when: SlotThresholds, order: g.opts.Order, clock: c, owner: g, fuseSafe: true,
		run: func(s tick) error {
			k := s.K
			if g.pSteps > 0 {
				k %= g.pSteps
			}
			a := sort.Search(len(g.steps), func(j int) bool { return g.steps[j] >= k })
			b := a
			for b < len(g.steps) && g.steps[b] == k {
				b++
			}
			g.spikes = append(g.spikes[:0], g.idx[a:b]...)
			return nil
		}}}, nil
}

func (g *SpikeGeneratorGroup) snapshot() any { return slices.Clone(g.spikes) }
func (g *SpikeGeneratorGroup) restore(a any) error {
	s, ok := a.([]int32)
	if !ok {
		return fmt.Errorf("wrong snapshot type %T", a)
	}
	g.spikes = slices.Clone(s)
	return nil
}

// PoissonGroup is a group of independent Poisson spike sources: element i
// spikes in a step when a uniform random number is below rates[i]*dt
// (Brian2's rule). Rates are a number, a vector (Hz), or an expression of
// t and i (see NewPoissonGroupExpr).
type PoissonGroup struct {
	naming
	n    int
	opts GroupOptions
	spikeSpace
	vars  varTable
	rates *variable
	// rateFn, when not nil, computes the rates of elements [lo, hi) at time
	// t into dst (expression rates).
	rateFn  func(dst []float64, t float64, lo, hi int) error
	rng     blockRNGs
	u       []float64
	curDt   float64
	skip    poissonSkip // constant rates: the next spike step of each element
	regular []*poissonRegular
}

// poissonBlock is the number of elements that share one random stream.
const poissonBlock = 4096

// NewPoissonGroup returns n Poisson sources with rates in Hz: one value for
// all or one per element.
func NewPoissonGroup(n int, rates []float64, opts GroupOptions) (*PoissonGroup, error) {
	// Per element: i, rate, a uniform draw, the next spike step.
	if err := checkGroupSize("PoissonGroup", n, 4); err != nil {
		return nil, err
	}
	if err := opts.check("PoissonGroup"); err != nil {
		return nil, err
	}
	g := &PoissonGroup{naming: newNaming("poissongroup", opts.Name), n: n, opts: opts, vars: newVarTable(n)}
	iv := g.vars.addVector("i", "1")
	iv.readOnly, iv.isInt = true, true
	for k := range iv.data {
		iv.data[k] = float64(k)
	}
	g.rates = g.vars.addVector("rates", "Hz")
	if err := g.SetRates(rates...); err != nil {
		return nil, err
	}
	return g, nil
}

// SetRates sets the rates (Hz): one value for all or one per element.
func (g *PoissonGroup) SetRates(rates ...float64) error {
	if err := checkValues(g.name, "rates", g.n, rates); err != nil {
		return err
	}
	for k, r := range rates {
		if r < 0 || math.IsInf(r, 0) {
			return fmt.Errorf("spiking: %s: rate %d is %g Hz (must be >= 0 and finite)", g.name, k, r)
		}
	}
	if len(rates) == 1 {
		for k := range g.rates.data {
			g.rates.data[k] = rates[0]
		}
	} else {
		copy(g.rates.data, rates)
	}
	g.rateFn = nil
	g.skip.valid = false // draw new gaps (memoryless: same statistics)
	return nil
}

// Name is the name of the group.
func (g *PoissonGroup) Name() string { return g.name }

// Size is the number of elements.
func (g *PoissonGroup) Size() int { return g.n }

func (g *PoissonGroup) groupVar(name string) (*variable, int, error) {
	v, err := g.vars.lookup(g.name, name)
	return v, 0, err
}
func (g *PoissonGroup) groupDt() float64   { return g.opts.Dt }
func (g *PoissonGroup) schedOrder() int    { return g.opts.Order }
func (g *PoissonGroup) spikeOwner() Object { return g }

func (g *PoissonGroup) prepare(net *Network) ([]*operation, error) {
	c := net.clockFor(g.opts.Dt)
	g.curDt = c.dt
	g.rng.ensure(net, g.name, g.n, poissonBlock)
	if len(g.u) != g.n {
		g.u = make([]float64, g.n)
	}
	var ops []*operation
	for _, r := range g.regular {
		op, err := r.prepare(net, c)
		if err != nil {
			return nil, err
		}
		ops = append(ops, op)
	}
	return append(ops, &operation{name: g.name + "_spike_thresholder", when: SlotThresholds, order: g.opts.Order, clock: c, owner: g, fuseSafe: true,
		run: func(s tick) error {
			if g.rateFn != nil {
				if err := g.rateFn(g.rates.data, s.T, 0, g.n); err != nil {
					return err
				}
			}
			g.spikes = g.spikes[:0]
			if g.rateFn == nil {
				g.spikes = g.skip.step(g, s, g.spikes)
				return nil
			}
			for b := 0; b*poissonBlock < g.n; b++ {
				lo, hi := b*poissonBlock, min(g.n, (b+1)*poissonBlock)
				u := g.u[lo:hi]
				g.rng.r[b].FillUniform(u)
				for k, x := range u {
					if x < g.rates.data[lo+k]*s.Dt {
						g.spikes = append(g.spikes, int32(lo+k))
					}
				}
			}
			return nil
		}}), nil
}

type poissonSnap struct {
	spikes []int32
	rates  []float64
	rng    blockRNGs
	skip   poissonSkip
}

func (g *PoissonGroup) snapshot() any {
	return poissonSnap{slices.Clone(g.spikes), slices.Clone(g.rates.data), g.rng.clone(), g.skip.clone()}
}

func (g *PoissonGroup) restore(a any) error {
	s, ok := a.(poissonSnap)
	if !ok {
		return fmt.Errorf("wrong snapshot type %T", a)
	}
	g.spikes = slices.Clone(s.spikes)
	copy(g.rates.data, s.rates)
	g.rng = s.rng.clone()
	g.skip = s.skip.clone()
	return nil
}

// blockRNGs are the random streams of a group: one per block of elements,
// derived from the network seed and the group name, so that results do not
// depend on how blocks are spread over threads.
type blockRNGs struct {
	r   []RNG
	gen uint64 // network seed generation the streams derive from
	net *Network
}

func (b *blockRNGs) ensure(net *Network, name string, n, block int) {
	nb := (n + block - 1) / block
	if b.net == net && b.gen == net.seedGen && len(b.r) == nb {
		return
	}
	b.net, b.gen = net, net.seedGen
	b.r = make([]RNG, nb)
	for k := range b.r {
		b.r[k].Seed(streamSeed(net.seed, name, uint64(k)))
	}
}

func (b blockRNGs) clone() blockRNGs {
	return blockRNGs{r: slices.Clone(b.r), gen: b.gen, net: b.net}
}

// NewPoissonGroupExpr returns n Poisson sources whose rates are an
// expression of t and i (and namespace entries), evaluated every step,
// e.g. "(1 + sin(2*pi*5*Hz*t))*20*Hz". The expression must have the
// dimension of Hz.
func NewPoissonGroupExpr(n int, rates string, opts GroupOptions, namespace map[string]any) (*PoissonGroup, error) {
	g, err := NewPoissonGroup(n, []float64{0}, opts)
	if err != nil {
		return nil, err
	}
	node, err := expr.ParseExpr(rates)
	if err != nil {
		return nil, fmt.Errorf("spiking: %s rates %q: %w", g.name, rates, err)
	}
	var tNow float64
	compile := func(dt float64) (*expr.Program, error) {
		d := expr.NewDecls()
		if _, err := addNamespace(d, namespace, dt); err != nil {
			return nil, err
		}
		d.Scalar("t", units.DimTime()).Constant("dt", dt, units.DimTime()).Index("i").Constant("N", float64(n), units.Dimensionless())
		p, err := expr.CompileExpr(node, d)
		if err != nil {
			return nil, err
		}
		if p.ResultDim() != units.DimFrequency() {
			return nil, fmt.Errorf("rates must have the dimension of Hz, got %s", p.ResultDim())
		}
		return p, nil
	}
	dt := opts.Dt
	if dt == 0 {
		dt = DefaultDt
	}
	p, err := compile(dt)
	if err != nil {
		return nil, fmt.Errorf("spiking: %s rates %q: %w", g.name, rates, err)
	}
	pdt := dt
	env := &expr.Env{Scalars: map[string]*float64{"t": &tNow}}
	g.rateFn = func(dst []float64, t float64, lo, hi int) error {
		if g.curDt != pdt {
			q, err := compile(g.curDt)
			if err != nil {
				return err
			}
			p, pdt = q, g.curDt
		}
		tNow = t
		return evalProgram(p, env, dst, lo, hi)
	}
	return g, nil
}
