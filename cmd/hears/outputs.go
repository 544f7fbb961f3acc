package main

import (
	"bufio"
	"fmt"
	"io"
	"math"
	"path/filepath"
	"slices"
	"strconv"
	"strings"

	"github.com/spf13/pflag"

	"github.com/gohears/hears/internal/decimate"
	"github.com/gohears/hears/sound"
)

// outFlags are the flags that shape a data output (filter's output,
// cochleagram's --csv): its rate, channels, sample type and size limit.
type outFlags struct {
	outputRate float64
	keep       string
	float32    bool
	maxOutput  string
}

// defaultMaxOutput is the size above which an output is refused unless
// --max-output allows it.
const defaultMaxOutput = 1 << 30

func (o *outFlags) declare(fs *pflag.FlagSet) {
	fs.Float64Var(&o.outputRate, "output-rate", 0, fmt.Sprintf("decimate the data output to about this rate in `Hz` (the data rate divided by a whole factor; anti-aliased: passband 0–%g × the rate, ≥ %g dB from %g × the rate)", decimate.PassbandFraction, decimate.StopbandDB, decimate.StopbandFraction))
	fs.StringVar(&o.keep, "keep", "", "keep only these output `channels`: indices and ranges from 0, e.g. 0:100,2999 (a:b is a to b−1)")
	fs.BoolVar(&o.float32, "float32", false, "store 32-bit floats (.npy '<f4', shorter CSV numbers; WAV is always 32-bit)")
	fs.StringVar(&o.maxOutput, "max-output", "", "allow a data output above 1 GiB, up to this `size` (e.g. 5G, 800M)")
}

// check validates the flags that do not depend on the data.
func (o *outFlags) check() error {
	if o.outputRate != 0 && (!(o.outputRate > 0) || math.IsInf(o.outputRate, 0)) {
		return usageErrorf("--output-rate %g: need a positive number of Hz", o.outputRate)
	}
	if _, err := parseKeep(o.keep, math.MaxInt32); err != nil {
		return err
	}
	if _, err := o.limit(); err != nil {
		return err
	}
	return nil
}

// limit is the largest output size allowed, in bytes.
func (o *outFlags) limit() (int64, error) {
	if o.maxOutput == "" {
		return defaultMaxOutput, nil
	}
	return parseSize(o.maxOutput)
}

// parseSize reads a size such as 800M, 5G, 1.5GiB or 1000000 (bytes);
// K, M, G, T are powers of 1024.
func parseSize(s string) (int64, error) {
	t := strings.TrimSuffix(strings.TrimSuffix(strings.ToUpper(strings.TrimSpace(s)), "B"), "I")
	mult := 1.0
	if n := len(t); n > 0 {
		if i := strings.IndexByte("KMGT", t[n-1]); i >= 0 {
			mult = math.Pow(1024, float64(i+1))
			t = t[:n-1]
		}
	}
	v, err := strconv.ParseFloat(t, 64)
	// v·mult below one byte would truncate to a size of 0 (".1" did).
	if err != nil || !(v*mult >= 1) || v*mult > math.MaxInt64/2 {
		return 0, usageErrorf("--max-output %q: want a size of at least one byte, such as 800M or 5G", s)
	}
	return int64(v * mult), nil
}

// parseKeep reads --keep for n channels: comma-separated indices i and
// ranges a:b (a to b−1; a or b may be left out), in the order given.
// "" keeps every channel (nil).
func parseKeep(s string, n int) ([]int, error) {
	if s == "" {
		return nil, nil
	}
	var idx []int
	for _, part := range strings.Split(s, ",") {
		part = strings.TrimSpace(part)
		num := func(x string, def int) (int, error) {
			if x == "" {
				return def, nil
			}
			v, err := strconv.Atoi(x)
			if err != nil || v < 0 {
				return 0, usageErrorf("--keep %q: %q is not a channel index (0, 1, ...)", s, x)
			}
			return v, nil
		}
		a, b, isRange := strings.Cut(part, ":")
		lo, err := num(a, 0)
		if err != nil {
			return nil, err
		}
		hi := lo + 1
		if isRange {
			if hi, err = num(b, n); err != nil {
				return nil, err
			}
		} else if a == "" {
			return nil, usageErrorf("--keep %q: empty item", s)
		}
		if hi > n || lo >= hi {
			return nil, usageErrorf("--keep %q: %q selects no channel of 0 to %d", s, part, n-1)
		}
		if len(idx)+hi-lo > n {
			return nil, usageErrorf("--keep %q selects more channels than there are (%d)", s, n)
		}
		for i := lo; i < hi; i++ {
			idx = append(idx, i)
		}
	}
	return idx, nil
}

