package sound

import (
	"errors"
	"os"
	"path/filepath"
	"testing"
)

// TestOpenStreams reads every fixture through Open in odd-sized blocks and
// compares with Load.
func TestOpenStreams(t *testing.T) {
	names, _ := filepath.Glob(fixtures + "*.*")
	for _, name := range names {
		if filepath.Ext(name) == ".md" {
			continue
		}
		want := mustLoad(t, name)
		f, err := Open(name)
		if err != nil {
			t.Fatal(err)
		}
		if f.NumFrames() != want.NumFrames() || f.NumChannels() != want.NumChannels() || f.SampleRate() != want.SampleRate() {
			t.Fatalf("%s: %d×%d at %v, Load gives %d×%d at %v", name, f.NumFrames(), f.NumChannels(), f.SampleRate(),
				want.NumFrames(), want.NumChannels(), want.SampleRate())
		}
		got, err := ReadFrames(f, f.NumFrames()+10, 37)
		if err != nil {
			t.Fatal(err)
		}
		if d := maxDiff(got.Data()[:len(want.Data())], want.Data()); d != 0 {
			t.Fatalf("%s: streamed samples differ by %g", name, d)
		}
		for _, v := range got.Data()[len(want.Data()):] {
			if v != 0 {
				t.Fatalf("%s: nonzero past the end", name)
			}
		}
		// Random access and the cached block.
		b1, _ := f.Fetch(100, 110)
		b2, _ := f.Fetch(100, 110)
		if &b1[0] != &b2[0] || b1[0] != want.At(100, 0) {
			t.Fatalf("%s: random access", name)
		}
		f.Close()
	}
	// Errors are found at Open.
	dir := t.TempDir()
	w, _ := os.ReadFile(fixtures + "pcm16.wav")
	cut := filepath.Join(dir, "cut.wav")
	os.WriteFile(cut, w[:len(w)-10], 0o644)
	if _, err := Open(cut); !errors.Is(err, ErrTruncated) {
		t.Fatalf("truncated file: %v", err)
	}
	if _, err := Open(filepath.Join(dir, "missing.wav")); err == nil {
		t.Fatal("missing file opened")
	}
	if _, err := Open(dir); err == nil {
		t.Fatal("directory opened")
	}
}
