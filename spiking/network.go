package spiking

import (
	"errors"
	"fmt"
	"io"
	"math"
	"runtime"
	"time"
)

// Object is anything a Network runs: neuron groups, inputs, monitors and
// network operations of this package.
type Object interface {
	scheduled
}

// stateful objects take part in Network.Store and Network.Restore.
type stateful interface {
	snapshot() any
	restore(snap any) error
}

// DefaultDt is the default clock step (seconds) of a Network, 0.1 ms as
// Brian2's defaultclock.
const DefaultDt = 1e-4

// Network runs a set of objects, each on its own clock, in Brian2's
// schedule order. Create it with NewNetwork, add objects with Add and
// advance it with Run, as often as needed.
type Network struct {
	objects  []Object
	byName   map[string]Object
	dt       float64
	t        float64
	clocks   map[float64]*simClock
	schedule []string
	seed     uint64
	seedGen  uint64 // incremented by Seed; objects re-derive their streams
	workers  int
	pool     *pool
	stored   map[string]*netSnapshot
	stopped  bool
	// noFiniteCheck turns off the check for NaN and infinite state
	// variables after every state update (CheckFinite).
	noFiniteCheck bool
	// reporting
	report       io.Writer
	reportPeriod time.Duration
	progress     func(Progress)
}

// NewNetwork returns an empty network with default clock step dt (seconds;
// 0 means DefaultDt) and the given objects.
func NewNetwork(dt float64, objects ...Object) (*Network, error) {
	if dt == 0 {
		dt = DefaultDt
	}
	if !(dt > 0) || math.IsInf(dt, 0) {
		return nil, fmt.Errorf("spiking: network dt must be positive and finite, got %g s", dt)
	}
	n := &Network{
		byName:   map[string]Object{},
		dt:       dt,
		clocks:   map[float64]*simClock{},
		schedule: DefaultSchedule,
		seed:     randomSeed(),
		workers:  runtime.GOMAXPROCS(0),
		stored:   map[string]*netSnapshot{},
	}
	if err := n.Add(objects...); err != nil {
		return nil, err
	}
	return n, nil
}

// Add adds objects to the network. Names must be unique. An object
// created without a name gets its automatic name here, when it first joins
// a network (see naming).
func (n *Network) Add(objects ...Object) error {
	for _, o := range objects {
		if o == nil {
			return errors.New("spiking: Network.Add: nil object")
		}
		if an, ok := o.(autoNamed); ok {
			if nm := an.objNaming(); nm.auto {
				nm.name, nm.auto = n.uniqueName(nm.name), false
			}
		}
		if _, dup := n.byName[o.Name()]; dup {
			return fmt.Errorf("spiking: Network.Add: an object named %q is already in the network", o.Name())
		}
		n.byName[o.Name()] = o
		n.objects = append(n.objects, o)
	}
	return nil
}

// Object returns the object named name, or nil.
func (n *Network) Object(name string) Object { return n.byName[name] }

// wrapper is an object built around another that other objects may refer
// to directly (a FilterbankGroup and its NeuronGroup, which owns the
// spikes and the variables).
type wrapper interface {
	wrapped() Object
}

// holds reports whether o is in the network, itself or as the object
// wrapped by one that is.
func (n *Network) holds(o Object) bool {
	x := n.byName[o.Name()]
	if x == o {
		return true
	}
	w, ok := x.(wrapper)
	return ok && w.wrapped() == o
}

// T is the network time in seconds: the end of the last run.
func (n *Network) T() float64 { return n.t }

// Dt is the default clock step of the network (seconds).
func (n *Network) Dt() float64 { return n.dt }

// Seed sets the seed of all random-number streams of the network's
// objects. Every object draws from its own streams derived from the seed
// and its name (and, within a group, from one stream per block of
// neurons), so results do not depend on the number of worker threads.
func (n *Network) Seed(seed uint64) {
	n.seed = seed
	n.seedGen++
}

// SetWorkers sets the number of threads used for large groups (1 = no
// threads). Results do not depend on it.
func (n *Network) SetWorkers(k int) error {
	if k < 1 {
		return fmt.Errorf("spiking: SetWorkers(%d): need at least 1", k)
	}
	n.workers = k
	if n.pool != nil {
		n.pool.close()
		n.pool = nil
	}
	return nil
}

// CheckFinite turns on (the default) or off the check that every state
// variable of every neuron group is finite after each state update: a
// variable that becomes NaN or infinite (dv/dt = sqrt(-1)/tau, an
// overflowing exponential, a division by zero) stops the run with an error
// naming the group, the variable, the neuron and the time step, instead of
// propagating silently. It costs one comparison per variable and neuron
// per step (about 3% of the CUBA benchmark's loop, see
// docs/bench/spiking.md).
func (n *Network) CheckFinite(on bool) { n.noFiniteCheck = !on }

