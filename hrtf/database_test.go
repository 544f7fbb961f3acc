package hrtf

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// copyTo copies a testdata file into dir/rel.
func copyTo(t *testing.T, src, dir, rel string) {
	t.Helper()
	b, err := os.ReadFile(src)
	if err != nil {
		t.Fatal(err)
	}
	p := filepath.Join(dir, rel)
	if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(p, b, 0o644); err != nil {
		t.Fatal(err)
	}
}

func TestDatabase(t *testing.T) {
	dir := t.TempDir()
	listen := "../testdata/sofa/LISTEN_1002_IRC_1002_C_HRIR.sofa"
	copyTo(t, listen, dir, "LISTEN_1002_IRC_1002_C_HRIR.sofa")
	// IRCAM's folder layout, raw set (the synthetic set stands in for it)
	copyTo(t, synth+"ok.sofa", dir, "IRC_1002/RAW/SOFA/IRC_1002_R_HRIR.sofa")
	copyTo(t, "../testdata/sofa/Pulse.sofa", dir, "ari/Pulse.sofa")
	copyTo(t, synth+"v04.sofa", dir, "IRC_1003/COMPENSATED/MAT/HRIR/IRC_1003_C_HRIR.mat")
	if err := os.WriteFile(filepath.Join(dir, "notes.txt"), []byte("not a set"), 0o644); err != nil {
		t.Fatal(err)
	}
	db, err := OpenDatabase(dir)
	if err != nil {
		t.Fatal(err)
	}
	if got := strings.Join(db.Subjects(), " "); got != "1002 1003 Pulse" {
		t.Fatalf("subjects %q", got)
	}
	// brian2hears' default is the raw set.
	s, err := db.Load("1002")
	if err != nil || s.Len() != 3 {
		t.Fatalf("raw 1002: %v", err)
	}
	comp, err := OpenDatabase(dir, DatabaseCompensated(true))
	if err != nil {
		t.Fatal(err)
	}
	s, err = comp.Load("1002")
	if err != nil || s.Len() != 187 || s.SampleRate() != 48000 {
		t.Fatalf("compensated 1002: %v", err)
	}
	if _, err := comp.Load("1003"); err == nil || !strings.Contains(err.Error(), "MATLAB") {
		t.Errorf("MATLAB-only subject: %v", err)
	}
	if _, err := db.Load("9999"); err == nil || !strings.Contains(err.Error(), "no subject") {
		t.Errorf("missing subject: %v", err)
	}
	// Resampling at load: the Pulse set from 48 to 44.1 kHz.
	rs, err := OpenDatabase(dir, DatabaseSampleRate(44100))
	if err != nil {
		t.Fatal(err)
	}
	p, err := rs.Load("Pulse")
	if err != nil || p.SampleRate() != 44100 || p.Taps() != 236 || p.Len() != 1250 {
		t.Fatalf("resampled Pulse: %v", err)
	}
	// Only compensated data: asking for raw is an error.
	only := t.TempDir()
	copyTo(t, listen, only, "IRC_1002_C_HRIR.sofa")
	raw, err := OpenDatabase(only, DatabaseCompensated(false))
	if err != nil {
		t.Fatal(err)
	}
	if _, err := raw.Load("1002"); err == nil || !strings.Contains(err.Error(), "no raw set") {
		t.Errorf("raw of a compensated-only subject: %v", err)
	}
	if d, err := OpenDatabase(only); err != nil {
		t.Fatal(err)
	} else if s, err := d.Load("1002"); err != nil || s.Len() != 187 {
		t.Errorf("default falls back to the compensated set: %v", err)
	}
	if _, err := OpenDatabase(t.TempDir()); err == nil {
		t.Error("empty folder: no error")
	}
	if _, err := OpenDatabase("no/such/folder"); err == nil {
		t.Error("missing folder: no error")
	}
	if _, err := OpenDatabase(dir, DatabaseSampleRate(-1)); err == nil {
		t.Error("negative rate: no error")
	}
	dup := t.TempDir()
	copyTo(t, synth+"ok.sofa", dup, "a/x.sofa")
	copyTo(t, synth+"ok.sofa", dup, "b/x.sofa")
	if _, err := OpenDatabase(dup); err == nil || !strings.Contains(err.Error(), "two sets") {
		t.Errorf("duplicate subject: %v", err)
	}
}
