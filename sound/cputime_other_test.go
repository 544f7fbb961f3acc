//go:build !unix

package sound

import "time"

// cpuTime falls back to wall time where getrusage does not exist (Windows,
// Plan 9, wasm): the cpu-ns/op figures there are wall time.
func cpuTime() int64 { return time.Now().UnixNano() }
