package spin

import (
	"sync/atomic"
	"testing"
	"time"
)

// TestUntil: Until sees a condition set by another goroutine, and gives up
// once its budget has passed when nothing sets it.
func TestUntil(t *testing.T) {
	var flag atomic.Bool
	go func() {
		time.Sleep(time.Millisecond)
		flag.Store(true)
	}()
	if !Until(flag.Load, time.Minute) {
		t.Fatal("Until returned false before its budget")
	}
	var never atomic.Bool
	start := time.Now()
	if Until(never.Load, time.Millisecond) {
		t.Fatal("Until returned true for a condition never set")
	}
	if time.Since(start) < time.Millisecond {
		t.Fatal("Until gave up before its budget")
	}
}
