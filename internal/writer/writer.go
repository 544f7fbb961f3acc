// Package writer streams frames × channels float64 output to CSV, NPY or WAV
// files block by block, so memory stays bounded whatever the length. A file
// appears under its final name only when Commit succeeds: until then the
// data go to a temporary file in the same folder, which Abort removes. A run
// that fails therefore never leaves a partial output behind.
package writer

import (
	"bufio"
	"encoding/binary"
	"errors"
	"fmt"
	"io"
	"math"
	"os"
	"path/filepath"
	"strconv"
	"strings"

	"github.com/gohears/hears/internal/safefile"
)

// Writer receives frame-major blocks and commits them to a file.
type Writer interface {
	// Write appends frames frames (block holds frames × channels values).
	// A NaN or infinite sample (from an unstable filter or a division by
	// zero, say) is an error naming its frame and channel, never written:
	// a file of NaN is a wrong answer that looks like a result.
	Write(block []float64, frames int) error
	// Commit finishes the file and moves it to its final name.
	Commit() error
	// Abort removes the temporary file; safe to call after Commit.
	Abort()
}

// Formats lists the file extensions Create accepts.
var Formats = []string{".csv", ".npy", ".wav"}

// Create opens a writer for path, choosing the format from its extension:
// .csv (samples as rows, channels as columns, no header, %.17g), .npy
// (float64 frames × channels, little-endian, C order) or .wav (32-bit IEEE
// float, rate Hz, any channel count).
func Create(path string, channels int, rate float64) (Writer, error) {
	return CreateWith(path, channels, rate, Options{})
}

// Options change how Create stores samples.
type Options struct {
	// Float32 stores 32-bit floats: NPY as '<f4' (half the size of '<f8'),
	// CSV with the shortest decimal that reads back as the same float32, WAV as
	// always (32-bit IEEE float). Values beyond ±math.MaxFloat32 are an
	// error.
	Float32 bool
}

// CreateWith is Create with options.
func CreateWith(path string, channels int, rate float64, opt Options) (Writer, error) {
	enc, err := newEncoder(strings.ToLower(filepath.Ext(path)), path, channels, rate, opt)
	if err != nil {
		return nil, err
	}
	tmp, err := safefile.Create(path)
	if err != nil {
		return nil, fmt.Errorf("writer: %w", err)
	}
	w := &fileWriter{path: path, f: tmp, buf: bufio.NewWriterSize(tmp, 1<<16), ch: channels, enc: enc, float32: isFloat32(enc, opt)}
	if err := enc.begin(w); err != nil {
		w.Abort()
		return nil, err
	}
	return w, nil
}

// isFloat32 reports whether enc stores 32-bit floats.
func isFloat32(enc encoder, opt Options) bool {
	_, wav := enc.(*wavEnc)
	return wav || opt.Float32
}

// newEncoder returns the encoder of extension ext (".csv", ".npy", ".wav").
func newEncoder(ext, path string, channels int, rate float64, opt Options) (encoder, error) {
	if channels <= 0 {
		return nil, fmt.Errorf("writer: %d channels", channels)
	}
	var enc encoder
	switch ext {
	case ".csv":
		enc = &csvEnc{digits: 17, bits: 64}
		if opt.Float32 {
			enc = &csvEnc{digits: -1, bits: 32}
		}
	case ".npy":
		enc = &npyEnc{size: 8}
		if opt.Float32 {
			enc = &npyEnc{size: 4}
		}
	case ".wav":
		if !(math.Round(rate) >= 1) || rate > math.MaxUint32 {
			return nil, fmt.Errorf("writer: WAV needs a sample rate of at least 1 Hz (stored in whole Hz), got %g Hz", rate)
		}
		if ch := uint64(channels); ch > math.MaxUint16 || uint64(math.Round(rate))*ch*4 > math.MaxUint32 {
			return nil, fmt.Errorf("writer: %d channels at %g Hz do not fit a WAV header (at most 65535 channels and 4 GiB/s); use .npy", channels, rate)
		}
		enc = &wavEnc{rate: uint32(math.Round(rate))}
	default:
		return nil, fmt.Errorf("writer: unknown output format %q for %s (use one of %s)", ext, path, strings.Join(Formats, ", "))
	}
	return enc, nil
}

