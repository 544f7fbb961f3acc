package mp3

import (
	"bytes"
	"runtime"
	"testing"
)

// TestCorruptID3SizeAllocatesLittle: an ID3v2 tag whose size field says
// 256 MiB, in a file of a few bytes, is skipped (here: runs into the end)
// without allocating the declared size.
func TestCorruptID3SizeAllocatesLittle(t *testing.T) {
	b := append([]byte("ID3\x04\x00\x00\x7f\x7f\x7f\x7f"), make([]byte, 100)...)
	var before, after runtime.MemStats
	runtime.ReadMemStats(&before)
	if _, err := NewDecoder(bytes.NewReader(b)); err == nil {
		t.Error("a truncated tag decoded")
	}
	runtime.ReadMemStats(&after)
	if got := after.TotalAlloc - before.TotalAlloc; got > 1<<20 {
		t.Errorf("allocated %d bytes for a 110-byte input", got)
	}
}
