// Package testfifo makes named pipes for tests of outputs that must be
// written into special files rather than replaced; it builds on every
// platform, and says so where named pipes do not exist.
package testfifo

// Make creates a named pipe at path with permissions perm, or returns an
// error (always, where the platform has no named pipes).
func Make(path string, perm uint32) error { return mkfifo(path, perm) }