// NewStream returns a writer of format ("csv", "npy" or "wav": Create's
// formats, named without the dot) to out, for standard output. A stream
// cannot be written to a temporary file and renamed, so what was written
// before an error stays written; nor can a header be rewritten, so NPY and
// WAV, whose headers hold the length, need frames, the number of frames
// that will be written, up front: Commit checks it (CSV takes frames < 0,
// unknown). Commit flushes the stream.
func NewStream(out io.Writer, format string, channels int, rate float64, frames int64, opt Options) (Writer, error) {
	ext := "." + strings.ToLower(format)
	enc, err := newEncoder(ext, "standard output", channels, rate, opt)
	if err != nil {
		return nil, err
	}
	if _, csv := enc.(*csvEnc); !csv && frames < 0 {
		return nil, fmt.Errorf("writer: a %s stream needs its length up front (its header holds it)", format)
	}
	w := &fileWriter{path: "standard output", buf: bufio.NewWriterSize(out, 1<<16), ch: channels, enc: enc, float32: isFloat32(enc, opt), declared: frames}
	if err := enc.begin(w); err != nil {
		return nil, fmt.Errorf("writer: standard output: %w", err)
	}
	return w, nil
}

// NewCSVStream is NewStream for CSV.
func NewCSVStream(out io.Writer, channels int, opt Options) (Writer, error) {
	return NewStream(out, "csv", channels, 0, -1, opt)
}

type encoder interface {
	begin(w *fileWriter) error
	write(w *fileWriter, block []float64, frames int) error
	finish(w *fileWriter) error
}

type fileWriter struct {
	path   string
	f      *os.File
	buf    *bufio.Writer
	ch     int
	frames int64
	enc    encoder
	done   bool
	tmp    []byte
	// float32 is set when samples are stored as 32-bit floats, which
	// overflow to infinity beyond math.MaxFloat32.
	float32 bool
	// declared is the length a stream's header gives (NewStream), or 0
	// for a file (whose header is rewritten at the end) and -1 for a
	// stream of unknown length.
	declared int64
}

func (w *fileWriter) Write(block []float64, frames int) error {
	if w.done {
		return errors.New("writer: write after commit or abort")
	}
	if frames < 0 || len(block) < frames*w.ch {
		return fmt.Errorf("writer: block of %d values is short for %d frames × %d channels", len(block), frames, w.ch)
	}
	if w.f == nil && w.declared >= 0 && w.frames+int64(frames) > w.declared {
		return fmt.Errorf("writer: %s: more than the %d frames the header announced", w.path, w.declared)
	}
	for i, v := range block[:frames*w.ch] {
		if math.IsNaN(v) || math.IsInf(v, 0) || w.float32 && math.Abs(v) > math.MaxFloat32 {
			what := fmt.Sprint(v)
			if !math.IsNaN(v) && !math.IsInf(v, 0) {
				what = fmt.Sprintf("%g, beyond the range of 32-bit float (use .npy)", v)
			}
			return fmt.Errorf("writer: %s: frame %d, channel %d is %s (an unstable filter or a division by zero upstream?)",
				w.path, w.frames+int64(i/w.ch), i%w.ch, what)
		}
	}
	if err := w.enc.write(w, block[:frames*w.ch], frames); err != nil {
		return fmt.Errorf("writer: %s: %w", w.path, err)
	}
	w.frames += int64(frames)
	return nil
}

func (w *fileWriter) Commit() error {
	if w.done {
		return errors.New("writer: already committed or aborted")
	}
	err := w.buf.Flush()
	if w.f == nil { // a stream
		w.done = true
		if err == nil && w.declared >= 0 && w.frames != w.declared {
			err = fmt.Errorf("%d frames written, but the header announced %d", w.frames, w.declared)
		}
		if err != nil {
			return fmt.Errorf("writer: %s: %w", w.path, err)
		}
		return nil
	}
	if err == nil {
		err = w.enc.finish(w)
	}
	if err == nil {
		err = w.f.Sync()
	}
	if cerr := w.f.Close(); err == nil {
		err = cerr
	}
	if err == nil {
		err = safefile.Commit(w.f.Name(), w.path)
	}
	if err != nil {
		os.Remove(w.f.Name())
		w.done = true
		return fmt.Errorf("writer: %s: %w", w.path, err)
	}
	w.done = true
	return nil
}

func (w *fileWriter) Abort() {
	if w.done {
		return
	}
	w.done = true
	if w.f == nil {
		w.buf.Flush()
		return
	}
	w.f.Close()
	os.Remove(w.f.Name())
}

// --- CSV ---

// csvEnc writes digits significant digits of values rounded to bits.
type csvEnc struct{ digits, bits int }

func (*csvEnc) begin(*fileWriter) error { return nil }

func (e *csvEnc) write(w *fileWriter, block []float64, frames int) error {
	for f := range frames {
		b := w.tmp[:0]
		for c := range w.ch {
			if c > 0 {
				b = append(b, ',')
			}
			b = strconv.AppendFloat(b, block[f*w.ch+c], 'g', e.digits, e.bits)
		}
		b = append(b, '\n')
		w.tmp = b
		if _, err := w.buf.Write(b); err != nil {
			return err
		}
	}
	return nil
}

