// Package hrtf holds head-related transfer functions as brian2hears' hrtf
// module does (HRTF, HRTFSet, HeadlessDatabase): sets of left/right
// head-related impulse responses, one pair per source direction, read from
// AES69 SOFA files (SimpleFreeFieldHRIR) or built from interaural delays,
// and applied to sounds as FIR filterbanks.
//
// Coordinates follow SOFA's spherical convention (AES69): azimuth in
// degrees counterclockwise seen from above, 0 straight ahead, +90 at the
// listener's LEFT, -90 at the right, normalised to (-180, 180]; elevation in
// degrees, +90 above, -90 below; distance in metres. (brian2hears' IRCAM
// loader uses the IRCAM files' own azimuths, 0–345 degrees; a SOFA azimuth
// of 270 is -90 here.) See docs/hrtf.md.
package hrtf

import (
	"errors"
	"fmt"
	"math"

	"github.com/gohears/hears/filterbank"
	"github.com/gohears/hears/sound"
)

// Coordinate is a source direction relative to the listener's head.
type Coordinate struct {
	// Azimuth in degrees, counterclockwise from straight ahead seen from
	// above: +90 is the listener's left, -90 the right; in (-180, 180].
	Azimuth float64
	// Elevation in degrees: 0 horizontal, +90 straight up.
	Elevation float64
	// Distance from the centre of the head in metres (0 when unknown,
	// as in Headless sets).
	Distance float64
}

// Set is a set of head-related impulse responses, one left/right pair per
// direction, at one sample rate (brian2hears' HRTFSet). It is immutable.
type Set struct {
	rate   float64
	taps   int
	left   [][]float64 // per direction, taps long (dimensionless)
	right  [][]float64
	coords []Coordinate
	itd    []float64 // per direction (s), Headless sets only
	name   string
	// convention is the SOFA convention a set was read from ("" otherwise)
	convention string
	// attrs are a SOFA file's global text attributes (UTF-8)
	attrs map[string]string
	// delayOffset is a fractional Headless set's common delay (s)
	delayOffset float64
}

// NewSet builds a set from left and right impulse responses (one per
// direction, all the same length, dimensionless taps at rate Hz) and the
// directions' coordinates. The slices are copied.
func NewSet(left, right [][]float64, rate float64, coords []Coordinate) (*Set, error) {
	if !(rate > 0) || math.IsInf(rate, 0) {
		return nil, fmt.Errorf("hrtf: sample rate %v Hz", rate)
	}
	n := len(coords)
	if n == 0 {
		return nil, errors.New("hrtf: a set needs at least one direction")
	}
	if len(left) != n || len(right) != n {
		return nil, fmt.Errorf("hrtf: %d coordinates but %d left and %d right responses", n, len(left), len(right))
	}
	taps := len(left[0])
	if taps == 0 {
		return nil, errors.New("hrtf: empty impulse responses")
	}
	s := &Set{rate: rate, taps: taps, coords: append([]Coordinate(nil), coords...)}
	for k := range n {
		for e, h := range [2][]float64{left[k], right[k]} {
			if len(h) != taps {
				return nil, fmt.Errorf("hrtf: direction %d %s response has %d taps, direction 0 has %d", k, earName[e], len(h), taps)
			}
			for j, v := range h {
				if math.IsNaN(v) || math.IsInf(v, 0) {
					return nil, fmt.Errorf("hrtf: direction %d %s response tap %d is %v", k, earName[e], j, v)
				}
			}
		}
		c := coords[k]
		for _, v := range []float64{c.Azimuth, c.Elevation, c.Distance} {
			if math.IsNaN(v) || math.IsInf(v, 0) {
				return nil, fmt.Errorf("hrtf: direction %d has coordinate %+v", k, c)
			}
		}
		s.left = append(s.left, append([]float64(nil), left[k]...))
		s.right = append(s.right, append([]float64(nil), right[k]...))
	}
	return s, nil
}

