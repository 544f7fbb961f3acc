package filterbank

import (
	"fmt"

	"github.com/gohears/hears/sound"
)

// segmentCache holds the last segment a node computed, frames [start, end)
// of nc channels frame-major, and a spare buffer in which the next segment
// is built. It is the one implementation of DESIGN principle 1's fan-out
// cache, shared by Bank and ControlBank.
type segmentCache struct {
	nc         int
	buf, spare []float64
	start, end int
}

// check refuses a segment [start, end) whose block would exceed maxValues.
func (s *segmentCache) check(start, end int) error {
	if err := sound.CheckSegment(start, end); err != nil {
		return err
	}
	if n := end - start; n > 0 && s.nc > maxValues/n {
		return fmt.Errorf("filterbank: Fetch(%d, %d): %d frames × %d channels is more than the limit of %d values: fetch in smaller blocks", start, end, n, s.nc, maxValues)
	}
	return nil
}

// lookup returns frames [start, end) if the cache holds all of them.
func (s *segmentCache) lookup(start, end int) ([]float64, bool) {
	if start >= s.start && end <= s.end {
		return s.buf[(start-s.start)*s.nc : (end-s.start)*s.nc], true
	}
	return nil, false
}

// continues reports whether a segment starting at start can keep the
// cache's tail: start lies in the cache and the cache ends at pos, the next
// frame the node will compute.
func (s *segmentCache) continues(start, pos int) bool {
	return start >= s.start && start <= s.end && s.end == pos
}

// begin returns the spare buffer sized for frames [start, end); with keep
// (see continues) frames [start, s.end) are already copied into it from the
// cache.
func (s *segmentCache) begin(start, end int, keep bool) []float64 {
	need := (end - start) * s.nc
	if cap(s.spare) < need {
		s.spare = make([]float64, need)
	}
	out := s.spare[:need]
	if keep {
		copy(out, s.buf[(start-s.start)*s.nc:(s.end-s.start)*s.nc])
	}
	return out
}

// commit makes out, built by begin for frames [start, end), the cached
// segment.
func (s *segmentCache) commit(out []float64, start, end int) {
	s.spare, s.buf = s.buf, out
	s.start, s.end = start, end
}

// empty leaves the cache holding no frames, positioned at frame at.
func (s *segmentCache) empty(at int) { s.start, s.end = at, at }
