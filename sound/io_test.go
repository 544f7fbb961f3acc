package sound

import (
	"bytes"
	"encoding/binary"
	"errors"
	"io"
	"math"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/gohears/hears/internal/testenv"

	"github.com/go-audio/aiff"
	"github.com/go-audio/audio"
	"github.com/go-audio/wav"
)

const fixtures = "../testdata/sound_files/"

func mustLoad(t testing.TB, path string) *Sound {
	t.Helper()
	s, err := Load(path)
	if err != nil {
		t.Fatal(err)
	}
	return s
}

func maxDiff(a, b []float64) float64 {
	m := 0.0
	for i := range a {
		m = max(m, math.Abs(a[i]-b[i]))
	}
	return m
}

// TestLoadFixtures reads files written by sox in every supported format and
// compares them with the float64 file of the same signal, within the
// quantisation of each format (sox rounds to nearest with dither off).
func TestLoadFixtures(t *testing.T) {
	cases := []struct {
		file, ref string
		channels  int
		tol       float64
	}{
		{"pcm8.wav", "float64.wav", 1, 0.5 / 128},
		{"pcm16.wav", "float64.wav", 1, 0.5 / 32768},
		{"pcm32.wav", "float64.wav", 1, 0.5 / (1 << 31)},
		{"float32.wav", "float64.wav", 1, 1e-7},
		{"pcm24_stereo.wav", "float64_stereo.wav", 2, 0.5 / (1 << 23)},
		{"wav3ch.wav", "float64_3ch.wav", 3, 0.5 / 32768},
		{"aiff8.aiff", "float64.wav", 1, 0.5 / 128},
		{"aiff16.aiff", "float64.wav", 1, 0.5 / 32768},
		{"aiff24.aiff", "float64.wav", 1, 0.5 / (1 << 23)},
		{"aifc_float32.aifc", "float64.wav", 1, 1e-7},
	}
	for _, c := range cases {
		t.Run(c.file, func(t *testing.T) {
			s := mustLoad(t, fixtures+c.file)
			ref := mustLoad(t, fixtures+c.ref)
			if s.NumChannels() != c.channels || s.NumFrames() != 441 || s.SampleRate() != 44100 {
				t.Fatalf("got %d frames × %d channels at %v Hz", s.NumFrames(), s.NumChannels(), s.SampleRate())
			}
			if d := maxDiff(s.Data(), ref.Data()); d > c.tol*1.0001 {
				t.Fatalf("max |diff| %g > %g", d, c.tol)
			}
		})
	}
	// The float64 reference itself is the signal sox describes: a 1 kHz
	// sine of amplitude 0.5 (10 whole periods).
	ref := mustLoad(t, fixtures+"float64.wav")
	if p, r := ref.Peak(), ref.RMS()[0]; math.Abs(p-0.5) > 1e-3 || math.Abs(r-0.5/math.Sqrt2) > 1e-3 {
		t.Fatalf("peak %v, rms %v", p, r)
	}
	sp, err := ref.Spectrum(SpectrumOptions{})
	if err != nil {
		t.Fatal(err)
	}
	if f := sp.Freqs[argmax(sp.Power)]; f != 1000 {
		t.Fatalf("spectral peak at %v Hz", f)
	}
}

// TestLoadSpeech reads the committed espeak-ng recording and checks what a
// speech file must show: rate, length, a plausible level, a voiced spectrum.
func TestLoadSpeech(t *testing.T) {
	s := mustLoad(t, fixtures+"espeak_hears.wav")
	if s.SampleRate() != 22050 || s.NumFrames() != 16278 || s.NumChannels() != 1 {
		t.Fatalf("got %d frames × %d at %v Hz", s.NumFrames(), s.NumChannels(), s.SampleRate())
	}
	if p := s.Peak(); p < 0.05 || p > 1 {
		t.Fatalf("peak %v", p)
	}
	sp, err := s.Spectrum(SpectrumOptions{High: 1000})
	if err != nil {
		t.Fatal(err)
	}
	// Most low-frequency energy of a voice lies above 60 Hz (pitch, F1).
	lo, hi := 0.0, 0.0
	for i, f := range sp.Freqs {
		if f < 60 {
			lo += sp.Power[i]
		} else {
			hi += sp.Power[i]
		}
	}
	if hi < 10*lo {
		t.Fatalf("energy below 60 Hz %g vs above %g", lo, hi)
	}
}

