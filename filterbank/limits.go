package filterbank

import (
	"fmt"
	"strconv"
	"strings"

	"github.com/gohears/hears/sound"
)

// maxValues bounds the number of values that one constructor allocates for
// coefficients, impulse responses, channel maps or state, and that one Fetch
// allocates for its block: sound.MaxSamples (2^28, 2 GiB of float64), the
// bound package sound puts on a block. A larger request (10⁹ channels, an
// order of 10⁹, a filter of 10⁹ taps, a fetch of 10⁶ frames of 3000
// channels) is an error naming the sizes instead of an out-of-memory crash.
const maxValues = sound.MaxSamples

// checkSize returns an error naming what and its sizes if one of dims is
// negative or their product exceeds maxValues.
func checkSize(what string, dims ...int) error {
	n := 1
	for _, d := range dims {
		if d < 0 {
			return fmt.Errorf("filterbank: %s: negative size %d", what, d)
		}
		if d != 0 && n > maxValues/d {
			s := make([]string, len(dims))
			for i, d := range dims {
				s[i] = strconv.Itoa(d)
			}
			return fmt.Errorf("filterbank: %s: %s values is more than the limit of %d", what, strings.Join(s, " × "), maxValues)
		}
		n *= d
	}
	return nil
}

// checkChannels requires a channel count n of at least 1 and within
// maxValues, naming what otherwise.
func checkChannels(what string, n int) error {
	if n < 1 {
		return fmt.Errorf("filterbank: %s must be at least 1, got %d", what, n)
	}
	return checkSize(what, n)
}

// linearCopies bounds how many values a linear (IIR) bank holds, from
// design to running, per coefficient slot (channel × tap × stage) plus one
// per channel and tap: the b and a arrays (2 per slot), the kernel's
// interleaved numerator and denominator (2), its state (1), the row slices of
// b and a (6 words per channel and tap) and per-channel design values. The
// coefficient arrays alone were checked before, so a bank could take several
// times maxValues. TestLinearMemoryBound measures it.
const linearCopies = 8

// checkLinearMemory refuses a linear bank of nch channels, taps taps and
// stages stages whose memory would exceed maxBankValues, giving it in GB.
func checkLinearMemory(what string, nch, taps, stages int) error {
	if v := float64(nch) * float64(taps) * float64(stages+1) * linearCopies; v > maxBankValues {
		return fmt.Errorf("filterbank: %s: %d channels × %d taps × %d stages need about %.3g GB, more than the limit of %.3g GB", what, nch, taps, stages, v*8/1e9, float64(maxBankValues)*8/1e9)
	}
	return nil
}
