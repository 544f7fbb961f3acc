package spiking

import (
	"errors"
	"fmt"
	"math"
	"slices"

	"github.com/gohears/hears/expr"
)

// Conn is a synapse model written in Go, BrainPy's TwoEndConn style: what
// a presynaptic spike does, as code. A Connection runs it. A Conn may also
// implement PostConn (postsynaptic spikes), ConnUpdater (a clock-driven
// update every step) and SummedConn (summed variables of the target).
type Conn interface {
	// OnPre is called in the synapses slot of every step in which
	// presynaptic spikes arrive (after their delays), with the synapses
	// concerned in Brian2's delivery order: by the step of the spike,
	// then by source element, then by synapse index. It reads and writes
	// the synapses' variables and the source's and target's through s.
	OnPre(s *ConnState, synapses []int32) error
}

// PostConn is a Conn that also acts on spikes of the target (Brian2's
// on_post): OnPost is called in the synapses slot after the presynaptic
// pathway, for the synapses whose target spiked, after the per-synapse
// delays "post_delay" (0 unless set). The target must emit spikes.
type PostConn interface {
	Conn
	OnPost(s *ConnState, synapses []int32) error
}

// ConnUpdater is a Conn with clock-driven synaptic dynamics (BrainPy's
// TwoEndConn.update): Update advances synapses [lo, hi) by one step, from
// s.T to s.T + s.Dt, in the groups slot at the connection's order. It
// must touch only those synapses' variables: connections of 2048
// synapses or more are updated in blocks of 512 on the network's workers
// at once.
type ConnUpdater interface {
	Conn
	Update(s *ConnState, lo, hi int) error
}

// SummedConn is a Conn that drives summed variables of the target
// (Brian2's "x_post = expr : unit (summed)"), named in
// ConnectionOptions.Summed. Every step, in the groups slot before the
// target's update, Summed writes out[k] for synapses k in [lo, hi) (SI
// units of the target variable; in blocks on the network's workers as
// for Update), and the connection sets the target variable of every
// element to the sum over its synapses (0 without synapses).
type SummedConn interface {
	Conn
	Summed(s *ConnState, name string, lo, hi int, out []float64) error
}

// ConnState is what a Conn sees: the time, the connectivity, and the
// variables of the synapses, of the source and of the target by name.
type ConnState struct {
	// T is the time of the step and Dt its length, in seconds.
	T, Dt float64
	// Pre and Post are the source and target elements of each synapse.
	Pre, Post []int32
	syn       map[string][]float64
	src, tgt  Group
}

// Var returns synaptic variable name, one value per synapse (nil if the
// connection has no such variable). "delay" and "post_delay" hold the
// delays (s); changing them during a run takes effect at the next Run.
func (s *ConnState) Var(name string) []float64 { return s.syn[name] }

// PreVar returns variable name of the source, one value per element
// (indices as in Pre; for a subgroup, relative to it), or an error naming
// the problem.
func (s *ConnState) PreVar(name string) ([]float64, error) { return groupArray(s.src, name) }

// PostVar returns variable name of the target, one value per element.
func (s *ConnState) PostVar(name string) ([]float64, error) { return groupArray(s.tgt, name) }

// groupArray returns the group's own storage of a per-element variable.
func groupArray(g Group, name string) ([]float64, error) {
	v, off, err := g.groupVar(name)
	if err != nil {
		return nil, err
	}
	if v.data == nil || v.shared || len(v.data) < off+g.Size() {
		return nil, fmt.Errorf("spiking: %s.%s is not a per-element stored variable", g.Name(), name)
	}
	return v.data[off : off+g.Size()], nil
}

// ConnectionOptions configure a Connection.
type ConnectionOptions struct {
	GroupOptions
	// Delay is the initial presynaptic delay of every synapse (s, rounded
	// to whole steps half to even, as Synapses' delays); per synapse with
	// Set("delay", ...). Postsynaptic delays are the variable
	// "post_delay" (initially 0).
	Delay float64
	// Summed names the target variables (per-element parameters with
	// the unit the Conn's values have) that the connection sets every
	// step to the sum of SummedConn.Summed over each element's synapses.
	Summed []string
}

