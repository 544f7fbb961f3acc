package main

import (
	"fmt"
	"io"
	"math"
	"strconv"
	"strings"

	"github.com/gohears/hears/sound"
)

// play_cli.go registers `hears play` (play.go) with this command line's
// flag parsing.

func init() {
	register(&command{
		name:    "play",
		summary: "play a sound file through the system's audio player",
		usage:   playUsage,
		run:     runPlay,
	})
}

func runPlay(args []string, stdout, stderr io.Writer) error {
	c := commands["play"]
	fs := newFlagSet(c)
	var cfg playConfig
	fs.BoolVar(&cfg.normalise, "normalise", false, "scale the sound so that its peak is full scale (default: clip at ±1)")
	fs.StringVar(&cfg.player, "player", "", "player `program` to use: "+strings.Join(sound.PlayerNames(), ", ")+" (default: the first found on PATH)")
	fs.Float64Var(&cfg.start, "start", 0, "start of the part to play, in `seconds`")
	var end, channel optionalNumber
	fs.Var(&end, "end", "end of the part to play, in `seconds` (default: the end of the sound)")
	fs.Var(&channel, "channel", "play only channel `N`, 0 being the first (default: all, at most 2)")
	pos, err := parseArgs(c, fs, playDescribe, args, stdout)
	if err != nil {
		return err
	}
	if len(pos) != 1 {
		return usageErrorf("give exactly one sound file to play")
	}
	cfg.end, cfg.channel = math.Inf(1), -1
	if end.set {
		cfg.end = end.v
	}
	if channel.set {
		if channel.v != math.Trunc(channel.v) || channel.v < 0 || channel.v > math.MaxInt32 {
			return usageErrorf("--channel must be a channel number from 0, got %v", channel.v)
		}
		cfg.channel = int(channel.v)
	}
	return playFile(pos[0], cfg, stderr)
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
