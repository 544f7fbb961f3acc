package spiking

import (
	"fmt"
	"sort"

	"github.com/gohears/hears/expr"
)

// EventOptions place the statements of RunOnEvent in the schedule.
type EventOptions struct {
	// When is the slot ("" = "after_resets") and Order the order within
	// it, Brian2's run_on_event(..., when='after_resets', order=).
	When  string
	Order int
}

// eventCode is one RunOnEvent registration.
type eventCode struct {
	event, code string
	opts        EventOptions
}

// RunOnEvent runs code (statements) for the neurons that had event in the
// step, Brian2's G.run_on_event(event, code, when='after_resets', order=0):
// "spike" (after the threshold) or a custom event of Events.
func (g *NeuronGroup) RunOnEvent(event, code string, opts EventOptions) error {
	if _, ok := g.opts.Events[event]; !ok && (event != "spike" || g.opts.Threshold == "") {
		return fmt.Errorf("spiking: %s.RunOnEvent: no event %q (events: %v, and spike with a threshold)", g.name, event, g.eventNames())
	}
	g.onEvent = append(g.onEvent, eventCode{event: event, code: code, opts: opts})
	dt := g.opts.Dt
	if dt == 0 {
		dt = DefaultDt
	}
	if err := g.build(dt); err != nil {
		g.onEvent = g.onEvent[:len(g.onEvent)-1]
		return fmt.Errorf("spiking: %s.RunOnEvent(%q): %w", g.name, event, err)
	}
	return nil
}

func (g *NeuronGroup) eventNames() []string {
	var out []string
	for name := range g.opts.Events {
		out = append(out, name)
	}
	sort.Strings(out)
	return out
}

// buildEvents compiles the event conditions and the RunOnEvent code.
func (g *NeuronGroup) buildEvents(c *groupCode, d *expr.Decls) error {
	c.events = map[string]*expr.Program{}
	for _, name := range g.eventNames() {
		if name == "spike" || !isIdentifier(name) {
			return fmt.Errorf("event name %q: a custom event needs an identifier other than spike (the threshold defines spike)", name)
		}
		src := g.opts.Events[name]
		n, err := expr.ParseExpr(src)
		if err != nil {
			return fmt.Errorf("event %s condition %q: %w", name, src, err)
		}
		if c.events[name], err = expr.CompileExpr(g.expand(n), d); err != nil {
			return fmt.Errorf("event %s condition %q: %w", name, src, err)
		}
	}
	c.onEvent = nil
	for _, ec := range g.onEvent {
		st, err := expr.ParseStatements(ec.code)
		if err != nil {
			return fmt.Errorf("run_on_event(%s) %q: %w", ec.event, ec.code, err)
		}
		if err := g.checkTargets(st, "run_on_event"); err != nil {
			return err
		}
		for k := range st {
			st[k].Value = g.expand(st[k].Value)
		}
		p, err := expr.Compile(st, d)
		if err != nil {
			return fmt.Errorf("run_on_event(%s) %q: %w", ec.event, ec.code, err)
		}
		c.onEvent = append(c.onEvent, p)
	}
	return nil
}

// eventOperations are the custom event thresholders (slot
// after_thresholds, Brian2's <group>_<event>_thresholder) and the RunOnEvent code
// (<group>_<event>_resetter).
func (g *NeuronGroup) eventOperations(clk *simClock, env *expr.Env) []*operation {
	c := g.built
	var ops []*operation
	if g.evSpace == nil {
		g.evSpace = map[string][]int32{}
	}
	buf := make([]float64, g.n)
	for _, name := range g.eventNames() {
		prog := c.events[name]
		// Brian2 runs custom event thresholders in after_thresholds.
		ops = append(ops, &operation{name: g.name + "_" + name + "_thresholder", when: "after_" + SlotThresholds, order: g.opts.Order, clock: clk,
			run: func(s tick) error {
				g.tNow = s.T
				if err := evalProgram(prog, env, buf, 0, g.n); err != nil {
					return err
				}
				sp := g.evSpace[name][:0]
				for i, x := range buf {
					if x != 0 {
						sp = append(sp, int32(i))
					}
				}
				g.evSpace[name] = sp
				return nil
			}})
	}
	for k, ec := range g.onEvent {
		prog, ev := c.onEvent[k], ec.event
		when := ec.opts.When
		if when == "" {
			when = "after_" + SlotResets
		}
		ops = append(ops, &operation{name: fmt.Sprintf("%s_%s_resetter", g.name, ev), when: when, order: ec.opts.Order, clock: clk,
			run: func(s tick) error {
				g.tNow = s.T
				sp := g.spikes
				if ev != "spike" {
					sp = g.evSpace[ev]
				}
				for a := 0; a < len(sp); {
					b := a + 1
					for b < len(sp) && sp[b] == sp[b-1]+1 {
						b++
					}
					if err := runProgram(prog, env, int(sp[a]), int(sp[b-1])+1); err != nil {
						return err
					}
					a = b
				}
				return nil
			}})
	}
	return ops
}

// eventSource is a group with custom events.
type eventSource interface {
	currentEvents(event string) ([]int32, bool)
}

func (g *NeuronGroup) currentEvents(event string) ([]int32, bool) {
	if _, ok := g.opts.Events[event]; !ok {
		return nil, false
	}
	return g.evSpace[event], true
}

func (s *Subgroup) currentEvents(event string) ([]int32, bool) {
	es, ok := s.parent.(eventSource)
	if !ok {
		return nil, false
	}
	sp, ok := es.currentEvents(event)
	if !ok {
		return nil, false
	}
	return subSpikes(nil, sp, s.lo, s.hi), true
}

// eventsOf returns a function giving the elements of src that had event
// ("" or "spike": spikes) in the current step.
func eventsOf(src SpikeSource, event string) (func() []int32, error) {
	if event == "" || event == "spike" {
		return src.currentSpikes, nil
	}
	es, ok := src.(eventSource)
	if !ok {
		return nil, fmt.Errorf("%s has no custom events (event %q)", src.Name(), event)
	}
	if _, ok := es.currentEvents(event); !ok {
		return nil, fmt.Errorf("%s has no event %q", src.Name(), event)
	}
	return func() []int32 { sp, _ := es.currentEvents(event); return sp }, nil
}

// eventSlot is the slot in which event is emitted, where its monitors
// record by default (Brian2's EventMonitor: the slot of the event's
// thresholder).
func eventSlot(event string) string {
	if event == "" || event == "spike" {
		return SlotThresholds
	}
	return "after_" + SlotThresholds
}
