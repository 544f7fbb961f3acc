package sound

import (
	"bufio"
	"bytes"
	"context"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"strings"
)

// Playing a sound hands a WAV to a player program of the system, found on
// PATH when Play runs. gohears links no audio library (no cgo: the hears
// binary stays static and builds everywhere); the players below are the
// usual command-line ones of ALSA, PulseAudio/PipeWire, macOS and FFmpeg.

// playerSpec says how to run one player program.
type playerSpec struct {
	name string
	// args are the arguments before the input; the input is "-" (the WAV on
	// standard input) when stdin is true, else a temporary WAV file.
	args  []string
	stdin bool
}

// players lists the players Play looks for, in order of preference.
var players = []playerSpec{
	{name: "aplay", args: []string{"-q", "-t", "wav"}, stdin: true},                             // ALSA (Linux)
	{name: "paplay", args: nil, stdin: false},                                                   // PulseAudio / PipeWire (Linux)
	{name: "afplay", args: nil, stdin: false},                                                   // macOS
	{name: "ffplay", args: []string{"-nodisp", "-autoexit", "-loglevel", "error"}, stdin: true}, // FFmpeg
}

// PlayerNames returns the names of the players Play can use, in the order
// it looks for them on PATH.
func PlayerNames() []string {
	names := make([]string, len(players))
	for i, p := range players {
		names[i] = p.name
	}
	return names
}

// ErrNoPlayer is returned (wrapped, with the names searched) by Play and
// FindPlayer when no player program is on PATH.
var ErrNoPlayer = errors.New("sound: no audio player found")

// Player is a player program found on this system.
type Player struct {
	Name string // the program's name, e.g. "aplay"
	Path string // its path, as found on PATH
	spec playerSpec
}

// FindPlayer returns the first of PlayerNames found on PATH, or, when name
// is not empty, that player (which must be one of PlayerNames). The error
// wraps ErrNoPlayer and says which programs were looked for.
func FindPlayer(name string) (*Player, error) {
	if name != "" {
		for _, p := range players {
			if p.name == name {
				path, err := exec.LookPath(name)
				if err != nil {
					return nil, fmt.Errorf("%w: %s is not on PATH", ErrNoPlayer, name)
				}
				return &Player{Name: name, Path: path, spec: p}, nil
			}
		}
		return nil, fmt.Errorf("sound: unknown player %q (gohears can use %s)", name, strings.Join(PlayerNames(), ", "))
	}
	for _, p := range players {
		if path, err := exec.LookPath(p.name); err == nil {
			return &Player{Name: p.name, Path: path, spec: p}, nil
		}
	}
	return nil, fmt.Errorf("%w: none of %s is on PATH; install one (e.g. alsa-utils for aplay, pulseaudio-utils for paplay, ffmpeg for ffplay) or save the sound with SaveWAV and play the file", ErrNoPlayer, strings.Join(PlayerNames(), ", "))
}

// PlayOptions configures Play.
type PlayOptions struct {
	// Normalise scales the sound so that its largest absolute sample is
	// full scale (Brian Hears' play(normalise=True)). Without it samples
	// outside [-1, 1] are clipped, as Brian Hears clips them.
	Normalise bool
	// Player names the player program to use (one of PlayerNames); empty
	// takes the first found on PATH.
	Player string
}

// maxPlayChannels is the most channels Play accepts: Brian Hears' play
// takes mono or stereo only, and so do the players' defaults.
const maxPlayChannels = 2

// Play plays s through the system's audio player (see FindPlayer) and
// returns when it has finished, like Brian Hears' play(sleep=True). The
// sound is sent as 16-bit PCM WAV at its sample rate (rounded to whole Hz).
// It must have one or two channels. When no player exists the error wraps
// ErrNoPlayer and nothing is played.
func (s *Sound) Play(o PlayOptions) error {
	return s.PlayContext(context.Background(), o)
}

// PlayContext is Play with a context: cancelling it stops the player.
func (s *Sound) PlayContext(ctx context.Context, o PlayOptions) error {
	if s.channels > maxPlayChannels {
		return fmt.Errorf("sound: can only play sounds of 1 or 2 channels, this one has %d (select channels with Channels)", s.channels)
	}
	p, err := FindPlayer(o.Player)
	if err != nil {
		return err
	}
	return p.Play(ctx, s, o.Normalise)
}

// Play plays s with p and waits for the player to finish. The player's
// error output is part of the error when it fails.
func (p *Player) Play(ctx context.Context, s *Sound, normalise bool) (err error) {
	var wav bytes.Buffer
	if err := EncodeWAV(&wav, s, WAVOptions{Encoding: PCM16, Normalise: normalise, Clip: true}); err != nil {
		return err
	}
	args := append([]string(nil), p.spec.args...)
	var stdin *bytes.Reader
	if p.spec.stdin {
		args = append(args, "-")
		stdin = bytes.NewReader(wav.Bytes())
	} else {
		// This player reads files only: a temporary WAV, removed afterwards.
		f, err := os.CreateTemp("", "hears-play-*.wav")
		if err != nil {
			return fmt.Errorf("sound: temporary file for %s: %w", p.Name, err)
		}
		defer os.Remove(f.Name())
		w := bufio.NewWriter(f)
		if _, err := w.Write(wav.Bytes()); err != nil {
			f.Close()
			return err
		}
		if err := w.Flush(); err != nil {
			f.Close()
			return err
		}
		if err := f.Close(); err != nil {
			return err
		}
		args = append(args, f.Name())
	}
	cmd := exec.CommandContext(ctx, p.Path, args...)
	if stdin != nil {
		cmd.Stdin = stdin
	}
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	if err := cmd.Run(); err != nil {
		msg := strings.TrimSpace(stderr.String())
		if len(msg) > 500 {
			msg = "…" + msg[len(msg)-500:]
		}
		if msg != "" {
			return fmt.Errorf("sound: %s failed: %w: %s", p.Name, err, msg)
		}
		return fmt.Errorf("sound: %s failed: %w", p.Name, err)
	}
	return nil
}
