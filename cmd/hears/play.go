package main

import (
	"context"
	"fmt"
	"io"
	"math"
	"os"
	"os/signal"
	"strconv"
	"strings"

	"github.com/gohears/hears/sound"
)

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

func init() {
	register(&command{
		name:    "play",
		summary: "play a sound file through the system's audio player",
		usage:   "play FILE [--normalise] [--player aplay|paplay|afplay|ffplay] [--start s] [--end s] [--channel N]",
		run:     runPlay,
	})
}

func runPlay(args []string, stdout, stderr io.Writer) error {
	c := commands["play"]
	fs := newFlagSet(c)
	normalise := fs.Bool("normalise", false, "scale the sound so that its peak is full scale (default: clip at ±1)")
	player := fs.String("player", "", "player `program` to use: "+strings.Join(sound.PlayerNames(), ", ")+" (default: the first found on PATH)")
	start := fs.Float64("start", 0, "start of the part to play, in `seconds`")
	var endOpt, chanOpt optionalNumber
	fs.Var(&endOpt, "end", "end of the part to play, in `seconds` (default: the end of the sound)")
	fs.Var(&chanOpt, "channel", "play only channel `N`, 0 being the first (default: all, at most 2)")
	pos, err := parseArgs(c, fs, playDescribe, args, stdout)
	if err != nil {
		return err
	}
	end, channel := &endOpt.v, int(chanOpt.v)
	if !endOpt.set {
		*end = math.Inf(1)
	}
	if chanOpt.set && (chanOpt.v != math.Trunc(chanOpt.v) || chanOpt.v < 0) {
		return usageErrorf("--channel must be a channel number from 0, got %v", chanOpt.v)
	}
	switch {
	case len(pos) != 1:
		return usageErrorf("give exactly one sound file to play")
	case !(*start >= 0) || math.IsInf(*start, 0):
		return usageErrorf("--start must be a non-negative finite number of seconds, got %v", *start)
	case !(*end > *start):
		return usageErrorf("--end (%v s) must come after --start (%v s)", *end, *start)
	}
	// Look for the player first: with none, say so before decoding anything.
	p, err := sound.FindPlayer(*player)
	if err != nil {
		return err
	}
	var s *sound.Sound
	if pos[0] == "-" {
		f, err := sound.OpenReader(os.Stdin, "standard input")
		if err != nil {
			return err
		}
		defer f.Close()
		s, err = sound.ReadAll(f, 0)
		if err != nil {
			return err
		}
	} else if s, err = sound.Load(pos[0]); err != nil {
		return err
	}
	if chanOpt.set {
		if channel >= s.NumChannels() {
			return usageErrorf("--channel %d: the sound has %d channel(s), numbered from 0", channel, s.NumChannels())
		}
		if s, err = s.Channel(channel); err != nil {
			return err
		}
	}
	if *start > 0 || !math.IsInf(*end, 1) {
		if *start >= s.Duration() {
			return usageErrorf("--start %v s is past the end of the sound (%.6g s)", *start, s.Duration())
		}
		if s, err = s.Slice(*start, min(*end, s.Duration())); err != nil {
			return err
		}
	}
	if s.NumChannels() > 2 {
		return fmt.Errorf("%s has %d channels; hears play plays mono or stereo: pick one with --channel", pos[0], s.NumChannels())
	}
	fmt.Fprintf(stderr, "hears play: %s (%.3f s, %d channel(s), %g Hz) with %s\n", pos[0], s.Duration(), s.NumChannels(), s.SampleRate(), p.Path)
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt)
	defer stop()
	return p.Play(ctx, s, *normalise)
}

// optionalNumber is a numeric flag that knows whether it was given, so that
// its help shows no made-up default.
type optionalNumber struct {
	v   float64
	set bool
}

func (o *optionalNumber) String() string {
	if o == nil || !o.set {
		return ""
	}
	return strconv.FormatFloat(o.v, 'g', -1, 64)
}

func (o *optionalNumber) Set(s string) error {
	v, err := strconv.ParseFloat(s, 64)
	if err != nil || math.IsNaN(v) || math.IsInf(v, 0) {
		return fmt.Errorf("%q is not a finite number", s)
	}
	o.v, o.set = v, true
	return nil
}
