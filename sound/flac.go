package sound

import (
	"errors"
	"fmt"
	"io"

	"github.com/mewkiz/flac"
	"github.com/mewkiz/flac/frame"
)

// FLAC is decoded by github.com/mewkiz/flac (pure Go, Unlicense, maintained;
// its decoder is checked against the reference flac tool on the FLAC test
// suite). Decoded samples equal the flac tool's bit for bit (flac_test.go);
// integer samples are scaled to [-1, 1) by 2^(bits-1), as WAV and AIFF are.

// flacDecoder streams a FLAC file frame by frame (a frame holds at most
// 65535 samples per channel).
type flacDecoder struct {
	r        io.ReadSeeker
	s        *flac.Stream
	channels int
	bits     int
	scale    float64
}

// newFLACDecoder reads the FLAC header of r (at its start): the stream
// information block; the other metadata blocks are skipped unread.
func newFLACDecoder(r io.ReadSeeker) (*flacDecoder, error) {
	d := &flacDecoder{r: r}
	if err := d.rewind(); err != nil {
		return nil, err
	}
	info := d.s.Info
	d.channels, d.bits = int(info.NChannels), int(info.BitsPerSample)
	if d.channels < 1 || d.channels > 8 {
		return nil, fmt.Errorf("%w: FLAC with %d channels (the format allows 1 to 8)", ErrFormat, d.channels)
	}
	if d.bits < 4 || d.bits > 32 {
		return nil, fmt.Errorf("%w: FLAC sample size %d bits (the format allows 4 to 32)", ErrFormat, d.bits)
	}
	d.scale = 1 / float64(int64(1)<<(d.bits-1))
	return d, nil
}

func (d *flacDecoder) rewind() error {
	if _, err := d.r.Seek(0, io.SeekStart); err != nil {
		return err
	}
	s, err := flac.New(d.r)
	if err != nil {
		return fmt.Errorf("%w: %v", ErrFormat, err)
	}
	d.s = s
	return nil
}

// decode appends the next FLAC frame's samples to dst, interleaved.
func (d *flacDecoder) decode(dst []float64) ([]float64, error) {
	f, err := d.s.ParseNext()
	if err != nil {
		if errors.Is(err, io.EOF) {
			return dst, io.EOF
		}
		if errors.Is(err, io.ErrUnexpectedEOF) {
			return dst, fmt.Errorf("%w: a frame is cut short", ErrTruncated)
		}
		return dst, fmt.Errorf("%w: %v", ErrFormat, err)
	}
	return d.appendFrame(dst, f)
}

func (d *flacDecoder) appendFrame(dst []float64, f *frame.Frame) ([]float64, error) {
	n := int(f.BlockSize)
	if len(f.Subframes) != d.channels {
		return dst, fmt.Errorf("%w: a frame of %d channels in a %d-channel stream", ErrFormat, len(f.Subframes), d.channels)
	}
	if b := int(f.BitsPerSample); b != 0 && b != d.bits {
		return dst, fmt.Errorf("%w: a frame of %d-bit samples in a %d-bit stream", ErrFormat, b, d.bits)
	}
	for c, sf := range f.Subframes {
		if len(sf.Samples) != n {
			return dst, fmt.Errorf("%w: channel %d of a frame holds %d samples, its header says %d", ErrFormat, c, len(sf.Samples), n)
		}
	}
	at := len(dst)
	dst = append(dst, make([]float64, n*d.channels)...)
	out := dst[at:]
	for c, sf := range f.Subframes {
		for i, v := range sf.Samples {
			out[i*d.channels+c] = float64(v) * d.scale
		}
	}
	return dst, nil
}
