package sound

import (
	"bufio"
	"encoding/binary"
	"errors"
	"fmt"
	"io"
	"math"
	"os"
	"slices"

	"github.com/gohears/hears/internal/safefile"
)

// Why gohears reads WAV and AIFF itself: github.com/go-audio/wav v1.1.0 (and
// go-audio/aiff v1.1.0) decode IEEE-float data as integer bit patterns,
// discard the sub-format of WAVE_FORMAT_EXTENSIBLE (so float and PCM cannot
// be told apart), allocate header-declared chunk sizes without checking them
// against the file, and read one sample per Read call (slow straight from an
// *os.File). The readers here are small, stream through a bufio.Reader,
// never allocate more than the bytes actually present, and are checked
// against the go-audio encoders and decoders in the tests.

// File format errors. Errors returned by the loaders wrap one of these (test
// with errors.Is) and add what exactly is wrong.
var (
	ErrFormat      = errors.New("sound: not a supported audio file")
	ErrTruncated   = errors.New("sound: truncated audio file")
	ErrUnsupported = errors.New("sound: unsupported audio encoding")
)

// maxLoadSamples bounds the samples a loader accepts (16 GiB of float64).
const maxLoadSamples = 1 << 31

// Load reads a whole audio file into memory: WAV or AIFF/AIFF-C (as LoadWAV
// and LoadAIFF), FLAC, MP3 or Ogg Vorbis (decoded as Open decodes them),
// recognised by its first bytes. Errors name the file and the format, and
// wrap ErrFormat, ErrTruncated, ErrUnsupported or ErrEmpty. Memory follows
// the samples decoded, never a length a header declares.
func Load(path string) (*Sound, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	br := bufio.NewReaderSize(f, 1<<16)
	avail := fileSize(f)
	head, _ := br.Peek(64)
	var s *Sound
	switch format := sniffFormat(head); format {
	case formatWAV:
		s, err = decodeWAV(br, avail)
	case formatAIFF:
		s, err = decodeAIFF(br, avail)
	case "":
		return nil, unknownFormat(path, head)
	default:
		return loadDecoded(path)
	}
	if err != nil {
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	return s, nil
}

// loadDecoded reads a compressed file through Open, growing the samples
// with what is decoded.
func loadDecoded(path string) (*Sound, error) {
	f, err := Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	nc, n := f.NumChannels(), f.NumFrames()
	if int64(n)*int64(nc) > maxLoadSamples {
		return nil, fmt.Errorf("%s (%s): %w: %d frames × %d channels, more than the limit of %d samples", path, f.Format(), ErrUnsupported, n, nc, int64(maxLoadSamples))
	}
	block := max(1, (1<<16)/nc)
	data := make([]float64, 0, min(n, 1<<20)*nc)
	for at := 0; at < n; at += block {
		b, err := f.Fetch(at, min(at+block, n))
		if err != nil {
			return nil, err
		}
		data = append(data, b...)
	}
	return New(data, nc, f.SampleRate())
}

// LoadWAV reads a WAV file: PCM 8 (unsigned), 16, 24 or 32 bits, or IEEE
// float 32 or 64 bits, plain or WAVE_FORMAT_EXTENSIBLE, any channel count.
// Integer samples are scaled to [-1, 1) by 2^(bits-1) (as Brian Hears);
// float samples are kept as they are. The error of a corrupt, truncated or
// unsupported file says what is wrong and wraps ErrFormat, ErrTruncated or
// ErrUnsupported.
func LoadWAV(path string) (*Sound, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	s, err := decodeWAV(bufio.NewReaderSize(f, 1<<16), fileSize(f))
	if err != nil {
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	return s, nil
}

func fileSize(f *os.File) int64 {
	st, err := f.Stat()
	if err != nil || !st.Mode().IsRegular() {
		return -1
	}
	return st.Size()
}

type pcmFormat struct {
	float    bool
	bits     int // container bits per sample
	channels int
	rate     float64
	bigEnd   bool
	unsigned bool // 8-bit WAV
}

// DecodeWAV reads a WAV stream (see LoadWAV). Pass a buffered reader.
func DecodeWAV(r io.Reader) (*Sound, error) { return decodeWAV(r, -1) }

// decodeWAV is DecodeWAV knowing that r holds at most avail bytes (-1:
// unknown), which lets it allocate the samples once.
func decodeWAV(r io.Reader, avail int64) (*Sound, error) {
	pf, size, err := pcmHeader(r, formatWAV)
	if err != nil {
		return nil, err
	}
	if size == soxPipeDataSize && (avail < 0 || avail < size) {
		size = -1 // sox's length for a pipe: the samples run to the end
	}
	return readSamples(r, size, pf, avail)
}

// wavHeader reads a WAV stream up to the first sample and returns the
// format and the size in bytes of the samples (-1: to the end of the stream).
func wavHeader(r io.Reader) (*pcmFormat, int64, error) {
	var hdr [12]byte
	if n, err := io.ReadFull(r, hdr[:]); err != nil {
		return nil, 0, fmt.Errorf("%w: WAV header needs 12 bytes, got %d", ErrTruncated, n)
	}
	rf64 := false
	switch string(hdr[0:4]) {
	case "RIFF":
	case "RF64", "BW64": // EBU Tech 3306 and ITU-R BS.2088: sizes in a ds64 chunk
		rf64 = true
	case "RIFX":
		return nil, 0, fmt.Errorf("%w: RIFX (big-endian) WAV files are not supported", ErrUnsupported)
	default:
		return nil, 0, fmt.Errorf("%w: WAV must start with RIFF or RF64, got %q", ErrFormat, hdr[0:4])
	}
	if string(hdr[8:12]) != "WAVE" {
		return nil, 0, fmt.Errorf("%w: RIFF file of type %q, not WAVE", ErrFormat, hdr[8:12])
	}
	var pf *pcmFormat
	dataSize64 := int64(-1) // the ds64 chunk's data size
	first := true
	for {
		var ch [8]byte
		if n, err := io.ReadFull(r, ch[:]); err != nil {
			if n == 0 && err == io.EOF {
				if pf == nil {
					return nil, 0, fmt.Errorf("%w: no fmt chunk", ErrFormat)
				}
				return nil, 0, fmt.Errorf("%w: no data chunk", ErrFormat)
			}
			return nil, 0, fmt.Errorf("%w: chunk header cut short", ErrTruncated)
		}
		id, size := string(ch[0:4]), int64(binary.LittleEndian.Uint32(ch[4:8]))
		if rf64 && first && id != "ds64" {
			return nil, 0, fmt.Errorf("%w: %s file whose first chunk is %q, not ds64", ErrFormat, hdr[0:4], id)
		}
		first = false
		switch id {
		case "ds64":
			if !rf64 {
				return nil, 0, fmt.Errorf("%w: ds64 chunk in a RIFF (not RF64) file", ErrFormat)
			}
			if size < 28 || size > 1<<16 {
				return nil, 0, fmt.Errorf("%w: ds64 chunk of %d bytes (want 28 to 65536)", ErrFormat, size)
			}
			b := make([]byte, size+size&1)
			if _, err := io.ReadFull(r, b); err != nil {
				return nil, 0, fmt.Errorf("%w: ds64 chunk cut short", ErrTruncated)
			}
			d := binary.LittleEndian.Uint64(b[8:16])
			if d > 1<<62 {
				return nil, 0, fmt.Errorf("%w: ds64 declares %d bytes of samples", ErrFormat, d)
			}
			dataSize64 = int64(d)
		case "fmt ":
			if pf != nil {
				return nil, 0, fmt.Errorf("%w: two fmt chunks", ErrFormat)
			}
			if size < 16 || size > 1024 {
				return nil, 0, fmt.Errorf("%w: fmt chunk of %d bytes (want 16 to 1024)", ErrFormat, size)
			}
			b := make([]byte, size+size&1)
			if _, err := io.ReadFull(r, b); err != nil {
				return nil, 0, fmt.Errorf("%w: fmt chunk cut short", ErrTruncated)
			}
			var err error
			if pf, err = parseWAVFmt(b[:size]); err != nil {
				return nil, 0, err
			}
		case "data":
			if pf == nil {
				return nil, 0, fmt.Errorf("%w: data chunk before the fmt chunk", ErrFormat)
			}
			switch {
			case rf64 && size == 0xFFFFFFFF:
				size = dataSize64
			case size == 0xFFFFFFFF:
				// Written to a pipe (ffmpeg): the length is unknown and
				// the samples run to the end of the stream.
				size = -1
			}
			return pf, size, nil
		default:
			if err := skip(r, size+size&1); err != nil {
				return nil, 0, fmt.Errorf("%w: chunk %q of %d bytes cut short", ErrTruncated, id, size)
			}
		}
	}
}

func skip(r io.Reader, n int64) error {
	m, err := io.CopyN(io.Discard, r, n)
	if m == n {
		return nil
	}
	if err == nil || err == io.EOF {
		err = io.ErrUnexpectedEOF
	}
	return err
}

func parseWAVFmt(b []byte) (*pcmFormat, error) {
	le := binary.LittleEndian
	tag := le.Uint16(b[0:])
	nc := int(le.Uint16(b[2:]))
	rate := le.Uint32(b[4:])
	align := int(le.Uint16(b[12:]))
	bits := int(le.Uint16(b[14:]))
	if tag == 0xFFFE {
		if len(b) < 40 {
			return nil, fmt.Errorf("%w: WAVE_FORMAT_EXTENSIBLE fmt chunk of %d bytes (want 40)", ErrFormat, len(b))
		}
		tag = le.Uint16(b[24:]) // first two bytes of the sub-format GUID
	}
	pf := &pcmFormat{channels: nc, rate: float64(rate), bits: bits}
	switch tag {
	case 1:
		if bits != 8 && bits != 16 && bits != 24 && bits != 32 {
			return nil, fmt.Errorf("%w: %d-bit PCM WAV (supported: 8, 16, 24, 32)", ErrUnsupported, bits)
		}
		pf.unsigned = bits == 8
	case 3:
		if bits != 32 && bits != 64 {
			return nil, fmt.Errorf("%w: %d-bit float WAV (supported: 32, 64)", ErrUnsupported, bits)
		}
		pf.float = true
	default:
		return nil, fmt.Errorf("%w: WAV format tag 0x%04x (supported: PCM 1, IEEE float 3, extensible)", ErrUnsupported, tag)
	}
	if nc == 0 {
		return nil, fmt.Errorf("%w: WAV with 0 channels", ErrFormat)
	}
	if rate == 0 {
		return nil, fmt.Errorf("%w: WAV sample rate 0 Hz", ErrFormat)
	}
	if align != nc*bits/8 {
		return nil, fmt.Errorf("%w: WAV block align %d bytes, want %d (channels %d × %d bits)", ErrFormat, align, nc*bits/8, nc, bits)
	}
	return pf, nil
}

// readSamples decodes size bytes of interleaved samples from r, reading in
// pieces so that memory follows the bytes present, not the size declared.
// avail is how many bytes r can still give at most (the file size), or -1.
func readSamples(r io.Reader, size int64, pf *pcmFormat, avail int64) (*Sound, error) {
	bps := pf.bits / 8
	frame := int64(bps * pf.channels)
	stream := size < 0 // read to the end of r
	if stream {
		size = maxLoadSamples * int64(bps)
	} else if size%frame != 0 {
		return nil, fmt.Errorf("%w: %d bytes of samples are not a whole number of %d-byte frames", ErrFormat, size, frame)
	}
	if size/int64(bps) > maxLoadSamples {
		return nil, fmt.Errorf("%w: %d samples, more than the limit of %d", ErrUnsupported, size/int64(bps), int64(maxLoadSamples))
	}
	hint := min(size/int64(bps), 1<<16) // grows with the bytes present
	if lr, ok := r.(interface{ Len() int }); ok {
		avail = int64(lr.Len()) // a bytes.Reader knows
	}
	if avail >= size {
		hint = size / int64(bps) // the bytes are there: allocate once
	} else if stream && avail >= 0 {
		hint = avail / int64(bps)
	}
	out := make([]float64, 0, hint)
	buf := make([]byte, max(1, (1<<16)/frame)*frame) // at least one frame
	for left := size; left > 0; {
		n := int(min(left, int64(len(buf))))
		m, err := io.ReadFull(r, buf[:n])
		k := m / bps
		at := len(out)
		out = slices.Grow(out, k)[:at+k]
		if i := decodeSamples(out[at:], buf[:k*bps], pf); i >= 0 {
			return nil, fmt.Errorf("%w: sample %d is %v", ErrFormat, at+i, out[at+i])
		}
		if err != nil {
			got := size - left + int64(m)
			if stream && (err == io.EOF || err == io.ErrUnexpectedEOF) {
				if got%frame != 0 {
					return nil, fmt.Errorf("%w: stream of unknown length ends %d bytes into a %d-byte frame", ErrTruncated, got%frame, frame)
				}
				break
			}
			return nil, fmt.Errorf("%w: %d bytes of samples declared, only %d present", ErrTruncated, size, got)
		}
		left -= int64(n)
	}
	if stream && int64(len(out)) >= maxLoadSamples {
		return nil, fmt.Errorf("%w: stream holds more than %d samples", ErrUnsupported, int64(maxLoadSamples))
	}
	if len(out) == 0 {
		return nil, ErrEmpty
	}
	return New(out, pf.channels, pf.rate)
}

// decodeSamples converts the samples in b to dst (len(b)/bytes per sample
// of them), one tight loop per format. It returns the index of the first
// NaN or infinite float sample, or -1.
func decodeSamples(dst []float64, b []byte, pf *pcmFormat) int {
	var o binary.ByteOrder = binary.LittleEndian
	if pf.bigEnd {
		o = binary.BigEndian
	}
	switch {
	case pf.float && pf.bits == 32:
		for i := range dst {
			dst[i] = float64(math.Float32frombits(o.Uint32(b[4*i:])))
		}
	case pf.float:
		for i := range dst {
			dst[i] = math.Float64frombits(o.Uint64(b[8*i:]))
		}
	case pf.bits == 8 && pf.unsigned:
		for i := range dst {
			dst[i] = (float64(b[i]) - 128) / 128
		}
	case pf.bits == 8:
		for i := range dst {
			dst[i] = float64(int8(b[i])) / 128
		}
	case pf.bits == 16 && !pf.bigEnd:
		for i := range dst {
			dst[i] = float64(int16(binary.LittleEndian.Uint16(b[2*i:]))) / (1 << 15)
		}
	case pf.bits == 16:
		for i := range dst {
			dst[i] = float64(int16(binary.BigEndian.Uint16(b[2*i:]))) / (1 << 15)
		}
	case pf.bits == 24 && pf.bigEnd:
		for i := range dst {
			c := b[3*i : 3*i+3]
			dst[i] = float64(int32(uint32(c[0])<<24|uint32(c[1])<<16|uint32(c[2])<<8)>>8) / (1 << 23)
		}
	case pf.bits == 24:
		for i := range dst {
			c := b[3*i : 3*i+3]
			dst[i] = float64(int32(uint32(c[2])<<24|uint32(c[1])<<16|uint32(c[0])<<8)>>8) / (1 << 23)
		}
	default: // 32-bit integer
		for i := range dst {
			dst[i] = float64(int32(o.Uint32(b[4*i:]))) / (1 << 31)
		}
	}
	if pf.float {
		return nonFinite(dst)
	}
	return -1
}

// Encoding is a sample encoding for SaveWAV.
type Encoding int

// WAV encodings SaveWAV can write.
const (
	PCM16   Encoding = iota // 16-bit integer PCM (the default)
	PCM24                   // 24-bit integer PCM
	Float32                 // 32-bit IEEE float
	// PCM8 is 8-bit unsigned PCM (Brian Hears' save(samplewidth=1)): code
	// round(128·v) + 128, clipped to [0, 255], so 0 is 128 and a sample
	// decodes as (code-128)/128. Brian Hears writes int(127·v + 128)
	// (truncated); gohears scales every PCM width by 2^(bits-1) and rounds,
	// so that decoding and re-encoding give back the same codes.
	PCM8
)

func (e Encoding) String() string {
	switch e {
	case PCM16:
		return "16-bit PCM"
	case PCM24:
		return "24-bit PCM"
	case Float32:
		return "32-bit float"
	case PCM8:
		return "8-bit PCM"
	}
	return fmt.Sprintf("Encoding(%d)", int(e))
}

// WAVOptions configures SaveWAV and EncodeWAV.
type WAVOptions struct {
	Encoding Encoding // PCM16 (default), PCM24, Float32 or PCM8
	// Normalise scales the sound so that its largest absolute sample is 1
	// (as Brian Hears' save(normalise=True)); a silent sound is written as is.
	Normalise bool
	// Clip allows samples outside [-1, 1] in a PCM file: they are clipped to
	// full scale. Without it such samples are a *ClipError and nothing is
	// written, so clipping is never silent.
	Clip bool
}

// ClipError reports samples outside the full scale [-1, 1] of a PCM file.
type ClipError struct {
	Count int     // samples outside [-1, 1]
	Peak  float64 // largest absolute sample
}

func (e *ClipError) Error() string {
	return fmt.Sprintf("sound: %d samples outside [-1, 1] (peak %g, %.2f dB over full scale) would clip: normalise, lower the level, save as float, or set Clip",
		e.Count, e.Peak, float64(GainDB(e.Peak)))
}

// SaveWAV writes s to path as a WAV file. The file is written to a temporary
// file in the same directory and renamed over path only when complete, so an
// error never leaves a half-written file (nor touches an existing one).
// Integer encodings scale by 2^(bits-1) and round to nearest (1.0 becomes the
// largest code); see WAVOptions for normalising and clipping. The sample rate
// is rounded to whole Hz.
//
// The path "-" writes to standard output. A WAV header holds the sizes of
// what follows; a Sound's are known before the first byte, so the stream
// needs no seeking back and is correct on a pipe (`… | sox -t wav - …`).
func SaveWAV(path string, s *Sound, o WAVOptions) (err error) {
	if s == nil {
		return errors.New("sound: SaveWAV of a nil sound")
	}
	if err := checkWAV(s, o); err != nil {
		return err
	}
	if path == "-" {
		w := bufio.NewWriterSize(os.Stdout, 1<<16)
		if err := EncodeWAV(w, s, o); err != nil {
			return err
		}
		return w.Flush()
	}
	tmp, err := safefile.Create(path)
	if err != nil {
		return err
	}
	defer func() {
		if err != nil {
			tmp.Close()
			os.Remove(tmp.Name())
		}
	}()
	w := bufio.NewWriterSize(tmp, 1<<16)
	if err = EncodeWAV(w, s, o); err != nil {
		return err
	}
	if err = w.Flush(); err != nil {
		return err
	}
	if err = tmp.Sync(); err != nil {
		return err
	}
	if err = tmp.Close(); err != nil {
		return err
	}
	return safefile.Commit(tmp.Name(), path)
}

func checkWAV(s *Sound, o WAVOptions) error {
	if o.Encoding < PCM16 || o.Encoding > PCM8 {
		return fmt.Errorf("sound: unknown WAV encoding %d", int(o.Encoding))
	}
	if s.channels > 0xFFFF {
		return fmt.Errorf("sound: %d channels do not fit a WAV file (at most 65535)", s.channels)
	}
	if r := math.Round(s.rate); r < 1 || r > math.MaxUint32 {
		return fmt.Errorf("sound: sample rate %v Hz does not fit a WAV file", s.rate)
	} else if r*float64(s.channels*bytesPer(o.Encoding)) > math.MaxUint32 {
		return fmt.Errorf("sound: %d channels at %v Hz (%g bytes/s) overflow the byte rate of a WAV header", s.channels, s.rate, r*float64(s.channels*bytesPer(o.Encoding)))
	}
	bytes := int64(len(s.data)) * int64(bytesPer(o.Encoding))
	if bytes > math.MaxUint32-64 {
		return fmt.Errorf("sound: %d bytes of samples exceed the 4 GiB WAV limit", bytes)
	}
	peak, count := 0.0, 0
	for i, v := range s.data {
		if math.IsNaN(v) || math.IsInf(v, 0) {
			return fmt.Errorf("sound: sample %d (frame %d, channel %d) is %v and cannot be saved", i, i/s.channels, i%s.channels, v)
		}
		a := math.Abs(v)
		peak = max(peak, a)
		if a > 1 {
			count++
		}
	}
	if o.Encoding == Float32 && !o.Normalise && peak > math.MaxFloat32 {
		return fmt.Errorf("sound: peak %g overflows 32-bit float", peak)
	}
	if count > 0 && !o.Normalise && !o.Clip && o.Encoding != Float32 {
		return &ClipError{Count: count, Peak: peak}
	}
	return nil
}

func bytesPer(e Encoding) int {
	switch e {
	case PCM24:
		return 3
	case Float32:
		return 4
	case PCM8:
		return 1
	}
	return 2
}

// EncodeWAV writes s as a WAV stream to w (see SaveWAV, which adds the
// all-or-nothing file handling). Float32 files carry a fact chunk and
// WAVE_FORMAT_IEEE_FLOAT; PCM files WAVE_FORMAT_PCM.
func EncodeWAV(w io.Writer, s *Sound, o WAVOptions) error {
	if err := checkWAV(s, o); err != nil {
		return err
	}
	bps := bytesPer(o.Encoding)
	nc := s.channels
	dataBytes := uint32(len(s.data) * bps)
	le := binary.LittleEndian
	var h []byte
	tag, fmtSize := uint16(1), uint32(16)
	if o.Encoding == Float32 {
		tag, fmtSize = 3, 18
	}
	riffSize := 4 + (8 + fmtSize) + (8 + dataBytes + dataBytes&1)
	if o.Encoding == Float32 {
		riffSize += 12
	}
	h = append(h, "RIFF"...)
	h = le.AppendUint32(h, riffSize)
	h = append(h, "WAVEfmt "...)
	h = le.AppendUint32(h, fmtSize)
	h = le.AppendUint16(h, tag)
	h = le.AppendUint16(h, uint16(nc))
	rate := uint32(math.Round(s.rate))
	h = le.AppendUint32(h, rate)
	h = le.AppendUint32(h, rate*uint32(nc*bps))
	h = le.AppendUint16(h, uint16(nc*bps))
	h = le.AppendUint16(h, uint16(8*bps))
	if o.Encoding == Float32 {
		h = le.AppendUint16(h, 0) // cbSize
		h = append(h, "fact"...)
		h = le.AppendUint32(h, 4)
		h = le.AppendUint32(h, uint32(s.NumFrames()))
	}
	h = append(h, "data"...)
	h = le.AppendUint32(h, dataBytes)
	if _, err := w.Write(h); err != nil {
		return err
	}
	scale := 1.0
	if o.Normalise {
		if p := s.Peak(); p > 0 {
			scale = 1 / p
		}
	}
	// Encode in blocks, one tight loop per encoding.
	const block = 1 << 13
	buf := make([]byte, block*bps)
	for at := 0; at < len(s.data); at += block {
		src := s.data[at:min(at+block, len(s.data))]
		b := buf[:len(src)*bps]
		switch o.Encoding {
		case Float32:
			for i, v := range src {
				le.PutUint32(b[4*i:], math.Float32bits(float32(v*scale)))
			}
		case PCM16:
			for i, v := range src {
				le.PutUint16(b[2*i:], uint16(int16(quantise(v*scale, 15))))
			}
		case PCM24:
			for i, v := range src {
				q := uint32(quantise(v*scale, 23))
				b[3*i], b[3*i+1], b[3*i+2] = byte(q), byte(q>>8), byte(q>>16)
			}
		case PCM8: // unsigned: offset binary
			for i, v := range src {
				b[i] = byte(quantise(v*scale, 7) + 128)
			}
		}
		if _, err := w.Write(b); err != nil {
			return err
		}
	}
	if dataBytes&1 == 1 {
		if _, err := w.Write([]byte{0}); err != nil {
			return err
		}
	}
	return nil
}

// quantise rounds v·2^bits to the nearest integer code in
// [-2^bits, 2^bits - 1].
func quantise(v float64, bits uint) int32 {
	full := float64(int64(1) << bits)
	q := math.Round(v * full)
	return int32(max(-full, min(full-1, q)))
}
