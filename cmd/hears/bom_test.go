package main

import (
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"testing"

	"github.com/gohears/hears/internal/sidecar"
)

// TestFilterChainWithBOM: a chain file saved with a UTF-8 byte-order mark
// is accepted (chain.ParseBytes skips it), and the output's description
// quotes the chain without it. Before, the parse succeeded but the
// description embedded the mark, failed to encode, and the command exited 1
// with the data file written and no description beside it.
func TestFilterChainWithBOM(t *testing.T) {
	dir := t.TempDir()
	const doc = `{"nodes":[{"class":"Gammatone","cf":[1000]}]}`
	ch := writeFile(t, filepath.Join(dir, "bom.json"), "\xef\xbb\xbf"+doc)
	in := writeFile(t, filepath.Join(dir, "in.csv"), "0.1\n0.2\n")
	out := filepath.Join(dir, "out.csv")
	if code, msg := runHears(t, "filter", "--chain", ch, "--input", in, "--samplerate", "8000", "--output", out, "-q"); code != 0 {
		t.Fatalf("exit %d: %s", code, msg)
	}
	b, err := os.ReadFile(sidecar.PathFor(out))
	if err != nil {
		t.Fatal(err)
	}
	var meta struct {
		Model struct {
			Chain json.RawMessage `json:"chain"`
		} `json:"model"`
	}
	if err := json.Unmarshal(b, &meta); err != nil {
		t.Fatal(err)
	}
	var got bytes.Buffer
	if err := json.Compact(&got, meta.Model.Chain); err != nil || got.String() != doc {
		t.Errorf("the description quotes the chain as %s (%v), want %s", meta.Model.Chain, err, doc)
	}
}
