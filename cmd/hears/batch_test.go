package main

import (
	"bufio"
	"bytes"
	"fmt"
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"syscall"
	"testing"

	"github.com/gohears/hears/sound"
)

// TestMain lets the test binary stand in for the hears command: with
// HEARS_TEST_MAIN=1 it runs main, so that tests can start hears as a
// process and kill it.
func TestMain(m *testing.M) {
	if os.Getenv("HEARS_TEST_MAIN") == "1" {
		main()
		return
	}
	os.Exit(m.Run())
}

// hearsProcess returns a command that runs hears with args.
func hearsProcess(t *testing.T, args ...string) *exec.Cmd {
	t.Helper()
	exe, err := os.Executable()
	if err != nil {
		t.Fatal(err)
	}
	c := exec.Command(exe, args...)
	c.Env = append(os.Environ(), "HEARS_TEST_MAIN=1")
	return c
}

// makeCorpus writes n short sounds (tones of different frequencies and
// rates) under dir/spk0..spk3 and returns dir. With sox on the PATH, every
// other file is converted to another format that sound.Open reads and sox
// writes (AIFF, FLAC, MP3 and Ogg Vorbis), so that the corpus mixes
// formats.
func makeCorpus(t *testing.T, dir string, n int) string {
	t.Helper()
	var others []string
	if _, err := exec.LookPath("sox"); err == nil {
		for _, ext := range []string{".aiff", ".flac", ".mp3", ".ogg"} {
			if sound.IsAudioFile("x" + ext) {
				others = append(others, ext)
			}
		}
	}
	for i := range n {
		rate := []float64{16000, 22050, 44100}[i%3]
		p := filepath.Join(dir, fmt.Sprintf("spk%d", i%4), fmt.Sprintf("utt%02d.wav", i))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		writeWAV(t, p, tone(t, 200+97*float64(i), 0.25, rate))
		if i%2 == 1 && len(others) > 0 {
			ext := others[(i/2)%len(others)]
			q := strings.TrimSuffix(p, ".wav") + ext
			args := []string{p, q}
			if ext == ".mp3" {
				// sound refuses MPEG-2 MP3 (8–24 kHz; its pure-Go decoder
				// gets them wrong): encode at an MPEG-1 rate.
				args = []string{p, "-r", "44100", q}
			}
			if err := exec.Command("sox", args...).Run(); err == nil {
				os.Remove(p)
			}
		}
	}
	return dir
}

// tree returns every file under dir (relative path → contents).
func tree(t *testing.T, dir string) map[string]string {
	t.Helper()
	m := map[string]string{}
	err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		b, err := os.ReadFile(p)
		rel, _ := filepath.Rel(dir, p)
		m[rel] = string(b)
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	return m
}

// sameTree reports the differences between two output trees.
func sameTree(t *testing.T, got, want map[string]string, what string) {
	t.Helper()
	for k, v := range want {
		if g, ok := got[k]; !ok {
			t.Errorf("%s: %s missing", what, k)
		} else if g != v {
			t.Errorf("%s: %s differs", what, k)
		}
	}
	for k := range got {
		if _, ok := want[k]; !ok {
			t.Errorf("%s: extra file %s", what, k)
		}
	}
}

var batchArgs = []string{"batch", "cochleagram", "--channels", "20", "--width", "200", "--height", "150", "--csv", ".csv", "--output-rate", "100"}

