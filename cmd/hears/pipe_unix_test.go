//go:build unix

package main

import (
	"bytes"
	"image/png"
	"io"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/gohears/hears/internal/testfifo"
)

// TestOutputToPipe: an output naming a named pipe (as /dev/stdout or
// /dev/null would) is written into, not replaced by a regular file.
func TestOutputToPipe(t *testing.T) {
	dir := t.TempDir()
	in := filepath.Join(dir, "tone.wav")
	writeWAV(t, in, tone(t, 1000, 0.1, 16000))
	fifo := filepath.Join(dir, "pipe.png")
	if err := testfifo.Make(fifo, 0o600); err != nil {
		t.Skipf("mkfifo: %v", err)
	}
	got := make(chan []byte, 1)
	go func() {
		f, err := os.Open(fifo)
		if err != nil {
			got <- nil
			return
		}
		b, _ := io.ReadAll(f)
		f.Close()
		got <- b
	}()
	if code, _, stderr := hears(t, "cochleagram", in, "-o", fifo, "--channels", "20", "-q"); code != 0 {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	var b []byte
	select {
	case b = <-got:
	case <-time.After(20 * time.Second):
		// A rename over the pipe leaves the reader waiting for a writer.
		t.Fatal("nothing was written into the pipe")
	}
	if _, err := png.Decode(bytes.NewReader(b)); err != nil {
		t.Fatalf("the pipe carried %d bytes that are not a PNG: %v", len(b), err)
	}
	if st, err := os.Stat(fifo); err != nil || st.Mode()&os.ModeNamedPipe == 0 {
		t.Fatalf("the pipe is now %v (%v)", st.Mode(), err)
	}
}
