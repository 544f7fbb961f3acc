package batch

import (
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"
)

func isWAV(n string) bool { return strings.HasSuffix(n, ".wav") || strings.HasSuffix(n, ".flac") }

func touch(t *testing.T, paths ...string) {
	t.Helper()
	for _, p := range paths {
		os.MkdirAll(filepath.Dir(p), 0o755)
		if err := os.WriteFile(p, []byte(p), 0o644); err != nil {
			t.Fatal(err)
		}
	}
}

func rels(in []Input) []string {
	var r []string
	for _, i := range in {
		r = append(r, i.Rel)
	}
	return r
}

// TestList: folders are walked recursively in sorted order (hidden folders
// and other files skipped), manifests are read, duplicates dropped.
func TestList(t *testing.T) {
	dir := t.TempDir()
	t.Chdir(dir)
	touch(t, "corpus/b/z.wav", "corpus/a/y.flac", "corpus/a/x.wav", "corpus/a/notes.txt", "corpus/.hears-batch/q.wav", "single.wav")
	os.Mkdir("emptydir", 0o755)
	os.WriteFile("list.txt", []byte("# a manifest\n\ncorpus/a/x.wav\nsingle.wav\n"), 0o644)
	got, err := List([]string{"corpus", "@list.txt", "single.wav"}, isWAV)
	if err != nil {
		t.Fatal(err)
	}
	want := []string{"a/x.wav", "a/y.flac", "b/z.wav", "single.wav"}
	if !slices.Equal(rels(got), want) {
		t.Errorf("inputs %v, want %v", rels(got), want)
	}
	for _, bad := range [][]string{{"missing.wav"}, {"@missing.txt"}, {"-"}, {"emptydir"}} {
		if _, err := List(bad, isWAV); err == nil {
			t.Errorf("%v: no error", bad)
		}
	}
	if got, _ := List([]string{filepath.Join(dir, "single.wav")}, isWAV); got[0].Rel != "single.wav" {
		t.Errorf("absolute path named %q", got[0].Rel)
	}
}

func TestCollisions(t *testing.T) {
	in := []Input{{"c/a.wav", "a.wav"}, {"c/a.flac", "a.flac"}, {"c/b.wav", "b.wav"}}
	err := Collisions(in)
	if err == nil || !strings.Contains(err.Error(), "c/a.wav and c/a.flac") {
		t.Errorf("collision error %v", err)
	}
	if Collisions(in[1:]) != nil {
		t.Error("no collision reported as one")
	}
}

// TestShards: the parts are disjoint and their union is the list.
func TestShards(t *testing.T) {
	var in []Input
	for i := range 43 {
		in = append(in, Input{Rel: string(rune('a' + i))})
	}
	for _, n := range []int{1, 4, 7, 50} {
		seen := map[string]int{}
		for i := range n {
			for _, x := range (Shard{i, n}).Of(in) {
				seen[x.Rel]++
			}
		}
		if len(seen) != len(in) {
			t.Errorf("N=%d: union of %d, want %d", n, len(seen), len(in))
		}
		for k, c := range seen {
			if c != 1 {
				t.Errorf("N=%d: %s in %d shards", n, k, c)
			}
		}
	}
}

func TestParseShard(t *testing.T) {
	env := func(m map[string]string) func(string) string { return func(k string) string { return m[k] } }
	slurm := env(map[string]string{"SLURM_ARRAY_TASK_ID": "7", "SLURM_ARRAY_TASK_MIN": "5", "SLURM_ARRAY_TASK_COUNT": "4"})
	if s, msg, err := ParseShard("auto", slurm); err != nil || s != (Shard{2, 4}) || !strings.Contains(msg, "SLURM_ARRAY_TASK_ID=7") {
		t.Errorf("auto: %v %q %v", s, msg, err)
	}
	if _, _, err := ParseShard("auto", env(nil)); err == nil || !strings.Contains(err.Error(), "not set") {
		t.Errorf("auto without Slurm: %v", err)
	}
	if s, _, err := ParseShard("3/4", env(nil)); err != nil || s != (Shard{3, 4}) {
		t.Errorf("3/4: %v %v", s, err)
	}
	for _, bad := range []string{"4/4", "-1/4", "1/0", "x", "1/", "auto2"} {
		if _, _, err := ParseShard(bad, env(nil)); err == nil {
			t.Errorf("%q accepted", bad)
		}
	}
	if _, _, err := ParseShard("auto", env(map[string]string{"SLURM_ARRAY_TASK_ID": "9", "SLURM_ARRAY_TASK_MIN": "0", "SLURM_ARRAY_TASK_COUNT": "4"})); err == nil {
		t.Error("a stepped array accepted")
	}
}

// TestRecords: a record matches only the same input, command and version
// with every output intact.
func TestRecords(t *testing.T) {
	dir := t.TempDir()
	in := filepath.Join(dir, "a.wav")
	out := filepath.Join(dir, "out")
	touch(t, in, filepath.Join(out, "s/a.png"))
	cmd := []string{"cochleagram", "--channels=50"}
	r, err := NewRecord(in, cmd, "1")
	if err != nil {
		t.Fatal(err)
	}
	if Done(out, "s/a", r) {
		t.Fatal("done before any record")
	}
	if err := Save(out, "s/a", r, []string{filepath.Join(out, "s/a.png")}); err != nil {
		t.Fatal(err)
	}
	if !Done(out, "s/a", r) {
		t.Fatal("not done after its record")
	}
	other := r
	other.Command = []string{"cochleagram", "--channels=60"}
	if Done(out, "s/a", other) {
		t.Error("another command counts as done")
	}
	other = r
	other.Version = "2"
	if Done(out, "s/a", other) {
		t.Error("another version counts as done")
	}
	os.Chtimes(in, time.Now(), time.Now().Add(time.Hour))
	if r2, _ := NewRecord(in, cmd, "1"); Done(out, "s/a", r2) {
		t.Error("a modified input counts as done")
	}
	os.WriteFile(filepath.Join(out, "s/a.png"), []byte("x"), 0o644)
	if Done(out, "s/a", r) {
		t.Error("an output of another size counts as done")
	}
	if err := Forget(out, "s/a"); err != nil || Forget(out, "s/a") != nil {
		t.Error("forget failed")
	}
}

// FuzzManifest: any manifest text is read without a panic, and every path
// it gives is a trimmed, non-comment line of it.
func FuzzManifest(f *testing.F) {
	f.Add("a.wav\n# c\n\n  b.flac  \n")
	f.Add("\x00\r\n#\n")
	f.Fuzz(func(t *testing.T, text string) {
		p := filepath.Join(t.TempDir(), "m.txt")
		if err := os.WriteFile(p, []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
		paths, err := readManifest(p)
		if err != nil {
			return
		}
		for _, q := range paths {
			if q == "" || strings.HasPrefix(q, "#") || strings.TrimSpace(q) != q || !strings.Contains(text, q) {
				t.Fatalf("path %q from %q", q, text)
			}
		}
	})
}

// FuzzParseShard: any --shard text gives an error or 0 ≤ I < N.
func FuzzParseShard(f *testing.F) {
	for _, s := range []string{"0/4", "3/4", "4/4", "auto", "-1/2", "1/0", "9999999999999999999/1"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		sh, _, err := ParseShard(s, func(string) string { return "" })
		if err == nil && (sh.N < 1 || sh.I < 0 || sh.I >= sh.N) {
			t.Fatalf("%q: %+v", s, sh)
		}
	})
}
