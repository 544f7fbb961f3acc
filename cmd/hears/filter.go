package main

import (
	"errors"
	"fmt"
	"io"
	"math"
	"os"
	"path/filepath"
	"strings"

	"github.com/gohears/hears/chain"
	"github.com/gohears/hears/internal/writer"
	"github.com/gohears/hears/sound"
)

const filterDescribe = `
Runs a chain file (a Brian Hears processing chain written as JSON, see
docs/chains.md) over a sound and writes the output of its last node.

The input is a WAV or AIFF file, or a CSV file (samples as rows, channels as
columns, no header; give its rate with --samplerate unless the chain file
names one). With --samplerate, a WAV or AIFF input at another rate is
resampled on the fly. The output format follows the extension: .csv (samples
as rows, channels as columns, no header), .npy (float64 frames × channels) or
.wav (32-bit float). Processing streams block by block, so memory stays
bounded whatever the length of the input, and the output file appears only
when the whole run succeeded.`

func init() {
	register(&command{
		name:    "filter",
		summary: "run a chain file over a sound file",
		usage:   "filter --chain chain.json --input in.wav|in.csv [--samplerate Hz] --output out.csv|out.npy|out.wav",
		run:     runFilter,
	})
}

// maxBlock bounds --block: every node of the chain holds a block of output,
// so a mistyped block size must not exhaust memory.
const maxBlock = 1 << 20

type filterConfig struct {
	chain, input, output string
	rate                 float64
	block                int
	quiet                bool
}

func runFilter(args []string, stdout, stderr io.Writer) error {
	c := commands["filter"]
	fs := newFlagSet(c)
	var cfg filterConfig
	fs.StringVar(&cfg.chain, "chain", "", "chain `file` (JSON, see docs/chains.md)")
	fs.StringVar(&cfg.input, "input", "", "input sound `file`: .wav, .aif, .aiff or .csv")
	fs.StringVar(&cfg.output, "output", "", "output `file`: .csv, .npy or .wav")
	fs.Float64Var(&cfg.rate, "samplerate", 0, "sample rate in `Hz` of a CSV input, or the rate to resample a WAV/AIFF input to")
	fs.IntVar(&cfg.block, "block", 0, "block size in `frames` (default: chosen from the channel count; results do not depend on it)")
	fs.BoolVar(&cfg.quiet, "q", false, "do not report progress on stderr")
	pos, err := parseArgs(c, fs, filterDescribe, args, stdout)
	if err != nil {
		return err
	}
	if len(pos) > 0 {
		return usageErrorf("unexpected argument %q (the input goes after --input)", pos[0])
	}
	switch {
	case cfg.chain == "":
		return usageErrorf("--chain is required")
	case cfg.input == "":
		return usageErrorf("--input is required")
	case cfg.output == "":
		return usageErrorf("--output is required")
	case cfg.block < 0 || cfg.block > maxBlock:
		return usageErrorf("--block must be a number of frames from 1 to %d (0: automatic), got %d", maxBlock, cfg.block)
	case !(cfg.rate >= 0) || math.IsInf(cfg.rate, 0):
		return usageErrorf("--samplerate must be a positive finite number of Hz, got %v", cfg.rate)
	}
	if st, err := os.Stat(cfg.output); err == nil && st.IsDir() {
		return usageErrorf("--output %s is a folder; give a file name", cfg.output)
	}
	return filter(cfg, stderr)
}

func filter(cfg filterConfig, progressOut io.Writer) error {
	f, err := os.Open(cfg.chain)
	if err != nil {
		return err
	}
	spec, err := chain.Parse(f)
	f.Close()
	if err != nil {
		return fmt.Errorf("%s: %w", cfg.chain, err)
	}
	in, closeIn, err := openInput(cfg.input, cfg.rate, spec.SampleRate)
	if err != nil {
		return err
	}
	defer closeIn()
	g, err := spec.Build(in)
	if err != nil {
		return fmt.Errorf("%s: %w", cfg.chain, err)
	}
	out := g.Output
	frames := in.NumFrames()
	if frames == sound.Unbounded {
		return errors.New("the input has no end")
	}
	w, err := writer.Create(cfg.output, out.NumChannels(), out.SampleRate())
	if err != nil {
		return err
	}
	prog := newProgress(progressOut, "hears filter", float64(frames)*float64(out.NumChannels()), cfg.quiet || frames*out.NumChannels() < 3e7)
	err = sound.Each(out, frames, cfg.block, func(b []float64, _, n int) error {
		prog.add(float64(n * out.NumChannels()))
		return w.Write(b, n)
	})
	prog.done()
	if err != nil {
		w.Abort()
		return err
	}
	return w.Commit()
}

// openInput opens a sound file for streaming. rate, when not zero, is the
// rate of a CSV input, or the rate a WAV/AIFF input is resampled to; a CSV
// input without it runs at chainRate, the chain file's rate.
func openInput(path string, rate, chainRate float64) (sound.Source, func(), error) {
	if strings.EqualFold(filepath.Ext(path), ".csv") {
		if rate == 0 {
			rate = chainRate
		}
		if rate == 0 {
			return nil, nil, usageErrorf("a CSV input needs --samplerate (or a \"samplerate\" in the chain file)")
		}
		c, err := openCSV(path, rate)
		if err != nil {
			return nil, nil, err
		}
		return c, func() { c.Close() }, nil
	}
	f, err := sound.Open(path)
	if err != nil {
		return nil, nil, err
	}
	if rate == 0 || rate == f.SampleRate() {
		return f, func() { f.Close() }, nil
	}
	r, err := sound.NewResampler(f, rate)
	if err != nil {
		f.Close()
		return nil, nil, fmt.Errorf("%s: resampling from %g Hz to %g Hz: %w", path, f.SampleRate(), rate, err)
	}
	return r, func() { f.Close() }, nil
}
