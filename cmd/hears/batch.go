package main

import (
	"fmt"
	"io"
	"os"
	"path/filepath"
	"reflect"
	"runtime"
	"sort"
	"strings"
	"sync"
	"time"

	"github.com/spf13/cobra"
	"github.com/spf13/pflag"

	"github.com/gohears/hears/internal/batch"
	"github.com/gohears/hears/internal/progress"
	"github.com/gohears/hears/internal/safefile"
	"github.com/gohears/hears/sound"
)

const batchHelp = `Runs a per-file command (%s) over many inputs: files, folders
(walked recursively for %s files, in sorted order) and @manifests (one path
per line, # comments). The command's flags mean what they mean for one file;
its output flags give only the kind of output: the outputs of corpus/spk1/a.flac
are DIR/spk1/a.png, DIR/spk1/a.csv... (the extension of -o, --csv... is kept).
Two inputs that would write the same outputs are refused before any work.

Files run in parallel (--jobs, default: the number of cores); each file's
banks share the same cores (Go schedules both on GOMAXPROCS threads).

A batch resumes: each input that is finished gets a record under
DIR/.hears-batch/ (its size and modification time, the command and its
flags, the gohears version, the outputs and their sizes); run the same
command again after a crash or kill and only what is missing or out of date
is done, with the same bytes as an uninterrupted run. --force redoes
everything. Temporary files of killed runs are removed.

--shard I/N processes the inputs at positions I, I+N, I+2N... of the sorted
list: N tasks (a Slurm job array, a Kubernetes Indexed Job) together do the
whole list once. --shard auto reads the Slurm array variables.

A file that fails does not stop the batch (unless --fail-fast); a summary
goes to stderr at the end and the exit status is 1 if any file failed.
See docs/batch.md.`

func init() { register(newBatchCommand) }

// batchFlags are batch's own flags.
type batchFlags struct {
	outdir   string
	jobs     int
	shard    string
	force    bool
	failFast bool
	check    bool
	quiet    bool
	help     bool
}

func (b *batchFlags) declare(fs *pflag.FlagSet) {
	fs.StringVarP(&b.outdir, "outdir", "d", "", "output `folder` (required); the input tree is mirrored under it")
	fs.IntVarP(&b.jobs, "jobs", "j", runtime.GOMAXPROCS(0), "files processed at once (default: the cores this process may use, GOMAXPROCS: CPU affinity and cgroup limits, e.g. a Slurm allocation, count)")
	fs.StringVar(&b.shard, "shard", "", "process part I of N of the sorted inputs (`I/N`, 0 ≤ I < N), or auto (Slurm job array)")
	fs.BoolVar(&b.force, "force", false, "redo inputs that are already done")
	fs.BoolVar(&b.failFast, "fail-fast", false, "stop at the first failed input")
	fs.BoolVar(&b.check, "check", false, "do no work: list the inputs that are not done (exit status 1 if any), e.g. after the tasks of a sharded run")
	fs.BoolVarP(&b.quiet, "quiet", "q", false, "print neither progress nor the names of the files written")
	fs.BoolVarP(&b.help, "help", "h", false, "help for batch")
}

func perFileNames() []string {
	names := make([]string, 0, len(perFiles))
	for n := range perFiles {
		names = append(names, n)
	}
	sort.Strings(names)
	return names
}

func newBatchCommand(e *env) *cobra.Command {
	c := &cobra.Command{
		Use:   "batch COMMAND [COMMAND's flags] --outdir DIR [--jobs N] [--shard I/N|auto] [--force] [--fail-fast] INPUT...",
		Short: "run a per-file command over many files, folders or @manifests (parallel, resumable, shardable)",
		Long:  fmt.Sprintf(batchHelp, strings.Join(perFileNames(), ", "), strings.Join(sound.Extensions(), " ")),
		Example: `  hears batch cochleagram --channels 100 --outdir pictures corpus/
  hears batch filter --chain env.json -o .npy --output-rate 100 --float32 --outdir out @list.txt
  hears batch cochleagram --outdir out --shard auto corpus/     # in a Slurm job array`,
		DisableFlagParsing: true,
		ValidArgs:          perFileNames(),
	}
	c.RunE = func(c *cobra.Command, args []string) error {
		if len(args) == 0 || args[0] == "-h" || args[0] == "--help" {
			c.SetOut(e.stdout)
			return c.Help()
		}
		p, ok := perFiles[args[0]]
		if !ok {
			return usageErrorf("%q is not a per-file command (use one of %s)", args[0], strings.Join(perFileNames(), ", "))
		}
		return runBatch(e, c, p, args[1:])
	}
	return c
}

// batchRun is one batch: the command's flags as a record and how to make
// the job of each input.
type batchRun struct {
	p       *perFile
	bf      batchFlags
	cmdArgs []string // the command's flags as set: --name=value
	record  []string // the command and its flags, outputs by extension
	e       *env
}

