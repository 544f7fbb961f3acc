// Package sidecar writes the description that sits beside every data file
// the hears command writes (NAME.json beside NAME.npy or NAME.csv): what the
// data hold, at what rate and frequencies, made from what by what. A Python
// user loads the data and its axes with numpy and json alone:
//
//	meta = json.load(open("a.json"))
//	x = numpy.load("a.npy")                      # frames × channels
//	t = meta["first_sample_time_s"] + numpy.arange(len(x)) / meta["sample_rate_hz"]
//	f = meta["centre_frequencies_hz"]           # one per column, or null
package sidecar

import (
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"io"
	"os"
	"path/filepath"
	"strings"

	"github.com/gohears/hears/internal/safefile"
)

// Format names this layout of the description, for readers to check.
const Format = "gohears-sidecar/1"

// Sidecar describes one data file.
type Sidecar struct {
	Format string `json:"format"`
	// Data is the data file's name (in the same folder).
	Data string `json:"data"`
	// Layout says how the file is arranged.
	Layout string `json:"layout"`
	// SampleRate is the rate of the rows in Hz (after any decimation).
	SampleRate float64 `json:"sample_rate_hz"`
	// FirstSampleTime is the time of the first row in s, from the start of
	// the input.
	FirstSampleTime float64 `json:"first_sample_time_s"`
	// Frames is the number of rows.
	Frames int64 `json:"frames"`
	// Channels is the number of data columns.
	Channels int `json:"channels"`
	// CentreFrequencies holds each column's centre frequency in Hz, or is
	// null when the output's channels have none.
	CentreFrequencies []float64 `json:"centre_frequencies_hz"`
	// ChannelIndices holds each column's channel number in the model's
	// full output (they differ when --keep selects channels).
	ChannelIndices []int `json:"channel_indices"`
	// Units of the values.
	Units string `json:"units"`
	// SampleType is "float64" or "float32".
	SampleType string `json:"sample_type"`
	// Decimation describes --output-rate's filter, when used.
	Decimation string `json:"decimation,omitempty"`
	// Model is the model or chain that made the data, with its parameters.
	Model any `json:"model"`
	// Input is the input file and its SHA-256.
	Input Input `json:"input"`
	// Command is the command that made it (without output names).
	Command []string `json:"command"`
	// Version is the gohears version.
	Version string `json:"version"`
}

// Input identifies an input file.
type Input struct {
	Path   string `json:"path"`
	SHA256 string `json:"sha256"`
}

// PathFor returns the sidecar's name for data file path: the same name
// with the extension .json.
func PathFor(path string) string {
	return strings.TrimSuffix(path, filepath.Ext(path)) + ".json"
}

// Hash returns the SHA-256 of the file at path in hex ("" for "" or "-",
// which cannot be read twice).
func Hash(path string) (string, error) {
	if path == "" || path == "-" {
		return "", nil
	}
	f, err := os.Open(path)
	if err != nil {
		return "", err
	}
	defer f.Close()
	h := sha256.New()
	if _, err := io.Copy(h, f); err != nil {
		return "", err
	}
	return hex.EncodeToString(h.Sum(nil)), nil
}

// Encode returns s as indented JSON.
func (s *Sidecar) Encode() ([]byte, error) {
	s.Format = Format
	b, err := json.MarshalIndent(s, "", "  ")
	if err != nil {
		return nil, err
	}
	return append(b, '\n'), nil
}

// Write writes s beside its data file dataPath and returns the sidecar's
// path.
func (s *Sidecar) Write(dataPath string) (string, error) {
	s.Data = filepath.Base(dataPath)
	b, err := s.Encode()
	if err != nil {
		return "", err
	}
	p := PathFor(dataPath)
	return p, safefile.WriteFile(p, b)
}
