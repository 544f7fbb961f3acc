package main

import (
	"context"
	"fmt"
	"io"
	"math"
	"os"
	"os/signal"

	"github.com/gohears/hears/sound"
)

// This file is the play command itself, independent of how flags are
// parsed; play_cli.go registers it with the command line.

const playDescribe = `
Plays a sound file (WAV, AIFF, FLAC, MP3 or Ogg Vorbis; "-" reads standard
input) through the system's audio player, as Brian Hears' play(): the first
of aplay, paplay, afplay and ffplay found on PATH, or the one --player names.
hears links no audio library; when no player is installed it says so and
fails. The sound is sent as 16-bit PCM at its own sample rate; samples
outside [-1, 1] are clipped unless --normalise scales the peak to full
scale. Mono and stereo only (pick channels with --channel). --start and
--end play a part (seconds). The command returns when playback ends;
Ctrl-C stops it.`

const playUsage = "play FILE [--normalise] [--player aplay|paplay|afplay|ffplay] [--start s] [--end s] [--channel N]"

// playConfig holds the settings of one `hears play`.
type playConfig struct {
	normalise  bool
	player     string  // "" for the first found
	start, end float64 // s; end +Inf for the end of the sound
	channel    int     // -1 for all channels
}

// playFile plays the sound file at path (or standard input for "-").
func playFile(path string, c playConfig, stderr io.Writer) error {
	switch {
	case !(c.start >= 0) || math.IsInf(c.start, 0):
		return usageErrorf("--start must be a non-negative finite number of seconds, got %v", c.start)
	case !(c.end > c.start):
		return usageErrorf("--end (%v s) must come after --start (%v s)", c.end, c.start)
	case c.channel < -1:
		return usageErrorf("--channel must be a channel number from 0, got %d", c.channel)
	}
	// Look for the player first: with none, say so before decoding anything.
	p, err := sound.FindPlayer(c.player)
	if err != nil {
		return err
	}
	var s *sound.Sound
	if path == "-" {
		f, err := sound.OpenReader(os.Stdin, "standard input")
		if err != nil {
			return err
		}
		defer f.Close()
		if s, err = sound.ReadAll(f, 0); err != nil {
			return err
		}
	} else if s, err = sound.Load(path); err != nil {
		return err
	}
	if c.channel >= 0 {
		if c.channel >= s.NumChannels() {
			return usageErrorf("--channel %d: the sound has %d channel(s), numbered from 0", c.channel, s.NumChannels())
		}
		if s, err = s.Channel(c.channel); err != nil {
			return err
		}
	}
	if c.start > 0 || !math.IsInf(c.end, 1) {
		if c.start >= s.Duration() {
			return usageErrorf("--start %v s is past the end of the sound (%.6g s)", c.start, s.Duration())
		}
		if s, err = s.Slice(c.start, min(c.end, s.Duration())); err != nil {
			return err
		}
	}
	if s.NumChannels() > 2 {
		return fmt.Errorf("%s has %d channels; hears play plays mono or stereo: pick one with --channel", path, s.NumChannels())
	}
	fmt.Fprintf(stderr, "hears play: %s (%.3f s, %d channel(s), %g Hz) with %s\n", path, s.Duration(), s.NumChannels(), s.SampleRate(), p.Path)
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt)
	defer stop()
	return p.Play(ctx, s, c.normalise)
}
