package cochlea

import (
	"fmt"

	"github.com/gohears/hears/filterbank"
	"github.com/gohears/hears/sound"
)

// newBank wraps a model's kernel in a filterbank.Bank reading channels
// channels of src, so that a mismatch names the model: "cochlea: DRNL:
// filterbank: source 0 has 2 channels, the bank needs 3 (or 1, replicated)".
func newBank(model string, k filterbank.Kernel, src sound.Source, channels int) (*filterbank.Bank, error) {
	b, err := filterbank.NewBank1(k, src, channels)
	if err != nil {
		return nil, fmt.Errorf("cochlea: %s: %w", model, err)
	}
	return b, nil
}

// newTunedBank is newBank with one channel per centre frequency cf (Hz),
// which the bank reports (filterbank.Tuned).
func newTunedBank(model string, k filterbank.Kernel, src sound.Source, cf []float64) (*filterbank.Bank, error) {
	b, err := newBank(model, k, src, len(cf))
	if err != nil {
		return nil, err
	}
	if err := b.SetCentreFrequencies(cf); err != nil {
		return nil, fmt.Errorf("cochlea: %s: %w", model, err)
	}
	return b, nil
}
