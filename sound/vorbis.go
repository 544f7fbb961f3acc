package sound

import (
	"bytes"
	"errors"
	"fmt"
	"io"

	"github.com/gohears/hears/internal/oggvorbis"
)

// Ogg Vorbis is decoded by internal/oggvorbis, gohears' fork of
// github.com/jfreymuth/oggvorbis and github.com/jfreymuth/vorbis (pure Go,
// MIT): the one complete pure-Go Vorbis decoder, forked to read 5.1 files
// (its package comment says why). Its float32 output equals libvorbis'
// float output to a few float32 rounding steps (tools_test.go measures it,
// 1 to 8 channels).

// vorbisDecoder streams an Ogg Vorbis file.
type vorbisDecoder struct {
	r        io.ReadSeeker
	v        *oggvorbis.Reader
	channels int
	buf      []float32
}

// newVorbisDecoder opens the Ogg Vorbis file r. Another codec in an Ogg
// container (Opus, FLAC, Speex) is ErrUnsupported, named.
func newVorbisDecoder(r io.ReadSeeker) (*vorbisDecoder, error) {
	var head [64]byte
	n, _ := io.ReadFull(r, head[:])
	for _, c := range []struct{ magic, name string }{{"OpusHead", "Opus"}, {"\x7fFLAC", "FLAC"}, {"Speex", "Speex"}, {"\x80theora", "Theora video"}} {
		if bytes.Contains(head[:n], []byte(c.magic)) {
			return nil, fmt.Errorf("%w: Ogg file of %s, not Vorbis", ErrUnsupported, c.name)
		}
	}
	d := &vorbisDecoder{r: r}
	if err := d.rewind(); err != nil {
		return nil, err
	}
	d.channels = d.v.Channels()
	if d.channels < 1 || d.channels > 255 {
		return nil, fmt.Errorf("%w: Vorbis stream of %d channels", ErrFormat, d.channels)
	}
	d.buf = make([]float32, 4096*d.channels)
	return d, nil
}

func (d *vorbisDecoder) rewind() error {
	if _, err := d.r.Seek(0, io.SeekStart); err != nil {
		return err
	}
	v, err := oggvorbis.NewReader(d.r)
	if err != nil {
		if errors.Is(err, io.ErrUnexpectedEOF) {
			return fmt.Errorf("%w: the Vorbis headers are cut short", ErrTruncated)
		}
		return fmt.Errorf("%w: %v", ErrFormat, err)
	}
	d.v = v
	return nil
}

// decode appends the next decoded frames to dst.
func (d *vorbisDecoder) decode(dst []float64) ([]float64, error) {
	for range 1 << 16 {
		n, err := d.v.Read(d.buf)
		for _, v := range d.buf[:n] {
			dst = append(dst, float64(v))
		}
		if err != nil {
			if errors.Is(err, io.EOF) {
				return dst, io.EOF
			}
			if errors.Is(err, io.ErrUnexpectedEOF) {
				return dst, fmt.Errorf("%w: a page is cut short", ErrTruncated)
			}
			return dst, fmt.Errorf("%w: %v", ErrFormat, err)
		}
		if n > 0 {
			return dst, nil
		}
	}
	return dst, fmt.Errorf("%w: the Vorbis decoder makes no progress", ErrFormat)
}
