package batch

import (
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"slices"

	"github.com/gohears/hears/internal/safefile"
)

// RecordDir is the folder, inside a batch's output folder, that holds one
// done-record per input.
const RecordDir = ".hears-batch"

// Record says that one input was processed completely: what it was (size
// and modification time), what was run (the command with its flags, the
// gohears version) and what came out. A batch skips an input only when its
// record matches all of these and every output is still there with its
// size; otherwise the input is done again.
type Record struct {
	Input   string   `json:"input"`
	Size    int64    `json:"size"`
	ModTime int64    `json:"mtime_ns"`
	Command []string `json:"command"`
	Version string   `json:"version"`
	Outputs []Output `json:"outputs"`
}

// Output is one file written for an input, relative to the output folder.
type Output struct {
	Path string `json:"path"`
	Size int64  `json:"size"`
}

// recordPath is the record of the input with stem under outdir.
func recordPath(outdir, stem string) string {
	return filepath.Join(outdir, RecordDir, filepath.FromSlash(stem)+".json")
}

// NewRecord describes input path as it is now.
func NewRecord(path string, command []string, version string) (Record, error) {
	st, err := os.Stat(path)
	if err != nil {
		return Record{}, err
	}
	return Record{Input: path, Size: st.Size(), ModTime: st.ModTime().UnixNano(), Command: command, Version: version}, nil
}

// Done reports whether the input with stem has a record under outdir that
// matches want (input, size, time, command and version) and whose outputs
// all exist with their recorded sizes.
func Done(outdir, stem string, want Record) bool {
	b, err := os.ReadFile(recordPath(outdir, stem))
	if err != nil {
		return false
	}
	var r Record
	if json.Unmarshal(b, &r) != nil {
		return false
	}
	if r.Input != want.Input || r.Size != want.Size || r.ModTime != want.ModTime ||
		r.Version != want.Version || !slices.Equal(r.Command, want.Command) || len(r.Outputs) == 0 {
		return false
	}
	for _, o := range r.Outputs {
		st, err := os.Stat(filepath.Join(outdir, filepath.FromSlash(o.Path)))
		if err != nil || !st.Mode().IsRegular() || st.Size() != o.Size {
			return false
		}
	}
	return true
}

// Forget removes the record of stem, before the input is done again.
func Forget(outdir, stem string) error {
	err := os.Remove(recordPath(outdir, stem))
	if errors.Is(err, fs.ErrNotExist) {
		return nil
	}
	return err
}

// Save writes r as the record of stem, after every output is in place;
// outputs are paths (under outdir) whose sizes it records.
func Save(outdir, stem string, r Record, outputs []string) error {
	r.Outputs = nil
	for _, p := range outputs {
		st, err := os.Stat(p)
		if err != nil {
			return err
		}
		rel, err := filepath.Rel(outdir, p)
		if err != nil {
			return err
		}
		r.Outputs = append(r.Outputs, Output{Path: filepath.ToSlash(rel), Size: st.Size()})
	}
	b, err := json.MarshalIndent(r, "", "  ")
	if err != nil {
		return err
	}
	path := recordPath(outdir, stem)
	if err := os.MkdirAll(filepath.Dir(path), 0o777); err != nil {
		return fmt.Errorf("record of %s: %w", stem, err)
	}
	return safefile.WriteFile(path, append(b, '\n'))
}
