//go:build amd64 && !purego

package spin

// Relax tells the processor that the caller is spinning (PAUSE): it
// leaves the core's resources to a sibling hardware thread, which may be
// the goroutine being waited for, and saves power.
//
//go:noescape
func Relax()
