package anf

import (
	"fmt"

	"github.com/gohears/hears/sound"
)

// checkMemory refuses a kernel of n units (channels or fibres, named unit)
// holding up to perUnit float64 values each besides its blocks (which
// package filterbank bounds per fetch), if the total exceeds
// sound.MaxSamples values (2 GiB), the bound filterbank puts on a bank. The
// per-unit figures are measured by TestMemoryPerUnit.
func checkMemory(model, unit string, n, perUnit int) error {
	if limit := sound.MaxSamples / perUnit; n > limit {
		return fmt.Errorf("anf: %s of %d %s would need up to %.3g GB; the limit is %d %s", model, n, unit, float64(n)*float64(perUnit)*8/1e9, limit, unit)
	}
	return nil
}
