package sound

import (
	"bytes"
	"encoding/binary"
	"encoding/json"
	"math"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
)

// soundOps is testdata/brianhears/sound_ops.json, made with brian2hears
// 0.9.2 by make_sound_cases.py there.
type soundOps struct {
	Input  [][]float64 `json:"input"`
	Rate   float64     `json:"samplerate_Hz"`
	Times  []float64   `json:"times_s"`
	Slices []struct {
		Start, End, Step int
		StartS           *float64 `json:"start_s"`
		EndS             *float64 `json:"end_s"`
		Code             string
		Output           [][]float64
	}
	Assignments []struct {
		Start, End int
		StartS     *float64 `json:"start_s"`
		EndS       *float64 `json:"end_s"`
		Value      [][]float64
		Code       string
		Output     [][]float64
	}
}

func loadSoundOps(t *testing.T) (*soundOps, *Sound) {
	t.Helper()
	raw, err := os.ReadFile(filepath.Join("..", "testdata", "brianhears", "sound_ops.json"))
	if err != nil {
		t.Fatal(err)
	}
	var c soundOps
	if err := json.Unmarshal(raw, &c); err != nil {
		t.Fatal(err)
	}
	s, err := fromRows(c.Input, c.Rate)
	if err != nil {
		t.Fatal(err)
	}
	return &c, s
}

// fromRows is a test helper: rows are frames.
func fromRows(rows [][]float64, rate float64) (*Sound, error) {
	var data []float64
	for _, r := range rows {
		data = append(data, r...)
	}
	return New(data, len(rows[0]), rate)
}

func sameRows(t *testing.T, what string, got *Sound, want [][]float64) {
	t.Helper()
	if got.NumFrames() != len(want) || got.NumChannels() != len(want[0]) {
		t.Fatalf("%s: %d×%d, brian2hears %d×%d", what, got.NumFrames(), got.NumChannels(), len(want), len(want[0]))
	}
	for f, r := range want {
		for c, v := range r {
			if got.At(f, c) != v {
				t.Fatalf("%s: frame %d channel %d = %v, brian2hears %v", what, f, c, got.At(f, c), v)
			}
		}
	}
}

func TestTimesBrianHears(t *testing.T) {
	c, s := loadSoundOps(t)
	got := s.Times()
	if len(got) != len(c.Times) {
		t.Fatalf("%d times, brian2hears %d", len(got), len(c.Times))
	}
	for i, v := range c.Times {
		if math.Abs(got[i]-v) > 1e-15*math.Abs(v) {
			t.Fatalf("Times()[%d] = %.17g, brian2hears %.17g", i, got[i], v)
		}
	}
	// A 44.1 kHz sound: the last time is (n-1)/rate, spacing 1/rate.
	tone, err := Tone(1000, 0.01, WithRate(44100))
	if err != nil {
		t.Fatal(err)
	}
	tt := tone.Times()
	if len(tt) != 441 || tt[0] != 0 || math.Abs(tt[440]-440/44100.0) > 1e-18 {
		t.Fatalf("tone times: %d values, first %v, last %v", len(tt), tt[0], tt[len(tt)-1])
	}
}

func TestSliceStepBrianHears(t *testing.T) {
	c, s := loadSoundOps(t)
	for _, k := range c.Slices {
		var got *Sound
		var err error
		if k.StartS != nil {
			got, err = s.SliceStep(*k.StartS, *k.EndS, k.Step)
		} else {
			got, err = s.SliceFramesStep(k.Start, k.End, k.Step)
		}
		if err != nil {
			t.Fatalf("%s: %v", k.Code, err)
		}
		sameRows(t, k.Code, got, k.Output)
		if got.SampleRate() != s.SampleRate() {
			t.Fatalf("%s: rate %v, want %v kept", k.Code, got.SampleRate(), s.SampleRate())
		}
	}
}

func TestSliceStepPadding(t *testing.T) {
	s, _ := New([]float64{1, 2, 3, 4}, 1, 10)
	// Frames -2, 0, 2, 4 of the zero-extended sound.
	got, err := s.SliceFramesStep(-2, 5, 2)
	if err != nil {
		t.Fatal(err)
	}
	if want := []float64{0, 1, 3, 0}; !slices.Equal(got.Data(), want) {
		t.Fatalf("got %v, want %v", got.Data(), want)
	}
	// Step 1 is SliceFrames.
	a, _ := s.SliceFramesStep(-1, 6, 1)
	b, _ := s.SliceFrames(-1, 6)
	if !slices.Equal(a.Data(), b.Data()) {
		t.Fatalf("step 1 %v, SliceFrames %v", a.Data(), b.Data())
	}
	for _, bad := range [][3]int{{0, 4, 0}, {0, 4, -1}, {3, 1, 1}, {0, math.MaxInt / 2, 1}} {
		if _, err := s.SliceFramesStep(bad[0], bad[1], bad[2]); err == nil {
			t.Errorf("SliceFramesStep%v: no error", bad)
		}
	}
}

func TestSetSliceBrianHears(t *testing.T) {
	c, _ := loadSoundOps(t)
	for _, k := range c.Assignments {
		_, s := loadSoundOps(t)
		v, err := fromRows(k.Value, s.SampleRate())
		if err != nil {
			t.Fatal(err)
		}
		if k.StartS != nil {
			err = s.SetSlice(*k.StartS, *k.EndS, v)
		} else {
			err = s.SetSliceFrames(k.Start, k.End, v)
		}
		if err != nil {
			t.Fatalf("%s: %v", k.Code, err)
		}
		sameRows(t, k.Code, s, k.Output)
	}
}

