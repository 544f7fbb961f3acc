//go:build !amd64 || purego

package spin

// Relax does nothing where no spin hint is implemented.
func Relax() {}
