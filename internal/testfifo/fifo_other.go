//go:build !unix

package testfifo

import (
	"fmt"
	"runtime"
)

func mkfifo(string, uint32) error {
	return fmt.Errorf("named pipes: not available on %s", runtime.GOOS)
}
