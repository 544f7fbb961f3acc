//go:build unix

package safefile

import (
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"syscall"
	"testing"
)

// TestModes: a new file gets 0666 less the umask, a replaced file keeps its
// mode.
func TestModes(t *testing.T) {
	dir := t.TempDir()
	m := syscall.Umask(0)
	syscall.Umask(m)
	path := filepath.Join(dir, "new")
	if err := WriteFile(path, []byte("x")); err != nil {
		t.Fatal(err)
	}
	if st, _ := os.Stat(path); st.Mode().Perm() != os.FileMode(0o666&^m) {
		t.Errorf("new file: mode %v under umask %03o", st.Mode().Perm(), m)
	}
	if err := os.Chmod(path, 0o600); err != nil {
		t.Fatal(err)
	}
	if err := WriteFile(path, []byte("y")); err != nil {
		t.Fatal(err)
	}
	if st, _ := os.Stat(path); st.Mode().Perm() != 0o600 {
		t.Errorf("replaced file: mode %v, want 0600 kept", st.Mode().Perm())
	}
}

// TestSymlink: writing to a link replaces its target (also a dangling
// link's, and through a relative link in another folder); the link stays a
// link.
func TestSymlink(t *testing.T) {
	dir := t.TempDir()
	sub := filepath.Join(dir, "data")
	if err := os.Mkdir(sub, 0o755); err != nil {
		t.Fatal(err)
	}
	target := filepath.Join(sub, "real.npy")
	link := filepath.Join(dir, "link.npy")
	if err := os.Symlink("data/real.npy", link); err != nil {
		t.Fatal(err)
	}
	for _, data := range []string{"dangling target created", "existing target replaced"} {
		if err := WriteFile(link, []byte(data)); err != nil {
			t.Fatal(err)
		}
		if st, err := os.Lstat(link); err != nil || st.Mode()&os.ModeSymlink == 0 {
			t.Fatalf("the link is now %v (%v)", st.Mode(), err)
		}
		if got, _ := os.ReadFile(target); string(got) != data {
			t.Errorf("target holds %q, want %q", got, data)
		}
	}
	loop := filepath.Join(dir, "loop")
	os.Symlink("loop", loop)
	if err := WriteFile(loop, []byte("x")); err == nil {
		t.Error("a link to itself: no error")
	}
}

// deadPID returns the id of a process that has exited.
func deadPID(t *testing.T) int {
	t.Helper()
	c := exec.Command("true")
	if err := c.Run(); err != nil {
		t.Skipf("cannot run true: %v", err)
	}
	return c.Process.Pid
}

// TestStale: a temporary file left by a dead process of this host is
// removed by the next write of the same target and by CleanStale; those of
// a live process, of another host and of other targets are kept.
func TestStale(t *testing.T) {
	dir := t.TempDir()
	dead := deadPID(t)
	part := func(target string, pid int, host string) string {
		p := filepath.Join(dir, fmt.Sprintf(".%s%s%d@%s-12345", target, partMarker, pid, host))
		if err := os.WriteFile(p, []byte("partial"), 0o644); err != nil {
			t.Fatal(err)
		}
		return p
	}
	staleOut := part("out.npy", dead, hostname())
	live := part("out.npy", os.Getppid(), hostname())
	other := part("out.npy", dead, "elsewhere")
	staleOther := part("other.npy", dead, hostname())
	if err := WriteFile(filepath.Join(dir, "out.npy"), []byte("done")); err != nil {
		t.Fatal(err)
	}
	exists := func(p string) bool { _, err := os.Stat(p); return err == nil }
	if exists(staleOut) {
		t.Error("the dead process's temporary file of out.npy survived a new write")
	}
	if !exists(live) || !exists(other) || !exists(staleOther) {
		t.Error("a live, foreign-host or other-target temporary file was removed")
	}
	sub := filepath.Join(dir, "sub")
	os.Mkdir(sub, 0o755)
	deep := filepath.Join(sub, fmt.Sprintf(".x.png%s%d@%s-1", partMarker, dead, hostname()))
	os.WriteFile(deep, nil, 0o644)
	removed, err := CleanStale(dir)
	if err != nil {
		t.Fatal(err)
	}
	if len(removed) != 2 || exists(staleOther) || exists(deep) || !exists(live) || !exists(other) {
		t.Errorf("CleanStale removed %v", removed)
	}
}

// BenchmarkWriteFile measures what durability costs: a 1 MB output written
// with the fsync of the file and of its folder, and without.
func BenchmarkWriteFile(b *testing.B) {
	data := make([]byte, 1<<20)
	for _, durable := range []bool{true, false} {
		b.Run(fmt.Sprintf("durable=%v", durable), func(b *testing.B) {
			path := filepath.Join(b.TempDir(), "out.bin")
			b.SetBytes(int64(len(data)))
			for b.Loop() {
				if err := writeFile(path, data, durable); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}
