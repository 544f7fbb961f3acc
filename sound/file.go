package sound

import (
	"bufio"
	"fmt"
	"io"
	"os"
)

// File is a WAV or AIFF file read on demand: a Source whose Fetch reads only
// the frames asked for, so a long recording can be streamed through a
// filterbank with memory bounded by the block size (Load reads the whole
// file instead). It supports random access; fetching past the end yields
// zeros. Close it when done. A File is not safe for concurrent use.
type File struct {
	f        *os.File
	pf       *pcmFormat
	offset   int64 // byte offset of frame 0
	frames   int
	frame    int // bytes per frame
	raw      []byte
	block    []float64
	lastS    int
	lastE    int
	haveLast bool
}

// Open opens a WAV or AIFF/AIFF-C file (the formats of Load) for streaming.
// The header is checked now: a corrupt, truncated or unsupported file is an
// error here, naming the problem. Float samples that are NaN or infinite are
// reported by the Fetch that reads them.
func Open(path string) (*File, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	sf, err := openFile(f)
	if err != nil {
		f.Close()
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	return sf, nil
}

// countReader counts the bytes read through it.
type countReader struct {
	r io.Reader
	n int64
}

func (c *countReader) Read(p []byte) (int, error) {
	n, err := c.r.Read(p)
	c.n += int64(n)
	return n, err
}

func openFile(f *os.File) (*File, error) {
	size := fileSize(f)
	if size < 0 {
		return nil, fmt.Errorf("%w: not a regular file", ErrUnsupported)
	}
	br := bufio.NewReaderSize(f, 4096)
	magic, err := br.Peek(4)
	if err != nil {
		return nil, fmt.Errorf("%w: %d bytes, too short for a header", ErrTruncated, len(magic))
	}
	cr := &countReader{r: br}
	var pf *pcmFormat
	var n int64
	switch string(magic) {
	case "FORM":
		pf, n, err = aiffHeader(cr)
	default:
		pf, n, err = wavHeader(cr)
	}
	if err != nil {
		return nil, err
	}
	off := cr.n // bytes consumed through the counter = start of the samples
	frame := int64(pf.bits / 8 * pf.channels)
	if n < 0 { // WAV of unknown length: up to the end of the file
		n = (size - off) / frame * frame
		if (size-off)%frame != 0 {
			return nil, fmt.Errorf("%w: samples end %d bytes into a %d-byte frame", ErrTruncated, (size-off)%frame, frame)
		}
	}
	if n%frame != 0 {
		return nil, fmt.Errorf("%w: %d bytes of samples are not a whole number of %d-byte frames", ErrFormat, n, frame)
	}
	if off+n > size {
		return nil, fmt.Errorf("%w: %d bytes of samples declared, only %d present", ErrTruncated, n, size-off)
	}
	return &File{f: f, pf: pf, offset: off, frames: int(n / frame), frame: int(frame)}, nil
}

// NumChannels implements Source.
func (s *File) NumChannels() int { return s.pf.channels }

// SampleRate implements Source (Hz).
func (s *File) SampleRate() float64 { return s.pf.rate }

// NumFrames implements Source.
func (s *File) NumFrames() int { return s.frames }

// Duration is the length in seconds.
func (s *File) Duration() float64 { return float64(s.frames) / s.pf.rate }

// Reset implements Source; a file has no streaming state.
func (s *File) Reset() error { return nil }

// Close closes the file.
func (s *File) Close() error { return s.f.Close() }

// Fetch implements Source: it reads frames [start, end) from the file,
// scaled as Load scales them; frames past the end are zeros.
func (s *File) Fetch(start, end int) ([]float64, error) {
	if err := CheckSegment(start, end); err != nil {
		return nil, err
	}
	if s.haveLast && start == s.lastS && end == s.lastE {
		return s.block, nil
	}
	nc := s.pf.channels
	if err := checkSize(end-start, nc); err != nil {
		return nil, fmt.Errorf("sound: Fetch(%d, %d): %w", start, end, err)
	}
	need := (end - start) * nc
	if cap(s.block) < need {
		s.block = make([]float64, need)
	}
	b := s.block[:need]
	s.haveLast = false
	in := max(0, min(end, s.frames)-start) // frames inside the file
	if in > 0 {
		nb := in * s.frame
		if cap(s.raw) < nb {
			s.raw = make([]byte, nb)
		}
		raw := s.raw[:nb]
		if _, err := s.f.ReadAt(raw, s.offset+int64(start)*int64(s.frame)); err != nil {
			return nil, fmt.Errorf("sound: reading frames [%d, %d) of %s: %w", start, start+in, s.f.Name(), err)
		}
		if i := decodeSamples(b[:in*nc], raw, s.pf); i >= 0 {
			return nil, fmt.Errorf("%w: %s: frame %d channel %d is %v", ErrFormat, s.f.Name(), start+i/nc, i%nc, b[i])
		}
	}
	clear(b[in*nc:])
	s.block, s.lastS, s.lastE, s.haveLast = b, start, end, true
	return b, nil
}
