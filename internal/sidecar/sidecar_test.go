package sidecar

import (
	"encoding/json"
	"os"
	"path/filepath"
	"testing"
)

// TestRoundTrip: the sidecar is valid JSON with the fields a reader needs,
// named after the data file, and the hash is the file's SHA-256.
func TestRoundTrip(t *testing.T) {
	dir := t.TempDir()
	in := filepath.Join(dir, "in.wav")
	os.WriteFile(in, []byte("abc"), 0o644)
	h, err := Hash(in)
	if err != nil || h != "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad" {
		t.Fatalf("hash %q, %v", h, err)
	}
	s := &Sidecar{SampleRate: 100, Channels: 2, CentreFrequencies: []float64{100, 200}, Input: Input{in, h}}
	p, err := s.Write(filepath.Join(dir, "out.npy"))
	if err != nil || p != filepath.Join(dir, "out.json") {
		t.Fatalf("wrote %s, %v", p, err)
	}
	var m map[string]any
	b, _ := os.ReadFile(p)
	if err := json.Unmarshal(b, &m); err != nil {
		t.Fatal(err)
	}
	if m["format"] != Format || m["data"] != "out.npy" || m["sample_rate_hz"] != 100.0 || len(m["centre_frequencies_hz"].([]any)) != 2 {
		t.Errorf("sidecar %s", b)
	}
	if h, _ := Hash("-"); h != "" {
		t.Error("hash of stdin")
	}
}
