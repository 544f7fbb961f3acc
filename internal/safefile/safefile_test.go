//go:build unix

package safefile

import (
	"io"
	"os"
	"path/filepath"
	"testing"

	"github.com/gohears/hears/internal/testfifo"
)

// TestRegularFiles: a new file and a replaced one hold the data, with no
// temporary file left beside them.
func TestRegularFiles(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "out.bin")
	for _, data := range []string{"first", "second, longer"} {
		if err := WriteFile(path, []byte(data)); err != nil {
			t.Fatal(err)
		}
		got, err := os.ReadFile(path)
		if err != nil || string(got) != data {
			t.Fatalf("read %q, %v; want %q", got, err, data)
		}
	}
	if st, _ := os.Stat(path); st.Mode().Perm() != newFileMode() {
		t.Errorf("mode %v", st.Mode())
	}
	if left, _ := filepath.Glob(filepath.Join(dir, ".out.bin.part-*")); len(left) != 0 {
		t.Errorf("temporary files left: %v", left)
	}
	if err := WriteFile(filepath.Join(dir, "no", "such", "dir"), []byte("x")); err == nil {
		t.Error("a missing folder: no error")
	}
}

// TestSpecialFiles: a named pipe, directly and through a symbolic link,
// receives the data and stays a named pipe (a rename would have replaced
// it with a regular file, as it would /dev/null); nothing is left in its
// folder.
func TestSpecialFiles(t *testing.T) {
	dir := t.TempDir()
	fifo := filepath.Join(dir, "pipe")
	if err := testfifo.Make(fifo, 0o600); err != nil {
		t.Skipf("mkfifo: %v", err)
	}
	link := filepath.Join(dir, "link")
	if err := os.Symlink(fifo, link); err != nil {
		t.Fatal(err)
	}
	for _, path := range []string{fifo, link} {
		got := make(chan string, 1)
		go func() {
			f, err := os.Open(fifo)
			if err != nil {
				got <- err.Error()
				return
			}
			b, _ := io.ReadAll(f)
			f.Close()
			got <- string(b)
		}()
		if err := WriteFile(path, []byte("through the pipe")); err != nil {
			t.Fatal(err)
		}
		if s := <-got; s != "through the pipe" {
			t.Errorf("%s: reader got %q", path, s)
		}
		st, err := os.Stat(fifo)
		if err != nil || st.Mode()&os.ModeNamedPipe == 0 {
			t.Fatalf("%s: the pipe is now %v (%v)", path, st.Mode(), err)
		}
	}
	if entries, _ := os.ReadDir(dir); len(entries) != 2 {
		t.Errorf("folder holds %d entries, want the pipe and the link", len(entries))
	}
}