// Connection is a set of synapses from a spike source to a group whose
// behaviour is a Go Conn. Its per-synapse variables are arrays (SI values,
// initialised with Set) that monitors record and Network.Store saves with
// the spikes still in transit. The network schedules it as Synapses: the
// presynaptic pathway in the synapses slot at order −1, the postsynaptic
// one at order +1, the clock-driven update in the groups slot at the
// connection's order, the summed variables in the groups slot just before
// the target's update.
type Connection struct {
	naming
	src    SpikeSource
	tgt    Group
	conn   Conn
	opts   ConnectionOptions
	state  ConnState
	units  map[string]string
	order  []string // variable names, declaration order
	pre    spikeQueue
	post   spikeQueue
	errs   []error
	sumBuf []float64
}

// NewConnection connects source element pre[k] to target element post[k]
// for every k, with the per-synapse variables declared in variables
// ("w : siemens", one per line, Brian2's parameter syntax; all zero at
// first), run by conn. The connection declares the delays "delay" and
// "post_delay" (second) itself.
func NewConnection(src SpikeSource, tgt Group, pre, post []int, variables string, conn Conn, opts ConnectionOptions) (*Connection, error) {
	if src == nil || tgt == nil || conn == nil {
		return nil, errors.New("spiking: Connection: nil source, target or model")
	}
	if err := opts.check("Connection"); err != nil {
		return nil, err
	}
	if opts.Delay < 0 || math.IsNaN(opts.Delay) || math.IsInf(opts.Delay, 0) {
		return nil, fmt.Errorf("spiking: Connection: delay must be >= 0 and finite, got %g s", opts.Delay)
	}
	if len(pre) != len(post) {
		return nil, fmt.Errorf("spiking: Connection: %d presynaptic but %d postsynaptic indices", len(pre), len(post))
	}
	if err := checkSynapseCount("Connection", 0, len(pre)); err != nil {
		return nil, err
	}
	c := &Connection{naming: newNaming("connection", opts.Name), src: src, tgt: tgt, conn: conn, opts: opts,
		units: map[string]string{}}
	c.state.Pre, c.state.Post = make([]int32, len(pre)), make([]int32, len(pre))
	for k := range pre {
		if pre[k] < 0 || pre[k] >= src.Size() || post[k] < 0 || post[k] >= tgt.Size() {
			return nil, fmt.Errorf("spiking: Connection %s: synapse %d joins %d → %d, outside %d × %d", c.name, k, pre[k], post[k], src.Size(), tgt.Size())
		}
		c.state.Pre[k], c.state.Post[k] = int32(pre[k]), int32(post[k])
	}
	eqs, err := expr.ParseEquations(variables)
	if err != nil {
		return nil, fmt.Errorf("spiking: Connection %s: %w", c.name, err)
	}
	c.state.syn = map[string][]float64{}
	declare := func(name, unit string) {
		c.state.syn[name], c.units[name] = make([]float64, len(pre)), unit
		c.order = append(c.order, name)
	}
	for _, e := range eqs.List {
		if e.Kind != expr.Parameter || len(e.Flags) > 0 {
			return nil, fmt.Errorf("spiking: Connection %s: line %d: %q: declare parameters only (name : unit); the Conn's code is the dynamics", c.name, e.Line, e.Text)
		}
		if e.Name == "delay" || e.Name == "post_delay" {
			return nil, fmt.Errorf("spiking: Connection %s: line %d: %s is declared by the connection itself", c.name, e.Line, e.Name)
		}
		if _, err := dimOfUnit(e.UnitName); err != nil {
			return nil, fmt.Errorf("spiking: Connection %s: line %d: %w", c.name, e.Line, err)
		}
		declare(e.Name, e.UnitName)
	}
	declare("delay", "second")
	declare("post_delay", "second")
	for k := range c.state.syn["delay"] {
		c.state.syn["delay"][k] = opts.Delay
	}
	if _, ok := conn.(PostConn); ok {
		if _, spikes := tgt.(SpikeSource); !spikes {
			return nil, fmt.Errorf("spiking: Connection %s: its Conn acts on postsynaptic spikes but the target %s emits none", c.name, tgt.Name())
		}
	}
	if len(opts.Summed) > 0 {
		if _, ok := conn.(SummedConn); !ok {
			return nil, fmt.Errorf("spiking: Connection %s: summed variables %v need a Conn with a Summed method", c.name, opts.Summed)
		}
	}
	for k, name := range opts.Summed {
		if slices.Contains(opts.Summed[:k], name) {
			return nil, fmt.Errorf("spiking: Connection %s: summed variable %s named twice", c.name, name)
		}
		if _, err := summedTarget(tgt, name); err != nil {
			return nil, fmt.Errorf("spiking: Connection %s: %w", c.name, err)
		}
	}
	c.state.src, c.state.tgt = src, tgt
	return c, nil
}