// SetSchedule replaces the order of the schedule slots (Brian2's
// Network.schedule). Every slot of DefaultSchedule may appear at most once;
// custom slot names are allowed.
func (n *Network) SetSchedule(slots ...string) error {
	seen := map[string]bool{}
	for _, s := range slots {
		if s == "" || seen[s] {
			return fmt.Errorf("spiking: SetSchedule: empty or repeated slot %q", s)
		}
		seen[s] = true
	}
	n.schedule = append([]string(nil), slots...)
	return nil
}

// ReportTo makes Run write progress lines to w every period of wall-clock
// time (0 means 10 s), as Brian2's report='text'. A nil w turns it off.
func (n *Network) ReportTo(w io.Writer, period time.Duration) {
	if period <= 0 {
		period = 10 * time.Second
	}
	n.report, n.reportPeriod = w, period
}

// Progress is passed to the progress callback of a Network.
type Progress struct {
	Elapsed  time.Duration // wall-clock time since the start of the run
	Done     float64       // simulated fraction of the run, 0..1
	T        float64       // current simulation time (seconds)
	Start    float64       // start time of the run (seconds)
	Duration float64       // duration of the run (seconds)
}

// OnProgress sets a callback called at the start of a run, every report
// period during it (see ReportTo; 10 s by default) and at its end.
func (n *Network) OnProgress(fn func(Progress)) {
	n.progress = fn
	if n.reportPeriod == 0 {
		n.reportPeriod = 10 * time.Second
	}
}

// Stop ends the current run after the current time step (for use in a
// network operation).
func (n *Network) Stop() { n.stopped = true }

func (n *Network) clockFor(dt float64) *simClock {
	if dt == 0 {
		dt = n.dt
	}
	c := n.clocks[dt]
	if c == nil {
		c = &simClock{dt: dt}
		n.clocks[dt] = c
	}
	return c
}

// Run advances the network by duration seconds. It can be called again to
// continue. Objects are prepared (equations compiled, references resolved)
// at the start of every run, so variables and parameters changed between
// runs take effect.
func (n *Network) Run(duration float64) error {
	if !(duration >= 0) || math.IsInf(duration, 0) {
		return fmt.Errorf("spiking: Run: duration must be >= 0 and finite, got %g s", duration)
	}
	ops, err := n.prepare()
	if err != nil {
		return err
	}
	start, end := n.t, n.t+duration
	var clocks []*simClock
	seen := map[*simClock]bool{}
	for _, op := range ops {
		if !seen[op.clock] {
			seen[op.clock] = true
			clocks = append(clocks, op.clock)
		}
	}
	for _, c := range clocks {
		c.setInterval(start, end)
	}
	opClock := make([]int, len(ops))
	for j, op := range ops {
		opClock[j] = clockIndex(clocks, op.clock)
	}
	n.stopped = false
	wall := time.Now()
	lastReport := wall
	n.reportProgress(wall, start, start, duration, true, false)
	cur := make([]bool, len(clocks))
	for len(clocks) > 0 {
		// Brian2's Network._nextclocks: the clocks with the smallest time.
		minc := clocks[0]
		for _, c := range clocks[1:] {
			if c.T() < minc.T() {
				minc = c
			}
		}
		if minc.step >= minc.iEnd || n.stopped {
			break
		}
		tmin := minc.T()
		for k, c := range clocks {
			ct := c.T()
			cur[k] = ct == tmin || math.Abs(ct-tmin) < clockEpsilon
		}
		for j, op := range ops {
			if !cur[opClock[j]] {
				continue
			}
			c := op.clock
			if err := op.run(tick{K: c.step, T: c.T(), Dt: c.dt}); err != nil {
				n.t = tmin
				return fmt.Errorf("spiking: %s at t = %g s: %w", op.name, c.T(), err)
			}
		}
		for k, c := range clocks {
			if cur[k] {
				c.step++
			}
		}
		if n.report != nil || n.progress != nil {
			if now := time.Now(); now.Sub(lastReport) >= n.reportPeriod {
				lastReport = now
				n.reportProgress(wall, start, minc.T(), duration, false, false)
			}
		}
	}
	if n.stopped {
		tm := math.Inf(1)
		for _, c := range clocks {
			tm = min(tm, c.T())
		}
		n.t = tm
	} else {
		n.t = end
	}
	n.reportProgress(wall, start, n.t, duration, false, true)
	return nil
}

func clockIndex(clocks []*simClock, c *simClock) int {
	for k, x := range clocks {
		if x == c {
			return k
		}
	}
	return -1
}

func (n *Network) reportProgress(wall time.Time, start, t, duration float64, first, last bool) {
	if n.report == nil && n.progress == nil {
		return
	}
	el := time.Since(wall)
	done := 1.0
	if duration > 0 {
		done = min(1, (t-start)/duration)
	}
	if n.progress != nil {
		n.progress(Progress{Elapsed: el, Done: done, T: t, Start: start, Duration: duration})
	}
	if n.report == nil {
		return
	}
	switch {
	case first:
		fmt.Fprintf(n.report, "Starting simulation at t=%g s for a duration of %g s\n", start, duration)
	case last:
		fmt.Fprintf(n.report, "%g s (100%%) simulated in %s\n", duration, el.Round(time.Millisecond))
	default:
		rem := time.Duration(0)
		if done > 0 {
			rem = time.Duration(float64(el) * (1 - done) / done)
		}
		fmt.Fprintf(n.report, "%g s (%.0f%%) simulated in %s, estimated %s remaining.\n", t-start, 100*done, el.Round(time.Millisecond), rem.Round(time.Second))
	}
}