func (*csvEnc) finish(*fileWriter) error { return nil }

// --- NPY (format version 1.0) ---

// npyHeaderLen is the fixed header size: room for any frame count, so the
// header can be rewritten in place once the length is known.
const npyHeaderLen = 128

type npyEnc struct{ size int }

func npyHeader(frames int64, ch, size int) []byte {
	dict := fmt.Sprintf("{'descr': '<f%d', 'fortran_order': False, 'shape': (%d, %d), }", size, frames, ch)
	h := make([]byte, 0, npyHeaderLen)
	h = append(h, "\x93NUMPY\x01\x00"...)
	h = binary.LittleEndian.AppendUint16(h, uint16(npyHeaderLen-10))
	h = append(h, dict...)
	for len(h) < npyHeaderLen-1 {
		h = append(h, ' ')
	}
	return append(h, '\n')
}

func (e *npyEnc) begin(w *fileWriter) error {
	_, err := w.buf.Write(npyHeader(max(w.declared, 0), w.ch, e.size))
	return err
}

func (e *npyEnc) write(w *fileWriter, block []float64, _ int) error {
	return writeFloats(w, block, e.size)
}

func (e *npyEnc) finish(w *fileWriter) error {
	_, err := w.f.WriteAt(npyHeader(w.frames, w.ch, e.size), 0)
	return err
}

// writeFloats writes little-endian float64 (size 8) or float32 (size 4).
func writeFloats(w *fileWriter, block []float64, size int) error {
	need := len(block) * size
	if cap(w.tmp) < need {
		w.tmp = make([]byte, need)
	}
	b := w.tmp[:need]
	for i, v := range block {
		if size == 8 {
			binary.LittleEndian.PutUint64(b[i*8:], math.Float64bits(v))
		} else {
			binary.LittleEndian.PutUint32(b[i*4:], math.Float32bits(float32(v)))
		}
	}
	_, err := w.buf.Write(b)
	return err
}

// --- WAV, 32-bit IEEE float ---
//
// Written here rather than with github.com/go-audio/wav because its encoder
// emits integer PCM only; a filterbank's output has no natural integer scale.

type wavEnc struct{ rate uint32 }

const wavHeaderLen = 58 // RIFF + fmt (18-byte, for non-PCM) + fact + data headers

func (e *wavEnc) header(frames int64, ch int) ([]byte, error) {
	data := frames * int64(ch) * 4
	if data+wavHeaderLen-8 > math.MaxUint32 {
		return nil, errors.New("output too long for a WAV file (4 GiB limit); use .npy")
	}
	if ch > math.MaxUint16 {
		return nil, fmt.Errorf("%d channels do not fit in a WAV file", ch)
	}
	le := binary.LittleEndian
	h := make([]byte, 0, wavHeaderLen)
	h = append(h, "RIFF"...)
	h = le.AppendUint32(h, uint32(data+wavHeaderLen-8))
	h = append(h, "WAVEfmt "...)
	h = le.AppendUint32(h, 18)
	h = le.AppendUint16(h, 3) // WAVE_FORMAT_IEEE_FLOAT
	h = le.AppendUint16(h, uint16(ch))
	h = le.AppendUint32(h, e.rate)
	h = le.AppendUint32(h, e.rate*uint32(ch)*4)
	h = le.AppendUint16(h, uint16(ch*4))
	h = le.AppendUint16(h, 32)
	h = le.AppendUint16(h, 0) // cbSize
	h = append(h, "fact"...)
	h = le.AppendUint32(h, 4)
	h = le.AppendUint32(h, uint32(frames))
	h = append(h, "data"...)
	h = le.AppendUint32(h, uint32(data))
	return h, nil
}

func (e *wavEnc) begin(w *fileWriter) error {
	h, err := e.header(max(w.declared, 0), w.ch)
	if err != nil {
		return err
	}
	_, err = w.buf.Write(h)
	return err
}

func (e *wavEnc) write(w *fileWriter, block []float64, frames int) error {
	if (w.frames+int64(frames))*int64(w.ch)*4 > math.MaxUint32-wavHeaderLen {
		return errors.New("output too long for a WAV file (4 GiB limit); use .npy")
	}
	return writeFloats(w, block, 4)
}

func (e *wavEnc) finish(w *fileWriter) error {
	h, err := e.header(w.frames, w.ch)
	if err != nil {
		return err
	}
	_, err = w.f.WriteAt(h, 0)
	return err
}
