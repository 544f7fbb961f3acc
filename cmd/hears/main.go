// Command hears is the command-line face of gohears: auditory models on
// sound files.
//
//	hears cochleagram [input] [-o out.png] [--model NAME] [--csv out.csv] ...
//	hears filter --chain chain.json [-i] input -o out.npy|out.csv|out.wav ...
//	hears batch COMMAND [COMMAND's flags] --outdir DIR [--jobs N] [--shard I/N|auto] INPUT...
//	hears help [command]
//	hears version
//	hears completion bash|zsh|fish|powershell
//
// See docs/cli.md and docs/batch.md. The command is thin: it parses flags
// (github.com/spf13/cobra and pflag: -o/--output, --long flags), builds a
// graph of gohears banks, streams it and writes the results.
//
// # Adding a command
//
// A command is one file of this folder whose init function registers it:
//
//   - a command that turns one input file into output files (cochleagram,
//     filter, and later localisation or spiking commands) calls
//     registerPerFile with a perFile descriptor. It then exists both as
//     `hears NAME [input] [flags]` and under `hears batch NAME`, which runs
//     it over a corpus (parallel, resumable, shardable) with no code of its
//     own;
//   - any other command calls register with a function that builds its
//     *cobra.Command.
package main

import (
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"runtime"
	"slices"
	"strings"

	"github.com/spf13/cobra"
	"github.com/spf13/pflag"
)

// version is the gohears release this command belongs to.
const version = "0.1.0-dev"

// versionLine is what `hears version` and `hears --version` print.
func versionLine() string {
	return fmt.Sprintf("hears %s (gohears, %s %s/%s)\n", version, runtime.Version(), runtime.GOOS, runtime.GOARCH)
}

// builders make the commands that are not per-file commands.
var builders []func(env *env) *cobra.Command

// register adds a command: build makes a fresh *cobra.Command each time
// hears runs.
func register(build func(env *env) *cobra.Command) { builders = append(builders, build) }

// perFile describes a command that reads one input file and writes output
// files; `hears batch` drives every such command the same way.
type perFile struct {
	name    string
	summary string // one line for the command list
	usage   string // the synopsis after "hears " (cobra's Use)
	long    string // the help text
	example string
	// defaultInput, when true, lets the command run without an input (it
	// then uses a built-in one).
	defaultInput bool
	// completions lists the values of flags that take one of a few names,
	// for shell completion.
	completions map[string][]string
	// newJob declares the command's flags on fs and returns the job they
	// fill.
	newJob func(fs *pflag.FlagSet) job
}

// job is one run of a per-file command, with its settings filled in by
// the command's flags.
type job interface {
	// setInput sets the input file ("-": standard input).
	setInput(path string)
	// input returns the input file ("" for a built-in one).
	input() string
	// outputs lists the flags that name output files, by pointer: under
	// `hears batch` each one that is set is replaced by the output folder's
	// name for the input plus the flag's extension.
	outputs() []*string
	// check validates the settings before any work (a usage error is
	// exit status 2).
	check() error
	// run does the work and returns the files it wrote.
	run(e *env) ([]string, error)
}

// perFiles lists the per-file commands by name.
var perFiles = map[string]*perFile{}

// registerPerFile adds a per-file command.
func registerPerFile(p *perFile) { perFiles[p.name] = p }

// env is what a running command reads and writes besides its flags.
type env struct {
	stdout, stderr io.Writer
	quiet          bool
	// argv is the command line as a record (sidecars): the command name
	// and its flags, without output names under batch.
	argv []string
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
	e := &env{stdout: stdout, stderr: stderr}
	root := newRoot(e)
	if len(args) == 0 {
		root.SetOut(stderr)
		root.SetArgs([]string{"--help"})
		root.Execute()
		return 2
	}
	root.SetArgs(args)
	cmd, err := root.ExecuteC()
	if err == nil {
		return 0
	}
	name := "hears"
	if cmd != nil && cmd != root {
		name = cmd.CommandPath()
	}
	var ue *usageError
	if errors.As(err, &ue) || strings.HasPrefix(err.Error(), "unknown command") {
		fmt.Fprintf(stderr, "%s: %v\n", name, err)
		fmt.Fprintf(stderr, "Run '%s --help' for usage.\n", name)
		return 2
	}
	fmt.Fprintf(stderr, "%s: %v\n", name, err)
	return 1
}

