package sound

import (
	"bufio"
	"errors"
	"fmt"
	"io"
	"math"
	"os"
)

// File is an audio file read on demand: a Source whose Fetch reads only the
// frames asked for, so that a long recording streams through a filterbank in
// memory bounded by the block size (Load reads the whole file instead). Open
// makes one from any of the formats of Extensions (WAV, AIFF, FLAC, MP3, Ogg
// Vorbis) or from standard input. Fetching past the end yields zeros. Close
// it when done. A File is not safe for concurrent use.
//
// Random access: an uncompressed file on disk (WAV, AIFF) is read at any
// frame directly. A compressed file is decoded forwards, keeping the last
// decoded frames (2^17 samples, at least one block) in a window; a Fetch
// before the window restarts the decoder at the file's start (counted by
// Rewinds), so streaming forwards, even by consumers a block apart, never
// decodes twice. A WAV or AIFF stream on standard input is read forwards
// only, with the same window; a Fetch before the window is an error.
type File struct {
	name     string // the path, or "standard input"
	format   string // one of audioFormats' names
	closer   io.Closer
	channels int
	rate     float64
	frames   int

	// An uncompressed file on disk: read at any frame.
	ra     io.ReaderAt
	pf     *pcmFormat
	offset int64 // byte offset of frame 0
	frame  int   // bytes per frame
	raw    []byte

	// Everything else: a forward decoder and a window of decoded frames.
	dec      decoder
	win      []float64 // frames [winStart, winStart + len(win)/channels)
	winStart int
	history  int // frames kept before the block asked for (0: from historySamples)
	rewinds  int

	block    []float64
	lastS    int
	lastE    int
	haveLast bool
}

// decoder decodes a stream forwards. Implementations: pcmStream (WAV or AIFF
// on a pipe), flacDecoder, mp3Decoder, vorbisDecoder.
type decoder interface {
	// decode appends the next decoded frames (frame-major, channels of the
	// File) to dst and returns it; io.EOF at the end of the stream.
	decode(dst []float64) ([]float64, error)
	// rewind restarts decoding at frame 0, or says why it cannot.
	rewind() error
}

// historySamples is how many decoded samples a File keeps before the block
// being read (at least one frame), so that consumers of one file a block or
// two apart, or a resampler's look-back, never restart the decoder.
const historySamples = 1 << 17

// maxFileRate is the highest sample rate, in Hz, that Open and Load accept
// (and minFileRate the lowest): 10 MHz is 13 times the highest rate of any
// audio format in use (768 kHz) and covers ultrasonic and physiological
// recordings. A rate outside [1 Hz, 10 MHz] is a corrupt header, not a
// recording (a 4.29 GHz WAV or a 1e-300 Hz AIFF).
const (
	minFileRate = 1
	maxFileRate = 10e6
)

// ErrEmpty is wrapped by the error of Open and Load for a file that holds no
// samples: nothing in it can be measured, filtered or drawn, so a corpus run
// reports it rather than writing empty outputs.
var ErrEmpty = errors.New("sound: audio file holds no samples")

func checkFileRate(rate float64) error {
	if !(rate >= minFileRate && rate <= maxFileRate) {
		return fmt.Errorf("%w: sample rate %v Hz (accepted: %v Hz to %v Hz)", ErrFormat, rate, float64(minFileRate), float64(maxFileRate))
	}
	return nil
}

// Open opens an audio file for streaming: WAV (PCM or float, plain,
// WAVE_FORMAT_EXTENSIBLE or RF64), AIFF/AIFF-C, FLAC, MP3 or Ogg Vorbis,
// recognised by its first bytes whatever its name. The path "-" reads
// standard input (see OpenReader for what a pipe allows). The header is
// checked now: a corrupt, truncated, empty or unsupported file is an error
// that names the file, the format and the problem, and wraps ErrFormat,
// ErrTruncated, ErrUnsupported or ErrEmpty. A problem found later in the
// samples (a corrupt compressed frame, a NaN or infinite float sample) is
// the error of the Fetch that reads it.
func Open(path string) (*File, error) {
	if path == "-" {
		return OpenReader(os.Stdin, "standard input")
	}
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	if fileSize(f) < 0 {
		f.Close()
		return nil, fmt.Errorf("%s: %w: not a regular file", path, ErrUnsupported)
	}
	sf, err := openSeekable(f, path, f)
	if err != nil {
		f.Close()
		return nil, err
	}
	return sf, nil
}

