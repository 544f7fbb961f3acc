package spiking

import "fmt"

// MaxGroupValues is the most float64 values (elements × per-element
// variables, 2^28 = 2 GiB) a group may allocate, and MaxSynapses the most
// synapses a Synapses object may hold (2^27: with its indices, delay and
// one weight, 3 GiB). Beyond them constructors and Connect calls return an
// error that gives the size, instead of risking a fatal out-of-memory
// error on a typo (NewNeuronGroup(1e9, ...)), as sound.MaxSamples does for
// sounds.
const (
	MaxGroupValues = 1 << 28
	MaxSynapses    = 1 << 27
)

// checkGroupSize refuses a group of n elements with perElement values
// each before anything is allocated.
func checkGroupSize(kind string, n, perElement int) error {
	if n < 1 {
		return fmt.Errorf("spiking: %s: size must be >= 1, got %d", kind, n)
	}
	if perElement < 1 {
		perElement = 1
	}
	if n > MaxGroupValues/perElement {
		return fmt.Errorf("spiking: %s: %d elements × %d values each would take %.3g GB, more than the limit of %d values (%.3g GB)",
			kind, n, perElement, float64(n)*float64(perElement)*8/1e9, MaxGroupValues, float64(MaxGroupValues)*8/1e9)
	}
	return nil
}

// checkSynapseCount refuses adding add synapses to have ones.
func checkSynapseCount(name string, have, add int) error {
	if add < 0 || add > maxSynapses-have {
		return fmt.Errorf("spiking: %s: %d + %d synapses would be more than the limit of %d", name, have, add, maxSynapses)
	}
	return nil
}