// newRoot builds the command tree.
func newRoot(e *env) *cobra.Command {
	root := &cobra.Command{
		Use:           "hears",
		Short:         "auditory models on sound files (gohears " + version + ")",
		Long:          "hears runs gohears' auditory models on sound files, one at a time or over a whole corpus (hears batch).\nSee docs/cli.md and docs/batch.md.",
		Version:       version,
		SilenceErrors: true,
		SilenceUsage:  true,
		Args:          cobra.ArbitraryArgs,
		RunE: func(c *cobra.Command, args []string) error {
			if len(args) > 0 {
				return usageErrorf("unknown command %q (see 'hears help')", args[0])
			}
			return usageErrorf("no command given (see 'hears help')")
		},
	}
	root.SetOut(e.stdout)
	root.SetErr(e.stderr)
	root.SetVersionTemplate(versionLine())
	root.PersistentFlags().BoolVarP(&e.quiet, "quiet", "q", false, "print neither progress nor the names of the files written")
	root.SetFlagErrorFunc(func(_ *cobra.Command, err error) error { return &usageError{err.Error()} })
	root.SetHelpCommand(helpCommand(root))
	root.AddCommand(&cobra.Command{
		Use:   "version",
		Short: "print the version of hears",
		Args:  noArgs,
		RunE: func(*cobra.Command, []string) error {
			fmt.Fprint(e.stdout, versionLine())
			return nil
		},
	})
	for _, n := range perFileNames() {
		root.AddCommand(perFileCommand(perFiles[n], e))
	}
	for _, b := range builders {
		root.AddCommand(b(e))
	}
	return root
}

// noArgs refuses positional arguments with a usage error.
func noArgs(cmd *cobra.Command, args []string) error {
	if len(args) > 0 {
		return usageErrorf("%s takes no arguments, got %q", cmd.Name(), args)
	}
	return nil
}

// helpCommand is `hears help [command]`: the same text as `hears command
// --help`, and a usage error for an unknown command (cobra's own prints a
// message and succeeds).
func helpCommand(root *cobra.Command) *cobra.Command {
	return &cobra.Command{
		Use:   "help [command]",
		Short: "show help for hears or for one command",
		Long:  "help shows the help of hears, or of one command: 'hears help X' is 'hears X --help'.",
		ValidArgsFunction: func(*cobra.Command, []string, string) ([]string, cobra.ShellCompDirective) {
			var names []string
			for _, c := range root.Commands() {
				names = append(names, c.Name())
			}
			return names, cobra.ShellCompDirectiveNoFileComp
		},
		RunE: func(c *cobra.Command, args []string) error {
			target, rest, err := root.Find(args)
			if err != nil || len(rest) > 0 {
				return usageErrorf("unknown command %q (see 'hears help')", strings.Join(args, " "))
			}
			target.InitDefaultHelpFlag()
			target.SetOut(c.OutOrStdout())
			return target.Help()
		},
	}
}

