package spiking

import "fmt"

// NetworkOperation calls a Go function regularly during a run, like
// Brian2's network_operation: every step of its clock (Dt, default the
// network's dt) or every Every steps of it. Default slot: start.
type NetworkOperation struct {
	naming
	fn    func(t float64) error
	opts  NetworkOperationOptions
	calls int64
}

// NetworkOperationOptions configure a NetworkOperation.
type NetworkOperationOptions struct {
	Name  string  // "" = automatic (networkoperation, networkoperation_1, ...)
	Dt    float64 // clock step in seconds (0 = network default)
	Every int     // call every Every steps of the clock (0 or 1 = every step)
	When  string  // schedule slot ("" = start)
	Order int     // order within the slot
}

// NewNetworkOperation returns an operation calling fn(t) with the time t
// (seconds) of the step. An error from fn stops the run and is returned
// by Run.
func NewNetworkOperation(fn func(t float64) error, opts NetworkOperationOptions) (*NetworkOperation, error) {
	if fn == nil {
		return nil, fmt.Errorf("spiking: NewNetworkOperation: nil function")
	}
	if opts.Every < 0 || opts.Dt < 0 {
		return nil, fmt.Errorf("spiking: NewNetworkOperation: negative Every (%d) or Dt (%g s)", opts.Every, opts.Dt)
	}
	return &NetworkOperation{naming: newNaming("networkoperation", opts.Name), fn: fn, opts: opts}, nil
}

// Name is the name of the operation.
func (o *NetworkOperation) Name() string { return o.name }

func (o *NetworkOperation) prepare(net *Network) ([]*operation, error) {
	w := o.opts.When
	if w == "" {
		w = SlotStart
	}
	every := int64(max(o.opts.Every, 1))
	return []*operation{{name: o.name, when: w, order: o.opts.Order, clock: net.clockFor(o.opts.Dt),
		run: func(s tick) error {
			if s.K%every != 0 {
				return nil
			}
			o.calls++
			return o.fn(s.T)
		}}}, nil
}