// TestLoadALSA reads Debian's alsa-utils samples (apt-get install -y
// alsa-utils), when the machine has them, and checks every sample against
// go-audio/wav's integer decoder.
func TestLoadALSA(t *testing.T) {
	paths, _ := filepath.Glob("/usr/share/sounds/alsa/*.wav")
	if len(paths) == 0 {
		testenv.Missing(t, "/usr/share/sounds/alsa/*.wav absent (apt-get install -y alsa-utils); the committed fixtures cover the reader")
	}
	for _, path := range paths {
		s := mustLoad(t, path)
		if s.SampleRate() != 48000 || s.NumFrames() < 10000 {
			t.Fatalf("%s: %d frames × %d at %v Hz", path, s.NumFrames(), s.NumChannels(), s.SampleRate())
		}
		d, buf := goAudioDecode(t, path)
		if d.BitDepth != 16 || int(d.NumChans) != s.NumChannels() || len(buf.Data) != len(s.Data()) {
			t.Fatalf("%s: go-audio/wav has %d samples of %d bits, we have %d", path, len(buf.Data), d.BitDepth, len(s.Data()))
		}
		for i, v := range buf.Data {
			if float64(v)/32768 != s.Data()[i] {
				t.Fatalf("%s sample %d: %v vs go-audio %d", path, i, s.Data()[i], v)
			}
		}
	}
	// Front_Center is speech: loud enough, and its level is plausible for a
	// full-scale recording read as pascals.
	s := mustLoad(t, "/usr/share/sounds/alsa/Front_Center.wav")
	if l := s.Level()[0]; l < 60 || l > 94 {
		t.Fatalf("Front_Center level %v", l)
	}
}

func testSignal(t testing.TB, channels int) *Sound {
	t.Helper()
	s, err := WhiteNoise(0.05, WithChannels(channels), WithSeed(7), WithRate(48000))
	if err != nil {
		t.Fatal(err)
	}
	return s.Scale(0.99 / s.Peak())
}

// TestSaveLoadRoundTrip saves in every encoding and loads the file back.
func TestSaveLoadRoundTrip(t *testing.T) {
	dir := t.TempDir()
	for _, c := range []struct {
		enc Encoding
		tol float64
	}{{PCM16, 0.5 / 32768}, {PCM24, 0.5 / (1 << 23)}, {Float32, 0x1p-24}} {
		for _, nc := range []int{1, 2, 5} {
			s := testSignal(t, nc)
			path := filepath.Join(dir, "x.wav")
			if err := SaveWAV(path, s, WAVOptions{Encoding: c.enc}); err != nil {
				t.Fatal(err)
			}
			got := mustLoad(t, path)
			if got.NumChannels() != nc || got.NumFrames() != s.NumFrames() || got.SampleRate() != 48000 {
				t.Fatalf("%v: shape %d×%d at %v", c.enc, got.NumFrames(), got.NumChannels(), got.SampleRate())
			}
			if d := maxDiff(got.Data(), s.Data()); d > c.tol*1.0001 {
				t.Fatalf("%v, %d channels: max |diff| %g > %g", c.enc, nc, d, c.tol)
			}
			if d := maxDiff(got.Data(), s.Data()); d == 0 && c.enc != Float32 {
				t.Fatalf("%v: no quantisation at all is suspicious", c.enc)
			}
		}
	}
	// Full scale maps to the largest code and back.
	s, _ := New([]float64{1, -1, 0.5, 0}, 1, 8000)
	var b bytes.Buffer
	if err := EncodeWAV(&b, s, WAVOptions{}); err != nil {
		t.Fatal(err)
	}
	got, err := DecodeWAV(&b)
	if err != nil {
		t.Fatal(err)
	}
	want := []float64{32767. / 32768, -1, 0.5, 0}
	for i, v := range got.Data() {
		if v != want[i] {
			t.Fatalf("sample %d: %v, want %v", i, v, want[i])
		}
	}
}

