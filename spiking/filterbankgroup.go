package spiking

import (
	"fmt"
	"math"

	"github.com/gohears/hears/sound"
)

// FilterbankGroup is a NeuronGroup driven by a filterbank, Brian Hears'
// FilterbankGroup: one neuron per channel of src (a filterbank, a cochlear
// model, any sound.Source), and at the start of every time step the
// variable Target of neuron i is set to the current sample of channel i
// (sample k at step k). Past the source's last frame the group reads what
// the source gives there, as in Brian Hears: zeros from a sound, a
// filterbank's response to them (its ringing tail). The group's clock step
// is the source's sample period.
//
// The source is read block by block as the simulation advances, so memory
// stays bounded whatever the duration: unlike a TimedArray of the whole
// output, a FilterbankGroup can run for as long as the source lasts. After
// Network.Restore the source is read again from the restored time.
//
// A FilterbankGroup is used like its NeuronGroup (Get, Set, monitors,
// synapses); add the FilterbankGroup itself, not its NeuronGroup, to the
// Network.
type FilterbankGroup struct {
	*NeuronGroup
	src    sound.Source
	target string
	nc     int

	buf      []float64 // frames [bufStart, bufStart+bufN) of src
	bufStart int64
	bufN     int
	block    int // frames per fetch
}

// NewFilterbankGroup creates src.NumChannels() neurons with the model
// equations, whose variable target (a parameter of the model, in its SI
// unit, e.g. "I : 1") follows the output of src. opts.Dt must be 0 (it is
// set to 1/src.SampleRate()) or equal to the source's sample period.
func NewFilterbankGroup(src sound.Source, target, model string, opts NeuronGroupOptions) (*FilterbankGroup, error) {
	if src == nil {
		return nil, fmt.Errorf("spiking: FilterbankGroup: nil source")
	}
	rate := src.SampleRate()
	if !(rate > 0) || math.IsInf(rate, 0) {
		return nil, fmt.Errorf("spiking: FilterbankGroup: source sample rate %g Hz", rate)
	}
	dt := 1 / rate
	if opts.Dt == 0 {
		opts.Dt = dt
	} else if math.Abs(opts.Dt-dt) > 1e-9*dt {
		return nil, fmt.Errorf("spiking: FilterbankGroup: dt %g s is not the source's sample period 1/%g Hz = %g s", opts.Dt, rate, dt)
	}
	g, err := newNeuronGroup(src.NumChannels(), model, opts, "filterbankgroup")
	if err != nil {
		return nil, err
	}
	v, err := g.vars.lookup(g.name, target)
	if err != nil {
		return nil, fmt.Errorf("spiking: FilterbankGroup: target: %w", err)
	}
	switch {
	case v.readOnly || v.data == nil:
		return nil, fmt.Errorf("spiking: FilterbankGroup %s: target %q cannot be set (a subexpression or a built-in)", g.name, target)
	case v.shared:
		return nil, fmt.Errorf("spiking: FilterbankGroup %s: target %q is shared; it needs one value per neuron", g.name, target)
	case v.isBool || v.isInt:
		return nil, fmt.Errorf("spiking: FilterbankGroup %s: target %q is boolean or integer; filterbank samples are real", g.name, target)
	}
	if g.sys != nil {
		for _, sv := range g.sys.vars {
			if sv == target {
				return nil, fmt.Errorf("spiking: FilterbankGroup %s: target %q is a differential variable; declare a parameter (%q) and use it in the equations", g.name, target, target+" : <unit>")
			}
		}
	}
	nc := src.NumChannels()
	f := &FilterbankGroup{NeuronGroup: g, src: src, target: target, nc: nc,
		block: sound.BlockFrames(nc), bufStart: -1}
	return f, nil
}

// wrapped makes the network accept references to the NeuronGroup (its
// spikes, its subgroups, synapses from or to it) as references to the
// FilterbankGroup.
func (f *FilterbankGroup) wrapped() Object { return f.NeuronGroup }

// Source is the group's input.
func (f *FilterbankGroup) Source() sound.Source { return f.src }

// Target is the name of the variable the input sets.
func (f *FilterbankGroup) Target() string { return f.target }

func (f *FilterbankGroup) prepare(net *Network) ([]*operation, error) {
	ops, err := f.NeuronGroup.prepare(net)
	if err != nil {
		return nil, err
	}
	g := f.NeuronGroup
	feed := &operation{name: g.name + "_input", when: SlotStart, order: g.opts.Order, clock: g.clock, owner: g,
		run: func(s tick) error { return f.feed(s.K) }}
	return append([]*operation{feed}, ops...), nil
}

// feed sets the target variable to frame k of the source.
func (f *FilterbankGroup) feed(k int64) error {
	dst := f.vars.vars[f.target].data
	if f.bufStart < 0 || k < f.bufStart || k >= f.bufStart+int64(f.bufN) {
		n := f.block
		b, err := f.src.Fetch(int(k), int(k)+n)
		if err != nil {
			return fmt.Errorf("spiking: %s: reading its source at frame %d: %w", f.name, k, err)
		}
		if len(b) != n*f.nc {
			return fmt.Errorf("spiking: %s: the source returned %d samples for %d frames of %d channels", f.name, len(b), n, f.nc)
		}
		// The source may reuse its block on the next Fetch: keep a copy.
		f.buf = append(f.buf[:0], b...)
		f.bufStart, f.bufN = k, n
	}
	o := int(k-f.bufStart) * f.nc
	copy(dst, f.buf[o:o+f.nc])
	return nil
}

// restore restores the group's state; the source is read again from the
// restored step.
func (f *FilterbankGroup) restore(a any) error {
	f.bufStart, f.bufN = -1, 0
	return f.NeuronGroup.restore(a)
}
