// Command hears is the command-line face of gohears: auditory models on
// sound files.
//
//	hears cochleagram [input.wav] [-o out.png] [--channels N] [--fmin Hz] [--fmax Hz] [--csv out.csv] [--mono]
//	hears help [command]
//	hears version
//
// See docs/cli.md for the full reference. The command is thin: it parses
// flags, builds a graph of gohears banks, streams it and writes the results.
package main

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"runtime"
	"sort"
	"strings"
)

// version is the gohears release this command belongs to.
const version = "0.1.0-dev"

// command is one subcommand of hears.
type command struct {
	name    string
	summary string // one line for the command list
	usage   string // the synopsis line(s) after "hears "
	// run executes the command with its arguments (after the name).
	run func(args []string, stdout, stderr io.Writer) error
}

// commands lists the subcommands; adding one is adding an entry here.
var commands = map[string]*command{}

func register(c *command) { commands[c.name] = c }

func init() {
	register(&command{
		name:    "help",
		summary: "show help for hears or for one command",
		usage:   "help [command]",
		run: func(args []string, stdout, _ io.Writer) error {
			switch len(args) {
			case 0:
				mainUsage(stdout)
				return nil
			case 1:
				c, ok := commands[args[0]]
				if !ok {
					return usageErrorf("unknown command %q (see 'hears help')", args[0])
				}
				return c.run([]string{"-h"}, stdout, io.Discard)
			}
			return usageErrorf("help takes at most one command name")
		},
	})
	register(&command{
		name:    "version",
		summary: "print the version of hears",
		usage:   "version",
		run: func(args []string, stdout, _ io.Writer) error {
			if len(args) > 0 {
				return usageErrorf("version takes no arguments")
			}
			fmt.Fprintf(stdout, "hears %s (gohears, %s %s/%s)\n", version, runtime.Version(), runtime.GOOS, runtime.GOARCH)
			return nil
		},
	})
}

func main() {
	os.Exit(run(os.Args[1:], os.Stdout, os.Stderr))
}

// usageError is a mistake in the command line (exit status 2).
type usageError struct{ msg string }

func (e *usageError) Error() string { return e.msg }

func usageErrorf(format string, a ...any) error {
	return &usageError{fmt.Sprintf(format, a...)}
}

// run executes hears with args (without the program name) and returns the
// exit status: 0 on success, 1 when the command fails, 2 on a usage error.
func run(args []string, stdout, stderr io.Writer) int {
	if len(args) == 0 {
		mainUsage(stderr)
		return 2
	}
	name := args[0]
	switch name {
	case "-h", "-help", "--help":
		name = "help"
	case "-version", "--version":
		name = "version"
	}
	c, ok := commands[name]
	if !ok {
		fmt.Fprintf(stderr, "hears: unknown command %q\n\n", name)
		mainUsage(stderr)
		return 2
	}
	err := c.run(args[1:], stdout, stderr)
	var ue *usageError
	switch {
	case err == nil || errors.Is(err, flag.ErrHelp):
		return 0
	case errors.As(err, &ue):
		fmt.Fprintf(stderr, "hears %s: %v\n", c.name, err)
		fmt.Fprintf(stderr, "usage: hears %s (see 'hears help %s')\n", c.usage, c.name)
		return 2
	default:
		fmt.Fprintf(stderr, "hears %s: %v\n", c.name, err)
		return 1
	}
}

func mainUsage(w io.Writer) {
	fmt.Fprintf(w, "hears: auditory models on sound files (gohears %s)\n\nusage:\n", version)
	names := make([]string, 0, len(commands))
	for n := range commands {
		names = append(names, n)
	}
	sort.Strings(names)
	for _, n := range names {
		fmt.Fprintf(w, "  hears %-12s %s\n", n, commands[n].summary)
	}
	fmt.Fprintf(w, "\nRun 'hears help <command>' for the flags of a command.\n")
}

// parseArgs parses flags that may come before, between or after positional
// arguments (the standard flag package stops at the first positional one),
// and returns the positional arguments in order. "--" ends the flags: what
// follows is positional even if it starts with a dash. -h prints the
// command's help to stdout and returns flag.ErrHelp; a bad flag is a usage
// error.
func parseArgs(c *command, fs *flag.FlagSet, describe string, args []string, stdout io.Writer) ([]string, error) {
	var pos []string
	for {
		if err := fs.Parse(args); err != nil {
			if errors.Is(err, flag.ErrHelp) {
				fmt.Fprintf(stdout, "usage: hears %s\n\n%s\n\nFlags may come before or after the input; -x and --x are the same.\n\n", c.usage, strings.TrimSpace(describe))
				fs.SetOutput(stdout)
				fs.PrintDefaults()
				return nil, err
			}
			return nil, &usageError{err.Error()}
		}
		rest := fs.Args()
		consumed := len(args) - len(rest)
		if consumed > 0 && args[consumed-1] == "--" {
			return append(pos, rest...), nil
		}
		if len(rest) == 0 {
			return pos, nil
		}
		pos = append(pos, rest[0])
		args = rest[1:]
	}
}

// newFlagSet returns a flag set for c that reports errors to its caller
// instead of printing them.
func newFlagSet(c *command) *flag.FlagSet {
	fs := flag.NewFlagSet("hears "+c.name, flag.ContinueOnError)
	fs.SetOutput(io.Discard)
	fs.Usage = func() {}
	return fs
}
