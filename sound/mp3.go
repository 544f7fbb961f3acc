package sound

import (
	"encoding/binary"
	"errors"
	"fmt"
	"io"
	"math"
	"strings"

	"github.com/gohears/hears/internal/mp3"
)

// MP3 is decoded by internal/mp3, gohears' fork of
// github.com/hajimehoshi/go-mp3 v0.3.4 (pure Go, Apache 2.0; the MP3 decoder
// of the Ebitengine game engine and of gopxl/beep), the one pure-Go Layer III
// decoder in wide use. Its repository is archived (read-only since 2023), so
// the bugs measured against mpg123 are fixed in the fork (its package
// comment lists them: MPEG-2 frame sizes, MPEG-2.5, joint stereo with short
// blocks, 16-bit output). It decodes MPEG-1, MPEG-2 and MPEG-2.5 Layer III
// (8 to 48 kHz) within 1e-6 of mpg123's float output (mp3_test.go), and is
// fuzzed here; each call into it is guarded against panics. Its output is
// float32 stereo whatever the file holds: this file keeps one channel of a
// mono file and trims the encoder delay and padding recorded in a LAME tag
// (as mpg123, libsndfile and ffmpeg do), which the decoder leaves in. The
// tolerances against Debian's decoders are in docs/formats.md.

// mp3Info is what the first frame of an MP3 file says about the stream.
type mp3Info struct {
	channels        int
	rate            int // Hz
	samplesPerFrame int // 1152 (MPEG-1) or 576 (MPEG-2 and 2.5)
	// tagFrames is the number of audio frames a Xing or Info tag counts (not
	// the tag's own frame), or -1 when the first frame is not a tag.
	tagFrames int64
	// delay and padding are the encoder delay and the padding, in samples,
	// of a LAME tag, or -1 without one.
	delay, padding int
}

// mp3DecoderDelay is the delay, in samples, of the standard MPEG Layer III
// synthesis filterbank (528 samples plus one), which gapless decoders remove
// together with the encoder delay of the LAME tag (the LAME technical FAQ,
// "encoder delay and padding"; mpg123 and ffmpeg use the same 529).
const mp3DecoderDelay = 529

var mp3Rates = [3]int{44100, 48000, 32000}

// Layer III bit rates in kbit/s by bit-rate index (ISO/IEC 11172-3, 13818-3).
var (
	mp3Bitrates1 = [15]int{0, 32, 40, 48, 56, 64, 80, 96, 112, 128, 160, 192, 224, 256, 320}
	mp3Bitrates2 = [15]int{0, 8, 16, 24, 32, 40, 48, 56, 64, 80, 96, 112, 128, 144, 160}
)

// mp3FrameSize returns the size in bytes of the Layer III frame whose valid
// header starts h.
func mp3FrameSize(h []byte) int {
	version, rate, _, _ := mp3Header(h)
	bitrate := int(h[2] >> 4)
	pad := int(h[2]>>1) & 1
	if version == 3 {
		return 144000*mp3Bitrates1[bitrate]/rate + pad
	}
	return 72000*mp3Bitrates2[bitrate]/rate + pad
}

// mp3Header parses a 4-byte MPEG audio frame header and reports whether it
// is a Layer III header this package can decode, with its version index
// (3: MPEG-1, 2: MPEG-2, 0: MPEG-2.5), sample rate and channels.
func mp3Header(h []byte) (version, rate, channels int, ok bool) {
	if len(h) < 4 || h[0] != 0xFF || h[1]&0xE0 != 0xE0 {
		return 0, 0, 0, false
	}
	version = int(h[1]>>3) & 3
	layer := int(h[1]>>1) & 3
	bitrate := int(h[2] >> 4)
	rateIdx := int(h[2]>>2) & 3
	if version == 1 || layer != 1 || bitrate == 0 || bitrate == 15 || rateIdx == 3 {
		return 0, 0, 0, false // reserved version, not Layer III, free or bad bitrate, bad rate
	}
	rate = mp3Rates[rateIdx]
	switch version {
	case 2:
		rate /= 2
	case 0:
		rate /= 4
	}
	channels = 2
	if h[3]>>6 == 3 {
		channels = 1
	}
	return version, rate, channels, true
}

// sniffMP3 recognises an MP3 file: an ID3v2 tag or a Layer III frame header.
func sniffMP3(h []byte) bool {
	if len(h) >= 3 && string(h[:3]) == "ID3" {
		return true
	}
	_, _, _, ok := mp3Header(h)
	return ok
}

// id3v2Size returns the size in bytes of the ID3v2 tag that starts h (10
// bytes at least), or 0.
func id3v2Size(h []byte) int64 {
	if len(h) < 10 || string(h[:3]) != "ID3" {
		return 0
	}
	n := int64(h[6]&0x7F)<<21 | int64(h[7]&0x7F)<<14 | int64(h[8]&0x7F)<<7 | int64(h[9]&0x7F)
	n += 10
	if h[5]&0x10 != 0 { // footer present
		n += 10
	}
	return n
}

