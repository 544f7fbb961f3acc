package spiking

import (
	"fmt"
	"slices"
)

// MonitorOptions are the settings shared by the monitors.
type MonitorOptions struct {
	// Name of the monitor ("" = automatic: spikemonitor, spikemonitor_1, ...).
	Name string
	// When and Order override the schedule slot and order (defaults: see
	// each monitor).
	When  string
	Order *int
	// Event is the event a SpikeMonitor or SpikeCounter records: "" or
	// "spike", or a custom event of a NeuronGroup (NeuronGroupOptions.Events),
	// Brian2's SpikeMonitor(G, event='name') / EventMonitor.
	Event string
}

func (o MonitorOptions) slot(defWhen string, defOrder int) (string, int) {
	w, ord := o.When, defOrder
	if w == "" {
		w = defWhen
	}
	if o.Order != nil {
		ord = *o.Order
	}
	return w, ord
}

// SpikeMonitor records the spikes of a source: index and time of every
// spike, counts per element and, optionally, the values of variables of
// the source at the spike (after the threshold, before the reset). Default
// slot: thresholds, order = source order + 1 (after the threshold).
type SpikeMonitor struct {
	naming
	src   SpikeSource
	opts  MonitorOptions
	vars  []string
	index []int32
	step  []int64
	t     []float64
	count []int
	vals  [][]float64
}

// NewSpikeMonitor returns a monitor of src that also records variables
// (may be none) at every spike.
func NewSpikeMonitor(src SpikeSource, variables []string, opts MonitorOptions) (*SpikeMonitor, error) {
	if src == nil {
		return nil, fmt.Errorf("spiking: NewSpikeMonitor: nil source")
	}
	for _, v := range variables {
		if _, _, err := src.groupVar(v); err != nil {
			return nil, err
		}
	}
	return &SpikeMonitor{
		naming: newNaming("spikemonitor", opts.Name), src: src, opts: opts,
		vars: slices.Clone(variables), count: make([]int, src.Size()),
		vals: make([][]float64, len(variables)),
	}, nil
}

// Name is the name of the monitor.
func (m *SpikeMonitor) Name() string { return m.name }

func (m *SpikeMonitor) prepare(net *Network) ([]*operation, error) {
	w, ord := m.opts.slot(eventSlot(m.opts.Event), groupOrder(m.src)+1)
	vs, err := boundVars(m.src, m.vars)
	if err != nil {
		return nil, err
	}
	var scratch []float64
	events, err := eventsOf(m.src, m.opts.Event)
	if err != nil {
		return nil, err
	}
	return []*operation{{name: m.name, when: w, order: ord, clock: net.clockFor(m.src.groupDt()), owner: m.src.spikeOwner(), fuseSafe: true,
		run: func(s tick) error {
			sp := events()
			for _, i := range sp {
				m.index = append(m.index, i)
				m.step = append(m.step, s.K)
				m.t = append(m.t, s.T)
				m.count[i]++
			}
			for k, x := range vs {
				for _, i := range sp {
					j := int(i) + x.off
					var val float64
					switch {
					case x.v.compute != nil:
						if len(scratch) <= j {
							scratch = make([]float64, j+1)
						}
						if err := x.v.compute(scratch, j, j+1, s.T); err != nil {
							return err
						}
						val = scratch[j]
					case x.v.shared:
						val = x.v.data[0]
					default:
						val = x.v.data[j]
					}
					m.vals[k] = append(m.vals[k], val)
				}
			}
			return nil
		}}}, nil
}

// NumSpikes is the number of recorded spikes.
func (m *SpikeMonitor) NumSpikes() int { return len(m.index) }

// I returns the element index of every spike, in recording order (by time,
// then by index for neuron groups).
func (m *SpikeMonitor) I() []int {
	out := make([]int, len(m.index))
	for k, i := range m.index {
		out[k] = int(i)
	}
	return out
}

// T returns the time (seconds) of every spike: the start of the step in
// which it occurred.
func (m *SpikeMonitor) T() []float64 { return slices.Clone(m.t) }

// Steps returns the step index of every spike.
func (m *SpikeMonitor) Steps() []int64 { return slices.Clone(m.step) }

