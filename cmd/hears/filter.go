package main

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"math"
	"os"
	"path/filepath"
	"strings"

	"github.com/spf13/pflag"

	"github.com/gohears/hears/chain"
	"github.com/gohears/hears/internal/decimate"
	"github.com/gohears/hears/internal/progress"
	"github.com/gohears/hears/internal/sidecar"
	"github.com/gohears/hears/internal/writer"
	"github.com/gohears/hears/sound"
)

const filterDescribe = `
Runs a chain file (a Brian Hears processing chain written as JSON, see
docs/chains.md) over a sound and writes the output of its last node.

The input (the argument or -i) is a sound file (the formats sound.Open
reads; - is standard input), or a CSV file (samples as rows, channels as
columns, no header; give its rate with --samplerate unless the chain file
names one). With --samplerate, a sound input at another rate is resampled on
the fly. The output format follows the extension of -o: .csv (samples as
rows, channels as columns, no header), .npy (float64, or float32 with
--float32, frames × channels) or .wav (32-bit float); NAME.json beside it
says what it holds (rate, channels and their centre frequencies, the chain
file, the input's SHA-256, the command, the version). -o - writes to
standard output in the --format (csv, npy or wav: their headers come first,
with the length the chain announces), without a sidecar.

--output-rate decimates the output (anti-aliased: passband 0–0.4 × the rate
within 0.001 dB, ≥ 80 dB from 0.6 × the rate), --keep keeps some channels
(0:100,2999), --float32 halves an NPY; an output estimated above 1 GiB is
refused before any work unless --max-output allows it. Processing streams
block by block, so memory stays bounded whatever the length of the input,
and the output file appears only when the whole run succeeded.`

func init() {
	registerPerFile(&perFile{
		name:    "filter",
		summary: "run a chain file over a sound file",
		usage:   "filter --chain chain.json [-i] input.wav|input.csv -o out.npy|out.csv|out.wav [--output-rate Hz] [--keep LIST] [--float32] [flags]",
		long:    strings.TrimSpace(filterDescribe),
		example: `  hears filter --chain gammatone.json speech.wav -o speech.npy
  hears filter --chain chain.json speech.flac -o env.npy --output-rate 100 --float32 --keep 0:100`,
		newJob: newFilterJob,
	})
}

// maxBlock bounds --block: every node of the chain holds a block of output,
// so a mistyped block size must not exhaust memory.
const maxBlock = 1 << 20

// maxChainFile bounds a chain file's size (bytes): --chain /dev/zero must
// be an error, not an endless read.
const maxChainFile = 16 << 20

type filterConfig struct {
	chain, in, output string
	rate              float64
	block             int
	outFlags
	stdout stdoutFormat
}

func newFilterJob(fs *pflag.FlagSet) job {
	cfg := &filterConfig{}
	fs.StringVar(&cfg.chain, "chain", "", "chain `file` (JSON, see docs/chains.md)")
	fs.StringVarP(&cfg.output, "output", "o", "", "output `file`: .csv, .npy or .wav; - writes to standard output (in the --format)")
	fs.Float64Var(&cfg.rate, "samplerate", 0, "sample rate in `Hz` of a CSV input, or the rate to resample a sound input to")
	fs.IntVar(&cfg.block, "block", 0, "block size in `frames` (default: chosen from the channel count; results do not depend on it)")
	cfg.outFlags.declare(fs)
	cfg.stdout.declare(fs, "csv", filterStdoutFormats)
	return cfg
}

// filterStdoutFormats are the formats filter writes to standard output:
// all of its formats (the NPY and WAV headers are written first, with the
// length the chain announces).
var filterStdoutFormats = []string{"csv", "npy", "wav"}

func (cfg *filterConfig) setInput(p string)  { cfg.in = p }
func (cfg *filterConfig) input() string      { return cfg.in }
func (cfg *filterConfig) outputs() []*string { return []*string{&cfg.output} }
func (cfg *filterConfig) run(e *env) ([]string, error) {
	return filter(*cfg, e)
}

func (cfg *filterConfig) check() error {
	switch {
	case cfg.chain == "":
		return usageErrorf("--chain is required")
	case cfg.output == "":
		return usageErrorf("--output is required")
	case cfg.block < 0 || cfg.block > maxBlock:
		return usageErrorf("--block must be a number of frames from 1 to %d (0: automatic), got %d", maxBlock, cfg.block)
	case !(cfg.rate >= 0) || math.IsInf(cfg.rate, 0):
		return usageErrorf("--samplerate must be a positive finite number of Hz, got %v", cfg.rate)
	}
	if cfg.output != "-" && samePath(sidecar.PathFor(cfg.output), cfg.chain) {
		return usageErrorf("the description of %s would be written to %s, the chain file: choose another output name", cfg.output, sidecar.PathFor(cfg.output))
	}
	if err := cfg.stdout.check(cfg.output); err != nil {
		return err
	}
	return cfg.outFlags.check()
}