// summedTarget returns the target's variable a summed variable writes.
func summedTarget(tgt Group, name string) (*variable, error) {
	v, _, err := tgt.groupVar(name)
	if err != nil {
		return nil, fmt.Errorf("summed variable %s: %w", name, err)
	}
	if v.data == nil || v.shared || v.readOnly || v.constant {
		return nil, fmt.Errorf("summed variable %s: the target's %s must be a per-element parameter", name, name)
	}
	return v, nil
}

// Name is the connection's name.
func (c *Connection) Name() string { return c.name }

// Size is the number of synapses.
func (c *Connection) Size() int { return len(c.state.Pre) }

// Variables returns the names of the synaptic variables, the delays last.
func (c *Connection) Variables() []string { return slices.Clone(c.order) }

// Set sets a synaptic variable: one value for all synapses or one each.
// Delays must be finite and >= 0.
func (c *Connection) Set(name string, values ...float64) error {
	d, ok := c.state.syn[name]
	if !ok {
		return fmt.Errorf("spiking: Connection %s has no variable %q (variables: %v)", c.name, name, c.order)
	}
	if err := checkValues(c.name, name, len(d), values); err != nil {
		return err
	}
	if name == "delay" || name == "post_delay" {
		for k, x := range values {
			if x < 0 || math.IsInf(x, 0) {
				return fmt.Errorf("spiking: %s.%s: value %d is %g s; delays must be >= 0 and finite", c.name, name, k, x)
			}
		}
	}
	if len(values) == 1 {
		for k := range d {
			d[k] = values[0]
		}
		return nil
	}
	copy(d, values)
	return nil
}

// Get returns a copy of a synaptic variable.
func (c *Connection) Get(name string) ([]float64, error) {
	d, ok := c.state.syn[name]
	if !ok {
		return nil, fmt.Errorf("spiking: Connection %s has no variable %q (variables: %v)", c.name, name, c.order)
	}
	return slices.Clone(d), nil
}

// groupVar makes the synaptic variables visible to monitors.
func (c *Connection) groupVar(name string) (*variable, int, error) {
	d, ok := c.state.syn[name]
	if !ok {
		return nil, 0, fmt.Errorf("spiking: Connection %s has no variable %q (variables: %v)", c.name, name, c.order)
	}
	return &variable{name: name, unit: c.units[name], data: d}, 0, nil
}

func (c *Connection) groupDt() float64 { return c.opts.Dt }
func (c *Connection) schedOrder() int  { return c.opts.Order }