// TestBatchKillResume: a batch killed (SIGKILL) after 1, 5 and 17 files
// and started again ends with outputs byte-identical to an uninterrupted
// run, and no temporary file.
func TestBatchKillResume(t *testing.T) {
	if testing.Short() {
		t.Skip("runs several batches of 40 files")
	}
	dir := t.TempDir()
	corpus := makeCorpus(t, filepath.Join(dir, "corpus"), 40)
	ref := filepath.Join(dir, "ref")
	if code, _, stderr := hears(t, append(batchArgs, "--outdir", ref, "-q", corpus)...); code != 0 {
		t.Fatalf("reference batch: exit %d: %s", code, stderr)
	}
	want := tree(t, ref)
	if n := len(want); n != 40*4 { // png, csv, json and a record per input
		t.Fatalf("reference run wrote %d files, want 160", n)
	}
	for _, after := range []int{1, 5, 17} {
		out := filepath.Join(dir, fmt.Sprintf("killed%d", after))
		c := hearsProcess(t, append(batchArgs, "--outdir", out, "--jobs", "2", corpus)...)
		stdout, err := c.StdoutPipe()
		if err != nil {
			t.Fatal(err)
		}
		if err := c.Start(); err != nil {
			t.Fatal(err)
		}
		sc := bufio.NewScanner(stdout)
		for lines := 0; lines < after && sc.Scan(); lines++ {
		}
		c.Process.Signal(syscall.SIGKILL)
		c.Wait()
		code, _, stderr := hears(t, append(batchArgs, "--outdir", out, corpus)...)
		if code != 0 {
			t.Fatalf("resumed after %d: exit %d: %s", after, code, stderr)
		}
		if !strings.Contains(stderr, "skipped (already done)") {
			t.Errorf("resumed after %d: summary %q", after, stderr)
		}
		sameTree(t, tree(t, out), want, fmt.Sprintf("killed after %d files", after))
	}
}