func runBatch(e *env, c *cobra.Command, p *perFile, args []string) error {
	b := &batchRun{p: p, e: e}
	fs := pflag.NewFlagSet("hears batch "+p.name, pflag.ContinueOnError)
	fs.SetOutput(e.stderr)
	fs.Usage = func() {}
	b.bf.declare(fs)
	cmdFs := pflag.NewFlagSet(p.name, pflag.ContinueOnError)
	template := p.newJob(cmdFs)
	fs.AddFlagSet(cmdFs)
	if err := fs.Parse(args); err != nil {
		return usageErrorf("%v", err)
	}
	if b.bf.help {
		fmt.Fprintf(e.stdout, "%s\n\nUsage:\n  hears batch %s [%s's flags] --outdir DIR [flags] INPUT...\n\nFlags of batch:\n", c.Long, p.name, p.name)
		bfs := pflag.NewFlagSet("", pflag.ContinueOnError)
		(&batchFlags{}).declare(bfs)
		fmt.Fprint(e.stdout, bfs.FlagUsages())
		fmt.Fprintf(e.stdout, "\nFlags of %s (see 'hears help %s'):\n%s", p.name, p.name, cmdFs.FlagUsages())
		return nil
	}
	b.e = &env{stdout: e.stdout, stderr: e.stderr, quiet: e.quiet || b.bf.quiet}
	switch {
	case b.bf.outdir == "":
		return usageErrorf("--outdir is required")
	case b.bf.jobs < 1 || b.bf.jobs > 1024:
		return usageErrorf("--jobs %d: need 1 to 1024", b.bf.jobs)
	case fs.NArg() == 0:
		return usageErrorf("no inputs: give files, folders or @manifests")
	}
	// The flags of the command, as given, make each input's job; the
	// output flags count by their extension only.
	outNames := map[string]bool{}
	for _, o := range template.outputs() {
		cmdFs.VisitAll(func(f *pflag.Flag) {
			if reflect.ValueOf(f.Value).Pointer() == reflect.ValueOf(o).Pointer() {
				outNames[f.Name] = true
			}
		})
	}
	b.record = []string{p.name}
	cmdFs.VisitAll(func(f *pflag.Flag) {
		if !f.Changed {
			return
		}
		b.cmdArgs = append(b.cmdArgs, "--"+f.Name+"="+f.Value.String())
		v := f.Value.String()
		if outNames[f.Name] {
			v = "*" + filepath.Ext(v)
		}
		b.record = append(b.record, "--"+f.Name+"="+v)
	})
	if _, err := b.job("in.wav", "x"); err != nil {
		return err
	}
	shard, msg, err := batch.ParseShard(b.bf.shard, os.Getenv)
	if err != nil {
		return usageErrorf("%v", err)
	}
	all, err := batch.List(fs.Args(), sound.IsAudioFile)
	if err != nil {
		return usageErrorf("%v", err)
	}
	all = outside(all, b.bf.outdir)
	if len(all) == 0 {
		return usageErrorf("no inputs outside --outdir %s", b.bf.outdir)
	}
	if err := batch.Collisions(all); err != nil {
		return usageErrorf("%v", err)
	}
	inputs := shard.Of(all)
	if msg != "" && !b.e.quiet {
		fmt.Fprintf(e.stderr, "hears batch: %s: %d of %d inputs\n", msg, len(inputs), len(all))
	}
	if b.bf.check {
		return b.checkDone(inputs)
	}
	if err := os.MkdirAll(b.bf.outdir, 0o777); err != nil {
		return err
	}
	if _, err := safefile.CleanStale(b.bf.outdir); err != nil {
		return fmt.Errorf("cleaning temporary files of killed runs in %s: %w", b.bf.outdir, err)
	}
	return b.runAll(inputs)
}

// outside drops the inputs inside dir: a batch whose output folder lies in
// its input folder must not take its own outputs (WAV from filter) as
// inputs the next time.
func outside(inputs []batch.Input, dir string) []batch.Input {
	abs, err := filepath.Abs(dir)
	if err != nil {
		return inputs
	}
	var out []batch.Input
	for _, in := range inputs {
		p, err := filepath.Abs(in.Path)
		if err == nil && strings.HasPrefix(p, abs+string(filepath.Separator)) {
			continue
		}
		out = append(out, in)
	}
	return out
}

// checkDone lists the inputs whose outputs are missing or out of date.
func (b *batchRun) checkDone(inputs []batch.Input) error {
	missing := 0
	for _, in := range inputs {
		rec, err := batch.NewRecord(in.Path, b.record, version)
		if err != nil || !batch.Done(b.bf.outdir, in.Stem(), rec) {
			fmt.Fprintf(b.e.stdout, "%s\n", in.Path)
			missing++
		}
	}
	fmt.Fprintf(b.e.stderr, "hears batch %s --check: %d of %d inputs done, %d not done\n", b.p.name, len(inputs)-missing, len(inputs), missing)
	if missing > 0 {
		return &batchFailed{missing, len(inputs), "not done"}
	}
	return nil
}

