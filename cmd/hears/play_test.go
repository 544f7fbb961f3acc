package main

import (
	"bytes"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"testing"

	"github.com/gohears/hears/sound"
)

// fakeAplay puts a script called aplay alone on PATH; it saves the WAV it
// reads on standard input to dir/got.wav.
func fakeAplay(t *testing.T) string {
	t.Helper()
	if runtime.GOOS == "windows" {
		t.Skip("the fake player is a shell script")
	}
	dir := t.TempDir()
	script := "#!/bin/sh\n/bin/cat > \"" + dir + "/got.wav\"\n"
	if err := os.WriteFile(filepath.Join(dir, "aplay"), []byte(script), 0o755); err != nil {
		t.Fatal(err)
	}
	t.Setenv("PATH", dir)
	return dir
}

func TestPlayCommand(t *testing.T) {
	dir := fakeAplay(t)
	in := filepath.Join(t.TempDir(), "in.wav")
	st, err := sound.New([]float64{0, 0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9, -0.5, -0.25}, 3, 1000)
	if err != nil {
		t.Fatal(err)
	}
	if err := sound.SaveWAV(in, st, sound.WAVOptions{Encoding: sound.Float32}); err != nil {
		t.Fatal(err)
	}
	var out, errb bytes.Buffer
	// Three channels: refused, nothing played.
	if code := run([]string{"play", in}, &out, &errb); code != 1 || !strings.Contains(errb.String(), "--channel") {
		t.Fatalf("3 channels: exit %d, %s", code, errb.String())
	}
	errb.Reset()
	if code := run([]string{"play", in, "--channel", "1", "--start", "0.001", "--end", "0.003"}, &out, &errb); code != 0 {
		t.Fatalf("exit %d: %s", code, errb.String())
	}
	if !strings.Contains(errb.String(), "with "+filepath.Join(dir, "aplay")) {
		t.Fatalf("stderr %q does not say which player", errb.String())
	}
	got, err := sound.LoadWAV(filepath.Join(dir, "got.wav"))
	if err != nil {
		t.Fatal(err)
	}
	// Channel 1, frames 1 and 2: 0.4 and 0.7, as 16-bit PCM.
	if got.NumChannels() != 1 || got.SampleRate() != 1000 || got.NumFrames() != 2 ||
		got.At(0, 0) != 13107.0/32768 || got.At(1, 0) != 22938.0/32768 {
		t.Fatalf("player got %v: %v", got, got.Data())
	}
	for _, c := range []struct {
		args []string
		code int
		msg  string
	}{
		{[]string{"play"}, 2, "exactly one"},
		{[]string{"play", in, "--channel", "3"}, 2, "3 channel(s)"},
		{[]string{"play", in, "--channel", "1.5"}, 2, "channel number"},
		{[]string{"play", in, "--start", "1"}, 2, "past the end"},
		{[]string{"play", in, "--start", "0.2", "--end", "0.1"}, 2, "after --start"},
		{[]string{"play", in, "--player", "ffplay"}, 1, "ffplay is not on PATH"},
		{[]string{"play", filepath.Join(dir, "missing.wav"), "--channel", "0"}, 1, "missing.wav"},
	} {
		errb.Reset()
		if code := run(c.args, &out, &errb); code != c.code || !strings.Contains(errb.String(), c.msg) {
			t.Errorf("%v: exit %d, stderr %q; want %d and %q", c.args, code, errb.String(), c.code, c.msg)
		}
	}
	// No player at all: a clear error before anything is decoded.
	t.Setenv("PATH", t.TempDir())
	errb.Reset()
	if code := run([]string{"play", in}, &out, &errb); code != 1 || !strings.Contains(errb.String(), "no audio player found") {
		t.Fatalf("no player: exit %d, %q", code, errb.String())
	}
}