// TestBatchShardsUnion: four shards into one folder give what one run
// gives; a shard's run after the whole skips everything.
func TestBatchShardsUnion(t *testing.T) {
	dir := t.TempDir()
	corpus := makeCorpus(t, filepath.Join(dir, "corpus"), 12)
	whole, sharded := filepath.Join(dir, "whole"), filepath.Join(dir, "sharded")
	if code, _, stderr := hears(t, append(batchArgs, "--outdir", whole, "-q", corpus)...); code != 0 {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	for i := range 4 {
		code, stdout, stderr := hears(t, append(batchArgs, "--outdir", sharded, "--shard", fmt.Sprintf("%d/4", i), corpus)...)
		if code != 0 {
			t.Fatalf("shard %d: exit %d: %s", i, code, stderr)
		}
		if n := strings.Count(stdout, ".png\n"); n != 3 {
			t.Errorf("shard %d wrote %d pictures, want 3", i, n)
		}
	}
	sameTree(t, tree(t, sharded), tree(t, whole), "4 shards")
	// --check: complete after the four shards; one output removed, one
	// input not done.
	if code, _, stderr := hears(t, append(batchArgs, "--outdir", sharded, "--check", corpus)...); code != 0 || !strings.Contains(stderr, "12 of 12 inputs done") {
		t.Errorf("--check: exit %d, %q", code, stderr)
	}
	os.Remove(filepath.Join(sharded, "spk1", "utt05.csv"))
	code, stdout, stderr := hears(t, append(batchArgs, "--outdir", sharded, "--check", corpus)...)
	if code != 1 || !strings.Contains(stdout, "spk1/utt05.") || strings.Count(stdout, "\n") != 1 || !strings.Contains(stderr, "1 not done") {
		t.Errorf("--check after a removal: exit %d, %q, %q", code, stdout, stderr)
	}
	t.Setenv("SLURM_ARRAY_TASK_ID", "3")
	t.Setenv("SLURM_ARRAY_TASK_MIN", "1")
	t.Setenv("SLURM_ARRAY_TASK_COUNT", "4")
	code, _, stderr = hears(t, append(batchArgs, "--outdir", whole, "--shard", "auto", corpus)...)
	if code != 0 || !strings.Contains(stderr, "shard 2/4 from SLURM_ARRAY_TASK_ID=3") || !strings.Contains(stderr, "0 done, 3 skipped") {
		t.Errorf("--shard auto: exit %d, %q", code, stderr)
	}
}

// TestBatchFailures: corrupt and unreadable inputs fail alone, with a
// summary that names each and exit status 1; --fail-fast stops early; a
// changed flag or --force redoes the work.
func TestBatchFailures(t *testing.T) {
	dir := t.TempDir()
	corpus := makeCorpus(t, filepath.Join(dir, "corpus"), 6)
	os.WriteFile(filepath.Join(corpus, "spk0", "corrupt.wav"), []byte("RIFF\x10\x00\x00\x00WAVEjunkjunk"), 0o644)
	os.WriteFile(filepath.Join(corpus, "spk1", "empty.aiff"), nil, 0o644)
	out := filepath.Join(dir, "out")
	code, stdout, stderr := hears(t, append(batchArgs, "--outdir", out, corpus)...)
	if code != 1 || !strings.Contains(stderr, "6 done, 0 skipped (already done), 2 failed") ||
		!strings.Contains(stderr, "corrupt.wav") || !strings.Contains(stderr, "empty.aiff") {
		t.Errorf("exit %d, summary %q", code, stderr)
	}
	if n := strings.Count(stdout, "\n"); n != 6*3 {
		t.Errorf("%d files written reported, want 18: %q", n, stdout)
	}
	if _, err := os.Stat(filepath.Join(out, "spk0", "corrupt.png")); err == nil {
		t.Error("a corrupt input has an output")
	}
	code, _, stderr = hears(t, append(batchArgs, "--outdir", filepath.Join(dir, "ff"), "--fail-fast", "--jobs", "1", corpus)...)
	if code != 1 || !strings.Contains(stderr, "not run (--fail-fast)") {
		t.Errorf("--fail-fast: exit %d, %q", code, stderr)
	}
	os.Remove(filepath.Join(corpus, "spk0", "corrupt.wav"))
	os.Remove(filepath.Join(corpus, "spk1", "empty.aiff"))
	code, _, stderr = hears(t, "batch", "cochleagram", "--channels", "21", "--width", "200", "--height", "150", "--outdir", out, corpus)
	if code != 0 || !strings.Contains(stderr, "6 done, 0 skipped") {
		t.Errorf("changed flags: exit %d, %q", code, stderr)
	}
	code, _, stderr = hears(t, "batch", "cochleagram", "--channels", "21", "--width", "200", "--height", "150", "--outdir", out, "--force", corpus)
	if code != 0 || !strings.Contains(stderr, "6 done, 0 skipped") {
		t.Errorf("--force: exit %d, %q", code, stderr)
	}
}

// TestBatchInputs: collisions are refused before any work; manifests and
// duplicates; usage errors.
func TestBatchInputs(t *testing.T) {
	dir := t.TempDir()
	corpus := makeCorpus(t, filepath.Join(dir, "corpus"), 6)
	dup := filepath.Join(corpus, "spk0", "utt00.aif")
	os.WriteFile(dup, []byte("x"), 0o644)
	out := filepath.Join(dir, "out")
	code, _, stderr := hears(t, "batch", "cochleagram", "--outdir", out, corpus)
	if code != 2 || !strings.Contains(stderr, "utt00.aif") || !strings.Contains(stderr, "collide") {
		t.Errorf("collision: exit %d, %q", code, stderr)
	}
	if _, err := os.Stat(out); err == nil {
		t.Error("a refused batch created its output folder")
	}
	os.Remove(dup)
	list := filepath.Join(dir, "list.txt")
	os.WriteFile(list, []byte("# two files, one twice\n"+filepath.Join(corpus, "spk0", "utt04.wav")+"\n"+filepath.Join(corpus, "spk2", "utt02.wav")+"\n"), 0o644)
	code, stdout, stderr := hears(t, "batch", "cochleagram", "--channels", "10", "--width", "200", "--height", "150", "--outdir", out, "@"+list, filepath.Join(corpus, "spk0", "utt04.wav"))
	if code != 0 || !slices.Equal(strings.Fields(stdout), []string{filepath.Join(out, "utt04.png"), filepath.Join(out, "utt02.png")}) &&
		!slices.Equal(strings.Fields(stdout), []string{filepath.Join(out, "utt02.png"), filepath.Join(out, "utt04.png")}) {
		t.Errorf("manifest: exit %d, stdout %q, stderr %q", code, stdout, stderr)
	}
	// An output folder inside the input folder: its WAV outputs are not
	// inputs of the next run.
	chain := filepath.Join(dir, "lp.json")
	os.WriteFile(chain, []byte(`{"nodes": [{"class": "LowPass", "fc": 100}]}`), 0o644)
	inner := filepath.Join(corpus, "filtered")
	for range 2 {
		code, _, stderr := hears(t, "batch", "filter", "--chain", chain, "-o", ".wav", "--outdir", inner, corpus)
		if code != 0 || !strings.Contains(stderr, "hears batch filter: 6 inputs") {
			t.Errorf("outdir inside the inputs: exit %d, %q", code, stderr)
		}
	}
	for name, args := range map[string][]string{
		"no outdir":       {"batch", "cochleagram", corpus},
		"no inputs":       {"batch", "cochleagram", "--outdir", out},
		"not per-file":    {"batch", "version", "--outdir", out, corpus},
		"bad shard":       {"batch", "cochleagram", "--outdir", out, "--shard", "4/4", corpus},
		"auto, no slurm":  {"batch", "cochleagram", "--outdir", out, "--shard", "auto", corpus},
		"bad flag":        {"batch", "cochleagram", "--outdir", out, "--chanels", "3", corpus},
		"bad flag value":  {"batch", "cochleagram", "--outdir", out, "--channels", "1", corpus},
		"bad jobs":        {"batch", "cochleagram", "--outdir", out, "--jobs", "0", corpus},
		"stdin as input":  {"batch", "cochleagram", "--outdir", out, "-"},
		"missing input":   {"batch", "cochleagram", "--outdir", out, filepath.Join(dir, "nope.wav")},
		"filter no chain": {"batch", "filter", "-o", ".npy", "--outdir", out, corpus},
	} {
		if name == "auto, no slurm" && os.Getenv("SLURM_ARRAY_TASK_ID") != "" {
			continue
		}
		if code, _, stderr := hears(t, args...); code != 2 || stderr == "" {
			t.Errorf("%s: exit %d, %q", name, code, stderr)
		}
	}
	for _, args := range [][]string{{"batch", "--help"}, {"help", "batch"}, {"batch", "cochleagram", "--help"}} {
		code, stdout, _ := hears(t, args...)
		if code != 0 || !strings.Contains(stdout, "--shard") {
			t.Errorf("%v: exit %d, %q", args, code, stdout)
		}
	}
}

// TestBatchStaleTemporaries: a temporary file that a killed run left in
// the output folder is removed by the next batch.
func TestBatchStaleTemporaries(t *testing.T) {
	dir := t.TempDir()
	corpus := makeCorpus(t, filepath.Join(dir, "corpus"), 2)
	out := filepath.Join(dir, "out")
	dead := exec.Command("true")
	if err := dead.Run(); err != nil {
		t.Skip(err)
	}
	host, _ := os.Hostname()
	stale := filepath.Join(out, "spk0", fmt.Sprintf(".utt00.png.part-%d@%s-99", dead.Process.Pid, host))
	os.MkdirAll(filepath.Dir(stale), 0o755)
	os.WriteFile(stale, bytes.Repeat([]byte("x"), 100), 0o644)
	if code, _, stderr := hears(t, "batch", "cochleagram", "--channels", "10", "--width", "200", "--height", "150", "--outdir", out, "-q", corpus); code != 0 {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	if _, err := os.Stat(stale); err == nil {
		t.Error("stale temporary file survived")
	}
}