// OpenReader opens an audio stream for streaming, as Open does for a file;
// name names it in errors. An *os.File that is a regular file (standard
// input redirected from a file, say) is read as a file. Anything else (a
// pipe) is never seeked: a WAV or AIFF stream whose header gives its length
// is decoded as it arrives, forwards only; any other stream (FLAC, MP3, Ogg
// Vorbis, or a WAV of unknown length as ffmpeg and sox write to pipes) is
// first copied to an anonymous temporary file (at most 16 GiB), which Close
// removes. Close closes r when r is an io.Closer other than os.Stdin.
func OpenReader(r io.Reader, name string) (*File, error) {
	if f, ok := r.(*os.File); ok && fileSize(f) >= 0 {
		sf, err := openSeekable(io.NewSectionReader(f, 0, fileSize(f)), name, closerOf(f))
		if err != nil {
			return nil, err
		}
		return sf, nil
	}
	br := bufio.NewReaderSize(r, 1<<16)
	head, _ := br.Peek(64)
	format := sniffFormat(head)
	if format == formatWAV || format == formatAIFF {
		sf, known, err := openPCMStream(br, name, format)
		if err != nil {
			return nil, err
		}
		if known {
			sf.closer = closerOf(r)
			return sf, nil
		}
	}
	return openSpooled(br, name, closerOf(r))
}

// OpenRewindable is Open for a caller that reads the sound more than once
// (a level measured over the whole input before filtering it): "-" on a pipe
// is copied to an anonymous temporary file first (as OpenReader does for
// streams of unknown length), so every Fetch is served, at the cost of the
// disk space of the stream. Any other path is Open's.
func OpenRewindable(path string) (*File, error) {
	if path != "-" {
		return Open(path)
	}
	if fileSize(os.Stdin) >= 0 {
		return OpenReader(os.Stdin, "standard input")
	}
	return openSpooled(bufio.NewReaderSize(os.Stdin, 1<<16), "standard input", nil)
}

// openSpooled copies the stream br to a temporary file and opens that.
func openSpooled(br *bufio.Reader, name string, closer io.Closer) (*File, error) {
	head, _ := br.Peek(64)
	format := sniffFormat(head)
	if format == "" {
		return nil, unknownFormat(name, head)
	}
	tmp, err := spool(br)
	if err != nil {
		return nil, fmt.Errorf("%s (%s): %w", name, format, err)
	}
	sf, err := openSeekable(tmp, name, multiCloser{tmp, closer})
	if err != nil {
		tmp.Close()
		return nil, err
	}
	return sf, nil
}

// maxSpoolBytes bounds what OpenReader copies to a temporary file.
const maxSpoolBytes = 16 << 30

// spool copies r to an anonymous temporary file, removed from its folder
// at once where the system allows (so that a killed process leaves
// nothing behind), and returns it open at its start.
func spool(r io.Reader) (*spoolFile, error) {
	f, err := os.CreateTemp("", "hears-stdin-*")
	if err != nil {
		return nil, err
	}
	s := &spoolFile{File: f}
	if os.Remove(f.Name()) != nil {
		s.remove = true // Windows: removed at Close
	}
	n, err := io.Copy(f, io.LimitReader(r, maxSpoolBytes+1))
	if err == nil && n > maxSpoolBytes {
		err = fmt.Errorf("%w: the stream is longer than %d bytes", ErrUnsupported, int64(maxSpoolBytes))
	}
	if err == nil {
		_, err = f.Seek(0, io.SeekStart)
	}
	if err != nil {
		s.Close()
		return nil, err
	}
	return s, nil
}

type spoolFile struct {
	*os.File
	remove bool
}