var earName = [2]string{"left", "right"}

// Len is the number of directions.
func (s *Set) Len() int { return len(s.coords) }

// SampleRate is the sample rate of the impulse responses in Hz.
func (s *Set) SampleRate() float64 { return s.rate }

// Taps is the length of every impulse response in samples.
func (s *Set) Taps() int { return s.taps }

// Name is the set's name: the SOFA file's ListenerShortName (or its
// DatabaseName), or "headless".
func (s *Set) Name() string { return s.name }

// Convention is the SOFA convention the set was read from
// ("SimpleFreeFieldHRIR" or "GeneralFIR"), "" for a set built otherwise.
func (s *Set) Convention() string { return s.convention }

// Attributes returns a copy of the SOFA file's global text attributes
// (Latin-1 text converted to UTF-8); nil for a set not read from a file.
func (s *Set) Attributes() map[string]string {
	if s.attrs == nil {
		return nil
	}
	out := make(map[string]string, len(s.attrs))
	for k, v := range s.attrs {
		out[k] = v
	}
	return out
}

// Coordinates returns a copy of every direction's coordinates, in order.
func (s *Set) Coordinates() []Coordinate { return append([]Coordinate(nil), s.coords...) }

// Coordinate returns direction k's coordinates.
func (s *Set) Coordinate(k int) (Coordinate, error) {
	if k < 0 || k >= len(s.coords) {
		return Coordinate{}, fmt.Errorf("hrtf: direction %d of %d", k, len(s.coords))
	}
	return s.coords[k], nil
}

// ITDs returns the interaural time differences in seconds of a Headless
// set (brian2hears' itd coordinate; positive when the left ear is delayed),
// nil for a measured set.
func (s *Set) ITDs() []float64 {
	if s.itd == nil {
		return nil
	}
	return append([]float64(nil), s.itd...)
}

// HRTF returns direction k's pair of impulse responses.
func (s *Set) HRTF(k int) (*HRTF, error) {
	if k < 0 || k >= len(s.coords) {
		return nil, fmt.Errorf("hrtf: direction %d of %d", k, len(s.coords))
	}
	return &HRTF{left: s.left[k], right: s.right[k], rate: s.rate, coord: s.coords[k]}, nil
}

// Index returns the direction at azimuth and elevation (degrees, within
// 1e-6 degrees; azimuths compared modulo 360), as brian2hears'
// HRTFSet.get_index. It is an error when no direction or more than one
// matches (e.g. several distances).
func (s *Set) Index(azimuth, elevation float64) (int, error) {
	found := -1
	for k, c := range s.coords {
		if angleDiff(c.Azimuth, azimuth) <= 1e-6 && math.Abs(c.Elevation-elevation) <= 1e-6 {
			if found >= 0 {
				return 0, fmt.Errorf("hrtf: more than one direction at azimuth %g°, elevation %g°", azimuth, elevation)
			}
			found = k
		}
	}
	if found < 0 {
		return 0, fmt.Errorf("hrtf: no direction at azimuth %g°, elevation %g°", azimuth, elevation)
	}
	return found, nil
}

// Nearest returns the direction with the smallest great-circle angle to
// azimuth and elevation (degrees); ties go to the lower index.
func (s *Set) Nearest(azimuth, elevation float64) int {
	ux, uy, uz := unit(azimuth, elevation)
	best, bestDot := 0, math.Inf(-1)
	for k, c := range s.coords {
		x, y, z := unit(c.Azimuth, c.Elevation)
		if d := x*ux + y*uy + z*uz; d > bestDot {
			best, bestDot = k, d
		}
	}
	return best
}

func unit(az, el float64) (x, y, z float64) {
	a, e := az*math.Pi/180, el*math.Pi/180
	return math.Cos(e) * math.Cos(a), math.Cos(e) * math.Sin(a), math.Sin(e)
}

