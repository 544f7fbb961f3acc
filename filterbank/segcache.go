package filterbank

import (
	"fmt"

	"github.com/gohears/hears/sound"
)

// maxHistoryValues bounds the values (frames × channels) a node keeps for
// consumers that lag behind the newest fetch: 2^24 float64s, 128 MiB. Two
// consumers reading one 3000-channel bank in blocks of 1024 and 1000 frames
// drift apart by 24 frames per block, about 10,000 frames after 10 s at
// 44.1 kHz: 3·10^7 values, within the bound. A lag beyond it costs a
// counted rewind per miss instead of memory (see Bank.Rewinds).
const maxHistoryValues = 1 << 24

// segmentCache holds the frames a node computed last, [start, end) of nc
// channels frame-major, for fan-out (DESIGN principle 1): a consumer that
// asks again for frames still held gets them without recomputation. Besides
// the newest segment it keeps the keep frames before that segment's start,
// a history sized from the consumers: whenever a consumer asks for frames
// already dropped, the node must rewind to frame zero (counted in rewinds)
// and keep grows (see missed), so that consumers drifting apart cost O(log) rewinds, linear
// work in total, and memory proportional to their largest lag (bounded by
// maxHistoryValues). It is the one implementation of the fan-out cache,
// shared by Bank and ControlBank.
//
// The frames live in mem[off:]; a compaction or a rewind writes into spare
// and swaps, so that the block returned by the previous Fetch stays intact
// during the next one (a kernel reading two sources that share a node
// fetches one after the other).
type segmentCache struct {
	nc         int
	mem, spare []float64
	off        int // index in mem of frame start
	start, end int
	head       int // start of the newest fetched segment
	keep       int // frames retained before head
	rewinds    int // fetches that found their frames dropped and recomputed from zero
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
		return s.mem[s.off+(start-s.start)*s.nc : s.off+(end-s.start)*s.nc], true
	}
	return nil, false
}

// continues reports whether a segment starting at start can keep the
// cache's tail: start lies in the cache and the cache ends at pos, the next
// frame the node will compute.
func (s *segmentCache) continues(start, pos int) bool {
	return start >= s.start && start <= s.end && s.end == pos
}

// missed records that a fetch of frames [start, end), before the node's
// position, found them dropped: the node rewinds (counted), and the
// history grows to twice the lag plus the block, and at least doubles, so
// that a consumer lagging as far again is served and consumers drifting
// apart miss O(log) times (each rewind costs the frames computed so far;
// their sum stays within a small multiple of the duration).
func (s *segmentCache) missed(start, end int) {
	s.rewinds++
	if s.end <= s.start || start >= s.start {
		return // nothing was held (after an error or Reset): no lag to learn
	}
	lag := s.head - start + (end - start)
	s.keep = min(2*max(s.keep, lag), maxHistoryValues/s.nc)
}

// from is the first frame a fetch from start on wants computed, the node
// being at pos: the history kept before start, or pos if later.
func (s *segmentCache) from(start, pos int) int { return max(pos, start-s.keep) }

// begin returns the buffer for the frames the node computes next,
// [s.end, end), appended to the frames held; the frames before start-keep
// are dropped. The node's position must be s.end, and start >= s.start.
func (s *segmentCache) begin(start, end int) []float64 {
	nc := s.nc
	lo := min(max(s.start, start-s.keep), s.end)
	s.off += (lo - s.start) * nc
	s.start = lo
	held := (s.end - lo) * nc
	need := (end - lo) * nc
	if s.off+need > len(s.mem) {
		if held == 0 {
			if len(s.mem) < need {
				s.mem = make([]float64, 2*need) // spare may hold the previous block
			}
		} else {
			if len(s.spare) < need {
				s.spare = make([]float64, 2*need)
			}
			copy(s.spare, s.mem[s.off:s.off+held])
			s.mem, s.spare = s.spare, s.mem
		}
		s.off = 0
	}
	return s.mem[s.off+held : s.off+need]
}

// commit records that frames [s.end, end) were computed into the buffer
// from begin, and returns frames [start, end), the newest segment.
func (s *segmentCache) commit(start, end int) []float64 {
	s.head, s.end = start, end
	blk, _ := s.lookup(start, end)
	return blk
}

// empty leaves the cache holding no frames, positioned at frame at; the
// next frames go to the other buffer, so that the block returned last stays
// intact during the fetch that follows.
func (s *segmentCache) empty(at int) {
	s.start, s.end, s.off = at, at, 0
	s.mem, s.spare = s.spare, s.mem
}