func filter(cfg filterConfig, e *env) ([]string, error) {
	f, err := os.Open(cfg.chain)
	if err != nil {
		return nil, err
	}
	text, err := io.ReadAll(io.LimitReader(f, maxChainFile+1))
	f.Close()
	if err != nil {
		return nil, fmt.Errorf("%s: %w", cfg.chain, err)
	}
	if len(text) > maxChainFile {
		return nil, fmt.Errorf("%s: a chain file of more than %d MiB", cfg.chain, maxChainFile>>20)
	}
	spec, err := chain.Parse(bytes.NewReader(text))
	if err != nil {
		return nil, fmt.Errorf("%s: %w", cfg.chain, err)
	}
	in, closeIn, err := openInput(cfg.in, cfg.rate, spec.SampleRate)
	if err != nil {
		return nil, err
	}
	defer closeIn()
	g, err := spec.Build(in)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", cfg.chain, err)
	}
	out := g.Output
	frames := in.NumFrames()
	if frames == sound.Unbounded {
		return nil, errors.New("the input has no end")
	}
	if frames == 0 {
		// As cochleagram does: an empty output would pass for a result.
		return nil, fmt.Errorf("%s holds no samples", cfg.in)
	}
	nc := out.NumChannels()
	keep, err := parseKeep(cfg.keep, nc)
	if err != nil {
		return nil, err
	}
	kept := nc
	if keep != nil {
		kept = len(keep)
	}
	rate, factor := out.SampleRate(), 1
	outN := int64(out.NumFrames())
	if cfg.outputRate != 0 {
		if factor, rate, err = decimate.Factor(out.SampleRate(), cfg.outputRate); err != nil {
			return nil, usageErrorf("--output-rate: %v", err)
		}
		outN = outFrames(outN, factor)
	}
	toStdout := cfg.output == "-"
	format := cfg.stdout.of(cfg.output)
	size := 8
	switch {
	case format == "wav" || cfg.float32 && format == "npy":
		size = 4
	case format == "csv" && cfg.float32:
		size = 16
	case format == "csv":
		size = 25
	}
	if err := cfg.checkSize(cfg.output, outN, kept, size); err != nil {
		return nil, err
	}
	var w writer.Writer
	if toStdout {
		w, err = writer.NewStream(e.stdout, format, kept, rate, outN, writer.Options{Float32: cfg.float32})
	} else {
		w, err = writer.CreateWith(cfg.output, kept, rate, writer.Options{Float32: cfg.float32})
	}
	if err != nil {
		return nil, err
	}
	sink := w.Write
	var dec *decimate.Decimator
	if factor > 1 {
		if dec, err = decimate.New(kept, factor, w.Write); err != nil {
			w.Abort()
			return nil, err
		}
		sink = dec.Write
	}
	prog := progress.New(e.stderr, "hears filter", float64(out.NumFrames()), e.quiet)
	var picked []float64
	err = sound.Each(out, out.NumFrames(), cfg.block, func(b []float64, _, n int) error {
		prog.Add(float64(n))
		if keep != nil {
			picked = pick(picked, b, n, nc, keep)
			b = picked
		}
		return sink(b, n)
	})
	if err == nil && dec != nil {
		err = dec.Flush()
	}
	prog.Done()
	if err != nil {
		w.Abort()
		return nil, err
	}
	meta := &sidecar.Sidecar{
		Layout:          "rows: frames (time); columns: channels",
		SampleRate:      rate,
		FirstSampleTime: 0,
		Frames:          outN,
		Channels:        kept,
		ChannelIndices:  keep,
		Units:           "the chain's output units (a sound file's samples are pascals, full scale = 1 Pa)",
		SampleType:      "float64",
		Model:           map[string]any{"chain_file": cfg.chain, "chain": spec.JSON},
	}
	if keep == nil {
		meta.ChannelIndices = make([]int, nc)
		for i := range nc {
			meta.ChannelIndices[i] = i
		}
	}
	// Each kept channel's centre frequency, as the chain's banks carry
	// them (chain.Graph.CentreFrequencies), or null.
	if cf := g.CentreFrequencies(); cf != nil {
		meta.CentreFrequencies = make([]float64, len(meta.ChannelIndices))
		for i, c := range meta.ChannelIndices {
			meta.CentreFrequencies[i] = cf[c]
		}
	}
	if cfg.float32 || format == "wav" {
		meta.SampleType = "float32"
	}
	if factor > 1 {
		meta.Decimation = decimationNote(factor, rate)
	}
	if toStdout {
		// Standard output: no file to name, no sidecar beside it.
		return nil, w.Commit()
	}
	if err := describe(meta, cfg.in, e); err != nil {
		w.Abort()
		return nil, err
	}
	if _, err := meta.Encode(); err != nil { // never an output without its description
		w.Abort()
		return nil, err
	}
	if err := w.Commit(); err != nil {
		return nil, err
	}
	side, err := meta.Write(cfg.output)
	if err != nil {
		return []string{cfg.output}, err
	}
	return []string{cfg.output, side}, nil
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