// perFileCommand makes the command `hears NAME [input] [flags]` of p.
func perFileCommand(p *perFile, e *env) *cobra.Command {
	c := &cobra.Command{
		Use:     p.usage,
		Short:   p.summary,
		Long:    p.long,
		Example: p.example,
	}
	j := p.newJob(c.Flags())
	c.Flags().StringP("input", "i", "", "input `file` (or give it as the argument; - is standard input)")
	c.ValidArgsFunction = completeAudio
	for flag, values := range p.completions {
		c.RegisterFlagCompletionFunc(flag, cobra.FixedCompletions(values, cobra.ShellCompDirectiveNoFileComp))
	}
	c.Args = func(_ *cobra.Command, args []string) error {
		if len(args) > 1 {
			return usageErrorf("one input file at most, got %d: %s (for many files, see 'hears help batch')", len(args), strings.Join(args, " "))
		}
		return nil
	}
	c.RunE = func(c *cobra.Command, args []string) error {
		in, _ := c.Flags().GetString("input")
		if len(args) == 1 {
			if in != "" {
				return usageErrorf("input given twice: %s and --input %s", args[0], in)
			}
			in = args[0]
		}
		if in == "" && !p.defaultInput {
			return usageErrorf("no input file: give it as the argument or with --input")
		}
		j.setInput(in)
		if err := j.check(); err != nil {
			return err
		}
		if err := checkOutputs(j); err != nil {
			return err
		}
		e.argv = recordArgs(p.name, c.Flags(), nil)
		written, err := j.run(e)
		if err != nil {
			return err
		}
		printWritten(e, written)
		return nil
	}
	return c
}

// completeAudio completes an input argument with the sound files the
// sound package reads.
func completeAudio(_ *cobra.Command, args []string, _ string) ([]string, cobra.ShellCompDirective) {
	if len(args) > 0 {
		return nil, cobra.ShellCompDirectiveNoFileComp
	}
	return audioExtensions(), cobra.ShellCompDirectiveFilterFileExt
}

// recordArgs is the command as a record: its name and the flags that were
// set, as --name=value in flag order, leaving out those in skip (output
// names, which differ between runs that make the same data).
func recordArgs(name string, fs *pflag.FlagSet, skip map[string]bool) []string {
	argv := []string{name}
	fs.VisitAll(func(f *pflag.Flag) {
		if !f.Changed || skip[f.Name] || f.Name == "quiet" || f.Name == "input" {
			return
		}
		argv = append(argv, "--"+f.Name+"="+f.Value.String())
	})
	return argv
}

// printWritten prints the files written, one a line, unless quiet.
func printWritten(e *env, paths []string) {
	if e.quiet {
		return
	}
	for _, p := range paths {
		if p == "-" {
			continue // standard output holds the data: no list of files in it
		}
		fmt.Fprintln(e.stdout, p)
	}
}

// checkOutputs refuses outputs that would replace the input, or each
// other, and outputs in a missing folder, before any work.
func checkOutputs(j job) error {
	var outs []string
	for _, o := range j.outputs() {
		if *o != "" {
			outs = append(outs, *o)
		}
	}
	in := j.input()
	for i, o := range outs {
		if o == "-" {
			continue
		}
		if in != "" && in != "-" && samePath(in, o) {
			return usageErrorf("the output %s is the input: choose another output name", o)
		}
		for _, p := range outs[:i] {
			if samePath(p, o) {
				return usageErrorf("two outputs are the same file %s", o)
			}
		}
		if st, err := os.Stat(o); err == nil && st.IsDir() {
			return usageErrorf("the output %s is a folder; give a file name", o)
		}
		if st, err := os.Stat(filepath.Dir(o)); err != nil || !st.IsDir() {
			return fmt.Errorf("cannot write %s: folder %s does not exist", o, filepath.Dir(o))
		}
	}
	return nil
}

// samePath reports whether a and b name the same file: the same file on
// disk (through links), or the same cleaned path.
func samePath(a, b string) bool {
	if filepath.Clean(a) == filepath.Clean(b) {
		return true
	}
	sa, errA := os.Stat(a)
	sb, errB := os.Stat(b)
	return errA == nil && errB == nil && os.SameFile(sa, sb)
}

// extensionIn reports whether path's extension (without the dot, any
// case) is one of exts.
func extensionIn(path string, exts []string) bool {
	return slices.Contains(exts, strings.ToLower(strings.TrimPrefix(filepath.Ext(path), ".")))
}