// Count returns the number of spikes of every element.
func (m *SpikeMonitor) Count() []int { return slices.Clone(m.count) }

// Train returns the spike times (seconds) of element i.
func (m *SpikeMonitor) Train(i int) []float64 {
	var out []float64
	for k, j := range m.index {
		if int(j) == i {
			out = append(out, m.t[k])
		}
	}
	return out
}

// Trains returns the spike times (seconds) of every element.
func (m *SpikeMonitor) Trains() [][]float64 {
	out := make([][]float64, len(m.count))
	for i, c := range m.count {
		out[i] = make([]float64, 0, c)
	}
	for k, j := range m.index {
		out[j] = append(out[j], m.t[k])
	}
	return out
}

// Values returns the values of a recorded variable at every spike.
func (m *SpikeMonitor) Values(variable string) ([]float64, error) {
	k := slices.Index(m.vars, variable)
	if k < 0 {
		return nil, fmt.Errorf("spiking: %s does not record %q (records %v)", m.name, variable, m.vars)
	}
	return slices.Clone(m.vals[k]), nil
}

type spikeMonSnap struct {
	index []int32
	step  []int64
	t     []float64
	count []int
	vals  [][]float64
}

func (m *SpikeMonitor) snapshot() any {
	s := spikeMonSnap{slices.Clone(m.index), slices.Clone(m.step), slices.Clone(m.t), slices.Clone(m.count), make([][]float64, len(m.vals))}
	for k := range m.vals {
		s.vals[k] = slices.Clone(m.vals[k])
	}
	return s
}

func (m *SpikeMonitor) restore(a any) error {
	s, ok := a.(spikeMonSnap)
	if !ok {
		return fmt.Errorf("wrong snapshot type %T", a)
	}
	m.index, m.step, m.t, m.count = slices.Clone(s.index), slices.Clone(s.step), slices.Clone(s.t), slices.Clone(s.count)
	for k := range m.vals {
		m.vals[k] = slices.Clone(s.vals[k])
	}
	return nil
}

// SpikeCounter counts the spikes of every element of a source without
// recording them: its memory is one integer per element. Default slot as
// SpikeMonitor.
type SpikeCounter struct {
	naming
	src   SpikeSource
	opts  MonitorOptions
	count []int
	total int
}

// NewSpikeCounter returns a counter of the spikes of src.
func NewSpikeCounter(src SpikeSource, opts MonitorOptions) (*SpikeCounter, error) {
	if src == nil {
		return nil, fmt.Errorf("spiking: NewSpikeCounter: nil source")
	}
	return &SpikeCounter{naming: newNaming("spikecounter", opts.Name), src: src, opts: opts, count: make([]int, src.Size())}, nil
}

// Name is the name of the counter.
func (m *SpikeCounter) Name() string { return m.name }

// Count returns the number of spikes of every element.
func (m *SpikeCounter) Count() []int { return slices.Clone(m.count) }

// Total is the number of spikes of all elements.
func (m *SpikeCounter) Total() int { return m.total }

func (m *SpikeCounter) prepare(net *Network) ([]*operation, error) {
	w, ord := m.opts.slot(eventSlot(m.opts.Event), groupOrder(m.src)+1)
	events, err := eventsOf(m.src, m.opts.Event)
	if err != nil {
		return nil, err
	}
	return []*operation{{name: m.name, when: w, order: ord, clock: net.clockFor(m.src.groupDt()), owner: m.src.spikeOwner(), fuseSafe: true,
		run: func(tick) error {
			sp := events()
			for _, i := range sp {
				m.count[i]++
			}
			m.total += len(sp)
			return nil
		}}}, nil
}

type counterSnap struct {
	count []int
	total int
}

func (m *SpikeCounter) snapshot() any { return counterSnap{slices.Clone(m.count), m.total} }
func (m *SpikeCounter) restore(a any) error {
	s, ok := a.(counterSnap)
	if !ok {
		return fmt.Errorf("wrong snapshot type %T", a)
	}
	m.count, m.total = slices.Clone(s.count), s.total
	return nil
}