// readMP3Info reads the first frame of the MP3 file r: after any ID3v2 tags,
// a Layer III frame header must come within 4 KiB. It returns where that
// frame starts.
func readMP3Info(r io.ReadSeeker) (*mp3Info, int64, error) {
	var at int64
	head := make([]byte, 4096)
	for range 16 { // several ID3v2 tags may follow each other
		if _, err := r.Seek(at, io.SeekStart); err != nil {
			return nil, 0, err
		}
		n, err := io.ReadFull(r, head)
		if err != nil && err != io.ErrUnexpectedEOF {
			return nil, 0, fmt.Errorf("%w: %d bytes, too short for an MP3 frame", ErrTruncated, n)
		}
		head = head[:n]
		size := id3v2Size(head)
		if size == 0 {
			break
		}
		at += size
	}
	for i := 0; i+4 <= len(head); i++ {
		version, rate, nc, ok := mp3Header(head[i:])
		if !ok {
			continue
		}
		info := &mp3Info{channels: nc, rate: rate, samplesPerFrame: 576, tagFrames: -1, delay: -1, padding: -1}
		side := 9 // bytes of side information (ISO/IEC 11172-3 and 13818-3)
		if nc == 2 {
			side = 17
		}
		if version == 3 {
			info.samplesPerFrame = 1152
			side = 17
			if nc == 2 {
				side = 32
			}
		}
		tag := head[min(len(head), i+4+side):]
		if head[i+1]&1 == 0 { // a CRC follows the header
			tag = tag[min(2, len(tag)):]
		}
		parseXing(tag, info)
		return info, at + int64(i), nil
	}
	return nil, 0, fmt.Errorf("%w: no MPEG Layer III frame header in the first %d bytes after the ID3 tags", ErrFormat, len(head))
}

// parseXing reads a Xing or Info tag (written by LAME and most encoders in
// the first frame) and the LAME extension after it: the number of frames,
// and the encoder delay and padding that gapless playback removes.
func parseXing(b []byte, info *mp3Info) {
	if len(b) < 8 || (string(b[:4]) != "Xing" && string(b[:4]) != "Info") {
		return
	}
	flags := binary.BigEndian.Uint32(b[4:])
	b = b[8:]
	if flags&1 != 0 {
		if len(b) < 4 {
			return
		}
		info.tagFrames = int64(binary.BigEndian.Uint32(b))
		b = b[4:]
	} else {
		info.tagFrames = -1 // a tag frame without a count: still to be skipped
	}
	for _, f := range []struct {
		bit  uint32
		size int
	}{{2, 4}, {4, 100}, {8, 4}} { // byte count, table of contents, quality
		if flags&f.bit != 0 {
			if len(b) < f.size {
				return
			}
			b = b[f.size:]
		}
	}
	// The LAME extension: a 9-byte encoder name, then at byte 21 the encoder
	// delay and padding as two 12-bit numbers.
	if len(b) >= 24 && (string(b[:4]) == "LAME" || string(b[:4]) == "Lavf" || string(b[:4]) == "Lavc") {
		info.delay = int(b[21])<<4 | int(b[22])>>4
		info.padding = int(b[22]&0x0F)<<8 | int(b[23])
	}
	if info.tagFrames < 0 {
		info.tagFrames = 0 // tag present, count unknown
		info.delay, info.padding = -1, -1
	}
}

// scanMP3 walks the frame headers of the MP3 file r (size bytes) from the
// first frame at start, without decoding, and returns the number of frames.
// Every frame must follow the one before it, with the same version and
// rate; after the last may come only an ID3v1, APE or Lyrics3 tag. A frame
// cut short is ErrTruncated (go-mp3 would end the stream there silently).
func scanMP3(r io.ReaderAt, start, size int64, first []byte) (int64, error) {
	var h [4]byte
	var frames int64
	for pos := start; pos < size; {
		if _, err := r.ReadAt(h[:], pos); err != nil && size-pos >= 4 {
			return 0, err
		}
		_, _, _, ok := mp3Header(h[:])
		if !ok || h[1] != first[1] || (h[2]^first[2])&0x0C != 0 {
			if mp3Trailer(r, pos, size) {
				break
			}
			if size-pos < 4 {
				return 0, fmt.Errorf("%w: %d stray bytes after MP3 frame %d", ErrTruncated, size-pos, frames)
			}
			return 0, fmt.Errorf("%w: byte %d, after MP3 frame %d, starts neither a frame of the stream nor a tag", ErrFormat, pos, frames)
		}
		n := int64(mp3FrameSize(h[:]))
		if pos+n > size {
			return 0, fmt.Errorf("%w: MP3 frame %d needs %d bytes, %d are left", ErrTruncated, frames, n, size-pos)
		}
		pos += n
		frames++
	}
	return frames, nil
}

