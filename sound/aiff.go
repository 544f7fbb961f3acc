package sound

import (
	"bufio"
	"encoding/binary"
	"fmt"
	"io"
	"math"
	"os"
)

// LoadAIFF reads an AIFF or AIFF-C file: big-endian integer PCM of 1 to 32
// bits (AIFF, AIFF-C "NONE"/"twos"), little-endian PCM ("sowt"), or 32/64-bit
// float ("fl32", "fl64"), any channel count. Integer samples are scaled to
// [-1, 1) by 2^(container bits-1). Errors wrap ErrFormat, ErrTruncated or
// ErrUnsupported and say what is wrong. (See wav.go for why this does not use
// go-audio/aiff's decoder.)
func LoadAIFF(path string) (*Sound, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	s, err := decodeAIFF(bufio.NewReaderSize(f, 1<<16), fileSize(f))
	if err != nil {
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	return s, nil
}

// DecodeAIFF reads an AIFF or AIFF-C stream (see LoadAIFF). The COMM chunk
// must come before the SSND chunk (true of files written by every common
// tool); otherwise the stream would have to be held in memory.
func DecodeAIFF(r io.Reader) (*Sound, error) { return decodeAIFF(r, -1) }

func decodeAIFF(r io.Reader, avail int64) (*Sound, error) {
	pf, size, err := pcmHeader(r, formatAIFF)
	if err != nil {
		return nil, err
	}
	return readSamples(r, size, pf, avail)
}

// aiffHeader reads an AIFF stream up to the first sample and returns the
// format and the size in bytes of the samples.
func aiffHeader(r io.Reader) (*pcmFormat, int64, error) {
	var hdr [12]byte
	if n, err := io.ReadFull(r, hdr[:]); err != nil {
		return nil, 0, fmt.Errorf("%w: AIFF header needs 12 bytes, got %d", ErrTruncated, n)
	}
	if string(hdr[0:4]) != "FORM" {
		return nil, 0, fmt.Errorf("%w: AIFF must start with FORM, got %q", ErrFormat, hdr[0:4])
	}
	form := string(hdr[8:12])
	if form != "AIFF" && form != "AIFC" {
		return nil, 0, fmt.Errorf("%w: FORM of type %q, not AIFF or AIFC", ErrFormat, form)
	}
	be := binary.BigEndian
	var pf *pcmFormat
	frames := -1
	for {
		var ch [8]byte
		if n, err := io.ReadFull(r, ch[:]); err != nil {
			if n == 0 && err == io.EOF {
				if pf == nil {
					return nil, 0, fmt.Errorf("%w: no COMM chunk", ErrFormat)
				}
				return nil, 0, fmt.Errorf("%w: no SSND chunk", ErrFormat)
			}
			return nil, 0, fmt.Errorf("%w: chunk header cut short", ErrTruncated)
		}
		id, size := string(ch[0:4]), int64(be.Uint32(ch[4:8]))
		switch id {
		case "COMM":
			if pf != nil {
				return nil, 0, fmt.Errorf("%w: two COMM chunks", ErrFormat)
			}
			if size < 18 || size > 1024 {
				return nil, 0, fmt.Errorf("%w: COMM chunk of %d bytes (want 18 to 1024)", ErrFormat, size)
			}
			b := make([]byte, size+size&1)
			if _, err := io.ReadFull(r, b); err != nil {
				return nil, 0, fmt.Errorf("%w: COMM chunk cut short", ErrTruncated)
			}
			var err error
			if pf, frames, err = parseCOMM(b[:size], form == "AIFC"); err != nil {
				return nil, 0, err
			}
		case "SSND":
			if pf == nil {
				return nil, 0, fmt.Errorf("%w: SSND chunk before the COMM chunk", ErrFormat)
			}
			if size < 8 {
				return nil, 0, fmt.Errorf("%w: SSND chunk of %d bytes", ErrFormat, size)
			}
			var b [8]byte
			if _, err := io.ReadFull(r, b[:]); err != nil {
				return nil, 0, fmt.Errorf("%w: SSND chunk cut short", ErrTruncated)
			}
			off := int64(be.Uint32(b[0:]))
			if off > size-8 {
				return nil, 0, fmt.Errorf("%w: SSND offset %d beyond its %d bytes", ErrFormat, off, size)
			}
			if err := skip(r, off); err != nil {
				return nil, 0, fmt.Errorf("%w: SSND chunk cut short", ErrTruncated)
			}
			need := int64(frames) * int64(pf.channels) * int64(pf.bits/8)
			if need > size-8-off {
				return nil, 0, fmt.Errorf("%w: COMM declares %d frames (%d bytes), SSND holds %d bytes", ErrFormat, frames, need, size-8-off)
			}
			return pf, need, nil
		default:
			if err := skip(r, size+size&1); err != nil {
				return nil, 0, fmt.Errorf("%w: chunk %q of %d bytes cut short", ErrTruncated, id, size)
			}
		}
	}
}

func parseCOMM(b []byte, aifc bool) (*pcmFormat, int, error) {
	be := binary.BigEndian
	nc := int(be.Uint16(b[0:]))
	frames := int64(be.Uint32(b[2:]))
	bits := int(be.Uint16(b[6:]))
	rate := extended(b[8:18])
	if nc == 0 {
		return nil, 0, fmt.Errorf("%w: AIFF with 0 channels", ErrFormat)
	}
	if !(rate > 0) || math.IsInf(rate, 0) || rate > 1e9 {
		return nil, 0, fmt.Errorf("%w: AIFF sample rate %v Hz", ErrFormat, rate)
	}
	if bits < 1 || bits > 32 {
		return nil, 0, fmt.Errorf("%w: AIFF sample size %d bits (want 1 to 32)", ErrFormat, bits)
	}
	if frames*int64(nc) > maxLoadSamples {
		return nil, 0, fmt.Errorf("%w: %d frames × %d channels, more than the limit of %d samples", ErrUnsupported, frames, nc, int64(maxLoadSamples))
	}
	pf := &pcmFormat{channels: nc, rate: rate, bits: (bits + 7) / 8 * 8, bigEnd: true}
	if aifc {
		if len(b) < 22 {
			return nil, 0, fmt.Errorf("%w: AIFF-C COMM chunk of %d bytes has no compression type", ErrFormat, len(b))
		}
		switch ct := string(b[18:22]); ct {
		case "NONE", "twos":
		case "sowt":
			pf.bigEnd = false
		case "fl32", "FL32":
			pf.float, pf.bits = true, 32
		case "fl64", "FL64":
			pf.float, pf.bits = true, 64
		default:
			return nil, 0, fmt.Errorf("%w: AIFF-C compression %q (supported: NONE, twos, sowt, fl32, fl64)", ErrUnsupported, ct)
		}
	}
	return pf, int(frames), nil
}

// extended converts an IEEE 754 80-bit extended float (AIFF sample rates).
func extended(b []byte) float64 {
	se := binary.BigEndian.Uint16(b[0:])
	mant := binary.BigEndian.Uint64(b[2:])
	exp := int(se&0x7FFF) - 16383 - 63
	v := math.Ldexp(float64(mant), exp)
	if se&0x8000 != 0 {
		v = -v
	}
	return v
}
