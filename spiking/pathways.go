package spiking

import (
	"fmt"
	"math"
	"slices"
)

// Pathway is one named set of statements run for spikes of the synapses'
// source (or, with Post, of their target), with its own delays: an entry
// of Brian2's on_pre={'up': 'v_post += w', 'down': ...} (or on_post) with
// delay={'up': 0*ms, 'down': 1*ms}. The per-synapse delays are the
// synaptic variable Name + "_delay" (Brian2's S.up.delay), "delay" for the
// pathway "pre" (SynapsesOptions.OnPre); they are rounded to whole steps
// as the "pre" pathway's.
type Pathway struct {
	Name  string
	Post  bool
	Code  string
	Delay float64 // initial delay of every synapse (seconds)
	// Event triggers the pathway: "" or "spike", or a custom event of the
	// source (target with Post), Brian2's on_event={'name': 'event'}.
	Event string
}

// DelayVariable is the name of the synaptic variable holding the
// pathway's delays.
func (p Pathway) DelayVariable() string {
	if p.Name == "pre" {
		return "delay"
	}
	return p.Name + "_delay"
}

// addPathways creates the pathways of OnPre ("pre"), OnPost ("post") and
// opts.Pathways, in that order, with their delay variables (add declares
// a synaptic variable).
func (s *Synapses) addPathways(opts SynapsesOptions, add func(name, unit string)) error {
	var all []Pathway
	if opts.OnPre != "" {
		all = append(all, Pathway{Name: "pre", Code: opts.OnPre, Delay: opts.Delay})
	}
	if opts.OnPost != "" {
		all = append(all, Pathway{Name: "post", Post: true, Code: opts.OnPost})
	}
	all = append(all, opts.Pathways...)
	s.defaults = map[string]float64{"delay": opts.Delay}
	seen := map[string]bool{}
	for _, pw := range all {
		if !isIdentifier(pw.Name) {
			return fmt.Errorf("spiking: %s: pathway name %q is not an identifier", s.name, pw.Name)
		}
		if seen[pw.Name] {
			return fmt.Errorf("spiking: %s: two pathways named %q (OnPre is named pre, OnPost post)", s.name, pw.Name)
		}
		seen[pw.Name] = true
		if pw.Delay < 0 || math.IsNaN(pw.Delay) || math.IsInf(pw.Delay, 0) {
			return fmt.Errorf("spiking: %s: pathway %s: delay must be >= 0 and finite, got %g s", s.name, pw.Name, pw.Delay)
		}
		if pw.Post {
			if _, ok := s.tgt.(SpikeSource); !ok {
				return fmt.Errorf("spiking: %s: on_post pathway %s needs a target that spikes", s.name, pw.Name)
			}
		}
		dv := pw.DelayVariable()
		if dv != "delay" {
			if _, clash := s.vars[dv]; clash || slices.Contains(s.order, dv) {
				return fmt.Errorf("spiking: %s: the delay variable %s of pathway %s is already a variable of the model", s.name, dv, pw.Name)
			}
			add(dv, "second")
			s.defaults[dv] = pw.Delay
		}
		s.pathways = append(s.pathways, &pathway{s: s, pre: !pw.Post, code: pw.Code, pwName: pw.Name, delayVar: dv, event: pw.Event})
	}
	return nil
}

// isIdentifier reports whether name is a Python/Brian2 identifier.
func isIdentifier(name string) bool {
	if name == "" {
		return false
	}
	for k, c := range name {
		letter := c == '_' || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z')
		if !letter && (k == 0 || c < '0' || c > '9') {
			return false
		}
	}
	return true
}