// pick returns the kept channels' values of a frame-major block (frames ×
// nc) in dst.
func pick(dst, block []float64, frames, nc int, keep []int) []float64 {
	dst = dst[:0]
	for f := range frames {
		row := block[f*nc : (f+1)*nc]
		for _, c := range keep {
			dst = append(dst, row[c])
		}
	}
	return dst
}

// checkSize refuses an output whose estimated size exceeds the limit, with
// the flags that shrink it.
func (o *outFlags) checkSize(path string, frames int64, channels, bytesPerValue int) error {
	limit, err := o.limit()
	if err != nil {
		return err
	}
	size := float64(frames) * float64(channels) * float64(bytesPerValue)
	if size <= float64(limit) {
		return nil
	}
	return usageErrorf("%s would take about %s (%d frames × %d channels × %d bytes), more than the %s allowed: shrink it with --output-rate (e.g. 100 for envelopes), --keep (fewer channels), --float32, or allow it with --max-output",
		path, humanSize(size), frames, channels, bytesPerValue, humanSize(float64(limit)))
}

// humanSize writes a byte count in KiB, MiB, GiB.
func humanSize(b float64) string {
	units := []string{"B", "KiB", "MiB", "GiB", "TiB", "PiB"}
	i := 0
	for b >= 1024 && i < len(units)-1 {
		b /= 1024
		i++
	}
	return fmt.Sprintf("%.3g %s", b, units[i])
}

// audioExtensions lists the sound files hears reads, without dots (from
// the sound package's one list).
func audioExtensions() []string {
	var out []string
	for _, x := range sound.Extensions() {
		out = append(out, strings.TrimPrefix(x, "."))
	}
	return out
}

// outFrames is the number of frames of n input frames decimated by m.
func outFrames(n int64, m int) int64 { return (n + int64(m) - 1) / int64(m) }

// decimationNote describes --output-rate's filter for a sidecar: factor m
// to rate Hz.
func decimationNote(m int, rate float64) string {
	return fmt.Sprintf("whole-factor decimation by %d with a linear-phase FIR low-pass (passband 0–%g Hz within 0.001 dB, ≥ %g dB from %g Hz), centred: no delay",
		m, decimate.PassbandFraction*rate, decimate.StopbandDB, decimate.StopbandFraction*rate)
}

// stdoutFormat is --format: the format of an output written to standard
// output (-o -), which has no extension to name it. A file's format
// follows its extension.
type stdoutFormat struct {
	format  string
	def     string   // the format of -o - without --format
	allowed []string // formats that can go to standard output
}

func (s *stdoutFormat) declare(fs *pflag.FlagSet, def string, allowed []string) {
	s.def, s.allowed = def, allowed
	fs.StringVar(&s.format, "format", "", fmt.Sprintf("format of -o - (standard output): %s (default %s); a file's format follows its extension", strings.Join(allowed, ", "), def))
}

// check refuses --format without -o -, and formats that cannot go to
// standard output.
func (s *stdoutFormat) check(output string) error {
	if s.format == "" {
		return nil
	}
	if output != "-" {
		return usageErrorf("--format %s names the format of -o - (standard output); the format of %s follows its extension", s.format, output)
	}
	if !slices.Contains(s.allowed, strings.ToLower(s.format)) {
		return usageErrorf("--format %q: standard output takes %s", s.format, strings.Join(s.allowed, ", "))
	}
	return nil
}

// of returns the format of output path, lower case without a dot: its
// extension, or for "-" --format (or the default).
func (s *stdoutFormat) of(path string) string {
	if path != "-" {
		return strings.ToLower(strings.TrimPrefix(filepath.Ext(path), "."))
	}
	if s.format == "" {
		return s.def
	}
	return strings.ToLower(s.format)
}

// commitOutputs writes outputs made in memory: files by commitAll (all or
// none), then the one for standard output ("-"), once every file is in
// place. It returns the files written (standard output is not one).
func commitOutputs(e *env, outs []output) ([]string, error) {
	var files []output
	var toStdout []byte
	for _, o := range outs {
		if o.path == "-" {
			toStdout = o.data
			continue
		}
		files = append(files, o)
	}
	written, err := commitAll(files)
	if err != nil || toStdout == nil {
		return written, err
	}
	if _, err := e.stdout.Write(toStdout); err != nil {
		return written, fmt.Errorf("writing to standard output: %w", err)
	}
	return written, nil
}

// saveFloatWAV writes s as a 32-bit float WAV to path, or to stdout for
// "-" (the command's standard output, which tests capture, where
// sound.SaveWAV("-") would write to the process's).
func saveFloatWAV(path string, s *sound.Sound, stdout io.Writer) error {
	opt := sound.WAVOptions{Encoding: sound.Float32}
	if path != "-" {
		return sound.SaveWAV(path, s, opt)
	}
	w := bufio.NewWriterSize(stdout, 1<<16)
	if err := sound.EncodeWAV(w, s, opt); err != nil {
		return err
	}
	return w.Flush()
}