// TestSaveReadByGoAudio checks that go-audio/wav's decoder reads our PCM
// files to the same integers.
func TestSaveReadByGoAudio(t *testing.T) {
	dir := t.TempDir()
	for _, c := range []struct {
		enc  Encoding
		bits int
	}{{PCM16, 16}, {PCM24, 24}} {
		s := testSignal(t, 2)
		path := filepath.Join(dir, "g.wav")
		if err := SaveWAV(path, s, WAVOptions{Encoding: c.enc}); err != nil {
			t.Fatal(err)
		}
		d, buf := goAudioDecode(t, path)
		if int(d.BitDepth) != c.bits || d.NumChans != 2 || d.SampleRate != 48000 {
			t.Fatalf("go-audio sees %d bits, %d channels, %d Hz", d.BitDepth, d.NumChans, d.SampleRate)
		}
		scale := float64(int(1) << (c.bits - 1))
		for i, v := range buf.Data {
			if want := math.Round(s.Data()[i] * scale); float64(v) != want {
				t.Fatalf("%v sample %d: go-audio %d, want %v", c.enc, i, v, want)
			}
		}
	}
}

// TestLoadGoAudioFiles reads files written by go-audio's WAV and AIFF
// encoders.
func TestLoadGoAudioFiles(t *testing.T) {
	dir := t.TempDir()
	ints := make([]int, 3000)
	for i := range ints {
		ints[i] = int(20000 * math.Sin(float64(i)*0.05))
	}
	buf := &audio.IntBuffer{Data: ints, Format: &audio.Format{NumChannels: 3, SampleRate: 16000}, SourceBitDepth: 16}
	p := filepath.Join(dir, "ga.wav")
	f, _ := os.Create(p)
	e := wav.NewEncoder(f, 16000, 16, 3, 1)
	if err := e.Write(buf); err != nil {
		t.Fatal(err)
	}
	e.Close()
	f.Close()
	pa := filepath.Join(dir, "ga.aiff")
	f, _ = os.Create(pa)
	ea := aiff.NewEncoder(f, 16000, 16, 3)
	if err := ea.Write(buf); err != nil {
		t.Fatal(err)
	}
	ea.Close()
	f.Close()
	for _, path := range []string{p, pa} {
		s := mustLoad(t, path)
		if s.NumChannels() != 3 || s.SampleRate() != 16000 || len(s.Data()) != len(ints) {
			t.Fatalf("%s: %d frames × %d at %v", path, s.NumFrames(), s.NumChannels(), s.SampleRate())
		}
		for i, v := range ints {
			if s.Data()[i] != float64(v)/32768 {
				t.Fatalf("%s sample %d: %v want %v", path, i, s.Data()[i], float64(v)/32768)
			}
		}
	}
}