// job makes the job of one input whose outputs are named prefix + their
// extensions.
func (b *batchRun) job(input, prefix string) (job, error) {
	fs := pflag.NewFlagSet(b.p.name, pflag.ContinueOnError)
	fs.SetOutput(nil)
	j := b.p.newJob(fs)
	if err := fs.Parse(b.cmdArgs); err != nil {
		return nil, usageErrorf("%v", err)
	}
	for _, o := range j.outputs() {
		if *o != "" {
			*o = prefix + filepath.Ext(*o)
		}
	}
	j.setInput(input)
	return j, j.check()
}

// outcome is how one input ended.
type outcome struct {
	in      batch.Input
	skipped bool
	err     error
}

func (b *batchRun) runAll(inputs []batch.Input) error {
	start := time.Now()
	bar := progress.NewFiles(b.e.stderr, len(inputs), b.e.quiet)
	tasks := make(chan batch.Input)
	results := make(chan outcome)
	stop := make(chan struct{})
	var stopOnce sync.Once
	var wg sync.WaitGroup
	for range min(b.bf.jobs, len(inputs)) {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for in := range tasks {
				bar.Start(in.Rel)
				r := b.one(in, bar)
				status := "done"
				switch {
				case r.err != nil:
					status = "failed: " + r.err.Error()
				case r.skipped:
					status = "skipped: already done"
				}
				bar.Finish(in.Rel, status)
				results <- r
			}
		}()
	}
	go func() {
		defer close(tasks)
		for _, in := range inputs {
			select {
			case tasks <- in:
			case <-stop:
				return
			}
		}
	}()
	go func() { wg.Wait(); close(results) }()
	var done, skipped int
	var failed []outcome
	for r := range results {
		switch {
		case r.err != nil:
			failed = append(failed, r)
			if b.bf.failFast {
				stopOnce.Do(func() { close(stop) })
			}
		case r.skipped:
			skipped++
		default:
			done++
		}
	}
	bar.Close()
	notRun := len(inputs) - done - skipped - len(failed)
	if !b.e.quiet || len(failed) > 0 {
		fmt.Fprintf(b.e.stderr, "hears batch %s: %d inputs in %.1f s: %d done, %d skipped (already done), %d failed", b.p.name, len(inputs), time.Since(start).Seconds(), done, skipped, len(failed))
		if notRun > 0 {
			fmt.Fprintf(b.e.stderr, ", %d not run (--fail-fast)", notRun)
		}
		fmt.Fprintln(b.e.stderr)
		for _, f := range failed {
			msg := f.err.Error()
			if !strings.Contains(msg, f.in.Path) {
				msg = f.in.Path + ": " + msg
			}
			fmt.Fprintf(b.e.stderr, "  failed: %s\n", msg)
		}
	}
	if len(failed) > 0 {
		return &batchFailed{len(failed), len(inputs), "failed"}
	}
	return nil
}

// batchFailed is a batch in which some inputs failed (exit status 1; the
// summary has been printed).
type batchFailed struct {
	failed, total int
	what          string
}

func (e *batchFailed) Error() string {
	return fmt.Sprintf("%d of %d inputs %s", e.failed, e.total, e.what)
}

// one processes one input, or skips it when its record says it is done.
func (b *batchRun) one(in batch.Input, bar *progress.Files) (r outcome) {
	r.in = in
	defer func() {
		if p := recover(); p != nil {
			r.err = fmt.Errorf("internal error (please report): %v", p)
		}
	}()
	stem := in.Stem()
	prefix := filepath.Join(b.bf.outdir, filepath.FromSlash(stem))
	rec, err := batch.NewRecord(in.Path, b.record, version)
	if err != nil {
		r.err = err
		return r
	}
	if !b.bf.force && batch.Done(b.bf.outdir, stem, rec) {
		r.skipped = true
		return r
	}
	if err := batch.Forget(b.bf.outdir, stem); err != nil {
		r.err = err
		return r
	}
	j, err := b.job(in.Path, prefix)
	if err != nil {
		r.err = err
		return r
	}
	if err := os.MkdirAll(filepath.Dir(prefix), 0o777); err != nil {
		r.err = err
		return r
	}
	if err := checkOutputs(j); err != nil {
		r.err = err
		return r
	}
	// A job's outputs are its files: text a command prints for one file
	// (localise's estimate) would interleave across jobs, so it is dropped.
	written, err := j.run(&env{stdout: io.Discard, stderr: b.e.stderr, quiet: true, argv: b.record})
	if err != nil {
		r.err = err
		return r
	}
	if err := batch.Save(b.bf.outdir, stem, rec, written); err != nil {
		r.err = fmt.Errorf("recording %s as done: %w", in.Path, err)
		return r
	}
	if !b.e.quiet {
		bar.Print(b.e.stdout, written)
	}
	return r
}