func (s *spoolFile) Close() error {
	err := s.File.Close()
	if s.remove {
		os.Remove(s.Name())
	}
	return err
}

type multiCloser []io.Closer

func (m multiCloser) Close() error {
	var errs []error
	for _, c := range m {
		if c != nil {
			errs = append(errs, c.Close())
		}
	}
	return errors.Join(errs...)
}

// closerOf returns r as an io.Closer, or nil for standard input (which the
// process, not the File, owns) and readers that cannot close.
func closerOf(r io.Reader) io.Closer {
	if f, ok := r.(*os.File); ok && f == os.Stdin {
		return nil
	}
	c, _ := r.(io.Closer)
	return c
}

func unknownFormat(name string, head []byte) error {
	if len(head) < 4 {
		return fmt.Errorf("%s: %w: %d bytes, too short for a header", name, ErrTruncated, len(head))
	}
	return fmt.Errorf("%s: %w: starts with %q, which is none of %s", name, ErrFormat, head[:4], formatNames())
}

// readSeekerAt is a file: *os.File, io.SectionReader or a spoolFile.
type readSeekerAt interface {
	io.ReadSeeker
	io.ReaderAt
}

// openSeekable opens the file r (read from its start), named name; closer
// (maybe nil) is closed by Close.
func openSeekable(r readSeekerAt, name string, closer io.Closer) (*File, error) {
	var head [64]byte
	n, err := r.ReadAt(head[:], 0)
	if err != nil && err != io.EOF {
		return nil, fmt.Errorf("%s: %w", name, err)
	}
	format := sniffFormat(head[:n])
	if format == "" {
		return nil, unknownFormat(name, head[:n])
	}
	sf, err := openFormat(r, format)
	if err != nil {
		return nil, fmt.Errorf("%s (%s): %w", name, format, err)
	}
	if sf.frames == 0 {
		return nil, fmt.Errorf("%s (%s): %w", name, format, ErrEmpty)
	}
	sf.name, sf.format, sf.closer = name, format, closer
	return sf, nil
}

// openFormat opens r, a file of the given format, with the decoder of the
// format, guarded against a panic inside a third-party decoder.
func openFormat(r readSeekerAt, format string) (sf *File, err error) {
	defer func() {
		if p := recover(); p != nil {
			sf, err = nil, fmt.Errorf("%w: the decoder failed on this file (%v)", ErrFormat, p)
		}
	}()
	switch format {
	case formatWAV, formatAIFF:
		return openPCMFile(r, format)
	}
	br := &bufSeeker{r: r, br: bufio.NewReaderSize(r, 1<<16)}
	var (
		dec      decoder
		channels int
		rate     float64
		frames   int64 = -1 // unknown
	)
	switch format {
	case formatFLAC:
		d, err := newFLACDecoder(br)
		if err != nil {
			return nil, err
		}
		dec, channels, rate = d, d.channels, float64(d.s.Info.SampleRate)
		if n := d.s.Info.NSamples; n > 0 && n <= math.MaxInt64 {
			frames = int64(n)
		}
	case formatVorbis:
		d, err := newVorbisDecoder(br)
		if err != nil {
			return nil, err
		}
		dec, channels, rate = d, d.channels, float64(d.v.SampleRate())
		if n := d.v.Length(); n > 0 {
			frames = n
		}
	case formatMP3:
		size, err := r.Seek(0, io.SeekEnd)
		if err != nil {
			return nil, err
		}
		d, err := newMP3Decoder(br, r, size)
		if err != nil {
			return nil, err
		}
		dec, channels, rate, frames = d, d.info.channels, float64(d.info.rate), int64(d.frames)
	}
	if err := checkFileRate(rate); err != nil {
		return nil, err
	}
	sf = &File{dec: dec, channels: channels, rate: rate}
	if frames < 0 { // not in the header: decode once to count
		if frames, err = sf.count(); err != nil {
			return nil, err
		}
	}
	if frames > math.MaxInt32 && math.MaxInt == math.MaxInt32 || frames > 1<<40 {
		return nil, fmt.Errorf("%w: %d frames", ErrUnsupported, frames)
	}
	sf.frames = int(frames)
	return sf, nil
}

