// Package safefile writes output files so that they appear only when
// complete and survive a crash once written: the data go to a temporary
// file beside the target, which is synced to disk, renamed into place in
// one step, and the folder synced so that the rename itself is durable.
//
// It keeps the conventions of ordinary programs (cp, a text editor): a new
// file gets the permissions the umask allows (0666 &^ umask), a replaced
// file keeps its mode, and a symbolic link is written through (its target
// is replaced, the link stays). Special files (/dev/null, /dev/stdout, a
// named pipe) are written into instead of replaced: a rename over
// /dev/null run as root would turn the device into a regular file.
//
// Temporary files are named ".NAME.part-PID@HOST-RANDOM". A process killed
// while writing (SIGKILL, power loss) leaves one behind; the next Create of
// the same target, or CleanStale over the folder, removes those whose
// process (PID on this HOST) no longer runs.
package safefile

import (
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"time"
)

// partMarker separates a target's name from the temporary suffix.
const partMarker = ".part-"

// special reports whether path names an existing file that is neither
// regular nor a folder (a device, a named pipe, a socket), itself or
// through a symbolic link.
func special(path string) bool {
	st, err := os.Stat(path)
	return err == nil && !st.Mode().IsRegular() && !st.IsDir()
}

// Target returns the file a write to path replaces: path itself, or the
// end of its chain of symbolic links (which need not exist yet).
func Target(path string) (string, error) {
	for range 40 { // the kernel's limit on nested links
		st, err := os.Lstat(path)
		if err != nil || st.Mode()&fs.ModeSymlink == 0 {
			return path, nil
		}
		link, err := os.Readlink(path)
		if err != nil {
			return "", err
		}
		if !filepath.IsAbs(link) {
			link = filepath.Join(filepath.Dir(path), link)
		}
		path = link
	}
	return "", fmt.Errorf("%s: too many levels of symbolic links", path)
}

var hostname = sync.OnceValue(func() string {
	h, err := os.Hostname()
	if err != nil || h == "" || strings.ContainsAny(h, "@/") {
		return "localhost"
	}
	return h
})

// Create returns a new temporary file for the eventual contents of path,
// with the mode path will have. It is created beside path (beside the
// target of a symbolic link), so that Commit can rename it into place in
// one step, unless path names an existing special file; then it goes to the
// system's temporary folder and Commit copies it into path. Stale
// temporary files of the same target left by dead processes are removed.
func Create(path string) (*os.File, error) {
	target, err := Target(path)
	if err != nil {
		return nil, err
	}
	dir := filepath.Dir(target)
	mode := newFileMode()
	if special(target) {
		dir = ""
	} else {
		if st, err := os.Stat(target); err == nil && st.Mode().IsRegular() {
			mode = st.Mode().Perm()
		}
		removeStale(dir, filepath.Base(target))
	}
	f, err := os.CreateTemp(dir, "."+filepath.Base(target)+partMarker+strconv.Itoa(os.Getpid())+"@"+hostname()+"-*")
	if err != nil {
		return nil, err
	}
	if err := f.Chmod(mode); err != nil { // CreateTemp makes 0600 files
		f.Close()
		os.Remove(f.Name())
		return nil, err
	}
	return f, nil
}

// Commit puts the closed temporary file tmp (from Create) in place at
// path, and removes tmp in every case. A regular target is replaced by
// renaming tmp over it after tmp's data reach the disk, and the folder is
// synced after the rename; a special file is written into.
func Commit(tmp, path string) error {
	return commit(tmp, path, true)
}

func commit(tmp, path string, durable bool) error {
	target, err := Target(path)
	if err != nil {
		os.Remove(tmp)
		return err
	}
	if !special(target) {
		if durable {
			if err := syncPath(tmp); err != nil {
				os.Remove(tmp)
				return fmt.Errorf("syncing %s: %w", path, err)
			}
		}
		if err := os.Rename(tmp, target); err != nil {
			os.Remove(tmp)
			return err
		}
		if durable {
			if err := syncDir(filepath.Dir(target)); err != nil {
				return fmt.Errorf("syncing the folder of %s: %w", path, err)
			}
		}
		return nil
	}
	defer os.Remove(tmp)
	src, err := os.Open(tmp)
	if err != nil {
		return err
	}
	defer src.Close()
	dst, err := os.OpenFile(target, os.O_WRONLY, 0)
	if err != nil {
		return err
	}
	_, err = io.Copy(dst, src)
	return errors.Join(err, dst.Close())
}

// syncPath flushes a closed file's data to the disk.
func syncPath(path string) error {
	f, err := os.Open(path)
	if err != nil {
		return err
	}
	return errors.Join(f.Sync(), f.Close())
}

// WriteFile writes data to path through Create and Commit.
func WriteFile(path string, data []byte) error {
	return writeFile(path, data, true)
}

func writeFile(path string, data []byte, durable bool) error {
	f, err := Create(path)
	if err != nil {
		return err
	}
	_, werr := f.Write(data)
	if err := errors.Join(werr, f.Close()); err != nil {
		os.Remove(f.Name())
		return err
	}
	return commit(f.Name(), path, durable)
}

// legacyStaleAge is how old a temporary file named by an earlier version
// (".NAME.part-RANDOM", with no owner) must be to count as stale.
const legacyStaleAge = 24 * time.Hour

// stale reports whether name (in dir) is a temporary file of this package
// whose owner no longer runs: a process of this host that has exited, or
// an unowned one older than legacyStaleAge. Temporary files of other hosts
// (a shared folder on a cluster) are left alone.
func stale(dir, name string) bool {
	i := strings.LastIndex(name, partMarker)
	if !strings.HasPrefix(name, ".") || i < 0 {
		return false
	}
	owner := name[i+len(partMarker):]
	at := strings.IndexByte(owner, '@')
	dash := strings.LastIndexByte(owner, '-')
	if at < 0 || dash < at {
		st, err := os.Lstat(filepath.Join(dir, name))
		return err == nil && st.Mode().IsRegular() && time.Since(st.ModTime()) > legacyStaleAge
	}
	pid, err := strconv.Atoi(owner[:at])
	if err != nil || owner[at+1:dash] != hostname() {
		return false
	}
	return pid != os.Getpid() && !alive(pid)
}

// removeStale removes the stale temporary files of target base in dir.
func removeStale(dir, base string) {
	matches, _ := filepath.Glob(filepath.Join(dir, "."+escapeGlob(base)+partMarker+"*"))
	for _, m := range matches {
		if stale(dir, filepath.Base(m)) {
			os.Remove(m)
		}
	}
}

func escapeGlob(s string) string {
	r := strings.NewReplacer(`\`, `\\`, `*`, `\*`, `?`, `\?`, `[`, `\[`)
	return r.Replace(s)
}

// CleanStale removes, under root and its subfolders, the temporary files
// that processes of this package left when they were killed, and returns
// the paths it removed. Files of processes still running, and of other
// hosts, are kept.
func CleanStale(root string) ([]string, error) {
	var removed []string
	err := filepath.WalkDir(root, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.Type().IsRegular() && stale(filepath.Dir(p), d.Name()) {
			if err := os.Remove(p); err != nil && !errors.Is(err, fs.ErrNotExist) {
				return err
			}
			removed = append(removed, p)
		}
		return nil
	})
	return removed, err
}