// PopulationRateMonitor records the instantaneous population rate of a
// source every step: spikes in the step / (size × dt), in Hz. Default slot
// as SpikeMonitor.
type PopulationRateMonitor struct {
	naming
	src  SpikeSource
	opts MonitorOptions
	t    []float64
	rate []float64
}

// NewPopulationRateMonitor returns a population-rate monitor of src.
func NewPopulationRateMonitor(src SpikeSource, opts MonitorOptions) (*PopulationRateMonitor, error) {
	if src == nil || src.Size() == 0 {
		return nil, fmt.Errorf("spiking: NewPopulationRateMonitor: nil or empty source")
	}
	return &PopulationRateMonitor{naming: newNaming("ratemonitor", opts.Name), src: src, opts: opts}, nil
}

// Name is the name of the monitor.
func (m *PopulationRateMonitor) Name() string { return m.name }

// T returns the time (seconds) of every recorded step.
func (m *PopulationRateMonitor) T() []float64 { return slices.Clone(m.t) }

// Rate returns the population rate (Hz) of every recorded step.
func (m *PopulationRateMonitor) Rate() []float64 { return slices.Clone(m.rate) }

func (m *PopulationRateMonitor) prepare(net *Network) ([]*operation, error) {
	w, ord := m.opts.slot(SlotThresholds, groupOrder(m.src)+1)
	n := float64(m.src.Size())
	return []*operation{{name: m.name, when: w, order: ord, clock: net.clockFor(m.src.groupDt()), owner: m.src.spikeOwner(), fuseSafe: true,
		run: func(s tick) error {
			m.t = append(m.t, s.T)
			m.rate = append(m.rate, float64(len(m.src.currentSpikes()))/(n*s.Dt))
			return nil
		}}}, nil
}

type rateSnap struct{ t, rate []float64 }

func (m *PopulationRateMonitor) snapshot() any {
	return rateSnap{slices.Clone(m.t), slices.Clone(m.rate)}
}
func (m *PopulationRateMonitor) restore(a any) error {
	s, ok := a.(rateSnap)
	if !ok {
		return fmt.Errorf("wrong snapshot type %T", a)
	}
	m.t, m.rate = slices.Clone(s.t), slices.Clone(s.rate)
	return nil
}

// StateMonitorOptions configure a StateMonitor.
type StateMonitorOptions struct {
	MonitorOptions
	// Record lists the elements to record (indices into the source); nil
	// records all of them.
	Record []int
	// Dt is the recording step in seconds (0 = the source's step).
	Dt float64
}

// StateMonitor records variables of chosen elements of a group at every
// step of its clock. Default slot: start (values at the beginning of the
// step, i.e. after everything of the previous step), order 0.
type StateMonitor struct {
	naming
	src    Group
	opts   StateMonitorOptions
	vars   []string
	record []int
	t      []float64
	data   [][]float64 // per variable: time-major rows of len(record)
}

// NewStateMonitor returns a monitor recording variables of src.
func NewStateMonitor(src Group, variables []string, opts StateMonitorOptions) (*StateMonitor, error) {
	if src == nil {
		return nil, fmt.Errorf("spiking: NewStateMonitor: nil source")
	}
	if len(variables) == 0 {
		return nil, fmt.Errorf("spiking: NewStateMonitor: no variables to record")
	}
	for _, v := range variables {
		if _, _, err := src.groupVar(v); err != nil {
			return nil, err
		}
	}
	rec := opts.Record
	if rec == nil {
		rec = make([]int, src.Size())
		for k := range rec {
			rec[k] = k
		}
	}
	for _, i := range rec {
		if i < 0 || i >= src.Size() {
			return nil, fmt.Errorf("spiking: NewStateMonitor: index %d outside the source's %d elements", i, src.Size())
		}
	}
	if opts.Dt < 0 {
		return nil, fmt.Errorf("spiking: NewStateMonitor: negative dt %g s", opts.Dt)
	}
	return &StateMonitor{naming: newNaming("statemonitor", opts.Name), src: src, opts: opts,
		vars: slices.Clone(variables), record: slices.Clone(rec), data: make([][]float64, len(variables))}, nil
}

