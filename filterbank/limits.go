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

// checkBankMemory refuses a bank that would hold about values float64
// values from construction to running, more than maxBankValues: the error
// names what, the sizes that give that memory, and the memory in GB. Every
// constructor whose memory grows with its parameters checks it before
// allocating, from a per-unit count that a test measures.
func checkBankMemory(what, sizes string, values float64) error {
	if values > maxBankValues {
		return fmt.Errorf("filterbank: %s: %s need about %.3g GB, more than the limit of %.3g GB", what, sizes, values*8/1e9, float64(maxBankValues)*8/1e9)
	}
	return nil
}

// checkLinearMemory refuses a linear bank of nch channels, taps taps and
// stages stages whose memory would exceed maxBankValues, giving it in GB.
func checkLinearMemory(what string, nch, taps, stages int) error {
	return checkBankMemory(what, fmt.Sprintf("%d channels × %d taps × %d stages", nch, taps, stages),
		float64(nch)*float64(taps)*float64(stages+1)*linearCopies)
}

// iirValuesPerChannel estimates the values a designed IIR bank (Butterworth,
// IIR) takes per channel of a filter with poles poles, from design to
// running: its zeros, poles and gain, band edges, the coefficient arrays
// and the kernel. TestIIRMemoryBound measures 41 to 52 per pole allocated
// in all for second-order sections (garbage included; up to 64 under the
// race detector, which keeps more on the heap) and far less held; a direct
// form's stability check also makes short-lived big.Float work per
// channel, collected channel by channel.
func iirValuesPerChannel(poles int) float64 {
	return 64*float64(poles) + 64
}

// checkIIRMemory refuses a designed IIR bank of nch channels of poles poles
// each whose memory would exceed maxBankValues.
func checkIIRMemory(what string, nch int, poles int) error {
	return checkBankMemory(what, fmt.Sprintf("%d channels of %d poles", nch, poles), float64(nch)*iirValuesPerChannel(poles))
}

// restructureCopies is the number of values Restructure holds per output
// channel: the index map it computes, and the kernel's copy of it with the
// source and channel of each output channel. TestRestructureMemoryBound
// measures it.
const restructureCopies = 4

// checkRestructureMemory refuses a restructuring into nOut channels whose
// maps would exceed maxBankValues.
func checkRestructureMemory(nOut float64) error {
	return checkBankMemory("restructuring", fmt.Sprintf("%.0f output channels", nOut), nOut*restructureCopies)
}

// sumValuesPerSource is the number of values Sum holds per source: its
// weights (given and copied), the bank's list of sources, their channel
// counts and the per-source block and replication slots.
// TestSumMemoryBound measures 12.
const sumValuesPerSource = 12

// checkSumMemory refuses a sum of n sources whose bookkeeping would exceed
// maxBankValues (the blocks themselves are bounded per fetch).
func checkSumMemory(n int) error {
	return checkBankMemory("sum", fmt.Sprintf("%d sources", n), float64(n)*sumValuesPerSource)
}

// timeVaryingValuesPerChannel is the number of values TimeVaryingBandpass
// holds per channel besides its blocks: the linear bank's coefficients and
// state, the initial and scratch coefficient arrays with their row slices,
// and the control bank's share. TestTimeVaryingMemoryBound measures 43.
const timeVaryingValuesPerChannel = 48

// checkTimeVaryingMemory refuses a time-varying band-pass of nch channels
// whose memory would exceed maxBankValues.
func checkTimeVaryingMemory(nch int) error {
	return checkBankMemory("time-varying band-pass", fmt.Sprintf("%d channels", nch), float64(nch)*timeVaryingValuesPerChannel)
}
