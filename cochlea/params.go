package cochlea

import (
	"fmt"
	"math"
	"sort"
	"strings"

	"github.com/gohears/hears/sound"
)

// field is one named scalar parameter of a model: how to read and write it.
type field struct {
	name string
	get  func() float64
	set  func(float64) error
}

// floatField is a field backed by a float64.
func floatField(name string, p *float64) field {
	return field{name: name,
		get: func() float64 { return *p },
		set: func(v float64) error { *p = v; return nil }}
}

// intField is a field backed by an int; values must be whole numbers ≥ 1.
func intField(name string, p *int) field {
	return field{name: name,
		get: func() float64 { return float64(*p) },
		set: func(v float64) error {
			if v != math.Trunc(v) || v < 1 || v > 1<<20 {
				return fmt.Errorf("%s must be a whole number ≥ 1, got %v", name, v)
			}
			*p = int(v)
			return nil
		}}
}

// names lists the field names in order.
func names(fs []field) []string {
	out := make([]string, len(fs))
	for i, f := range fs {
		out[i] = f.name
	}
	return out
}

// setField sets the field called name; an unknown name is an error listing
// the valid ones, as is a value that is not finite.
func setField(model string, fs []field, name string, v float64) error {
	for _, f := range fs {
		if f.name == name {
			if math.IsNaN(v) || math.IsInf(v, 0) {
				return fmt.Errorf("cochlea: %s parameter %s must be finite, got %v", model, name, v)
			}
			if err := f.set(v); err != nil {
				return fmt.Errorf("cochlea: %s parameter %w", model, err)
			}
			return nil
		}
	}
	valid := names(fs)
	sort.Strings(valid)
	return fmt.Errorf("cochlea: %q is not a %s parameter; valid names: %s", name, model, strings.Join(valid, ", "))
}

// getField reads the field called name.
func getField(model string, fs []field, name string) (float64, error) {
	for _, f := range fs {
		if f.name == name {
			return f.get(), nil
		}
	}
	valid := names(fs)
	sort.Strings(valid)
	return 0, fmt.Errorf("cochlea: %q is not a %s parameter; valid names: %s", name, model, strings.Join(valid, ", "))
}

// MaxChannels bounds the number of channels (centre frequencies) of the
// cochlear models built with checkCF (DCGC, DRNL, TanCarney, Zhang's
// synapse): 2^15. Their state is a fixed number of values per channel,
// below maxValuesPerChannel (TestMemoryPerChannel measures it), so the
// bound keeps a bank's total memory within sound.MaxSamples values (2 GiB),
// the bound package filterbank puts on a bank. Zilany 2014's IHC stage,
// whose state grows with the sample rate and falls with cf, holds up to
// zilanyValuesPerChannel and allows fewer channels.
const MaxChannels = sound.MaxSamples / maxValuesPerChannel

// maxValuesPerChannel is the most float64 values a model built with checkCF
// allocates per channel, construction and a block of 1024 frames included.
const maxValuesPerChannel = 1 << 13

// checkCF validates centre frequencies (Hz) against the sample rate (Hz),
// and their number against MaxChannels.
func checkCF(model string, cf []float64, rate float64) error {
	return checkCFMemory(model, cf, rate, maxValuesPerChannel)
}

// checkCFMemory is checkCF for a model holding up to perChannel values per
// channel (a block of 1024 frames included): at most sound.MaxSamples
// values in all.
func checkCFMemory(model string, cf []float64, rate float64, perChannel int) error {
	if len(cf) == 0 {
		return fmt.Errorf("cochlea: %s needs at least one centre frequency", model)
	}
	if limit := sound.MaxSamples / perChannel; len(cf) > limit {
		return fmt.Errorf("cochlea: %s of %d channels would need up to %.3g GB; the limit is %d channels", model, len(cf), float64(len(cf))*float64(perChannel)*8/1e9, limit)
	}
	if !(rate > 0) || math.IsInf(rate, 0) {
		return fmt.Errorf("cochlea: %s: sample rate %v Hz is not a positive finite number", model, rate)
	}
	for i, f := range cf {
		if !(f > 0) || f >= rate/2 || math.IsInf(f, 0) {
			return fmt.Errorf("cochlea: %s: cf[%d] = %v Hz is not in (0, %v) Hz (below the Nyquist frequency)", model, i, f, rate/2)
		}
	}
	return nil
}

// checkFinite returns an error naming the first value of v that is NaN or
// infinite.
func checkFinite(model, what string, v ...float64) error {
	for i, x := range v {
		if math.IsNaN(x) || math.IsInf(x, 0) {
			return fmt.Errorf("cochlea: %s: %s[%d] = %v is not finite", model, what, i, x)
		}
	}
	return nil
}

// ensure returns buf resized to n, reallocating when its capacity is short.
func ensure(buf []float64, n int) []float64 {
	if cap(buf) < n {
		return make([]float64, n)
	}
	return buf[:n]
}