// count decodes the whole stream to count its frames, then rewinds.
func (s *File) count() (int64, error) {
	var n int64
	buf := make([]float64, 0, 1<<16)
	for {
		var err error
		buf, err = s.dec.decode(buf[:0])
		n += int64(len(buf) / s.channels)
		if err == io.EOF {
			break
		}
		if err != nil {
			return 0, err
		}
	}
	return n, s.dec.rewind()
}

// openPCMFile opens a WAV or AIFF file on disk for random access.
func openPCMFile(r readSeekerAt, format string) (*File, error) {
	size, err := r.Seek(0, io.SeekEnd)
	if err != nil {
		return nil, err
	}
	cr := &countReader{r: bufio.NewReaderSize(io.NewSectionReader(r, 0, size), 4096)}
	pf, n, err := pcmHeader(cr, format)
	if err != nil {
		return nil, err
	}
	off := cr.n // bytes consumed through the counter = start of the samples
	frame := int64(pf.bits / 8 * pf.channels)
	if n < 0 || n == soxPipeDataSize && off+n > size { // unknown length: up to the end of the file
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
	return &File{ra: r, pf: pf, offset: off, frames: int(n / frame), frame: int(frame), channels: pf.channels, rate: pf.rate}, nil
}

// pcmHeader reads a WAV or AIFF header up to the first sample (see
// wavHeader) and checks the sample rate.
func pcmHeader(r io.Reader, format string) (*pcmFormat, int64, error) {
	var (
		pf  *pcmFormat
		n   int64
		err error
	)
	if format == formatAIFF {
		pf, n, err = aiffHeader(r)
	} else {
		pf, n, err = wavHeader(r)
	}
	if err != nil {
		return nil, 0, err
	}
	if err := checkFileRate(pf.rate); err != nil {
		return nil, 0, err
	}
	return pf, n, nil
}

// openPCMStream reads the header of a WAV or AIFF stream that cannot seek.
// With known == false (a WAV of unknown length) it has read nothing but the
// header's first bytes through br's Peek, and the caller spools the stream.
func openPCMStream(br *bufio.Reader, name, format string) (sf *File, known bool, err error) {
	head, _ := br.Peek(64)
	if format == formatWAV && wavLengthUnknown(head) {
		return nil, false, nil
	}
	pf, n, err := pcmHeader(br, format)
	if err != nil {
		return nil, false, fmt.Errorf("%s (%s): %w", name, format, err)
	}
	frame := int64(pf.bits / 8 * pf.channels)
	if n < 0 || n == soxPipeDataSize {
		return nil, false, fmt.Errorf("%s (%s): %w: a data chunk of unknown length after other chunks; write the WAV to a file", name, format, ErrUnsupported)
	}
	if n%frame != 0 {
		return nil, false, fmt.Errorf("%s (%s): %w: %d bytes of samples are not a whole number of %d-byte frames", name, format, ErrFormat, n, frame)
	}
	if n == 0 {
		return nil, false, fmt.Errorf("%s (%s): %w", name, format, ErrEmpty)
	}
	dec := &pcmStream{r: br, pf: pf, left: n, buf: make([]byte, max(1, (1<<16)/frame)*frame)}
	return &File{name: name, format: format, dec: dec, channels: pf.channels, rate: pf.rate, frames: int(n / frame)}, true, nil
}

// soxPipeDataSize is the data chunk size sox writes when it cannot know the
// length (to a pipe); ffmpeg writes 0xFFFFFFFF.
const soxPipeDataSize = 0x7FFFF000

// wavLengthUnknown reports whether the WAV header at the start of head
// (64 bytes) has a data chunk of unknown length (0xFFFFFFFF, or sox's
// 0x7FFFF000 for a pipe, or a RIFF size of 0), looking at its first chunks.
func wavLengthUnknown(head []byte) bool {
	if len(head) < 12 || string(head[:4]) != "RIFF" {
		return false // RF64 carries the length in ds64; anything else fails later
	}
	for at := 12; at+8 <= len(head); {
		id := string(head[at : at+4])
		size := int64(uint32(head[at+4]) | uint32(head[at+5])<<8 | uint32(head[at+6])<<16 | uint32(head[at+7])<<24)
		if id == "data" {
			return size == 0xFFFFFFFF || size == soxPipeDataSize || size == 0
		}
		at += 8 + int(size+size&1)
	}
	return false
}

// pcmStream decodes the samples of a WAV or AIFF stream forwards.
type pcmStream struct {
	r    io.Reader
	pf   *pcmFormat
	left int64 // bytes of samples still to read
	buf  []byte
	at   int64 // samples decoded so far
}

func (p *pcmStream) decode(dst []float64) ([]float64, error) {
	if p.left == 0 {
		return dst, io.EOF
	}
	bps := p.pf.bits / 8
	b := p.buf[:min(int64(len(p.buf)), p.left)]
	m, err := io.ReadFull(p.r, b)
	if err != nil {
		return dst, fmt.Errorf("%w: the stream ends %d bytes before the end of its samples", ErrTruncated, p.left-int64(m))
	}
	p.left -= int64(m)
	at := len(dst)
	dst = append(dst, make([]float64, m/bps)...)
	if i := decodeSamples(dst[at:], b, p.pf); i >= 0 {
		return dst, fmt.Errorf("%w: sample %d is %v", ErrFormat, p.at+int64(i), dst[at+i])
	}
	p.at += int64(m / bps)
	return dst, nil
}

func (p *pcmStream) rewind() error {
	return errors.New("a stream that cannot seek (a pipe) is read forwards only; to read it twice (as a level measured over the whole sound needs), save it to a file first")
}

// bufSeeker buffers reads from a file and still seeks (third-party
// decoders read a few bytes at a time).
type bufSeeker struct {
	r  io.ReadSeeker
	br *bufio.Reader
}

func (b *bufSeeker) Read(p []byte) (int, error) { return b.br.Read(p) }

func (b *bufSeeker) Seek(off int64, whence int) (int64, error) {
	if whence == io.SeekCurrent {
		off -= int64(b.br.Buffered())
	}
	n, err := b.r.Seek(off, whence)
	b.br.Reset(b.r)
	return n, err
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

// NumChannels implements Source.
func (s *File) NumChannels() int { return s.channels }

// SampleRate implements Source (Hz).
func (s *File) SampleRate() float64 { return s.rate }

// NumFrames implements Source.
func (s *File) NumFrames() int { return s.frames }

// Duration is the length in seconds.
func (s *File) Duration() float64 { return float64(s.frames) / s.rate }

// Format names the file's format: "WAV", "AIFF", "FLAC", "MP3" or
// "Ogg Vorbis".
func (s *File) Format() string { return s.format }

// Rewinds counts the times a Fetch before the window of decoded frames
// restarted the decoder at the start of the file (always 0 for WAV and AIFF
// files on disk, which are read at any frame).
func (s *File) Rewinds() int { return s.rewinds }

// Reset implements Source; a file has no streaming state to reset (a
// Fetch of any frame is served, see File).
func (s *File) Reset() error { return nil }

// Close closes the file (and removes the temporary copy of a stream).
func (s *File) Close() error {
	if s.closer == nil {
		return nil
	}
	return s.closer.Close()
}

// Fetch implements Source: it reads frames [start, end) from the file,
// scaled as Load scales them; frames past the end are zeros.
func (s *File) Fetch(start, end int) ([]float64, error) {
	if err := CheckSegment(start, end); err != nil {
		return nil, err
	}
	if s.haveLast && start == s.lastS && end == s.lastE {
		return s.block, nil
	}
	nc := s.channels
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
		var err error
		if s.dec != nil {
			err = s.fetchDecoded(b[:in*nc], start, start+in)
		} else {
			err = s.fetchPCM(b[:in*nc], start, in)
		}
		if err != nil {
			return nil, err
		}
	}
	clear(b[in*nc:])
	s.block, s.lastS, s.lastE, s.haveLast = b, start, end, true
	return b, nil
}

func (s *File) fetchPCM(b []float64, start, in int) error {
	nb := in * s.frame
	if cap(s.raw) < nb {
		s.raw = make([]byte, nb)
	}
	raw := s.raw[:nb]
	if _, err := s.ra.ReadAt(raw, s.offset+int64(start)*int64(s.frame)); err != nil {
		return fmt.Errorf("%s (%s): reading frames [%d, %d): %w", s.name, s.format, start, start+in, err)
	}
	nc := s.channels
	if i := decodeSamples(b, raw, s.pf); i >= 0 {
		return fmt.Errorf("%s (%s): %w: frame %d channel %d is %v", s.name, s.format, ErrFormat, start+i/nc, i%nc, b[i])
	}
	return nil
}

// fetchDecoded copies frames [start, end), all inside the file, from the
// window of decoded frames into b, decoding forwards as needed.
func (s *File) fetchDecoded(b []float64, start, end int) error {
	nc := s.channels
	if start < s.winStart {
		if err := s.rewindGuarded(); err != nil {
			return fmt.Errorf("%s (%s): frames from %d asked, but frames before %d are gone: %w", s.name, s.format, start, s.winStart, err)
		}
		s.rewinds++
		s.win, s.winStart = s.win[:0], 0
	}
	if s.history == 0 {
		s.history = max(1, historySamples/nc)
	}
	history := s.history
	for stalled := 0; s.winStart+len(s.win)/nc < end; {
		winEnd := s.winStart + len(s.win)/nc
		// Drop what is neither asked for nor recent, once it is most of the
		// window (so that the copying stays linear in the frames decoded).
		if keep := max(s.winStart, min(start, winEnd-history)); (keep-s.winStart)*nc > len(s.win)/2 {
			n := copy(s.win, s.win[(keep-s.winStart)*nc:])
			s.win, s.winStart = s.win[:n], keep
		}
		var err error
		s.win, err = s.decodeGuarded(s.win)
		if len(s.win)%nc != 0 {
			return fmt.Errorf("%s (%s): %w: the decoder gave a partial frame", s.name, s.format, ErrFormat)
		}
		if i := nonFinite(s.win[(winEnd-s.winStart)*nc:]); i >= 0 {
			return fmt.Errorf("%s (%s): %w: frame %d channel %d decodes to %v", s.name, s.format, ErrFormat, winEnd+i/nc, i%nc, s.win[(winEnd-s.winStart)*nc+i])
		}
		if err == io.EOF && s.winStart+len(s.win)/nc < end {
			return fmt.Errorf("%s (%s): %w: the stream ends after %d frames, its header declares %d", s.name, s.format, ErrTruncated, s.winStart+len(s.win)/nc, s.frames)
		}
		if err != nil && err != io.EOF {
			return fmt.Errorf("%s (%s): decoding after frame %d: %w", s.name, s.format, winEnd, err)
		}
		if s.winStart+len(s.win)/nc > winEnd {
			stalled = 0
		} else if stalled++; stalled > 1<<16 {
			return fmt.Errorf("%s (%s): %w: the decoder makes no progress after frame %d", s.name, s.format, ErrFormat, winEnd)
		}
	}
	copy(b, s.win[(start-s.winStart)*nc:(end-s.winStart)*nc])
	return nil
}

// rewindGuarded restarts the decoder, turning a panic inside it into an
// error.
func (s *File) rewindGuarded() (err error) {
	defer func() {
		if p := recover(); p != nil {
			err = fmt.Errorf("%w: the decoder failed (%v)", ErrFormat, p)
		}
	}()
	return s.dec.rewind()
}

// decodeGuarded calls the decoder, turning a panic inside it into an error.
func (s *File) decodeGuarded(dst []float64) (out []float64, err error) {
	defer func() {
		if p := recover(); p != nil {
			out, err = dst, fmt.Errorf("%w: the decoder failed (%v)", ErrFormat, p)
		}
	}()
	return s.dec.decode(dst)
}
