package main

import (
	"bytes"
	"encoding/binary"
	"math"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/gohears/hears/internal/refdata"
	"github.com/gohears/hears/sound"
)

func writeFile(t *testing.T, path, text string) string {
	t.Helper()
	if err := os.WriteFile(path, []byte(text), 0o644); err != nil {
		t.Fatal(err)
	}
	return path
}

func runHears(t *testing.T, args ...string) (int, string) {
	t.Helper()
	var out, errb bytes.Buffer
	code := run(args, &out, &errb)
	return code, out.String() + errb.String()
}

// TestFilterReferenceCSV runs brian2hears' gammatone_click_32ch case through
// the command: CSV in, chain file, CSV out, compared with brian2hears.
func TestFilterReferenceCSV(t *testing.T) {
	c, err := refdata.Load("../../testdata/gammatone_click_32ch")
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	ch := writeFile(t, filepath.Join(dir, "gt.json"), `{"samplerate": 44100, "nodes": [
		{"class": "Gammatone", "cf": {"erbspace": [100, 8000, 32]}, "b": 1.019}]}`)
	out := filepath.Join(dir, "out.csv")
	for _, block := range []string{"7", "1024"} {
		code, msg := runHears(t, "filter", "--chain", ch, "--input", c.File("input.csv"), "--output", out, "--block", block, "-q")
		if code != 0 {
			t.Fatalf("exit %d: %s", code, msg)
		}
		got, err := refdata.CSV(out)
		if err != nil {
			t.Fatal(err)
		}
		want, _ := c.CSV("output.csv")
		tol, _ := c.SuggestedTolerance()
		g, _ := refdata.Flatten(got)
		w, _ := refdata.Flatten(want)
		if _, err := refdata.Compare(g, w, tol); err != nil {
			t.Fatalf("block %s: %v", block, err)
		}
	}
}

// readNPY reads a float64 C-order NPY file written by the command.
func readNPY(t *testing.T, path string) ([]float64, string) {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	hl := int(binary.LittleEndian.Uint16(b[8:]))
	body := b[10+hl:]
	v := make([]float64, len(body)/8)
	for i := range v {
		v[i] = math.Float64frombits(binary.LittleEndian.Uint64(body[8*i:]))
	}
	return v, string(b[10 : 10+hl])
}

// TestFilterWAVToNPY streams a WAV file through a two-node chain with a
// named source and compares with the same chain built in Go.
func TestFilterWAVToNPY(t *testing.T) {
	dir := t.TempDir()
	tone, err := sound.Tone(1000, 0.05, sound.WithRate(16000))
	if err != nil {
		t.Fatal(err)
	}
	wav := filepath.Join(dir, "tone.wav")
	if err := sound.SaveWAV(wav, tone, sound.WAVOptions{Encoding: sound.Float32}); err != nil {
		t.Fatal(err)
	}
	ch := writeFile(t, filepath.Join(dir, "c.json"), `{"nodes": [
		{"class": "LowPass", "name": "lp", "fc": [100, 2000]},
		{"class": "Cascade", "source": "input", "filterbank": "lp", "n": 2}]}`)
	out := filepath.Join(dir, "out.npy")
	if code, msg := runHears(t, "filter", "--chain", ch, "--input", wav, "--output", out); code != 0 {
		t.Fatalf("exit %d: %s", code, msg)
	}
	got, hdr := readNPY(t, out)
	if !strings.Contains(hdr, "(800, 2)") {
		t.Fatalf("header %q", hdr)
	}
	// Second-order low-pass at 2 kHz passes a 1 kHz tone nearly whole; at
	// 100 Hz it removes most of it.
	var e0, e1 float64
	for f := 400; f < 800; f++ {
		e0 += got[2*f] * got[2*f]
		e1 += got[2*f+1] * got[2*f+1]
	}
	if !(e1 > 0.5*400*0.5 && e0 < 0.01*e1) {
		t.Fatalf("energies %g (100 Hz) and %g (2 kHz)", e0, e1)
	}
}

func TestFilterResamplesWAV(t *testing.T) {
	dir := t.TempDir()
	tone, _ := sound.Tone(500, 0.1, sound.WithRate(16000))
	wav := filepath.Join(dir, "tone.wav")
	if err := sound.SaveWAV(wav, tone, sound.WAVOptions{Encoding: sound.Float32}); err != nil {
		t.Fatal(err)
	}
	ch := writeFile(t, filepath.Join(dir, "c.json"), `{"samplerate": 44100, "nodes": [{"class": "LowPass", "fc": 8000}]}`)
	out := filepath.Join(dir, "out.wav")
	code, msg := runHears(t, "filter", "--chain", ch, "--input", wav, "--output", out)
	if code != 1 || !strings.Contains(msg, "44100 Hz but the input runs at 16000 Hz") {
		t.Fatalf("rate mismatch: exit %d: %s", code, msg)
	}
	if code, msg := runHears(t, "filter", "--chain", ch, "--input", wav, "--output", out, "--samplerate", "44100"); code != 0 {
		t.Fatalf("exit %d: %s", code, msg)
	}
	s, err := sound.Load(out)
	if err != nil {
		t.Fatal(err)
	}
	if s.SampleRate() != 44100 || s.NumFrames() != 4410 {
		t.Fatalf("output %d frames at %g Hz", s.NumFrames(), s.SampleRate())
	}
}

