package writer

import (
	"encoding/binary"
	"math"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
)

// blocks writes 7 frames of 3 channels in two blocks (4 + 3 frames).
func blocks(t *testing.T, w Writer) []float64 {
	t.Helper()
	data := make([]float64, 21)
	for i := range data {
		data[i] = math.Sin(float64(i)) * 1e-3 * float64(i+1)
	}
	if err := w.Write(data[:12], 4); err != nil {
		t.Fatal(err)
	}
	if err := w.Write(data[12:], 3); err != nil {
		t.Fatal(err)
	}
	return data
}

func TestCSVRoundTrip(t *testing.T) {
	p := filepath.Join(t.TempDir(), "out.csv")
	w, err := Create(p, 3, 44100)
	if err != nil {
		t.Fatal(err)
	}
	data := blocks(t, w)
	if _, err := os.Stat(p); !os.IsNotExist(err) {
		t.Fatal("output visible before Commit")
	}
	if err := w.Commit(); err != nil {
		t.Fatal(err)
	}
	b, _ := os.ReadFile(p)
	lines := strings.Split(strings.TrimSuffix(string(b), "\n"), "\n")
	if len(lines) != 7 {
		t.Fatalf("%d lines, want 7", len(lines))
	}
	for f, l := range lines {
		for c, s := range strings.Split(l, ",") {
			v, err := strconv.ParseFloat(s, 64)
			if err != nil || v != data[f*3+c] {
				t.Fatalf("frame %d ch %d: %q, want %v", f, c, s, data[f*3+c])
			}
		}
	}
}

func TestNPYRoundTrip(t *testing.T) {
	p := filepath.Join(t.TempDir(), "out.npy")
	w, err := Create(p, 3, 44100)
	if err != nil {
		t.Fatal(err)
	}
	data := blocks(t, w)
	if err := w.Commit(); err != nil {
		t.Fatal(err)
	}
	b, _ := os.ReadFile(p)
	if string(b[:6]) != "\x93NUMPY" || b[6] != 1 {
		t.Fatalf("bad magic %q", b[:8])
	}
	hl := int(binary.LittleEndian.Uint16(b[8:]))
	if (10+hl)%64 != 0 {
		t.Fatalf("header length %d not aligned to 64", 10+hl)
	}
	if h := string(b[10 : 10+hl]); !strings.Contains(h, "'shape': (7, 3)") || !strings.Contains(h, "'<f8'") {
		t.Fatalf("header %q", h)
	}
	body := b[10+hl:]
	if len(body) != 21*8 {
		t.Fatalf("body %d bytes", len(body))
	}
	for i, want := range data {
		if got := math.Float64frombits(binary.LittleEndian.Uint64(body[i*8:])); got != want {
			t.Fatalf("value %d: %v want %v", i, got, want)
		}
	}
}

func TestWAVFloatRoundTrip(t *testing.T) {
	p := filepath.Join(t.TempDir(), "out.wav")
	w, err := Create(p, 3, 16000)
	if err != nil {
		t.Fatal(err)
	}
	data := blocks(t, w)
	if err := w.Commit(); err != nil {
		t.Fatal(err)
	}
	b, _ := os.ReadFile(p)
	le := binary.LittleEndian
	if string(b[:4]) != "RIFF" || string(b[8:16]) != "WAVEfmt " {
		t.Fatal("bad RIFF header")
	}
	if int(le.Uint32(b[4:])) != len(b)-8 {
		t.Fatalf("RIFF size %d, file %d", le.Uint32(b[4:]), len(b))
	}
	if le.Uint16(b[20:]) != 3 || le.Uint16(b[22:]) != 3 || le.Uint32(b[24:]) != 16000 || le.Uint16(b[34:]) != 32 {
		t.Fatal("bad fmt chunk")
	}
	if string(b[50:54]) != "data" || le.Uint32(b[54:]) != 21*4 {
		t.Fatalf("bad data chunk %q %d", b[50:54], le.Uint32(b[54:]))
	}
	for i, want := range data {
		if got := math.Float32frombits(le.Uint32(b[58+i*4:])); got != float32(want) {
			t.Fatalf("value %d: %v want %v", i, got, float32(want))
		}
	}
}

func TestAbortLeavesNothing(t *testing.T) {
	dir := t.TempDir()
	for _, ext := range Formats {
		p := filepath.Join(dir, "out"+ext)
		w, err := Create(p, 2, 8000)
		if err != nil {
			t.Fatal(err)
		}
		if err := w.Write([]float64{1, 2, 3, 4}, 2); err != nil {
			t.Fatal(err)
		}
		w.Abort()
	}
	if ents, _ := os.ReadDir(dir); len(ents) != 0 {
		t.Fatalf("left behind: %v", ents)
	}
}

func TestErrors(t *testing.T) {
	dir := t.TempDir()
	if _, err := Create(filepath.Join(dir, "x.mp3"), 1, 1); err == nil || !strings.Contains(err.Error(), ".mp3") {
		t.Fatalf("unknown extension: %v", err)
	}
	if _, err := Create(filepath.Join(dir, "x.csv"), 0, 1); err == nil {
		t.Fatal("zero channels accepted")
	}
	if _, err := Create(filepath.Join(dir, "no", "such", "x.csv"), 1, 1); err == nil {
		t.Fatal("missing folder accepted")
	}
	w, _ := Create(filepath.Join(dir, "x.csv"), 2, 1)
	if err := w.Write([]float64{1}, 1); err == nil {
		t.Fatal("short block accepted")
	}
	w.Abort()
}

