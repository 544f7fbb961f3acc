//go:build unix

package safefile

import (
	"errors"
	"io/fs"
	"os"
	"sync"
	"syscall"
)

// umask is the process's file-creation mask, read once (reading it means
// setting it, so it is read before any file is created and put back).
var umask = sync.OnceValue(func() fs.FileMode {
	m := syscall.Umask(0)
	syscall.Umask(m)
	return fs.FileMode(m)
})

// newFileMode is the mode a new output gets: 0666 less the umask, as open(2)
// gives.
func newFileMode() fs.FileMode { return 0o666 &^ umask() }

// alive reports whether a process with this id runs on this host.
func alive(pid int) bool {
	err := syscall.Kill(pid, 0)
	return err == nil || errors.Is(err, syscall.EPERM)
}

// syncDir makes a rename in dir durable.
func syncDir(dir string) error {
	d, err := os.Open(dir)
	if err != nil {
		return err
	}
	err = d.Sync()
	if errors.Is(err, syscall.EINVAL) || errors.Is(err, syscall.ENOTSUP) {
		err = nil // folders of some file systems cannot be synced
	}
	return errors.Join(err, d.Close())
}