// TestFilterErrorsLeaveNoOutput checks that every failure names its cause
// and leaves no output file.
func TestFilterErrorsLeaveNoOutput(t *testing.T) {
	dir := t.TempDir()
	good := writeFile(t, filepath.Join(dir, "good.json"), `{"nodes": [{"class": "LowPass", "fc": 100}]}`)
	typo := writeFile(t, filepath.Join(dir, "typo.json"), `{"nodes": [{"class": "LowPass", "fc": 100, "order": 2}]}`)
	csvOK := writeFile(t, filepath.Join(dir, "in.csv"), "0.1,0.2\n0.3,0.4\n")
	csvBad := writeFile(t, filepath.Join(dir, "bad.csv"), "0.1,0.2\n0.3,x\n")
	csvRagged := writeFile(t, filepath.Join(dir, "ragged.csv"), "0.1,0.2\n0.3\n")
	csvHuge := writeFile(t, filepath.Join(dir, "huge.csv"), "0.1,0.2\n0.3,1e400\n")
	corrupt := writeFile(t, filepath.Join(dir, "corrupt.wav"), "RIFF....WAVEfmt nonsense")
	divZero := writeFile(t, filepath.Join(dir, "nan.json"), `{"nodes": [{"class": "FunctionFilterbank", "expr": "x/0"}]}`)
	unstable := writeFile(t, filepath.Join(dir, "unstable.json"), `{"nodes": [{"class": "LinearFilterbank", "b": [[[1], [0]]], "a": [[[1], [-2]]]}]}`)
	// Infinite output after 15 blocks have been written: a text function
	// that divides by zero once the input turns negative at frame 1500.
	infinite := writeFile(t, filepath.Join(dir, "infinite.json"), `{"nodes": [{"class": "FunctionFilterbank", "expr": "1/clip(x, 0, inf)"}]}`)
	long := writeFile(t, filepath.Join(dir, "long.csv"), strings.Repeat("1\n", 1500)+strings.Repeat("-1\n", 1500))
	folder := filepath.Join(dir, "folder.csv")
	if err := os.Mkdir(folder, 0o755); err != nil {
		t.Fatal(err)
	}
	out := filepath.Join(dir, "out.csv")
	cases := []struct {
		args []string
		code int
		want string
	}{
		{[]string{"--chain", typo, "--input", csvOK, "--samplerate", "8000", "--output", out}, 1, `unknown key "order"`},
		{[]string{"--chain", good, "--input", csvBad, "--samplerate", "8000", "--output", out}, 1, `line 2, column 2: "x" is not a number`},
		{[]string{"--chain", good, "--input", csvRagged, "--samplerate", "8000", "--output", out}, 1, "line 2 has 1 columns"},
		{[]string{"--chain", good, "--input", csvHuge, "--samplerate", "8000", "--output", out}, 1, `line 2, column 2: "1e400" is beyond the range of float64`},
		{[]string{"--chain", good, "--input", csvOK, "--output", out}, 2, "needs --samplerate"},
		{[]string{"--chain", good, "--input", corrupt, "--output", out}, 1, "corrupt.wav"},
		{[]string{"--chain", good, "--input", csvOK, "--samplerate", "8000", "--output", filepath.Join(dir, "out.mp3")}, 1, `".mp3"`},
		{[]string{"--input", csvOK, "--output", out}, 2, "--chain is required"},
		{[]string{"--chain", good, "--input", csvOK, "--samplerate", "-5", "--output", out}, 2, "--samplerate"},
		{[]string{"--chain", filepath.Join(dir, "none.json"), "--input", csvOK, "--output", out}, 1, "none.json"},
		{[]string{"--chain", good, "--input", csvOK, "--samplerate", "Inf", "--output", out}, 2, "--samplerate"},
		{[]string{"--chain", good, "--input", csvOK, "--samplerate", "8000", "--output", out, "--block", "1000000000"}, 2, "--block"},
		{[]string{"--chain", good, "--input", csvOK, "--samplerate", "8000", "--output", folder}, 2, "is a folder"},
		// A chain whose output is not finite is an error, not a file of NaN.
		{[]string{"--chain", divZero, "--input", csvOK, "--samplerate", "8000", "--output", out}, 1, "frame 0, channel 0 is +Inf"},
		{[]string{"--chain", unstable, "--input", long, "--samplerate", "8000", "--output", filepath.Join(dir, "out.npy"), "--block", "100"}, 1, "outside the unit circle"},
		{[]string{"--chain", infinite, "--input", long, "--samplerate", "8000", "--output", filepath.Join(dir, "out.npy"), "--block", "100"}, 1, "frame 1500, channel 0 is +Inf"},
	}
	for _, c := range cases {
		code, msg := runHears(t, append([]string{"filter"}, c.args...)...)
		if code != c.code || !strings.Contains(msg, c.want) {
			t.Errorf("%v: exit %d, %q; want exit %d mentioning %q", c.args, code, msg, c.code, c.want)
		}
	}
	ents, _ := os.ReadDir(dir)
	for _, e := range ents {
		if strings.HasPrefix(e.Name(), "out") || strings.Contains(e.Name(), ".part-") {
			t.Errorf("left behind: %s", e.Name())
		}
	}
}