// TestNonFiniteRejected: a NaN or infinite sample, or one that 32-bit float
// cannot hold, is an error naming its place, in every format; the output
// never appears.
func TestNonFiniteRejected(t *testing.T) {
	for _, c := range []struct {
		ext  string
		bad  float64
		want string
	}{
		{".csv", math.NaN(), "frame 5, channel 1 is NaN"},
		{".npy", math.Inf(1), "frame 5, channel 1 is +Inf"},
		{".wav", math.Inf(-1), "frame 5, channel 1 is -Inf"},
		{".wav", 1e300, "frame 5, channel 1 is 1e+300, beyond the range of 32-bit float"},
	} {
		p := filepath.Join(t.TempDir(), "out"+c.ext)
		w, err := Create(p, 3, 44100)
		if err != nil {
			t.Fatal(err)
		}
		if err := w.Write(make([]float64, 12), 4); err != nil {
			t.Fatal(err)
		}
		block := make([]float64, 6)
		block[4] = c.bad
		err = w.Write(block, 2)
		if err == nil || !strings.Contains(err.Error(), c.want) {
			t.Errorf("%s with %v: error %v, want %q", c.ext, c.bad, err, c.want)
		}
		w.Abort()
		if ents, _ := os.ReadDir(filepath.Dir(p)); len(ents) != 0 {
			t.Errorf("%s: %d files left after Abort", c.ext, len(ents))
		}
	}
	if _, err := Create(filepath.Join(t.TempDir(), "x.wav"), 1, 0.4); err == nil {
		t.Error("a WAV at 0.4 Hz (stored as 0 Hz) accepted")
	}
	if _, err := Create(filepath.Join(t.TempDir(), "x.wav"), 60000, 192000); err == nil {
		t.Error("a WAV whose byte rate overflows its header accepted")
	}
	w, err := Create(filepath.Join(t.TempDir(), "x.npy"), 2, 100)
	if err != nil {
		t.Fatal(err)
	}
	defer w.Abort()
	if err := w.Write(nil, -1); err == nil {
		t.Error("negative frame count accepted")
	}
}

// TestFloat32: NPY '<f4' holds float32 values at half the size, CSV nine
// digits; values beyond float32's range are refused.
func TestFloat32(t *testing.T) {
	dir := t.TempDir()
	block := []float64{1.0 / 3, -2, 1e-3, 12345.678}
	for _, name := range []string{"a.npy", "a.csv"} {
		path := filepath.Join(dir, name)
		w, err := CreateWith(path, 2, 100, Options{Float32: true})
		if err != nil {
			t.Fatal(err)
		}
		if err := w.Write(block, 2); err != nil {
			t.Fatal(err)
		}
		if err := w.Commit(); err != nil {
			t.Fatal(err)
		}
		b, _ := os.ReadFile(path)
		switch name {
		case "a.npy":
			if len(b) != npyHeaderLen+4*4 || !strings.Contains(string(b[:npyHeaderLen]), "'<f4'") {
				t.Fatalf("npy of %d bytes, header %q", len(b), b[:npyHeaderLen])
			}
			for i, v := range block {
				if got := math.Float32frombits(binary.LittleEndian.Uint32(b[npyHeaderLen+4*i:])); got != float32(v) {
					t.Errorf("value %d: %v, want %v", i, got, float32(v))
				}
			}
		case "a.csv":
			if !strings.HasPrefix(string(b), "0.33333334,-2\n") {
				t.Errorf("csv %q", b)
			}
		}
	}
	w, _ := CreateWith(filepath.Join(dir, "big.npy"), 1, 100, Options{Float32: true})
	if err := w.Write([]float64{1e300}, 1); err == nil {
		t.Error("1e300 written as float32")
	}
	w.Abort()
}

// TestStreamsEqualFiles: a stream of each format holds the bytes of the
// file of that format (headers written up front with the announced
// length), and a stream that receives fewer or more frames than it
// announced is an error.
func TestStreamsEqualFiles(t *testing.T) {
	dir := t.TempDir()
	for _, format := range []string{"csv", "npy", "wav"} {
		for _, opt := range []Options{{}, {Float32: true}} {
			path := filepath.Join(dir, "x."+format)
			w, err := CreateWith(path, 3, 16000, opt)
			if err != nil {
				t.Fatal(err)
			}
			blocks(t, w)
			if err := w.Commit(); err != nil {
				t.Fatal(err)
			}
			want, _ := os.ReadFile(path)
			var got strings.Builder
			s, err := NewStream(&got, format, 3, 16000, 7, opt)
			if err != nil {
				t.Fatal(err)
			}
			blocks(t, s)
			if err := s.Commit(); err != nil {
				t.Fatal(err)
			}
			if got.String() != string(want) {
				t.Errorf("%s %+v: the stream differs from the file", format, opt)
			}
		}
	}
	for _, format := range []string{"npy", "wav"} {
		var sink strings.Builder
		short, _ := NewStream(&sink, format, 3, 16000, 8, Options{})
		blocks(t, short)
		if err := short.Commit(); err == nil || !strings.Contains(err.Error(), "7 frames written, but the header announced 8") {
			t.Errorf("%s, one frame short: %v", format, err)
		}
		long, _ := NewStream(&sink, format, 3, 16000, 5, Options{})
		if err := long.Write(make([]float64, 18), 6); err == nil || !strings.Contains(err.Error(), "more than the 5 frames") {
			t.Errorf("%s, one frame over: %v", format, err)
		}
		if _, err := NewStream(&sink, format, 3, 16000, -1, Options{}); err == nil {
			t.Errorf("%s stream of unknown length accepted", format)
		}
	}
	if _, err := NewStream(&strings.Builder{}, "eps", 1, 1, 1, Options{}); err == nil || !strings.Contains(err.Error(), ".eps") {
		t.Errorf("eps: %v", err)
	}
}