func TestSaveClipping(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "clip.wav")
	if err := os.WriteFile(path, []byte("old"), 0o644); err != nil {
		t.Fatal(err)
	}
	s, _ := New([]float64{0.5, 1.5, -2, 0}, 1, 44100)
	err := SaveWAV(path, s, WAVOptions{})
	var ce *ClipError
	if !errors.As(err, &ce) || ce.Count != 2 || ce.Peak != 2 {
		t.Fatalf("want a ClipError for 2 samples, got %v", err)
	}
	if b, _ := os.ReadFile(path); string(b) != "old" {
		t.Fatal("a failed save changed the existing file")
	}
	entries, _ := os.ReadDir(dir)
	if len(entries) != 1 {
		t.Fatalf("temporary files left behind: %v", entries)
	}
	// Clip on request, normalise, or float: all succeed.
	if err := SaveWAV(path, s, WAVOptions{Clip: true}); err != nil {
		t.Fatal(err)
	}
	if got := mustLoad(t, path).Data(); got[1] != 32767./32768 || got[2] != -1 {
		t.Fatalf("clipped samples %v", got)
	}
	if err := SaveWAV(path, s, WAVOptions{Normalise: true, Encoding: PCM24}); err != nil {
		t.Fatal(err)
	}
	if got := mustLoad(t, path).Data(); got[2] != -1 || math.Abs(got[0]-0.25) > 1e-6 {
		t.Fatalf("normalised samples %v", got)
	}
	if err := SaveWAV(path, s, WAVOptions{Encoding: Float32}); err != nil {
		t.Fatal(err)
	}
	if got := mustLoad(t, path).Data(); got[2] != -2 {
		t.Fatalf("float samples %v", got)
	}
	// A byte rate (rate × channels × bytes) beyond the header's 32 bits.
	wide, _ := New(make([]float64, 20000), 20000, 192000)
	if err := EncodeWAV(io.Discard, wide, WAVOptions{Encoding: Float32}); err == nil || !strings.Contains(err.Error(), "byte rate") {
		t.Fatalf("20000 channels at 192 kHz: %v", err)
	}
	// NaN is refused; a missing directory fails without a panic.
	bad, _ := New([]float64{math.NaN()}, 1, 44100)
	if err := SaveWAV(path, bad, WAVOptions{Encoding: Float32}); err == nil {
		t.Fatal("NaN saved")
	}
	if err := SaveWAV(filepath.Join(dir, "no", "such.wav"), s, WAVOptions{Clip: true}); err == nil {
		t.Fatal("save into a missing directory succeeded")
	}
}

// TestLoadCorrupt cuts and damages valid files: every variant must give an
// error (never a panic, never a sound of the wrong length).
func TestLoadCorrupt(t *testing.T) {
	for _, name := range []string{"pcm16.wav", "pcm24_stereo.wav", "float32.wav", "aiff16.aiff", "aifc_float32.aifc"} {
		b, err := os.ReadFile(fixtures + name)
		if err != nil {
			t.Fatal(err)
		}
		dec := DecodeWAV
		if bytes.HasPrefix(b, []byte("FORM")) {
			dec = DecodeAIFF
		}
		for n := 0; n < len(b)-1; n++ {
			s, err := dec(bytes.NewReader(b[:n]))
			if err == nil {
				t.Fatalf("%s cut to %d bytes: no error (%d frames)", name, n, s.NumFrames())
			}
			if n > 200 && !errors.Is(err, ErrTruncated) && !errors.Is(err, ErrFormat) {
				t.Fatalf("%s cut to %d bytes: %v", name, n, err)
			}
		}
	}
	check := func(name string, b []byte, want error) {
		t.Helper()
		var err error
		if bytes.HasPrefix(b, []byte("FORM")) {
			_, err = DecodeAIFF(bytes.NewReader(b))
		} else {
			_, err = DecodeWAV(bytes.NewReader(b))
		}
		if !errors.Is(err, want) {
			t.Errorf("%s: got %v, want %v", name, err, want)
		} else {
			t.Logf("%s: %v", name, err)
		}
	}
	w, _ := os.ReadFile(fixtures + "pcm16.wav")
	mod := func(off int, v ...byte) []byte {
		c := append([]byte(nil), w...)
		copy(c[off:], v)
		return c
	}
	check("not RIFF", mod(0, 'X'), ErrFormat)
	check("ADPCM", mod(20, 2, 0), ErrUnsupported)
	check("12-bit", mod(34, 12, 0), ErrUnsupported)
	check("0 channels", mod(22, 0, 0), ErrFormat)
	check("bad block align", mod(32, 7, 0), ErrFormat)
	check("huge data chunk", mod(40, 0xfe, 0xff, 0xff, 0xff), ErrTruncated)
	check("data larger than the file", mod(40, 0, 0, 1, 0), ErrTruncated)
	// A WAV written to a pipe declares 0xFFFFFFFF bytes: read to the end.
	streamed, err := DecodeWAV(bytes.NewReader(mod(40, 0xff, 0xff, 0xff, 0xff)))
	if err != nil {
		t.Fatal(err)
	}
	if ref := mustLoad(t, fixtures+"pcm16.wav"); maxDiff(streamed.Data(), ref.Data()) != 0 || streamed.NumFrames() != ref.NumFrames() {
		t.Fatalf("streamed WAV: %d frames", streamed.NumFrames())
	}
	check("streamed, ends mid-frame", mod(40, 0xff, 0xff, 0xff, 0xff)[:len(w)-1], ErrTruncated)
	check("no fmt", mod(12, 'j', 'u', 'n', 'k'), ErrFormat)
	a, _ := os.ReadFile(fixtures + "aifc_float32.aifc")
	i := bytes.Index(a, []byte("fl32"))
	c := append([]byte(nil), a...)
	copy(c[i:], "ulaw")
	check("aifc ulaw", c, ErrUnsupported)
	if _, err := Load(fixtures + "README.md"); !errors.Is(err, ErrFormat) {
		t.Errorf("README loaded: %v", err)
	}
}