// prepare gives every object the chance to compile and returns the sorted
// operations.
func (n *Network) prepare() ([]*operation, error) {
	var ops []*operation
	for _, o := range n.objects {
		os, err := o.prepare(n)
		if err != nil {
			return nil, fmt.Errorf("spiking: %s: %w", o.Name(), err)
		}
		for _, op := range os {
			r, err := slotRank(n.schedule, op.when)
			if err != nil {
				return nil, fmt.Errorf("spiking: %s: %w", op.name, err)
			}
			op.rank = r
			if op.clock == nil {
				op.clock = n.clockFor(0)
			}
		}
		ops = append(ops, os...)
	}
	if err := checkSummedTargets(ops); err != nil {
		return nil, err
	}
	sortOperations(ops)
	// Fuse a group's threshold into its state update when nothing that
	// could touch the group runs between them (same clock).
	for a, op := range ops {
		if op.fuse == nil {
			continue
		}
		fused := false
		for _, o := range ops[a+1:] {
			if o.isThreshold && o.owner == op.owner {
				fused = o.clock == op.clock
				break
			}
			if !o.fuseSafe || o.owner == op.owner || o.clock != op.clock {
				break
			}
		}
		op.fuse(fused)
	}
	return ops, nil
}

// checkSummedTargets refuses two summed variables that write the same
// target variable of the same neurons, as Brian2 does (NotImplementedError
// in Network.before_run): each would overwrite the other's sum. Summed
// variables writing disjoint subgroups of one group are allowed.
func checkSummedTargets(ops []*operation) error {
	var seen []*operation
	for _, op := range ops {
		a := op.summed
		if a == nil {
			continue
		}
		for _, o := range seen {
			b := o.summed
			if a.v != b.v || a.lo >= b.hi || b.lo >= a.hi {
				continue
			}
			if a.group == b.group {
				return fmt.Errorf("spiking: %s and %s: multiple summed variables target the variable %q of %s; use one variable per synapses object in the target group and add them", o.name, op.name, a.name, a.group)
			}
			return fmt.Errorf("spiking: %s and %s: multiple summed variables target the variable %q in the overlapping groups %s and %s; use one variable per synapses object in the target group and add them", o.name, op.name, a.name, b.group, a.group)
		}
		seen = append(seen, op)
	}
	return nil
}

// parallel runs fn over [0, n) split into blocks of block elements, on the
// network's persistent workers when there is enough work (n >= minWork),
// else on the calling goroutine. fn receives the block index so that it can
// use per-block random streams: results do not depend on the worker count.
func (n *Network) parallel(count, block, minWork int, fn func(b, lo, hi int)) {
	nb := (count + block - 1) / block
	if n.workers <= 1 || count < minWork || nb < 2 {
		for b := 0; b < nb; b++ {
			fn(b, b*block, min(count, (b+1)*block))
		}
		return
	}
	if n.pool == nil {
		n.pool = newPool(n.workers)
	}
	n.pool.run(count, block, fn)
}

// Close stops the worker threads of the network. A closed network can
// still run; it starts new workers when it needs them.
func (n *Network) Close() {
	if n.pool != nil {
		n.pool.close()
		n.pool = nil
	}
}

// netSnapshot is one stored state of a network.
type netSnapshot struct {
	t       float64
	objects map[string]any
}

// Store saves the state of every object of the network (variables, random
// streams, monitor contents, spike queues) and the network time under name
// ("" means "default"), like Brian2's store().
func (n *Network) Store(name string) error {
	if name == "" {
		name = "default"
	}
	s := &netSnapshot{t: n.t, objects: map[string]any{}}
	for _, o := range n.objects {
		if st, ok := o.(stateful); ok {
			s.objects[o.Name()] = st.snapshot()
		}
	}
	n.stored[name] = s
	return nil
}

// Restore returns the network to the state saved by Store(name).
func (n *Network) Restore(name string) error {
	if name == "" {
		name = "default"
	}
	s, ok := n.stored[name]
	if !ok {
		return fmt.Errorf("spiking: Restore: no state stored under %q", name)
	}
	for _, o := range n.objects {
		st, ok := o.(stateful)
		if !ok {
			continue
		}
		snap, ok := s.objects[o.Name()]
		if !ok {
			return fmt.Errorf("spiking: Restore(%q): object %q was not in the network when the state was stored", name, o.Name())
		}
		if err := st.restore(snap); err != nil {
			return fmt.Errorf("spiking: Restore(%q): %s: %w", name, o.Name(), err)
		}
	}
	n.t = s.t
	return nil
}