// angleDiff is |a-b| modulo 360 in [0, 180].
func angleDiff(a, b float64) float64 {
	d := math.Mod(math.Abs(a-b), 360)
	return math.Min(d, 360-d)
}

// Subset returns the directions whose coordinates satisfy keep, in order
// (brian2hears' HRTFSet.subset), e.g. the horizontal plane:
//
//	s.Subset(func(c hrtf.Coordinate) bool { return c.Elevation == 0 })
//
// It is an error when none does.
func (s *Set) Subset(keep func(Coordinate) bool) (*Set, error) {
	if keep == nil {
		return nil, errors.New("hrtf: Subset condition is nil")
	}
	out := &Set{rate: s.rate, taps: s.taps, name: s.name, convention: s.convention, attrs: s.attrs, delayOffset: s.delayOffset}
	for k, c := range s.coords {
		if keep(c) {
			out.add(s, k)
		}
	}
	if len(out.coords) == 0 {
		return nil, errors.New("hrtf: Subset selected no direction")
	}
	return out, nil
}

// ImpulseResponses returns a copy of the 2·Len() responses in the order of
// Filterbank's channels: the Len() left ears, then the Len() right ears
// (brian2hears' fir_serial).
func (s *Set) ImpulseResponses() [][]float64 {
	out := make([][]float64, 0, 2*len(s.coords))
	for _, h := range s.left {
		out = append(out, append([]float64(nil), h...))
	}
	for _, h := range s.right {
		out = append(out, append([]float64(nil), h...))
	}
	return out
}

// Filterbank applies every direction of the set to src (at the set's
// sample rate) with filterbank.FIR (brian2hears' HRTFSet.filterbank):
// 2·Len() channels, channel k < Len() is the left ear of direction k,
// channel Len()+k its right ear. src is mono (one sound through every
// response) or has 2·Len() channels, channel k going through response k,
// as brian2hears allows. opts are passed to FIR.
func (s *Set) Filterbank(src sound.Source, opts ...filterbank.FIROption) (*filterbank.FIRBank, error) {
	if err := checkSource(src, s.rate, 2*len(s.coords)); err != nil {
		return nil, err
	}
	irs := make([][]float64, 0, 2*len(s.coords))
	irs = append(irs, s.left...)
	irs = append(irs, s.right...)
	return filterbank.FIR(src, irs, opts...) // FIR copies the responses
}

// checkSource accepts a source at rate Hz with 1 or responses channels.
func checkSource(src sound.Source, rate float64, responses int) error {
	if src == nil {
		return errors.New("hrtf: source is nil")
	}
	if n := src.NumChannels(); n != 1 && n != responses {
		return fmt.Errorf("hrtf: the source has %d channels; HRTFs apply to a mono source or to one channel per response (%d)", n, responses)
	}
	if r := src.SampleRate(); r != rate {
		return fmt.Errorf("hrtf: source sample rate %g Hz differs from the HRTFs' %g Hz (resample one of them)", r, rate)
	}
	return nil
}

// HRTF is one direction's pair of head-related impulse responses
// (brian2hears' HRTF).
type HRTF struct {
	left, right []float64 // shared with the Set: never written
	rate        float64
	coord       Coordinate
}

// Coordinate is the direction of this HRTF.
func (h *HRTF) Coordinate() Coordinate { return h.coord }

// SampleRate is the sample rate in Hz.
func (h *HRTF) SampleRate() float64 { return h.rate }

// Left returns the left ear's impulse response as a mono sound
// (dimensionless taps at SampleRate()).
func (h *HRTF) Left() *sound.Sound {
	s, _ := sound.New(append([]float64(nil), h.left...), 1, h.rate)
	return s
}

// Right returns the right ear's impulse response as a mono sound.
func (h *HRTF) Right() *sound.Sound {
	s, _ := sound.New(append([]float64(nil), h.right...), 1, h.rate)
	return s
}

