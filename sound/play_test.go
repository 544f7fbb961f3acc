package sound

import (
	"bytes"
	"errors"
	"math"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"testing"
)

// fakePlayer puts a shell script called name on a PATH of its own: it
// records its arguments and the WAV it was given (standard input for "-",
// else the file named last) in dir, and exits with status exit.
func fakePlayer(t *testing.T, name string, exit int) (dir string) {
	t.Helper()
	if runtime.GOOS == "windows" {
		t.Skip("fake players are shell scripts")
	}
	dir = t.TempDir()
	script := `#!/bin/sh
printf '%s\n' "$@" > "` + dir + `/args"
for last; do :; done
if [ "$last" = "-" ]; then /bin/cat > "` + dir + `/got.wav"; else /bin/cat "$last" > "` + dir + `/got.wav"; fi
echo "fake player complaint" >&2
exit ` + string(rune('0'+exit)) + "\n"
	if err := os.WriteFile(filepath.Join(dir, name), []byte(script), 0o755); err != nil {
		t.Fatal(err)
	}
	t.Setenv("PATH", dir)
	return dir
}

func TestPlayFakePlayers(t *testing.T) {
	s, err := New([]float64{0, 0.5, -0.5, 0.25, 2, -1}, 2, 22050)
	if err != nil {
		t.Fatal(err)
	}
	var want bytes.Buffer
	if err := EncodeWAV(&want, s, WAVOptions{Clip: true}); err != nil {
		t.Fatal(err)
	}
	for _, name := range PlayerNames() {
		t.Run(name, func(t *testing.T) {
			dir := fakePlayer(t, name, 0)
			p, err := FindPlayer("")
			if err != nil {
				t.Fatal(err)
			}
			if p.Name != name || p.Path != filepath.Join(dir, name) {
				t.Fatalf("found %s at %s", p.Name, p.Path)
			}
			if err := s.Play(PlayOptions{}); err != nil {
				t.Fatal(err)
			}
			got, err := os.ReadFile(filepath.Join(dir, "got.wav"))
			if err != nil {
				t.Fatal(err)
			}
			if !bytes.Equal(got, want.Bytes()) {
				t.Fatalf("player got %d bytes, want the %d of the clipped 16-bit WAV", len(got), want.Len())
			}
			back, err := DecodeWAV(bytes.NewReader(got))
			if err != nil || back.NumChannels() != 2 || back.SampleRate() != 22050 || back.NumFrames() != 3 {
				t.Fatalf("player got %v (%v)", back, err)
			}
			args, _ := os.ReadFile(filepath.Join(dir, "args"))
			last := strings.Fields(string(args))
			if name == "aplay" || name == "ffplay" {
				if last[len(last)-1] != "-" {
					t.Fatalf("%s args %q, want the WAV on stdin", name, args)
				}
			} else if f := last[len(last)-1]; !strings.HasSuffix(f, ".wav") {
				t.Fatalf("%s args %q, want a WAV file", name, args)
			} else if _, err := os.Stat(f); !errors.Is(err, os.ErrNotExist) {
				t.Fatalf("temporary file %s left behind (%v)", f, err)
			}
		})
	}
}

func TestPlayNormalise(t *testing.T) {
	dir := fakePlayer(t, "aplay", 0)
	s, _ := New([]float64{0, 0.25, -0.125}, 1, 8000)
	if err := s.Play(PlayOptions{Normalise: true, Player: "aplay"}); err != nil {
		t.Fatal(err)
	}
	got, err := LoadWAV(filepath.Join(dir, "got.wav"))
	if err != nil {
		t.Fatal(err)
	}
	if d := got.Data(); d[1] != 32767.0/32768 || d[2] != -16384.0/32768 {
		t.Fatalf("normalised samples %v", d)
	}
}

func TestPlayNoPlayer(t *testing.T) {
	t.Setenv("PATH", t.TempDir())
	s, _ := New([]float64{0, 0.1}, 1, 8000)
	err := s.Play(PlayOptions{})
	if !errors.Is(err, ErrNoPlayer) {
		t.Fatalf("error %v, want ErrNoPlayer", err)
	}
	for _, n := range PlayerNames() {
		if !strings.Contains(err.Error(), n) {
			t.Errorf("error %q does not name %s", err, n)
		}
	}
	if _, err := FindPlayer("aplay"); !errors.Is(err, ErrNoPlayer) || !strings.Contains(err.Error(), "aplay") {
		t.Errorf("FindPlayer(aplay): %v", err)
	}
	if _, err := FindPlayer("vlc"); err == nil || !strings.Contains(err.Error(), "unknown player") {
		t.Errorf("FindPlayer(vlc): %v", err)
	}
}

func TestPlayErrors(t *testing.T) {
	fakePlayer(t, "aplay", 3)
	s, _ := New([]float64{0, 0.1}, 1, 8000)
	err := s.Play(PlayOptions{})
	if err == nil || !strings.Contains(err.Error(), "exit status 3") || !strings.Contains(err.Error(), "fake player complaint") {
		t.Fatalf("failing player: %v", err)
	}
	three, _ := New(make([]float64, 6), 3, 8000)
	if err := three.Play(PlayOptions{}); err == nil || !strings.Contains(err.Error(), "1 or 2 channels") {
		t.Fatalf("3 channels: %v", err)
	}
	nan, _ := New([]float64{0, 0}, 1, 8000)
	nan.Data()[1] = math.NaN()
	if err := nan.Play(PlayOptions{}); err == nil || !strings.Contains(err.Error(), "NaN") {
		t.Fatalf("NaN sample: %v", err)
	}
}