// Name is the name of the monitor.
func (m *StateMonitor) Name() string { return m.name }

// T returns the recording times in seconds.
func (m *StateMonitor) T() []float64 { return slices.Clone(m.t) }

// Recorded returns the recorded element indices.
func (m *StateMonitor) Recorded() []int { return slices.Clone(m.record) }

// Trace returns the values of variable for the k-th recorded element
// (k indexes Recorded(), not the group) at every recording time.
func (m *StateMonitor) Trace(variable string, k int) ([]float64, error) {
	vk := slices.Index(m.vars, variable)
	if vk < 0 {
		return nil, fmt.Errorf("spiking: %s does not record %q (records %v)", m.name, variable, m.vars)
	}
	if k < 0 || k >= len(m.record) {
		return nil, fmt.Errorf("spiking: %s records %d elements, asked for number %d", m.name, len(m.record), k)
	}
	nr := len(m.record)
	d := m.data[vk]
	out := make([]float64, len(m.t))
	for r := range out {
		out[r] = d[r*nr+k]
	}
	return out, nil
}

// Rows returns the values of variable as rows over time, one column per
// recorded element (the layout of the Brian2 reference traces without the
// time column).
func (m *StateMonitor) Rows(variable string) ([][]float64, error) {
	vk := slices.Index(m.vars, variable)
	if vk < 0 {
		return nil, fmt.Errorf("spiking: %s does not record %q (records %v)", m.name, variable, m.vars)
	}
	nr := len(m.record)
	out := make([][]float64, len(m.t))
	for r := range out {
		out[r] = m.data[vk][r*nr : (r+1)*nr]
	}
	return out, nil
}

func (m *StateMonitor) prepare(net *Network) ([]*operation, error) {
	w, ord := m.opts.slot(SlotStart, 0)
	vs, err := boundVars(m.src, m.vars)
	if err != nil {
		return nil, err
	}
	dt := m.opts.Dt
	if dt == 0 {
		dt = m.src.groupDt()
	}
	var scratch []float64
	return []*operation{{name: m.name, when: w, order: ord, clock: net.clockFor(dt),
		run: func(s tick) error {
			m.t = append(m.t, s.T)
			for k, x := range vs {
				d := m.data[k]
				switch {
				case x.v.compute != nil:
					hi := x.off + m.src.Size()
					if len(scratch) < hi {
						scratch = make([]float64, hi)
					}
					if err := x.v.compute(scratch, x.off, hi, s.T); err != nil {
						return err
					}
					for _, i := range m.record {
						d = append(d, scratch[x.off+i])
					}
				case x.v.shared:
					for range m.record {
						d = append(d, x.v.data[0])
					}
				default:
					for _, i := range m.record {
						d = append(d, x.v.data[i+x.off])
					}
				}
				m.data[k] = d
			}
			return nil
		}}}, nil
}

type stateMonSnap struct {
	t    []float64
	data [][]float64
}

func (m *StateMonitor) snapshot() any {
	s := stateMonSnap{slices.Clone(m.t), make([][]float64, len(m.data))}
	for k := range m.data {
		s.data[k] = slices.Clone(m.data[k])
	}
	return s
}

func (m *StateMonitor) restore(a any) error {
	s, ok := a.(stateMonSnap)
	if !ok {
		return fmt.Errorf("wrong snapshot type %T", a)
	}
	m.t = slices.Clone(s.t)
	for k := range m.data {
		m.data[k] = slices.Clone(s.data[k])
	}
	return nil
}

// groupOrder is the schedule order of a group (0 when it has none).
func groupOrder(g any) int {
	if o, ok := g.(interface{ schedOrder() int }); ok {
		return o.schedOrder()
	}
	return 0
}

// boundVar is a variable of a group with the group's element offset.
type boundVar struct {
	v   *variable
	off int
}

// boundVars resolves the variables a monitor records.
func boundVars(src Group, names []string) ([]boundVar, error) {
	vs := make([]boundVar, len(names))
	for k, name := range names {
		v, off, err := src.groupVar(name)
		if err != nil {
			return nil, err
		}
		vs[k] = boundVar{v, off}
	}
	return vs, nil
}