func FuzzLoadWAV(f *testing.F) {
	for _, n := range []string{"pcm8.wav", "pcm16.wav", "pcm24_stereo.wav", "pcm32.wav", "float32.wav", "float64.wav"} {
		b, err := os.ReadFile(fixtures + n)
		if err != nil {
			f.Fatal(err)
		}
		f.Add(b)
	}
	f.Fuzz(func(t *testing.T, b []byte) {
		s, err := DecodeWAV(bytes.NewReader(b))
		if err == nil && len(s.Data())*1 > len(b) {
			t.Fatalf("%d samples from %d bytes", len(s.Data()), len(b))
		}
	})
}

func FuzzLoadAIFF(f *testing.F) {
	for _, n := range []string{"aiff8.aiff", "aiff16.aiff", "aiff24.aiff", "aifc_float32.aifc"} {
		b, err := os.ReadFile(fixtures + n)
		if err != nil {
			f.Fatal(err)
		}
		f.Add(b)
	}
	f.Fuzz(func(t *testing.T, b []byte) {
		s, err := DecodeAIFF(bytes.NewReader(b))
		if err == nil && len(s.Data()) > len(b) {
			t.Fatalf("%d samples from %d bytes", len(s.Data()), len(b))
		}
	})
}

// FuzzOpen streams whatever Open accepts (the path hears filter takes):
// the header is checked, fetches inside, across and past the end either
// give blocks of the right size or errors, and the frames declared fit in
// the file.
func FuzzOpen(f *testing.F) {
	for _, n := range []string{"pcm8.wav", "pcm16.wav", "pcm24_stereo.wav", "float32.wav", "aiff16.aiff", "aifc_float32.aifc"} {
		b, err := os.ReadFile(fixtures + n)
		if err != nil {
			f.Fatal(err)
		}
		f.Add(b)
	}
	addSeeds(f, "speech.flac", "tone24_stereo.flac", "speech.mp3", "tone_stereo.mp3", "speech.ogg", "tone_stereo.ogg")
	dir := f.TempDir()
	f.Fuzz(func(t *testing.T, b []byte) { fuzzDecode(t, dir, b) })
}

func argmax(x []float64) int {
	k := 0
	for i, v := range x {
		if v > x[k] {
			k = i
		}
	}
	return k
}