// mp3Trailer reports whether the bytes of r from pos to size are a tag that
// may end an MP3 file: ID3v1 ("TAG", 128 bytes, maybe after an APE or
// Lyrics3 tag), APE ("APETAGEX") or Lyrics3 ("LYRICSBEGIN").
func mp3Trailer(r io.ReaderAt, pos, size int64) bool {
	var b [11]byte
	n, _ := r.ReadAt(b[:], pos)
	s := string(b[:n])
	return (strings.HasPrefix(s, "TAG") && size-pos == 128) || strings.HasPrefix(s, "APETAGEX") || strings.HasPrefix(s, "LYRICSBEGIN")
}

// mp3FrameBytes is the size of one decoded stereo frame: two float32.
const mp3FrameBytes = 8

// mp3Decoder streams an MP3 file through internal/mp3.
type mp3Decoder struct {
	r    io.ReadSeeker
	d    *mp3.Decoder
	info *mp3Info
	// lead is the number of decoded frames dropped at the start: the tag
	// frame's silence, and with a LAME tag the encoder and decoder delays.
	lead   int
	toDrop int
	buf    []byte
	frames int // frames the stream holds after trimming
}

// newMP3Decoder opens the MP3 file ra (size bytes; r reads it buffered) and
// works out its length by a scan of its frame headers (reading, not
// decoding): the frames less the tag frame and, with a LAME tag, the
// encoder delay and padding.
func newMP3Decoder(r io.ReadSeeker, ra io.ReaderAt, size int64) (*mp3Decoder, error) {
	info, start, err := readMP3Info(r)
	if err != nil {
		return nil, err
	}
	var first [4]byte
	if _, err := ra.ReadAt(first[:], start); err != nil {
		return nil, err
	}
	nframes, err := scanMP3(ra, start, size, first[:])
	if err != nil {
		return nil, err
	}
	m := &mp3Decoder{r: r, info: info, buf: make([]byte, mp3FrameBytes*1152)}
	if err := m.rewind(); err != nil {
		return nil, err
	}
	spf := int64(info.samplesPerFrame)
	total := nframes * spf // every sample go-mp3 will decode, tag frame included
	switch {
	case info.tagFrames < 0: // no tag: every decoded sample counts
		m.frames = int(total)
	case info.delay < 0: // a tag without LAME delays: drop the tag frame only
		m.lead = int(spf)
		m.frames = int(total - spf)
	default:
		m.lead = int(spf) + info.delay + mp3DecoderDelay
		n := info.tagFrames*spf - int64(info.delay) - int64(info.padding)
		if n < 0 || n+int64(m.lead) > total {
			return nil, fmt.Errorf("%w: the LAME tag declares %d frames of %d samples less a delay of %d and padding of %d, but the file holds %d samples",
				ErrFormat, info.tagFrames, spf, info.delay, info.padding, total)
		}
		m.frames = int(n)
	}
	m.toDrop = m.lead
	return m, nil
}

func (m *mp3Decoder) rewind() error {
	if _, err := m.r.Seek(0, io.SeekStart); err != nil {
		return err
	}
	// Hide Seek: with it, go-mp3 reads the whole file to measure it, which
	// scanMP3 has done.
	d, err := mp3.NewDecoder(struct{ io.Reader }{m.r})
	if err != nil {
		return fmt.Errorf("%w: %v", ErrFormat, err)
	}
	if d.SampleRate() != m.info.rate {
		return fmt.Errorf("%w: the first frame says %d Hz, the decoder %d Hz", ErrFormat, m.info.rate, d.SampleRate())
	}
	m.d, m.toDrop = d, m.lead
	return nil
}

// decode appends the next decoded frames to dst.
func (m *mp3Decoder) decode(dst []float64) ([]float64, error) {
	for range 1 << 16 {
		n, err := m.d.Read(m.buf)
		if n%mp3FrameBytes != 0 {
			return dst, fmt.Errorf("%w: the MP3 decoder returned %d bytes, not whole stereo frames", ErrFormat, n)
		}
		k := n / mp3FrameBytes
		drop := min(k, m.toDrop)
		m.toDrop -= drop
		b := m.buf[mp3FrameBytes*drop : n]
		for i := 0; i < len(b); i += mp3FrameBytes {
			dst = append(dst, float64(math.Float32frombits(binary.LittleEndian.Uint32(b[i:]))))
			if m.info.channels == 2 {
				dst = append(dst, float64(math.Float32frombits(binary.LittleEndian.Uint32(b[i+4:]))))
			}
		}
		if err != nil {
			if errors.Is(err, io.EOF) {
				return dst, io.EOF
			}
			return dst, fmt.Errorf("%w: %v", ErrFormat, err)
		}
		if len(b) > 0 {
			return dst, nil
		}
	}
	return dst, fmt.Errorf("%w: the MP3 decoder makes no progress", ErrFormat)
}
