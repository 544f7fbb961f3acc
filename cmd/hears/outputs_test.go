package main

import (
	"bytes"
	"encoding/binary"
	"encoding/json"
	"fmt"
	"io"
	"math"
	"math/rand/v2"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/gohears/hears/chain"
	"github.com/gohears/hears/filterbank"
	"github.com/gohears/hears/internal/decimate"
	"github.com/gohears/hears/sound"
)

// noiseWAV writes dur seconds of white noise at rate Hz (32-bit float, so
// that the file holds exactly what the test computes with).
func noiseWAV(t *testing.T, path string, dur, rate float64) *sound.Sound {
	t.Helper()
	r := rand.New(rand.NewPCG(1, 2))
	x := make([]float64, int(dur*rate))
	for i := range x {
		x[i] = 0.1 * r.NormFloat64()
	}
	s, err := sound.New(x, 1, rate)
	if err != nil {
		t.Fatal(err)
	}
	if err := sound.SaveWAV(path, s, sound.WAVOptions{Encoding: sound.Float32}); err != nil {
		t.Fatal(err)
	}
	return s
}

// TestFilterShapedOutput: --keep, --output-rate and --float32 give the
// kept channels of the full output decimated by internal/decimate, as
// float32, with a sidecar that says so.
func TestFilterShapedOutput(t *testing.T) {
	dir := t.TempDir()
	in := filepath.Join(dir, "noise.wav")
	noiseWAV(t, in, 0.5, 16000)
	ch := writeFile(t, filepath.Join(dir, "c.json"), `{"nodes": [
		{"class": "Gammatone", "cf": {"erbspace": [100, 4000, 8]}},
		{"class": "FunctionFilterbank", "expr": "clip(x, 0, inf)**(1/3)"},
		{"class": "LowPass", "fc": 10}]}`)
	full := filepath.Join(dir, "full.npy")
	if code, msg := runHears(t, "filter", "--chain", ch, in, "-o", full, "-q"); code != 0 {
		t.Fatalf("exit %d: %s", code, msg)
	}
	all, _ := readNPY(t, full)
	keep := []int{0, 1, 5}
	var want []float64
	d, err := decimate.New(len(keep), 160, func(b []float64, n int) error {
		for _, v := range b[:n*len(keep)] {
			want = append(want, float64(float32(v)))
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	d.Write(pick(nil, all, len(all)/8, 8, keep), len(all)/8)
	d.Flush()
	out := filepath.Join(dir, "env.npy")
	code, stdout, stderr := hears(t, "filter", "--chain", ch, "-i", in, "-o", out, "--keep", "0:2,5", "--output-rate", "100", "--float32")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	if stdout != out+"\n"+filepath.Join(dir, "env.json")+"\n" {
		t.Errorf("files written: %q", stdout)
	}
	b, err := os.ReadFile(out)
	if err != nil {
		t.Fatal(err)
	}
	if hdr := string(b[:128]); !strings.Contains(hdr, "'<f4'") || !strings.Contains(hdr, "(50, 3)") {
		t.Fatalf("header %q", hdr)
	}
	got := make([]float64, (len(b)-128)/4)
	for i := range got {
		got[i] = float64(float32frombytes(b[128+4*i:]))
	}
	if !slices.Equal(got, want) {
		t.Errorf("decimated output differs from the full output decimated")
	}
	var meta map[string]any
	mb, _ := os.ReadFile(filepath.Join(dir, "env.json"))
	if err := json.Unmarshal(mb, &meta); err != nil {
		t.Fatal(err)
	}
	idx, _ := meta["channel_indices"].([]any)
	in2, _ := meta["input"].(map[string]any)
	if meta["sample_rate_hz"] != 100.0 || meta["channels"] != 3.0 || len(idx) != 3 || idx[2] != 5.0 ||
		meta["sample_type"] != "float32" || !strings.Contains(meta["decimation"].(string), "passband 0–40 Hz") ||
		len(in2["sha256"].(string)) != 64 || !strings.Contains(string(mb), `"LowPass"`) {
		t.Errorf("sidecar %s", mb)
	}
	erb, _ := filterbank.ERBSpace(100, 4000, 8)
	cf, _ := meta["centre_frequencies_hz"].([]any)
	if len(cf) != 3 || cf[0] != erb[0] || cf[1] != erb[1] || cf[2] != erb[5] {
		t.Errorf("centre frequencies %v, want %v of %v", cf, keep, erb)
	}
}

// TestFilterSidecarFrequencies: the sidecar gives each kept column the
// centre frequency of the channel it holds, through restructuring nodes,
// and null when the chain's channels have none.
func TestFilterSidecarFrequencies(t *testing.T) {
	dir := t.TempDir()
	in := filepath.Join(dir, "a.wav")
	writeWAV(t, in, tone(t, 1000, 0.05, 16000))
	for _, c := range []struct {
		name, nodes, keep string
		want              string
	}{
		{"repeat", `{"class": "Gammatone", "cf": [100, 200, 400]}, {"class": "Repeat", "numrepeat": 2}`, "1,4:6", "[100,400,400]"},
		{"select", `{"class": "Gammatone", "cf": [100, 200, 400]}, {"class": "RestructureFilterbank", "indexmapping": [2, 1]}`, "", "[400,200]"},
		{"untuned", `{"class": "FIRFilterbank", "impulse_response": [[1, 0], [0, 1]]}`, "", "null"},
	} {
		ch := writeFile(t, filepath.Join(dir, c.name+".chain"), `{"nodes": [`+c.nodes+`]}`)
		out := filepath.Join(dir, c.name+".npy")
		args := []string{"filter", "--chain", ch, in, "-o", out, "-q"}
		if c.keep != "" {
			args = append(args, "--keep", c.keep)
		}
		if code, _, stderr := hears(t, args...); code != 0 {
			t.Fatalf("%s: exit %d: %s", c.name, code, stderr)
		}
		var meta struct {
			CF json.RawMessage `json:"centre_frequencies_hz"`
		}
		mb, _ := os.ReadFile(filepath.Join(dir, c.name+".json"))
		if err := json.Unmarshal(mb, &meta); err != nil {
			t.Fatal(err)
		}
		var compact bytes.Buffer
		json.Compact(&compact, meta.CF)
		if compact.String() != c.want {
			t.Errorf("%s: centre frequencies %s, want %s", c.name, compact.String(), c.want)
		}
	}
}

func float32frombytes(b []byte) float32 {
	return math.Float32frombits(binary.LittleEndian.Uint32(b))
}

// TestREADMEChainSize: the README's 3000-channel chain with --output-rate
// 100 and --float32 writes 100 frames/s × 3000 channels × 4 bytes: checked
// on 1 s here (1.2 MB plus the header), so 60 s are 72 MB, under 100 MB,
// and the size check refuses 60 s × 3000 channels at full rate.
func TestREADMEChainSize(t *testing.T) {
	if testing.Short() {
		t.Skip("3000 channels")
	}
	dir := t.TempDir()
	in := filepath.Join(dir, "speech.wav")
	noiseWAV(t, in, 1, 44100)
	// The chain of the README, verbatim.
	ch := writeFile(t, filepath.Join(dir, "readme.json"), `{"samplerate": 44100,
 "nodes": [
		{"class": "Gammatone", "cf": {"erbspace": [20, 20000, 3000]}},
		{"class": "FunctionFilterbank", "expr": "clip(x, 0, inf)**(1/3)"},
		{"class": "LowPass", "fc": 10}]}`)
	out := filepath.Join(dir, "env.npy")
	if code, _, stderr := hears(t, "filter", "--chain", ch, in, "-o", out, "--output-rate", "100", "--float32"); code != 0 {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	st, err := os.Stat(out)
	if err != nil || st.Size() != 128+100*3000*4 {
		t.Fatalf("size %v, %v; want %d", st, err, 128+100*3000*4)
	}
	if per60 := float64(st.Size()-128) * 60; per60 >= 100e6 {
		t.Errorf("60 s would take %g bytes", per60)
	}
	long := filepath.Join(dir, "long.wav")
	noiseWAV(t, long, 60, 44100)
	big := filepath.Join(dir, "big.npy")
	code, _, stderr := hears(t, "filter", "--chain", ch, long, "-o", big)
	if code != 2 || !strings.Contains(stderr, "GiB") || !strings.Contains(stderr, "--output-rate") {
		t.Errorf("full-rate 60 s: exit %d, %q", code, stderr)
	}
	if _, err := os.Stat(big); err == nil {
		t.Error("a refused output was written")
	}
}

// TestOutputSafety: an output that is the input (directly or through a
// link), two outputs on one file, a sidecar on the chain file and an EPS
// picture are refused before any work; a symlinked output is written
// through.
func TestOutputSafety(t *testing.T) {
	dir := t.TempDir()
	in := filepath.Join(dir, "a.wav")
	writeWAV(t, in, tone(t, 1000, 0.1, 16000))
	orig, _ := os.ReadFile(in)
	link := filepath.Join(dir, "link.wav")
	os.Symlink("a.wav", link)
	ch := writeFile(t, filepath.Join(dir, "a.json"), `{"nodes": [{"class": "LowPass", "fc": 100}]}`)
	for name, args := range map[string][]string{
		"filter into its input":      {"filter", "--chain", ch, in, "-o", in},
		"filter into a link to it":   {"filter", "--chain", ch, in, "-o", link},
		"sidecar over chain":         {"filter", "--chain", ch, in, "-o", filepath.Join(dir, "a.npy")},
		"picture over input":         {"cochleagram", in, "-o", filepath.Join(dir, "a.wav.png"), "--csv", filepath.Join(dir, "a.wav.png")},
		"eps":                        {"cochleagram", in, "-o", filepath.Join(dir, "x.eps")},
		"csv flags without --csv":    {"cochleagram", in, "-o", filepath.Join(dir, "x.png"), "--float32"},
		"bad keep":                   {"filter", "--chain", ch, in, "-o", filepath.Join(dir, "x.npy"), "--keep", "3:1"},
		"bad output rate":            {"filter", "--chain", ch, in, "-o", filepath.Join(dir, "x.npy"), "--output-rate", "-1"},
		"bad max-output":             {"filter", "--chain", ch, in, "-o", filepath.Join(dir, "x.npy"), "--max-output", "lots"},
		"input twice":                {"cochleagram", in, "-i", in},
		"two inputs":                 {"cochleagram", in, in},
		"filter without an input":    {"filter", "--chain", ch, "-o", filepath.Join(dir, "x.npy")},
		"keep beyond the channels":   {"filter", "--chain", ch, in, "-o", filepath.Join(dir, "x.npy"), "--keep", "1"},
		"output rate above the rate": {"filter", "--chain", ch, in, "-o", filepath.Join(dir, "x.npy"), "--output-rate", "20000"},
	} {
		code, _, stderr := hears(t, args...)
		if code != 2 || stderr == "" || strings.Contains(stderr, "panic") {
			t.Errorf("%s: exit %d, %q", name, code, stderr)
		}
	}
	if now, _ := os.ReadFile(in); !slices.Equal(now, orig) {
		t.Fatal("the input was changed")
	}
	// A link as output: its target is written, the link stays.
	target := filepath.Join(dir, "real.npy")
	outLink := filepath.Join(dir, "out.npy")
	os.Symlink("real.npy", outLink)
	if code, _, stderr := hears(t, "filter", "--chain", ch, in, "-o", outLink, "-q"); code != 0 {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	if st, err := os.Lstat(outLink); err != nil || st.Mode()&os.ModeSymlink == 0 {
		t.Error("the output link was replaced")
	}
	if _, err := os.Stat(target); err != nil {
		t.Error("the link's target was not written")
	}
	left, _ := filepath.Glob(filepath.Join(dir, ".*part-*"))
	if len(left) > 0 {
		t.Errorf("temporary files left: %v", left)
	}
}

// TestHelpForms: 'hears help X', 'hears X --help' and 'hears X -h' print
// the same text for every command, including help and version.
func TestHelpForms(t *testing.T) {
	for _, name := range []string{"cochleagram", "filter", "batch", "help", "version", "completion"} {
		_, a, _ := hears(t, "help", name)
		codeB, b, _ := hears(t, name, "--help")
		_, c, _ := hears(t, name, "-h")
		if a == "" || a != b || b != c || codeB != 0 {
			t.Errorf("%s: help texts differ or fail:\n%q\n%q\n%q", name, a, b, c)
		}
	}
	for _, args := range [][]string{{"version"}, {"--version"}} {
		code, out, _ := hears(t, args...)
		if code != 0 || out != versionLine() {
			t.Errorf("%v: exit %d, %q", args, code, out)
		}
	}
	code, out, _ := hears(t, "completion", "bash")
	if code != 0 || !strings.Contains(out, "bash completion") {
		t.Errorf("completion bash: exit %d", code)
	}
	if code, _, stderr := hears(t, "help", "nope"); code != 2 || !strings.Contains(stderr, "nope") {
		t.Errorf("help nope: exit %d, %q", code, stderr)
	}
}

// TestDocsListModels: docs/cli.md's table of --model values is chain's
// table of models, no more, no less (one truth, checked).
func TestDocsListModels(t *testing.T) {
	b, err := os.ReadFile("../../docs/cli.md")
	if err != nil {
		t.Fatal(err)
	}
	_, table, ok := strings.Cut(string(b), "| `--model` | steps | colour bar |")
	if !ok {
		t.Fatal("docs/cli.md has no table of models")
	}
	table, _, _ = strings.Cut(table, "\n\n")
	var names []string
	for _, line := range strings.Split(table, "\n") {
		if name, ok := strings.CutPrefix(line, "| `"); ok {
			names = append(names, name[:strings.IndexByte(name, '`')])
		}
	}
	if want := chain.CochlearModelNames(); !slices.Equal(names, want) {
		t.Errorf("docs/cli.md lists models %v, chain's table %v", names, want)
	}
	_, help, _ := hears(t, "help", "cochleagram")
	for _, m := range chain.CochlearModels() {
		if !strings.Contains(help, m.Summary) {
			t.Errorf("help lacks %s", m.Name)
		}
	}
}

// TestHugeSamplesAndManyChannels: --level on samples near 1e200 measures
// them (no overflow to an all-zero picture); a file of 100 channels is not
// 100 pictures; an empty input is an error for filter as for cochleagram.
func TestHugeSamplesAndManyChannels(t *testing.T) {
	dir := t.TempDir()
	x := make([]float64, 1600)
	for i := range x {
		x[i] = 1e200 * math.Sin(2*math.Pi*1000*float64(i)/16000)
	}
	// A float64 WAV holds such samples; atLevel is what reads them.
	s, _ := sound.New(x, 1, 16000)
	got, err := atLevel(s, "60", "huge")
	if err != nil {
		t.Fatal(err)
	}
	var peak float64
	sound.Each(got, got.NumFrames(), 0, func(b []float64, _, _ int) error {
		for _, v := range b {
			peak = max(peak, math.Abs(v))
		}
		return nil
	})
	if want := sound.DB(60).Pascals() * math.Sqrt2; math.Abs(peak-want) > 1e-3*want {
		t.Errorf("peak %g after --level 60, want %g", peak, want)
	}
	many := make([]float64, 100*10)
	ms, _ := sound.New(many, 100, 16000)
	mp := filepath.Join(dir, "many.wav")
	writeWAV(t, mp, ms)
	if code, _, stderr := hears(t, "cochleagram", mp, "-o", filepath.Join(dir, "m.png")); code != 2 || !strings.Contains(stderr, "--mono") {
		t.Errorf("100 channels: exit %d, %q", code, stderr)
	}
	empty, _ := sound.New(nil, 1, 16000)
	ep := filepath.Join(dir, "empty.wav")
	writeWAV(t, ep, empty)
	ch := writeFile(t, filepath.Join(dir, "c.json"), `{"nodes": [{"class": "LowPass", "fc": 100}]}`)
	if code, _, stderr := hears(t, "filter", "--chain", ch, ep, "-o", filepath.Join(dir, "e.npy")); code != 1 || !strings.Contains(stderr, "no samples") {
		t.Errorf("empty input: exit %d, %q", code, stderr)
	}
}

// FuzzParseKeep: any --keep text gives an error or indices inside the
// channels, never a panic or more indices than channels.
func FuzzParseKeep(f *testing.F) {
	for _, s := range []string{"0:100,2999", ":", "5:", ":3", "1,1,1", "-1", "3:1", "99999999999999999999", ",", "0:0"} {
		f.Add(s, 3000)
	}
	f.Fuzz(func(t *testing.T, s string, n int) {
		if n <= 0 || n > 1<<16 {
			return
		}
		idx, err := parseKeep(s, n)
		if err != nil {
			return
		}
		if len(idx) > n {
			t.Fatalf("%q: %d indices for %d channels", s, len(idx), n)
		}
		for _, i := range idx {
			if i < 0 || i >= n {
				t.Fatalf("%q: index %d of %d channels", s, i, n)
			}
		}
	})
}

// FuzzParseSize: any --max-output text gives an error or a positive size.
func FuzzParseSize(f *testing.F) {
	for _, s := range []string{"5G", "800M", "1.5GiB", "1000", "0", "-1G", "1e300T", "NaN", "Inf", "kB"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		if v, err := parseSize(s); err == nil && v <= 0 {
			t.Fatalf("%q: size %d", s, v)
		}
	})
}

// TestCompletion: the shell completion offers the models of chain's table
// for --model and sound files for the input.
func TestCompletion(t *testing.T) {
	_, out, _ := hears(t, "__complete", "cochleagram", "--model", "")
	if !slices.Equal(strings.Fields(out)[:len(chain.CochlearModelNames())], chain.CochlearModelNames()) {
		t.Errorf("--model completions %q", out)
	}
	_, out, _ = hears(t, "__complete", "cochleagram", "")
	for _, ext := range audioExtensions() {
		if !strings.Contains(out, ext+"\n") {
			t.Errorf("input completion lacks %s: %q", ext, out)
		}
	}
}

// TestFilterToStdout: -o - writes the CSV to standard output, the same
// values as a .csv file, with no sidecar and no list of files.
func TestFilterToStdout(t *testing.T) {
	dir := t.TempDir()
	in := filepath.Join(dir, "a.wav")
	writeWAV(t, in, tone(t, 1000, 0.05, 16000))
	ch := writeFile(t, filepath.Join(dir, "c.json"), `{"nodes": [{"class": "LowPass", "fc": [100, 2000]}]}`)
	file := filepath.Join(dir, "out.csv")
	if code, _, stderr := hears(t, "filter", "--chain", ch, in, "-o", file, "-q"); code != 0 {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	want, _ := os.ReadFile(file)
	code, stdout, stderr := hears(t, "filter", "--chain", ch, in, "-o", "-")
	if code != 0 || stdout != string(want) || len(want) == 0 {
		t.Errorf("exit %d, %d bytes on stdout, want %d (%s)", code, len(stdout), len(want), stderr)
	}
	entries, _ := os.ReadDir(dir)
	if len(entries) != 4 { // a.wav, c.json, out.csv, out.json and nothing else
		t.Errorf("%d files in the folder", len(entries))
	}
}

// TestCochleagramSidecarFrequencies: a cochleagram's sidecar, the CSV
// header and the model's requested channels agree, for a model whose
// channels are chosen (ERB-spaced) and one whose design fixes them
// (CARFAC, reordered apex first by a restructuring bank), with --keep.
func TestCochleagramSidecarFrequencies(t *testing.T) {
	dir := t.TempDir()
	in := filepath.Join(dir, "a.wav")
	writeWAV(t, in, tone(t, 1000, 0.05, 16000))
	carfac, _ := chain.LookupCochlearModel("carfac")
	poles, err := carfac.Channels(16000)
	if err != nil {
		t.Fatal(err)
	}
	erb, _ := filterbank.ERBSpace(100, 4000, 12)
	for _, c := range []struct {
		name string
		args []string
		want []float64
	}{
		{"gammatone", []string{"--channels", "12", "--fmin", "100", "--fmax", "4000", "--keep", "0,3:5,11"}, []float64{erb[0], erb[3], erb[4], erb[11]}},
		{"carfac", []string{"--model", "carfac", "--level", "60"}, poles},
	} {
		csvPath := filepath.Join(dir, c.name+".csv")
		args := append([]string{"cochleagram", in, "-o", filepath.Join(dir, c.name+".png"), "--csv", csvPath, "-q"}, c.args...)
		if code, _, stderr := hears(t, args...); code != 0 {
			t.Fatalf("%s: exit %d: %s", c.name, code, stderr)
		}
		var meta struct {
			CF []float64 `json:"centre_frequencies_hz"`
		}
		mb, _ := os.ReadFile(strings.TrimSuffix(csvPath, ".csv") + ".json")
		if err := json.Unmarshal(mb, &meta); err != nil {
			t.Fatal(err)
		}
		if !slices.Equal(meta.CF, c.want) {
			t.Errorf("%s: sidecar centre frequencies %v, want %v", c.name, meta.CF, c.want)
		}
		header := readCSV(t, csvPath).cf
		if len(header) != len(c.want) {
			t.Fatalf("%s: CSV header has %d frequencies, want %d", c.name, len(header), len(c.want))
		}
		for i, f := range header {
			if math.Abs(f-c.want[i]) > 5e-4 { // the header has 3 decimals
				t.Errorf("%s: CSV column %d is %g Hz, sidecar %g Hz", c.name, i, f, c.want[i])
			}
		}
	}
}

// TestStdoutThroughPipe: -o - writes through a real pipe (hears run as a
// process) the bytes -o FILE writes, in every format that can stream:
// filter's CSV, NPY and WAV (--format), cochleagram's PNG and SVG,
// spatialise's WAV; nothing else goes to standard output (no list of files
// written). Outputs that cannot go there are refused before any work.
func TestStdoutThroughPipe(t *testing.T) {
	dir := t.TempDir()
	in := filepath.Join(dir, "a.wav")
	writeWAV(t, in, tone(t, 1000, 0.05, 16000))
	ch := writeFile(t, filepath.Join(dir, "c.json"), `{"nodes": [{"class": "Gammatone", "cf": [300, 1000, 3000]}, {"class": "Repeat", "numrepeat": 2}]}`)
	piped := func(args ...string) []byte {
		t.Helper()
		c := hearsProcess(t, args...)
		out, err := c.StdoutPipe()
		if err != nil {
			t.Fatal(err)
		}
		var stderr bytes.Buffer
		c.Stderr = &stderr
		if err := c.Start(); err != nil {
			t.Fatal(err)
		}
		b, err := io.ReadAll(out)
		if err != nil {
			t.Fatal(err)
		}
		if err := c.Wait(); err != nil {
			t.Fatalf("%v: %v\n%s", args, err, stderr.String())
		}
		return b
	}
	cases := []struct {
		file   []string // the command writing to a file, -o last
		stdout []string // the extra flags with -o -
		ext    string
	}{
		{[]string{"filter", "--chain", ch, in}, nil, ".csv"},
		{[]string{"filter", "--chain", ch, in, "--float32"}, []string{"--format", "npy"}, ".npy"},
		{[]string{"filter", "--chain", ch, in, "--keep", "1:4", "--output-rate", "1000"}, []string{"--format", "npy"}, ".npy"},
		{[]string{"filter", "--chain", ch, in}, []string{"--format", "wav"}, ".wav"},
		{[]string{"cochleagram", in, "--channels", "10", "--width", "200", "--height", "120"}, nil, ".png"},
		{[]string{"cochleagram", in, "--channels", "10", "--width", "200", "--height", "120"}, []string{"--format", "svg"}, ".svg"},
		{[]string{"spatialise", in, "--hrtf", "spherical", "--azimuth", "30"}, nil, ".wav"},
	}
	for i, c := range cases {
		file := filepath.Join(dir, fmt.Sprintf("out%d%s", i, c.ext))
		if code, _, stderr := hears(t, append(c.file, "-o", file, "-q")...); code != 0 {
			t.Fatalf("%v: exit %d: %s", c.file, code, stderr)
		}
		want, _ := os.ReadFile(file)
		got := piped(append(append(c.file, "-o", "-"), c.stdout...)...)
		if len(want) == 0 || !bytes.Equal(got, want) {
			t.Errorf("%v -o - %v: %d bytes through the pipe, the file has %d, or they differ", c.file, c.stdout, len(got), len(want))
		}
	}
	entries, _ := os.ReadDir(dir)
	if len(entries) != 2+len(cases)+4 { // a.wav, c.json, the files, the sidecars of the filter's four
		t.Errorf("%d files in the folder: -o - wrote a file", len(entries))
	}
	stereo := filepath.Join(dir, "stereo.wav")
	s2, _ := sound.Tone(500, 0.05, sound.WithRate(16000), sound.WithChannels(2))
	writeWAV(t, stereo, s2)
	for _, c := range []struct {
		args []string
		msg  string
	}{
		{[]string{"filter", "--chain", ch, in, "-o", "-", "--format", "png"}, "standard output takes csv, npy, wav"},
		{[]string{"filter", "--chain", ch, in, "-o", filepath.Join(dir, "x.npy"), "--format", "npy"}, "follows its extension"},
		{[]string{"cochleagram", in, "-o", "-", "--format", "eps"}, "standard output takes png"},
		{[]string{"cochleagram", stereo, "-o", "-"}, "cannot share standard output"},
		{[]string{"localise", in, "--hrtf", "spherical", "-o", "-"}, "standard output carries the estimate"},
		{[]string{"cochleagram", in, "-o", filepath.Join(dir, "p.png"), "--csv", "-"}, "the CSV goes to a file"},
	} {
		code, stdout, stderr := hears(t, c.args...)
		if code == 0 || stdout != "" || !strings.Contains(stderr, c.msg) {
			t.Errorf("%v: exit %d, stdout %q, stderr %q (want %q)", c.args, code, stdout, stderr, c.msg)
		}
	}
}
