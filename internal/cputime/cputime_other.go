//go:build !(linux || darwin || freebsd || netbsd || openbsd || dragonfly || windows)

package cputime

import "time"

func process() (time.Duration, bool) { return 0, false }
