//go:build !unix

package safefile

import "io/fs"

// newFileMode is the mode a new output gets (no umask here).
func newFileMode() fs.FileMode { return 0o666 }

// alive reports whether a process with this id runs; without a way to ask,
// every owner counts as running and its temporary files are kept.
func alive(int) bool { return true }

// syncDir does nothing: folders cannot be opened for syncing here.
func syncDir(string) error { return nil }