// wavBytes builds a WAV file: format tag (0xFFFE for extensible with the
// given sub-format), bits, channels, extra chunks before data, and samples.
func wavBytes(tag, sub uint16, bits, channels int, extra []byte, data []byte) []byte {
	le := binary.LittleEndian
	var f []byte
	f = le.AppendUint16(f, tag)
	f = le.AppendUint16(f, uint16(channels))
	f = le.AppendUint32(f, 8000)
	f = le.AppendUint32(f, uint32(8000*channels*bits/8))
	f = le.AppendUint16(f, uint16(channels*bits/8))
	f = le.AppendUint16(f, uint16(bits))
	if tag == 0xFFFE {
		f = le.AppendUint16(f, 22)
		f = le.AppendUint16(f, uint16(bits))
		f = le.AppendUint32(f, 0)
		f = le.AppendUint16(f, sub)
		f = append(f, 0, 0, 0, 0, 0x10, 0, 0x80, 0, 0, 0xaa, 0, 0x38, 0x9b, 0x71)
	}
	var b []byte
	b = append(b, "RIFF\x00\x00\x00\x00WAVEfmt "...)
	b = le.AppendUint32(b, uint32(len(f)))
	b = append(b, f...)
	b = append(b, extra...)
	b = append(b, "data"...)
	b = le.AppendUint32(b, uint32(len(data)))
	b = append(b, data...)
	le.PutUint32(b[4:], uint32(len(b)-8))
	return b
}

func TestWAVVariants(t *testing.T) {
	le := binary.LittleEndian
	vals := []float64{0.5, -0.25, 1, -1, 0.125, 0}
	var f64, f32, s8 []byte
	for _, v := range vals {
		f64 = le.AppendUint64(f64, math.Float64bits(v))
		f32 = le.AppendUint32(f32, math.Float32bits(float32(v)))
		s8 = append(s8, byte(int(math.Round(v*127))+128))
	}
	odd := []byte("LIST\x03\x00\x00\x00abc\x00") // odd size: one pad byte
	for _, c := range []struct {
		name string
		b    []byte
		nc   int
		tol  float64
	}{
		{"extensible float64 stereo", wavBytes(0xFFFE, 3, 64, 2, nil, f64), 2, 0},
		{"extensible float32, odd LIST chunk", wavBytes(0xFFFE, 3, 32, 3, odd, f32), 3, 0},
		{"8-bit stereo", wavBytes(1, 0, 8, 2, odd, s8), 2, 1.0 / 128},
	} {
		s, err := DecodeWAV(bytes.NewReader(c.b))
		if err != nil {
			t.Fatalf("%s: %v", c.name, err)
		}
		if s.NumChannels() != c.nc || s.SampleRate() != 8000 || len(s.Data()) != len(vals) {
			t.Fatalf("%s: %v", c.name, s)
		}
		if d := maxDiff(s.Data(), vals); d > c.tol {
			t.Fatalf("%s: max |diff| %g", c.name, d)
		}
	}
	// A float WAV holding NaN is refused, naming the sample.
	bad := append([]byte(nil), f32...)
	le.PutUint32(bad[8:], math.Float32bits(float32(math.NaN())))
	if _, err := DecodeWAV(bytes.NewReader(wavBytes(3, 0, 32, 1, nil, bad))); !errors.Is(err, ErrFormat) || !strings.Contains(err.Error(), "sample 2") {
		t.Fatalf("NaN sample: %v", err)
	}
	if _, err := DecodeWAV(bytes.NewReader(wavBytes(0xFFFE, 2, 16, 1, nil, f32))); !errors.Is(err, ErrUnsupported) {
		t.Fatalf("extensible ADPCM: %v", err)
	}
}

// goAudioDecode reads a WAV file with go-audio/wav, the independent decoder
// the tests compare with.
func goAudioDecode(t *testing.T, path string) (*wav.Decoder, *audio.IntBuffer) {
	t.Helper()
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	d := wav.NewDecoder(f)
	buf, err := d.FullPCMBuffer()
	if err != nil {
		t.Fatal(err)
	}
	return d, buf
}
