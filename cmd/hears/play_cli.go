package main

import (
	"math"
	"strings"

	"github.com/spf13/cobra"

	"github.com/gohears/hears/sound"
)

// play_cli.go registers `hears play` (play.go) on the command line.

func init() {
	register(func(e *env) *cobra.Command {
		var cfg playConfig
		var end float64
		var channel float64 // a float, so that "1.5" gets this command's message
		c := &cobra.Command{
			Use:   playUsage,
			Short: "play a sound file through the system's audio player",
			Long:  playDescribe,
			Args: func(_ *cobra.Command, args []string) error {
				if len(args) != 1 {
					return usageErrorf("give exactly one sound file to play")
				}
				return nil
			},
			RunE: func(c *cobra.Command, args []string) error {
				cfg.end, cfg.channel = math.Inf(1), -1
				if c.Flags().Changed("end") {
					cfg.end = end
				}
				if c.Flags().Changed("channel") {
					if channel != math.Trunc(channel) || channel < 0 || channel > math.MaxInt32 {
						return usageErrorf("--channel must be a channel number from 0, got %v", channel)
					}
					cfg.channel = int(channel)
				}
				return playFile(args[0], cfg, e.stderr)
			},
		}
		fs := c.Flags()
		fs.BoolVar(&cfg.normalise, "normalise", false, "scale the sound so that its peak is full scale (default: clip at ±1)")
		fs.StringVar(&cfg.player, "player", "", "player `program` to use: "+strings.Join(sound.PlayerNames(), ", ")+" (default: the first found on PATH)")
		fs.Float64Var(&cfg.start, "start", 0, "start of the part to play, in `seconds`")
		fs.Float64Var(&end, "end", 0, "end of the part to play, in `seconds` (default: the end of the sound)")
		fs.Float64Var(&channel, "channel", 0, "play only channel `N`, 0 being the first (default: all, at most 2)")
		c.RegisterFlagCompletionFunc("player", cobra.FixedCompletions(sound.PlayerNames(), cobra.ShellCompDirectiveNoFileComp))
		return c
	})
}
