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