// ImpulseResponse returns both responses as a stereo sound (channel 0 left).
func (h *HRTF) ImpulseResponse() *sound.Sound {
	s, _ := sound.FromChannels([][]float64{h.left, h.right}, h.rate)
	return s
}

// Filterbank applies the pair to src: a 2-channel FIR bank, channel 0 the
// left ear, 1 the right (brian2hears' HRTF.filterbank). src is mono, or
// stereo with channel 0 through the left response and 1 through the right.
func (h *HRTF) Filterbank(src sound.Source, opts ...filterbank.FIROption) (*filterbank.FIRBank, error) {
	if err := checkSource(src, h.rate, 2); err != nil {
		return nil, err
	}
	return filterbank.FIR(src, [][]float64{h.left, h.right}, opts...)
}

// Apply returns the stereo sound (channel 0 left, 1 right) of a mono sound
// heard from this direction, as long as the input (brian2hears'
// HRTF.apply).
func (h *HRTF) Apply(s *sound.Sound) (*sound.Sound, error) {
	if s == nil {
		return nil, errors.New("hrtf: sound is nil")
	}
	fb, err := h.Filterbank(s)
	if err != nil {
		return nil, err
	}
	return sound.ReadAll(fb, 0)
}

// SubsetIndices returns the directions at the given indices, in the given
// order (brian2hears' HRTFSet.subset with an index array). Repeated
// indices repeat the direction.
func (s *Set) SubsetIndices(indices []int) (*Set, error) {
	if len(indices) == 0 {
		return nil, errors.New("hrtf: SubsetIndices selected no direction")
	}
	out := &Set{rate: s.rate, taps: s.taps, name: s.name, convention: s.convention, attrs: s.attrs, delayOffset: s.delayOffset}
	for _, k := range indices {
		if k < 0 || k >= len(s.coords) {
			return nil, fmt.Errorf("hrtf: SubsetIndices: direction %d of %d", k, len(s.coords))
		}
		out.add(s, k)
	}
	return out, nil
}

// SubsetMask returns the directions whose mask entry is true, in order
// (brian2hears' HRTFSet.subset with a boolean array); the mask has one
// entry per direction.
func (s *Set) SubsetMask(mask []bool) (*Set, error) {
	if len(mask) != len(s.coords) {
		return nil, fmt.Errorf("hrtf: SubsetMask of %d entries for %d directions", len(mask), len(s.coords))
	}
	var idx []int
	for k, keep := range mask {
		if keep {
			idx = append(idx, k)
		}
	}
	return s.SubsetIndices(idx)
}

// add appends direction k of src (sharing its immutable responses).
func (s *Set) add(src *Set, k int) {
	s.coords = append(s.coords, src.coords[k])
	s.left = append(s.left, src.left[k])
	s.right = append(s.right, src.right[k])
	if src.itd != nil {
		s.itd = append(s.itd, src.itd[k])
	}
}

// ImpulseResponsesInterleaved returns a copy of the 2·Len() responses in
// the order left 0, right 0, left 1, right 1, … (brian2hears' fir_interleaved),
// the channel order of InterleavedFilterbank.
func (s *Set) ImpulseResponsesInterleaved() [][]float64 {
	out := make([][]float64, 0, 2*len(s.coords))
	for k := range s.left {
		out = append(out, append([]float64(nil), s.left[k]...), append([]float64(nil), s.right[k]...))
	}
	return out
}

// InterleavedFilterbank is Filterbank with the channels interleaved
// (brian2hears' filterbank(interleaved=True)): channel 2k is the left ear
// of direction k, 2k+1 its right ear. src is mono or has one channel per
// response in that order.
func (s *Set) InterleavedFilterbank(src sound.Source, opts ...filterbank.FIROption) (*filterbank.FIRBank, error) {
	if err := checkSource(src, s.rate, 2*len(s.coords)); err != nil {
		return nil, err
	}
	irs := make([][]float64, 0, 2*len(s.coords))
	for k := range s.left {
		irs = append(irs, s.left[k], s.right[k])
	}
	return filterbank.FIR(src, irs, opts...)
}

