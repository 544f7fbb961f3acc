// Package safefile writes output files so that they appear only when
// complete: into a temporary file, then moved into place in one step. It
// also writes to special files (/dev/null, /dev/stdout, a named pipe)
// without replacing them: a rename over /dev/null run as root would turn
// the device into a regular file.
package safefile

import (
	"errors"
	"io"
	"os"
	"path/filepath"
)

// special reports whether path names an existing file that is neither
// regular nor a folder (a device, a named pipe, a socket), itself or
// through a symbolic link.
func special(path string) bool {
	st, err := os.Stat(path)
	return err == nil && !st.Mode().IsRegular() && !st.IsDir()
}

// Create returns a new temporary file (mode 0644) for the eventual
// contents of path. It is created beside path, so that Commit can rename
// it into place in one step, unless path names an existing special file;
// then it goes to the system's temporary folder and Commit copies it into
// path instead of replacing path.
func Create(path string) (*os.File, error) {
	dir := filepath.Dir(path)
	if special(path) {
		dir = ""
	}
	f, err := os.CreateTemp(dir, "."+filepath.Base(path)+".part-*")
	if err != nil {
		return nil, err
	}
	if err := f.Chmod(0o644); err != nil { // CreateTemp makes 0600 files
		f.Close()
		os.Remove(f.Name())
		return nil, err
	}
	return f, nil
}

// Commit puts the closed temporary file tmp (from Create) in place at
// path, by renaming it, or by copying it into path when path is a special
// file, and removes tmp in every case.
func Commit(tmp, path string) error {
	if !special(path) {
		if err := os.Rename(tmp, path); err != nil {
			os.Remove(tmp)
			return err
		}
		return nil
	}
	defer os.Remove(tmp)
	src, err := os.Open(tmp)
	if err != nil {
		return err
	}
	defer src.Close()
	dst, err := os.OpenFile(path, os.O_WRONLY, 0)
	if err != nil {
		return err
	}
	_, err = io.Copy(dst, src)
	return errors.Join(err, dst.Close())
}

// WriteFile writes data to path through Create and Commit.
func WriteFile(path string, data []byte) error {
	f, err := Create(path)
	if err != nil {
		return err
	}
	_, werr := f.Write(data)
	if err := errors.Join(werr, f.Close()); err != nil {
		os.Remove(f.Name())
		return err
	}
	return Commit(f.Name(), path)
}
