package sound

import (
	"bytes"
	"encoding/binary"
	"errors"
	"math"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// pipeOf returns the read end of an OS pipe that a goroutine fills with b
// (a stream that cannot seek, as `sox … -t wav - | hears …` gives).
func pipeOf(t *testing.T, b []byte) *os.File {
	t.Helper()
	r, w, err := os.Pipe()
	if err != nil {
		t.Fatal(err)
	}
	go func() {
		w.Write(b)
		w.Close()
	}()
	t.Cleanup(func() { r.Close() })
	return r
}

// withStdin runs fn with os.Stdin replaced by f.
func withStdin(t *testing.T, f *os.File, fn func()) {
	t.Helper()
	old := os.Stdin
	os.Stdin = f
	defer func() { os.Stdin = old }()
	fn()
}

// TestOpenStdinStreams reads WAV streams from a pipe through Open("-"): one
// whose header gives its length is decoded forwards as it arrives (a fetch
// before the window is an error that says why); one of unknown length
// (ffmpeg's 0xFFFFFFFF, sox's 0x7FFFF000) and a FLAC stream are copied to a
// temporary file first; a regular file on standard input is read as a file.
func TestOpenStdinStreams(t *testing.T) {
	// 3 s of noise: longer than a decoding chunk and the window.
	noise, err := WhiteNoise(3, WithSeed(1), WithRate(22050))
	if err != nil {
		t.Fatal(err)
	}
	var buf bytes.Buffer
	if err := EncodeWAV(&buf, noise, WAVOptions{Normalise: true}); err != nil {
		t.Fatal(err)
	}
	wavb := buf.Bytes()
	want, err := DecodeWAV(bytes.NewReader(wavb))
	if err != nil {
		t.Fatal(err)
	}
	readAll := func(f *File) *Sound {
		t.Helper()
		if f.NumFrames() != want.NumFrames() || f.SampleRate() != want.SampleRate() {
			t.Fatalf("%d frames at %v Hz, want %d at %v Hz", f.NumFrames(), f.SampleRate(), want.NumFrames(), want.SampleRate())
		}
		s, err := ReadFrames(f, f.NumFrames(), 1000)
		if err != nil {
			t.Fatal(err)
		}
		if d := maxDiff(s.Data(), want.Data()); d != 0 {
			t.Fatalf("differs from Load by %g", d)
		}
		return s
	}

	// Known length: forwards only.
	withStdin(t, pipeOf(t, wavb), func() {
		f, err := Open("-")
		if err != nil {
			t.Fatal(err)
		}
		defer f.Close()
		if f.dec == nil {
			t.Fatal("a WAV of known length on a pipe was spooled, not streamed")
		}
		f.history = 100 // a small window, so that frame 0 leaves it
		readAll(f)
		_, err = f.Fetch(0, 10)
		if err == nil || !strings.Contains(err.Error(), "forwards only") || !strings.Contains(err.Error(), "standard input") {
			t.Fatalf("fetch before the window of a pipe: %v", err)
		}
	})

	// Unknown lengths: spooled, then random access.
	dataAt := bytes.Index(wavb, []byte("data")) + 4
	for _, size := range []uint32{0xFFFFFFFF, soxPipeDataSize} {
		b := bytes.Clone(wavb)
		binary.LittleEndian.PutUint32(b[dataAt:], size)
		binary.LittleEndian.PutUint32(b[4:], size) // the RIFF size is as wrong
		f, err := OpenReader(pipeOf(t, b), "pipe")
		if err != nil {
			t.Fatalf("data size %#x: %v", size, err)
		}
		readAll(f)
		if _, err := f.Fetch(0, 10); err != nil {
			t.Fatal(err)
		}
		f.Close()
	}

	// FLAC on a pipe: spooled.
	fb, _ := os.ReadFile(formatFixtures + "speech.flac")
	f, err := OpenReader(pipeOf(t, fb), "pipe")
	if err != nil {
		t.Fatal(err)
	}
	if f.Format() != formatFLAC || f.NumFrames() != mustLoad(t, formatFixtures+"speech.wav").NumFrames() {
		t.Fatalf("FLAC on a pipe: %s of %d frames", f.Format(), f.NumFrames())
	}
	f.Close()

	// A regular file as standard input: random access.
	regPath := filepath.Join(t.TempDir(), "noise.wav")
	os.WriteFile(regPath, wavb, 0o644)
	reg, err := os.Open(regPath)
	if err != nil {
		t.Fatal(err)
	}
	defer reg.Close()
	withStdin(t, reg, func() {
		f, err := Open("-")
		if err != nil {
			t.Fatal(err)
		}
		if f.dec != nil {
			t.Error("a regular file on standard input is decoded as a stream")
		}
		readAll(f)
		if b, err := f.Fetch(0, 10); err != nil || b[5] != want.At(5, 0) {
			t.Fatalf("random access: %v", err)
		}
		f.Close()
	})

	// Errors on a pipe: cut short, empty, not audio.
	for name, c := range map[string]struct {
		b    []byte
		want error
	}{
		"cut":   {wavb[:len(wavb)-100], ErrTruncated},
		"empty": {append(bytes.Clone(wavb[:dataAt]), 0, 0, 0, 0), ErrEmpty},
		"text":  {[]byte("hello, this is not a sound"), ErrFormat},
	} {
		if name == "empty" {
			binary.LittleEndian.PutUint32(c.b[4:], uint32(len(c.b)-8))
		}
		f, err := OpenReader(pipeOf(t, c.b), "standard input")
		if err == nil {
			_, err = ReadAll(f, 0)
		}
		if !errors.Is(err, c.want) || !strings.Contains(err.Error(), "standard input") {
			t.Errorf("%s: %v, want %v naming standard input", name, err, c.want)
		}
	}
}

// TestRF64 reads an RF64 file with WAVE_FORMAT_EXTENSIBLE and 6 channels
// (written by libsndfile) as the plain WAV of the same samples, from a file
// and from a pipe.
func TestRF64(t *testing.T) {
	want := mustLoad(t, formatFixtures+"six.wav")
	got := mustLoad(t, formatFixtures+"six.rf64")
	if got.NumChannels() != 6 || got.NumFrames() != want.NumFrames() || maxDiff(got.Data(), want.Data()) != 0 {
		t.Fatalf("RF64: %d frames × %d channels, diff %g", got.NumFrames(), got.NumChannels(), maxDiff(got.Data(), want.Data()))
	}
	b, _ := os.ReadFile(formatFixtures + "six.rf64")
	f, err := OpenReader(pipeOf(t, b), "pipe")
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	s, err := ReadAll(f, 100)
	if err != nil || maxDiff(s.Data(), want.Data()) != 0 {
		t.Fatalf("RF64 on a pipe: %v", err)
	}
	// A ds64 chunk must come first, and only in RF64.
	bad := bytes.Clone(b)
	copy(bad[12:], "junk")
	if _, err := DecodeWAV(bytes.NewReader(bad)); !errors.Is(err, ErrFormat) {
		t.Errorf("RF64 without ds64: %v", err)
	}
	bad = bytes.Clone(b)
	copy(bad[:4], "RIFF")
	if _, err := DecodeWAV(bytes.NewReader(bad)); !errors.Is(err, ErrFormat) {
		t.Errorf("RIFF with ds64: %v", err)
	}
}

// TestFileRateAndEmpty: sample rates outside [1 Hz, 10 MHz] and files
// without samples are refused by Open, Load and DecodeWAV/DecodeAIFF alike
// (issue 17: a 4.29 GHz WAV, a 1e-300 Hz AIFF, a 0-frame WAV).
func TestFileRateAndEmpty(t *testing.T) {
	dir := t.TempDir()
	wavb, _ := os.ReadFile(fixtures + "pcm16.wav")
	aiffb, _ := os.ReadFile(fixtures + "aiff16.aiff")
	withRate := func(rate uint32) []byte {
		b := bytes.Clone(wavb)
		binary.LittleEndian.PutUint32(b[24:], rate)
		return b
	}
	commAt := bytes.Index(aiffb, []byte("COMM")) + 8
	withAIFFRate := func(exp uint16, mant uint64) []byte {
		b := bytes.Clone(aiffb)
		binary.BigEndian.PutUint16(b[commAt+8:], exp)
		binary.BigEndian.PutUint64(b[commAt+10:], mant)
		return b
	}
	dataAt := bytes.Index(wavb, []byte("data")) + 4
	empty := bytes.Clone(wavb[:dataAt+4])
	binary.LittleEndian.PutUint32(empty[dataAt:], 0)
	binary.LittleEndian.PutUint32(empty[4:], uint32(len(empty)-8))
	for name, c := range map[string]struct {
		b    []byte
		want error
	}{
		"4.29 GHz WAV":   {withRate(math.MaxUint32), ErrFormat},
		"20 MHz WAV":     {withRate(20e6), ErrFormat},
		"1e-300 Hz AIFF": {withAIFFRate(16383-997, 1<<63), ErrFormat}, // 2^-997 ≈ 7.5e-301
		"0.5 Hz AIFF":    {withAIFFRate(16383-1, 1<<63), ErrFormat},
		"0-frame WAV":    {empty, ErrEmpty},
	} {
		p := filepath.Join(dir, "x")
		os.WriteFile(p, c.b, 0o644)
		_, err1 := Open(p)
		_, err2 := Load(p)
		for _, err := range []error{err1, err2} {
			if !errors.Is(err, c.want) || !strings.Contains(err.Error(), p) {
				t.Errorf("%s: %v, want %v naming the file", name, err, c.want)
			}
		}
	}
	// The bounds themselves are accepted.
	for _, rate := range []uint32{1, 10e6} {
		s, err := DecodeWAV(bytes.NewReader(withRate(rate)))
		if err != nil || s.SampleRate() != float64(rate) {
			t.Errorf("%d Hz: %v", rate, err)
		}
	}
}

// TestSaveWAVStdout writes a WAV to standard output (a pipe) and reads it
// back from the pipe through OpenReader, forwards only.
func TestSaveWAVStdout(t *testing.T) {
	s, err := Tone(440, 0.2, WithChannels(2))
	if err != nil {
		t.Fatal(err)
	}
	s = s.Scale(0.5)
	r, w, err := os.Pipe()
	if err != nil {
		t.Fatal(err)
	}
	old := os.Stdout
	os.Stdout = w
	done := make(chan error, 1)
	go func() { done <- SaveWAV("-", s, WAVOptions{Encoding: Float32}); w.Close() }()
	f, err := OpenReader(r, "pipe")
	if err != nil {
		t.Fatal(err)
	}
	got, err := ReadAll(f, 0)
	if err != nil {
		t.Fatal(err)
	}
	err = <-done
	os.Stdout = old
	if err != nil {
		t.Fatal(err)
	}
	if f.dec == nil || got.NumChannels() != 2 || maxDiff(got.Data(), s.Data()) > 1e-7 {
		t.Fatalf("read back %d channels, streamed %v, diff %g", got.NumChannels(), f.dec != nil, maxDiff(got.Data(), s.Data()))
	}
	r.Close()
}

// TestOpenRewindable: "-" on a pipe is copied to a temporary file, so that
// it can be read twice (a level pass, then the filtering).
func TestOpenRewindable(t *testing.T) {
	noise, err := WhiteNoise(2, WithSeed(3), WithRate(22050))
	if err != nil {
		t.Fatal(err)
	}
	var buf bytes.Buffer
	if err := EncodeWAV(&buf, noise, WAVOptions{Normalise: true}); err != nil {
		t.Fatal(err)
	}
	want, _ := DecodeWAV(bytes.NewReader(buf.Bytes()))
	withStdin(t, pipeOf(t, buf.Bytes()), func() {
		f, err := OpenRewindable("-")
		if err != nil {
			t.Fatal(err)
		}
		defer f.Close()
		for pass := range 2 {
			s, err := ReadAll(f, 1000)
			if err != nil || maxDiff(s.Data(), want.Data()) != 0 {
				t.Fatalf("pass %d: %v", pass, err)
			}
		}
	})
	if f, err := OpenRewindable(fixtures + "pcm16.wav"); err != nil || f.NumFrames() != 441 {
		t.Fatalf("a path: %v", err)
	}
}