// NewHRTF builds one direction's HRTF from a pair of impulse responses of
// the same length (dimensionless taps at rate Hz), as brian2hears'
// HRTF(hrir_l, hrir_r). The slices are copied.
func NewHRTF(left, right []float64, rate float64, c Coordinate) (*HRTF, error) {
	s, err := NewSet([][]float64{left}, [][]float64{right}, rate, []Coordinate{c})
	if err != nil {
		return nil, err
	}
	return s.HRTF(0)
}

// HRTFFromSound builds an HRTF from a stereo sound holding the left
// (channel 0) and right (channel 1) impulse responses, as brian2hears'
// HRTF(hrir) with a stereo Sound.
func HRTFFromSound(ir *sound.Sound, c Coordinate) (*HRTF, error) {
	if ir == nil || ir.NumChannels() != 2 {
		return nil, errors.New("hrtf: HRTFFromSound needs a stereo sound (left, right)")
	}
	l, err := ir.Channel(0)
	if err != nil {
		return nil, err
	}
	r, err := ir.Channel(1)
	if err != nil {
		return nil, err
	}
	return NewHRTF(l.Data(), r.Data(), ir.SampleRate(), c)
}

// DelayOffset is the common delay in seconds of every response of a
// Headless set built with fractional ITDs (brian2hears' delay_offset): a
// response delays by DelayOffset() ± ITD/2. It is 0 for other sets.
func (s *Set) DelayOffset() float64 { return s.delayOffset }

// Resampled returns the set with every response resampled to rate Hz with
// the project's anti-aliased resampler (sound.Sound.Resampled: passband to
// 0.9 × the lower Nyquist frequency flat within 0.001 dB, stopband from
// that Nyquist frequency down by at least 95 dB, zero phase). Responses
// get ceil(Taps·rate/SampleRate()) taps, scaled by SampleRate()/rate so
// that each filter's gain is unchanged. On the MIT KEMAR set resampled
// from 44.1 to 48 kHz the magnitude responses differ from the originals by
// less than TestResampledHRIR's bound below 0.9 × 22.05 kHz (see
// docs/hrtf.md for the figures). Interaural delays and DelayOffset scale
// with time, not samples, and are kept.
func (s *Set) Resampled(rate float64) (*Set, error) {
	if !(rate > 0) || math.IsInf(rate, 0) {
		return nil, fmt.Errorf("hrtf: resampling to %v Hz", rate)
	}
	if rate == s.rate {
		return s, nil
	}
	out := &Set{rate: rate, coords: s.coords, itd: s.itd, name: s.name, convention: s.convention, attrs: s.attrs, delayOffset: s.delayOffset}
	// one multichannel sound: the resampler's filter table is built once
	chans := make([][]float64, 0, 2*len(s.left))
	chans = append(chans, s.left...)
	chans = append(chans, s.right...)
	snd, err := sound.FromChannels(chans, s.rate)
	if err != nil {
		return nil, err
	}
	r, err := snd.Resampled(rate)
	if err != nil {
		return nil, fmt.Errorf("hrtf: resampling from %g to %g Hz: %w", s.rate, rate, err)
	}
	// A filter's taps are its impulse response times the sampling
	// interval: resampled as a signal they would scale the filter's gain
	// by rate/SampleRate(); scaled back, the gain is kept.
	gain := s.rate / rate
	n := len(s.left)
	out.taps = r.NumFrames()
	for c := range 2 * n {
		h := make([]float64, out.taps)
		for f := range h {
			h[f] = r.At(f, c) * gain
		}
		if c < n {
			out.left = append(out.left, h)
		} else {
			out.right = append(out.right, h)
		}
	}
	return out, nil
}
