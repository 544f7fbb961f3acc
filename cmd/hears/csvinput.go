package main

import (
	"bufio"
	"bytes"
	"errors"
	"fmt"
	"os"
	"strconv"

	"github.com/gohears/hears/sound"
)

// csvSource streams a headerless CSV of samples (rows are frames, columns
// channels) as a sound.Source, reading the file in order and keeping only
// the last block: memory is bounded by the block size. Fetching backwards
// reopens the file. The frame count comes from a first pass that counts the
// lines and checks the columns of the first one.
type csvSource struct {
	path     string
	rate     float64
	channels int
	frames   int
	f        *os.File
	sc       *bufio.Scanner
	line     int // lines read so far (1-based number of the last)
	pos      int // next frame the scanner will give
	block    []float64
	bStart   int
	bEnd     int
	spare    []float64
}

func openCSV(path string, rate float64) (*csvSource, error) {
	c := &csvSource{path: path, rate: rate}
	if err := c.count(); err != nil {
		return nil, err
	}
	if err := c.rewind(); err != nil {
		return nil, err
	}
	return c, nil
}

// count finds the frame and channel counts.
func (c *csvSource) count() error {
	f, err := os.Open(c.path)
	if err != nil {
		return err
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	sc.Buffer(make([]byte, 1<<16), 1<<26)
	for sc.Scan() {
		line := bytes.TrimSpace(sc.Bytes())
		if len(line) == 0 {
			continue
		}
		if c.frames == 0 {
			c.channels = bytes.Count(line, []byte(",")) + 1
		}
		c.frames++
	}
	if err := sc.Err(); err != nil {
		return fmt.Errorf("%s: %w", c.path, err)
	}
	if c.frames == 0 {
		return fmt.Errorf("%s: no samples (an empty CSV file)", c.path)
	}
	return nil
}

func (c *csvSource) rewind() error {
	if c.f != nil {
		c.f.Close()
	}
	f, err := os.Open(c.path)
	if err != nil {
		return err
	}
	c.f = f
	c.sc = bufio.NewScanner(f)
	c.sc.Buffer(make([]byte, 1<<16), 1<<26)
	c.line, c.pos = 0, 0
	return nil
}

func (c *csvSource) NumChannels() int    { return c.channels }
func (c *csvSource) SampleRate() float64 { return c.rate }
func (c *csvSource) NumFrames() int      { return c.frames }
func (c *csvSource) Close() error        { return c.f.Close() }
func (c *csvSource) Reset() error        { c.bStart, c.bEnd = 0, 0; return c.rewind() }

// Fetch implements sound.Source; frames past the end are zeros.
func (c *csvSource) Fetch(start, end int) ([]float64, error) {
	if err := sound.CheckSegment(start, end); err != nil {
		return nil, err
	}
	nc := c.channels
	if start >= c.bStart && end <= c.bEnd {
		return c.block[(start-c.bStart)*nc : (end-c.bStart)*nc], nil
	}
	if start < c.pos {
		if err := c.rewind(); err != nil {
			return nil, err
		}
	}
	for c.pos < start && c.pos < c.frames {
		if _, err := c.next(nil); err != nil {
			return nil, err
		}
	}
	need := (end - start) * nc
	if cap(c.spare) < need {
		c.spare = make([]float64, need)
	}
	out := c.spare[:need]
	clear(out)
	for f := start; f < end && f < c.frames; f++ {
		if _, err := c.next(out[(f-start)*nc : (f-start+1)*nc]); err != nil {
			c.bStart, c.bEnd = 0, 0
			return nil, err
		}
	}
	c.spare, c.block = c.block, out
	c.bStart, c.bEnd = start, end
	return out, nil
}

// next parses the next non-empty line into dst (nil: skip it).
func (c *csvSource) next(dst []float64) (bool, error) {
	for c.sc.Scan() {
		c.line++
		line := bytes.TrimSpace(c.sc.Bytes())
		if len(line) == 0 {
			continue
		}
		c.pos++
		if dst == nil {
			return true, nil
		}
		col := 0
		for field := range bytes.SplitSeq(line, []byte(",")) {
			if col >= c.channels {
				return false, fmt.Errorf("%s: line %d has more than %d columns", c.path, c.line, c.channels)
			}
			v, err := parseDecimal(string(bytes.TrimSpace(field)))
			if err != nil {
				return false, fmt.Errorf("%s: line %d, column %d: %w", c.path, c.line, col+1, err)
			}
			dst[col] = v
			col++
		}
		if col != c.channels {
			return false, fmt.Errorf("%s: line %d has %d columns, the first line has %d", c.path, c.line, col, c.channels)
		}
		return true, nil
	}
	if err := c.sc.Err(); err != nil {
		return false, fmt.Errorf("%s: %w", c.path, err)
	}
	return false, fmt.Errorf("%s: the file changed while it was read (fewer than %d lines)", c.path, c.frames)
}

// parseDecimal reads a number written in decimal: an optional sign, digits
// with an optional decimal point, and an optional exponent (1000, -0.25,
// .5, 1e-3), the numbers JSON chain files and equations are written with.
// strconv.ParseFloat alone also reads Go's literal extensions, digit
// separators (1_000) and hexadecimal mantissas (0x1p-2), and the words inf,
// infinity and nan. Those are refused: JSON and the equation grammar do not
// have them, C's strtod reads 1_000 as 1, and a sample must be finite. The
// error quotes the text (at most 40 bytes) and says why.
func parseDecimal(s string) (float64, error) {
	for i := 0; i < len(s); i++ {
		if c := s[i]; !(c >= '0' && c <= '9' || c == '.' || c == 'e' || c == 'E' || c == '+' || c == '-') {
			return 0, fmt.Errorf("%q is not a number: write numbers in decimal, e.g. 1000, -0.25 or 1e-3 (digit separators, hexadecimal, inf and nan are refused)", quoteShort(s))
		}
	}
	v, err := strconv.ParseFloat(s, 64)
	if errors.Is(err, strconv.ErrRange) {
		return 0, fmt.Errorf("%q is beyond the range of float64", quoteShort(s))
	}
	if err != nil {
		return 0, fmt.Errorf("%q is not a number", quoteShort(s))
	}
	return v, nil
}

// quoteShort shortens s to at most 40 bytes for an error message.
func quoteShort(s string) string {
	if len(s) > 40 {
		return s[:40] + "..."
	}
	return s
}