func (c *Connection) prepare(net *Network) ([]*operation, error) {
	for _, o := range []Object{c.src.spikeOwner(), c.tgt} {
		if !net.holds(o) {
			return nil, fmt.Errorf("%s is not in the network", o.Name())
		}
	}
	clk := net.clockFor(c.opts.Dt)
	n := c.Size()
	c.pre.arrange(c.state.Pre, c.src.Size(), c.state.syn["delay"], clk.dt, false, false) // Pre is visible to the Conn
	blocks := (n + stateBlock - 1) / stateBlock
	c.errs = make([]error, blocks)
	// parallelRun runs fn over the synapses in blocks on the workers and
	// returns the first error.
	parallelRun := func(what string, t float64, fn func(lo, hi int) error) error {
		net.parallel(n, stateBlock, parallelMin, func(b, lo, hi int) { c.errs[b] = fn(lo, hi) })
		for _, err := range c.errs {
			if err != nil {
				return fmt.Errorf("spiking: %s: %s at t = %g s: %w", c.name, what, t, err)
			}
		}
		return nil
	}
	var ops []*operation
	if sc, ok := c.conn.(SummedConn); ok {
		c.sumBuf = make([]float64, n)
		for _, name := range c.opts.Summed {
			v, off, err := c.tgt.groupVar(name)
			if err != nil {
				return nil, err
			}
			d := v.data[off : off+c.tgt.Size()]
			ops = append(ops, &operation{name: c.name + "_summed_variable_" + name + "_post", when: SlotGroups, order: groupOrder(c.tgt) - 1, clock: clk,
				summed: &summedRange{v: v, lo: off, hi: off + c.tgt.Size(), name: name, group: c.tgt.Name()},
				run: func(st tick) error {
					c.state.T, c.state.Dt = st.T, st.Dt
					if err := parallelRun("summed variable "+name, st.T, func(lo, hi int) error {
						return sc.Summed(&c.state, name, lo, hi, c.sumBuf)
					}); err != nil {
						return err
					}
					clear(d)
					for k, j := range c.state.Post {
						d[j] += c.sumBuf[k]
					}
					return nil
				}})
		}
	}
	if cu, ok := c.conn.(ConnUpdater); ok {
		ops = append(ops, &operation{name: c.name + "_stateupdater", when: SlotGroups, order: c.opts.Order, clock: clk,
			run: func(st tick) error {
				c.state.T, c.state.Dt = st.T, st.Dt
				return parallelRun("update", st.T, func(lo, hi int) error { return cu.Update(&c.state, lo, hi) })
			}})
	}
	ops = append(ops, &operation{name: c.name + "_pre", when: SlotSynapses, order: -1, clock: clk,
		run: func(st tick) error {
			return c.pre.step(c.src.currentSpikes(), st.K, func(ev []int32) error {
				c.state.T, c.state.Dt = st.T, st.Dt
				if err := c.conn.OnPre(&c.state, ev); err != nil {
					return fmt.Errorf("spiking: %s: on_pre at t = %g s: %w", c.name, st.T, err)
				}
				return nil
			})
		}})
	if pc, ok := c.conn.(PostConn); ok {
		tgt := c.tgt.(SpikeSource)
		c.post.arrange(c.state.Post, c.tgt.Size(), c.state.syn["post_delay"], clk.dt, false, false)
		ops = append(ops, &operation{name: c.name + "_post", when: SlotSynapses, order: 1, clock: clk,
			run: func(st tick) error {
				return c.post.step(tgt.currentSpikes(), st.K, func(ev []int32) error {
					c.state.T, c.state.Dt = st.T, st.Dt
					if err := pc.OnPost(&c.state, ev); err != nil {
						return fmt.Errorf("spiking: %s: on_post at t = %g s: %w", c.name, st.T, err)
					}
					return nil
				})
			}})
	}
	return ops, nil
}

// connSnapshot is a Connection's stored state: its variables and the
// events in transit.
type connSnapshot struct {
	vars      map[string][]float64
	pre, post queueState
}

func (c *Connection) snapshot() any {
	sn := connSnapshot{vars: map[string][]float64{}, pre: c.pre.save(), post: c.post.save()}
	for k, v := range c.state.syn {
		sn.vars[k] = slices.Clone(v)
	}
	return sn
}

func (c *Connection) restore(a any) error {
	sn, ok := a.(connSnapshot)
	if !ok || len(sn.vars) != len(c.state.syn) {
		return fmt.Errorf("spiking: %s: stored state does not fit", c.name)
	}
	for k, v := range sn.vars {
		if len(c.state.syn[k]) != len(v) {
			return fmt.Errorf("spiking: %s: stored state does not fit", c.name)
		}
	}
	for k, v := range sn.vars {
		copy(c.state.syn[k], v)
	}
	c.pre.load(sn.pre)
	c.post.load(sn.post)
	return nil
}