func TestSetSliceErrors(t *testing.T) {
	s, _ := New(make([]float64, 10), 2, 100)
	mono3, _ := New([]float64{1, 2, 3}, 1, 100)
	tri, _ := New(make([]float64, 9), 3, 100)
	other, _ := New([]float64{1, 2, 3}, 1, 200)
	for _, c := range []struct {
		start, end int
		o          *Sound
		msg        string
	}{
		{0, 3, nil, "nil"},
		{-1, 2, mono3, "not inside"},
		{3, 6, mono3, "not inside"},
		{0, 2, mono3, "3 frames"},
		{0, 3, tri, "3 channels"},
		{0, 3, other, "200 Hz"},
	} {
		before := append([]float64(nil), s.Data()...)
		err := s.SetSliceFrames(c.start, c.end, c.o)
		if err == nil || !strings.Contains(err.Error(), c.msg) {
			t.Errorf("SetSliceFrames(%d, %d): error %v, want one with %q", c.start, c.end, err, c.msg)
		}
		if !slices.Equal(before, s.Data()) {
			t.Errorf("SetSliceFrames(%d, %d) failed but wrote", c.start, c.end)
		}
	}
}

// TestPCM8 writes 8-bit WAV (Brian Hears' save(samplewidth=1)) and checks
// the header, the codes, the round trip, and that the file brian2hears
// wrote decodes to the sound it was given within its quantisation.
func TestPCM8(t *testing.T) {
	s, _ := New([]float64{-1, 0, -0.5, 0.25, 0, 0.5, 0.5, -0.25, 1, 0.999, 0.3, -0.3}, 2, 8000)
	var buf bytes.Buffer
	if err := EncodeWAV(&buf, s, WAVOptions{Encoding: PCM8, Clip: true}); err != nil {
		t.Fatal(err)
	}
	b := buf.Bytes()
	le := binary.LittleEndian
	if tag, bits, align := le.Uint16(b[20:]), le.Uint16(b[34:]), le.Uint16(b[32:]); tag != 1 || bits != 8 || align != 2 {
		t.Fatalf("format tag %d, %d bits, block align %d; want 1, 8, 2", tag, bits, align)
	}
	if rate := le.Uint32(b[28:]); le.Uint32(b[24:]) != 8000 || rate != 16000 {
		t.Fatalf("rate %d, byte rate %d", le.Uint32(b[24:]), rate)
	}
	// round(128·v)+128, clipped to [0, 255]; 12 bytes, even, no pad.
	want := []byte{0, 128, 64, 160, 128, 192, 192, 96, 255, 255, 166, 90}
	if got := b[44:]; !bytes.Equal(got, want) || le.Uint32(b[40:]) != 12 {
		t.Fatalf("codes %v, want %v", got, want)
	}
	back, err := DecodeWAV(bytes.NewReader(b))
	if err != nil {
		t.Fatal(err)
	}
	for i, v := range s.Data() {
		if d := math.Abs(back.Data()[i] - v); d > 0.5/128+1e-15 && v < 127.0/128 {
			t.Fatalf("sample %d: %v decoded as %v", i, v, back.Data()[i])
		}
	}
	// Re-encoding what was decoded gives the same bytes.
	var again bytes.Buffer
	if err := EncodeWAV(&again, back, WAVOptions{Encoding: PCM8}); err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(again.Bytes(), b) {
		t.Fatal("8-bit round trip changed the file")
	}
	// An odd number of bytes is padded to the RIFF word.
	odd, _ := New([]float64{0.1, 0.2, 0.3}, 1, 8000)
	buf.Reset()
	if err := EncodeWAV(&buf, odd, WAVOptions{Encoding: PCM8}); err != nil {
		t.Fatal(err)
	}
	if buf.Len() != 44+4 || le.Uint32(buf.Bytes()[4:]) != 40 {
		t.Fatalf("odd 8-bit file: %d bytes, RIFF size %d", buf.Len(), le.Uint32(buf.Bytes()[4:]))
	}
	if _, err := DecodeWAV(bytes.NewReader(buf.Bytes())); err != nil {
		t.Fatal(err)
	}
	// brian2hears' own 8-bit file: it writes int(127·v + 128), truncating,
	// so a code is up to 1/128 (scale) + 1/128 (truncation) off.
	bh, err := LoadWAV(filepath.Join("..", "testdata", "brianhears", "sound_8bit.wav"))
	if err != nil {
		t.Fatal(err)
	}
	given := []float64{-1, 0, -0.5, 0.25, 0, 0.5, 0.5, -0.25, 1, 0.999}
	if bh.NumChannels() != 2 || bh.SampleRate() != 8000 || len(bh.Data()) != len(given) {
		t.Fatalf("brian2hears file: %v", bh)
	}
	for i, v := range given {
		if d := math.Abs(bh.Data()[i] - v); d > 2.0/128+1e-12 {
			t.Fatalf("brian2hears sample %d: %v decoded as %v", i, v, bh.Data()[i])
		}
	}
	if PCM8.String() != "8-bit PCM" {
		t.Fatal(PCM8.String())
	}
}
