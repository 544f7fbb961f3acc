package spiking

import (
	"errors"
	"fmt"
	"maps"
	"slices"
)

// Conn is a synapse model written in Go, BrainPy's TwoEndConn style: what
// a presynaptic spike does, as code. A Connection runs it.
type Conn interface {
	// OnPre is called in the synapses slot of every step in which
	// presynaptic elements spiked, with the synapses leaving them
	// (ascending synapse index). It reads and writes the synapses'
	// variables and the source's and target's through s.
	OnPre(s *ConnState, synapses []int32) error
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
// connection has no such variable).
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

// Connection is a set of synapses from a spike source to a group whose
// presynaptic effect is a Go Conn; its per-synapse variables are plain
// arrays (SI values, initialised with Set), saved by Network.Store. It is
// scheduled as Synapses' on_pre pathway (slot synapses, order −1), without
// delays.
type Connection struct {
	naming
	src   SpikeSource
	tgt   Group
	conn  Conn
	opts  GroupOptions
	state ConnState
	byPre [][]int32 // synapses of each source element
	batch []int32
}

// NewConnection connects source element pre[k] to target element post[k]
// for every k, with the per-synapse variables named in variables (all
// zero at first), run by conn.
func NewConnection(src SpikeSource, tgt Group, pre, post []int, variables []string, conn Conn, opts GroupOptions) (*Connection, error) {
	if src == nil || tgt == nil || conn == nil {
		return nil, errors.New("spiking: Connection: nil source, target or model")
	}
	if err := opts.check("Connection"); err != nil {
		return nil, err
	}
	if len(pre) != len(post) {
		return nil, fmt.Errorf("spiking: Connection: %d presynaptic but %d postsynaptic indices", len(pre), len(post))
	}
	c := &Connection{naming: newNaming("connection", opts.Name), src: src, tgt: tgt, conn: conn, opts: opts,
		byPre: make([][]int32, src.Size())}
	c.state.Pre, c.state.Post = make([]int32, len(pre)), make([]int32, len(pre))
	for k := range pre {
		if pre[k] < 0 || pre[k] >= src.Size() || post[k] < 0 || post[k] >= tgt.Size() {
			return nil, fmt.Errorf("spiking: Connection %s: synapse %d joins %d → %d, outside %d × %d", c.name, k, pre[k], post[k], src.Size(), tgt.Size())
		}
		c.state.Pre[k], c.state.Post[k] = int32(pre[k]), int32(post[k])
		c.byPre[pre[k]] = append(c.byPre[pre[k]], int32(k))
	}
	c.state.syn = map[string][]float64{}
	for _, v := range variables {
		if !isName(v) {
			return nil, fmt.Errorf("spiking: Connection %s: %q is not a variable name", c.name, v)
		}
		if _, dup := c.state.syn[v]; dup {
			return nil, fmt.Errorf("spiking: Connection %s: variable %s declared twice", c.name, v)
		}
		c.state.syn[v] = make([]float64, len(pre))
	}
	c.state.src, c.state.tgt = src, tgt
	return c, nil
}

// isName reports whether s is an identifier.
func isName(s string) bool {
	for k, r := range s {
		if !(r == '_' || r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || k > 0 && r >= '0' && r <= '9') {
			return false
		}
	}
	return s != ""
}

// Name is the connection's name.
func (c *Connection) Name() string { return c.name }

// Size is the number of synapses.
func (c *Connection) Size() int { return len(c.state.Pre) }

// Set sets a synaptic variable: one value for all synapses or one each.
func (c *Connection) Set(name string, values ...float64) error {
	d, ok := c.state.syn[name]
	if !ok {
		return fmt.Errorf("spiking: Connection %s has no variable %q", c.name, name)
	}
	if err := checkValues(c.name, name, len(d), values); err != nil {
		return err
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
		return nil, fmt.Errorf("spiking: Connection %s has no variable %q", c.name, name)
	}
	return slices.Clone(d), nil
}

func (c *Connection) prepare(net *Network) ([]*operation, error) {
	for _, o := range []Object{c.src.spikeOwner(), c.tgt} {
		if !net.holds(o) {
			return nil, fmt.Errorf("%s is not in the network", o.Name())
		}
	}
	clk := net.clockFor(c.opts.Dt)
	return []*operation{{name: c.name + "_pre", when: SlotSynapses, order: c.opts.Order - 1, clock: clk,
		run: func(s tick) error {
			spikes := c.src.currentSpikes()
			if len(spikes) == 0 {
				return nil
			}
			c.batch = c.batch[:0]
			for _, i := range spikes {
				c.batch = append(c.batch, c.byPre[i]...)
			}
			slices.Sort(c.batch)
			c.state.T, c.state.Dt = s.T, s.Dt
			if err := c.conn.OnPre(&c.state, c.batch); err != nil {
				return fmt.Errorf("spiking: %s: at t = %g s: %w", c.name, s.T, err)
			}
			return nil
		}}}, nil
}

func (c *Connection) snapshot() any {
	m := map[string][]float64{}
	for k, v := range c.state.syn {
		m[k] = slices.Clone(v)
	}
	return m
}

func (c *Connection) restore(a any) error {
	m, ok := a.(map[string][]float64)
	if !ok || !maps.EqualFunc(m, c.state.syn, func(x, y []float64) bool { return len(x) == len(y) }) {
		return fmt.Errorf("spiking: %s: stored state does not fit", c.name)
	}
	for k, v := range m {
		copy(c.state.syn[k], v)
	}
	return nil
}
