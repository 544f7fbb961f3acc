package main

import (
	"bufio"
	"bytes"
	"errors"
	"fmt"
	"math"
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
			v, err := strconv.ParseFloat(string(bytes.TrimSpace(field)), 64)
			if errors.Is(err, strconv.ErrRange) {
				return false, fmt.Errorf("%s: line %d, column %d: %q is beyond the range of float64", c.path, c.line, col+1, field)
			}
			if err != nil {
				return false, fmt.Errorf("%s: line %d, column %d: %q is not a number", c.path, c.line, col+1, field)
			}
			if math.IsNaN(v) || math.IsInf(v, 0) {
				return false, fmt.Errorf("%s: line %d, column %d: %v is not a finite sample", c.path, c.line, col+1, v)
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
